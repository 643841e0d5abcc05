"""What changed between two policy files, figure by figure (``yibao policies diff OLD NEW``).

A *row* is a cited statement of the file: a table with a ``source`` or ``unknown = true`` (a
deductible row, a band scale, a premium, 烟台's claim-free rule …), named by its table's path
(``resident.care.inpatient.deductible``; no index: rows move) and what it is picked by
(``where``, for the rows of an array: their selectors, dates and the keys that tell them
apart; a table of its own is named by its path alone). Rows of the two
files are paired by path and ``where``, in order; a row on one side only is added or removed.
A paired row's figures are compared one by one — ``value`` (``unknown`` and ``unlimited`` count
as its value), ``per``, each band's ``up_to`` and ``rate`` … — by value (0.7 is 0.70); its
citation (source, quote, note, marks) is not a figure. Figures come out as strings, as the file
writes them (Decimal normalised): money is never a float.

Pure: two parsed documents in, a ``Diff`` out.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from yibao_tui.core.policy.checks import is_number
from yibao_tui.core.policy.strict import WHERE_KEYS

CITATION = frozenset({"source", "quote", "note", "bound_quote", "unchecked", "not_in_quote", "label"})
_FORM_WORDS = ("unknown", "unlimited")  # true: the row's value is this word


class Diff:
    """``changes`` [{path, where, from, to}], ``added`` and ``removed`` [{path, where, figures}]:
    the shape of ``yibao policies diff --json``."""

    __slots__ = ("added", "changes", "removed")

    def __init__(self):
        self.changes, self.added, self.removed = [], [], []

    def as_json(self):
        return {"changes": self.changes, "added": self.added, "removed": self.removed}


def text(v):
    """A figure as a string: a number as written (normalised, never exponent), a date ISO."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if is_number(v):
        return format(Decimal(v).normalize(), "f")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return ",".join(text(x) for x in v)
    return str(v)


def rows(doc):
    """[(path, where, row)] of every row of a parsed policy, in the file's order."""
    out = []

    def walk(node, path, in_list):
        if isinstance(node, dict):
            if path and not path.startswith("sources.") and path != "ask" and (
                    "source" in node or node.get("unknown") is True):
                # a table of its own is named by its path (its from/to are figures: a window)
                out.append((path, where_of(node) if in_list else {}, node))
                return
            for k, v in node.items():
                walk(v, f"{path}.{k}" if path else k, False)
        elif isinstance(node, list):
            for v in node:
                walk(v, path, True)  # the rows of an array share its path

    walk(doc, "", False)
    return out


def where_of(row):
    """What a row is picked by, as the file writes it: lists of ids, other keys as strings."""
    return {k: ([text(x) for x in row[k]] if isinstance(row[k], list) else text(row[k]))
            for k in WHERE_KEYS if k in row}


def figures(row, where=None):
    """{key: string} of a row's figures: ``value`` (or the word of its form), the other
    non-citation keys but those of its ``where``, a scale's bands flattened (``bands[1].up_to``)."""
    out = {}
    for k, v in row.items():
        if k in CITATION or (where is not None and k in where):
            continue
        if k in _FORM_WORDS and v is True:
            out["value"] = k
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            for i, b in enumerate(v):
                for bk, bv in b.items():
                    out[f"{k}[{i}].{bk}"] = text(bv)
        elif isinstance(v, dict):
            for bk, bv in v.items():
                out[f"{k}.{bk}"] = text(bv)
        else:
            out[k] = text(v)
    return out


def _same(a, b):
    if a is None or b is None:
        return a == b
    try:
        return Decimal(a) == Decimal(b)
    except (ArithmeticError, ValueError):  # not numbers: "visit", "unknown"
        return a == b


def diff(old, new):
    """The ``Diff`` from parsed policy ``old`` to ``new``."""
    out = Diff()
    before = {}
    for path, where, row in rows(old):
        before.setdefault((path, repr(sorted(where.items()))), []).append((where, row))
    for path, where, row in rows(new):
        key = (path, repr(sorted(where.items())))
        if not before.get(key):
            out.added.append({"path": path, "where": where, "figures": figures(row, where)})
            continue
        _w, was = before[key].pop(0)
        a, b = figures(was, where), figures(row, where)
        for k in [*a, *(k for k in b if k not in a)]:
            if not _same(a.get(k), b.get(k)):
                out.changes.append({"path": path if k == "value" else f"{path}.{k}",
                                    "where": where, "from": a.get(k), "to": b.get(k)})
    for (path, _k), left in before.items():
        for where, row in left:
            out.removed.append({"path": path, "where": where, "figures": figures(row, where)})
    return out
