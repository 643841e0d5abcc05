"""The year: every claim in order, with the state (deductibles met, caps used) carried through."""

from __future__ import annotations

from yibao_tui.core.engine.check import check
from yibao_tui.core.engine.model import ZERO, Result, Step, YearResult, YearState
from yibao_tui.core.engine.visit import one_visit
from yibao_tui.core.money import money
from yibao_tui.core.msg import Msg


def estimate_year(policy, person, claims, cover=None, deductible_met=None):
    """Every claim in order, carrying deductibles, caps and serious-illness base through the year.

    ``cover`` (optional, from ``enrolment.cover_start``: ``.start`` date or None, ``.rule`` row):
    a dated visit before cover starts is not covered, and one whose cover start no source gives
    is unknown; neither uses up deductibles, caps or the serious-illness base. A claim dated by
    its month only (``month_only``) in the month cover starts, after the 1st, is unknown too.

    ``deductible_met`` (optional) {(care, period): yuan}: a yearly or quarterly deductible
    already met by visits not in ``claims`` (the slip check's "earlier visits this year"); the
    period is "year" or the quarter 1-4, as the engine keys it. Absent, nothing is met.
    """
    return YearResult(policy, person, list(iter_year(policy, person, claims, cover, deductible_met)))


def iter_year(policy, person, claims, cover=None, deductible_met=None):
    """``estimate_year``'s visits one at a time: only the year's state (deductibles met, caps
    used) is kept between them, so a caller that streams them out holds one visit's steps."""
    state = YearState(lambda d: money(d, policy))
    if deductible_met:
        state.deductible_met.update(deductible_met)
    for c in claims:
        c = check(policy, person, c)
        s = None if cover is None else cover.start
        if (s is not None and c.date is not None and c.month_only and s.day > 1
                and (c.date.year, c.date.month) == (s.year, s.month)):
            yield _not_covered(person, c, cover, day_unknown=True)
        elif cover is not None and c.date is not None and (s is None or c.date < s):
            yield _not_covered(person, c, cover)
        else:
            yield one_visit(policy, person, c, state)


def _not_covered(person, claim, cover, day_unknown=False):
    res = Result(claim)
    add = res.steps.append
    res.total = claim.amount + claim.out_of_policy
    add(Step("amount", Msg("step.amount"), "amount", {"a": claim.amount}, claim.amount))
    if claim.out_of_policy:
        add(Step("out_of_policy", Msg("step.out_of_policy"),
                 "amount", {"a": claim.out_of_policy}, claim.out_of_policy))
    if day_unknown:
        res.missing.append("visit.day")
        add(Step("cover", Msg("step.cover"), "cover_day?",
                 {"start": cover.start.isoformat(), "month": claim.date}, None,
                 cover.rule))
    elif cover.start is None:
        res.missing.append(f"{person.scheme}.enrolment.cover")
        add(Step("cover", Msg("step.cover"), "cover?", {}, None, cover.rule))
    else:
        res.fund = res.serious_illness = ZERO
        res.self_pay = res.total
        if claim.month_only:  # a household visit: its day is not known, only the month
            add(Step("cover", Msg("step.not_covered"), "not_covered_month",
                     {"start": cover.start.isoformat(), "month": claim.date}, None,
                     cover.rule))
        else:
            add(Step("cover", Msg("step.not_covered"), "not_covered",
                     {"start": cover.start.isoformat(), "date": claim.date.isoformat()}, None,
                     cover.rule))
    add(Step("fund", Msg("step.fund"), "amount", {"a": res.fund}, res.fund))
    add(Step("self_pay", Msg("step.self_pay"), "self_pay",
             {"total": res.total, "fund": res.fund, "si": res.serious_illness, "sp": res.self_pay},
             res.self_pay))
    return res


def estimate(policy, person, claim):
    return estimate_year(policy, person, [claim]).visits[0]

