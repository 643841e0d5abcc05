"""Step 4: the expenses on the left, the cited breakdown on the right, recomputed per keystroke.

Below them: the totals, a stacked bar of who pays what, and the source quote and note of the
selected step. Unknown figures read 未知/unknown with what is missing, never 0.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from yibao_tui.core.amount import MAX_AMOUNT, group, parse_money
from yibao_tui.core.engine import excluded_by
from yibao_tui.core.money import shown
from yibao_tui.core.policy import CROSS_REGION
from yibao_tui.text import city_year, label, render, t, term
from yibao_tui.tui.screens.wizard.base import WizardScreen
from yibao_tui.tui.screens.wizard.breakdown_keys import BreakdownKeys
from yibao_tui.tui.widgets.check_list import CheckList
from yibao_tui.tui.widgets.money_input import MoneyInput
from yibao_tui.tui.widgets.stacked_bar import SEGMENTS, UNKNOWN, StackedBar
from yibao_tui.tui.wizard import (
    MONEY_PARTS,
    compute,
)
from yibao_tui.views.estimate import range_lines, step_row
from yibao_tui.views.missing import gaps
from yibao_tui.views.steps import money_text
from yibao_tui.views.text import wrap

AMOUNT_W = 12
WIDE = 72  # table width from which step, arithmetic and amount get a column each


def context_line(policy, sel, lang):
    care = policy.care(sel.scheme, sel.care)
    parts = [city_year(policy, lang), term(sel.scheme, lang), term(sel.category, lang),
             label(care.label, lang), label(policy.grades[sel.grade], lang)]
    if sel.disease:
        parts.append(label(care.diseases[sel.disease], lang))
    return " · ".join(parts)


class BreakdownScreen(BreakdownKeys, WizardScreen):
    STEP = "breakdown"
    CSS_PATH = "breakdown.tcss"
    BINDINGS = (
        # The money inputs take digits only (MoneyInput.check_consume_key): letters are free.
        Binding("c", "compare", "key.compare"),
        Binding("f3", "compare", "key.compare", show=False),
        Binding("e", "export", "key.export"),
        Binding("f4", "export", "key.export", show=False),
        Binding("f6", "focus_table", "key.table"),
        Binding("i", "more", "key.more", show=False),  # the totals say "i …" themselves
        # Off the footer (it is full at 80 columns); help (F1) lists them.
        Binding("s", "supply", "supply.key.open", show=False),
        Binding("k", "slip", "key.slip", show=False),
        Binding("g", "curve", "key.curve", show=False),
    )

    def body(self):
        # The first frame: the context, the totals and the bar (computed in setup). The inputs
        # and the steps table come right after it (build_rest): start-up stays near a bare app.
        yield Static(context_line(self.app.policy, self.sel, self.lang), id="context")
        yield Horizontal(id="main")
        yield Static(id="totals")
        yield StackedBar(id="bar")

    def rest(self):
        lang, sel, policy = self.lang, self.sel, self.app.policy
        inputs = []
        for part in MONEY_PARTS:
            inputs += [Label(t(f"in.{part}", lang), classes="in-label"),
                       MoneyInput(sel.text[part], id=part),
                       Static("", id=f"{part}-msg", classes="msg")]
        inputs.append(Label(t("in.cross_region", lang), classes="in-label"))
        statuses = policy.scheme(sel.scheme).cross_region_statuses
        if statuses:
            inputs.append(CheckList(
                *[Selection(t(f"cr.{s}", lang), s, s in sel.cross_region) for s in statuses],
                id="cross", compact=True))
        else:
            inputs.append(Static(t("in.cross_none", lang), classes="hint"))
        return VerticalScroll(*inputs, id="inputs"), DataTable(id="steps", cursor_type="row",
                                                               zebra_stripes=True)

    def setup(self):
        self.result = self.error = self.blocked = None
        self.columns_for = None
        self.first_show = True
        self.built = False
        self.recompute()  # totals and bar for the first frame
        # After the first frame is on screen (a refresh later), not before it.
        self.call_after_refresh(self.call_after_refresh, self.build_rest)

    async def build_rest(self):
        main = self.query_one("#main", Horizontal)
        if not main.is_mounted or self.app.bench_exit:  # left already (or the benchmark's exit)
            return
        await main.mount(*self.rest())
        await self.mount(Static(id="status"), VerticalScroll(Static(id="detail-text"), id="detail"),
                         after="#bar")
        self.size_detail()
        self.built = True
        self.query_one("#amount").focus(scroll_visible=False)  # the label above it stays in view
        self.recompute()
        news, self.app.news = getattr(self.app, "news", None), None
        if news:  # from compare: what changed, on the status line rather than a toast
            self.say(news, style="green")

    # ── input ──

    def on_input_changed(self, event: Input.Changed):
        part = event.input.id
        if part not in MONEY_PARTS:
            return
        if group(self.sel.text[part]) != event.value:
            self.say("")  # news of an earlier change goes once something is typed
        self.sel.text[part] = event.value
        value, err = parse_money(event.value)
        msg = self.query_one(f"#{part}-msg", Static)
        msg.update(t(err, self.lang, max=f"{MAX_AMOUNT:,}") if err else "")
        msg.display = bool(err)
        # A refused figure is no figure: nothing is computed from the one typed before it.
        self.sel.values[part] = value
        self.recompute()

    def on_input_submitted(self, event: Input.Submitted):
        self.focus_next()  # Enter moves on, like Tab

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged):
        box = event.selection_list
        chosen = set(box.selected)
        # A status just ticked unticks those it excludes (one registration state), saying why.
        for new in chosen - set(self.sel.cross_region):
            clash = excluded_by(new, sorted(chosen - {new}))
            for old in clash:
                box.deselect(old)
                chosen.discard(old)
            if clash:
                lang = self.lang
                self.say(t("cr.unticked", lang, new=t(f"cr.{new}", lang),
                           old=[t(f"cr.{c}", lang) for c in clash]))
        self.sel.cross_region = [s for s in CROSS_REGION if s in chosen]
        self.recompute()

    # ── output ──

    def recompute(self):
        """The estimate for what the inputs show now, or none and why (``self.blocked``): a
        result from older inputs never stays on screen, nor goes to compare or export."""
        lang, sel = self.lang, self.sel
        v = sel.values
        self.result = self.error = self.blocked = None
        parts_msg = self.query_one("#class_b-msg", Static) if self.built else Static()
        refused = [p for p in MONEY_PARTS if parse_money(sel.text[p])[1]]
        if "class_b" not in refused:
            parts_msg.display = False
        if refused:
            self.blocked = t("bad.fix", lang, what=t(f"in.{refused[0]}", lang))
        elif v["amount"] is None:
            self.blocked = t("enter_amount", lang)
        elif (v["class_b"] or 0) + (v["special_drugs"] or 0) > v["amount"]:
            parts_msg.update(t("bad.parts", lang))
            parts_msg.display = True
            self.blocked = t("bad.parts", lang)
        else:
            self.result, self.error = compute(self.app.policy, sel, lang=self.lang)
            if self.result is None and self.error:
                self.blocked = t("cannot", lang, msg=self.error)
        self.show()

    def show(self):
        lang = self.lang
        status = self.query_one("#totals", Static)
        bar = self.query_one("#bar", StackedBar)
        res = self.result
        if not self.built:  # the first frame: figures only; the table follows
            status.update(self.totals_text(res) if res else Text(self.blocked or t("enter_amount", lang),
                                                                  style="bold"))
            bar.set_parts(shown(res, self.app.policy) if res else None, self.ranges(res))
            return
        table = self.query_one("#steps", DataTable)
        with self.app.batch_update():
            row = table.cursor_row  # before the rebuild, which puts the cursor back at the top
            self.build_columns(table)
            table.clear()
            if res is None:
                status.update(Text(self.blocked or t("enter_amount", lang), style="bold"))
                bar.set_parts(None)
                self.query_one("#detail-text", Static).update("")
                return
            _width, wide = self.columns_for
            for i, r in enumerate(step_row(self.app.policy, st, lang) for st in res.steps):
                strong = "bold" if r.strong else ""
                amt = Text(r.amount, justify="right", style=strong)
                mark = " ↳" if r.quote or r.note else ""
                # Wrapped here, between words and CJK characters: a figure is never split.
                if wide:
                    step_w, arith_w = self.col_widths
                    name = Text("\n".join(wrap(r.label + mark, step_w)), style=strong)
                    arith = Text("\n".join(wrap(r.text, arith_w)), style="dim")
                    table.add_row(name, arith, amt, key=str(i), height=None)
                else:
                    # One column: step and amount on a line, the arithmetic under it at full width.
                    label_w = max(8, self.stacked_width - amt.cell_len - 1)
                    lines = wrap(r.label + mark, label_w)
                    name = Text(lines[0], style=strong)
                    gap = max(1, self.stacked_width - name.cell_len - amt.cell_len)
                    cell = Text.assemble(name, " " * gap, amt)
                    for extra in lines[1:]:
                        cell.append("\n" + extra, style=strong)
                    for line in wrap(r.text, self.stacked_width - 2):
                        cell.append("\n  " + line, style="dim")
                    table.add_row(cell, key=str(i), height=None)
            if self.first_show:
                # Start on the first cited step: the detail then shows a source straight away.
                self.first_show = False
                row = next((i for i, st in enumerate(res.steps) if st.quote), 0)
            row = min(row, len(res.steps) - 1)
            table.move_cursor(row=row, animate=False)
            status.update(self.totals_text(res))
            bar.set_parts(shown(res, self.app.policy), self.ranges(res))
            self.show_detail(row)

    def ranges(self, res):
        """The unknown amounts' least and greatest over the missing figures (None when every
        amount is known): worked out once per result, as the bar and the totals both show them."""
        if res is None or not res.missing:
            return None
        if getattr(self, "_ranges_for", None) is not res:
            from yibao_tui.core.engine.ranges import visit_range

            self._ranges_for, self._ranges = res, visit_range(self.app.policy, self.sel.person(),
                                                              res.claim)
        return self._ranges

    def totals_text(self, res):
        lang = self.lang
        f, s, p, tot = shown(res, self.app.policy)
        text = Text()
        for (key, glyph, colour), val in zip(SEGMENTS, (f, s, p), strict=True):
            text.append(glyph + " ", style=colour)
            text.append(f"{t(key, lang)} ")
            if key == "fund" and val is not None and res.unchecked:
                # A cap no source gives was not applied: the fund is an upper bound.
                text.append(f"{t('fund.at_most', lang)} ", style="yellow")
            text.append(money_text(val, lang), style="bold" if val is not None else "bold red")
            text.append("  ")
        text.append(f"{t('total', lang)} {money_text(tot, lang)}", style="bold")
        if tot is not None and None in (f, s, p):
            text.append(f"  {UNKNOWN[1]} {t('unknown', lang)}", style=UNKNOWN[2])
        for line in range_lines(self.app.policy, res, self.ranges(res), lang, indent="≈ "):
            text.append("\n" + line, style="bold")
        if self.error:
            text.append("\n" + t("cannot", lang, msg=self.error), style="red")
        # What is unknown, in words; what to do about it and the city's caveats open with i.
        lines = gaps(self.app.policy, res.missing, res.unchecked, lang)
        for line in lines[:-1]:
            text.append("\n" + line, style="red" if res.missing else "yellow")
        if lines or self.app.policy.caveats:
            text.append("\n" + t("more.line", lang, n=len(self.app.policy.caveats)), style="dim")
        return text

    def more_text(self):
        """The city's caveats (what the estimate leaves out) and what to do about unknown figures."""
        lang, policy, res = self.lang, self.app.policy, self.result
        text = Text(t("more.title", lang), style="bold")
        for c in policy.caveats:
            text.append(f"\n•{render(c, lang)}")  # no space: a CJK line folds in place
        lines = gaps(policy, res.missing, res.unchecked, lang) if res else []
        if lines:
            text.append("\n" + lines[-1], style="italic")
        return text

    def build_columns(self, table):
        width = table.size.width or max(40, self.app.size.width - 30)
        wide = width >= WIDE
        if self.columns_for == (width, wide) and table.columns:
            return
        self.columns_for = (width, wide)
        lang = self.lang
        table.clear(columns=True)
        # Cell padding is 1 each side; leave 2 for the vertical scrollbar.
        free = width - 2 - 2 * (3 if wide else 2) - AMOUNT_W
        if wide:
            step_w = min(30, free // 3)  # grows with the window
            self.col_widths = (step_w, free - step_w)
            table.add_column(t("col.step", lang), width=step_w, key="step")
            table.add_column(t("col.arith", lang), width=free - step_w, key="arith")
            table.add_column(Text(t("col.amount", lang), justify="right"), width=AMOUNT_W,
                             key="amount")
        else:
            self.stacked_width = max(20, width - 4)
            head = Text(t("col.step_arith", lang))
            amount = Text(t("col.amount", lang))
            head.append(" " * max(1, self.stacked_width - head.cell_len - amount.cell_len))
            head.append(amount)
            table.add_column(head, width=self.stacked_width, key="step")

    def size_detail(self):
        # The detail pane grows with the window: 4 lines at 24 rows, a third of what is more.
        self.query_one("#detail").styles.height = max(4, 4 + (self.app.size.height - 24) // 3)

    def on_resize(self):
        if not getattr(self, "built", False):
            return
        self.size_detail()
        table = self.query_one("#steps", DataTable)
        if self.columns_for and table.size.width and self.columns_for[0] != table.size.width:
            self.columns_for = None
            self.show()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted):
        # The cursor itself, not the event: events from a rebuild can arrive after the move.
        self.show_detail(event.data_table.cursor_row)

    def show_detail(self, row):
        self.showing_more = False
        lang, res = self.lang, self.result
        out = self.query_one("#detail-text", Static)
        if res is None or not 0 <= row < len(res.steps):
            out.update("")
            return
        r = step_row(self.app.policy, res.steps[row], lang)
        text = Text()
        text.append(r.label, style="bold")
        text.append("  " + r.text)
        if r.quote:
            text.append(f"\n{t('source', lang)} {r.source}{t('colon', lang)}", style="dim")
            text.append(f"“{r.quote}”", style="italic")
        if r.note:
            text.append(f"\n{t('note', lang)}{t('colon', lang)}{r.note}")
        if not (r.quote or r.note):
            text.append("\n" + t("no_source", lang), style="dim")
        out.update(text)

    # ── actions ──

    def action_more(self):
        """i: the caveats in the detail pane; i again (or another step) goes back to the step."""
        self.showing_more = not getattr(self, "showing_more", False)
        if self.showing_more:
            self.query_one("#detail-text", Static).update(self.more_text())
        else:
            self.show_detail(self.query_one("#steps", DataTable).cursor_row)

    def action_focus_table(self):
        self.query_one("#steps").focus()


SCREEN = BreakdownScreen
