"""Can the policy take this person and claim? Each refusal is an EstimateError with a ``Msg``."""

from __future__ import annotations

from yibao_tui.core.engine.model import Claim, EstimateError
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy import CROSS_REGION
from yibao_tui.core.policy.years import before_refusal

# Cross-region statuses that cannot hold together for one visit. One registration state at a
# time: temporary registration (已备案), long-term residence registration (长期异地居住, itself a
# 备案) or none (未备案); self-referral (未办转诊自行就医) is care without that registration.
# Not settled directly (未直接结算) is how the bill was paid and goes with any of them.
EXCLUSIVE = frozenset(frozenset(p) for p in (
    ("registered", "unregistered"), ("registered", "long-term"), ("long-term", "unregistered"),
    ("registered", "self-referred"), ("long-term", "self-referred")))


def excluded_by(status, others):
    """The statuses in ``others`` that cannot hold together with ``status``."""
    return [o for o in others if frozenset((status, o)) in EXCLUSIVE]


def _refuse(key, policy=None, **values):
    if policy is not None:
        values.update(city=policy.name, year=policy.year)
    raise EstimateError(Msg(key, **values))


def check(policy, person, claim):
    """Raise EstimateError if the policy cannot take this person and claim.

    Returns the claim to estimate: the same one, or a copy with the grade filled in where the
    care kind is paid at one grade only (沈阳 outpatient pooling: 基层).
    """
    sch = policy.scheme(person.scheme)
    if sch is None:
        _refuse("err.no_scheme", policy, scheme=person.scheme, accepted=list(policy.scheme_ids))
    if person.category not in sch.categories:
        _refuse("err.no_category", policy, scheme=person.scheme, category=person.category,
                accepted=list(sch.categories))
    # The one rule for the care kinds a category may use (the faces offer the same list).
    if claim.care not in sch.care_kinds(person.category):
        care = sch.care(claim.care)
        if care is None:
            _refuse("err.no_care", policy, scheme=person.scheme, care=claim.care,
                    accepted=list(sch.care_ids))
        _refuse("err.care_category", care=claim.care, category=person.category,
                accepted=list(care.categories))
    care = sch.care(claim.care)
    if claim.grade is None:
        if len(care.grades) == 1:
            claim = _with_grade(claim, care.grades[0])
        else:
            _refuse("err.need_grade", care=claim.care, accepted=list(care.grades))
    if claim.grade not in care.grades:
        _refuse("err.grade", policy, care=claim.care, grade=claim.grade,
                accepted=list(care.grades))
    diseases = care.diseases
    if claim.disease is None and care.disease_required:
        _refuse("err.need_disease", care=claim.care, accepted=_names(diseases))
    if claim.disease is not None and claim.disease not in diseases:
        _refuse("err.disease" if diseases else "err.disease_none", policy, care=claim.care,
                disease=claim.disease, accepted=_names(diseases))
    for part in ("amount", "class_b", "special_drugs", "out_of_policy"):
        v = getattr(claim, part)
        if not v.is_finite() or v < 0:
            _refuse("err.negative", part=part, v=v)
    if claim.class_b + claim.special_drugs > claim.amount:
        _refuse("err.parts_exceed")
    for i, s in enumerate(claim.cross_region):
        if s not in CROSS_REGION:
            _refuse("err.cross_region", status=s)
        clash = excluded_by(s, claim.cross_region[:i])
        if clash:
            _refuse("err.cross_region_both", a=clash[0], b=s)
    if claim.date is not None:  # a day before the file's span where a dated value differed
        why = before_refusal(policy, claim.date)
        if why is not None:
            raise EstimateError(why)
    return claim


def _names(diseases):
    """The city's Chinese names; in English the ids a script types (as the other refusals)."""
    return [{"zh": d["zh"], "en": k} for k, d in diseases.items()]


def _with_grade(claim, grade):
    c = Claim.__new__(Claim)
    for k in Claim.__slots__:  # every field, so one added later is not lost
        setattr(c, k, getattr(claim, k))
    c.grade = grade
    return c
