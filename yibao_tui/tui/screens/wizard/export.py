"""Export the breakdown to a Markdown file (atomic, mode 0600) and copy it via OSC 52."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from yibao_tui.text import t
from yibao_tui.tui.screens.wizard.base import localize
from yibao_tui.tui.wizard import default_export_name, export, markdown


class ExportScreen(ModalScreen):
    CSS_PATH = "modal.tcss"
    BINDINGS = (Binding("escape", "app.pop_screen", "key.close"),)

    def __init__(self, result):
        super().__init__()
        self.result = result
        localize(self, self.app.lang)

    def compose(self):
        lang = self.app.lang
        with Vertical(id="dialog"):
            yield Static(t("exp.title", lang), classes="dialog-title")
            yield Static(t("exp.path", lang))
            path = Input(default_export_name(self.app.sel), id="path", compact=True)
            path.cursor_blink = False
            yield path
            yield Static("", id="exp-msg")
            yield Static(t("exp.hint", lang), classes="hint")

    def on_mount(self):
        self.query_one("#path").focus()

    async def relabel(self):
        localize(self, self.app.lang)
        value = self.query_one("#path", Input).value
        await self.recompose()
        self.query_one("#path", Input).value = value
        self.on_mount()

    def on_input_submitted(self, event: Input.Submitted):
        lang = self.app.lang
        msg = self.query_one("#exp-msg", Static)
        path = event.value.strip()
        if not path:
            msg.update(t("exp.empty", lang))
            return
        text = markdown(self.app.policy, self.app.sel, self.result, lang)
        try:
            written = export(path, text)
        except OSError as e:
            msg.update(t("exp.failed", lang, err=e.strerror or str(e)))
            return
        self.app.copy_to_clipboard(text)
        self.dismiss()
        self.app.notify(t("exp.done", lang, path=written), timeout=6)
