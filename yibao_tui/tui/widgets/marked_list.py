"""An OptionList whose highlighted option carries a mark, so it reads without colour (NO_COLOR,
colour-blind users) and in a plain screen capture: ▶ while the list has focus, ▷ without."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

MARK = {True: "▶ ", False: "▷ "}
BLANK = "  "


class MarkedList(OptionList):
    def __init__(self, *options, **kw):
        self._bases = []
        self._marked_focus = False
        super().__init__(**kw)
        if options:
            self.add_options(options)

    def _wrap(self, options):
        out = []
        for o in options:
            base = o.prompt if isinstance(o.prompt, Text) else Text(str(o.prompt))
            self._bases.append((base, o.disabled))
            out.append(Option(base if o.disabled else Text.assemble(BLANK, base), id=o.id,
                              disabled=o.disabled))
        return out

    def add_options(self, items):
        return super().add_options(self._wrap(list(items)))

    def clear_options(self):
        self._bases = []
        return super().clear_options()

    def mark(self, focused=None):
        """Put the mark on the highlighted option only (``focused``: as the focus event says;
        ``has_focus`` may not have caught up yet)."""
        if focused is None:
            focused = self._marked_focus
        self._marked_focus = focused
        for i, (base, disabled) in enumerate(self._bases[: self.option_count]):
            if disabled:
                continue
            lead = MARK[focused] if i == self.highlighted else BLANK
            prompt = self.get_option_at_index(i).prompt
            if str(prompt)[:2] != lead:
                self.replace_option_prompt_at_index(i, Text.assemble(lead, base))

    def on_option_list_option_highlighted(self, event):
        self.mark()

    def on_focus(self):
        self.mark(True)

    def on_blur(self):
        self.mark(False)
