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
from yibao_tui.core.money import money

AMOUNTS = ("fund", "serious_illness", "self_pay")  # as ranges.AMOUNTS (ranges imports this module)

# The figure kinds where the patient is best off at the low end (the rest: at the high end).
_LOW_IS_BEST = ("deductible", "first_pay", "threshold")


def corners(dims):
    """[best, worst]: the figures' values best and worst for the patient (as ``fill`` takes
    them)."""
    best = [(d, d.lo if d.path.rsplit(".", 1)[1] in _LOW_IS_BEST else d.hi) for d in dims]
    return [best, [(d, d.hi if v == d.lo else d.lo) for d, v in best]]


def visit_loose(policy, v, ex, low, high, low_b, high_b):
    """One visit's loose bounds from the fund's running totals at the two corners (``low``,
    ``high`` up to it; ``*_b`` up to the visit before), as ``loose_ranges`` gives them."""
    if None not in ex.values():
        return {x: (ex[x], ex[x]) for x in AMOUNTS}
    amount, total = money(v.claim.amount, policy), money(v.total, policy)
    f_lo = max(ZERO, low["fund"] - high_b["fund"]) if ex["fund"] is None else ex["fund"]
    f_hi = min(amount, high["fund"] - low_b["fund"]) if ex["fund"] is None else ex["fund"]
    return bounds(ex, min(f_lo, f_hi), f_hi, amount, total)


def bounds(ex, f_lo, f_hi, amount, total):
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
