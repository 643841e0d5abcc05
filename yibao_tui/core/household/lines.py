"""The line finder: which line of a household file a problem is on."""

from __future__ import annotations

import re


class _Lines:
    """Finds the line a problem is on, from the headers in the text (best effort)."""

    def __init__(self, text):
        self.lines = text.splitlines()

    def _headers(self, header):
        pat = re.compile(r"^\s*\[\[\s*" + re.escape(header) + r"\s*\]\]")
        return [i for i, ln in enumerate(self.lines) if pat.match(ln)]

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

    def member(self, i, key=None, visit=None):
        heads = self._headers("member")
        if i >= len(heads):
            return None
        start = heads[i]
        if visit is not None:
            end = heads[i + 1] if i + 1 < len(heads) else len(self.lines)
            vs = [v for v in self._headers("member.visit") if start < v < end]
            if not vs:  # written inline by tomli-w: visit = [ { … }, … ]
                arr = self._key(start, "visit")
                if arr is None:
                    return start + 1
                items = [k for k in range(arr, end) if self.lines[k].lstrip().startswith("{")]
                return items[visit] + 1 if visit < len(items) else arr
            if visit >= len(vs):
                return start + 1
            start = vs[visit]
        return (self._key(start, key) if key else None) or start + 1

    def enrolment(self, i, j, key=None):
        """The line of member ``i``'s ``j``-th enrolment entry (or of its ``key``), written as
        ``[[member.enrolment]]`` tables or inline ``enrolment = [{ … }, …]``."""
        heads = self._headers("member")
        if i >= len(heads):
            return None
        start = heads[i]
        end = heads[i + 1] if i + 1 < len(heads) else len(self.lines)
        tables = [k for k in self._headers("member.enrolment") if start < k < end]
        if tables:
            if j >= len(tables):
                return start + 1
            return (self._key(tables[j], key) if key else None) or tables[j] + 1
        arr = self._key(start, "enrolment")
        if arr is None:
            return start + 1
        # The j-th "{" from the array's line on (entries hold no nested tables), then the key.
        seen = -1
        for k in range(arr - 1, end):
            text = self.lines[k]
            skip = text.index("=") + 1 if k == arr - 1 else 0
            for pos, ch in enumerate(text):
                if ch != "{" or pos < skip:
                    continue
                seen += 1
                if seen == j:
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

