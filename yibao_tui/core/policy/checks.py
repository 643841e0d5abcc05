"""The checks every policy section shares: keys, names, rows of figures, citations.

``Validator`` (validate.py) walks the file; section validators (core/policy/sections/) call these.
A problem is a key path and a ``Msg`` (catalogue ``check.*``, worded by the text layer in the
reader's language: the person writing a policy file may read Chinese or English); values taken
from the file are made safe to print (``core.safe``) before they go into one.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from yibao_tui.core.msg import Msg
from yibao_tui.core.safe import safe
from yibao_tui.core.vocab import EDGES, PERIODS

# The largest yuan figure a policy row may give (a deductible, a cap, a band edge): 100 times the
# highest real cap. Beyond it a figure is a typo or an attack (1e60 would pass as a Decimal and
# then overflow the engine's rounding).
MAX_FIGURE = Decimal(10) ** 9
SELECTORS = ("grades", "categories", "diseases", "flags")
CITE = frozenset({"source", "quote", "note"})
_ROW_KEYS = CITE | {"value", "unknown", "bound", "bound_quote", "from", "until"}
_FORMS = ("value", "unknown", "unlimited", "bands", "tiers", "same_as")
_SHOWN = 60  # characters of a value from the file shown in a problem

# Marks a cited table may carry, read by the strict check (core/policy/strict.py): ``unchecked =
# YEAR``, a draft's figure not yet checked against that year's source (``yibao policies new``
# writes it); ``not_in_quote``, the figures its quote cannot carry, with the reason.
MARKS = frozenset({"unchecked", "not_in_quote"})
CITE = CITE | MARKS
_ROW_KEYS = _ROW_KEYS | MARKS


def is_number(v):
    """An int or Decimal figure (not a bool)."""
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool)


def is_date(v):
    """A TOML date (not a date-time)."""
    return isinstance(v, _dt.date) and not isinstance(v, _dt.datetime)


def shown(v):
    """A value from the file as a problem shows it: one safe line, at most 60 characters."""
    return safe(v, _SHOWN)


class Checks:
    """Problems collected as (key path, Msg); ``validate.validate`` adds the file and line."""

    def __init__(self, name):
        self.name = name
        self.problems = []

    def err(self, path, key, **values):
        self.problems.append((path, Msg(key, **values)))

    def array(self, v, path=None):
        """``v`` if it is a list; else [] (and, given a ``path``, a problem saying so)."""
        if isinstance(v, list):
            return v
        if path is not None:
            self.err(path, "check.array")
        return []

    def keys(self, table, allowed, path):
        if not isinstance(table, dict):
            self.err(path, "check.table")
            return False
        for k in table:
            if k not in allowed:
                self.err(f"{path}.{k}" if path else k, "check.unknown_key", allowed=sorted(allowed))
        return True

    def labelled(self, v, path):
        if not (isinstance(v, dict) and isinstance(v.get("zh"), str) and isinstance(v.get("en"), str)):
            self.err(path, "check.labelled")

    def covers(self, v, kinds, path):
        if not isinstance(v, list) or not v:
            self.err(path, "check.covers_list")
            return
        for k in v:
            if k not in kinds:
                self.err(path, "check.covers_kind", kind=shown(k))

    def rows(self, rows, path, kind, extra, ctx=None, sel=SELECTORS, per=PERIODS,
             allow_same_as=None):
        if not isinstance(rows, list):
            self.err(path, "check.array")
            return
        allowed = set(sel) | _ROW_KEYS | extra
        if kind == "rate":
            allowed |= {"bands", "tiers"}
        if kind == "cap":
            allowed |= {"unlimited"}
        if allow_same_as is not None:
            allowed |= {"same_as"}
        forms = [f for f in _FORMS if f in allowed]
        for i, r in enumerate(rows):
            p = f"{path}[{i}]"
            if self.keys(r, allowed, p):
                self.row(r, p, kind, extra, ctx, per, forms, allow_same_as)

    def row(self, r, p, kind, extra, ctx, per, forms, allow_same_as):
        """One row of figures: its selectors and dates, exactly one form, the figure, its
        citation."""
        if ctx is not None:
            self.selectors(r, p, ctx)
        if "from" in r or "until" in r:
            self.dates(r, p)
        if "per" in extra and "value" in r and r.get("per") not in per:
            self.err(f"{p}.per", "check.one_of", choices=list(per))
        have = [k for k in forms if k in r]
        if len(have) != 1:
            self.err(p, "check.exactly_one", forms=forms)
            return
        f = have[0]
        if f == "unknown":
            self.unknown_row(r, p)
            self.bound(r, p, kind)
            return
        if "bound" in r or "bound_quote" in r:
            self.err(f"{p}.bound", "check.bound_known")
        if f == "unlimited" and r["unlimited"] is not True:
            self.err(f"{p}.unlimited", "check.must_be_true")
        if f == "value":
            (self.rate if kind == "rate" else self.money)(r["value"], f"{p}.value")
        if f in ("bands", "tiers"):
            self.scale(r[f], f"{p}.{f}")
        if f == "same_as" and r["same_as"] not in (allow_same_as or {}):
            self.err(f"{p}.same_as", "check.same_as", kind=shown(r["same_as"]))
        self.cite(r, p)

    def dates(self, t, p, year=None):
        """A span of days (a dated row's, or the file's ``effective``): ``from`` and ``until``
        (``to``, the file's older word, read the same) are TOML dates, the end not before the
        start; the file's span holds some day of its ``year``."""
        if "to" in t and "until" in t:
            self.err(f"{p}.to", "years.check.to_and_until")
        for k in ("from", "until", "to"):
            if k in t and not is_date(t[k]):
                self.err(f"{p}.{k}", "check.date_not", v=shown(t[k]))
        start, end = t.get("from"), t.get("until", t.get("to"))
        if is_date(start) and is_date(end) and end < start:
            self.err(p, "check.ends_before", start=start, end=end)
        if isinstance(year, int) and not isinstance(year, bool) and (
                (is_date(start) and start.year > year) or (is_date(end) and end.year < year)):
            self.err(p, "years.check.span_year", year=year)

    def selectors(self, r, p, ctx):
        for k in SELECTORS:
            if k in r:
                self.defined(r[k], ctx.get(k, ()), k, f"{p}.{k}")

    def defined(self, v, known, what, path):
        """A non-empty list whose every item is one of ``known`` (``what``: grades, categories,
        diseases, flags, situations: the selector it is)."""
        if not isinstance(v, list) or not v:
            self.err(path, "check.nonempty_list")
            return
        for x in v:
            if x not in known:
                self.err(path, "check.not_defined", what=Msg(f"check.what.{what}"), x=shown(x))

    def scale(self, bands, p):
        if not isinstance(bands, list) or not bands:
            self.err(p, "check.bands_array")
            return
        last = None
        for i, b in enumerate(bands):
            bp = f"{p}[{i}]"
            if not self.keys(b, {"up_to", "edge", "rate"}, bp):
                continue
            self.rate(b.get("rate"), f"{bp}.rate")
            if "up_to" in b:
                if not is_number(b["up_to"]) or b["up_to"] <= 0 or b["up_to"] > MAX_FIGURE:
                    self.err(f"{bp}.up_to", "check.up_to", max=f"{MAX_FIGURE:,}")
                elif last is not None and b["up_to"] <= last:
                    self.err(f"{bp}.up_to", "check.ascend", v=b["up_to"], last=last)
                else:
                    last = b["up_to"]
                if b.get("edge") not in EDGES:
                    self.err(f"{bp}.edge", "check.edge")
            elif i != len(bands) - 1:
                self.err(f"{bp}.up_to", "check.open_ended")
        if "up_to" in bands[-1]:
            self.err(f"{p}[{len(bands) - 1}]", "check.last_open")

    def rate(self, v, p):
        if not is_number(v):
            self.err(p, "check.rate_number")
        elif not 0 <= v <= 1:
            self.err(p, "check.rate_range", v=v)

    def money(self, v, p):
        if not is_number(v):
            self.err(p, "check.money_number")
        elif v < 0:
            self.err(p, "check.money_negative", v=v)
        elif v > MAX_FIGURE:
            self.err(p, "check.money_huge", v=v, max=f"{MAX_FIGURE:,}")

    def unknown_row(self, r, p, what="figure"):
        """A row no source gives (``unknown = true``): it says in a note what is missing, and a
        quote it offers (what the text does say) is checked like any other."""
        if r["unknown"] is not True:
            self.err(f"{p}.unknown", "check.must_be_true")
        if not r.get("note"):
            self.err(f"{p}.note", "check.unknown_note", what=Msg(f"check.what.{what}"))
        if "source" in r:
            self.cite(r, p)

    def bound(self, r, p, kind):
        """A bound the source states on an unknown figure (铁岭 "报销比例最高可达90%"): ``bound =
        { min, max }`` in the figure's unit, quoted in ``bound_quote`` from the row's source. The
        ranges of unknown amounts are narrowed by it, never by a guess."""
        if "bound" not in r and "bound_quote" not in r:
            return
        b = r.get("bound")
        if not self.keys(b, {"min", "max"}, f"{p}.bound") or not b:
            self.err(f"{p}.bound", "check.bound_table")
            return
        for k, v in b.items():
            (self.rate if kind == "rate" else self.money)(v, f"{p}.bound.{k}")
        if is_number(b.get("min")) and is_number(b.get("max")) and b["min"] > b["max"]:
            self.err(f"{p}.bound", "check.bound_order")
        q = r.get("bound_quote")
        if not (isinstance(q, str) and q.strip()):
            self.err(f"{p}.bound_quote", "check.bound_quote")
        if not r.get("source"):
            self.err(f"{p}.source", "check.bound_source")

    def cite(self, r, p):
        src = r.get("source")
        if not src:
            self.err(f"{p}.source", "check.source_missing")
        elif src not in self.sources:
            self.err(f"{p}.source", "check.source_unlisted", source=shown(src))
        q = r.get("quote")
        if not (isinstance(q, str) and q.strip()):
            self.err(f"{p}.quote", "check.quote_missing")
        self.marks(r, p)

    def marks(self, t, p):
        """The strict check's marks on a cited table (``MARKS``): ``unchecked`` a policy year,
        ``not_in_quote`` ``{ figures = [...], zh = "…", en = "…" }`` (the reason)."""
        if "unchecked" in t:
            y = t["unchecked"]
            if not (isinstance(y, int) and not isinstance(y, bool) and 2000 <= y <= 2100):
                self.err(f"{p}.unchecked", "check.year")
        if "not_in_quote" in t:
            x, xp = t["not_in_quote"], f"{p}.not_in_quote"
            if self.keys(x, {"figures", "zh", "en"}, xp):
                f = x.get("figures")
                if not (isinstance(f, list) and f and all(isinstance(k, str) and k for k in f)):
                    self.err(f"{xp}.figures", "check.nonempty_list")
                if not all(isinstance(x.get(k), str) and x[k].strip() for k in ("zh", "en")):
                    self.err(xp, "check.labelled")
