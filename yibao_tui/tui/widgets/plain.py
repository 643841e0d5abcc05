"""The app's one way to put a user's or a file's string into a widget: plain text, never Textual
markup (issue #22). A household named ``[/x]`` raised MarkupError and ended the app; one named
``[@click=app.quit]…`` would have made a name a button. ``plain`` makes text safe twice over:
control characters escaped by ``core.safe`` (the one escape function), then a Rich ``Text`` that
no widget parses as markup. ``PlainTable`` is a DataTable whose text cells go through it.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from yibao_tui.core.safe import safe_lines


def plain(value, style=""):
    """``value`` as a widget shows it: a str becomes plain ``Text`` (escaped, never markup) in
    ``style``; anything else (a Text, a renderable, None) passes as it is."""
    return Text(safe_lines(value), style=style) if isinstance(value, str) else value


class PlainTable(DataTable):
    """A DataTable whose str cells and labels are plain text (``plain``), never markup."""

    def add_row(self, *cells, height=1, key=None, label=None):
        return super().add_row(*map(plain, cells), height=height, key=key, label=plain(label))

    def update_cell(self, row_key, column_key, value, *, update_width=False):
        return super().update_cell(row_key, column_key, plain(value), update_width=update_width)

    def update_cell_at(self, coordinate, value, *, update_width=False):
        return super().update_cell_at(coordinate, plain(value), update_width=update_width)
