"""A question with a few answers, each on a key."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from yibao_tui.text import t
from yibao_tui.tui.dialogs.base import Dialog


class Choice(Dialog):
    """A question with a few answers, each on a key; Esc cancels."""

    HINT_KEY = "hh.choice.hint"
    CHOICES = ()  # (answer id, key, i18n key)

    def fields(self):
        q = self.question()
        yield Static(Text(q) if isinstance(q, str) else q, id="question")  # names: never markup
        yield OptionList(*[Option(f"{k}  {t(lab, self.lang)}", id=a) for a, k, lab in self.CHOICES],
                         id="choices", compact=True)

    def question(self):
        return ""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected):
        self.answer(event.option_id)

    def on_key(self, event):
        for a, k, _lab in self.CHOICES:
            if event.key == k:
                event.stop()
                self.answer(a)

    def answer(self, a):
        self.dismiss(a)

    def action_submit(self):
        ol = self.query_one("#choices", OptionList)
        if ol.highlighted is not None:
            self.answer(ol.options[ol.highlighted].id)
