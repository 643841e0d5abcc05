"""The cost curve drawn in character cells: fund / 大病 / self-pay against the bill (issue #14).

Drawn here rather than with a plotting library: each payer has its own glyph (the stacked bar's:
█ fund, ▓ 大病, ░ self-pay), so the plot reads without colour; labels are words, CJK-width aware;
and it fits 80×24. The curve is piecewise linear between its points, so the value at a column is
the points' interpolation — exact, no sampling of the engine. Imported only when the plot opens.

``grid`` is the pure part (lists of strings, testable without a terminal); ``CurvePlot`` renders
it to the widget's size.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from rich.text import Text
from textual.widget import Widget

from yibao_tui.tui.widgets.stacked_bar import SEGMENTS, UNCERTAIN
from yibao_tui.views.curve import short

CURRENT = "│"
UNKNOWN = UNCERTAIN[1]  # who pays this part waits on a figure no source gives
MARKS = "123456789abcdefghijklmnopqrstuvwxyz"


def value_at(points, x):
    """The curve's value at ``x`` from its [(x, y)] points (y None: unknown there); at a jump,
    the side after it."""
    for (xa, ya), (xb, yb) in itertools.pairwise(points):
        if xa <= x < xb or (x == xb == points[-1][0]):
            if ya is None or yb is None:
                return None
            if xb == xa:
                return yb
            return ya + (yb - ya) * (x - xa) / (xb - xa)
    return None


def grid(layers, totals, x0, x1, width, height, current=None, breaks=()):
    """The plot as ``height`` + 2 lines of ``width`` cells: the bill split into ``layers``
    [(glyph, [(x, y)])] stacked from the bottom (self-pay, 大病, fund: each column shows who pays
    how much of a bill that size, as the stacked bar does), ``totals`` [(x, bill)] their top;
    where a layer is unknown the rest of the bill is the unknown glyph. Above the bill, the
    current amount's column is marked │. Then the x-axis with a tick ┴ at each break and under
    it each break's mark (1, 2, … in order) and the end amount. Returns (lines, [(mark, break)])."""
    top = max((y for _x, y in totals if y is not None), default=Decimal(0))
    top = top if top > 0 else Decimal(1)
    gut = max(len(short(top)), 1) + 1
    w = max(4, width - gut - 1)
    h = max(3, height)
    span = (x1 - x0) or Decimal(1)
    cells = [[" "] * w for _ in range(h)]

    def col(x):
        return min(w - 1, max(0, int((x - x0) * w / span)))

    def rows(y):  # cells from the bottom covered by ``y``
        return min(h, max(0, int((y * h / top).to_integral_value())))

    cur = col(current) if current is not None and x0 <= current <= x1 else None
    for c in range(w):
        x = x0 + span * (Decimal(c) + Decimal("0.5")) / w
        bill = value_at(totals, x)
        n = rows(bill) if bill is not None else 0
        parts, glyphs = [], []
        for glyph, pts in layers:
            y = value_at(pts, x)
            if y is None:
                break
            parts.append(max(Decimal(0), y))
            glyphs.append(glyph)
        if bill is not None and bill > sum(parts, Decimal(0)) and len(parts) < len(layers):
            parts.append(bill - sum(parts, Decimal(0)))
            glyphs.append(UNKNOWN)
        # each boundary at its rounded height (so neighbouring columns agree), a layer above zero
        # at least one cell while the bill has room
        r, acc = 0, Decimal(0)
        for i, (glyph, part) in enumerate(zip(glyphs, parts, strict=True)):
            acc += part
            top_i = n if i == len(parts) - 1 else min(n, rows(acc))
            if part > 0 and top_i <= r and r < n:
                top_i = r + 1
            for k in range(r, top_i):
                cells[h - 1 - k][c] = glyph
            r = max(r, top_i)
        if c == cur:
            for i in range(r, h):
                cells[h - 1 - i][c] = CURRENT
    labels = {0: short(top), h // 2: short(top / 2), h - 1: "0"}
    lines = [f"{labels.get(r, ''):>{gut - 1}} ┤{''.join(cells[r])}" if r in labels
             else f"{'':>{gut - 1}} │{''.join(cells[r])}" for r in range(h)]
    axis = ["─"] * w
    under = [" "] * w
    marked = []
    for i, b in enumerate(breaks):
        c = col(b.amount)
        axis[c] = "┴"
        while c < w - 1 and under[c] != " ":
            c += 1
        m = MARKS[i] if i < len(MARKS) else "+"
        under[c] = m
        marked.append((m, b))
    lines.append(f"{'':>{gut - 1}} └{''.join(axis)}")
    end = short(x1)
    tail = "".join(under).rstrip()
    pad = max(1, w - len(end) - len(tail))
    lines.append(f"{'':>{gut - 1}}  {tail}{' ' * pad}{end}" if len(tail) + len(end) < w
                 else f"{'':>{gut - 1}}  {tail}")
    return lines, marked


STYLES = {g: c for _k, g, c in (*SEGMENTS, UNCERTAIN)}
ORDER = ("self_pay", "serious_illness", "fund")  # bottom to top: what the family pays first


def layers(c):
    """(layers, totals) of a core Curve for ``grid``: each payer's points, and the bill's."""
    glyph = {k: g for k, g, _c in SEGMENTS}
    idx = {k: i for i, k in enumerate(("fund", "serious_illness", "self_pay"))}
    # a payer unknown somewhere goes on top: the known ones keep their heights from the axis
    order = sorted(ORDER, key=lambda k: k in c.unknown)
    out = [(glyph[k], [(p.amount, p.shown[idx[k]]) for p in c.points]) for k in order]
    totals = [(p.amount, p.total) for p in c.points]
    return out, totals


class CurvePlot(Widget):
    """Draws ``series`` [(glyph, [(x, y)])] from ``x0`` to ``x1`` to the widget's size."""

    DEFAULT_CSS = """
    CurvePlot { height: 1fr; width: 1fr; }
    """

    def __init__(self, curve, **kw):
        super().__init__(**kw)
        self.curve = curve

    def render(self):
        c = self.curve
        lines, _ = grid(*layers(c), c.points[0].amount, c.points[-1].amount, self.size.width,
                        self.size.height - 2, c.current, c.breaks)
        text = Text(no_wrap=True, overflow="crop")
        for i, line in enumerate(lines):
            if i:
                text.append("\n")
            for ch in line:
                text.append(ch, style=STYLES.get(ch, "bold" if ch == CURRENT else ""))
        return text
