"""The dialog every household form is: title, rows of label + field, an inline message, a hint."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from yibao_tui.core import household as H
from yibao_tui.core.amount import MAX_AMOUNT, AmountError, parse_amount
from yibao_tui.text import t
from yibao_tui.tui.screens.localized import Localized

ID_RE = H.ID_RE


class Form(Localized, ModalScreen):
    """A dialog: title, rows of label + field, an inline message, a hint. ctrl+s or Enter in a
    text field submits; Esc cancels."""

    CSS_PATH = "../household.tcss"
    BINDINGS = (Binding("escape", "cancel", "key.close"),
                Binding("ctrl+s", "submit", "hh.key.ok"))
    TITLE_KEY = ""
    HINT_KEY = "hh.form.hint"

    def __init__(self):
        super().__init__()


    @property
    def session(self):
        return self.app.hh

    def compose(self):
        with VerticalScroll(id="dialog"):
            yield Static(self.title_text(), classes="dialog-title")
            yield from self.fields()
            yield Static("", id="form-msg")
            yield Static(t(self.HINT_KEY, self.lang), classes="hint")

    def title_text(self):
        return t(self.TITLE_KEY, self.lang)

    def fields(self):
        return ()

    def row(self, key, widget, **kw):
        with Horizontal(classes="form-row"):
            yield Label(t(key, self.lang, **kw), classes="form-label")
            yield widget

    def on_mount(self):
        first = next(iter(self.query("Input, Select, OptionList")), None)
        if first is not None:
            first.focus()

    def say(self, msg):
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


def money_box(text, label_key, lang, errs):
    """A money box's figure by the one amount rule (``core.amount.parse_amount``): a Decimal,
    or None when empty; a bad figure adds "label: why" to ``errs`` (an inline message)."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_amount(text)
    except AmountError as e:
        errs.append(t(label_key, lang).removesuffix(t("hh.optional", lang)) + t("hh.colon", lang)
                    + t(f"money.{e.code}", lang, v=text, max=f"{MAX_AMOUNT:,}"))
        return None
