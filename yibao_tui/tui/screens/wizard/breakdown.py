"""Step 4: the expenses on the left, the cited breakdown on the right, recomputed per keystroke.

Below them: the totals, a stacked bar of who pays what, and the source quote and note of the
selected step. Unknown figures read 未知/unknown with what is missing, never 0. What is shown
is the visit's document (``views.estimate.visit_document``), laid out by ``widgets.visit_panes``;
one keystroke is one estimate (none for a regrouping of the same figure), and only what changed
is redrawn.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from yibao_tui.core.amount import MAX_AMOUNT, group, parse_money
from yibao_tui.core.engine import excluded_by
from yibao_tui.core.policy import CROSS_REGION
from yibao_tui.text import city_year, label, t, term
from yibao_tui.tui.screens.wizard.base import WizardScreen
from yibao_tui.tui.screens.wizard.breakdown_keys import FILLABLE_STEPS, BreakdownKeys
from yibao_tui.tui.widgets.plain import plain
from yibao_tui.tui.widgets.quiet import same_height, set_display, set_text
from yibao_tui.tui.widgets.stacked_bar import StackedBar
from yibao_tui.tui.widgets.visit_panes import bar_parts, detail_text, more_text, totals_text
from yibao_tui.tui.wizard import (
    MONEY_PARTS,
    compute,
)
from yibao_tui.views.document import policy_notices
from yibao_tui.views.estimate import visit_document


def context_line(policy, sel, lang):
    """The breakdown's header: the policy and the choices, then what the visit's document says
    first (the policy's year where its file does not cover today, a draft)."""
    care = policy.care(sel.scheme, sel.care)
    parts = [city_year(policy, lang), term(sel.scheme, lang), term(sel.category, lang),
             label(care.label, lang), label(policy.grades[sel.grade], lang)]
    if sel.disease:
        parts.append(label(care.diseases[sel.disease], lang))
    return "\n".join([" · ".join(parts), *(f"! {n}" for n in policy_notices(policy, lang=lang))])


def held_by(part, value, err):
    """The catalogue key of why Enter stays on the money box ``part`` (its refusal, or
    "enter_amount" for an empty amount), or None when Enter may move on."""
    if part not in MONEY_PARTS:
        return None
    if err:
        return err
    return "enter_amount" if part == "amount" and value is None else None


class BreakdownScreen(BreakdownKeys, WizardScreen):
    STEP = "breakdown"
    CSS_PATH = "breakdown.tcss"
    BINDINGS = (
        # The money inputs take digits only (MoneyInput.check_consume_key): letters are free.
        # The footer at 80 columns: this screen's own keys first (i s k g c e), then F1 and
        # Ctrl+P (更多 / more: every action); Esc, F5, F2 and Ctrl+Q work as ever, off the footer.
        Binding("i", "more", "key.short.more", id="breakdown.more"),
        Binding("s", "supply", "key.short.supply", id="breakdown.supply"),
        Binding("k", "slip", "key.short.slip", id="breakdown.slip"),
        Binding("g", "curve", "key.short.curve", id="breakdown.curve"),
        Binding("c", "compare", "key.compare", id="breakdown.compare"),
        Binding("f3", "compare", "key.compare", show=False, id="breakdown.compare"),
        Binding("e", "export", "key.export", id="breakdown.export"),
        Binding("f4", "export", "key.export", show=False, id="breakdown.export"),
        Binding("f6", "focus_table", "key.table", show=False, id="breakdown.focus_table"),
        Binding("escape", "back", "key.back", show=False, id="wizard.back"),
        Binding("f5", "app.households", "key.households", show=False, id="wizard.households"),
        Binding("f2", "app.toggle_lang", "key.lang", show=False, id="app.lang"),
        Binding("ctrl+q", "app.quit", "key.quit", show=False, priority=True, id="app.quit"),
    )

    def body(self):
        # The first frame: the context, the totals and the bar, worked out here so that they
        # are in the first frame drawn (the screen is drawn once composed, before on_mount). The
        # inputs and the steps table come right after it (build_rest): start-up stays near a
        # bare app.
        self.drawn = {}  # what each pane shows now: redrawn only when it changes
        self.showing_more = False
        # Each box's refusal, parsed once per change (not once per box per recompute).
        self.errors = {p: parse_money(self.sel.text[p])[1] for p in MONEY_PARTS}
        self.first_show = True
        self.built = False
        self.totals_pane = None  # kept: a query for it each keystroke matched every node
        self.work_out()
        yield Static(plain(context_line(self.app.policy, self.sel, self.lang)), id="context")
        yield Horizontal(id="main")
        totals = self.drawn["totals"] = self.totals_now()
        self.totals_pane = Static(totals, id="totals")
        yield self.totals_pane
        bar = StackedBar(id="bar")
        bar.parts, bar.rng = self.drawn["bar"] = self.bar_now()
        yield bar

    def rest(self):
        # Imported here, after the first frame: the table and the inputs are not in it.
        from textual.widgets import Label
        from textual.widgets.selection_list import Selection

        from yibao_tui.tui.widgets.check_list import CheckList
        from yibao_tui.tui.widgets.money_input import MoneyInput
        from yibao_tui.tui.widgets.steps_table import StepsTable

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
        return VerticalScroll(*inputs, id="inputs"), StepsTable(id="steps")

    def setup(self):
        # After the first frame is on the terminal, not before it. At start-up the app mounts
        # everything in one batch, drawn as one frame once the batch is over, and a screen runs
        # its after-refresh callbacks during the batch without drawing: the app's own queue
        # runs only after it, and the screen then draws before its after-refresh callbacks.
        self.app.call_later(self.call_after_refresh, self.build_rest)

    async def build_rest(self):
        main = self.query_one("#main", Horizontal)
        if not main.is_mounted or self.app.bench_exit:  # left already (or the benchmark's exit)
            return
        await main.mount(*self.rest())
        await self.mount(Static(id="status"), VerticalScroll(Static(id="detail-text"), id="detail"),
                         after="#bar")
        if not self.is_attached or not self.query("#detail"):  # left (or closed) while mounting
            return
        self.size_detail()
        self.built = True
        self.query_one("#amount").focus(scroll_visible=False)  # the label above it stays in view
        self.show()  # the table, from the document the first frame was drawn from
        news, self.app.news = getattr(self.app, "news", None), None
        if news:  # from compare: what changed, on the status line rather than a toast
            self.say(news, style="green")

    # ── input ──

    def on_input_changed(self, event):
        part = event.input.id
        if part not in MONEY_PARTS:
            return
        if group(self.sel.text[part]) != event.value:
            self.say("")  # news of an earlier change goes once something is typed
        self.sel.text[part] = event.value
        value, err = parse_money(event.value)
        before = (self.sel.values[part], self.errors[part])
        # A refused figure is no figure: nothing is computed from the one typed before it.
        self.sel.values[part], self.errors[part] = value, err
        if (value, err) == before:
            return  # the same figure (regrouped, a trailing point): nothing to recompute
        msg = self.query_one(f"#{part}-msg", Static)
        set_text(msg, t(err, self.lang, max=f"{MAX_AMOUNT:,}") if err else "")
        set_display(msg, bool(err))
        self.recompute()

    def on_input_submitted(self, event):
        """Enter moves on, like Tab, but not from a box whose figure is refused, nor from an
        empty amount: the cursor stays where the fix is, and the box says what it needs."""
        part = event.input.id
        why = held_by(part, self.sel.values.get(part), self.errors.get(part))
        if why is None:
            self.focus_next()
            return
        msg = self.query_one(f"#{part}-msg", Static)
        set_text(msg, t(why, self.lang, max=f"{MAX_AMOUNT:,}"))
        set_display(msg, True)

    def on_selection_list_selected_changed(self, event):
        box = event.selection_list
        chosen = set(box.selected)
        if chosen != set(self.sel.cross_region):  # (not the echo of an untick made below)
            self.say("")  # an input changed: news of an earlier change goes
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
        self.work_out()
        if self.built:  # the parts larger than the amount: said under the class-B box
            msg = self.query_one("#class_b-msg", Static)
            if self.parts_too_big:
                set_text(msg, t("bad.parts", self.lang))
                set_display(msg, True)
            elif not self.errors["class_b"]:
                set_display(msg, False)
        self.show()

    def work_out(self):
        """``result``, ``doc`` and ``blocked`` for the inputs as they are (no widget touched)."""
        lang, sel = self.lang, self.sel
        v = sel.values
        self.result = self.error = self.blocked = self.doc = None
        self.parts_too_big = False
        refused = [p for p in MONEY_PARTS if self.errors[p]]
        if refused:
            self.blocked = t("bad.fix", lang, what=t(f"in.{refused[0]}", lang))
        elif v["amount"] is None:
            self.blocked = t("enter_amount", lang)
        elif (v["class_b"] or 0) + (v["special_drugs"] or 0) > v["amount"]:
            self.parts_too_big = True
            self.blocked = t("bad.parts", lang)
        else:
            self.result, self.error = compute(self.app.policy, sel, lang=self.lang)
            if self.result is None and self.error:
                self.blocked = t("cannot", lang, msg=self.error)
            elif self.result is not None:
                self.doc = visit_document(self.app.policy, sel.person(), self.result, lang,
                                          self.ranges(self.result), ranged=bool(self.result.missing))

    def totals_now(self):
        if self.doc is None:
            return Text(self.blocked or t("enter_amount", self.lang), style="bold")
        # The line's cells: the pane's, or the window's less its padding before it is laid out.
        width = self.totals_pane.content_size.width if self.totals_pane is not None else 0
        return totals_text(self.doc, width or self.app.size.width - 2)

    def bar_now(self):
        return (None, None) if self.doc is None else bar_parts(self.doc)

    def ranges(self, res):
        """The unknown amounts' least and greatest over the missing figures (None when every
        amount is known), from the result already worked out."""
        if res is None or not res.missing:
            return None
        from yibao_tui.core.engine.model import YearResult
        from yibao_tui.core.engine.ranges import year_ranges

        policy, person = self.app.policy, self.sel.person()
        return year_ranges(policy, person, [res.claim], result=YearResult(policy, person, [res])).visits[0]

    def put(self, pane, value, update):
        """Redraw ``pane`` only when what it shows changes."""
        if self.drawn.get(pane, ...) != value:
            self.drawn[pane] = value
            update(value)

    def put_text(self, pane, text, widget):
        """``put`` for a Static of Text: laid out again only when its lines change."""
        old, width = self.drawn.get(pane), widget.content_size.width
        self.put(pane, text, lambda v: widget.update(v, layout=not same_height(old, v, width)))

    def show(self):
        doc = self.doc
        totals = self.query_one("#totals", Static)
        bar = self.query_one("#bar", StackedBar)
        self.put_text("totals", self.totals_now(), totals)
        self.put("bar", self.bar_now(), lambda p: bar.set_parts(*p))
        if doc is None:
            if self.built:
                self.query_one("#steps").forget()
                self.put_text("detail", Text(""), self.query_one("#detail-text", Static))
            return
        if self.built:
            with self.app.batch_update():
                self.show_table(doc)

    def show_table(self, doc):
        table = self.query_one("#steps")
        row = table.cursor_row
        table.columns_for(doc.words, table.size.width or max(40, self.app.size.width - 30))
        rows = doc.section("visit").rows
        rebuilt = table.show(rows)
        if self.first_show:
            # Start on the first unknown step (s fills it in), else the first cited one: the
            # detail then shows what is missing, or a source, straight away.
            self.first_show = False
            steps = doc.section("visit").result.steps
            row = next((i for i, st in enumerate(steps) if st.tpl in FILLABLE_STEPS), None)
            row = row if row is not None else next((i for i, r in enumerate(rows) if r.quote), 0)
        if rebuilt or table.cursor_row != row:
            table.move_cursor(row=min(row, len(rows) - 1), animate=False)
        if not self.showing_more:
            self.show_detail(table.cursor_row)

    def size_detail(self):
        # The detail pane grows with the window: 4 lines at 24 rows, a third of what is more.
        for pane in self.query("#detail"):  # none while the screen is being left
            pane.styles.height = max(4, 4 + (self.app.size.height - 24) // 3)

    def on_resize(self):
        if not getattr(self, "built", False):
            return
        self.size_detail()
        table = self.query_one("#steps")
        if table.layout_for and table.size.width and table.layout_for[0] != table.size.width:
            self.show()

    def on_data_table_row_highlighted(self, event):
        # The cursor itself, not the event: events from a rebuild can arrive after the move.
        self.show_detail(event.data_table.cursor_row)

    def show_detail(self, row):
        self.showing_more = False
        rows = self.doc.section("visit").rows if self.doc is not None else []
        text = detail_text(self.doc, rows[row]) if 0 <= row < len(rows) else Text("")
        self.put_text("detail", text, self.query_one("#detail-text", Static))

    # ── actions ──

    def action_more(self):
        """i: the caveats in the detail pane; i again (or another step) goes back to the step."""
        if self.doc is None:
            return
        if not self.showing_more:
            self.put_text("detail", more_text(self.doc), self.query_one("#detail-text", Static))
            self.showing_more = True
        else:
            self.show_detail(self.query_one("#steps").cursor_row)

    def action_focus_table(self):
        self.query_one("#steps").focus()


SCREEN = BreakdownScreen
