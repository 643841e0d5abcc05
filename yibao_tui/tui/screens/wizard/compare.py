"""Compare: the same expense at the city's other grades and in the other cities, side by side.

Enter on a row makes that grade / city the current choice and goes back to the breakdown with
the amounts and the other inputs kept; a row the city cannot take says why and changes nothing.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from yibao_tui.core.money import shown
from yibao_tui.text import t
from yibao_tui.tui.screens.localized import Localized, localize
from yibao_tui.tui.wizard import alternatives, carried, not_offered
from yibao_tui.views.estimate import step_row
from yibao_tui.views.missing import figure_words, gaps
from yibao_tui.views.steps import money_text


class CompareScreen(Localized, Screen):
    CSS_PATH = "compare.tcss"
    BINDINGS = (Binding("escape", "app.pop_screen", "key.back"),
                Binding("g", "curve", "key.curve"))

    def __init__(self):
        super().__init__()

    def compose(self):
        lang = self.app.lang
        yield Header(icon="¥")
        yield Static(t("cmp.prompt", lang), id="cmp-prompt")
        yield DataTable(id="alts", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="sides"):
            yield Static(id="left", classes="side")
            yield Static(id="right", classes="side")
        yield Footer()

    def on_mount(self):
        self.title = t("title", self.app.lang)
        self.sub_title = t("step.compare", self.app.lang)
        self.fill()

    async def relabel(self):
        localize(self, self.app.lang)
        await self.recompose()
        self.on_mount()
        self.refresh_bindings()

    def fill(self):
        lang = self.app.lang
        self.alts = alternatives(self.app.catalog, self.app.sel, lang)
        table = self.query_one("#alts", DataTable)
        # Fixed widths: the option's reason wraps in its own column, the amounts stay in view.
        heads = [Text(t(k, lang), justify="right") for k in ("fund", "serious_illness", "self_pay")]
        amount_w = max(12, *(h.cell_len for h in heads))  # a header is never cut
        opt_w = max(16, self.app.size.width - 3 * amount_w - 12)  # 4 × 2 padding, scrollbar, edge
        table.add_column(t("cmp.option", lang), key="opt", width=opt_w)
        for k, head in zip(("fund", "serious_illness", "self_pay"), heads, strict=True):
            table.add_column(head, key=k, width=amount_w)
        for i, (name, policy, _g, res, err) in enumerate(self.alts):
            if res is None:
                # No figure at all: the row says why under its name (in full in the side panel).
                label = Text.assemble(name, "\n", (err or t("unknown", lang), "dim"))
                table.add_row(label, *(Text("—", justify="right", style="dim"),) * 3, key=str(i),
                              height=None)
                continue
            f, s, p, _tot = shown(res, policy)
            label = Text(name)
            if res.missing:  # which figures the unknown amounts wait on, in words
                label.append("\n" + t("cmp.why_unknown", lang, what=[
                    figure_words(policy, m, lang) for m in res.missing]), style="dim")
            table.add_row(label, *(Text(money_text(x, lang), justify="right") for x in (f, s, p)),
                          key=str(i), height=None)
        self.query_one("#left", Static).update(self.side(0))
        table.move_cursor(row=1 if len(self.alts) > 1 else 0)
        table.focus()

    def side(self, i):
        lang = self.app.lang
        name, policy, _g, res, err = self.alts[i]
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_row(Text(name, style="bold"), "")
        if res is None:
            return Group(grid, Text(err or "", style="dim"))
        for r in (step_row(policy, st, lang) for st in res.steps):
            if r.amount:
                grid.add_row(r.label, r.amount)
        tot = shown(res, policy)[3]
        grid.add_row(Text(t("total", lang), style="bold"), money_text(tot, lang))
        if res.missing or res.unchecked:
            return Group(grid, Text("\n".join(gaps(policy, res.missing, res.unchecked, lang)),
                                    style="red" if res.missing else "yellow"))
        return grid

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted):
        self.query_one("#right", Static).update(self.side(event.cursor_row))

    def action_curve(self):
        """The current choice and the highlighted row: their self-pay on one plot."""
        from yibao_tui.tui.screens.wizard.curve import for_choices

        i = self.query_one("#alts", DataTable).cursor_row
        screen = for_choices(self.app, self.alts[0], self.alts[i])
        if screen is not None:
            self.app.push_screen(screen)

    def on_data_table_row_selected(self, event: DataTable.RowSelected):
        event.stop()
        self.choose(event.cursor_row)

    def choose(self, i):
        """Row ``i`` becomes the current choice (row 0 already is: just go back)."""
        app, lang = self.app, self.app.lang
        name, policy, grade, res, err = self.alts[i]
        if i == 0:
            app.pop_screen()
            return
        why = not_offered(policy, app.sel, lang)
        if why or res is None:
            # A "not offered" reason names the city itself; an engine message does not.
            msg = (t("cmp.kept_why", lang, why=why) if why
                   else t("cmp.kept", lang, name=name, why=err or t("unknown", lang)))
            # Said on the screen's own line, not in a toast over the figures.
            self.query_one("#cmp-prompt", Static).update(Text(msg, style="bold yellow"))
            return
        sel, notes = carried(app.catalog, app.sel, policy.city, grade, lang)
        app.sel = sel
        app.pop_screen()  # off the stack at once (not awaited: this screen is the one going)
        # Said on the breakdown's status line, under the figures (no toast over them).
        app.news = " ".join([t("cmp.now", lang, name=name), *notes])
        app.goto("breakdown")  # rebuilt for the new city: context line, cross-region choices
