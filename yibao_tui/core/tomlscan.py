"""The scan of a TOML text before tomllib parses it (core/tomlinput's nesting check): tomllib
recurses on brackets and braces (ten thousand ``[`` raise RecursionError) and is quadratic in the
parts of a dotted key, so depth is counted on the text, linearly, whatever it holds.

``token()`` is the tokenizer the line finder (``tomlinput._Locator``) shares.
"""

from __future__ import annotations

import re

# Strings (each form always matches, to the end of the text when unterminated, so the scan stays
# linear on any input), comments, brackets, newlines, dots, bare words, blanks, anything else.
_TOKEN = r'''
    (?P<s>"""(?:[^\\"]|\\[\s\S]|""?(?!"))*(?:"{3,5}|\Z)
        | '\'\'(?:[^']|''?(?!'))*(?:'{3,5}|\Z)
        | "(?:[^"\\\n]|\\[^\n])*(?:"|(?=\n)|\Z)
        | '[^'\n]*(?:'|(?=\n)|\Z))
  | (?P<c>\#[^\n]*)
  | (?P<o>[\[{])
  | (?P<x>[\]}])
  | (?P<n>\n)
  | (?P<d>\.)
  | (?P<w>[A-Za-z0-9_-]+|[ \t]+)
  | [^"'\#\[\]{}\n.A-Za-z0-9_ \t-]+
'''
_compiled = []


def token():
    """The tokenizer, compiled when first needed (not on the ``estimate`` fast path)."""
    if not _compiled:
        _compiled.append(re.compile(_TOKEN, re.VERBOSE))
    return _compiled[0]


# One-line basic strings without escapes, literal strings and comments, whichever starts first
# (as a tokenizer reads them): what the fast path removes before it counts brackets.
_PLAIN_TOKENS = r'"[^"\\\n]*"|\'[^\'\n]*\'|#[^\n]*'


def shallow(text, limit):
    """True when the text surely nests no deeper than ``limit``: once its one-line strings and
    comments are removed, no quote is left (nothing else can hide a bracket) and neither its
    brackets nor a dotted chain go deeper. A fast path for policy and claims files; when it
    cannot tell, ``depth_line`` scans token by token."""
    bare = re.sub(_PLAIN_TOKENS, "", text)
    if '"' in bare or "'" in bare:
        return False
    if bare.count(".") > limit and any(ln.count(".") > limit for ln in bare.split("\n")) and re.search(
            r"(?:[A-Za-z0-9_ \t-]*\.){" + str(limit + 1) + "}", bare):  # a chain: on one line
        return False
    depth = 0
    for c in re.sub(r"[^\[\]{}]+", "", bare):
        depth = depth + 1 if c in "[{" else max(0, depth - 1)  # as the full scan counts
        if depth > limit:
            return False
    return True


def depth_line(text, limit):
    """The line where the text nests deeper than ``limit`` before tomllib sees it (tomllib
    recurses on brackets, and is quadratic in the parts of a dotted key), or None: brackets and
    braces outside strings and comments, and dotted keys (``a.b.c``: parts joined by dots)."""
    return None if shallow(text, limit) else scan_depth(text, limit)


def scan_depth(text, limit):
    """``depth_line`` token by token (strings, comments, brackets, dotted keys): always right,
    slower; the line where the nesting goes deeper than ``limit``, or None."""
    depth, line, chain = 0, 1, 0
    for m in token().finditer(text):
        g = m.lastgroup
        if g == "d":
            chain += 1
            if chain > limit:
                return line
            continue
        if g == "w" or g == "s":
            if g == "s":
                line += m.group().count("\n")
            continue
        chain = 0
        if g == "o":
            depth += 1
            if depth > limit:
                return line
        elif g == "x":
            depth = max(0, depth - 1)
        elif g == "n":
            line += 1
    return None
