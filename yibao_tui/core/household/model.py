"""The household model: members, their visits and enrolment entries, bindings; the amount
reader; and the dict form a file is written from (``to_dict``; TOML writing is in storage)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from yibao_tui.core.amount import MAX_AMOUNT, AmountError, parse_amount
from yibao_tui.core.engine import ZERO, Claim, Person
from yibao_tui.core.msg import Msg, MsgError, problem_msg  # noqa: F401 (H.problem_msg)
from yibao_tui.core.policy import SCHEMES
from yibao_tui.core.policy.sections.household import RELATIONS

SCHEMA = 1
HEAD_RELATIONS = ("self", *RELATIONS)
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
ID_CARD_RE = re.compile(r"\d{17}[\dXx]")


def city_msg(p):
    """A policy's city and year, for a Msg: 烟台2025年 / Yantai 2025."""
    return Msg("where.city_year", city=p.name, year=p.year)


def scheme_msg(s):
    """A scheme for a Msg: its Chinese name, and in English the id as the sentences use it."""
    return Msg(f"scheme_in.{s}") if s in SCHEMES else Msg("verbatim", s=str(s))


class HouseholdError(Exception):
    """A household file that cannot be used: ``problems`` are (file, line or None, reason Msg).
    The faces word them (``views.household.format_problem``); ``str()`` is for logs."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(repr(self.problems))




@dataclass
class Visit:
    month: int
    care: str
    amount: Decimal
    grade: str | None = None
    disease: str | None = None
    out_of_policy: Decimal = ZERO
    class_b: Decimal = ZERO
    special_drugs: Decimal = ZERO
    cross_region: list = field(default_factory=list)
    stay: int | None = None
    note: str | None = None
    day: int | None = None  # optional: the day of the month, where cover starts mid-month
    slip: dict | None = None  # optional: the settlement slip's figures (core/slip), to check

    def claim(self, year):
        return Claim(self.care, self.amount, grade=self.grade, disease=self.disease,
                     class_b=self.class_b, special_drugs=self.special_drugs,
                     out_of_policy=self.out_of_policy, cross_region=self.cross_region,
                     date=dt.date(year, self.month, self.day or 1), stay=self.stay,
                     month_only=self.day is None)


@dataclass
class Member:
    id: str
    name: str
    relation: str
    city: str
    scheme: str | None = None
    category: str | None = None
    birth_year: int | None = None
    flags: list = field(default_factory=list)
    insured: bool = True
    account_balance: Decimal | None = None
    enrolment: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    note: str | None = None
    # Per enrolment entry, the line of the entry (key None) and of each of its keys in the file
    # it was read from (for problems); not saved.
    enrolment_lines: list = field(default_factory=list, repr=False, compare=False)

    def age(self, year):
        return None if self.birth_year is None else year - self.birth_year

    def person(self, year):
        return Person(self.scheme, self.category, age=self.age(year), flags=self.flags)


@dataclass
class Binding:
    holder: str
    beneficiaries: list
    relations: dict = field(default_factory=dict)  # beneficiary id -> relation, when not derivable
    note: str | None = None


@dataclass
class Household:
    name: str
    year: int
    members: list = field(default_factory=list)
    bindings: list = field(default_factory=list)
    note: str | None = None
    schema: int = SCHEMA
    supplied: list = field(default_factory=list)  # [[supplied]] entries as written (see supplied.py)
    # Earlier years kept read-only after a rollover: [[past]] tables, each a year's household
    # as written then (year, members with their visits, bindings, supplied); see rollover.py.
    past: list = field(default_factory=list)
    # Where it was read from, and the line of each [[supplied]] entry (for problems); not saved.
    source_name: str | None = field(default=None, repr=False, compare=False)
    supplied_lines: list = field(default_factory=list, repr=False, compare=False)

    def member(self, mid):
        for m in self.members:
            if m.id == mid:
                return m
        raise KeyError(mid)

    def open_relations(self, member_id=None):
        """The relations (to the head) a member may take: one head (本人) and one spouse (配偶)
        per household, so those two only while no other member has them."""
        taken = {m.relation for m in self.members if m.id != member_id} & {"self", "spouse"}
        return [r for r in HEAD_RELATIONS if r not in taken]

    def new_relation(self):
        """What a new member most likely is: the head first, then the spouse, then a child."""
        return next(r for r in ("self", "spouse", "child") if r in self.open_relations())

    def holders_of(self, mid):
        """Bound holders whose account ``mid`` may spend, in binding order."""
        return [b.holder for b in self.bindings if mid in b.beneficiaries]



class MoneyError(MsgError):
    """An amount that cannot be read: ``msg`` says why (a ``Msg``)."""


def money(v):
    """A yuan amount from TOML (int, Decimal) or text (the rule: ``amount.parse_amount``); raise
    MoneyError (a ValueError) with the reason in both languages."""
    try:
        return parse_amount(v)
    except AmountError as e:
        from yibao_tui.core.tomlinput import escape

        raise MoneyError(Msg(f"money.{e.code}", v=escape(v, 40), max=f"{MAX_AMOUNT:,}")) from None


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def month_days(y, m):
    return ((dt.date(y + (m == 12), m % 12 + 1, 1)) - dt.timedelta(days=1)).day



def to_dict(h):
    out = {"schema": SCHEMA, "name": h.name, "year": h.year}
    if h.note:
        out["note"] = h.note
    members = []
    for m in h.members:
        d = {"id": m.id, "name": m.name, "relation": m.relation}
        if m.birth_year is not None:
            d["birth_year"] = m.birth_year
        d["city"] = m.city
        for k in ("scheme", "category"):
            if getattr(m, k) is not None:
                d[k] = getattr(m, k)
        if m.flags:
            d["flags"] = list(m.flags)
        if not m.insured:
            d["insured"] = False
        if m.account_balance is not None:
            d["account_balance"] = m.account_balance
        if m.enrolment:
            d["enrolment"] = [dict(e) for e in m.enrolment]
        if m.note:
            d["note"] = m.note
        if m.visits:
            d["visit"] = [_visit_dict(v) for v in m.visits]
        members.append(d)
    out["member"] = members
    bindings = []
    for b in h.bindings:
        d = {"holder": b.holder, "beneficiaries": list(b.beneficiaries)}
        if b.relations:
            d["relations"] = dict(b.relations)
        if b.note:
            d["note"] = b.note
        bindings.append(d)
    if bindings:
        out["binding"] = bindings
    if h.supplied:
        out["supplied"] = [dict(e) for e in h.supplied]
    if h.past:
        out["past"] = [dict(p) for p in h.past]
    return out


def _visit_dict(v):
    d = {"month": v.month, "care": v.care}
    if v.grade is not None:
        d["grade"] = v.grade
    if v.disease is not None:
        d["disease"] = v.disease
    d["amount"] = v.amount
    for k in ("out_of_policy", "class_b", "special_drugs"):
        if getattr(v, k):
            d[k] = getattr(v, k)
    if v.cross_region:
        d["cross_region"] = list(v.cross_region)
    if v.stay is not None:
        d["stay"] = v.stay
    if v.day is not None:
        d["day"] = v.day
    if v.note:
        d["note"] = v.note
    if v.slip:
        d["slip"] = dict(v.slip)
    return d

