"""Laying out a household Document as lines of text: the plain text of the CLI, and (styled by
``tui.widgets.document_text``) the TUI's panes, so both show the same lines.

A line is a list of (text, tag) pieces; the tag says what the piece is ("title", "section",
"mark.ok" / "mark.broken" / "mark.unknown", "label", "strong", "dim", "" …) and a renderer may
style it. Widths count CJK characters double; the working of a row is never cut.
"""

from __future__ import annotations

from yibao_tui.text import t
from yibao_tui.views.text import pad, rpad, terminal_cols, width


def row_lines(row, lang, at=0, lw=None, cols=100):
    """One row: ``mark label: text`` (or, in a table, label, text and amount in columns), then
    its source and quote, what the user supplied, its note and any further lines under it."""
    ind = " " * at
    mark = [(row.mark, f"mark.{row.status}" if row.status else "dim"), (" ", "")] if row.mark else []
    if lw is not None:  # a table: label, working, amount
        aw = max(20, cols - at - lw - 16)
        first = [(ind, ""), *mark, (pad(row.label, lw), "strong" if row.strong else ""),
                 (" " + pad(row.text, aw) + " " + rpad(row.amount, 12), "")]
        first[-1] = (first[-1][0].rstrip(), "")
    else:
        first = [(ind, ""), *mark]
        if row.label:
            first.append((row.label, "label"))
            if row.text:
                first.append((t("hh.colon", lang), ""))
        first.append((row.text, "strong" if row.strong else ""))
        if row.amount:
            first.append((f"  {row.amount}", ""))
    out = [first]
    sub = " " * (at + 4)
    if row.quote:
        src = f"{row.source}{t('hh.colon', lang)}" if row.source else ""
        out.append([(f"{sub}↳ {src}“{row.quote}”", "dim")])
    elif row.supplied:
        out.append([(f"{sub}↳ {t('hh.enrol.supplied', lang)}", "dim")])
    if row.note:
        out.append([(f"{sub}※ {row.note}", "dim")])
    out += [[(f"{sub}{x}", "dim")] for x in row.extra]
    return out


def layout(doc, cols=None, at=0):
    """The document's lines: its title, notices, then each section (title, rows, lines)."""
    cols = terminal_cols(cols)
    lang = doc.lang
    out = []
    if doc.title:
        out.append([(" " * at + doc.title, "title")])
    out += [[(" " * at + f"! {n}", "")] for n in doc.notices]
    for sec in doc.sections:
        if not (sec.title or sec.rows or sec.lines):
            continue
        if sec.title:
            out.append([(" " * at + sec.title, "section")])
        inner = at + 2 if sec.title else at
        table = any(r.amount for r in sec.rows) and not any(r.mark for r in sec.rows)
        lw = max([14] + [width(r.label) for r in sec.rows]) if table else None
        for r in sec.rows:
            out += row_lines(r, lang, inner, lw, cols)
        out += [[(" " * inner + ln, "")] for ln in sec.lines]
    return out


def plain(lines):
    return ["".join(text for text, _ in ln).rstrip() for ln in lines]


def text_lines(doc, cols=None, at=0):
    """The document as plain lines (the CLI)."""
    return plain(layout(doc, cols, at))


def text(doc, cols=None, at=0):
    return "\n".join(text_lines(doc, cols, at))
