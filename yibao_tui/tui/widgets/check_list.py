"""A SelectionList whose box is empty when an item is off.

Textual draws every box as ▐X▌ and tells on from off by colour alone; under NO_COLOR (and for
colour-blind users) that hides the state, so an unticked box is drawn ▐ ▌ instead. (The box's
mark is a ToggleButton's; Checkbox is its public subclass.)
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList


class CheckList(SelectionList):
    def render_line(self, y):
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except Exception:  # past the last option: nothing to mark
            return strip
        if selection.value in self.selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == Checkbox.BUTTON_INNER:
            segments[1] = Segment(" " * len(Checkbox.BUTTON_INNER), segments[1].style)
        return Strip(segments, strip.cell_length)
