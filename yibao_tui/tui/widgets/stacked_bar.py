"""Who pays what: one line split between the fund, serious-illness insurance and the patient."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.widget import Widget

# Distinct glyphs as well as colours, so the bar still reads under NO_COLOR.
SEGMENTS = (("fund", "█", "green"), ("serious_illness", "▓", "blue"), ("self_pay", "░", "yellow"))
UNKNOWN = ("unknown", "?", "red")
# The part whose payer waits on an unknown figure, where a range is known (core.engine.ranges):
# fund, 大病 and self-pay at their least, and this between them.
UNCERTAIN = ("uncertain", "▒", "magenta")


def widths(parts, total_width):
    """Cell widths for Decimal ``parts`` summing to ``total_width`` (largest remainder, integers
    only). A part above zero gets at least one cell when there is room."""
    total = sum(parts, Decimal(0))
    if total <= 0 or total_width <= 0:
        return [0] * len(parts)
    exact = [p * total_width / total for p in parts]
    out = [int(e) for e in exact]
    rest = total_width - sum(out)
    order = sorted(range(len(parts)), key=lambda i: exact[i] - out[i], reverse=True)
    for i in order[:rest]:
        out[i] += 1
    for i, p in enumerate(parts):  # a visible sliver for small but real shares
        if p > 0 and out[i] == 0:
            j = max(range(len(out)), key=lambda k: out[k])
            if out[j] > 1:
                out[j] -= 1
                out[i] = 1
    return out


class StackedBar(Widget):
    DEFAULT_CSS = """
    StackedBar { height: 1; width: 1fr; }
    """

    def __init__(self, **kw):
        super().__init__(**kw)
        self.parts = None  # (fund, serious_illness, self_pay, total); any may be None (unknown)
        self.rng = None  # their ranges where unknown (core.engine.ranges), or None

    def set_parts(self, parts, rng=None):
        """``parts`` as ``shown`` gives them; ``rng`` ({amount: (low, high)} or None) the ranges
        of the unknown ones: each is drawn at its least, the rest as the uncertain segment."""
        self.parts = parts
        self.rng = rng
        self.refresh()

    def segments(self):
        """[(segment, Decimal)]: the known parts, and what is left of the total as one unknown
        segment (the split of an unknown remainder is never guessed). With ranges, an unknown
        part shows its least (what it pays whatever the figure) and the remainder is the
        uncertain segment: who pays it depends on the unknown figure."""
        if self.parts is None or self.parts[3] is None:
            return []
        *parts, total = self.parts
        rng = getattr(self, "rng", None)
        if rng:
            parts = [p if p is not None or rng.get(k) is None else rng[k][0]
                     for (k, _g, _c), p in zip(SEGMENTS, parts, strict=True)]
        segs = [(seg, p) for seg, p in zip(SEGMENTS, parts, strict=True) if p is not None and p > 0]
        rest = total - sum((p for _s, p in segs), Decimal(0))
        if rest > 0 and None in parts:
            segs.append((UNKNOWN, rest))
        elif rest > 0 and self.parts[:3].count(None):
            segs.append((UNCERTAIN, rest))
        return segs

    def render(self):
        segs = self.segments()
        text = Text()
        for ((_key, glyph, colour), _p), n in zip(segs, widths([p for _s, p in segs], self.size.width),
                                                  strict=True):
            text.append(glyph * n, style=colour)
        return text
