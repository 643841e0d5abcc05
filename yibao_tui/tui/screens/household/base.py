"""What every household screen is: header, size notice, body, footer; rebuilt on a language
switch. Its own module so the list, household and year screens import it, not each other."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Header

from yibao_tui.text import t
from yibao_tui.tui.screens.localized import Localized, localize
from yibao_tui.tui.widgets.footer import QuietFooter
from yibao_tui.tui.widgets.size_notice import SizeNotice


class HouseholdBase(Localized, Screen):
    """Header, size notice, body, footer; bilingual bindings; rebuilt on a language switch."""

    CSS_PATH = "household.tcss"
    SUBTITLE = ""

    def __init__(self):
        super().__init__()


    def compose(self):
        yield Header(icon="¥")
        yield SizeNotice()
        yield from self.body()
        # Compact, and the detail screen keeps some keys off it (HELP_KEYS, shown by F1), so
        # F1 help and F2 language stay on it at 80 columns.
        yield QuietFooter(compact=True)

    def body(self):
        return ()

    def on_mount(self):
        self.title = t("title", self.lang)
        self.sub_title = t(self.SUBTITLE, self.lang)
        self.setup()

    def setup(self):
        """After compose and after every language switch."""

    def on_resize(self):
        for n in self.query(SizeNotice):
            n.check()

    async def relabel(self):
        localize(self, self.lang)
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        self.on_mount()
        if focused:
            for w in self.query(f"#{focused}"):
                w.focus()
        self.refresh_bindings()
