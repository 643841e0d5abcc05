"""Ranges for amounts that wait on unknown figures: the least and greatest fund, serious-illness
insurance (大病保险) and self-pay over every value the unknown figures could take.

Pure. No guess enters: each unknown figure ranges over its natural bounds — a deductible,
threshold or 大病 cap ≥ 0, a rate or first-paid share from 0 to 100 % — narrowed only where the
policy file states a bound with its quote (``bound = { max = 0.90 }``, ``bound_quote``: 铁岭's
"报销比例最高可达95%(职工医保)和90%(居民医保)").

Each amount is monotone in each such figure (a higher deductible or threshold never lowers the
self-pay, a higher rate never lowers the fund …), so its least and greatest values lie at the
corners of the box of unknown figures. A corner is a policy with the unknown rows filled in —
each unknown row replaced by the same row with a value, marked supplied, as ``supplied.
apply_supplied`` would fill it (tests/test_ranges.py checks the two agree), but done here on
copies of the rows' lists only: ``yibao estimate`` stays light (no deep copy of the policy per
corner, no import of ``core.supplied`` on its fast path; test_estimate_path_stays_light); the
engine runs the year at every corner and the range is the min and max over the corners, as shown
(rounded once per visit). That is exact for a single visit and for a year's totals. A visit
inside a year is bounded by the year's prefixes (see ``year_ranges``): exact where nothing carries
over from an earlier visit, an honest wider bound where a shared cap does.

A cap no source gives (a care kind's cap, the fund's annual cap) is not a dimension: it stays as
the engine has it — not applied, named in ``unchecked``, the fund an upper bound ("at most").

Figures of one path (every unknown deductible row of a care kind …) share one dimension: they are
figures of one kind, so every amount moves the same way in each of them, and the extremes with
them tied are the extremes with them free (tests/test_ranges.py checks this with hypothesis).
At most ``MAX_FIGURES`` dimensions (2 ** 8 = 256 corners); past that, a looser bound from two
corners (``ranges_loose``), said to be loose; where an unknown is no figure a value can fill (a
cover start, a visit's day), there is no range.
"""

from __future__ import annotations

import itertools
from decimal import ROUND_CEILING, Decimal

from yibao_tui.core.engine.model import ZERO
from yibao_tui.core.engine.ranges_loose import bounds, corners, visit_loose
from yibao_tui.core.engine.year import estimate_year, iter_year
from yibao_tui.core.money import money, shown

AMOUNTS = ("fund", "serious_illness", "self_pay")
MAX_FIGURES = 8
ONE = Decimal(1)
_SELECTORS = ("grades", "categories", "diseases", "flags")
_RATES = ("rate", "first_pay", "cross_region")  # fractions of 1; the rest are yuan
_KEY = {"first_pay": "part", "cross_region": "status"}  # what picks a row of these tables


class Figure:
    """One dimension of the box: a figure path (as ``supplied`` takes it), its part (first-paid
    shares) or status (cross-region), the unknown rows it fills, and its least and greatest
    values. No rows: the table has no row for it at all (a first-paid share or a cross-region
    status the source does not mention), and a filled corner adds one."""

    __slots__ = ("hi", "lo", "missing", "part", "path", "rows")

    def __init__(self, path, part, rows, lo, hi, missing):
        self.path, self.part, self.rows, self.lo, self.hi = path, part, rows, lo, hi
        self.missing = missing  # the engine's name for it (``missing`` in a result)

    @property
    def key(self):
        """The row key ``part`` names the value of (``part``, ``status``), or None."""
        return _KEY.get(self.path.rsplit(".", 1)[1]) if self.part is not None else None

    def entries(self, value):
        """``[[supplied]]`` entries (as ``supplied.parse`` returns them) filling every unknown
        row of this figure with ``value``."""
        leaf = self.path.rsplit(".", 1)[1]
        out = []
        for r in self.rows or ({},):
            e = {"path": self.path, "value": value, "note": "range corner", "per": None}
            e.update({k: list(r[k]) for k in _SELECTORS if k in r})
            if self.part is not None:
                e[self.key] = self.part
            if leaf == "deductible":
                # The unknown row's period where it gives one; else "visit". At the corners the
                # period does not matter: 0 takes nothing, the effective bound takes every yuan
                # whatever the period, and any value inside lies between them. (Where the source
                # has a repeat-stay rule — 烟台 "第二次住院起付标准减半 … 第三次开始起付标准每次仅为
                # 100元" — the deductible is per stay by its own words.)
                e["per"] = r.get("per", "visit")
            elif self.path.endswith("serious_illness.cap"):
                e["per"] = "year"
            out.append(e)
        return out


class Ranges:
    """``visits[i]`` and ``year``: {amount: (low, high)} for fund, serious_illness, self_pay (as
    shown), or None where there is no range; ``figures`` the dimensions used; ``corners`` how
    many were evaluated. An amount the exact estimate gives has low == high."""

    __slots__ = ("corners", "figures", "loose", "visits", "year")

    def __init__(self, visits, year, figures, corners, loose=False):
        self.visits, self.year, self.figures, self.corners = visits, year, figures, corners
        self.loose = loose  # past MAX_FIGURES: an honest bound, not the least and greatest


