"""Documents as plain text: the one layout, for every document (an estimate, a year, a slip, a
household, an enrolment answer), wrapped to the terminal (``views.wrap``: CJK counts double, a
figure is never split).

``layout`` gives tagged lines — each a list of (text, tag) pieces — that the CLI prints plain
(``text_lines``) and the app styles (``tui.widgets.document_text``), so both show the same lines.
Tags: title, notice, section, label, strong, summary, dim, cite, note, amount, q.<kind> (a figure
with its qualifier), mark.<status>.
"""

from __future__ import annotations

from yibao_tui.views.wrap import (  # noqa: F401  (offered from here too)
    clip,
    pad,
    plain,
    rpad,
    rstrip,
    terminal_cols,
    width,
    wrap,
    wrap_pieces,
)

AMOUNT_W = 13
LABEL_W = 24  # a label column is never wider
_LEADS = " -=*≈※!→↳✓✗?•"  # what a line may start with, its wrapped lines indented past it


def hang(lead, pieces, cols, tag=""):
    """``pieces`` wrapped after the ``lead`` text, the other lines indented under the text."""
    n = max(10, cols - width(lead))
    body = wrap_pieces(pieces, n)
    first = [(lead, tag)] if lead else []
    return [first + body[0]] + [[(" " * width(lead), ""), *ln] for ln in body[1:]]


def line_lines(s, at, cols, tag=""):
    """A plain line at indent ``at``, wrapped under its own marks (= ≈ ※ - …)."""
    lead = s[: len(s) - len(s.lstrip(_LEADS))]
    return hang(" " * at + lead, [(s[len(lead):], tag)], cols, tag)


def _amount_tag(row):
    q = row.qualifier
    if q is not None and q.kind != "exact":
        return f"q.{q.kind}"
    return "strong" if row.strong else "amount"


def _amounts(row, columns, cell_w=AMOUNT_W):
    """The row's amount cells with their tags: its figures, each in a column (in a section with
    columns), or its amount."""
    if columns and row.figures:
        return [(rpad(f.cell, cell_w), f"q.{f.qualifier.kind}" if f.qualifier.kind != "exact"
                 else "amount") for f in row.figures]
    return [(rpad(row.amount, cell_w), _amount_tag(row))] if row.amount else []


def table_lines(row, at, lw, cols, n_amounts=1, cell_w=AMOUNT_W):
    """A row of a table: label, working and amount(s) in columns (``cell_w`` wide: the widest
    figure, a range "1,980.00–4,950.00" included), each wrapped in its own column; below 60
    columns the working goes under the label."""
    ltag = "strong" if row.strong else "label"
    ind = [(" " * at, "")]
    amounts = [x for a in _amounts(row, n_amounts > 1, cell_w) for x in (a, (" ", ""))][:-1]
    if cols >= 60:
        aw = max(10, cols - at - lw - n_amounts * (cell_w + 1) - 2)
        left = wrap_pieces([(row.label, ltag)], lw)
        mid = wrap_pieces([(row.text, "")], aw)
        out = []
        for i in range(max(len(left), len(mid))):
            a = left[i] if i < len(left) else []
            b = mid[i] if i < len(mid) else []
            line = [*ind, *a, (" " * (lw - width(plain(a)) + 1), ""), *b]
            if i == 0 and amounts:
                line += [(" " * (aw - width(plain(b)) + 1), ""), *amounts]
            out.append(rstrip(line))
        return out
    lw = max(8, cols - at - n_amounts * (cell_w + 1))
    left = wrap_pieces([(row.label, ltag)], lw)
    first = [*ind, *left[0]]
    if amounts:
        first += [(" " * (lw - width(plain(left[0])) + 1), ""), *amounts]
    out = [rstrip(first)] + [[*ind, *x] for x in left[1:]]
    return out + [[(" " * (at + 2), ""), *x] for x in wrap_pieces([(row.text, "")], cols - at - 2)]


def header_lines(columns, at, lw, cols, n_amounts, cell_w=AMOUNT_W):
    """A table's column names over its columns: the label's over the labels, each figure's
    right-aligned over its figures (wrapped to the column, as "serious / illness")."""
    aw = max(10, cols - at - lw - n_amounts * (cell_w + 1) - 2)
    heads = [wrap(h, lw) for h, _ in columns[:1]] + [wrap(h, cell_w) for h, _ in columns[1:]]
    depth = max(len(h) for h in heads)
    heads = [[""] * (depth - len(h)) + h for h in heads]  # names sit on the line above the rows
    out = []
    for i in range(depth):
        line = [(" " * at, ""), (heads[0][i], "dim"), (" " * (lw - width(heads[0][i]) + aw + 2), "")]
        for k, h in enumerate(heads[1:]):
            line += [(" " if k else "", ""), (rpad(h[i], cell_w), "dim")]
        out.append(rstrip(line))
    return out


