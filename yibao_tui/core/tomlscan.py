"""The scan of a TOML text before tomllib parses it (core/tomlinput's nesting check): tomllib
recurses on brackets and braces (ten thousand ``[`` raise RecursionError) and is quadratic in the
parts of a dotted key, so depth is counted on the text, linearly, whatever it holds.

``TOKEN`` is the tokenizer the line finder (``tomlinput._Locator``) shares.
"""

from __future__ import annotations

import re

# Strings (each form always matches, to the end of the text when unterminated, so the scan stays
# linear on any input), comments, brackets, newlines, dots, bare words, blanks, anything else.
TOKEN = re.compile(r'''
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
''', re.VERBOSE)


_SIMPLE_STR = re.compile(r'"[^"\\\n]*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def shallow(text, limit):
    """True when the text surely nests no deeper than ``limit``: its strings are all one-line
    basic strings without escapes (removed, nothing else can hide a bracket) and neither its
    brackets nor a dotted chain go deeper. A fast path for a 100,000-claim file; when it cannot
    tell, ``depth_line`` scans token by token."""
    bare = _SIMPLE_STR.sub("", text)
    if '"' in bare or "'" in bare or "#" in bare or re.search(
            r"(?:[A-Za-z0-9_ \t-]*\.){" + str(limit + 1) + "}", bare):
        return False
    depth = 0
    for c in _NOT_BRACKET.sub("", bare):
        depth += 1 if c in "[{" else -1
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
    for m in TOKEN.finditer(text):
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
