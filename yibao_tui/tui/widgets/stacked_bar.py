"""Who pays what: one line split between the fund, serious-illness insurance and the patient."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.widget import Widget

# Distinct glyphs as well as colours, so the bar still reads under NO_COLOR.
SEGMENTS = (("fund", "█", "green"), ("serious_illness", "▓", "blue"), ("self_pay", "░", "yellow"))
UNKNOWN = ("unknown", "?", "red")


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

    def set_parts(self, parts):
        self.parts = parts
        self.refresh()

    def segments(self):
        """[(segment, Decimal)]: the known parts, and what is left of the total as one unknown
        segment (the split of an unknown remainder is never guessed)."""
        if self.parts is None or self.parts[3] is None:
            return []
        *parts, total = self.parts
        segs = [(seg, p) for seg, p in zip(SEGMENTS, parts, strict=True) if p is not None]
        rest = total - sum((p for _s, p in segs), Decimal(0))
        if rest > 0 and len(segs) < 3:
            segs.append((UNKNOWN, rest))
        return segs

    def render(self):
        segs = self.segments()
        text = Text()
        for ((_key, glyph, colour), _p), n in zip(segs, widths([p for _s, p in segs], self.size.width),
                                                  strict=True):
            text.append(glyph * n, style=colour)
        return text
