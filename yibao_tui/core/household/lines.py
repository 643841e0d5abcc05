"""The line finder: which line of a household file a problem is on.

Linear: the ``[[…]]`` headers are found in one pass and kept, and each member's visit and
enrolment entries are found once (by bisecting the header lists), so asking for the line of
every key of 400 members × 12 visits costs a pass over the text, not one pass per key (it was
quadratic: 34 s for that household, now well under a second).
"""

from __future__ import annotations

import bisect
import re

_HEADER = re.compile(r"^\s*\[\[\s*([^\[\]]*?)\s*\]\]")


class Lines:
    """Finds the line a problem is on, from the headers in the text (best effort)."""

    def __init__(self, text):
        self.lines = text.splitlines()
        self._heads = None  # {"member": [line index, …], "member.visit": […], …}
        self._cache = {}  # per-member lookups, each computed once

    def _headers(self, header):
        if self._heads is None:
            self._heads = {}
            for i, ln in enumerate(self.lines):
                if "[[" in ln:
                    m = _HEADER.match(ln)
                    if m:
                        self._heads.setdefault(m.group(1), []).append(i)
        return self._heads.get(header, [])

    def _within(self, header, start, end):
        """The ``header`` lines strictly between ``start`` and ``end``."""
        hs = self._headers(header)
        return hs[bisect.bisect_right(hs, start):bisect.bisect_left(hs, end)]

    def _key(self, start, key):
        pat = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=")
        for i in range(start, len(self.lines)):
            if i > start and self.lines[i].lstrip().startswith("["):
                break
            if pat.match(self.lines[i]):
                return i + 1
        return None

    def top(self, key):
        return self._key(0, key) if key else None

    def _member_span(self, i):
        heads = self._headers("member")
        if i >= len(heads):
            return None
        return heads[i], heads[i + 1] if i + 1 < len(heads) else len(self.lines)

    def _visits(self, i):
        """(table header lines, or None) and (inline item lines, the array's line) of member i."""
        k = ("visits", i)
        if k not in self._cache:
            start, end = self._member_span(i)
            vs = self._within("member.visit", start, end)
            items, arr = [], None
            if not vs:  # written inline by tomli-w: visit = [ { … }, … ]
                arr = self._key(start, "visit")
                if arr is not None:
                    items = [n for n in range(arr, end) if self.lines[n].lstrip().startswith("{")]
            self._cache[k] = (vs, items, arr)
        return self._cache[k]

    def member(self, i, key=None, visit=None):
        span = self._member_span(i)
        if span is None:
            return None
        start = span[0]
        if visit is not None:
            vs, items, arr = self._visits(i)
            if not vs:
                if arr is None:
                    return start + 1
                return items[visit] + 1 if visit < len(items) else arr
            if visit >= len(vs):
                return start + 1
            start = vs[visit]
        return (self._key(start, key) if key else None) or start + 1

    def _braces(self, i, arr, end):
        """(line, column) of every ``{`` from member i's inline ``enrolment = [`` on."""
        k = ("braces", i)
        if k not in self._cache:
            out = []
            for n in range(arr - 1, end):
                text = self.lines[n]
                skip = text.index("=") + 1 if n == arr - 1 else 0
                out += [(n, pos) for pos, ch in enumerate(text) if ch == "{" and pos >= skip]
            self._cache[k] = out
        return self._cache[k]

    def enrolment(self, i, j, key=None):
        """The line of member ``i``'s ``j``-th enrolment entry (or of its ``key``), written as
        ``[[member.enrolment]]`` tables or inline ``enrolment = [{ … }, …]``."""
        span = self._member_span(i)
        if span is None:
            return None
        start, end = span
        tables = self._within("member.enrolment", start, end)
        if tables:
            if j >= len(tables):
                return start + 1
            return (self._key(tables[j], key) if key else None) or tables[j] + 1
        arr = self._key(start, "enrolment")
        if arr is None:
            return start + 1
        # The j-th "{" from the array's line on (entries hold no nested tables), then the key.
        braces = self._braces(i, arr, end)
        if j < len(braces):
            k, pos = braces[j]
            return self._inline_key(k, pos, key) if key else k + 1
        return arr

    def _inline_key(self, k, pos, key):
        pat = re.compile(r"(^|[{,\s])\"?" + re.escape(key) + r"\"?\s*=")
        first = self.lines[k][pos:]
        for n in range(k, min(k + 20, len(self.lines))):
            text = first if n == k else self.lines[n]
            head = text.split("}", 1)[0]
            if pat.search(head):
                return n + 1
            if "}" in text:
                break
        return k + 1

    def supplied(self, i, key=None):
        heads = self._headers("supplied")
        if i >= len(heads):
            return self.top("supplied")
        return (self._key(heads[i], key) if key else None) or heads[i] + 1

    def binding(self, i, key=None):
        heads = self._headers("binding")
        if i >= len(heads):
            return None
        return (self._key(heads[i], key) if key else None) or heads[i] + 1

    def first(self, pattern):
        """The first line (1-based) matching ``pattern`` (a compiled regex), or None; kept."""
        k = ("first", pattern.pattern)
        if k not in self._cache:
            self._cache[k] = next((n for n, ln in enumerate(self.lines, 1) if pattern.search(ln)), None)
        return self._cache[k]
