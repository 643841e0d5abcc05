"""A yuan amount input: digits and one decimal point, at most two decimals, thousands separators."""

from __future__ import annotations

from textual.widgets import Input

from yibao_tui.tui.wizard import group

# Typed text as it may stand while typing (commas are ours, so they are let through too).
ALLOWED = frozenset("0123456789.,，")
MONEY_RESTRICT = r"[0-9,，]*(\.[0-9]{0,2})?"


class MoneyInput(Input):
    """Regroups thousands as you type, keeping the cursor after the same digit.

    No blinking cursor: a blink redraws the screen twice a second, which costs over SSH and makes
    snapshots unstable.
    """

    DEFAULT_CSS = """
    MoneyInput { width: 1fr; }
    """

    def __init__(self, value="", **kw):
        super().__init__(group(value), restrict=MONEY_RESTRICT, compact=True, select_on_focus=False,
                         **kw)
        self.cursor_blink = False

    def check_consume_key(self, key, character):
        """Only digits, point and comma are ours: letters stay free for the screen's keys."""
        return character is not None and character in ALLOWED

    async def _on_key(self, event):
        if event.is_printable and event.character not in ALLOWED:
            event.prevent_default()  # skip Input's handler; the key bubbles on to bindings

    def _on_input_changed(self, event: Input.Changed) -> None:
        grouped = group(self.value)
        if grouped == self.value:
            return
        # Keep the cursor after the same number of digits (commas move under it).
        before = self.value[: self.cursor_position].replace(",", "")
        self.value = grouped
        pos = n = 0
        while pos < len(grouped) and n < len(before):
            n += grouped[pos] != ","
            pos += 1
        self.cursor_position = pos
