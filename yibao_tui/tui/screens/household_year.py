"""A year for the family: per member fund, 大病, account, cash and total, the household's totals;
the selected member's visits (with whose account paid) and the accounts below."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from yibao_tui.core.engine import yuan
from yibao_tui.core.policy import LABELS
from yibao_tui.text import label, render, t
from yibao_tui.tui.screens.household_base import HouseholdBase

COLS = ("fund", "serious_illness", "account", "cash", "total")
MONEY_W = 11


def amount(d, lang, style=""):
    return Text(t("unknown", lang) if d is None else yuan(d), justify="right", style=style)


class YearScreen(HouseholdBase):
    SUBTITLE = "hh.year.title"
    BINDINGS = (Binding("escape", "app.pop_screen", "key.back"),)

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
            Text(t("hh.year.head", lang, name=h.name, year=h.year), style="bold"))
        table = self.query_one("#year", DataTable)
        table.clear(columns=True)
        table.add_column(t("hh.col.name", lang), width=10, key="name")
        for k in COLS:
            table.add_column(Text(t(f"hh.yr.{k}", lang), justify="right"), width=MONEY_W, key=k)
        self.keys = []
        for my in hy.members:
            if not my.member.visits:
                continue
            if my.error:
                table.add_row(my.member.name, Text("✗", style="bold red", justify="right"),
                              *([""] * (len(COLS) - 1)), key=my.member.id)
            else:
                table.add_row(my.member.name, *(amount(getattr(my.totals, k), lang) for k in COLS),
                              key=my.member.id)
            self.keys.append(my.member.id)
        table.add_row(Text(t("hh.yr.household", lang), style="bold"),
                      *(amount(getattr(hy.totals, k), lang, "bold") for k in COLS), key="*")
        self.keys.append("*")
        table.focus()
        self.show(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted):
        self.show(event.cursor_row)

    def show(self, row):
        key = self.keys[row] if 0 <= row < len(self.keys) else "*"
        text = self.household_text() if key == "*" else self.member_text(key)
        self.query_one("#yr-detail", Static).update(text)

    def visit_line(self, text, r):
        lang, h = self.lang, self.app.hh.household
        v = r.visit
        care = label(LABELS[v.care], lang) + (f" {label(LABELS[v.grade], lang)}" if v.grade else "")
        text.append(f"{t('hh.month', lang, m=v.month)} {h.member(r.member).name} {care} ",
                    style="bold")
        text.append(f"{t('total', lang)} {yuan(r.total) if r.total is not None else t('unknown', lang)}\n")
        parts = [f"{t('hh.yr.' + k, lang)} {amount(getattr(r, k), lang).plain}"
                 for k in ("fund", "serious_illness", "self_pay", "account", "cash")]
        text.append("  " + " · ".join(parts) + "\n")
        for hid, x in r.draws:
            text.append(f"  ↳ {t('hh.yr.drawn', lang, who=h.member(hid).name)} "
                        f"{amount(x, lang).plain}\n", style="dim")
        for n in r.notes:
            text.append(f"  ※ {render(n, lang)}\n", style="dim")

    def member_text(self, mid):
        hy = self.hy
        my = next(x for x in hy.members if x.member.id == mid)
        text = Text()
        if my.error:
            text.append(f"✗ {render(my.error, self.lang)}\n", style="bold red")
            return text
        for r in my.rows:
            self.visit_line(text, r)
        acc = hy.accounts.get(mid)
        if acc is not None:
            self.account_line(text, acc)
        return text

    def account_line(self, text, acc):
        lang, h = self.lang, self.app.hh.household
        text.append(t("hh.yr.account_line", lang, who=h.member(acc.holder).name,
                      opening=yuan(acc.opening), credited=yuan(acc.credited),
                      drawn=amount(acc.drawn, lang).plain,
                      closing=amount(acc.closing, lang).plain) + "\n")
        if acc.credit_row and acc.credit_row.get("quote"):
            text.append(f"  ↳ {acc.credit_row['source']}：“{acc.credit_row['quote']}”\n",
                        style="dim")
        if acc.credit_note:
            text.append(f"  ※ {render(acc.credit_note, lang)}\n", style="dim")

    def household_text(self):
        lang, hy = self.lang, self.hy
        text = Text()
        if not hy.rows:
            text.append(t("hh.yr.no_visits", lang) + "\n", style="dim")
        for r in hy.rows:
            self.visit_line(text, r)
        for acc in hy.accounts.values():
            self.account_line(text, acc)
        for _mid, msg in hy.check.problems:
            text.append(f"✗ {render(msg, lang)}\n", style="bold red")
        sep = "：" if lang == "zh" else ": "
        for r in hy.check.broken:
            text.append(f"✗ {r.holder} → {r.beneficiary or '*'}{sep}{t('rule_name.' + r.rule, lang)}{sep}"
                        f"{render(r.msg, lang)} {t('hh.yr.not_drawn', lang)}\n", style="red")
        for n in hy.notes:
            text.append(f"※ {render(n, lang)}\n", style="dim")
        return text


SCREEN = YearScreen
