"""Figure lookup: which policy row applies, progressive scales and bill-size tiers."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.engine.model import ZERO


def pick(rows, grade=None, category=None, disease=None, flags=frozenset()):
    """The first row whose selectors all match, as (index, row); (None, None) if none do."""
    for i, r in enumerate(rows):
        g = r.get("grades")
        if g is not None and grade not in g:
            continue
        c = r.get("categories")
        if c is not None and category not in c:
            continue
        d = r.get("diseases")
        if d is not None and disease not in d:
            continue
        f = r.get("flags")
        if f is not None and not flags.intersection(f):
            continue
        return i, r
    return None, None


def scale_amount(bands, base):
    """Fund share of ``base`` under a progressive scale: [(lo, hi, rate, part, paid)]."""
    out = []
    lo = ZERO
    for b in bands:
        hi = b.get("up_to")
        top = base if hi is None else min(base, Decimal(hi))
        if top > lo:
            part = top - lo
            out.append((lo, hi, b["rate"], part, part * b["rate"]))
        if hi is None or base <= hi:
            break
        lo = Decimal(hi)
    return out


def scale_point(bands, paid):
    """Inverse of scale_amount: the base at which the fund's share reaches ``paid``."""
    lo = cum = ZERO
    for b in bands:
        hi = b.get("up_to")
        r = b["rate"]
        if hi is None:
            return lo + (paid - cum) / r if r else None
        hi = Decimal(hi)
        step = (hi - lo) * r
        if cum + step >= paid and r:
            return lo + (paid - cum) / r
        cum += step
        lo = hi
    return None


def tier_rate(tiers, amount):
    """A rate chosen by the size of the bill; each tier says whether its up_to is inclusive."""
    for t in tiers:
        hi = t.get("up_to")
        if hi is None:
            return t
        if amount < hi or (amount == hi and t.get("edge") == "inclusive"):
            return t
    return tiers[-1]
