"""An unknown first-paid share (乙类先行自付) leaves known what does not depend on it (issue #11).

辽阳 employee outpatient: year deductible 500, 50 %; the sources give no class-B share.
"""

from __future__ import annotations

from decimal import Decimal as D

from yibao_tui.core.engine import Claim, Person, estimate, estimate_year
from yibao_tui.core.policy import load_city

P = load_city("liaoyang")
WHO = Person("employee", "active")


def step(res, key):
    return next(s for s in res.steps if s.key == key)


def test_deductible_is_known_when_what_is_left_covers_it():
    # 1000 − 200 class-B (share unknown, at most all of it) leaves at least 800 ≥ 500.
    res = estimate(P, WHO, Claim("outpatient", D(1000), grade="3", class_b=D(200)))
    assert step(res, "deductible").amount == D(500)
    assert res.fund is None and res.missing == ["employee.care.outpatient.first_pay.class_b"]


def test_deductible_stays_unknown_when_it_may_not_be_covered():
    # 1000 − 600 leaves at least 400 < 500: how much of the deductible is met depends on the share.
    res = estimate(P, WHO, Claim("outpatient", D(1000), grade="3", class_b=D(600)))
    assert step(res, "deductible").amount is None


def test_a_year_deductible_met_under_an_unknown_share_counts_for_later_visits():
    # Visit 1 meets the whole 500 (at least 800 left); visit 2 (no class-B): nothing left to meet,
    # (1000 − 0) × 50 % = 500 at the rate; the fund itself waits on the cap used by visit 1.
    year = estimate_year(P, WHO, [Claim("outpatient", D(1000), grade="3", class_b=D(200)),
                                  Claim("outpatient", D(1000), grade="3")])
    second = year.visits[1]
    assert step(second, "deductible").amount == 0
    assert step(second, "band").amount == D(500)
    assert second.fund is None


def test_statuses_that_exclude_each_other_are_refused():
    import pytest

    from yibao_tui.core.engine import EstimateError
    from yibao_tui.text import render

    for pair in (["registered", "unregistered"], ["long-term", "unregistered"],
                 ["registered", "long-term"]):
        with pytest.raises(EstimateError) as e:
            estimate(P, WHO, Claim("inpatient", D(10000), grade="3", cross_region=pair))
        assert "一种备案状态" in render(e.value.msg, "zh")
    # Not settled directly goes with a registration state.
    estimate(P, WHO, Claim("inpatient", D(10000), grade="3", cross_region=["registered", "not-direct"]))
