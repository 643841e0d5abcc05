"""A Document as Rich Text for the TUI's panes: the lines ``views.household_text.layout`` gives
the CLI, styled (marks coloured, quotes and notes dim)."""

from __future__ import annotations

from rich.text import Text

from yibao_tui.views.household_text import layout

STYLES = {"title": "bold", "section": "bold", "label": "bold", "strong": "bold", "dim": "dim",
          "mark.ok": "green", "mark.broken": "bold red", "mark.unknown": "yellow"}


def document_text(doc, cols=80, into=None):
    """``doc`` as Text (appended to ``into`` when given)."""
    text = into if into is not None else Text()
    for ln in layout(doc, cols):
        for piece, tag in ln:
            text.append(piece, style=STYLES.get(tag, ""))
        text.append("\n")
    return text
