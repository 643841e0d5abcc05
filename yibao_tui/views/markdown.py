"""A document as Markdown (the app's export, saved and copied to the clipboard).

The title a heading; each section a heading (its title), its rows a table (label, working,
amount, or the section's own ``columns``) or a list, its figures' sentence in bold, its lines a
list or paragraphs; the rows' citations numbered and gathered under one heading before the
caveats. Every word comes from the document and its ``words``."""

from __future__ import annotations

_LAST = ("caveats", "disclaimer")  # the sources go before these


def _cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def _heading(s):
    return s.rstrip("：:")


def _columns(sec, words):
    if sec.columns:
        return sec.columns
    return [(words["col.step"], "label"), (words["col.arith"], "text"),
            (words["col.amount"], "amount")]


def _right(field):
    return field == "amount" or field.startswith("fig:")


def _mark(row, cites):
    if not row.cited:
        return ""
    cites.append(row)
    return f" [{len(cites)}]"


def table_md(sec, words, cites):
    cols = _columns(sec, words)
    out = ["| " + " | ".join(h for h, _ in cols) + " |",
           "| " + " | ".join("---:" if _right(f) else "---" for _, f in cols) + " |"]
    for r in sec.rows:
        mark = _mark(r, cites)
        cells = [_cell(r.cell(f)) + (mark if f == "label" else "") for _, f in cols]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, ""]


def list_md(sec, words, cites):
    out = []
    for r in sec.rows:
        head = f"{r.mark} " if r.mark else ""
        body = r.label + (words["colon"] if r.label and r.text else "") + (r.text or "")
        amount = f"  {r.amount}" if r.amount else ""
        out.append(f"- {head}{body}{amount}{_mark(r, cites)}")
        out += [f"  - {x}" for x in r.extra]
    return out + ([""] if out else [])


def section_md(sec, words, cites):
    out = [f"## {_heading(sec.title)}", ""] if sec.title else []
    if sec.rows:
        table = sec.columns or (any(r.amount for r in sec.rows) and not any(r.mark for r in sec.rows))
        out += (table_md if table else list_md)(sec, words, cites)
    if sec.summary:
        out += [f"**{sec.summary}**", ""]
    if sec.kind == "disclaimer":
        out += [f"_{x}_" for x in sec.lines] + [""]
    elif sec.bullets:
        out += [f"- {x}" for x in sec.lines] + ([""] if sec.lines else [])
    else:
        for x in sec.lines:
            out += [x, ""]
    return out


def sources_md(cites, doc):
    """The cited rows, numbered: label — source：“quote”, and the note under it."""
    words = doc.words
    out = [f"## {words['md.sources']}", ""]
    for i, r in enumerate(cites, 1):
        line = f"{i}. {r.label}"
        if r.quote:
            line += " — " + doc.cite(r)
        elif r.supplied:
            line += f" — {words['est.supplied']}"
        out.append(line)
        if r.note:
            out.append(f"   - {words['note']}{words['colon']}{r.note}")
    return [*out, ""]


def markdown(doc):
    """``doc`` as Markdown text."""
    out = [f"# {doc.title}", ""]
    if doc.notices:
        out += [f"> ! {n}" for n in doc.notices] + [""]
    cites, placed = [], False
    for sec in doc.sections:
        if not (sec.title or sec.rows or sec.lines or sec.summary):
            continue
        if sec.kind in _LAST and not placed:
            placed = True
            if cites:
                out += sources_md(cites, doc)
        out += section_md(sec, doc.words, cites)
    if cites and not placed:
        out += sources_md(cites, doc)
    return "\n".join(out)
