"""The checks every policy section shares: keys, names, rows of figures, citations.

``_Validator`` (validate.py) walks the file; section validators (core/sections/) call these.
"""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.vocab import EDGES, PERIODS

# The largest yuan figure a policy row may give (a deductible, a cap, a band edge): 100 times the
# highest real cap. Beyond it a figure is a typo or an attack (1e60 would pass as a Decimal and
# then overflow the engine's rounding).
MAX_FIGURE = Decimal(10) ** 9
_SELECTORS = {"grades", "categories", "diseases", "flags"}
_CITE = {"source", "quote", "note"}


def _num(v):
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool)


class Checks:
    """Problems collected as ``file: key.path: what is wrong``."""

    def __init__(self, name):
        self.name = name
        self.problems = []

    def err(self, path, msg):
        self.problems.append(f"{self.name}: {path}: {msg}")

    def keys(self, table, allowed, path):
        if not isinstance(table, dict):
            self.err(path, "must be a table")
            return False
        for k in table:
            if k not in allowed:
                self.err(f"{path}.{k}" if path else k,
                         f"unknown key (allowed: {', '.join(sorted(allowed))})")
        return True

    def labelled(self, v, path):
        if not (isinstance(v, dict) and isinstance(v.get("zh"), str) and isinstance(v.get("en"), str)):
            self.err(path, "must be a table with zh and en strings")

    def covers(self, v, kinds, path):
        if not isinstance(v, list) or not v:
            self.err(path, "must list the care kinds it covers")
            return
        for k in v:
            if k not in kinds:
                self.err(path, f"'{k}' is not a care kind defined in this scheme")

    def rows(self, rows, path, kind, extra, ctx=None, sel=_SELECTORS, per=PERIODS,
             allow_same_as=None):
        if not isinstance(rows, list):
            self.err(path, "must be an array of tables ([[...]])")
            return
        for i, r in enumerate(rows):
            p = f"{path}[{i}]"
            allowed = sel | _CITE | extra | {"value", "unknown", "bound", "bound_quote"}
            if kind == "rate":
                allowed |= {"bands", "tiers"}
            if kind == "cap":
                allowed |= {"unlimited"}
            if allow_same_as is not None:
                allowed |= {"same_as"}
            if not self.keys(r, allowed, p):
                continue
            if ctx is not None:
                self.selectors(r, p, ctx)
            if "per" in extra and "value" in r and r.get("per") not in per:
                    self.err(f"{p}.per", f"must be one of {', '.join(per)}")
            forms = [k for k in ("value", "unknown", "unlimited", "bands", "tiers", "same_as")
                     if k in r]
            if len(forms) != 1:
                self.err(p, "needs exactly one of value, unknown"
                         + (", bands, tiers" if kind == "rate" else "")
                         + (", unlimited" if kind == "cap" else "")
                         + (", same_as" if allow_same_as is not None else ""))
                continue
            f = forms[0]
            if f == "unknown":
                self.unknown_row(r, p)
                self.bound(r, p, kind)
                continue
            if "bound" in r or "bound_quote" in r:
                self.err(f"{p}.bound", "only an unknown figure takes a bound (a known one is its value)")
            if f == "unlimited" and r["unlimited"] is not True:
                self.err(f"{p}.unlimited", "must be true")
            if f == "value":
                (self.rate if kind == "rate" else self.money)(r["value"], f"{p}.value")
            if f in ("bands", "tiers"):
                self.scale(r[f], f"{p}.{f}")
            if f == "same_as" and r["same_as"] not in (allow_same_as or {}):
                self.err(f"{p}.same_as", f"'{r['same_as']}' is not a care kind of this scheme")
            self.cite(r, p)

    def selectors(self, r, p, ctx):
        for k in _SELECTORS:
            if k not in r:
                continue
            v = r[k]
            if not isinstance(v, list) or not v:
                self.err(f"{p}.{k}", "must be a non-empty list")
                continue
            for x in v:
                if x not in ctx.get(k, ()):
                    what = {"grades": "grade", "categories": "category", "diseases": "disease",
                            "flags": "flag"}[k]
                    self.err(f"{p}.{k}", f"{what} '{x}' is not defined here")

    def scale(self, bands, p):
        if not isinstance(bands, list) or not bands:
            self.err(p, "must be a non-empty array of { up_to, edge, rate }")
            return
        last = None
        for i, b in enumerate(bands):
            bp = f"{p}[{i}]"
            if not self.keys(b, {"up_to", "edge", "rate"}, bp):
                continue
            self.rate(b.get("rate"), f"{bp}.rate")
            if "up_to" in b:
                if not _num(b["up_to"]) or b["up_to"] <= 0 or b["up_to"] > MAX_FIGURE:
                    self.err(f"{bp}.up_to", f"must be a positive amount up to {MAX_FIGURE:,}")
                elif last is not None and b["up_to"] <= last:
                    self.err(f"{bp}.up_to", f"bands must ascend ({b['up_to']} after {last})")
                else:
                    last = b["up_to"]
                if b.get("edge") not in EDGES:
                    self.err(f"{bp}.edge", "must say whether up_to is inclusive or exclusive")
            elif i != len(bands) - 1:
                self.err(f"{bp}.up_to", "only the last band may be open-ended")
        if "up_to" in bands[-1]:
            self.err(f"{p}[{len(bands) - 1}]", "the last band must be open-ended (no up_to)")

    def rate(self, v, p):
        if not _num(v):
            self.err(p, "must be a number between 0 and 1")
        elif not 0 <= v <= 1:
            self.err(p, f"rate {v} is outside 0–1")

    def money(self, v, p):
        if not _num(v):
            self.err(p, "must be an amount in yuan")
        elif v < 0:
            self.err(p, f"amount {v} is negative")
        elif v > MAX_FIGURE:
            self.err(p, f"amount {v} is over {MAX_FIGURE:,} yuan: not a figure a policy gives")

    def unknown_row(self, r, p, what="figure"):
        """A row no source gives (``unknown = true``): it says in a note what is missing, and a
        quote it offers (what the text does say) is checked like any other."""
        if r["unknown"] is not True:
            self.err(f"{p}.unknown", "must be true")
        if not r.get("note"):
            self.err(f"{p}.note", f"an unknown {what} needs a note saying what is missing")
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
            self.err(f"{p}.bound", "must be a table with min and/or max")
            return
        for k, v in b.items():
            (self.rate if kind == "rate" else self.money)(v, f"{p}.bound.{k}")
        if _num(b.get("min")) and _num(b.get("max")) and b["min"] > b["max"]:
            self.err(f"{p}.bound", "min is above max")
        q = r.get("bound_quote")
        if not (isinstance(q, str) and q.strip()):
            self.err(f"{p}.bound_quote", "missing: a bound quotes the source that states it")
        if not r.get("source"):
            self.err(f"{p}.source", "missing: a bound names the source it is quoted from")

    def cite(self, r, p):
        src = r.get("source")
        if not src:
            self.err(f"{p}.source", "missing: every figure names its source file")
        elif src not in self.sources:
            self.err(f"{p}.source", f"'{src}' is not listed in [sources]")
        q = r.get("quote")
        if not (isinstance(q, str) and q.strip()):
            self.err(f"{p}.quote", "missing: every figure quotes its source")
