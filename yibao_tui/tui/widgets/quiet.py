"""Redraw a Static only as much as a change needs: nothing when it already shows the same, and
no new layout of the screen when the new text takes the same lines (a keystroke in a money box
changes figures, not heights). A layout reflows every widget of the screen; a redraw is the
pane's own lines."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text


def same_height(old, new, width):
    """True when Text ``old`` and ``new`` take the same lines in ``width`` cells: as many lines
    each, none of them wrapped (a line no wider than the pane never wraps)."""
    if not (width and isinstance(old, Text) and isinstance(new, Text)):
        return False
    a, b = old.plain.split("\n"), new.plain.split("\n")
    return len(a) == len(b) and all(cell_len(line) <= width for line in a + b)


def same_content(old, new):
    """True when ``new`` shows exactly what ``old`` does (a Text's style included, which Rich's
    ``==`` does not compare; an empty Text shows what an empty string does: nothing)."""
    if isinstance(old, str | Text) and isinstance(new, str | Text) and not str(old) and not str(new):
        return True
    if isinstance(old, Text) and isinstance(new, Text):
        return old == new and old.style == new.style and old.justify == new.justify
    return type(old) is type(new) is str and old == new


def set_text(static, new, shown=None):
    """Show ``new`` in ``static``; ``shown`` (or the Static's content) is what it shows now.
    Nothing is done for the same text; a text of the same lines is redrawn without a layout."""
    old = static.content if shown is None else shown
    if same_content(old, new):
        return
    static.update(new, layout=not same_height(old, new, static.content_size.width))


def set_display(widget, shown):
    """Show or hide ``widget``; nothing when it already is (the first ``display =`` sets a rule
    over the stylesheet's even when it says the same, and lays the screen out again)."""
    if widget.display != shown:
        widget.display = shown
