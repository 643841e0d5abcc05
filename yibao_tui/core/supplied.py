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

A path is the name ``missing`` gives: a first-paid share names its part
(``employee.care.inpatient.first_pay.class_b``, or ``…first_pay`` with ``part``), a cross-region
rate its status (``resident.cross_region.registered``: the rate the fund pays for that status,
0–100 %, in place of the home rate; the other statuses' cuts still stack on it). A first-paid
share or a cross-region status with no row at all is unknown too (the engine names it missing):
the supplied row is then added after the cited rows, so it answers only what none of them does.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yibao_tui.core.msg import Msg, MsgError
from yibao_tui.core.vocab import CROSS_REGION, FIRST_PAY_PARTS, PERIODS

_SELECTORS = ("grades", "categories", "diseases", "flags")
_KEYS = {"city", "year", "path", "value", "per", "part", "note", *_SELECTORS}
_PATH = re.compile(r"^(employee|resident)\.(care\.[a-z0-9-]+\.(deductible|rate|cap|first_pay)"
                   r"|fund_cap|serious_illness\.(threshold|rate|cap))$")
# The names ``missing`` gives for a first-paid share and a cross-region rate: the part or the
# status is the path's last piece.
_PART_PATH = re.compile(r"^((?:employee|resident)\.care\.[a-z0-9-]+\.first_pay)\.([a-z_]+)$")
_STATUS_PATH = re.compile(r"^((?:employee|resident)\.cross_region)\.([a-z-]+)$")
_OPEN = ("first_pay", "cross_region")  # tables where a row absent is a figure unknown
_KEPT = ("covers",)  # what a row says beside its figure, kept on the supplied row (a fund cap's kinds)


def split_path(path, part=None):
    """(table path, leaf, part, status) of a supplied path, or None when it names no figure a
    value can fill. ``leaf`` is the figure's kind: deductible, rate, cap, first_pay, fund_cap,
    threshold or cross_region (a rate)."""
    if not isinstance(path, str):
        return None
    m = _PART_PATH.match(path)
    if m and m.group(2) in FIRST_PAY_PARTS:
        if part is not None and part != m.group(2):
            return None
        return m.group(1), "first_pay", m.group(2), None
    m = _STATUS_PATH.match(path)
    if m and m.group(2) in CROSS_REGION:
        return m.group(1), "cross_region", None, m.group(2)
    if not _PATH.match(path):
        return None
    return path, path.rsplit(".", 1)[1], part, None


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
        split = split_path(path, e.get("part"))
        if split is None:
            raise fail(_e("path", path=path), "path")
        table, leaf, part, status = split
        v = e.get("value")
        if not _num(v):
            raise fail(_e("value"), "value")
        v = Decimal(v)
        if leaf in ("rate", "first_pay", "cross_region"):
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
        if (leaf == "first_pay") != (part is not None):
            raise fail(_e("part"), "part" if "part" in e else None)
        for k in _SELECTORS:
            if k in e and (not isinstance(e[k], list) or not e[k]):
                raise fail(_e("list", k=k), k)
        got = dict(e, path=table, value=v, per=per, _where=where, _index=i)
        if part is not None:
            got["part"] = part
        if status is not None:
            got["status"] = status
        out.append(got)
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
        if rows is None and e["path"].endswith(_OPEN) and _has_parent(policy, e["path"]):
            rows = ()  # no first-paid share or cross-region row at all: unknown
        if rows is None:
            raise _fail(e, _e("no_path", city=policy.city, year=policy.year, path=e["path"]), "path")
        idx, target = _target(rows, e)
        row = {k: e[k] for k in _SELECTORS if k in e}
        for k in _SELECTORS:  # narrow to the unknown row's own selection
            if k in target and k not in row:
                row[k] = list(target[k])
        for k in _KEPT:  # a fund cap's care kinds: what it applies to, not a figure
            if k in target:
                row[k] = list(target[k])
        if "part" in e:
            row["part"] = e["part"]
        if "status" in e:
            row["status"] = e["status"]
        if e["per"] is not None:
            row["per"] = e["per"]
        row["set" if "status" in e else "value"] = e["value"]
        row["supplied"] = True
        if e.get("note"):
            row["note"] = e["note"]
        # Only the tables on the way are copied: the cited rows stay shared, unchanged.
        policy = policy.with_rows({e["path"]: [*rows[:idx], row, *rows[idx:]]})
    return policy


def _has_parent(policy, path):
    """Whether the care kind or scheme holding the table ``path`` exists."""
    scheme, _, rest = path.partition(".")
    if policy.scheme(scheme) is None:
        return False
    bits = rest.split(".")
    return bits[0] != "care" or policy.care(scheme, bits[1]) is not None


def _same(r, e):
    """Whether row ``r`` is of the entry's part or status (first-paid shares, cross-region)."""
    return all(r.get(k) == e[k] for k in ("part", "status") if k in e)


def _target(rows, e):
    """(index, row): the first unknown row whose selection contains the entry's (and same part
    or status). In a table where a row absent is unknown (first-paid shares, cross-region), the
    end of the table with no row to narrow to, unless a cited row already answers every question
    the entry would."""
    for i, r in enumerate(rows):
        if "unknown" not in r or not _same(r, e):
            continue
        if all(set(e[k]) <= set(r[k]) for k in _SELECTORS if k in e and k in r):
            return i, r
    if e["path"].endswith(_OPEN) and not any(
            _same(r, e) and all(k in e and set(e[k]) <= set(r[k]) for k in _SELECTORS if k in r)
            for r in rows):
        return len(rows), {}
    sel = "; ".join(f"{k} {', '.join(map(str, e[k]))}" for k in _SELECTORS if k in e)
    raise _fail(e, _e("no_unknown", path=e["path"], sel=_e("for", sel=sel) if sel else ""), "path")
