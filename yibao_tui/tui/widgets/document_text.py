"""A Document as Rich Text for the app's panes: the tagged lines ``views.text.layout`` gives the
CLI, styled (marks coloured, quotes and notes dim, a figure's qualifier marked) — the same lines,
wrapped the same way."""

from __future__ import annotations

from rich.text import Text

from yibao_tui.views.text import layout

STYLES = {"title": "bold", "section": "bold", "label": "bold", "strong": "bold", "summary": "bold",
          "dim": "dim", "cite": "dim", "note": "dim", "notice": "bold yellow",
          "mark.ok": "green", "mark.broken": "bold red", "mark.unknown": "yellow",
          "q.at_most": "yellow", "q.at_least": "yellow", "q.range": "magenta", "q.unknown": "red"}


def lines_text(lines, into=None):
    """Tagged lines as Text, one per line (appended to ``into`` when given)."""
    text = into if into is not None else Text()
    for ln in lines:
        for piece, tag in ln:
            text.append(piece, style=STYLES.get(tag, ""))
        text.append("\n")
    return text


def document_text(doc, cols=80, into=None, sources=True):
    """``doc`` as Text (appended to ``into`` when given)."""
    return lines_text(layout(doc, cols, sources=sources), into)
