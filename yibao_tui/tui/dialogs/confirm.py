"""Asking before a destructive action: a small modal with the question and Yes / No.

In the style of posting's ConfirmationModal: the question names what goes, ``y`` or the Yes
button confirms, ``n``, Esc or the No button keep things as they are (the default: No has the
focus, so Enter alone never deletes)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from yibao_tui.text import t
from yibao_tui.tui.dialogs.base import DIALOG_CSS
from yibao_tui.tui.screens.localized import Localized


class ConfirmationModal(Localized, ModalScreen[bool]):
    """Dismisses True (yes) or False (no, Esc)."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = (Binding("escape", "no", "hh.confirm.no", id="confirm.no"),
                Binding("y", "yes", "hh.confirm.yes", show=False, id="confirm.yes"),
                Binding("n", "no", "hh.confirm.no", show=False, id="confirm.no"))

    def __init__(self, question, yes_key="hh.confirm.yes"):
        super().__init__()
        self.question = question
        self.yes_key = yes_key

    def compose(self):
        lang = self.app.lang
        with Vertical(id="confirm"):
            # The question names what goes (a member's name, a note): plain text, never markup.
            yield Static(Text(self.question) if isinstance(self.question, str) else self.question,
                         id="confirm-q")
            with Horizontal(id="confirm-buttons"):
                yield Button(t(self.yes_key, lang), id="confirm-yes", variant="error", compact=True)
                yield Button(t("hh.confirm.no", lang), id="confirm-no", variant="primary",
                             compact=True)
            yield Static(t("hh.confirm.hint", lang), classes="hint")

    def on_mount(self):
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed):
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_yes(self):
        self.dismiss(True)

    def action_no(self):
        self.dismiss(False)

    async def relabel(self):
        pass  # asked in one language: it closes before anything else changes
