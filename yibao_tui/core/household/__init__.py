"""Households: the family, who may spend whose personal account, and a year of care for all.

Pure (core only; no UI, no writes: TOML writing and the store are in ``storage``). The API a
screen needs, re-exported here under the names the single module had:

- ``parse(text, name) -> Household`` (raises ``HouseholdError``: (file, line, reason Msg)),
  ``to_dict(household)`` and ``validate(dict, name)`` (an edit "would read back");
  ``Household.member(id)``, ``new_member(...)``.                       (model, reader)
- ``with_supplied(household, policies)``: the policies with the ``[[supplied]]`` figures
  filled in (``check``, ``run_year`` and ``enrolment_summary`` use it themselves). (supplied)
- ``enrolment_summary(household, policies) -> EnrolmentSummary``: each member's premium, cover
  start and (烟台) serious-illness cap adjustment, cited; ``enrolment_problems``.  (enrolment)
- ``check(household, policies) -> Check``: problems, binding rule results (ok / broken /
  unknown, each with its source quote) and the bind checklist per holder.         (rules)
- ``run_year(household, policies) -> HouseholdYear``: every member's year through the engine,
  then the personal-account drawdown in visit order; ``estimate_member_visit``. (account, year)

File format (TOML, ``schema = 1``): ``docs/household.md`` and ``data/demo-household.toml``.
"""

from yibao_tui.core.engine import ZERO, Person  # the single module had them (H.Person, H.ZERO)
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
from yibao_tui.core.household.calendar import calendar_for_year, policy_for_year
from yibao_tui.core.household.enrolment import (
    EnrolmentSummary,
    MemberEnrolment,
    enrolment_problems,
    enrolment_summary,
    history,
    member_enrolment,
    member_policy,
    this_year_entry,
)
from yibao_tui.core.household.model import (
    HEAD_RELATIONS,
    ID_RE,
    RELATIONS,
    SCHEMA,
    Binding,
    Household,
    HouseholdError,
    Member,
    MoneyError,
    Visit,
    money,
    problem_msg,
    to_dict,
)
from yibao_tui.core.household.reader import parse, validate
from yibao_tui.core.household.reader_member import ENROL_DATES
from yibao_tui.core.household.rollover import Rollover, RolloverError, rollover, year_of, years
from yibao_tui.core.household.rules import (
    Check,
    RuleResult,
    binding_rules,
    check,
    checklist,
    relation_between,
    usable_binding,
)
from yibao_tui.core.household.supplied import SuppliedPolicies, with_supplied
from yibao_tui.core.household.year import HouseholdEstimateError, estimate_member_visit, new_member, run_year

__all__ = [
    "ENROL_DATES",
    "HEAD_RELATIONS",
    "ID_RE",
    "RELATIONS",
    "SCHEMA",
    "ZERO",
    "Account",
    "Binding",
    "Check",
    "EnrolmentSummary",
    "Household",
    "HouseholdError",
    "HouseholdEstimateError",
    "HouseholdYear",
    "Member",
    "MemberEnrolment",
    "MemberYear",
    "MoneyError",
    "Person",
    "Rollover",
    "RolloverError",
    "RuleResult",
    "SuppliedPolicies",
    "Totals",
    "Visit",
    "VisitRow",
    "account_scope",
    "binding_rules",
    "calendar_for_year",
    "check",
    "checklist",
    "enrolment_problems",
    "enrolment_summary",
    "estimate_member_visit",
    "history",
    "member_enrolment",
    "member_policy",
    "money",
    "monthly_credit",
    "monthly_share",
    "new_member",
    "parse",
    "policy_for_year",
    "problem_msg",
    "relation_between",
    "rollover",
    "run_year",
    "this_year_entry",
    "to_dict",
    "usable_binding",
    "validate",
    "with_supplied",
    "year_of",
    "years",
]