def figure_path(missing, scheme):
    """(supplied path, part) for an engine ``missing`` name, or None when no value can fill it."""
    if not missing.startswith(scheme + "."):
        return None
    parts = missing.split(".")
    if len(parts) == 5 and parts[1] == "care" and parts[3] == "first_pay":
        return ".".join(parts[:4]), parts[4]
    if len(parts) == 3 and parts[1] == "cross_region":
        return ".".join(parts[:2]), parts[2]
    if len(parts) == 4 and parts[1] == "care" and parts[3] in ("deductible", "rate", "cap"):
        return missing, None
    if len(parts) == 2 and parts[1] == "fund_cap":  # a cap not applied (``unchecked``)
        return missing, None
    if len(parts) == 3 and parts[1] == "serious_illness" and parts[2] in ("threshold", "rate", "cap"):
        return missing, None
    return None


def effective_bound(policy, scheme, claims):
    """An upper end for a yuan figure with none stated: past it no amount changes. Every in-policy
    yuan of the year (Σ amounts) is the most a deductible can take or a 大病 base can reach, so a
    deductible, threshold or 大病 cap at that figure already takes (or blocks, or never binds)
    all of it. A repeat stay's deductible is the first stay's × a factor (烟台 2nd stay × 0.5), so
    the bound is divided by the smallest such factor: the scaled deductible still takes it all."""
    total = sum((c.amount for c in claims), ZERO)
    sch = policy.scheme(scheme)
    factors = [r["factor"] for k in sch.care_kinds() for r in sch.care(k).rows("repeat_stays")
               if r.get("factor")]
    if factors:
        total = total / min(factors)
    return max(ONE, Decimal(int(total.to_integral_value(ROUND_CEILING))))


def figures(policy, scheme, missing, claims):
    """The box's dimensions for these ``missing`` names, or None when one of them is no figure a
    value can fill (or no unknown row stands at its path)."""
    out, seen = [], set()
    big = None
    for m in missing:
        fp = figure_path(m, scheme)
        if fp is None:
            return None
        if fp in seen:
            continue
        seen.add(fp)
        path, part = fp
        leaf = path.rsplit(".", 1)[1]
        rows = [r for r in policy.rows_at(path) or () if "unknown" in r
                and (part is None or r.get(_KEY[leaf]) == part)]
        if not rows and leaf not in _KEY:
            return None  # (a share or status with no row at all: a corner adds one)
        if leaf in _RATES:
            lo, hi = ZERO, ONE
        else:
            if big is None:
                big = effective_bound(policy, scheme, claims)
            lo, hi = ZERO, big
        # A bound the source states, on the row itself (validated: min ≤ max, within 0..1 for a
        # rate). Rows tied in one dimension take the widest of their bounds.
        los = [r.get("bound", {}).get("min", lo) for r in rows] or [lo]
        his = [r.get("bound", {}).get("max", hi) for r in rows] or [hi]
        out.append(Figure(path, part, rows, Decimal(min(los)), Decimal(max(his)), m))
    return out


def year_ranges(policy, person, claims, cover=None, result=None):
    """Ranges for a year of claims (one claim: a visit). ``result`` is the exact estimate where the
    caller has it already. Returns a Ranges; its ``visits``/``year`` entries are None where no
    range can be given."""
    claims = list(claims)
    if result is None:
        result = estimate_year(policy, person, claims, cover)
    exact_v = [_amounts(v, policy) for v in result.visits]
    exact_y = _amounts(result, policy)
    if not result.missing:
        return Ranges([_point(a) for a in exact_v], _point(exact_y), [], 0)
    dims = figures(policy, person.scheme, result.missing, claims)
    if dims is None:
        return Ranges([_point(a) if None not in a.values() else None for a in exact_v],
                      None, [], 0)
    if len(dims) > MAX_FIGURES:
        return loose_ranges(policy, person, claims, cover, result, dims, exact_v)
    # Prefix sums: the first k visits' amounts, as shown, at each corner. A prefix is a year of
    # its own (later visits never change earlier ones), so it is monotone in every figure and its
    # corners give its exact range; the year is the last prefix.
    n = len(claims)
    lows = [dict.fromkeys(AMOUNTS, ZERO)] + [dict.fromkeys(AMOUNTS) for _ in claims]
    highs = [dict.fromkeys(AMOUNTS, ZERO)] + [dict.fromkeys(AMOUNTS) for _ in claims]
    corners = 0
    for corner in itertools.product(*[(d.lo, d.hi) for d in dims]):
        filled = fill(policy, [(d, v) for d, v in zip(dims, corner, strict=True)])
        corners += 1
        acc = dict.fromkeys(AMOUNTS, ZERO)
        # visit by visit, none kept: only the prefix sums are (a household year of 14,000
        # visits held every corner's steps: 40 KB a visit)
        for k, v in enumerate(iter_year(filled, person, claims, cover), 1):
            a = _amounts(v, filled)
            if None in a.values():  # a figure the box does not reach: no range at all
                return Ranges([None] * n, None, dims, corners)
            acc = {x: acc[x] + a[x] for x in AMOUNTS}
            _widen(lows[k], highs[k], acc)
    # One visit within a year is the difference of two prefixes taken at the same figures, so it
    # lies within [low_k − high_(k−1), high_k − low_(k−1)] and within what the visit can pay at all
    # (0 … its in-policy cost; self-pay 0 … its total). Exact for a year's first visit and where
    # no cap or deductible carries over; wider, never narrower, where one does (a cap the first
    # visit leaves less of for the second: the second's least fund is not at a corner).
    visits = [visit_bounds(policy, v, ex, lows[k], highs[k], lows[k - 1], highs[k - 1])
              for k, (v, ex) in enumerate(zip(result.visits, exact_v, strict=True), 1)]
    return Ranges(visits, _pair(lows[n], highs[n]), dims, corners)