def plain_row_lines(row, at, cols, words):
    """A row outside a table: ``mark label: text  amount``, wrapped under the label."""
    pieces = []
    if row.label:
        pieces.append((row.label, "strong" if row.strong else "label"))
        if row.text:
            pieces.append((words["colon"], ""))
    if row.text:
        pieces.append((row.text, "strong" if row.strong and not row.label else ""))
    if row.amount:
        pieces += [("  ", ""), (row.amount, _amount_tag(row))]
    lead = " " * at + (f"{row.mark} " if row.mark else "")
    lines = hang(lead, pieces, cols)
    if row.mark:  # the mark in its colour
        first = lines[0]
        first[0] = (" " * at, "")
        first.insert(1, (row.mark, f"mark.{row.status}" if row.status else "dim"))
        first.insert(2, (" ", ""))
    return lines


def sub_lines(row, at, cols, doc):
    """What stands under a row: its citation (↳), what the user supplied, its note (※) and any
    further lines."""
    out = []
    ind = " " * at
    words = doc.words
    if row.quote:
        out += hang(f"{ind}↳ ", [(doc.cite(row), "cite")], cols, "cite")
    elif row.supplied:
        out.append([(f"{ind}↳ {words['est.supplied']}", "cite")])
    if row.note:
        out += hang(f"{ind}※ ", [(row.note, "note")], cols, "note")
    for x in row.extra:
        out += line_lines(x, at, cols, "dim")
    return out


def section_lines(sec, doc, cols=100, at=0, sources=True):
    """A section: its title, its rows (a table when they carry amounts and no marks), its
    figures' sentence (= …) and its lines."""
    out = []
    if sec.title:
        out += hang(" " * at, [(sec.title, "section")], cols)
    inner = at + 2 if sec.title else at
    n = max([len(r.figures) for r in sec.rows] + [1]) if sec.columns else 1
    table = (any(r.amount for r in sec.rows) or (n > 1)) and not any(r.mark for r in sec.rows)
    cell_w = max([AMOUNT_W] + [width(f.cell) for r in sec.rows for f in r.figures]) if n > 1 \
        else AMOUNT_W
    # the label's share is worked out as for figures of the usual width: a wide range takes
    # its extra cells from the working, not from the labels
    lw = min(LABEL_W, max(6, (cols - n * (AMOUNT_W + 1) - inner - 2) // 3),
             max((width(r.label) for r in sec.rows), default=0)) if table else None
    if table and sec.columns and n > 1 and cols >= 60:
        out += header_lines(sec.columns, inner, lw, cols, n, cell_w)
    for r in sec.rows:
        out += (table_lines(r, inner, lw, cols, n, cell_w) if table
                else plain_row_lines(r, inner, cols, doc.words))
        if sources:
            out += sub_lines(r, inner + 2, cols, doc)
    if sec.summary:
        out += line_lines("= " + sec.summary, inner, cols, "summary")
    for s in sec.lines:
        out += line_lines(f"- {s}" if sec.bullets else s, inner, cols)
    return out


def layout(doc, cols=None, at=0, sources=True):
    """The document's tagged lines: its title, notices ("! …"), then each section (after a blank
    line unless the document is compact; empty sections left out)."""
    cols = max(30, terminal_cols(cols))
    out = []
    if doc.title:
        out += hang(" " * at, [(doc.title, "title")], cols)
    for n in doc.notices:
        out += hang(" " * at + "! ", [(n, "notice")], cols, "notice")
    for sec in doc.sections:
        if not (sec.title or sec.rows or sec.lines or sec.summary):
            continue
        if not doc.compact and out:
            out.append([])
        out += section_lines(sec, doc, cols, at, sources)
    return out


def text_lines(doc, cols=None, at=0, sources=True):
    """The document as plain lines (the CLI)."""
    return [plain(ln).rstrip() for ln in layout(doc, cols, at, sources)]


def document_lines(doc, cols=100):
    return text_lines(doc, cols)


def text(doc, cols=None, at=0):
    return "\n".join(text_lines(doc, cols, at))
