"""The steps of a visit's document as a table, wrapped here (a figure is never split), redrawing
what changed: cells in place when the rows are the same steps of the same heights, the rows
anew only when the steps themselves change. Mounted after the breakdown's first frame."""

from __future__ import annotations

from rich.text import Text

from yibao_tui.tui.widgets.plain import PlainTable
from yibao_tui.tui.widgets.visit_panes import Q_STYLE
from yibao_tui.views.text import wrap

AMOUNT_W = 12
WIDE = 72  # table width from which step, arithmetic and amount get a column each


class StepsTable(PlainTable):
    """The steps of a visit document, wrapped here (a figure is never split); ``show`` redraws
    only what changed."""

    def __init__(self, **kw):
        super().__init__(cursor_type="row", zebra_stripes=True, **kw)
        self.layout_for = None  # (width, wide) the columns were made for
        self.drawn = []  # per row: (key, height, cells) as on screen
        self.wrapped = {}  # (text, cells) → lines: a keystroke changes a few figures, not the steps

    def wrap(self, text, width):
        """``views.text.wrap``, remembered: most of a table's texts are the same each keystroke."""
        lines = self.wrapped.get((text, width))
        if lines is None:
            if len(self.wrapped) > 1024:
                self.wrapped.clear()
            lines = self.wrapped[text, width] = wrap(text, width)
        return lines

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
            name, arith = self.wrap(r.label + mark, step_w), self.wrap(r.text, arith_w)
            return max(len(name), len(arith)), (Text("\n".join(name), style=strong),
                                                 Text("\n".join(arith), style="dim"), amt)
        # One column: step and amount on a line, the arithmetic under it at full width.
        width = self.stacked_width
        lines = self.wrap(r.label + mark, max(8, width - amt.cell_len - 1))
        name = Text(lines[0], style=strong)
        cell = Text.assemble(name, " " * max(1, width - name.cell_len - amt.cell_len), amt)
        for extra in lines[1:]:
            cell.append("\n" + extra, style=strong)
        arith = self.wrap(r.text, width - 2)
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
