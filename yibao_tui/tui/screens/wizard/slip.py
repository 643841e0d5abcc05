"""Check a slip (核对结算单): the slip's boxes on the left, each beside the computed figure on the
right with the difference highlighted, then what would explain a difference (core/slip).

Enter on an explanation makes it the current choice and goes back to the breakdown, as compare
does; one that changes what the wizard does not ask (stay number, groups, a deductible met by
earlier visits, a figure the slip implies) says so and changes nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from yibao_tui.core.amount import parse_money
from yibao_tui.core.engine import EstimateError
from yibao_tui.core.msg import Msg
from yibao_tui.core.slip import SlipError, check_slip, parse_slip
from yibao_tui.text import render, t
from yibao_tui.tui.screens.localized import Localized, localize
from yibao_tui.tui.widgets.footer import QuietFooter
from yibao_tui.tui.widgets.money_input import MoneyInput
from yibao_tui.tui.widgets.plain import PlainTable, plain
from yibao_tui.tui.wizard import carried
from yibao_tui.views.document import policy_notices
from yibao_tui.views.estimate import claim_title, header
from yibao_tui.views.slip import change_msgs, implied_msg, slip_document

BOXES = ("fund", "serious_illness", "deductible", "self_pay", "total", "personal_account", "cash")
WIZARD_KEYS = frozenset({"grade", "category", "cross_region", "disease"})  # what the wizard asks
STYLE = {"match": "green", "near": "yellow", "differs": "bold red", "unknown": "dim",
         "unchecked": "dim"}


class SlipScreen(Localized, Screen):
    CSS_PATH = "slip.tcss"
    BINDINGS = (Binding("escape", "app.pop_screen", "key.back", id="slip.back"),
                Binding("f6", "focus_explanations", "slip.key.explanations", id="slip.focus_explanations"))

    def __init__(self, texts=None):
        super().__init__()
        self.texts = dict.fromkeys(BOXES, "") if texts is None else dict(texts)
        self.chk = None

    def compose(self):
        lang = self.app.lang
        yield Header(icon="¥")
        app = self.app
        claim = app.sel.claim()
        context = "\n".join([f"{header(app.policy, app.sel.person(), lang)} · "
                              f"{claim_title(app.policy, app.sel.scheme, claim, lang)}",
                              *(f"! {n}" for n in policy_notices(app.policy, (claim.date,), lang))])
        yield Static(plain(context), id="slip-context")
        yield Static(plain(t("slip.tui.prompt", lang)), id="slip-prompt")
        with Horizontal(id="slip-main"):
            with VerticalScroll(id="slip-boxes"):
                for f in BOXES:
                    yield Label(t(f"slip.field.{f}", lang), classes="in-label")
                    yield MoneyInput(self.texts[f], id=f"slip-{f}")
            with Vertical(id="slip-right"):
                yield PlainTable(id="slip-lines", cursor_type="none", zebra_stripes=True)
                yield Static(id="slip-verdict")
                yield PlainTable(id="slip-expl", cursor_type="row", show_header=False)
        yield QuietFooter()

    def on_mount(self):
        self.title = t("title", self.app.lang)
        self.sub_title = t("slip.title", self.app.lang)
        self.query_one("#slip-fund").focus()
        self.fill()

    async def relabel(self):
        localize(self, self.app.lang)
        await self.recompose()
        self.on_mount()
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed):
        box = (event.input.id or "").removeprefix("slip-")
        if box in self.texts:
            self.texts[box] = event.value
            self.fill()

    def on_input_submitted(self, event: Input.Submitted):
        self.focus_next()

    # ── the check ──

    def slip(self):
        """({box: amount}, error text or None) from what is typed."""
        lang, out = self.app.lang, {}
        for f in BOXES:
            v, err = parse_money(self.texts[f])
            if err:
                return None, t("slip.tui.bad", lang, field=Msg(f"slip.field.{f}"))
            if v is not None:
                out[f] = v
        return out, None

    def fill(self):
        lang, app = self.app.lang, self.app
        lines = self.query_one("#slip-lines", DataTable)
        expl = self.query_one("#slip-expl", DataTable)
        verdict = self.query_one("#slip-verdict", Static)
        lines.clear(columns=True)
        expl.clear(columns=True)
        for key, name in (("box", "slip.col.box"), ("slip", "slip.col.slip"),
                          ("expected", "slip.col.expected"), ("diff", "slip.col.difference")):
            lines.add_column(Text(t(name, lang), justify="left" if key == "box" else "right"),
                             key=key)
        expl.add_column("", key="e", width=max(20, (expl.size.width or app.size.width - 32) - 2))
        self.chk = None
        slip, err = self.slip()
        if err or not slip:
            verdict.update(plain(err or t("slip.tui.empty", lang), style="red" if err else "dim"))
            return
        try:
            self.chk = check_slip(app.policy, app.sel.person(), app.sel.claim(), parse_slip(slip))
        except (SlipError, EstimateError) as e:
            verdict.update(plain(t("slip.tui.cannot", lang, msg=render(e.msg, lang)), style="red"))
            return
        self.show(slip_document(app.policy, app.sel.person(), self.chk, lang), lines, expl, verdict)

    def show(self, doc, lines, expl, verdict):
        """The slip document: its boxes in the table, the verdict, the explanations."""
        for r in doc.section("slip").rows:
            status = r.meta["line"].status
            slip_fig, _expected = r.figures
            diff = "" if status == "unchecked" else r.amount
            lines.add_row(r.label, Text(slip_fig.cell, justify="right"),
                          Text(r.meta["expected_text"], justify="right"),
                          Text(diff, justify="right", style=STYLE[status]), key=r.key)
        style = {"matches": "bold green", "differs": "bold red", "unknown": "bold yellow"}
        verdict.update(plain(doc.section("verdict").lines[0], style=style[doc.meta["verdict"]]))
        expl_sec = doc.section("explanations")
        for n, line in enumerate(expl_sec.lines if expl_sec else ()):
            expl.add_row(line, key=str(n), height=None)

    # ── actions ──

    def action_focus_explanations(self):
        self.query_one("#slip-expl").focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected):
        event.stop()
        if event.data_table.id == "slip-expl" and self.chk is not None:
            self.choose(event.cursor_row)

    def choose(self, i):
        """Explanation ``i`` becomes the current choice, when the wizard can hold it."""
        app, lang = self.app, self.app.lang
        e = self.chk.explanations[i]
        parts = Msg("slip.expl.parts", parts=[
            *change_msgs(app.policy, app.sel.scheme, app.sel.care, e.changes),
            *(implied_msg(app.policy, app.sel.scheme, i) for i in e.implies)])
        if e.implies or not e.changes or set(e.changes) - WIZARD_KEYS:
            app.notify(t("slip.tui.kept", lang, changes=parts), severity="warning", timeout=8)
            return
        sel, _notes = carried(app.catalog, app.sel, app.sel.city,
                              e.changes.get("grade", app.sel.grade), lang)
        sel.category = e.changes.get("category", sel.category)
        sel.cross_region = list(e.changes.get("cross_region", sel.cross_region))
        sel.disease = e.changes.get("disease", sel.disease)
        app.sel = sel
        app.pop_screen()
        app.goto("breakdown")
        app.notify(t("slip.tui.now", lang, changes=parts), timeout=8)
