"""Solving for one unknown input: the engine is piecewise linear in each figure (fund = (amount −
deductible) × rate …), so a bracketing false-position search on the figures as shown finds the
value that gives the slip's figure; a round value is preferred when it gives the same figures."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.engine.model import ZERO

ONE = Decimal(1)

_STEPS = 24
_AMOUNT_ROUNDINGS = (Decimal(1), Decimal("0.01"))
# Rates are whole or half percents in every source we have: a rate off that grid would be a guess
# fitted to one figure, not one the slip pins.
_RATE_GRID = (Decimal(100), Decimal(200))


def root(f, target, lo, hi):
    """An x in [lo, hi] where f(x) == target (f: Decimal → Decimal or None), or None.

    Illinois false position on g = f − target, bracketing [lo, hi]; f may be a step function at the
    fen (figures as shown), so "equal" is to the fen."""
    fa, fb = f(lo), f(hi)
    if fa is None or fb is None:
        return None
    ga, gb = fa - target, fb - target
    if ga == 0:
        return lo
    if gb == 0:
        return hi
    if (ga > 0) == (gb > 0):
        return None  # the slip's figure is outside what this input can give
    a, b = lo, hi
    side = 0
    for i in range(_STEPS):
        m = (a + b) / 2 if i % 4 == 3 else a - ga * (b - a) / (gb - ga)  # a bisection now and then
        fm = f(m)
        if fm is None:
            return None
        gm = fm - target
        if gm == 0:
            return m
        if (gm > 0) == (ga > 0):
            a, ga = m, gm
            if side == -1:
                gb /= 2
            side = -1
        else:
            b, gb = m, gm
            if side == 1:
                ga /= 2
            side = 1
    return None


def nice(x, is_rate):
    """The values to try for a solved ``x``: an amount to the whole yuan, then to the fen; a rate
    to the whole percent, then the half percent."""
    if is_rate:
        vals = [((x * n).to_integral_value() / n).quantize(Decimal("0.001")).normalize()
                for n in _RATE_GRID]
    else:
        vals = [x.quantize(q) for q in _AMOUNT_ROUNDINGS]
    out = []
    for v in vals:
        if v >= ZERO and v not in out:
            out.append(v)
    return out


def step_of(is_rate):
    """How far to move a solved value to see whether the slip pins it (changes a shown figure)."""
    return Decimal("0.01") if is_rate else Decimal(1)
