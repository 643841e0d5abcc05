"""When cover starts: every rule of the four resident cities and the date edges (month ends,
leap years, both ends of the collection window). Dates are worked by hand in the comments."""

from datetime import date

import pytest

from yibao_tui.core import enrolment as enr
from yibao_tui.core import policy as pol

from .conftest import POLICIES
from .msg_helpers import raises_en

D = date.fromisoformat


def city(name):
    return pol.load_city(name, dirs=[str(POLICIES)])


def start(name, paid, category="adult", **kw):
    return enr.cover_start(city(name), D(paid), category, **kw).start


# ───────────────────────── date arithmetic ─────────────────────────

@pytest.mark.parametrize(("d", "n", "expected"), [
    ("2024-01-31", 1, "2024-02-29"),  # leap year: no 31 Feb → month end 29
    ("2023-01-31", 1, "2023-02-28"),
    ("2023-11-30", 3, "2024-02-29"),
    ("2024-11-30", 3, "2025-02-28"),
    ("2024-12-31", 2, "2025-02-28"),
    ("2024-02-29", 12, "2025-02-28"),
    ("2024-05-10", 0, "2024-05-10"),
    ("2024-10-15", 3, "2025-01-15"),  # over the year end
])
def test_add_months(d, n, expected):
    assert enr.add_months(D(d), n) == D(expected)


def test_first_of_next_month():
    assert enr.first_of_next_month(D("2024-12-31")) == D("2025-01-01")
    assert enr.first_of_next_month(D("2024-12-31"), 3) == D("2025-04-01")
    assert enr.first_of_next_month(D("2024-01-31"), 1) == D("2024-03-01")


# ───────────────────────── 辽源 002 ─────────────────────────

def test_liaoyuan_window_edges():
    # 2023年度集中参保缴费时间为2022年10月1日至12月31日 → 待遇享受期为2023年1月1日起
    assert start("liaoyuan", "2022-10-01") == D("2023-01-01")
    assert start("liaoyuan", "2022-12-31") == D("2023-01-01")


@pytest.mark.parametrize(("paid", "expected"), [
    # 自缴费成功次日起90天: day 1 = paid + 1, day 90 = paid + 90, covered from paid + 91.
    # 2023-01-01: Jan 2 is day 1 … Jan 31 day 30, Feb 28 day 58, Mar 31 day 89, Apr 1 day 90
    ("2023-01-01", "2023-04-02"),
    # 2023-02-10: Feb 11 day 1 … Feb 28 day 18, Mar 31 day 49, Apr 30 day 79, May 11 day 90
    ("2023-02-10", "2023-05-12"),
    # leap year 2024: Feb 11 day 1 … Feb 29 day 19, Mar 31 day 50, Apr 30 day 80, May 10 day 90
    ("2024-02-10", "2024-05-11"),
    # month end: Mar 31 → Apr 1 day 1 … Apr 30 day 30, May 31 day 61, Jun 29 day 90
    ("2023-03-31", "2023-06-30"),
])
def test_liaoyuan_90_day_wait(paid, expected):
    c = enr.cover_start(city("liaoyuan"), D(paid), "adult")
    assert c.start == D(expected)
    assert not c.in_window
    assert c.lines[-1].quote.startswith("不在集中预缴期参保缴费的居民")
    assert "day 90 is the last waiting day" in c.lines[-1].note["en"]


def test_liaoyuan_newborn_start_is_unknown():
    c = enr.cover_start(city("liaoyuan"), D("2023-05-01"), "minor", situations=["newborn"],
                        born=D("2023-04-01"))
    assert c.start is None
    assert c.missing == ["resident.enrolment.cover"]
    assert c.rule["quote"] == "新生儿应在出生后90天内由监护人按相关规定办理参保登记"


# ───────────────────────── 沈阳 004 ─────────────────────────

def test_shenyang_window_edges():
    # 集中参保缴费期为2023年9月1日至12月20日 → 次年1月1日起
    assert start("shenyang", "2023-09-01") == D("2024-01-01")
    assert start("shenyang", "2023-12-20") == D("2024-01-01")
    # 12-21: the day after it closes. Adult: next month Jan 2024, 3 months on → 1 Apr 2024
    c = enr.cover_start(city("shenyang"), D("2023-12-21"), "adult")
    assert not c.in_window and c.cover_year == 2024 and c.start == D("2024-04-01")
    # a student from the next month: 1 Jan 2024
    assert start("shenyang", "2023-12-21", "student") == D("2024-01-01")


