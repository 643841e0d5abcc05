"""Ranges carried forward visit by visit, for a year too long to hold (``yibao estimate --claims
--json`` of 100,000 visits): the same bounds as ``ranges.year_ranges``, in bounded memory.

Two passes over the claims, each one visit at a time: the first finds which figures no source
gives the year waits on (its ``missing`` names: the box's dimensions); the second runs the exact
year and the year at every corner of the box side by side, and gives each visit as it comes with
its range — from the corners' running totals up to it and up to the visit before, as
``year_ranges`` works it out from the prefixes — keeping only those running totals. A corner that
leaves an amount unknown ends the ranges from that visit on (the earlier ones stay true: a prefix
never depends on a later visit)."""

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
from yibao_tui.core.engine.year import iter_year


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

    @property
    def ranges(self):
        return Ranges([], self.year, self.figures, 0)

    def __iter__(self):
        policy, person, claims, cover = self.policy, self.person, self.claims, self.cover
        missing = {}
        for v in iter_year(policy, person, claims, cover):  # pass 1: the box's dimensions
            missing.update(dict.fromkeys(v.missing))
        self.ranged = bool(missing)
        dims = figures(policy, person.scheme, list(missing), claims) if missing else []
        if not missing or dims is None or len(dims) > MAX_FIGURES:
            yield from self._exact(bool(missing))
            return
        self.figures = dims
        years = [iter_year(fill(policy, list(zip(dims, c, strict=True))), person, claims, cover)
                 for c in itertools.product(*[(d.lo, d.hi) for d in dims])]
        accs = [dict.fromkeys(AMOUNTS, ZERO) for _ in years]
        low_b = high_b = dict.fromkeys(AMOUNTS, ZERO)
        alive = True
        for v, *at in zip(iter_year(policy, person, claims, cover), *years, strict=True):
            ex = amounts(v, policy)
            if alive:
                got = [amounts(r, policy) for r in at]
                alive = all(None not in a.values() for a in got)
            if not alive:
                self.current = _point(ex)
                yield v
                continue
            for acc, a in zip(accs, got, strict=True):
                for x in AMOUNTS:
                    acc[x] += a[x]
            low = {x: min(acc[x] for acc in accs) for x in AMOUNTS}
            high = {x: max(acc[x] for acc in accs) for x in AMOUNTS}
            self.current = visit_bounds(policy, v, ex, low, high, low_b, high_b)
            low_b, high_b = low, high
            yield v
        self.year = {x: (low_b[x], high_b[x]) for x in AMOUNTS} if alive else None

    def _exact(self, open_):
        """No range to carry: each visit exact, or None where an amount is unknown."""
        for v in iter_year(self.policy, self.person, self.claims, self.cover):
            self.current = _point(amounts(v, self.policy)) if open_ else None
            yield v
        self.year = None


def _point(a):
    return None if None in a.values() else {k: (x, x) for k, x in a.items()}