def visit_bounds(policy, v, ex, low, high, low_before, high_before):
    """One visit's {amount: (low, high)}: exact where ``ex`` (its amounts as shown) gives it, else
    the difference of the prefixes with and without it (``low``/``high`` the year's least and
    greatest up to this visit, ``*_before`` up to the one before), within what it can pay."""
    top = {"fund": money(v.claim.amount, policy), "serious_illness": money(v.claim.amount, policy),
           "self_pay": money(v.total, policy)}
    rng = {}
    for x in AMOUNTS:
        if ex[x] is not None:
            rng[x] = (ex[x], ex[x])
            continue
        lo = max(ZERO, low[x] - high_before[x])
        hi = min(top[x], high[x] - low_before[x])
        rng[x] = (money(min(lo, hi), policy), money(hi, policy))
    return rng


def loose_ranges(policy, person, claims, cover, result, dims, exact_v):
    """``Ranges`` (``loose``) from the fund at the two corners; exact amounts stay exact."""
    best, worst = corners(dims)
    prefix = {}
    for name, corner in (("hi", best), ("lo", worst)):
        acc, sums = ZERO, [ZERO]
        for v in iter_year(fill(policy, corner), person, claims, cover):
            f = money(v.fund, policy) if v.fund is not None else None
            if f is None:
                return Ranges([None] * len(claims), None, dims, 2, loose=True)
            acc += f
            sums.append(acc)
        prefix[name] = sums
    lo, hi = prefix["lo"], prefix["hi"]
    visits = [visit_loose(policy, v, ex, {"fund": lo[k]}, {"fund": hi[k]}, {"fund": lo[k - 1]},
                          {"fund": hi[k - 1]})
              for k, (v, ex) in enumerate(zip(result.visits, exact_v, strict=True), 1)]
    n = len(claims)
    year_amount = sum((money(v.claim.amount, policy) for v in result.visits), ZERO)
    year_total = sum((money(v.total, policy) for v in result.visits), ZERO)
    exact_y = {x: None for x in AMOUNTS}
    year = bounds(exact_y, lo[n], hi[n], year_amount, year_total)
    return Ranges(visits, year, dims, 2, loose=True)


def fill(policy, values):
    """A copy of ``policy`` with each figure's unknown rows given a value: [(Figure, value)].
    Only the dicts and lists on the way to those rows are copied; the rest is shared (read-only)."""
    changes = {}
    for fig, v in values:
        rows = changes.get(fig.path) or policy.rows_at(fig.path) or ()
        if not fig.rows:  # no row at all: one added after the cited rows (as supplied does)
            changes[fig.path] = [*rows, _filled({}, fig.entries(v)[0])]
            continue
        filled = {id(r): e for r, e in zip(fig.rows, fig.entries(v), strict=True)}
        changes[fig.path] = [_filled(r, filled[id(r)]) if id(r) in filled else r for r in rows]
    return policy.with_rows(changes)


def _filled(row, entry):
    out = {k: x for k, x in row.items() if k not in ("unknown", "bound", "bound_quote")}
    for k in ("part", "status"):
        if k in entry:
            out[k] = entry[k]
    # A cross-region figure is the rate the fund pays for that status (``set``).
    out["set" if "status" in entry else "value"] = entry["value"]
    out["supplied"] = True
    if entry["per"] is not None:
        out["per"] = entry["per"]
    return out


def visit_range(policy, person, claim, cover=None):
    """One visit's {amount: (low, high)}, or None."""
    return year_ranges(policy, person, [claim], cover).visits[0]


def amounts(res, policy):
    """A visit's or a year's {fund, serious_illness, self_pay} as shown (None: unknown)."""
    return _amounts(res, policy)


def _amounts(res, policy):
    f, s, p, _t = shown(res, policy)
    return {"fund": f, "serious_illness": s, "self_pay": p}


def _point(a):
    return {k: (v, v) for k, v in a.items()}


def _widen(lows, highs, a):
    """Fold one corner's amounts in."""
    for k, v in a.items():
        lows[k] = v if lows[k] is None else min(lows[k], v)
        highs[k] = v if highs[k] is None else max(highs[k], v)


def _pair(lows, highs):
    return {k: (lows[k], highs[k]) for k in AMOUNTS}
