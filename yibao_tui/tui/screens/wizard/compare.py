"""Compare: the same expense at the city's other grades and in the other cities, side by side.

Enter on a row makes that grade / city the current choice and goes back to the breakdown with
the amounts and the other inputs kept; a row the city cannot take says why and changes nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from yibao_tui.text import t
from yibao_tui.tui.screens.localized import Localized, localize
from yibao_tui.tui.widgets.footer import QuietFooter
from yibao_tui.tui.widgets.plain import PlainTable
from yibao_tui.tui.widgets.visit_panes import Q_STYLE, side_panel
from yibao_tui.tui.wizard import alternatives, carried, not_offered
from yibao_tui.views.compare import comparison_document


class CompareScreen(Localized, Screen):
    CSS_PATH = "compare.tcss"
    BINDINGS = (Binding("escape", "app.pop_screen", "key.back", id="compare.back"),
                Binding("g", "curve", "key.curve", id="compare.curve"))

    def __init__(self):
        super().__init__()

    def compose(self):
        lang = self.app.lang
        yield Header(icon="¥")
        yield Static(t("cmp.prompt", lang), id="cmp-prompt")
        yield PlainTable(id="alts", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="sides"):
            yield Static(id="left", classes="side")
            yield Static(id="right", classes="side")
        yield QuietFooter()

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
        self.doc = comparison_document(self.alts, self.app.sel.person(), lang)
        sec = self.doc.section("compare")
        table = self.query_one("#alts", DataTable)
        # Fixed widths: the option's reason wraps in its own column, the amounts stay in view.
        heads = [Text(h, justify="right") for h, _f in sec.columns[1:]]
        # A header is never cut, nor a range (1,980.00–4,950.00: no range line in a table).
        amount_w = max(12, *(h.cell_len for h in heads),
                       *(len(f.cell) for r in sec.rows for f in r.figures))
        opt_w = max(16, self.app.size.width - 3 * amount_w - 12)  # 4 × 2 padding, scrollbar, edge
        table.add_column(sec.columns[0][0], key="opt", width=opt_w)
        for (_h, field), head in zip(sec.columns[1:], heads, strict=True):
            table.add_column(head, key=field, width=amount_w)
        for r in sec.rows:
            label = Text(r.label)
            if r.text:  # why a figure is unknown, or why there is none, under the name
                label.append("\n" + r.text, style="dim")
            if not r.figures:
                table.add_row(label, *(Text("—", justify="right", style="dim"),) * 3, key=r.key,
                              height=None)
                continue
            table.add_row(label, *(Text(f.cell, justify="right", style=Q_STYLE[f.qualifier.kind]
                                        if f.qualifier.kind != "exact" else "")
                                   for f in r.figures), key=r.key, height=None)
        self.query_one("#left", Static).update(self.side(0))
        table.move_cursor(row=1 if len(self.alts) > 1 else 0)
        table.focus()

    def side(self, i):
        row = self.doc.section("compare").rows[i]
        return side_panel(row.label, self.doc.meta["visits"][i], row.text)

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
