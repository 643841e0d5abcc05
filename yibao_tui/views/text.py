"""Documents as plain text: terminal-width aware (a CJK character takes two cells), a figure
never cut (only labels and working are clipped, marked "…")."""

from __future__ import annotations

import unicodedata

from yibao_tui.text import t


def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s, n):
    return s + " " * max(0, n - width(s))


def rpad(s, n):
    return " " * max(0, n - width(s)) + s


def clip(s, n):
    """Cut ``s`` to ``n`` terminal cells, marking the cut."""
    if width(s) <= n:
        return s
    out = ""
    for ch in s:
        if width(out + ch) > n - 1:
            break
        out += ch
    return out + "…"


def row_lines(row, lang, cols=100, sources=True):
    """A breakdown row: label, working, figure in columns; then its citation (↳) and note (※)."""
    lw = 24
    aw = max(20, cols - lw - 18)
    lines = [f"  {pad(clip(row.label, lw), lw)} {pad(clip(row.text, aw), aw)} {rpad(row.amount, 13)}"]
    if sources and row.quote:
        lines.append(f"    ↳ {row.source}: “{row.quote}”")
    elif sources and row.supplied:
        lines.append("    ↳ " + t("est.supplied", lang))
    if sources and row.note:
        lines.append(f"    ※ {row.note}")
    return lines


def section_lines(section, lang, cols=100, sources=True):
    out = [section.title] if section.title is not None else []
    for r in section.rows:
        out += row_lines(r, lang, cols, sources)
    return out + list(section.lines)


def document_lines(doc, cols=100):
    """The title, notices ("! …"), then each section after a blank line."""
    out = [doc.title] + [f"! {n}" for n in doc.notices]
    for s in doc.sections:
        out.append("")
        out += section_lines(s, doc.lang, cols)
    return out
