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


class _Canvas:
    """Cells for a plot of ``top`` yuan high from ``x0`` to ``x1``, with a y-axis gutter."""

    def __init__(self, top, x0, x1, width, height):
        self.top = top if top > 0 else Decimal(1)
        self.h = max(3, height)
        # the top row reads the top; the middle row about half of it, in whole yuan
        half = (self.top / 2).to_integral_value()
        self.labels = {0: short(self.top), self.h // 2: short(half), self.h - 1: "0"}
        self.gut = max(len(v) for v in self.labels.values()) + 1
        self.w = max(4, width - self.gut - 1)
        self.x0, self.x1, self.span = x0, x1, (x1 - x0) or Decimal(1)
        self.cells = [[" "] * self.w for _ in range(self.h)]

    def col(self, x):
        return min(self.w - 1, max(0, int((x - self.x0) * self.w / self.span)))

    def rows(self, y):
        """Cells from the bottom covered by ``y``."""
        return min(self.h, max(0, int((y * self.h / self.top).to_integral_value())))

    def mid(self, c):
        return self.x0 + self.span * (Decimal(c) + Decimal("0.5")) / self.w

    def put(self, c, r, glyph):
        """Cell ``r`` from the bottom of column ``c``."""
        self.cells[self.h - 1 - r][c] = glyph

    def lines(self, marks):
        """The rows with the y-axis (top, half, 0), then the x-axis with a tick ┴ at each mark's
        amount, and under it the marks [(char, amount)] and the end amount. Marks never touch:
        each stands a cell apart from the one before it (so "a" and "1" never read as "a1"), on
        a second line where the first has no room."""
        g, w, h = self.gut, self.w, self.h
        labels = self.labels
        out = [f"{labels[r]:>{g - 1}} ┤{''.join(self.cells[r])}" if r in labels
               else f"{'':>{g - 1}} │{''.join(self.cells[r])}" for r in range(h)]
        axis = ["─"] * w
        rows = [[" "] * w, [" "] * w]
        last = [-2, -2]  # the column of the last mark on each line
        for m, x in sorted(marks, key=lambda mx: mx[1]):
            c = self.col(x)
            axis[c] = "┴"
            for i, under in enumerate(rows):
                at = max(c, last[i] + 2)
                if at < w:
                    under[at], last[i] = m, at
                    break
        out.append(f"{'':>{g - 1}} └{''.join(axis)}")
        end, tail = short(self.x1), "".join(rows[0]).rstrip()
        pad = max(1, w - len(end) - len(tail))
        out.append(f"{'':>{g - 1}}  {tail}{' ' * pad}{end}" if len(tail) + len(end) < w
                   else f"{'':>{g - 1}}  {tail}")
        second = "".join(rows[1]).rstrip()
        if second:
            out.append(f"{'':>{g - 1}}  {second}")
        return out


def marks_of(breaks, chars=MARKS):
    """[(mark, break)]: 1, 2, … (or a, b, …) in order."""
    return [(chars[i] if i < len(chars) else "+", b) for i, b in enumerate(breaks)]


def grid(layers, totals, x0, x1, width, height, current=None, breaks=()):
    """The plot as ``height`` + 2 lines of ``width`` cells: the bill split into ``layers``
    [(glyph, [(x, y)], [(x, low)])] stacked from the bottom (self-pay, 大病, fund: each column
    shows who pays how much of a bill that size, as the stacked bar does), ``totals`` [(x, bill)]
    their top. Where a layer is unknown it stands at the least it can be (``low``, over the
    figures no source gives) and the rest of the bill — the band its bounds leave open — is the
    unknown glyph, never 0 (no bound known: the layer and those above it are all unknown glyph).
    Above the bill, the
    current amount's column is marked │. Then the x-axis with a tick ┴ at each break and under
    it each break's mark (1, 2, … in order) and the end amount. Returns (lines, [(mark, break)])."""
    cv = _Canvas(max((y for _x, y in totals if y is not None), default=Decimal(0)), x0, x1, width,
                 height)
    cur = cv.col(current) if current is not None and x0 <= current <= x1 else None
    for c in range(cv.w):
        x = cv.mid(c)
        bill = value_at(totals, x)
        n = cv.rows(bill) if bill is not None else 0
        parts, glyphs, open_ = [], [], False
        for glyph, pts, lows in layers:
            y = value_at(pts, x)
            if y is None:
                open_ = True
                y = value_at(lows, x) if lows else None
                if y is None:
                    break
            parts.append(max(Decimal(0), y))
            glyphs.append(glyph)
        if bill is not None and bill > sum(parts, Decimal(0)) and open_:
            parts.append(bill - sum(parts, Decimal(0)))
            glyphs.append(UNKNOWN)
        # each boundary at its rounded height (so neighbouring columns agree), a layer above zero
        # at least one cell while the bill has room
        r, acc = 0, Decimal(0)
        for i, (glyph, part) in enumerate(zip(glyphs, parts, strict=True)):
            acc += part
            top_i = n if i == len(parts) - 1 else min(n, cv.rows(acc))
            if part > 0 and top_i <= r < n:
                top_i = r + 1
            for k in range(r, top_i):
                cv.put(c, k, glyph)
            r = max(r, top_i)
        if c == cur:
            for k in range(r, cv.h):
                cv.put(c, k, CURRENT)
    marked = marks_of(breaks)
    return cv.lines([(m, b.amount) for m, b in marked]), marked


def line_grid(series, x0, x1, width, height, current=None, marks=()):
    """Lines instead of areas (two choices' self-pay on one plot): each of ``series``
    [(glyph, [(x, low)], [(x, high)])] drawn in order, a later one on top where they meet — a
    line where low and high agree, a band between them where the amount waits on a figure no
    source gives (never 0); the current amount's column │ where empty; ``marks`` [(char,
    amount)] under the axis."""
    cv = _Canvas(max((y for _g, _lo, his in series for _x, y in his if y is not None),
                     default=Decimal(0)), x0, x1, width, height)
    if current is not None and x0 <= current <= x1:
        for k in range(cv.h):
            cv.put(cv.col(current), k, CURRENT)
    for glyph, lows, highs in series:
        for c in range(cv.w):
            a, b = cv.x0 + cv.span * c / cv.w, cv.x0 + cv.span * (c + 1) / cv.w
            # both ends of the column (neighbours share one, so a steep part stays joined) and
            # any point inside it (both sides of a jump), at both bounds
            ys = [value_at(pts, x) for pts in (lows, highs) for x in (a, b)]
            ys += [y for pts in (lows, highs) for x, y in pts if a <= x < b]
            rs = [min(cv.h - 1, cv.rows(y)) for y in ys if y is not None]
            for k in range(min(rs), max(rs) + 1) if rs else ():
                cv.put(c, k, glyph)
    return cv.lines(list(marks))


STYLES = {g: c for _k, g, c in (*SEGMENTS, UNCERTAIN)}
ORDER = ("self_pay", "serious_illness", "fund")  # bottom to top: what the family pays first


def layers(c):
    """(layers, totals) of a core Curve for ``grid``: each payer's points, and the bill's."""
    glyph = {k: g for k, g, _c in SEGMENTS}
    idx = {k: i for i, k in enumerate(("fund", "serious_illness", "self_pay"))}
    # a payer unknown somewhere goes on top: the known ones keep their heights from the axis
    order = sorted(ORDER, key=lambda k: k in c.unknown)
    out = [(glyph[k], [(p.amount, p.shown[idx[k]]) for p in c.points],
            [(p.amount, bound(p, k, 0)) for p in c.points] if k in c.unknown else None)
           for k in order]
    totals = [(p.amount, p.total) for p in c.points]
    return out, totals


# Two choices on one plot (compare): each one's self-pay as a line, a glyph each.
CHOICES = (("█", "green"), ("▒", "magenta"))
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def bound(p, key, i):
    """A point's ``key`` as shown, else its range's low (``i`` 0) or high (1); None where no
    range can be given."""
    v = p.shown[("fund", "serious_illness", "self_pay").index(key)]
    if v is not None:
        return v
    rng = p.range and p.range.get(key)
    return rng[i] if rng else None


def choice_series(curves):
    """(series, marks) for ``line_grid``: each curve's self-pay (its low and high: a band where it
    waits on a figure no source gives); the first one's breaks marked 1, 2, …, the second's a,
    b, …"""
    series, marks = [], []
    for (glyph, _c), c, chars in zip(CHOICES, curves, (MARKS, LETTERS), strict=False):
        series.append((glyph, [(p.amount, bound(p, "self_pay", 0)) for p in c.points],
                       [(p.amount, bound(p, "self_pay", 1)) for p in c.points]))
        marks += [(m, b.amount) for m, b in marks_of(c.breaks, chars)]
    return series[::-1], marks  # the first (current) choice drawn last: on top


class CurvePlot(Widget):
    """One Curve as the bill's split (``grid``), or two choices' self-pay as lines
    (``line_grid``), drawn to the widget's size."""

    DEFAULT_CSS = """
    CurvePlot { height: 1fr; width: 1fr; }
    """

    def __init__(self, curve, other=None, **kw):
        super().__init__(**kw)
        self.curve, self.other = curve, other

    def render(self):
        c = self.curve
        x0, x1 = c.points[0].amount, c.points[-1].amount
        if self.other is None:
            lines, _ = grid(*layers(c), x0, x1, self.size.width, self.size.height - 2, c.current,
                            c.breaks)
            styles = STYLES
        else:
            series, marks = choice_series([c, self.other])
            x0 = min(x0, self.other.points[0].amount)
            lines = line_grid(series, x0, x1, self.size.width, self.size.height - 2, c.current,
                              marks)
            styles = dict(CHOICES)
        text = Text(no_wrap=True, overflow="crop")
        for i, line in enumerate(lines):
            if i:
                text.append("\n")
            for ch in line:
                text.append(ch, style=styles.get(ch, "bold" if ch == CURRENT else ""))
        return text
