"""A household visit's slip: the visit checked as the family year computes it — the member's
earlier visits this year carried in, the enrolment-adjusted policy, the cover start — and the
slip's 个人账户支付 / 个人现金支付 against the household's account drawdown (``run_year``).

The account and cash lines are checked at the inputs as given only: the search for explanations
changes the visit, not the family's drawdown, so they are not among the figures it explains."""

from __future__ import annotations

from yibao_tui.core.household.year import run_year
from yibao_tui.core.msg import Msg
from yibao_tui.core.slip.model import Line, SlipError, parse_slip, status
from yibao_tui.core.slip.search import check_slip


def check_household_visits(household, policies, slips, hy=None):
    """{(member id, visit index): SlipCheck} for each slip in ``slips`` ({(member id, visit index):
    slip figures}); ``hy`` a ``run_year`` result already at hand. Raises SlipError for a slip that
    cannot be checked (a member the year could not compute, a visit that does not exist)."""
    hy = hy or run_year(household, policies)
    return {key: _check(household, hy, *key, slip) for key, slip in slips.items()}


def check_household_visit(household, policies, member_id, index, slip, hy=None):
    return check_household_visits(household, policies, {(member_id, index): slip}, hy)[
        (member_id, index)]


def _check(household, hy, member_id, index, slip):
    slip = parse_slip(slip) if not all(hasattr(v, "is_finite") for v in slip.values()) else slip
    my = next((m for m in hy.members if m.member.id == member_id), None)
    if my is None or not 0 <= index < len(my.member.visits):
        name = my.member.name if my is not None else member_id  # names where a person reads
        raise SlipError(Msg("slip.err.no_visit", member=name, n=index + 1))
    if my.error is not None or my.year is None:
        raise SlipError(Msg("slip.err.member", msg=my.error or Msg("slip.err.no_year")))
    m, year = my.member, household.year
    order = sorted(range(len(m.visits)), key=lambda j: (m.visits[j].month, m.visits[j].day or 0))
    prior = [m.visits[j].claim(year) for j in order[:order.index(index)]]
    chk = check_slip(my.policy, m.person(year), m.visits[index].claim(year), slip, prior=prior,
                     cover=my.cover)
    row = next(r for r in my.rows if r.index == index)
    for i, ln in enumerate(chk.lines):
        if ln.field in ("personal_account", "cash"):
            expected = row.account if ln.field == "personal_account" else row.cash
            chk.lines[i] = Line(ln.field, ln.slip, expected, status(ln.slip, expected))
    if chk.verdict == "matches" and any(ln.status == "differs" for ln in chk.lines):
        chk.verdict = "differs"
    return chk
