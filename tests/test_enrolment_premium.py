"""Premiums per member and per household, 烟台's serious-illness cap adjustments, grants.
Every expected figure is worked by hand from the seed texts (comments), not copied from output."""

from decimal import Decimal

import pytest

from yibao_tui.core import enrolment as enr
from yibao_tui.core import policy as pol
from yibao_tui.text import render

from .conftest import POLICIES
from .msg_helpers import raises_en


def city(name):
    return pol.load_city(name, dirs=[str(POLICIES)])


@pytest.mark.parametrize(("name", "category", "flags", "expected"), [
    ("liaoyang", "adult", [], 380),   # 000: 2025年个人缴费380元/年 — one figure for all
    ("liaoyang", "student", [], 380),
    ("liaoyuan", "adult", [], 360),   # 002: 普通居民(成年人)缴费标准为360元
    ("liaoyuan", "minor", [], 310),   # 002: 大中小学及18周岁以下未成年人 … 310元
    ("liaoyuan", "student", [], 310),
    ("yantai", "student", [], 170),   # 003: 各类在校学生为170元/人/年
    ("yantai", "minor", [], 370),     # 003: 其他未成年居民按成年居民一档缴费 (tier 1 = 370)
    ("shenyang", "student", [], 260),  # 004: 在校学生为260元
    ("shenyang", "student", ["low-income-margin"], 104),  # 其中低保边缘家庭成员的为104元
    ("shenyang", "minor", [], 450),   # 非在校未成年人、成年居民为450元
    ("shenyang", "adult", [], 450),
    ("shenyang", "adult", ["low-income-margin"], 180),  # 其中低保边缘家庭成员的为180元
    ("shenyang", "adult", ["orphan"], 0),  # listed groups 个人不缴费
    ("shenyang", "student", ["severe-disability"], 0),
    # both flags: the free group comes first in the file and wins
    ("shenyang", "adult", ["low-income-margin", "minimum-living"], 0),
])
def test_resident_premium(name, category, flags, expected):
    r = enr.premium(city(name), category, flags)
    assert r.amount == Decimal(expected)
    assert r.lines[-1].quote and r.lines[-1].source
    assert r.missing == []


def test_yantai_adult_chooses_a_tier():
    p = city("yantai")
    open_ = enr.premium(p, "adult")
    assert open_.amount is None
    assert [(t, v) for t, v, _ in open_.choices] == [(1, Decimal(370)), (2, Decimal(520))]
    assert enr.premium(p, "adult", tier=2).amount == Decimal(520)
    assert enr.premium(p, "adult", tier=1).amount == Decimal(370)
    with raises_en(enr.EnrolmentError, r"tier 2 is not offered to 'minor'.*offered: 1"):
        enr.premium(p, "minor", tier=2)
    with raises_en(enr.EnrolmentError, "no premium tiers"):
        enr.premium(city("shenyang"), "adult", tier=1)


def test_household_total():
    p = city("yantai")
    members = [enr.premium(p, "adult", tier=2), enr.premium(p, "adult", tier=1),
               enr.premium(p, "student"), enr.premium(p, "minor")]
    # 520 + 370 + 170 + 370 = 1,430
    assert enr.premium_total(members) == Decimal(1430)
    # a tier still to choose leaves the total open
    assert enr.premium_total([*members, enr.premium(p, "adult")]) is None


def test_employee_split_with_wage():
    p = city("liaoyang")
    r = enr.premium(p, "active", scheme="employee", wage=Decimal(5000))
    # 5,000 × 2 % = 100 a month → × 12 = 1,200 a year; employer 5,000 × 8 % = 400 → 4,800
    assert r.amount == Decimal(1200)
    assert r.employer == Decimal(4800)
    assert all(ln.quote == "单位承担8%,个人承担2%" for ln in r.lines)
    no_wage = enr.premium(p, "active", scheme="employee")
    assert no_wage.amount is None and "wage" in no_wage.missing


def test_no_premium_in_source_is_unknown():
    retired = enr.premium(city("liaoyang"), "retired", scheme="employee")
    assert retired.amount is None and retired.missing == ["employee.premium"]
    tieling = enr.premium(city("tieling"), "active", scheme="employee")  # 001 gives none
    assert tieling.amount is None and tieling.missing == ["employee.premium"]


def test_bad_category_or_flag():
    with raises_en(enr.EnrolmentError, "category 'active' is not in the resident scheme"):
        enr.premium(city("yantai"), "active")
    with raises_en(enr.EnrolmentError, "flag 'orphan' is not listed by Liaoyuan"):
        enr.premium(city("liaoyuan"), "adult", ["orphan"])
    with raises_en(enr.EnrolmentError, "has no employee scheme"):
        enr.premium(city("shenyang"), "active", scheme="employee")


# ───────────────────────── 烟台 serious-illness cap ─────────────────────────

def test_si_cap_adjustment_without_base_is_unknown():
    # in 2030: 6 continuous years (2025–2030) → 2 after the first 4 × 3,000 = 6,000; one
    # claim-free year → +3,000
    r = enr.si_cap_adjustment(city("yantai"), continuous_years=6, claim_free_years=1, year=2030)
    # 6 continuous years: 2 beyond the first 4 → 2 × 3,000 = 6,000; 1 claim-free year → 3,000
    assert r.increase == Decimal(9000)
    assert r.decrease == 0
    assert r.net == Decimal(9000)  # before the 20 % limit, which needs the original cap
    assert r.adjusted is None and r.base is None
    assert "resident.serious_illness.cap" in r.missing
    keys = {ln.key: ln for ln in r.lines}
    assert keys["continuous"].quote.startswith("以2025年为时间节点")
    assert keys["claim_free"].amount == Decimal(3000)


