"""Can the policy take this person and claim? Each refusal is an EstimateError with a ``Msg``."""

from __future__ import annotations

from yibao_tui.core.engine.model import Claim, EstimateError
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy import CROSS_REGION


def _refuse(key, policy=None, **values):
    if policy is not None:
        values.update(city=policy.name, year=policy.year)
    raise EstimateError(Msg(key, **values))


def check(policy, person, claim):
    """Raise EstimateError if the policy cannot take this person and claim.

    Returns the claim to estimate: the same one, or a copy with the grade filled in where the
    care kind is paid at one grade only (沈阳 outpatient pooling: 基层).
    """
    sch = policy.schemes.get(person.scheme)
    if sch is None:
        _refuse("err.no_scheme", policy, scheme=person.scheme, accepted=list(policy.schemes))
    if person.category not in sch["categories"]:
        _refuse("err.no_category", policy, scheme=person.scheme, category=person.category,
                accepted=list(sch["categories"]))
    care = sch["care"].get(claim.care)
    if care is None:
        _refuse("err.no_care", policy, scheme=person.scheme, care=claim.care,
                accepted=list(sch["care"]))
    cats = care.get("categories")
    if cats is not None and person.category not in cats:
        _refuse("err.care_category", care=claim.care, category=person.category, accepted=list(cats))
    if claim.grade is None:
        if len(care["grades"]) == 1:
            claim = _with_grade(claim, care["grades"][0])
        else:
            _refuse("err.need_grade", care=claim.care, accepted=list(care["grades"]))
    if claim.grade not in care["grades"]:
        _refuse("err.grade", policy, care=claim.care, grade=claim.grade,
                accepted=list(care["grades"]))
    diseases = care.get("diseases", {})
    # The city's Chinese names; in English the ids a script types (as the other refusals).
    accepted = [{"zh": d["zh"], "en": k} for k, d in diseases.items()]
    if claim.disease is None and care.get("disease_required"):
        _refuse("err.need_disease", care=claim.care, accepted=accepted)
    if claim.disease is not None and claim.disease not in diseases:
        _refuse("err.disease" if diseases else "err.disease_none", policy, care=claim.care,
                disease=claim.disease, accepted=accepted)
    for part in ("amount", "class_b", "special_drugs", "out_of_policy"):
        v = getattr(claim, part)
        if not v.is_finite() or v < 0:
            _refuse("err.negative", part=part, v=v)
    if claim.class_b + claim.special_drugs > claim.amount:
        _refuse("err.parts_exceed")
    for s in claim.cross_region:
        if s not in CROSS_REGION:
            _refuse("err.cross_region", status=s)
    return claim


def _with_grade(claim, grade):
    c = Claim.__new__(Claim)
    for k in Claim.__slots__:  # every field, so one added later is not lost
        setattr(c, k, getattr(claim, k))
    c.grade = grade
    return c
