"""A year for the family: per member fund, 大病, account, cash and total, the household's totals;
the selected member's visits (with whose account paid) and the accounts below."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from yibao_tui.core import household as H
from yibao_tui.core.safe import safe
from yibao_tui.text import t
from yibao_tui.tui.screens.household.base import HouseholdBase
from yibao_tui.tui.widgets.document_text import document_text
from yibao_tui.tui.widgets.plain import PlainTable
from yibao_tui.views.year import household_year_document, member_year_document, members_section

COLS = ("fund", "serious_illness", "account", "cash", "total")
MONEY_W = 11


class YearScreen(HouseholdBase):
    SUBTITLE = "hh.year.title"
    BINDINGS = (Binding("escape", "app.pop_screen", "key.back", id="household_year.back"),
                Binding("[", "other_year(1)", "hhy.key.past", id="household_year.past"),
                Binding("]", "other_year(-1)", "hhy.key.past", show=False, id="household_year.later"))

    def __init__(self, year=None):
        super().__init__()
        self.year = year  # None: the household's own year; else a year the file keeps

    def body(self):
        yield Static(id="yr-head", classes="status")
        yield PlainTable(id="year", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="hh-detail"):
            yield Static(id="yr-detail")

    def view(self):
        """(household, policies) of the year shown: the household's own, or one kept."""
        s = self.app.hh
        return s.year_view(self.year) if self.year is not None else (s.household, s.policies)

    def action_other_year(self, step):
        """[ an earlier year the file keeps, ] a later one (read-only); wraps round."""
        s = self.app.hh
        years = H.years(s.household)  # newest first
        i = years.index(self.year if self.year is not None else s.household.year)
        y = years[(i + step) % len(years)]
        self.year = None if y == s.household.year else y
        self.setup()

    def setup(self):
        lang = self.lang
        h, pols = self.view()
        self.hy = hy = self.app.hh.run_year() if self.year is None else H.run_year(h, pols)
        key = "hh.year.head" if self.year is None else "hhy.year.past_head"
        self.query_one("#yr-head", Static).update(
            Text(t(key, lang, name=safe(h.name), year=h.year), style="bold"))
        table = self.query_one("#year", DataTable)
        table.clear(columns=True)
        table.add_column(t("hh.col.name", lang), key="name")  # as wide as the longest name
        for k in COLS:
            table.add_column(Text(t(f"hh.yr.{k}", lang), justify="right"), width=MONEY_W, key=k)
        self.keys = []
        for r in members_section(h, hy, lang).rows:  # each member's figures, then the family's
            style = "bold" if r.strong else ""
            if r.status == "broken":
                table.add_row(r.label, Text("✗", style="bold red", justify="right"),
                              *([""] * (len(COLS) - 1)), key=r.key)
            else:
                figs = {f.key: f for f in r.figures}
                table.add_row(Text(r.label, style=style),
                              *(Text(figs[k].cell, justify="right", style=style) for k in COLS),
                              key=r.key)
            self.keys.append(r.key)
        table.focus()
        self.show(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted):
        self.show(event.cursor_row)

    def show(self, row):
        key = self.keys[row] if 0 <= row < len(self.keys) else "*"
        text = self.household_text() if key == "*" else self.member_text(key)
        self.query_one("#yr-detail", Static).update(text)

    def member_text(self, mid):
        h, pols = self.view()
        return document_text(member_year_document(h, self.hy, mid, pols, self.lang),
                             max(40, self.app.size.width - 4))

    def household_text(self):
        h, pols = self.view()
        return document_text(household_year_document(h, self.hy, pols, self.lang),
                             max(40, self.app.size.width - 4))


SCREEN = YearScreen
