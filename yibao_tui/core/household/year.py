"""The family year: every member's visits through the engine, then the account drawdown in
visit order across the household; one more visit for a member."""

from __future__ import annotations

import copy

from yibao_tui.core import enrolment as enr
from yibao_tui.core.engine import ZERO, EstimateError, estimate_year, shown
from yibao_tui.core.household.account import (
    Account,
    HouseholdYear,
    MemberYear,
    Totals,
    VisitRow,
    account_scope,
    monthly_credit,
    monthly_share,
)
from yibao_tui.core.household.enrolment import enrol_msg, member_enrolment, member_policy, this_year_entry
from yibao_tui.core.household.model import Member, to_dict
from yibao_tui.core.household.premium_draw import draw_premiums
from yibao_tui.core.household.reader import validate
from yibao_tui.core.household.rules import check, usable_binding
from yibao_tui.core.household.supplied import with_supplied
from yibao_tui.core.msg import Msg


def run_year(household, policies, chk=None, keep=True):
    """Each member's year through the engine, then the account drawdown in visit order.

    ``keep=False`` (``household year`` of a big family, issue #20): each member's year is run
    visit by visit and only what the totals, accounts and views read is kept — no visit's
    result, steps or ranges (``year_stream.visit_results`` runs them again, one at a time, for
    a view that shows them): a few hundred bytes a visit instead of ~40 KB."""
    policies = with_supplied(household, policies)
    chk = chk or check(household, policies)
    members, rows = _member_years(household, policies, chk, keep)
    accounts = _accounts(household, policies)
    notes = _account_notes(household, accounts)
    draw_premiums(household, chk, accounts, _premiums_paid_from(household, policies), notes)
    for row in rows:
        _draw(household, policies, chk, accounts, row, notes)
    for a in accounts.values():
        a.credit_to(12)
    return HouseholdYear(household, chk, members, rows, accounts, _totals(members), notes, keep)


def _premiums_paid_from(household, policies):
    """{member id: this year's premium or None} of the members whose premium an account pays."""
    out = {}
    for m in household.members:
        if (this_year_entry(household, m)[1] or {}).get("paid_from") is None:
            continue
        try:
            out[m.id] = member_enrolment(household, m, policies).premium.amount
        except (enr.EnrolmentError, AttributeError):
            out[m.id] = None
    return out


def _member_years(household, policies, chk, keep=True):
    """([MemberYear] in file order, [VisitRow] in visit order across the household)."""
    bad_members = {mid for mid, _ in chk.problems}
    members, rows = [], []
    for mi, m in enumerate(household.members):
        my = MemberYear(m, policies.get(m.city))
        members.append(my)
        if not m.visits:
            continue
        if m.id in bad_members:
            my.error = Msg("joined", parts=[msg for mid, msg in chk.problems if mid == m.id])
            continue
        order = visit_order(m)
        got = []  # the member's rows, kept only if the whole year can be estimated
        if _estimate_member(household, policies, my, [m.visits[j].claim(household.year)
                                                       for j in order], order, got, keep):
            for row in got:
                my.rows.append(row)
                rows.append((row.visit.month, mi, row.index, row))
    rows.sort(key=lambda x: x[:3])
    return members, [r[3] for r in rows]


def visit_order(m):
    """The member's visit indexes in the order their year runs (by month, then day)."""
    return sorted(range(len(m.visits)), key=lambda j: (m.visits[j].month, m.visits[j].day or 0))


def _estimate_member(household, policies, my, claims, order, rows, keep=True):
    """One member's year of ``claims`` (visits ``order``) into ``my`` (its cover, policy, year
    and ranges) and a row a visit into ``rows``; False with ``my.error`` set when it cannot be
    estimated (check() should have said why already). ``keep=False``: streamed, ``my.year``
    without its visits and ``my.ranges`` without the visits' ranges."""
    m, year = my.member, household.year
    try:
        me = member_enrolment(household, m, policies)
        my.cover = me.cover
        my.policy = p = member_policy(my.policy, m, me.si_cap)
        if not keep:
            my.year, my.ranges = stream_member(p, m, year, claims, my.cover, order, rows)
            return True
        my.year = estimate_year(p, m.person(year), claims, my.cover)
        if my.year.missing:  # a range to plan with over the figures no source gives (#12)
            from yibao_tui.core.engine.ranges import year_ranges

            my.ranges = year_ranges(p, m.person(year), claims, my.cover, my.year)
        rows += [_visit_row(m, j, res, p) for j, res in zip(order, my.year.visits, strict=True)]
    except EstimateError as e:
        my.error = Msg("named", name=m.name, msg=e.msg)
        return False
    except enr.EnrolmentError as e:
        my.error = Msg("named", name=m.name, msg=enrol_msg(e))
        return False
    return True


def _visit_row(m, j, res, policy, keep=True):
    """Visit ``j`` of member ``m`` as the household year shows it (figures as shown); the
    engine's result kept on it unless ``keep`` is False."""
    f, s, sp, t = shown(res, policy)
    v = m.visits[j]
    payable = None if sp is None else max(ZERO, sp - v.out_of_policy)
    return VisitRow(m.id, j, v, res if keep else None, f, s, sp, t, payable,
                    date=res.claim.date)


