"""What every wizard screen shares: header, size notice, footer, bilingual bindings, Esc back."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header

from yibao_tui.text import t
from yibao_tui.tui.screens.localized import Localized, localize
from yibao_tui.tui.widgets.footer import QuietFooter
from yibao_tui.tui.widgets.size_notice import SizeNotice


class WizardScreen(Localized, Screen):
    """A step of the wizard. Subclasses set STEP and implement ``body()``."""

    STEP = ""
    BINDINGS = (Binding("escape", "back", "key.back", id="wizard.back"),
                Binding("f5", "app.households", "key.households", id="wizard.households"),
                Binding("h", "app.households", "key.households", show=False, id="wizard.households"))

    def __init__(self):
        super().__init__()


    @property
    def sel(self):
        return self.app.sel

    def compose(self):
        yield Header(icon="¥")
        yield SizeNotice()
        yield from self.body()
        yield QuietFooter()

    def body(self):
        return ()

    def on_mount(self):
        self.sub_title = t(f"step.{self.STEP}", self.lang)
        self.title = t("title", self.lang)
        self.setup()
        self.app.first_frame(self)

    def setup(self):
        """After compose and after every language switch: highlights, focus, figures."""

    def on_resize(self):
        for n in self.query(SizeNotice):
            n.check()

    def action_back(self):
        self.app.back()

    async def relabel(self):
        """The language changed: rebuild in place, keeping focus where it was."""
        localize(self, self.lang)
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        self.sub_title = t(f"step.{self.STEP}", self.lang)
        self.title = t("title", self.lang)
        self.setup()
        if focused:
            for w in self.query(f"#{focused}"):
                w.focus()
        self.refresh_bindings()
