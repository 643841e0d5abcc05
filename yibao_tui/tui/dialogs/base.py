"""The frame every dialog is: title, rows of label + field, an inline message, a hint."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from yibao_tui.text import t
from yibao_tui.tui.screens.localized import Localized
from yibao_tui.tui.widgets.plain import plain

# Absolute: Textual resolves a relative CSS_PATH beside the most derived class's module, and
# dialogs are subclassed in other packages (the household forms).
DIALOG_CSS = Path(__file__).with_name("dialogs.tcss")


class Dialog(Localized, ModalScreen):
    """A dialog: title, rows of label + field, an inline message, a hint. ctrl+s or Enter in a
    text field submits; Esc cancels (dismisses None)."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = (Binding("escape", "cancel", "key.close", id="dialog.cancel"),
                Binding("ctrl+s", "submit", "hh.key.ok", id="dialog.submit"))
    TITLE_KEY = ""
    HINT_KEY = "hh.form.hint"

    @property
    def session(self):
        """The household being edited (the app's ``hh``), for the dialogs that act on it."""
        return self.app.hh

    def compose(self):
        with VerticalScroll(id="dialog"):
            yield Static(plain(self.title_text()), classes="dialog-title")  # may hold a name
            yield from self.fields()
            yield Static("", id="form-msg")
            yield Static(t(self.HINT_KEY, self.lang), classes="hint")

    def title_text(self):
        return t(self.TITLE_KEY, self.lang)

    def fields(self):
        return ()

    def row(self, key, widget, **kw):
        with Horizontal(classes="form-row"):
            yield Label(plain(t(key, self.lang, **kw)), classes="form-label")
            yield widget

    def on_mount(self):
        first = next(iter(self.query("Input, Select, OptionList")), None)
        if first is not None:
            first.focus()

    def say(self, msg):
        """An inline message (a refusal, why a save failed), shown as plain text: never markup."""
        box = self.query_one("#form-msg", Static)
        box.update(Text(msg))
        box.display = bool(msg)

    def action_cancel(self):
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted):
        event.stop()
        self.action_submit()

    def action_submit(self):
        raise NotImplementedError

    async def relabel(self):
        pass  # a dialog keeps its language until closed: rebuilding would lose what was typed


def text_input(value, id, placeholder=""):
    w = Input("" if value is None else str(value), placeholder=placeholder, id=id, compact=True)
    w.cursor_blink = False  # stable snapshots
    return w


def value_of(select):
    v = select.value
    return None if v is Select.NULL or v == Select.NULL else v
