"""Save the household under another file name."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, Static

from yibao_tui.core.safe import safe
from yibao_tui.storage import store
from yibao_tui.text import t
from yibao_tui.tui.dialogs.base import Dialog, text_input


class SaveAsForm(Dialog):
    TITLE_KEY = "hh.saveas.title"

    def fields(self):
        d = store.households_dir(self.app.profiles)
        yield Static(Text(t("hh.saveas.where", self.lang, dir=safe(d))), classes="hint")
        yield from self.row("hh.f.file", text_input(self.session.path.stem + "-2"
                                                    if self.session.path else "", "f-file"))

    def action_submit(self):
        name = self.query_one("#f-file", Input).value.strip()
        if not name:
            self.say(t("exp.empty", self.lang))
            return
        try:
            path = self.session.save_as(name)
        except (store.StoreError, OSError) as e:
            self.say(t("hh.save_failed", self.lang, err=str(e)))
            return
        self.app.notify(t("hh.saved", self.lang, path=path))
        self.dismiss(True)
