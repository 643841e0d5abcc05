"""Figure lookup: what a visit's rows are picked for, progressive scales and bill-size tiers.
Which row applies is the policy's one rule (``core.policy.select``: ``Where``, ``pick``)."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.engine.model import ZERO
from yibao_tui.core.policy import years
from yibao_tui.core.policy.select import Where


def where(person, claim, policy=None):
    """What the visit's rows are picked for (the one selector rule: core/policy/select.py), on
    the visit's day (its date; undated, today: core/policy/years.py) for dated values — given
    the ``policy``, the day standing for it (``years.epoch``: every day between two edges of
    its dated values picks the same rows). A year asks the same few questions visit after
    visit, so each is made once and reused (bounded)."""
    on = years.day(claim.date)
    if policy is not None:
        on = years.epoch(policy, on)
    key = (claim.grade, person.category, claim.disease, person.flags, on)
    w = _ASKED.get(key)
    if w is None:
        if len(_ASKED) >= 4096:
            _ASKED.clear()
        w = _ASKED[key] = Where(*key)
    return w


_ASKED = {}  # (grade, category, disease, flags, day) -> Where


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