def stream_member(policy, m, year, claims, cover, order, rows):
    """(a YearResult without its visits, Ranges without the visits' or None): the member's
    year run visit by visit, a slim row a visit into ``rows``."""
    from yibao_tui.core.engine.model import YearResult, YearTotals
    from yibao_tui.core.engine.ranges_stream import YearStream

    person = m.person(year)
    stream, totals = YearStream(policy, person, claims, cover), YearTotals(policy)
    for j, res in zip(order, stream, strict=True):
        totals.add(res)
        rows.append(_visit_row(m, j, res, policy, keep=False))
    yr = YearResult(policy, person, [])
    yr.fund, yr.serious_illness, yr.self_pay, yr.total = totals.figures()
    yr.missing, yr.unchecked = totals.missing, totals.unchecked
    return yr, (stream.ranges if stream.ranged else None)


def _accounts(household, policies):
    """{holder id: Account} for every insured employee: the opening balance and what is
    credited each month."""
    accounts = {}
    for m in household.members:
        if m.scheme != "employee" or not m.insured:
            continue
        p = policies.get(m.city)
        monthly, crow, cnote = monthly_credit(p, m, household.year)
        wage = (this_year_entry(household, m)[1] or {}).get("wage")
        share, srow, snote = monthly_share(p, m, wage)
        opening = m.account_balance if m.account_balance is not None else ZERO
        accounts[m.id] = Account(m.id, opening, monthly, crow, cnote,
                                 m.account_balance is not None, balance=opening,
                                 share=share, share_row=srow, share_note=snote)
    return accounts


def _account_notes(household, accounts):
    """What the accounts' figures leave open: a balance not entered, a credit not known."""
    notes = []
    for a in accounts.values():
        who = household.member(a.holder).name
        if not a.balance_entered:
            notes.append(Msg("note.balance_missing", who=who))
        if a.monthly is None:
            notes.append(Msg("note.credit_unknown", who=who, why=a.credit_note or "—"))
        if a.share is None:
            notes.append(Msg("note.share_unknown", who=who, why=a.share_note or "—"))
    return notes


def _draw(household, policies, chk, accounts, row, notes):
    """One visit's self-pay drawn from the accounts that may pay it: the member's own first,
    then the holders bound to them, each credited to the visit's month."""
    m = household.member(row.member)
    holders = household.holders_of(m.id)
    sources = ([m.id] if m.id in accounts else []) + [
        h for h in holders if h in accounts and h != m.id and usable_binding(chk, h, m.id)]
    for h in holders:
        if h in accounts and h not in sources:
            row.notes.append(Msg("note.not_drawn", holder=household.member(h).name, ben=m.name))
    if not sources:
        row.account, row.cash = ZERO, row.self_pay
        return
    drawn = ZERO
    for h in sources:
        acc = accounts[h]
        acc.credit_to(row.visit.month)
        scope, _srow, snote = account_scope(policies.get(household.member(h).city))
        if snote and snote not in notes:
            notes.append(snote)
        limit = row.self_pay if scope == "all" else row.payable
        if limit is None or acc.balance is None:
            # The self-pay or the balance depends on an unknown figure: so does the draw.
            row.draws.append((h, None))
            acc.draws.append((m.id, row.index, None))
            acc.balance = acc.drawn = None
            break
        amt = min(max(ZERO, limit - drawn), acc.balance)
        if amt <= 0:
            continue
        acc.balance -= amt
        acc.drawn = None if acc.drawn is None else acc.drawn + amt
        drawn += amt
        row.draws.append((h, amt))
        acc.draws.append((m.id, row.index, amt))
    if any(a is None for _, a in row.draws) or row.self_pay is None:
        row.account = row.cash = None
    else:
        row.account = sum((a for _, a in row.draws), ZERO)
        row.cash = row.self_pay - row.account


def _totals(members):
    """The household's totals: every member's; unknown (None) if a member's year has an error."""
    total = Totals()
    for my in members:
        for r in my.rows:
            my.totals.add(r)
        if my.error is None:
            total.add(my.totals)
        else:
            for k in vars(total):
                setattr(total, k, None)
    return total


class HouseholdEstimateError(EstimateError):
    """A member's visits cannot be estimated: ``msg`` says why (a ``Msg``)."""

    def __init__(self, msg):
        super().__init__(msg)


def estimate_member_visit(household, member_id, visit, policies):
    """One more visit for a member, after the visits already on file up to its month.

    Returns (VisitRow, HouseholdYear); the household passed in is not changed."""
    h = copy.deepcopy(household)
    m = h.member(member_id)
    m.visits = [v for v in m.visits if v.month <= visit.month] + [visit]
    for other in h.members:
        if other.id != member_id:
            other.visits = [v for v in other.visits if v.month <= visit.month]
    hy = run_year(h, policies)
    my = next(x for x in hy.members if x.member.id == member_id)
    if my.error:
        raise HouseholdEstimateError(my.error)
    row = next(r for r in my.rows if r.index == len(m.visits) - 1)
    return row, hy


def new_member(household, **fields):
    """Add a member (validated like a file would be); returns it. Raises HouseholdError."""
    h = copy.deepcopy(household)
    m = Member(**fields)
    h.members.append(m)
    validate(to_dict(h), Msg("where.new_member"))  # the same checks as reading the file
    household.members.append(m)
    return m
