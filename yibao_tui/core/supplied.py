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

import re
from decimal import Decimal

from yibao_tui.core.msg import Msg, MsgError
from yibao_tui.core.vocab import PERIODS

_SELECTORS = ("grades", "categories", "diseases", "flags")
_KEYS = {"city", "year", "path", "value", "per", "part", "note", *_SELECTORS}
_PATH = re.compile(r"^(employee|resident)\.(care\.[a-z0-9-]+\.(deductible|rate|cap|first_pay)"
                   r"|fund_cap|serious_illness\.(threshold|rate|cap))$")


class SuppliedError(MsgError):
    """An entry that cannot be used. ``why`` says what is wrong (a Msg, ``supplied.err.*``);
    ``where`` names the entry (the file and its number, or what the caller set as ``_where``);
    ``msg`` is both, "where: why". ``index`` is the entry's position (0-based) in the list given
    to ``parse`` (a caller that parses entries one at a time sets ``_index`` itself), ``key`` the
    entry's key at fault (None for the entry as a whole), so a reader can point at a file line
    without reading the message."""

    def __init__(self, why, where=None, index=None, key=None):
        self.why = why
        self.where = where
        self.index = index
        self.key = key
        super().__init__(why if where is None else Msg("supplied.at", where=where, why=why))


def _e(name, /, **kw):
    return Msg(f"supplied.err.{name}", **kw)


def _fail(e, why, key=None):
    """An error about a parsed entry (``apply_supplied``): its ``_where`` and ``_index``."""
    return SuppliedError(why, e.get("_where"), e.get("_index"), key)


def _num(v):
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool)


def parse(entries, name="supplied"):
    """Check entries (dicts from ``[[supplied]]``); return them with Decimal values."""
    if not isinstance(entries, list) or not entries:
        raise SuppliedError(_e("none"), name)
    out = []
    for i, e in enumerate(entries):
        where = Msg("supplied.where", name=name, n=i + 1)

        def fail(why, key=None, i=i, where=where):
            return SuppliedError(why, where, i, key)

        if not isinstance(e, dict):
            raise fail(_e("table"))
        for k in e:
            if k not in _KEYS:
                raise fail(_e("key", k=k, accepted=sorted(_KEYS)), k)
        path = e.get("path")
        m = _PATH.match(path) if isinstance(path, str) else None
        if not m:
            raise fail(_e("path", path=path), "path")
        leaf = path.rsplit(".", 1)[1]
        v = e.get("value")
        if not _num(v):
            raise fail(_e("value"), "value")
        v = Decimal(v)
        if leaf in ("rate", "first_pay"):
            if not 0 <= v <= 1:
                raise fail(_e("rate", v=v), "value")
        elif v < 0:
            raise fail(_e("negative", v=v), "value")
        per = e.get("per")
        if path.endswith(("fund_cap", "serious_illness.cap", "serious_illness.threshold")):
            if per not in (None, "year"):
                raise fail(_e("per_year"), "per")
            per = "year" if leaf != "threshold" else None
        elif leaf in ("deductible", "cap"):
            if per not in PERIODS:
                raise fail(_e("per_needed", periods=list(PERIODS)), "per" if "per" in e else None)
        elif per is not None:
            raise fail(_e("per_na", leaf=leaf), "per")
        if (leaf == "first_pay") != ("part" in e):
            raise fail(_e("part"), "part" if "part" in e else None)
        for k in _SELECTORS:
            if k in e and (not isinstance(e[k], list) or not e[k]):
                raise fail(_e("list", k=k), k)
        out.append(dict(e, value=v, per=per, _where=where, _index=i))
    return out


def apply_supplied(policy, entries):
    """A copy of ``policy`` with the entries for its city filled in. Raises SuppliedError when
    an entry has no unknown figure to fill (a cited figure is never replaced)."""
    mine = [e for e in entries if e.get("city", policy.city) == policy.city
            and e.get("year", policy.year) == policy.year]
    if not mine:
        return policy
    known = {"grades": policy.grades, "flags": policy.flags,
             "categories": {c for s in policy.scheme_ids for c in policy.scheme(s).categories}}
    for e in mine:
        for k, allowed in known.items():
            bad = [x for x in e.get(k, ()) if x not in allowed]
            if bad:
                raise _fail(e, _e("undefined", what=k[:-1], x=bad[0],
                                  city=Msg("policy.city_year", name=policy.name, year=policy.year)), k)
        rows = policy.rows_at(e["path"])
        if rows is None:
            raise _fail(e, _e("no_path", city=policy.city, year=policy.year, path=e["path"]), "path")
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
        # Only the tables on the way are copied: the cited rows stay shared, unchanged.
        policy = policy.with_rows({e["path"]: [*rows[:idx], row, *rows[idx:]]})
    return policy


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
    raise _fail(e, _e("no_unknown", path=e["path"], sel=_e("for", sel=sel) if sel else ""), "path")
