"""What the breakdown's s (fill in a figure) works from, without a running app: the step the
cursor starts on (``FILLABLE_STEPS``), the figures the form offers first (``fillable``), and a
share typed as a percentage. The Pilot journey in test_tui_supply.py shows the keys reach them
(沈阳's 大病 threshold); this is 辽阳's class-B share, formerly a second Pilot run."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.engine import Claim, Person, estimate
from yibao_tui.core.policy import load_city
from yibao_tui.storage.supplied import value_of
from yibao_tui.tui.screens.wizard.breakdown_keys import FILLABLE_STEPS
from yibao_tui.tui.screens.wizard.supply import fillable, needs_per

from .conftest import POLICIES

CLASS_B = "employee.care.inpatient.first_pay.class_b"


def test_class_b_share_is_where_the_cursor_starts_and_what_the_form_offers():
    # 辽阳 employee, 三级 10,000 with 2,000 class B: no share is given (its 7,200.00 once
    # supplied: test_unknowns_fillable.py).
    res = estimate(load_city("liaoyang", dirs=[str(POLICIES)]), Person("employee", "active"),
                   Claim("inpatient", Decimal(10000), grade="3", class_b=Decimal(2000)))
    first = next(st for st in res.steps if st.tpl in FILLABLE_STEPS)
    assert first.key == "class_b"
    # s opens the form on [*missing, *unchecked]: its first figure is the share, per visit.
    assert fillable([*res.missing, *res.unchecked], "employee") == [CLASS_B]
    assert not needs_per(CLASS_B)


def test_a_fully_cited_visit_offers_nothing():
    # 沈阳 outpatient pooling at 基层, 100: every figure cited, nothing for s to fill.
    res = estimate(load_city("shenyang", dirs=[str(POLICIES)]), Person("resident", "adult"),
                   Claim("outpatient", Decimal(100)))
    assert not any(st.tpl in FILLABLE_STEPS for st in res.steps)
    assert fillable([*res.missing, *res.unchecked], "resident") == []


def test_a_share_typed_as_a_percentage():
    assert value_of("10%") == Decimal("0.10")
    assert value_of("１０％") == Decimal("0.10")  # as a Chinese IME types it (full-width ％)
    assert value_of("0.1") == Decimal("0.1") and value_of("1,000") == 1000