@pytest.mark.parametrize(("paid", "category", "expected"), [
    ("2024-03-15", "adult", "2024-07-01"),    # 次月 = April; 三个月后 → 1 July
    ("2024-01-31", "adult", "2024-05-01"),    # month end: Feb + 3 → 1 May
    ("2024-02-29", "adult", "2024-06-01"),    # leap day: Mar + 3 → 1 June
    ("2024-03-15", "student", "2024-04-01"),  # 在校学生 … 次月起
    ("2024-03-15", "minor", "2024-04-01"),
    ("2024-12-31", "minor", "2025-01-01"),
])
def test_shenyang_mid_year(paid, category, expected):
    assert start("shenyang", paid, category) == D(expected)


def test_shenyang_cover_after_the_year_is_flagged():
    c = enr.cover_start(city("shenyang"), D("2024-12-31"), "adult")
    # Jan 2025 + 3 → 1 Apr 2025, after the 2024 year paid for
    assert c.start == D("2025-04-01")
    assert c.lines[-1].key == "cover_late"


@pytest.mark.parametrize(("flags", "paid", "expected"), [
    (["orphan"], "2024-06-10", "2024-06-10"),             # 自参保手续办理完毕之日起
    (["minimum-living"], "2024-06-10", "2024-06-10"),
    (["low-income-margin"], "2024-06-10", "2024-06-10"),  # 到账之日起
    (["severe-disability"], "2024-06-10", "2024-07-01"),  # 办理完毕次月起
    (["entitled-group"], "2024-06-10", "2024-10-01"),     # no rule of its own: adult rule
])
def test_shenyang_groups(flags, paid, expected):
    assert start("shenyang", paid, "adult", flags=flags) == D(expected)


def test_shenyang_low_income_margin_student_from_recognition():
    p = city("shenyang")
    c = enr.cover_start(p, D("2024-03-05"), "student", ["low-income-margin"],
                        recognised=D("2024-02-10"))
    assert c.start == D("2024-02-10")
    # 待遇开始时间不早于缴费年度的1月1日
    c = enr.cover_start(p, D("2024-03-05"), "student", ["low-income-margin"],
                        recognised=D("2023-12-01"))
    assert c.start == D("2024-01-01")
    with raises_en(enr.EnrolmentError, "--recognised"):
        enr.cover_start(p, D("2024-03-05"), "student", ["low-income-margin"])


@pytest.mark.parametrize(("born", "paid", "expected"), [
    # 出生后3个月内 … 自出生之日起: Jan 31 + 3 months = Apr 30 (no 31 April), the last day
    ("2024-01-31", "2024-04-30", "2024-01-31"),
    ("2024-01-31", "2024-05-01", "2024-06-01"),  # too late: 次月起 → 1 June
    # born on the leap day: + 3 months = May 29
    ("2024-02-29", "2024-05-29", "2024-02-29"),
    ("2024-02-29", "2024-05-30", "2024-06-01"),
    # born 2023-11-30: + 3 months = 2024-02-29 (leap): in time, from birth, but the 2024
    # year paid for starts 1 Jan 2024 (the 2023 part needs the back payment, see the note)
    ("2023-11-30", "2024-02-29", "2024-01-01"),
])
def test_shenyang_newborn(born, paid, expected):
    assert start("shenyang", paid, "minor", situations=["newborn"], born=D(born)) == D(expected)


def test_shenyang_newborn_needs_birth_date():
    with raises_en(enr.EnrolmentError, "--born"):
        start("shenyang", "2024-03-01", "minor", situations=["newborn"])
    with raises_en(enr.EnrolmentError, "after the payment date"):
        start("shenyang", "2024-03-01", "minor", situations=["newborn"], born=D("2024-03-02"))


@pytest.mark.parametrize(("until", "paid", "expected"), [
    # 中断缴费时间不超过3个月: Jan 31 + 3 months = Apr 30 → 次月起 1 May
    ("2024-01-31", "2024-04-30", "2024-05-01"),
    # 超过3个月: May 1 → 次月 June, 3个月后 → 1 Sep
    ("2024-01-31", "2024-05-01", "2024-09-01"),
    # a minor's own rule would give next month; the switch rule comes first, same answer
    ("2023-11-30", "2024-02-29", "2024-03-01"),
])
def test_shenyang_switch_from_employee(until, paid, expected):
    assert start("shenyang", paid, "adult", situations=["from-employee"],
                 employee_until=D(until)) == D(expected)


