"""Who pays what: one line split between the fund, serious-illness insurance and the patient."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.widget import Widget

# Distinct glyphs as well as colours, so the bar still reads under NO_COLOR.
SEGMENTS = (("fund", "█", "green"), ("serious_illness", "▓", "blue"), ("self_pay", "░", "yellow"))


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
        self.parts = None  # [fund, serious_illness, self_pay] as Decimals, or None if unknown
        self.unknown_text = ""

    def set_parts(self, parts, unknown_text=""):
        self.parts = parts
        self.unknown_text = unknown_text
        self.refresh()

    def render(self):
        w = self.size.width
        if self.parts is None or any(p is None for p in self.parts):
            return Text(self.unknown_text, style="dim")
        text = Text()
        for (_key, glyph, colour), n in zip(SEGMENTS, widths(self.parts, w), strict=True):
            text.append(glyph * n, style=colour)
        return text
