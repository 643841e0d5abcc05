"""A new household: its name and year."""

from __future__ import annotations

from textual.widgets import Input

from yibao_tui.core.household import calendar
from yibao_tui.text import t
from yibao_tui.tui.screens.household.forms.base import Form, text_input
from yibao_tui.tui.session import EditError, Session


class NewHouseholdForm(Form):
    TITLE_KEY = "hh.new.title"

    def fields(self):
        yield from self.row("hh.f.hh_name", text_input("", "f-hname"))
        yield from self.row("hh.f.year", text_input(str(calendar.current_year()), "f-year"))

    def action_submit(self):
        lang = self.lang
        name = self.query_one("#f-hname", Input).value.strip()
        year = self.query_one("#f-year", Input).value.strip()
        errs = []
        if not name:
            errs.append(t("hh.bad.hh_name", lang))
        if not (year.isdigit() and 2000 <= int(year) <= 2100):
            errs.append(t("hh.bad.year", lang))
        if errs:
            self.say("\n".join(errs))
            return
        try:
            s = Session.new(name, int(year), self.app.profiles, self.app.dirs)
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(s)
