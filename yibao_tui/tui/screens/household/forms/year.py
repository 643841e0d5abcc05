"""The household's year: the policy year every member's estimate, premium and cover use."""

from __future__ import annotations

from textual.widgets import Input, Static

from yibao_tui.text import t
from yibao_tui.tui.screens.household.forms.base import Form, text_input
from yibao_tui.tui.session import EditError


class YearForm(Form):
    TITLE_KEY = "hhy.year.title"

    def fields(self):
        h = self.session.household
        yield Static(t("hhy.year.explain", self.lang), classes="hint")
        yield from self.row("hh.f.year", text_input(str(h.year), "f-year"))

    def action_submit(self):
        text = self.query_one("#f-year", Input).value.strip()
        if not (text.isdigit() and 2000 <= int(text) <= 2100):
            self.say(t("hh.bad.year", self.lang))
            return
        try:
            self.session.set_year(int(text))
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(int(text))
