"""Your own figures for this city (``yibao supplied``), from the breakdown: Enter on one asks, then
removes it; the estimate goes back to what the sources give (or to a range) at once."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from yibao_tui.storage import supplied
from yibao_tui.text import render, t
from yibao_tui.tui.screens.localized import Localized
from yibao_tui.tui.widgets.plain import plain
from yibao_tui.views.unknowns import name


def mine(policy, problems=None):
    """[(number in the file, entry)] of the user's figures for ``policy``'s city and year; [] when
    the file cannot be read (its problem, a Msg, appended to ``problems``; the file untouched)."""
    try:
        entries = supplied.read()
    except supplied.SuppliedFileError as e:  # a broken or untrusted file: said, never a traceback
        if problems is not None:
            problems.append(e.msg)
        return []
    return [(n, e) for n, e in enumerate(entries, 1)
            if e.get("city", policy.city) == policy.city and e.get("year", policy.year) == policy.year]


class YoursScreen(Localized, ModalScreen[bool]):
    """Dismisses True when a figure was removed."""

    CSS_PATH = "modal.tcss"
    DEFAULT_CLASSES = "wizard-modal"  # modal.tcss is scoped to these dialogs
    BINDINGS = (Binding("escape", "close", "key.close", id="supplied.close"),)

    def __init__(self, policy):
        super().__init__()
        self.policy = policy
        self.problems = []
        self.entries = mine(policy, self.problems)
        self.removed = False

    def compose(self):
        lang = self.lang
        with Vertical(id="dialog"):
            yield Static(plain(t("yours.title", lang, city=self.policy.name)), classes="dialog-title")
            yield OptionList(*(Option(plain(self.label(n, e)), id=str(n)) for n, e in self.entries),
                             id="yours")
            yield Static(plain(render(self.problems[0], lang)) if self.problems
                         else t("yours.hint", lang), classes="hint")

    def label(self, n, e):
        figure = name(self.policy, e.get("path", ""), self.lang)
        return t("yours.item", self.lang, n=n, figure=figure, value=str(e.get("value")),
                 note=render(e.get("note", ""), self.lang))

    def on_mount(self):
        self.query_one("#yours").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected):
        from yibao_tui.tui.dialogs.confirm import ConfirmationModal

        n = int(event.option.id)
        entry = dict(self.entries)[n]

        def chosen(yes):
            if yes:
                supplied.remove(n)
                self.dismiss(True)

        question = t("yours.confirm", self.lang, item=self.label(n, entry))
        self.app.push_screen(ConfirmationModal(question, "yours.remove"), chosen)

    def action_close(self):
        self.dismiss(False)