def test_si_cap_four_years_earn_nothing_yet():
    # 满4年的,之后每多参加一年 … : the 4th year itself adds nothing; the 5th adds 3,000
    assert enr.si_cap_adjustment(city("yantai"), continuous_years=4, year=2028).increase == 0
    assert enr.si_cap_adjustment(city("yantai"), continuous_years=5,
                                 year=2029).increase == Decimal(3000)


def test_si_cap_with_supplied_base_and_limits():
    p = city("yantai")
    r = enr.si_cap_adjustment(p, continuous_years=6, claim_free_years=1, base=Decimal(100000),
                              year=2030)
    # limit 20 % × 100,000 = 20,000; +9,000 is within → 109,000
    assert r.adjusted == Decimal(109000) and r.base_supplied
    base_line = next(ln for ln in r.lines if ln.key == "base")
    assert base_line.supplied and base_line.quote is None
    up = enr.si_cap_adjustment(p, continuous_years=10, claim_free_years=3, base=Decimal(100000),
                               year=2034)
    # (10 − 4) × 3,000 + 3 × 3,000 = 27,000 → limited to 20,000 → 120,000
    assert up.increase == Decimal(27000) and up.adjusted == Decimal(120000)
    down = enr.si_cap_adjustment(p, lapsed_years=10, base=Decimal(100000), year=2035)
    # 10 × 3,000 = 30,000 off → limited to 20,000 → 80,000
    assert down.decrease == Decimal(30000) and down.adjusted == Decimal(80000)
    both = enr.si_cap_adjustment(p, continuous_years=1, claim_free_years=1, lapsed_years=2,
                                 base=Decimal(50000), year=2027)
    # +3,000 − 6,000 (limits 10,000 each side) → 47,000
    assert both.adjusted == Decimal(47000)


def test_si_cap_years_before_2025_never_count():
    # Issue #10 item 5. 003: "以2025年为时间节点…连续参加我市居民医保满4年的,之后每多参加一年…
    # 提高大病保险支付限额3000元". In 2025 only 2025 itself can count: 6 years given → 1 counted,
    # 0 after the first 4 → +0 (not the +6,000 of counting all 6).
    p = city("yantai")
    r = enr.si_cap_adjustment(p, continuous_years=6)
    assert r.increase == 0
    line = next(ln for ln in r.lines if ln.key == "continuous")
    assert "at most 1 can count (from 2025)" in render(line.text, "en")
    # 2028: 2025–2028 = 4 years, 满4年 but none after → 0; 2029: the 5th year → +3,000;
    # 2029 with 9 given: still only 5 can count → +3,000.
    assert enr.si_cap_adjustment(p, continuous_years=9, year=2028).increase == 0
    assert enr.si_cap_adjustment(p, continuous_years=9, year=2029).increase == Decimal(3000)
    # claim-free ("当年…零报销…次年提高"): a year from 2025 on raises the next year's cap, so in
    # 2025 none counts; in 2026 one (2025) → +3,000; in 2027 at most two → 2 × 3,000 = 6,000.
    assert enr.si_cap_adjustment(p, claim_free_years=1).increase == 0
    assert enr.si_cap_adjustment(p, claim_free_years=1, year=2026).increase == Decimal(3000)
    assert enr.si_cap_adjustment(p, claim_free_years=5, year=2027).increase == Decimal(6000)
    # lapse: the time node is written for the two incentives only ("两个奖励措施"); the penalty
    # paragraph gives none, so lapsed years count as given, in 2025 too: 3 × 3,000 = −9,000.
    assert enr.si_cap_adjustment(p, lapsed_years=3).decrease == Decimal(9000)


def test_si_cap_only_where_the_source_gives_it():
    with raises_en(enr.EnrolmentError, "no serious-illness cap adjustments"):
        enr.si_cap_adjustment(city("shenyang"), 5)
    with raises_en(enr.EnrolmentError, "whole number"):
        enr.si_cap_adjustment(city("yantai"), -1)


# ───────────────────────── grants and optional plans ─────────────────────────

def test_grants_listed_with_quotes():
    items = {ln.key: ln for ln in enr.grants(city("yantai"))}
    # 003: 参保居民生育二孩、三孩补助标准由1000元分别提高至1500元、3000元
    assert items["grant:second-child"].amount == Decimal(1500)
    assert items["grant:third-child"].amount == Decimal(3000)
    assert items["optional_plan:jiankangbao"].amount == Decimal(139)
    assert items["optional_plan:jiankangbao:with-parent"].amount == Decimal(99)
    sy = enr.grants(city("shenyang"))
    assert [(ln.key, ln.amount) for ln in sy] == [("grant:prenatal", Decimal(300))]
    assert enr.grants(city("liaoyuan")) == []


def test_jiankangbao_price():
    p = city("yantai")
    # 139元/人; 父母及未成年子女同时参保 … 为99元/人 (139 − 40)
    assert enr.optional_plan_price(p, "jiankangbao", "adult")[0] == Decimal(139)
    assert enr.optional_plan_price(p, "jiankangbao", "minor")[0] == Decimal(139)
    assert enr.optional_plan_price(p, "jiankangbao", "minor", with_parent=True)[0] == Decimal(99)
    assert enr.optional_plan_price(p, "jiankangbao", "adult", with_parent=True)[0] == Decimal(139)
    assert enr.optional_plan_price(city("shenyang"), "jiankangbao", "adult") == (None, None)
