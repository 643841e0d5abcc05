"""A household's next year: the same family carried into a new year, last year kept read-only.

``rollover(household, policies, to_year)`` returns the new year's household (members, bindings
and supplied figures carried; visits empty; an employee's opening balance last year's closing;
this year's enrolment entry started from last year's tier and wage; last year's entry marked
claim-free where no reimbursement was paid) with a summary of what changed and what to confirm
(a category that may change with age, a balance or a claim-free year that is not known). The
household it came from is kept in ``past``; ``year_of`` reads a kept year back as it was.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from yibao_tui.core.engine import ZERO
from yibao_tui.core.household.enrolment import this_year_entry
from yibao_tui.core.household.model import to_dict
from yibao_tui.core.msg import Msg, MsgError

ADULT_AGE = 18  # 未成年人: under 18 (民法典 第十七条); a city's own cut-off is quoted beside it
_CARRIED_ENTRY_KEYS = ("tier", "wage", "paid_from")


class RolloverError(MsgError):
    """A rollover that cannot be made (a year not after this one, or one already kept)."""


@dataclass
class Rollover:
    household: object  # the new year's Household
    changes: list = field(default_factory=list)  # [Msg]: what changed
    confirm: list = field(default_factory=list)  # [Msg]: what the user should confirm


def year_of(household, year):
    """The household as it was in ``year``: itself for its own year, a kept ``[[past]]`` year
    read back (read-only: it has no ``past`` of its own), or None when the file has no such
    year."""
    if year == household.year:
        return household
    from yibao_tui.core.household.reader import Reader

    for p in household.past:
        if p.get("year") == year:
            h = Reader(household.source_name or "household", "").read(
                {**p, "schema": household.schema, "name": household.name})
            h.source_name = household.source_name
            return h
    return None


def years(household):
    """Every year the file holds, newest first."""
    return sorted({household.year, *(p.get("year") for p in household.past)}, reverse=True)


def rollover(household, hy, policies, to_year=None):
    """The household carried into ``to_year`` (default: the next year). ``hy`` is the old
    year's ``run_year`` result (closing balances, what was reimbursed); ``policies`` the old
    year's (a city's age cut-off, quoted). Raises RolloverError for a year not after this one or
    one already kept."""
    old = household.year
    to_year = old + 1 if to_year is None else to_year
    if not (old < to_year <= 2100):
        raise RolloverError(Msg("hhy.roll_not_after", year=old, to=to_year))
    new = copy.deepcopy(household)
    snapshot = {k: v for k, v in to_dict(household).items() if k not in ("schema", "name", "past")}
    new.past = [*household.past, snapshot]
    new.year = to_year
    out = Rollover(new, [Msg("hhy.roll_year", frm=old, to=to_year)])
    visits = sum(len(m.visits) for m in household.members)
    if visits:
        out.changes.append(Msg("hhy.roll_visits", n=visits, year=old))
    by_id = {my.member.id: my for my in hy.members}
    for m in new.members:
        m.visits = []
        my = by_id.get(m.id)
        _carry_entry(household, m, to_year, my, out)
        _carry_balance(m, hy.accounts.get(m.id), out)
        _age_flags(m, old, to_year, policies.get(m.city), out)
    return out


def _carry_entry(household, m, to_year, my, out):
    """Last year's entry kept (marked claim-free where nothing was reimbursed) and this year's
    started from its tier and wage."""
    if not m.insured:
        return
    j, e = this_year_entry(household, m)
    if e is None:
        m.enrolment.append({"year": household.year})
        j, e = len(m.enrolment) - 1, m.enrolment[-1]
    else:
        e = m.enrolment[j]
    if m.scheme == "resident" and "claim_free" not in e:
        free = _claim_free(my)
        if free:
            e["claim_free"] = True
            out.changes.append(Msg("hhy.roll_claim_free", name=m.name, year=household.year))
        elif free is None:
            out.confirm.append(Msg("hhy.confirm_claim_free", name=m.name, year=household.year))
    entry = {"year": to_year, **{k: e[k] for k in _CARRIED_ENTRY_KEYS if k in e}}
    m.enrolment.append(entry)
    carried = {k: entry[k] for k in _CARRIED_ENTRY_KEYS if k in entry}
    if carried:
        out.changes.append(Msg("hhy.roll_entry", name=m.name, year=to_year,
                               what=", ".join(f"{k} = {v}" for k, v in carried.items())))
    out.confirm.append(Msg("hhy.confirm_paid", name=m.name, year=to_year))


def _claim_free(my):
    """True when the member's year paid no reimbursement (no visit, or every visit's fund and
    serious-illness insurance 0), False when one did, None when that is not known."""
    if my is None or not my.member.visits:
        return True
    if my.error is not None or not my.rows:
        return None
    paid = [x for r in my.rows for x in (r.fund, r.serious_illness)]
    if any(x is not None and x > ZERO for x in paid):
        return False
    return None if any(x is None for x in paid) else True


def _carry_balance(m, account, out):
    """An employee's opening balance: last year's closing; unknown stays unknown."""
    if m.scheme != "employee" or not m.insured:
        return
    closing = None
    if account is not None and account.balance_entered and account.monthly is not None \
            and account.share is not None:
        closing = account.closing
    m.account_balance = closing
    if closing is None:
        out.confirm.append(Msg("hhy.confirm_balance", name=m.name))
    else:
        out.changes.append(Msg("hhy.roll_balance", name=m.name, amount=f"{closing:,.2f}"))


def _age_flags(m, old, to_year, policy, out):
    """A category that may change with age is flagged, never changed."""
    age = m.age(to_year)
    if m.category == "student":
        out.confirm.append(Msg("hhy.confirm_student", name=m.name, year=to_year))
    if m.category != "minor":
        return
    row = _birth_cutoff(policy)
    born_before = row is not None and m.birth_year is not None \
        and m.birth_year <= row["born_after"].year  # 辽源: born in 2004 or earlier pays as adult
    if age is None:
        out.confirm.append(Msg("hhy.confirm_minor_age", name=m.name))
    elif age >= ADULT_AGE or born_before:
        out.confirm.append(Msg("hhy.confirm_minor", name=m.name, age=age, year=to_year,
                               quote=f" — “{row['quote']}”" if row is not None else ""))


def _birth_cutoff(policy):
    """The resident premium row for minors that holds only for those born after a day
    (``born_after``, 辽源: "18周岁以下未成年人(2004年12月31日24时后出生)"), or None."""
    sch = policy.scheme("resident") if policy is not None else None
    if sch is None:
        return None
    return next((r for r in sch.rows("premium")
                 if "minor" in r.get("categories", ()) and r.get("born_after")), None)
    for r in sch.rows("premium"):
        if "minor" in r.get("categories", ()) and "出生" in (r.get("quote") or ""):
            return r["quote"]
    return None

