"""A visit's document (``views.estimate.visit_document``) as the breakdown shows it: the totals
line with its glyphs and the figures' qualifiers, the steps table, the selected step's citation,
and what the estimate leaves out (``i``). Styling only: every word comes from the document.

The steps table redraws what changed: cells in place when the rows are the same steps of the
same heights, the whole table only when the steps themselves change."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import DataTable

from yibao_tui.text import t
from yibao_tui.tui.widgets.stacked_bar import SEGMENTS, UNKNOWN
from yibao_tui.views.text import wrap

AMOUNT_W = 12
WIDE = 72  # table width from which step, arithmetic and amount get a column each
Q_STYLE = {"at_most": "bold yellow", "at_least": "bold yellow", "range": "bold red",
           "unknown": "bold red", "exact": "bold"}


def totals_text(doc):
    """The visit's figures in one line (glyph, label, figure with its qualifier), then its range
    and what is unknown in words; the last line points at ``i``."""
    lang, sec = doc.lang, doc.section("visit")
    figs = {f.key: f for f in sec.figures}
    text = Text()
    for key, glyph, colour in SEGMENTS:
        f = figs[key]
        text.append(glyph + " ", style=colour)
        text.append(f"{f.label} ")
        text.append(f.text, style=Q_STYLE[f.qualifier.kind])
        text.append("  ")
    tot = figs["total"]
    text.append(f"{tot.label} {tot.text}", style="bold")
    if tot.value is not None and any(figs[k].value is None for k, _g, _c in SEGMENTS):
        text.append(f"  {UNKNOWN[1]} {t('unknown', lang)}", style=UNKNOWN[2])
    for line in sec.lines:
        text.append("\n" + line, style="bold")
    unknowns = doc.section("unknowns").lines
    for line in unknowns[:-1]:  # the last says what to do: under i
        text.append("\n" + line, style="red" if sec.missing else "yellow")
    caveats = doc.section("caveats").lines
    if unknowns or caveats:
        text.append("\n" + t("more.line", lang, n=len(caveats)), style="dim")
    return text


def more_text(doc):
    """What the estimate leaves out (the city's caveats) and what to do about unknown figures."""
    text = Text(t("more.title", doc.lang), style="bold")
    for c in doc.section("caveats").lines:
        text.append(f"\n•{c}")  # no space: a CJK line folds in place
    unknowns = doc.section("unknowns").lines
    if unknowns:
        text.append("\n" + unknowns[-1], style="italic")
    return text


def detail_text(doc, row):
    """The selected step: its working, its source and quote, the reading chosen."""
    w = doc.words
    text = Text()
    text.append(row.label, style="bold")
    text.append("  " + row.text)
    if row.quote:
        text.append(f"\n{w['source']} {row.source}{w['colon']}", style="dim")
        text.append(f"“{row.quote}”", style="italic")
    elif row.supplied:
        text.append(f"\n{w['source']} {w['est.supplied']}", style="dim")
    if row.note:
        text.append(f"\n{w['note']}{w['colon']}{row.note}")
    if not (row.quote or row.note or row.supplied):
        text.append("\n" + w["no_source"], style="dim")
    return text


def side_panel(name, doc, why=""):
    """An option of a comparison: its name, the steps with an amount, the total, and what is
    unknown; or why it has no figure."""
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(Text(name, style="bold"), "")
    if doc is None:
        return Group(grid, Text(why, style="dim"))
    sec = doc.section("visit")
    for r in sec.rows:
        if r.amount:
            grid.add_row(r.label, r.amount)
    tot = sec.figure("total")
    grid.add_row(Text(tot.label, style="bold"), tot.text)
    gaps = doc.section("unknowns").lines
    if gaps:
        return Group(grid, Text("\n".join(gaps), style="red" if sec.missing else "yellow"))
    return grid


def bar_parts(doc):
    """(fund, serious illness, self-pay, total) and the ranges of the unknown ones, for the bar."""
    figs = doc.section("visit").figures
    rng = {f.key: (f.qualifier.low, f.qualifier.high) for f in figs if f.qualifier.kind == "range"}
    return tuple(f.value for f in figs), rng or None


class StepsTable(DataTable):
    """The steps of a visit document, wrapped here (a figure is never split); ``show`` redraws
    only what changed."""

    def __init__(self, **kw):
        super().__init__(cursor_type="row", zebra_stripes=True, **kw)
        self.layout_for = None  # (width, wide) the columns were made for
        self.drawn = []  # per row: (key, height, cells) as on screen

    def columns_for(self, words, width):
        """Make the columns for ``width`` (a column each from WIDE, else one); True if remade."""
        wide = width >= WIDE
        if self.layout_for == (width, wide) and self.columns:
            return False
        self.layout_for = (width, wide)
        self.clear(columns=True)
        self.drawn = []
        free = width - 2 - 2 * (3 if wide else 2) - AMOUNT_W  # padding 1 each side, scrollbar 2
        if wide:
            step_w = min(30, free // 3)  # grows with the window
            self.col_widths = (step_w, free - step_w)
            self.add_column(words["col.step"], width=step_w, key="step")
            self.add_column(words["col.arith"], width=free - step_w, key="arith")
            self.add_column(Text(words["col.amount"], justify="right"), width=AMOUNT_W, key="amount")
        else:
            self.stacked_width = max(20, width - 4)
            head, amount = Text(words["col.step_arith"]), Text(words["col.amount"])
            head.append(" " * max(1, self.stacked_width - head.cell_len - amount.cell_len))
            head.append(amount)
            self.add_column(head, width=self.stacked_width, key="step")
        return True

    def cells(self, r):
        """(height, cells) of a row, wrapped to the columns."""
        strong = "bold" if r.strong else ""
        q = r.qualifier
        amt = Text(r.amount, justify="right",
                   style=Q_STYLE[q.kind] if q is not None and q.kind not in ("exact", "unknown")
                   else strong)
        mark = " ↳" if r.quote or r.note else ""
        if self.layout_for[1]:
            step_w, arith_w = self.col_widths
            name, arith = wrap(r.label + mark, step_w), wrap(r.text, arith_w)
            return max(len(name), len(arith)), (Text("\n".join(name), style=strong),
                                                 Text("\n".join(arith), style="dim"), amt)
        # One column: step and amount on a line, the arithmetic under it at full width.
        width = self.stacked_width
        lines = wrap(r.label + mark, max(8, width - amt.cell_len - 1))
        name = Text(lines[0], style=strong)
        cell = Text.assemble(name, " " * max(1, width - name.cell_len - amt.cell_len), amt)
        for extra in lines[1:]:
            cell.append("\n" + extra, style=strong)
        arith = wrap(r.text, width - 2)
        for line in arith:
            cell.append("\n  " + line, style="dim")
        return len(lines) + len(arith), (cell,)

    def show(self, rows):
        """Put ``rows`` on screen: changed cells in place when the steps and their heights are
        the same, else the rows anew. Returns True when the rows were rebuilt."""
        new = [(r.key, *self.cells(r)) for r in rows]
        same = [(k, h) for k, h, _c in new] == [(k, h) for k, h, _c in self.drawn]
        if same:
            keys = [c.key for c in self.ordered_columns]
            for i, ((_k, _h, cells), (_k0, _h0, old)) in enumerate(zip(new, self.drawn, strict=True)):
                for key, cell, was in zip(keys, cells, old, strict=True):
                    if cell != was:
                        self.update_cell(str(i), key, cell)
        else:
            self.clear()
            for i, (_k, _h, cells) in enumerate(new):
                self.add_row(*cells, key=str(i), height=None)
        self.drawn = new
        return not same

    def forget(self):
        self.clear()
        self.drawn = []
