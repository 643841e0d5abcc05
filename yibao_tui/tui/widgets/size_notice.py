"""A one-line notice when the terminal is smaller than the full view needs (80×24)."""

from __future__ import annotations

from textual.widgets import Static

from yibao_tui.text import t

MIN_W, MIN_H = 80, 24


class SizeNotice(Static):
    DEFAULT_CSS = """
    SizeNotice { height: 1; background: $warning; color: $text; display: none; }
    """

    def on_mount(self):
        self.check()

    def check(self):
        w, h = self.app.size
        small = w < MIN_W or h < MIN_H
        self.display = small
        if small:
            self.update(t("too_small", self.app.lang, w=w, h=h))
