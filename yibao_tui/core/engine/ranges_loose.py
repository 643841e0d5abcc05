"""A bound past the corner method's ``MAX_FIGURES`` unknown figures: honest, and said to be loose.

The fund is monotone in each figure in a known direction — it never falls as a deductible or a
first-paid share falls, or as a rate, a cap or a cross-region rate rises; 大病 figures do not
touch it — so the year's fund (and every prefix of it) lies between the year at the corner worst
for the patient and the one best for them: two runs, whatever the number of figures. 大病 and the
self-pay have no such fixed direction (a higher fund cap leaves less beyond it for 大病), so they
are bounded from the fund's: 大病 pays at most what the fund leaves of the in-policy cost, and
the self-pay is the bill less the most the two can pay, up to the bill less the least fund."""

from __future__ import annotations

from yibao_tui.core.engine.model import ZERO
from yibao_tui.core.engine.ranges import AMOUNTS, Ranges, fill
from yibao_tui.core.engine.year import iter_year
from yibao_tui.core.money import money

# The figure kinds where the patient is best off at the low end (the rest: at the high end).
_LOW_IS_BEST = ("deductible", "first_pay", "threshold")


def loose_ranges(policy, person, claims, cover, result, dims, exact_v):
    """``Ranges`` (``loose``) from the fund at the two corners; exact amounts stay exact."""
    best = [(d, d.lo if d.path.rsplit(".", 1)[1] in _LOW_IS_BEST else d.hi) for d in dims]
    worst = [(d, d.hi if v == d.lo else d.lo) for d, v in best]
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
    visits = []
    for k, (v, ex) in enumerate(zip(result.visits, exact_v, strict=True), 1):
        amount, total = money(v.claim.amount, policy), money(v.total, policy)
        f_lo = max(ZERO, lo[k] - hi[k - 1]) if ex["fund"] is None else ex["fund"]
        f_hi = min(amount, hi[k] - lo[k - 1]) if ex["fund"] is None else ex["fund"]
        visits.append(_bounds(ex, min(f_lo, f_hi), f_hi, amount, total) if None in ex.values()
                      else {x: (ex[x], ex[x]) for x in AMOUNTS})
    n = len(claims)
    year_amount = sum((money(v.claim.amount, policy) for v in result.visits), ZERO)
    year_total = sum((money(v.total, policy) for v in result.visits), ZERO)
    exact_y = {x: None for x in AMOUNTS}
    year = _bounds(exact_y, lo[n], hi[n], year_amount, year_total)
    return Ranges(visits, year, dims, 2, loose=True)


def _bounds(ex, f_lo, f_hi, amount, total):
    """{amount: (low, high)} from the fund's bounds; an amount ``ex`` gives stays exact."""
    # the fund and 大病 together pay at most the in-policy cost: the self-pay is at least the rest
    out = {"fund": (f_lo, f_hi), "serious_illness": (ZERO, max(ZERO, amount - f_lo)),
           "self_pay": (max(ZERO, total - amount), max(ZERO, total - f_lo))}
    for x in AMOUNTS:
        if ex[x] is not None:
            out[x] = (ex[x], ex[x])
    if ex["serious_illness"] is not None:  # 大病 known: the self-pay follows the fund's bounds
        s = ex["serious_illness"]
        out["self_pay"] = (max(ZERO, total - f_hi - s), max(ZERO, total - f_lo - s))
    out["loose"] = True  # said beside the range (views.estimate.range_line)
    return out
