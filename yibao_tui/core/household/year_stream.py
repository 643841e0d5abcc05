"""A household year's visits with their engine results, one at a time, in the year's order
(``HouseholdYear.rows``): for a view that shows each visit's steps and ranges without holding
every visit's (issue #20: ~40 KB a visit). A year run with ``run_year(keep=False)`` keeps none,
so each member's year runs again here — visit by visit, side by side across the members, only
the visits of one member's month that the household's order has not reached yet held."""

from __future__ import annotations

from yibao_tui.core.engine.ranges import amounts
from yibao_tui.core.household.year import visit_order


def visit_results(hy):
    """Yield (VisitRow, engine result, the visit's range {amount: (low, high)} or None) for
    every row of ``hy`` in order."""
    by_id = {x.member.id: x for x in hy.members}
    if hy.kept:
        place = {id(v): k for x in hy.members if x.ranges is not None  # a visit's place in its
                 for k, v in enumerate(x.year.visits)}                  # member's year, as run
        for r in hy.rows:
            my = by_id[r.member]
            yield r, r.result, (my.ranges.visits[place[id(r.result)]] if my.ranges is not None
                                else None)
        return
    streams, pending = {}, {}
    for r in hy.rows:
        if r.member not in streams:
            streams[r.member] = _rerun(hy.household, by_id[r.member])
            pending[r.member] = {}
        buf = pending[r.member]
        while r.index not in buf:  # the member's year runs by day, the household's by index
            j, res, rng = next(streams[r.member])
            buf[j] = (res, rng)
        yield r, *buf.pop(r.index)


def _rerun(household, my):
    """(visit index, result, range or None) of the member's year, as ``run_year`` ran it."""
    from yibao_tui.core.engine.ranges_stream import YearStream

    m, year = my.member, household.year
    order = visit_order(m)
    stream = YearStream(my.policy, m.person(year), [m.visits[j].claim(year) for j in order],
                        my.cover)
    for j, res in zip(order, stream, strict=True):
        rng = None
        if my.ranges is not None:
            rng = stream.current
            if rng is None and not stream.ranged:  # before the first open figure: exact
                a = amounts(res, my.policy)
                rng = None if None in a.values() else {k: (x, x) for k, x in a.items()}
        yield j, res, rng
