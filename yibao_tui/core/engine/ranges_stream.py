"""Ranges carried forward visit by visit, for a year too long to hold (``yibao estimate --claims
--json`` of 100,000 visits): the same bounds as ``ranges.year_ranges``, in bounded memory.

The exact year and the year at every corner of the box run side by side, one visit at a time;
each visit is given as it comes with its range — from the corners' running totals up to it and
up to the visit before, as ``year_ranges`` works it out from the prefixes — keeping only those
running totals. The box is the figures no source gives met so far (a visit's ``missing``): when a
visit names a new one, the box grows and its corners run again from the year's start to there.
A visit before it did not wait on that figure (the engine names every figure an amount waits
on), so its range stands. A corner that leaves an amount unknown ends the ranges from that visit
on (the earlier ones stay true: a prefix never depends on a later visit)."""

from __future__ import annotations

import itertools

from yibao_tui.core.engine.model import ZERO
from yibao_tui.core.engine.ranges import (
    AMOUNTS,
    MAX_FIGURES,
    Ranges,
    amounts,
    figures,
    fill,
    visit_bounds,
)
from yibao_tui.core.engine.ranges_loose import bounds, visit_loose
from yibao_tui.core.engine.ranges_loose import corners as loose_corners
from yibao_tui.core.engine.year import iter_year
from yibao_tui.core.money import money


class YearStream:
    """Iterate it for the exact visits (engine results), one at a time; ``current`` is the range
    of the visit just given ({amount: (low, high)}, or None where none can be given); once the
    year is through, ``year`` and ``figures`` are what ``year_ranges`` would give (``ranges`` a
    ``Ranges`` without its visits, as the year's document reads it)."""

    def __init__(self, policy, person, claims, cover=None):
        self.policy, self.person, self.claims, self.cover = policy, person, claims, cover
        self.current = None
        self.year = None
        self.figures = []
        self.ranged = False  # whether any amount waits on a figure (ranges were worked out)
        self.loose = False  # past MAX_FIGURES: the loose bound (``ranges_loose``)

    @property
    def ranges(self):
        return Ranges([], self.year, self.figures, 0, self.loose)

    def __iter__(self):
        policy, person, claims = self.policy, self.person, self.claims
        missing = {}
        box = _Box(self)
        amount = total = ZERO  # the year's in-policy cost and bill so far (a loose year's bound)
        for k, v in enumerate(iter_year(policy, person, claims, self.cover)):
            ex = amounts(v, policy)
            if v.missing and not missing.keys() >= set(v.missing):
                # A figure not met before: the box grows, its corners run again from the start
                # of the year to here (once per new figure: a handful in a year).
                missing.update(dict.fromkeys(v.missing))
                self.ranged = True
                box.grow(list(missing), k)
            got = box.step() if self.ranged else None
            amount += money(v.claim.amount, policy)
            total += money(v.total, policy)
            if got is None:
                self.current = _point(ex) if self.ranged else None
            else:
                low, high = got
                self.current = (visit_loose if box.loose else visit_bounds)(
                    policy, v, ex, low, high, box.low_b, box.high_b)
                box.low_b, box.high_b = low, high
            yield v
        self.figures, self.loose = box.dims or [], box.loose
        if not (box.alive and box.dims):
            self.year = None
        elif box.loose:
            self.year = bounds(dict.fromkeys(AMOUNTS), box.low_b["fund"], box.high_b["fund"],
                               amount, total)
        else:
            self.year = {x: (box.low_b[x], box.high_b[x]) for x in AMOUNTS}


class _Box:
    """The corners' years run side by side, with their running totals (``accs``) and the least
    and greatest of them up to the last visit given (``low_b``, ``high_b``)."""

    def __init__(self, stream):
        self.s = stream
        self.dims, self.years, self.accs, self.alive, self.loose = None, [], [], True, False
        self.low_b = self.high_b = dict.fromkeys(AMOUNTS, ZERO)

    def grow(self, missing, k):
        """The box for ``missing``, its corners run over the first ``k`` visits."""
        s = self.s
        dims = figures(s.policy, s.person.scheme, missing, s.claims)
        if dims is None:
            self.alive = False  # a figure no value can fill: no range from here
            return
        self.dims, self.loose = dims, len(dims) > MAX_FIGURES
        boxes = (loose_corners(dims) if self.loose else
                 [list(zip(dims, c, strict=True))
                  for c in itertools.product(*[(d.lo, d.hi) for d in dims])])
        self.years = [iter_year(fill(s.policy, c), s.person, s.claims, s.cover) for c in boxes]
        self.accs = [dict.fromkeys(AMOUNTS, ZERO) for _ in self.years]
        self.low_b = self.high_b = dict.fromkeys(AMOUNTS, ZERO)
        for _ in range(k):
            got = self.step()
            if got is None:
                return
            self.low_b, self.high_b = got

    def step(self):
        """The next visit at every corner: (least, greatest) running totals, or None (and no
        more ranges) where a corner leaves an amount unknown."""
        if not self.alive or not self.dims:
            return None
        got = [amounts(next(y), self.s.policy) for y in self.years]
        if any(None in a.values() for a in got):
            self.alive = False
            return None
        for acc, a in zip(self.accs, got, strict=True):
            for x in AMOUNTS:
                acc[x] += a[x]
        return ({x: min(acc[x] for acc in self.accs) for x in AMOUNTS},
                {x: max(acc[x] for acc in self.accs) for x in AMOUNTS})


def _point(a):
    return None if None in a.values() else {k: (x, x) for k, x in a.items()}
