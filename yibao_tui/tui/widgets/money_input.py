"""A yuan amount input: thousands separators as you type; what the amount rule refuses stays as
typed, and the screen says why (a character is never dropped)."""

from __future__ import annotations

from textual.widgets import Input

from yibao_tui.core.amount import group

# Keys the input takes: what an amount may be written with (core.amount: digits, full-width
# digits, points, commas, 万 and 元). Any other printable key goes on to the screen's bindings
# (c compare, e export …).
ALLOWED = frozenset("0123456789.,，０１２３４５６７８９．万元")


class MoneyInput(Input):
    """Regroups thousands as you type, keeping the cursor after the same digit, in the same
    change as the key. Focus selects the figure, so one key replaces it.

    No blinking cursor: a blink redraws the screen twice a second, which costs over SSH and makes
    snapshots unstable.
    """

    DEFAULT_CSS = """
    MoneyInput { width: 1fr; }
    """

    def __init__(self, value="", **kw):
        super().__init__(group(value), select_on_focus=True, **kw)
        self.cursor_blink = False

    def check_consume_key(self, key, character):
        """Only what an amount is written with is ours: letters stay free for the screen's keys."""
        return character is not None and character in ALLOWED

    async def _on_key(self, event):
        if event.is_printable and event.character not in ALLOWED:
            event.prevent_default()  # skip Input's handler; the key bubbles on to bindings

    def replace(self, text, start, end):
        """Every edit (a key, a paste, a deletion) lands regrouped at once: one change message,
        so one estimate, per keystroke (regrouping "1000" into "1,000" is not a second change)."""
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        new = f"{value[:start]}{text}{value[end:]}"
        self._set_grouped(new, start + len(text))

    def _on_input_changed(self, event: Input.Changed) -> None:
        # A value set from code (not typed): regrouped here, the cursor kept after its digit.
        if group(self.value) != self.value:
            self._set_grouped(self.value, self.cursor_position)

    def _set_grouped(self, new, cursor):
        """``new`` regrouped, the cursor after the same number of digits as at ``cursor`` in
        ``new`` (commas move under it)."""
        before = new[:cursor].replace(",", "").replace("，", "")
        grouped = group(new)
        self.value = grouped
        pos = n = 0
        while pos < len(grouped) and n < len(before):
            n += grouped[pos] != ","
            pos += 1
        self.cursor_position = pos