# ───────────────────────── 烟台 003 ─────────────────────────

@pytest.mark.parametrize(("paid", "lapsed", "expected"), [
    ("2024-11-15", 0, "2025-01-01"),  # in the window, continuous: 2025年1月1日起
    ("2024-12-31", 0, "2025-01-01"),  # the window's last day
    # in the window after a 2-year lapse: 3 + 1 × 2 = 5 months from 1 Jan (the note: the wait runs
    # from 1 January, its last day the same day N months on) → last day 1 June → covered 2 June
    ("2024-11-15", 2, "2025-06-02"),
    # issue #21 item 3: one reading for both paths. Paid in the window after a 1-year lapse:
    # 3 + 1 × 1 = 4 months from 2025-01-01 → last day 2025-05-01 → covered 2025-05-02; paid on
    # 2025-01-01 (outside the window) the wait runs from that day: the same 2025-05-02.
    ("2024-12-01", 1, "2025-05-02"),
    ("2025-01-01", 1, "2025-05-02"),
    # outside: paid May 10, 3 months → last waiting day Aug 10 → covered Aug 11
    ("2025-05-10", 0, "2025-08-11"),
    # month ends: Oct 31 + 3 = Jan 31 → Feb 1; Nov 30 + 3 = Feb 28 (2026) → Mar 1
    ("2025-10-31", 0, "2026-02-01"),
    ("2025-11-30", 0, "2026-03-01"),
    # one year of lapse outside the window: 4 months, May 10 → Sep 10 → Sep 11
    ("2025-05-10", 1, "2025-09-11"),
])
def test_yantai_waiting_period(paid, lapsed, expected):
    assert start("yantai", paid, lapsed_years=lapsed) == D(expected)


def test_yantai_leap_year_month_end():
    # 2027-11-30 + 3 months = 2028-02-29 (leap year) → covered from 1 March 2028
    assert start("yantai", "2027-11-30") == D("2028-03-01")


def test_yantai_exemptions():
    # 随参随缴随享,不再设置待遇等待期
    assert start("yantai", "2025-06-10", situations=["veteran-placed"]) == D("2025-06-10")
    assert start("yantai", "2025-06-10", situations=["medical-assistance-new"]) == D("2025-06-10")
    # 首次 … 大学生: 缴费之日至次年12月31日 — even before the year paid for
    assert start("yantai", "2024-09-05", "student", situations=["first-time-student"]) \
        == D("2024-09-05")
    # a newborn born and paid in the window: 自缴费之日
    assert start("yantai", "2024-10-20", "minor", situations=["newborn"],
                 born=D("2024-10-08")) == D("2024-10-20")
    # born outside it: no rule in the source
    c = enr.cover_start(city("yantai"), D("2025-03-10"), "minor", situations=["newborn"],
                        born=D("2025-03-01"))
    assert c.start is None and c.missing == ["resident.enrolment.cover"]


# ───────────────────────── 辽阳 000 ─────────────────────────

def test_liaoyang():
    assert start("liaoyang", "2024-09-01") == D("2025-01-01")
    assert start("liaoyang", "2024-12-31") == D("2025-01-01")
    # 出生后90天内: Jan 10 + 90 days = Apr 10 (Jan 31 +21, Feb 28 +49, Mar 31 +80, Apr 10 +90)
    assert start("liaoyang", "2025-04-10", "minor", situations=["newborn"],
                 born=D("2025-01-10")) == D("2025-01-10")
    # a day late, and any payment outside the window: the source does not say
    assert start("liaoyang", "2025-04-11", "minor", situations=["newborn"],
                 born=D("2025-01-10")) is None
    c = enr.cover_start(city("liaoyang"), D("2025-03-01"), "adult")
    assert c.start is None and c.rule["quote"] == "注意:逾期缴费将影响2025年医保待遇"


def test_unknown_situation_and_scheme():
    with raises_en(enr.EnrolmentError, "situation 'from-employee' is not listed by Yantai"):
        start("yantai", "2025-05-10", situations=["from-employee"])
    with raises_en(enr.EnrolmentError, "no enrolment rules"):
        enr.cover_start(city("liaoyang"), D("2025-05-10"), "active", scheme="employee")
