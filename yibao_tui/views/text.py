"""Documents as plain text: terminal-width aware (a CJK character takes two cells); lines wrap
between words and between CJK characters, never inside a figure (12,345.00, 70%, 0.00–30,000.00)."""

from __future__ import annotations

import os
import re
import unicodedata

from yibao_tui.text import t


def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s, n):
    return s + " " * max(0, n - width(s))


def rpad(s, n):
    return " " * max(0, n - width(s)) + s


# What a line may break between: a run of spaces, one wide (CJK) character or CJK punctuation,
# or a run of anything else (a word, or a figure with its separators and sign).
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_JOINS = "–—→×/"  # a line may break after these (a range, an arrow), inside a run of figures
_PUNCT = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20"  # CJK and full-width punctuation
# A short CJK run (未达到, 每年) stays whole; a longer one breaks every few characters.
_TOKEN = re.compile(rf"\s+|[{_PUNCT}]|(?:(?![{_PUNCT}])[{_WIDE}]){{1,4}}|[{_JOINS}]|[^\s{_WIDE}{_JOINS}]+")
# Not at the start of a line (Chinese line-breaking: closing punctuation stays with what it ends).
_NO_END = set("（《「『【“‘(")  # opening punctuation stays with what it opens
_NO_START = set("，。、；：？！）》」』】”’,.;:)%" + _JOINS)


def wrap(s, n):
    """``s`` as lines of at most ``n`` cells, broken only between tokens (see _TOKEN); a token
    wider than ``n`` on its own (a very long word) is the only thing ever cut, marked "…"."""
    lines, cur = [], ""

    def flush(text):
        while width(text) > n and len(text) > 1:
            cut = clip(text, n)
            lines.append(cut)
            text = text[len(cut) - 1:]
        lines.append(text.rstrip())

    for tok in _tokens(s):
        if width(cur + tok) <= n or not cur.strip():
            cur += tok
        elif tok.isspace():
            flush(cur)
            cur = ""
        else:
            flush(cur)
            cur = tok
    if cur.strip() or not lines:
        flush(cur)
    return lines


def _tokens(s):
    """The breakable pieces of ``s``; closing punctuation (and a "%" after a space) joins the
    piece before it, so no line starts with it."""
    out = []
    for tok in _TOKEN.findall(s):
        if out and out[-1][-1] in _NO_END and not tok.isspace():
            out[-1] += tok
        elif out and tok[0] in _NO_START:
            if out[-1].isspace() and len(out) > 1 and tok[0] == "%":  # 65 % stays whole
                tok = out.pop() + tok
            out[-1] += tok
        else:
            out.append(tok)
    return out


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


AMOUNT_W = 13


def terminal_cols(cols=None):
    """``cols``, else the terminal's width (100 when output is not a terminal)."""
    if cols is not None:
        return cols
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 100


def row_lines(row, lang, cols=100, sources=True):
    """A breakdown row within ``cols``: label, working, figure in columns (each wrapped in its
    own column); below 60 columns the working goes under the label. Then its citation (↳) and
    note (※), wrapped under their mark."""
    cols = max(30, cols)
    if cols >= 60:
        lw = min(24, (cols - AMOUNT_W - 4) // 3)
        aw = cols - lw - AMOUNT_W - 4
        left, mid = wrap(row.label, lw), wrap(row.text, aw)
        lines = []
        for i in range(max(len(left), len(mid))):
            a = left[i] if i < len(left) else ""
            b = mid[i] if i < len(mid) else ""
            amt = row.amount if i == 0 else ""
            lines.append(f"  {pad(a, lw)} {pad(b, aw)} {rpad(amt, AMOUNT_W)}".rstrip())
    else:
        lw = cols - AMOUNT_W - 3
        left = wrap(row.label, lw)
        lines = [f"  {pad(left[0], lw)} {rpad(row.amount, AMOUNT_W)}".rstrip()]
        lines += [f"  {x}" for x in left[1:]]
        lines += [f"    {x}" for x in wrap(row.text, cols - 4)]
    if sources and row.quote:
        lines += marked("    ↳ ", f"{row.source}: “{row.quote}”", cols)
    elif sources and row.supplied:
        lines.append("    ↳ " + t("est.supplied", lang))
    if sources and row.note:
        lines += marked("    ※ ", row.note, cols)
    return lines


def marked(mark, s, cols):
    """``s`` wrapped after ``mark``, its other lines indented under the text."""
    body = wrap(s, max(10, cols - width(mark)))
    return [mark + body[0]] + [" " * width(mark) + x for x in body[1:]]


def section_lines(section, lang, cols=100, sources=True):
    out = [section.title] if section.title is not None else []
    for r in section.rows:
        out += row_lines(r, lang, cols, sources)
    return out + list(section.lines)


def document_lines(doc, cols=100):
    """The title, notices ("! …"), then each section after a blank line."""
    out = wrap(doc.title, cols)
    for n in doc.notices:
        out += marked("! ", n, cols)
    for s in doc.sections:
        out.append("")
        for line in section_lines(s, doc.lang, cols):
            if width(line) <= cols:
                out.append(line)
            else:  # a totals or caveat line: wrapped under its own indent
                lead = line[: len(line) - len(line.lstrip(" -=*"))]
                out += marked(lead, line[len(lead):], cols)
    return out
