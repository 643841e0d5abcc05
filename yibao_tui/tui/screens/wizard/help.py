"""Help: the keys and a glossary of the terms (起付线, 统筹基金, 大病保险, 共济 …)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from yibao_tui.text import GLOSSARY, render, t
from yibao_tui.tui.screens.localized import Localized, localize

KEYS = ("help.k.close", "help.k.enter", "help.k.esc", "help.k.help", "help.k.lang", "help.k.compare",
        "help.k.export", "help.k.table", "help.k.more", "help.k.supply", "help.k.slip",
        "help.k.curve", "help.k.households", "help.k.quit")
MARKS = ("help.m.source", "help.m.unknown", "help.m.choice")


class HelpScreen(Localized, ModalScreen):
    CSS_PATH = "modal.tcss"
    DEFAULT_CLASSES = "wizard-modal"  # modal.tcss is scoped to these dialogs
    BINDINGS = (Binding("escape", "app.pop_screen", "key.close", id="help.close"),
                Binding("f1", "app.pop_screen", "key.close", show=False, id="help.close"),
                # A modal screen shadows the app's non-priority keys: F2 is offered here too.
                Binding("f2", "app.toggle_lang", "key.lang", show=False, id="help.toggle_lang"))

    def __init__(self):
        super().__init__()
        # Keys of the screen underneath that its footer has no room for (household screens).
        self.here = getattr(self.app.screen, "HELP_KEYS", ())

    def compose(self):
        lang = self.app.lang
        with VerticalScroll(id="dialog"):
            yield Static(t("help.title", lang), classes="dialog-title")
            if self.here:
                yield Static(Text(t("help.here", lang), style="bold"))
                yield Static("\n".join(t(k, lang) for k in self.here))
                yield Static(Text(t("help.keys", lang), style="bold"), classes="gap")
            else:
                yield Static(Text(t("help.keys", lang), style="bold"))
            yield Static("\n".join(t(k, lang) for k in KEYS))
            yield Static(Text(t("help.marks", lang), style="bold"), classes="gap")
            yield Static("\n".join(t(k, lang) for k in MARKS))
            yield Static(Text(t("help.glossary", lang), style="bold"), classes="gap")
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, style="bold")
            grid.add_column(ratio=1, overflow="fold")
            for zh, en, mzh, men in GLOSSARY:
                # the term in this language; its meaning, then the term in the other one
                grid.add_row(render((zh, en), lang),
                             t("help.gloss", lang, meaning=(mzh, men), other=(en, zh)))
            yield Static(grid)

    def on_mount(self):
        self.query_one("#dialog").focus()

    async def relabel(self):
        localize(self, self.app.lang)
        await self.recompose()
        self.on_mount()
