"""Terminal-width wrapping: a CJK character takes two cells; lines break between words and between
CJK characters, never inside a figure (12,345.00, 70%, 0.00–30,000.00).

``wrap`` works on a string, ``wrap_pieces`` on (text, tag) pieces — the tagged lines of
``views.text.layout``, which the app styles — by the same rules."""

from __future__ import annotations

import os
import re
import unicodedata


def width(s):
    """Terminal cells ``s`` takes: a wide (CJK) character two, a combining mark, a zero-width
    space or joiner and a variation selector none (as a terminal draws them; wcwidth agrees)."""
    if s.isascii():
        return len(s)
    return sum(map(_cells, s))


def _cells(ch):
    c = _CELLS.get(ch)
    if c is None:
        if ch == "\u00ad":  # a soft hyphen is drawn where it is shown: one cell
            c = 1
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf") or "\ufe00" <= ch <= "\ufe0f":
            c = 0  # combining marks; U+200B–U+200F, U+2060, U+FEFF (Cf); variation selectors
        else:
            c = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if len(_CELLS) < 8192:
            _CELLS[ch] = c
    return c


_CELLS = {}  # a character's cells, remembered: the app lays out the same few hundred again


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


def terminal_cols(cols=None):
    """``cols``, else the terminal's width (100 when output is not a terminal)."""
    if cols is not None:
        return cols
    try:
        return os.get_terminal_size().columns or 100
    except OSError:
        return 100


# What a line may break between: a run of spaces, one wide (CJK) character or CJK punctuation,
# or a run of anything else (a word, or a figure with its separators and sign).
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_JOINS = "–—→×/"  # a line may break after these (a range, an arrow), inside a run of figures
_PUNCT = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20"  # CJK and full-width punctuation
# A short CJK run (未达到, 每年) stays whole; a longer one breaks every few characters.
_TOKEN_RE = rf"\s+|[{_PUNCT}]|(?:(?![{_PUNCT}])[{_WIDE}]){{1,4}}|[{_JOINS}]|[^\s{_WIDE}{_JOINS}]+"
_TOKEN = []  # compiled on first use: its CJK classes cost ~10 ms, off the app's first frame
# Not at the start of a line (Chinese line-breaking: closing punctuation stays with what it ends).
_NO_END = set("（《「『【“‘(")  # opening punctuation stays with what it opens
_NO_START = set("，。、；：？！）》」』】”’,.;:)%" + _JOINS)


def _tokens(pieces):
    """The breakable pieces of the text, each [plain, [(fragment, tag) …]]; closing punctuation
    (and a "%" after a space) joins the piece before it, so no line starts with it."""
    if not _TOKEN:
        _TOKEN.append(re.compile(_TOKEN_RE))
    find = _TOKEN[0].findall
    out = []
    for text, tag in pieces:
        for tok in find(text):
            if out and out[-1][0][-1] in _NO_END and not tok.isspace():
                _glue(out[-1], tok, tag)
            elif out and tok[0] in _NO_START:
                if out[-1][0].isspace() and len(out) > 1 and tok[0] == "%":  # 65 % stays whole
                    space = out.pop()
                    _glue(out[-1], space[0], space[1][0][1])
                _glue(out[-1], tok, tag)
            else:
                out.append([tok, [(tok, tag)]])
    return out


def _glue(token, text, tag):
    token[0] += text
    frags = token[1]
    if frags[-1][1] == tag:
        frags[-1] = (frags[-1][0] + text, tag)
    else:
        frags.append((text, tag))


def wrap_pieces(pieces, n):
    """(text, tag) ``pieces`` as lines of at most ``n`` cells, each a list of pieces, broken only
    between tokens; a token wider than ``n`` on its own (a very long word) is the only thing ever
    cut, marked "…"."""
    lines, cur, w = [], [], 0

    def flush(frags):
        text = "".join(f for f, _ in frags)
        if width(text) > n and len(text) > 1:
            tag = next((g for f, g in frags if f.strip()), "")
            while width(text) > n and len(text) > 1:
                cut = clip(text, n)
                lines.append([(cut, tag)])
                text = text[len(cut) - 1:]
                if text[:1] in _NO_START and len(cut) > 2:
                    # closing punctuation glued to a token too wide for the line (200,000.00，），)
                    # may not start the next one: the cut's mark "…" does, as it ends this one
                    text = "…" + text
            lines.append([(text.rstrip(), tag)])
        else:
            lines.append(rstrip(frags))

    for plain, frags in _tokens(pieces):
        tw = width(plain)
        if w + tw <= n or not "".join(f for f, _ in cur).strip():
            cur += frags
            w += tw
        elif plain.isspace():
            flush(cur)
            cur, w = [], 0
        else:
            flush(cur)
            cur, w = list(frags), tw
    if "".join(f for f, _ in cur).strip() or not lines:
        flush(cur)
    return lines


def rstrip(frags):
    """``frags`` without trailing blanks (empty pieces dropped)."""
    out = list(frags)
    while out and not out[-1][0].rstrip():
        out.pop()
    if out:
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    return out


def plain(line):
    return "".join(text for text, _ in line)


def wrap(s, n):
    """``s`` as lines of at most ``n`` cells (see ``wrap_pieces``)."""
    return [plain(line) for line in wrap_pieces([(s, "")], n)]
