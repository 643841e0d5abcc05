"""烟台's serious-illness cap, adjusted by each member's enrolment history, in the year's estimates.

The original cap is not in the source: it stays unknown unless the household supplies it. With it
supplied (with the threshold, rate and inpatient deductible, also unknown for 烟台), a member's
visits use the cap adjusted for that member (policy note on
resident.serious_illness_adjustments.continuous: continuous years count from 2025 and include
the year in question; from the 5th year on +3,000 a year).

One primary-care inpatient stay of 6,000,000.00 in 2030 (hand-worked):
  deductible 600.00 (supplied, per visit); fund (6,000,000 − 600) × 90 % = 5,399,460.00
  self-pay 600,540.00 counts toward serious-illness insurance
  (600,540 − 10,000 threshold) × 60 % = 354,324.00 → capped at the member's cap.
"""

from decimal import Decimal

import pytest

from yibao_tui.core import household as H
from yibao_tui.text import render
from yibao_tui.views.steps import step_text

from .hh_helpers import policies

SUPPLIED = """
[[supplied]]
city = "yantai"
path = "resident.serious_illness.cap"
value = {cap}

[[supplied]]
city = "yantai"
path = "resident.serious_illness.threshold"
value = 10000

[[supplied]]
city = "yantai"
path = "resident.serious_illness.rate"
value = 0.6

[[supplied]]
city = "yantai"
path = "resident.care.inpatient.deductible"
value = 600
per = "visit"
"""


def household(years, cap=300000, supplied=True):
    enrol = ", ".join(f"{{ year = {y} }}" for y in years)
    text = f"""schema = 1
name = "t"
year = 2030

[[member]]
id = "me"
name = "me"
relation = "self"
city = "yantai"
scheme = "resident"
category = "adult"
enrolment = [{enrol}]

[[member.visit]]
month = 3
care = "inpatient"
grade = "primary"
amount = 6000000
"""
    if supplied:
        text += SUPPLIED.format(cap=cap)
    return H.parse(text, "t.toml")


def year(h):
    ps = H.with_supplied(h, policies(2030))
    hy = H.run_year(h, ps)
    (my,) = hy.members
    assert my.error is None
    (row,) = my.rows
    return row, my, ps


@pytest.mark.parametrize(("years", "cap", "si"), [
    # 2025–2030 continuous: 6 years, 2 after the first 4 → +6,000: 300,000 + 6,000 = 306,000
    (range(2025, 2031), 300000, "306000.00"),
    # 2026–2030: 5 years → +3,000 = 303,000
    (range(2026, 2031), 300000, "303000.00"),
    # only 2030 on record: no adjustment → the supplied base, 300,000
    ([2030], 300000, "300000.00"),
    # 2025, 2026, then 2030: 3 years lapsed (2027–2029) → −9,000; 1 continuous year → +0
    # 300,000 − 9,000 = 291,000
    ([2025, 2026, 2030], 300000, "291000.00"),
    # base 10,000: +6,000 is over the 20 % limit (2,000) → 12,000; SI 354,324 capped at 12,000
    (range(2025, 2031), 10000, "12000.00"),
])
def test_the_member_year_uses_the_adjusted_cap(years, cap, si):
    row, _, ps = year(household(years, cap))
    assert row.fund == Decimal("5399460.00")  # (6,000,000 − 600) × 90 %
    assert row.serious_illness == Decimal(si)
    assert row.self_pay == Decimal("6000000.00") - row.fund - Decimal(si)
    (step,) = [s for s in row.result.steps if s.key == "si_cap"]
    assert step.amount == Decimal(si) and step.supplied
    if Decimal(si) == cap:
        assert step.tpl == "si_cap" and step.quote is None  # the supplied base as is
    else:
        assert step.tpl == "si_cap_derived"
        assert step.source == "003_fbaa5da4cb9b4117.txt" and step.quote
        assert "用户提供的原限额 + 调整" in render(step.note, "zh")
        assert "Supplied base + adjustment" in render(step.note, "en")
        assert step_text(step, "zh").startswith(f"用户提供的原限额{cap:,}.00 + 调整")
        assert step_text(step, "en").startswith(f"supplied base {cap:,}.00 + adjustment")
    # The city's policy is left as it was: the adjusted cap is this member's only.
    city_caps = ps.get("yantai").scheme("resident").serious_illness.rows("cap")
    assert [r.get("value") for r in city_caps] == [Decimal(cap), None]


def test_continuous_years_quote_the_003_rule():
    row, _, _ = year(household(range(2025, 2031)))
    (step,) = [s for s in row.result.steps if s.key == "si_cap"]
    assert "连续参加我市居民医保满4年的" in step.quote
    assert "+6,000.00" in step_text(step, "en") and step_text(step, "en").endswith("= 306,000.00")


def test_the_20_percent_limit_is_quoted_when_it_bites():
    row, _, _ = year(household(range(2025, 2031), cap=10000))
    (step,) = [s for s in row.result.steps if s.key == "si_cap"]
    assert "不超过原最高支付限额的20%" in step.quote


def test_without_the_original_cap_serious_illness_stays_unknown():
    row, _, _ = year(household(range(2025, 2031), supplied=False))
    assert row.serious_illness is None and row.self_pay is None
    assert not any(s.key == "si_cap" for s in row.result.steps)
    # the enrolment view still shows the adjustment, with the cap unknown
    (me,) = H.enrolment_summary(household(range(2025, 2031), supplied=False), policies(2030)).members
    assert me.si_cap.net == Decimal(6000) and me.si_cap.adjusted is None


def test_the_enrolment_view_and_the_year_agree():
    h = household(range(2025, 2031))
    (me,) = H.enrolment_summary(h, policies(2030)).members
    row, _, _ = year(h)
    assert me.si_cap.adjusted == row.serious_illness == Decimal("306000.00")
