"""A year for the family: per member fund, 大病, account, cash and total, the household's totals;
the selected member's visits (with whose account paid) and the accounts below."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from yibao_tui.core.safe import safe
from yibao_tui.text import t
from yibao_tui.tui.screens.household.base import HouseholdBase
from yibao_tui.tui.widgets.document_text import document_text
from yibao_tui.views.year import household_year_document, member_year_document, members_section

COLS = ("fund", "serious_illness", "account", "cash", "total")
MONEY_W = 11


class YearScreen(HouseholdBase):
    SUBTITLE = "hh.year.title"
    BINDINGS = (Binding("escape", "app.pop_screen", "key.back", id="household_year.back"),)

    def body(self):
        yield Static(id="yr-head", classes="status")
        yield DataTable(id="year", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="hh-detail"):
            yield Static(id="yr-detail")

    def setup(self):
        lang = self.lang
        s = self.app.hh
        self.hy = hy = s.run_year()
        h = s.household
        self.query_one("#yr-head", Static).update(
            Text(t("hh.year.head", lang, name=safe(h.name), year=h.year), style="bold"))
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
        s = self.app.hh
        return document_text(member_year_document(s.household, self.hy, mid, s.policies, self.lang),
                             max(40, self.app.size.width - 4))

    def household_text(self):
        s = self.app.hh
        return document_text(household_year_document(s.household, self.hy, s.policies, self.lang),
                             max(40, self.app.size.width - 4))


SCREEN = YearScreen
