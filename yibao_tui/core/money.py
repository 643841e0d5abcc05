"""Money as shown: rounding to the policy's unit, yuan and percentage formatting.

Stdlib only (the ``yibao estimate`` fast path). The engine never rounds mid-way; a figure is
rounded where it is shown (``money``, ``shown``).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

_MODES = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN, "down": ROUND_DOWN}


def _sub(a, *bs):
    if a is None or any(b is None for b in bs):
        return None
    for b in bs:
        a -= b
    return a


def money(d, policy=None):
    """Round for display: to the policy's unit and mode (fen, half-up by default)."""
    if d is None:
        return None
    r = policy.rounding if policy is not None else {}
    return d.quantize(Decimal(str(r.get("unit", "0.01"))), _MODES[r.get("mode", "half-up")])


def shown(result, policy):
    """(fund, serious_illness, self_pay, total) as shown: rounded, self-pay taking the residue
    so the shown parts always add up to the shown total."""
    f = money(result.fund, policy)
    s = money(result.serious_illness, policy)
    t = money(result.total, policy)
    p = _sub(t, f, s) if policy.rounding.get("residual") == "self_pay" else money(result.self_pay, policy)
    return f, s, p, t


def yuan(d):
    """An amount as text: 1,234.50; a negative with the minus sign "−" (U+2212) every view
    uses, never an ASCII hyphen; no "−0.00" (a negative zero, or less than half a fen, is 0.00).
    JSON writes money its own one way (``views.estimate_json.dec``)."""
    if d is None:
        return "?"
    q = d.quantize(Decimal('0.01'), ROUND_HALF_UP)
    return f"−{-q:,}" if q < 0 else f"{abs(q):,}"


def pct(r):
    if r is None:
        return "?"
    s = format((r * 100).normalize(), "f")
    return s + "%"
