"""The one escape door: any string a user typed or a file holds, made safe to print.

Every renderer (plain text, Markdown, the TUI, error lines) shows such a string through
``safe`` (one line) or ``safe_lines`` (tab and newline kept): characters a terminal acts on —
C0 but tab and newline, DEL, C1, the bidi embeddings, overrides and isolates that reorder what
is shown ("Trojan Source"), lone surrogates — appear escaped (``\\x1b``, ``\\u202e``), never raw.
Sets and translate tables, not a regex: a character class reaching U+2069 costs 0.3 ms to
compile, on the ``yibao estimate`` fast path.
"""

from __future__ import annotations

CONTROL = frozenset(map(chr, [*range(0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0),
                              *range(0x202a, 0x202f), *range(0x2066, 0x206a)]))
CONTROL_LINE = CONTROL | {"\t", "\n"}  # also tab and newline


def _esc(c):
    o = ord(c)
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(o) or (f"\\x{o:02x}" if o < 256 else f"\\u{o:04x}")


class _Table(dict):
    """A translate table that also escapes lone surrogates (U+D800–U+DFFF), without listing
    2,048 of them at import: a command-line argument that is not UTF-8 arrives as U+DC80–U+DCFF
    (surrogateescape), and printing one raw raises UnicodeEncodeError."""

    def __missing__(self, o):
        if 0xD800 <= o < 0xE000:
            return f"\\u{o:04x}"
        raise LookupError(o)


_ESCAPES = _Table({ord(c): _esc(c) for c in CONTROL})
_ESCAPES_LINE = _Table({ord(c): _esc(c) for c in CONTROL_LINE})


def safe(s, limit=None):
    """``s`` as one printable line: control characters (tab and newline too) escaped; at most
    ``limit`` characters (then …) when a limit is given."""
    s = str(s)
    cut = limit is not None and len(s) > limit
    if cut:
        s = s[:limit]
    out = s if s.isprintable() else s.translate(_ESCAPES_LINE)
    return out + "…" if cut else out


def safe_lines(s):
    """``s`` with control characters escaped but tab and newline kept, not shortened: a whole
    message that may quote what a user typed."""
    s = str(s)
    return s if s.isprintable() else s.translate(_ESCAPES)


def control_chars(s, single_line=False):
    """The control characters in ``s`` (a list, empty when clean). ``single_line`` (a name, a
    short label) also refuses tab and newline."""
    if s.isprintable():  # no Cc or Cf character at all: the common case, in C
        return []
    bad = CONTROL_LINE if single_line else CONTROL
    return [c for c in s if c in bad or "\ud800" <= c <= "\udfff"]
