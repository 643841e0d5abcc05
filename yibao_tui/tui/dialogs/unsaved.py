"""Leaving with unsaved changes: save / discard / cancel."""

from __future__ import annotations

from yibao_tui.core.safe import safe
from yibao_tui.text import t
from yibao_tui.tui.dialogs.choice import Choice


class UnsavedForm(Choice):
    """Leaving with unsaved changes: save / discard / cancel."""

    TITLE_KEY = "hh.unsaved.title"
    CHOICES = (("save", "s", "hh.unsaved.save"), ("discard", "d", "hh.unsaved.discard"),
               ("cancel", "c", "hh.unsaved.cancel"))

    def question(self):
        return t("hh.unsaved.q", self.lang, name=safe(self.session.household.name))

    def answer(self, a):
        self.dismiss(None if a == "cancel" else a)
