"""Properties that hold for every city, person and year of claims (hypothesis)."""

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Claim, Person, Where, estimate_year, excluded_by, shown, where

from .conftest import POLICIES, examples

POLICIES_BY_CITY = {c: pol.load_city(c, dirs=[str(POLICIES)]) for c in
                    ("liaoyang", "tieling", "liaoyuan", "yantai", "shenyang")}
ZERO = Decimal(0)

money = st.decimals(min_value=0, max_value=400000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def person_and_claims(draw, max_claims=6):
    city = draw(st.sampled_from(sorted(POLICIES_BY_CITY)))
    p = POLICIES_BY_CITY[city]
    scheme = draw(st.sampled_from(sorted(p.scheme_ids)))
    sch = p.scheme(scheme)
    category = draw(st.sampled_from(sch.categories))
    flags = draw(st.lists(st.sampled_from(sorted(p.flags)), max_size=1, unique=True)
                 if p.flags else st.just([]))
    statuses = [r["status"] for r in sch.rows("cross_region") if "unknown" not in r]
    n = draw(st.integers(1, max_claims))
    days = sorted(draw(st.lists(st.integers(0, 364), min_size=n, max_size=n)))
    claims = []
    for d in days:
        care_kind = draw(st.sampled_from(sch.care_kinds(category)))
        care = sch.care(care_kind)
        grade = draw(st.sampled_from(care.grades))
        diseases = sorted(care.diseases)
        disease = None
        if diseases and (care.disease_required or draw(st.booleans())):
            disease = draw(st.sampled_from(diseases))
        amount = draw(money)
        parts = {}
        for r in care.rows("first_pay"):
            if draw(st.booleans()):
                parts[r["part"]] = draw(st.decimals(min_value=0, max_value=amount, places=2))
        if sum(parts.values(), ZERO) > amount:
            parts = {}
        cr = draw(st.lists(st.sampled_from(statuses), max_size=2, unique=True)) if statuses else []
        cr = [s for i, s in enumerate(cr) if not excluded_by(s, cr[:i])]  # one registration state
        claims.append(Claim(care_kind, amount, grade=grade, disease=disease,
                            date=dt.date(p.year, 1, 1) + dt.timedelta(days=d),
                            out_of_policy=draw(st.sampled_from([ZERO, Decimal("88.80")])),
                            cross_region=cr, **parts))
    return p, Person(scheme, category, flags=flags), claims


SETTINGS = settings(max_examples=examples(300), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(person_and_claims())
def test_parts_add_up_and_nothing_is_negative(case):
    p, person, claims = case
    year = estimate_year(p, person, claims)
    for v in [*year.visits, year]:
        known = [x for x in (v.fund, v.serious_illness, v.self_pay) if x is not None]
        assert all(x >= 0 for x in known)
        assert v.total >= 0
        if None not in (v.fund, v.serious_illness, v.self_pay):
            assert v.fund + v.serious_illness + v.self_pay == v.total
            f, s, sp, t = shown(v, p)
            assert f + s + sp == t and sp >= 0  # as displayed, too
        else:
            assert v.self_pay is None
            assert v.missing, "an unknown amount must name the figure that is missing"
    for v in year.visits:
        for step in v.steps:
            assert step.amount is None or step.amount >= 0, step.key
        # the fund never pays more than the in-policy cost
        if v.fund is not None:
            assert v.fund <= v.claim.amount
            if v.serious_illness is not None:
                assert v.fund + v.serious_illness <= v.claim.amount


@SETTINGS
@given(person_and_claims(max_claims=8))
def test_caps_are_never_exceeded(case):
    # Checked on the figures as shown (rounded once per visit): the year adds those up, so their
    # sum is what must stay within each cap.
    p, person, claims = case
    year = estimate_year(p, person, claims)
    sch = p.scheme(person.scheme)
    pools = {}
    fund_pool = ZERO
    fund_cap = next((r for r in sch.rows("fund_cap") if "value" in r), None)
    for v in year.visits:
        c = v.claim
        if v.fund is None:
            return  # later pools are unknown too
        fund = shown(v, p)[0]
        cap = sch.care(c.care).first("cap", where(person, c))
        if cap is not None and "value" in cap:
            period = (c.date.month - 1) // 3 if cap["per"] == "quarter" else 0
            key = (c.care, id(cap), period)
            pools[key] = pools.get(key, ZERO) + fund
            assert pools[key] <= cap["value"], f"{c.care} cap {cap['value']} exceeded"
        if fund_cap is not None and c.care in fund_cap["covers"]:
            fund_pool += fund
            assert fund_pool <= fund_cap["value"]
    si = sch.serious_illness
    if si and year.serious_illness is not None:
        cap = si.first("cap", Where(flags=person.flags))
        if cap is not None and "value" in cap:
            assert year.serious_illness <= cap["value"]


@SETTINGS
@given(person_and_claims(max_claims=8))
def test_year_totals_are_the_sum_of_the_visits_as_shown(case):
    # Issue #10 item 3: a reader adding the visit lines must get the year line, to the fen.
    p, person, claims = case
    year = estimate_year(p, person, claims)
    per_visit = [shown(v, p) for v in year.visits]
    for i, got in enumerate(shown(year, p)):
        parts = [s[i] for s in per_visit]
        want = None if None in parts else sum(parts, ZERO)
        assert got == want, (i, got, parts)


def _has_tiers(p, person, claim):
    _, row = p.care(person.scheme, claim.care).rate(where(person, claim))
    return row is not None and "tiers" in row


@SETTINGS
@given(person_and_claims(max_claims=3), money, st.decimals(min_value=0, max_value=50000, places=2))
def test_paying_more_never_returns_more_than_the_extra(case, _unused, extra):
    p, person, claims = case
    last = claims[-1]
    # 沈阳 特三级 adults: the text sets one rate for the whole bill by its size (65% up to 15,000,
    # 70% above), so the fund jumps at 15,000 — a cliff in the policy itself, shown in its note.
    assume(not _has_tiers(p, person, last))
    bigger = Claim(last.care, last.amount + extra, grade=last.grade, disease=last.disease,
                   class_b=last.class_b, special_drugs=last.special_drugs,
                   out_of_policy=last.out_of_policy, cross_region=last.cross_region,
                   date=last.date)
    a = estimate_year(p, person, claims).visits[-1]
    b = estimate_year(p, person, [*claims[:-1], bigger]).visits[-1]
    if None in (a.fund, a.serious_illness, b.fund, b.serious_illness):
        return
    paid_a, paid_b = a.fund + a.serious_illness, b.fund + b.serious_illness
    assert paid_b >= paid_a  # more cost never lowers what insurance pays
    assert paid_b - paid_a <= extra  # nor raises it by more than the extra cost
    assert b.self_pay >= a.self_pay


def test_the_cliff_the_monotonicity_test_excludes_is_real():
    # 沈阳 adult, 特三级, deductible 1,200:
    # 15,000.00 → (15000 − 1200) × 65% = 8,970.00
    # 15,000.01 → (15000.01 − 1200) × 70% = 9,660.007 → 9,660.01 shown
    p = POLICIES_BY_CITY["shenyang"]
    person = Person("resident", "adult")

    def fund(a):
        r = estimate_year(p, person, [Claim("inpatient", Decimal(a), grade="3-special")]).visits[0]
        return shown(r, p)[0]

    assert fund("15000") == Decimal("8970.00")
    assert fund("15000.01") == Decimal("9660.01")
