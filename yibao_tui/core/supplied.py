"""Figures the user supplies where no source gives one (烟台's inpatient deductible, 沈阳's
serious-illness threshold …).

Pure: ``parse`` checks entries already read from TOML, ``apply_supplied`` returns a new Policy.
An entry fills an **unknown** row only, never a cited figure: the supplied row is inserted just
before the unknown row it fills and is narrowed to that row's selectors, so it can only answer
questions the unknown row would have answered. It is marked ``supplied = true``; the engine's
step then says "supplied by you / 用户提供" instead of quoting a source.

An entry (``[[supplied]]`` in a TOML file)::

    city = "yantai"                                   # optional: only for this city
    path = "resident.care.inpatient.deductible"       # a list of figure rows in the policy
    grades = ["3"]                                    # optional selectors: grades, categories,
    value = 800                                       #   diseases, flags
    per = "visit"                                     # deductibles and care caps: visit|quarter|year
    note = "from the hospital's notice board"
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal

from yibao_tui.core.policy import PERIODS, Policy

_SELECTORS = ("grades", "categories", "diseases", "flags")
_KEYS = {"city", "year", "path", "value", "per", "part", "note", *_SELECTORS}
_PATH = re.compile(r"^(employee|resident)\.(care\.[a-z0-9-]+\.(deductible|rate|cap|first_pay)"
                   r"|fund_cap|serious_illness\.(threshold|rate|cap))$")


class SuppliedError(ValueError):
    """An entry that cannot be used: says which one and why."""


def _num(v):
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool)


def parse(entries, name="supplied"):
    """Check entries (dicts from ``[[supplied]]``); return them with Decimal values."""
    if not isinstance(entries, list) or not entries:
        raise SuppliedError(f"{name}: needs at least one [[supplied]] entry")
    out = []
    for i, e in enumerate(entries, 1):
        where = f"{name}: supplied {i}"
        if not isinstance(e, dict):
            raise SuppliedError(f"{where}: must be a table")
        for k in e:
            if k not in _KEYS:
                raise SuppliedError(f"{where}: unknown key '{k}' (accepted: {', '.join(sorted(_KEYS))})")
        path = e.get("path")
        m = _PATH.match(path) if isinstance(path, str) else None
        if not m:
            raise SuppliedError(f"{where}: path '{path}' is not a figure that can be supplied "
                                "(e.g. resident.care.inpatient.deductible, "
                                "resident.serious_illness.threshold)")
        leaf = path.rsplit(".", 1)[1]
        v = e.get("value")
        if not _num(v):
            raise SuppliedError(f"{where}: value must be a number (an int or Decimal, never float)")
        v = Decimal(v)
        if leaf in ("rate", "first_pay"):
            if not 0 <= v <= 1:
                raise SuppliedError(f"{where}: a rate is a fraction between 0 and 1, not {v}")
        elif v < 0:
            raise SuppliedError(f"{where}: amount {v} is negative")
        per = e.get("per")
        if path.endswith(("fund_cap", "serious_illness.cap", "serious_illness.threshold")):
            if per not in (None, "year"):
                raise SuppliedError(f"{where}: per must be year here")
            per = "year" if leaf != "threshold" else None
        elif leaf in ("deductible", "cap"):
            if per not in PERIODS:
                raise SuppliedError(f"{where}: per is needed ({', '.join(PERIODS)})")
        elif per is not None:
            raise SuppliedError(f"{where}: per does not apply to a {leaf}")
        if (leaf == "first_pay") != ("part" in e):
            raise SuppliedError(f"{where}: part (class_b or special_drugs) goes with first_pay only")
        for k in _SELECTORS:
            if k in e and (not isinstance(e[k], list) or not e[k]):
                raise SuppliedError(f"{where}: {k} must be a non-empty list")
        out.append(dict(e, value=v, per=per, _where=where))
    return out


def apply_supplied(policy, entries):
    """A copy of ``policy`` with the entries for its city filled in. Raises SuppliedError when
    an entry has no unknown figure to fill (a cited figure is never replaced)."""
    mine = [e for e in entries if e.get("city", policy.city) == policy.city
            and e.get("year", policy.year) == policy.year]
    if not mine:
        return policy
    data = copy.deepcopy(policy.data)
    known = {"grades": policy.grades, "flags": policy.flags,
             "categories": {c for sch in policy.schemes.values() for c in sch["categories"]}}
    for e in mine:
        for k, allowed in known.items():
            bad = [x for x in e.get(k, ()) if x not in allowed]
            if bad:
                raise SuppliedError(f"{e['_where']}: {k[:-1]} '{bad[0]}' is not defined by "
                                    f"{policy.label('en')}")
        rows = _rows_at(data, e)
        idx, target = _target(rows, e)
        row = {k: e[k] for k in _SELECTORS if k in e}
        for k in _SELECTORS:  # narrow to the unknown row's own selection
            if k in target and k not in row:
                row[k] = list(target[k])
        if "part" in e:
            row["part"] = e["part"]
        if e["per"] is not None:
            row["per"] = e["per"]
        row["value"] = e["value"]
        row["supplied"] = True
        if e.get("note"):
            row["note"] = e["note"]
        rows.insert(idx, row)
    return Policy(data, policy.path)


def _rows_at(data, e):
    node = data
    for part in _split(e["path"]):
        if not isinstance(node, dict) or part not in node:
            raise SuppliedError(f"{e['_where']}: {data['city']} {data['year']} has no {e['path']}")
        node = node[part]
    if not isinstance(node, list):
        raise SuppliedError(f"{e['_where']}: {e['path']} is not a list of figures")
    return node


def _split(path):
    scheme, rest = path.split(".", 1)
    if rest.startswith("care."):
        _, care, leaf = rest.split(".")
        return [scheme, "care", care, leaf]
    return [scheme, *rest.split(".")]


def _target(rows, e):
    """The first unknown row whose selection contains the entry's (and same part)."""
    for i, r in enumerate(rows):
        if "unknown" not in r:
            continue
        if "part" in e and r.get("part") != e["part"]:
            continue
        if all(set(e[k]) <= set(r[k]) for k in _SELECTORS if k in e and k in r):
            return i, r
    sel = "; ".join(f"{k} {', '.join(map(str, e[k]))}" for k in _SELECTORS if k in e)
    raise SuppliedError(f"{e['_where']}: no unknown figure at {e['path']}"
                        + (f" for {sel}" if sel else "")
                        + ": supplied figures fill unknown figures only, never a cited one")
