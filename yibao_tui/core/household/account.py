"""The personal account (个人账户): monthly credit, what it may pay, and a year's results."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from yibao_tui.core.engine import ZERO
from yibao_tui.core.household.model import Household, Member, Visit
from yibao_tui.core.household.rules import Check
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.select import Where, matches


def _personal_account(policy):
    sch = policy.scheme("employee") if policy else None
    return sch.personal_account if sch else None


def monthly_credit(policy, member, year):
    """(monthly credit or None, row or None, note Msg or None): the row that applies."""
    pa = _personal_account(policy)
    if pa is None:
        return None, None, Msg("credit.no_source")
    age = member.age(year)
    where = Where(category=member.category)
    for r in pa.rows("monthly_credit"):
        if not matches(r, where):
            continue
        if ("age_from" in r or "age_below" in r) and age is None:
            return None, r, Msg("credit.needs_age")
        if "age_from" in r and age < r["age_from"]:
            continue
        if "age_below" in r and age >= r["age_below"]:
            continue
        if "unknown" in r:
            return None, r, Msg.of(r.get("note"))
        return r["value"], r, Msg.of(r.get("note"))
    return None, None, Msg("credit.no_row")


def monthly_share(policy, member, wage):
    """(monthly amount or None, row or None, note Msg or None): the employee's own contribution
    that goes to the personal account each month on top of ``monthly_credit`` (辽阳
    "个人承担2%,个人部分划入医保个人账户"): ``wage`` (the monthly contribution base, from the
    member's enrolment entry) × the row's rate, to the fen. ZERO where the policy has no
    ``employee_share`` row for the member (its sources say nothing of such a credit); None — not
    zero — where a row applies but the wage is not entered, or the row is unknown."""
    pa = _personal_account(policy)
    where = Where(category=member.category)
    for r in pa.rows("employee_share") if pa else ():
        if not matches(r, where):
            continue
        if "unknown" in r:
            return None, r, Msg.of(r.get("note"))
        if wage is None:
            return None, r, Msg("credit.share_needs_wage")
        return (wage * r["rate"]).quantize(Decimal("0.01"), ROUND_HALF_UP), r, Msg.of(r.get("note"))
    return ZERO, None, None


def account_scope(policy):
    """(scope, row, note Msg or None): what the account may pay. Unknown → in-policy self-pay
    only."""
    pa = _personal_account(policy)
    row = pa.pays if pa else None
    if row is None:
        return "in-policy", None, Msg("scope.unknown")
    if "unknown" in row:
        return "in-policy", row, Msg.of(row.get("note"))
    return row["scope"], row, Msg.of(row.get("note"))


@dataclass
class Account:
    holder: str
    opening: Decimal
    monthly: Decimal | None
    credit_row: dict | None
    credit_note: Msg | None
    balance_entered: bool
    credited: Decimal = ZERO
    drawn: Decimal | None = ZERO
    balance: Decimal | None = None  # running; None once it depends on an unknown figure
    months_credited: int = 0
    draws: list = field(default_factory=list)  # (member id, visit row index, amount or None)
    # The employee's own share credited each month (``monthly_share``); None while unknown.
    share: Decimal | None = ZERO
    share_row: dict | None = None
    share_note: Msg | None = None
    # Premiums paid from this account this year: (member id, amount or None); counted in drawn.
    premiums: list = field(default_factory=list)

    def credit_to(self, month):
        # Each part known is credited; an unknown part is not, so the balance is then a lower
        # bound (run_year adds a note saying so) — never an unknown taken as a settled zero.
        per_month = sum((x for x in (self.monthly, self.share) if x is not None), ZERO)
        while self.months_credited < month:
            self.months_credited += 1
            self.credited += per_month
            if self.balance is not None:
                self.balance += per_month

    @property
    def closing(self):
        return self.balance


@dataclass(slots=True)  # one a visit: kept small (a big family's year, issue #20)
class VisitRow:
    member: str
    index: int  # the visit's position in the member's list
    visit: Visit
    result: object  # engine Result; None where the year was streamed (``run_year(keep=False)``)
    fund: Decimal | None
    serious_illness: Decimal | None
    self_pay: Decimal | None
    total: Decimal | None
    payable: Decimal | None  # self-pay the account may take (in-policy self-pay)
    draws: list = field(default_factory=list)  # (holder id, amount or None)
    account: Decimal | None = ZERO
    cash: Decimal | None = None
    notes: list = field(default_factory=list)  # [Msg]
    date: object = None  # the claim's day (the policy year said on the view)


@dataclass
class Totals:
    fund: Decimal | None = ZERO
    serious_illness: Decimal | None = ZERO
    account: Decimal | None = ZERO
    cash: Decimal | None = ZERO
    self_pay: Decimal | None = ZERO
    total: Decimal | None = ZERO

    def add(self, row):
        for k in ("fund", "serious_illness", "account", "cash", "self_pay", "total"):
            a, b = getattr(self, k), getattr(row, k)
            setattr(self, k, None if a is None or b is None else a + b)


@dataclass
class MemberYear:
    member: Member
    policy: object
    year: object = None  # engine YearResult
    error: Msg | None = None
    rows: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    cover: object = None  # enrolment.Cover the visits were checked against, if a payment is recorded
    ranges: object = None  # engine ranges.Ranges over the figures no source gives, when one is missing


@dataclass
class HouseholdYear:
    household: Household
    check: Check
    members: list  # [MemberYear] in file order
    rows: list  # [VisitRow] in visit order across the household
    accounts: dict  # holder id -> Account
    totals: Totals
    notes: list  # [Msg]
    kept: bool = True  # each visit's result and ranges kept (False: ``year_stream`` re-runs)

    @property
    def ranges(self):
        """The household's {fund / serious_illness / self_pay: (low, high)} over the figures no
        source gives: the members' year ranges added up (each member's year is independent of
        the others'; an exact amount counts as its own low and high). None when every amount
        is known, or when a member's open amount has no range."""
        if not any(my.ranges is not None for my in self.members):
            return None
        out = {}
        for my in self.members:
            if my.error is not None or my.year is None:
                continue
            if my.ranges is not None:
                rng = my.ranges.year
                if rng is None:
                    return None
            else:
                rng = {k: (getattr(my.totals, k),) * 2 for k in ("fund", "serious_illness",
                                                                  "self_pay")}
            for k in ("fund", "serious_illness", "self_pay"):
                lo, hi = rng.get(k) or (None, None)
                if lo is None or hi is None:
                    return None
                a, b = out.get(k, (ZERO, ZERO))
                out[k] = (a + lo, b + hi)
        return out

