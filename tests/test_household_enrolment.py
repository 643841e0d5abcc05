"""Households joined with enrolment: premiums, cover starts, 烟台's cap adjustment, supplied
figures, in the API and in `yibao household show | year` (text and --json).

Every expected figure is worked by hand from the policy rows quoted in the comments."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest

from yibao_tui.cli import main
from yibao_tui.core import household as H
from yibao_tui.storage import store
from yibao_tui.storage.household_file import dumps
from yibao_tui.text import render
from yibao_tui.views.household import format_problems
from yibao_tui.views.steps import step_text

from .hh_helpers import member, policies


@pytest.fixture(autouse=True)
def _profiles(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "households"))


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def head(year):
    return f'schema = 1\nname = "t"\nyear = {year}\n'


# 沈阳 adult who pays mid-year, with an inpatient stay before and after cover starts.
SHENYANG = head(2024) + member("me", "self", "shenyang", "resident", "adult",
                               enrolment="[{ year = 2024, paid = 2024-03-15 }]") + """
[[member.visit]]
month = 5
care = "inpatient"
grade = "2"
amount = 10000

[[member.visit]]
month = 8
care = "inpatient"
grade = "2"
amount = 10000
"""


def write(tmp_path, text, name="t.toml"):
    f = tmp_path / name
    f.write_text(text, "utf-8")
    return f


# ───────────────────────────── premiums ─────────────────────────────

def test_liaoyang_resident_premiums_and_household_total():
    h = H.parse(head(2025)
                + member("me", "self", "liaoyang", "resident", "adult")
                + member("kid", "child", "liaoyang", "resident", "student"), "t.toml")
    es = H.enrolment_summary(h, policies(2025))
    # 辽阳 000: “2025年个人缴费380元/年”, one figure for every resident category.
    assert [r.premium.amount for r in es.members] == [Decimal(380), Decimal(380)]
    assert es.members[0].premium.lines[-1].quote == "2025年个人缴费380元/年"
    # 380 + 380 = 760
    assert es.total == Decimal(760) and es.open == []


def test_employee_premium_needs_a_wage():
    h = H.parse(head(2025) + member("me", "self", "liaoyang", "employee", "active"), "t.toml")
    r = H.enrolment_summary(h, policies(2025)).members[0]
    assert r.premium.amount is None and "wage" in r.premium.missing
    assert "no wage given" in render(r.premium_note, "en")
    h = H.parse(head(2025) + member("me", "self", "liaoyang", "employee", "active",
                                    enrolment="[{ year = 2025, wage = 5000 }]"), "t.toml")
    es = H.enrolment_summary(h, policies(2025))
    # 辽阳 000: “单位承担8%,个人承担2%” → 5,000 × 2% = 100 a month, × 12 = 1,200 a year;
    # the employer's 5,000 × 8% × 12 = 4,800 is shown but not in the household's total.
    assert es.members[0].premium.amount == Decimal("1200.00")
    assert es.members[0].premium.employer == Decimal("4800.00")
    assert es.total == Decimal("1200.00")


def test_yantai_adult_tier_open_until_given():
    h = H.parse(head(2025) + member("me", "self", "yantai", "resident", "adult"), "t.toml")
    es = H.enrolment_summary(h, policies(2025))
    assert es.total is None and es.open == ["me"]
    assert "add tier = 1 or 2" in render(es.members[0].premium_note, "en")
    h = H.parse(head(2025) + member("me", "self", "yantai", "resident", "adult",
                                    enrolment="[{ year = 2025, tier = 2 }]"), "t.toml")
    # 烟台 003: “二档520元/人/年”
    assert H.enrolment_summary(h, policies(2025)).total == Decimal(520)


# ───────────────────────────── cover start in the year ─────────────────────────────

def test_shenyang_mid_year_payment_visit_before_cover_is_not_covered():
    h = H.parse(SHENYANG, "t.toml")
    pols = policies(2024)
    r = H.enrolment_summary(h, pols).members[0]
    # 沈阳 004: window 2023-09-01 – 2023-12-20, so 2024-03-15 is outside it; adults
    # “自缴费到账次月起三个月后享受医保待遇”: next month 2024-04-01, three months on → 2024-07-01.
    assert r.cover.in_window is False and r.cover.start == dt.date(2024, 7, 1)
    assert r.cover.rule["quote"] == "成年居民自缴费到账次月起三个月后享受医保待遇"
    hy = H.run_year(h, pols)
    may, aug = hy.rows
    # May (dated 2024-05-01) is before 2024-07-01: nothing from the fund, all 10,000 self-paid.
    assert (may.visit.month, may.fund, may.self_pay) == (5, Decimal(0), Decimal(10000))
    step = next(s for s in may.result.steps if s.key == "cover")
    assert step.quote == "成年居民自缴费到账次月起三个月后享受医保待遇"
    assert "2024-07-01" in step_text(step, "en") and "not covered" in step_text(step, "en")
    # August: “二级 150 300 80% 80%” → deductible 300, (10,000 − 300) × 80% = 7,760.
    assert (aug.visit.month, aug.fund) == (8, Decimal("7760.00"))


def test_year_text_and_json_report_the_uncovered_visit(capsys, tmp_path):
    f = write(tmp_path, SHENYANG)
    rc, out, _ = run(capsys, "household", "year", str(f), "--lang", "en")
    assert rc == 0
    # the visit records its month only: "in May 2024", not a made-up day
    assert "cover starts 2024-07-01; a visit in May 2024 is not covered" in out
    assert "2024-05-01" not in out
    assert "“成年居民自缴费到账次月起三个月后享受医保待遇”" in out
    assert re.search(r"premium +450.00 a year", out)  # 沈阳 004: “非在校未成年人、成年居民为450元”
    rc, out, _ = run(capsys, "household", "year", str(f), "--json")
    d = json.loads(out)
    assert [v["fund"] for v in d["visits"]] == ["0.00", "7760.00"]
    assert d["visits"][0]["steps"][1]["key"] == "cover"
    enrol = d["members"][0]["enrolment"]
    assert enrol["cover"]["start"] == "2024-07-01" and enrol["cover"]["paid"] == "2024-03-15"
    assert enrol["cover"]["quote"] == "成年居民自缴费到账次月起三个月后享受医保待遇"
    assert enrol["premium"]["amount"] == "450.00"
    assert d["premiums"] == {"total": "450.00", "open": []}


def test_yantai_lapse_lengthens_the_wait_and_lowers_the_cap():
    # Enrolled in 烟台 in 2023, none in 2024 (one year of lapse), paid for 2025 on 2024-11-01.
    h = H.parse(head(2025) + member(
        "me", "self", "yantai", "resident", "adult",
        enrolment="[{ year = 2023 }, { year = 2025, paid = 2024-11-01, tier = 1 }]") + """
[[member.visit]]
month = 4
care = "outpatient"
grade = "primary"
amount = 100

[[member.visit]]
month = 5
care = "outpatient"
grade = "primary"
amount = 100
""", "t.toml")
    pols = policies(2025)
    r = H.enrolment_summary(h, pols).members[0]
    assert r.history["lapsed"] == 1 and r.history["continuous"] == 1
    # Lapsed, so the in-window rule (lapsed = false) does not apply: “固定待遇等待期3个月;每多断保1年
    # … 增加1个月” → 3 + 1 × 1 = 4 months from 2025-01-01 (a window payment waits from the cover
    # year's start; the note: last day the same day N months on): last day 2025-05-01, covered
    # from 2025-05-02.
    assert r.cover.start == dt.date(2025, 5, 2)
    # Cap: “每多断保1年 … 降低大病保险最高支付限额3000元” → 1 × 3,000 = −3,000; continuous 1 year
    # (2025 only) is not past the 4 years, no claim-free year: +0. The original cap is not in the
    # source, so the adjusted cap stays unknown.
    a = r.si_cap
    assert (a.increase, a.decrease, a.net) == (Decimal(0), Decimal(3000), Decimal(-3000))
    assert a.adjusted is None
    hy = H.run_year(h, pols)
    assert hy.rows[0].fund == Decimal(0)  # April: before 2025-05-02
    # May: cover starts on 2 May, and a household visit records only its month: it depends on
    # the day (a visit on 1 May is not covered), so it says so rather than guess
    assert hy.rows[1].result.steps[1].tpl == "cover_day?"


def test_yantai_continuous_and_claim_free_years_from_history():
    h = H.parse(head(2025) + member(
        "me", "self", "yantai", "resident", "adult",
        enrolment="[{ year = 2024, claim_free = true }, { year = 2025 }]"), "t.toml")
    r = H.enrolment_summary(h, policies(2025)).members[0]
    # Counted from 2025 (“以2025年为时间节点”): 2024 is before it, so 1 continuous year and the
    # 2024 claim-free year does not count; no lapse (2024 was enrolled).
    assert (r.history["continuous"], r.history["claim_free"], r.history["lapsed"]) == (1, 0, 0)
    assert r.si_cap.net == Decimal(0)


def test_month_of_a_mid_month_cover_start_is_unknown_without_a_day():
    # 烟台, paid 2025-02-10 (outside the window, read as ending 2024-12-31), no lapse: wait 3 months
    # from the payment: last day 2025-05-10, covered from 2025-05-11.
    text = head(2025) + member("me", "self", "yantai", "resident", "adult",
                               enrolment="[{ year = 2025, paid = 2025-02-10, tier = 1 }]") + """
[[member.visit]]
month = 5
care = "outpatient"
grade = "primary"
amount = 100
"""
    pols = policies(2025)
    hy = H.run_year(H.parse(text, "t.toml"), pols)
    row = hy.rows[0]
    assert row.fund is None and "visit.day" in row.result.missing
    assert "2025-05-11" in step_text(row.result.steps[1], "en")
    hy = H.run_year(H.parse(text.replace("month = 5", "month = 5\nday = 20"), "t.toml"), pols)
    assert hy.rows[0].result.steps[1].key != "cover"  # 20 May is after 11 May: covered
    hy = H.run_year(H.parse(text.replace("month = 5", "month = 5\nday = 10"), "t.toml"), pols)
    assert hy.rows[0].fund == Decimal(0)  # 10 May is the wait's last day


def test_month_only_visit_is_named_by_its_month(capsys, tmp_path):
    # Household visits record a month: the May visit is "2024年5月" / "May 2024", never 2024-05-01.
    f = write(tmp_path, SHENYANG)
    rc, out, _ = run(capsys, "household", "year", str(f), "--detail")
    assert rc == 0
    assert "待遇自2024-07-01起；2024年5月的就诊不在待遇期内" in out
    assert "住院 · 二级 · 2024年5月" in out  # the visit's title in the breakdown
    assert "2024-05-01" not in out
    rc, out, _ = run(capsys, "household", "year", str(f), "--detail", "--lang", "en")
    assert " · May 2024" in out and "2024-05-01" not in out
    # The day recorded: the date is known, and said as a date.
    f = write(tmp_path, SHENYANG.replace("month = 5\n", "month = 5\nday = 10\n"))
    rc, out, _ = run(capsys, "household", "year", str(f), "--lang", "en")
    assert "a visit on 2024-05-10 is not covered" in out


def test_month_only_visit_in_the_month_cover_starts(capsys, tmp_path):
    # A cover start mid-month (set by hand): a visit known only by its month, July, may fall
    # before or after it, so whether it is covered is unknown.
    from yibao_tui.core import enrolment as enr
    from yibao_tui.core.engine import Claim, Person, estimate_year

    p = policies(2024).get("shenyang")
    cover = enr.Cover(p, dt.date(2024, 3, 15))
    cover.start = dt.date(2024, 7, 11)
    claim = Claim("inpatient", 1000, grade="2", date=dt.date(2024, 7, 1), month_only=True)
    (res,) = estimate_year(p, Person("resident", "adult"), [claim], cover).visits
    step = next(s for s in res.steps if s.key == "cover")
    assert step_text(step, "zh") == "待遇自2024-07-11起；就诊日未记录，2024年7月的就诊是否在待遇期内未知"
    assert step_text(step, "en").endswith("whether a visit in July 2024 is covered is unknown")


def test_no_payment_date_visits_taken_as_covered():
    h = H.parse(SHENYANG.replace("enrolment = [{ year = 2024, paid = 2024-03-15 }]\n", ""), "t.toml")
    pols = policies(2024)
    r = H.enrolment_summary(h, pols).members[0]
    assert r.cover is None and "no payment date recorded" in render(r.cover_note, "en")
    assert H.run_year(h, pols).rows[0].fund == Decimal("7760.00")


# ───────────────────────────── supplied figures ─────────────────────────────

SUPPLIED = """
[[supplied]]
city = "shenyang"
path = "resident.serious_illness.threshold"
value = 15000
note = "from the hospital notice"
"""


def test_supplied_figure_in_household_file_is_marked(capsys, tmp_path):
    f = write(tmp_path, SHENYANG.replace("amount = 10000\n", "amount = 50000\n") + SUPPLIED)
    rc, out, _ = run(capsys, "household", "year", str(f), "--json")
    assert rc == 0
    v = json.loads(out)["visits"][1]
    step = next(s for s in v["steps"] if s["key"] == "si_threshold")
    assert step["supplied"] is True and step["amount"] == "15000.00"
    rc, out, _ = run(capsys, "household", "year", str(f), "--detail", "--lang", "zh")
    assert "用户提供" in out
    # Saved back unchanged.
    h = store.read(f).household
    assert H.parse(dumps(h), "again.toml").supplied == h.supplied


def test_supplied_figure_must_fill_an_unknown(capsys, tmp_path):
    # 辽阳's resident inpatient deductible is cited: a supplied figure may not replace it.
    text = head(2025) + member("me", "self", "liaoyang", "resident", "adult") + """
[[supplied]]
city = "liaoyang"
path = "resident.care.inpatient.deductible"
grades = ["3"]
value = 1
per = "visit"
"""
    f = write(tmp_path, text)
    rc, _, err = run(capsys, "household", "show", str(f), "--lang", "en")  # the reason in English
    line = text.splitlines().index("[[supplied]]") + 1
    assert rc == 1 and f"t.toml:{line}: supplied 1:" in err and "never a cited one" in err


def test_supplied_needs_a_members_city(tmp_path):
    with pytest.raises(H.HouseholdError) as e:
        H.parse(head(2025) + member("me", "self", "liaoyang", "resident", "adult")
                + SUPPLIED, "t.toml")
    text = format_problems(e.value.problems)
    assert "no member is insured in 'shenyang'" in text and "t.toml:" in text


# ───────────────────────────── bad input ─────────────────────────────

@pytest.mark.parametrize("entry, key, reason", [
    ('{ year = 2024, paid = "2024-02-30" }', "paid", "paid must be a date"),
    ("{ year = 2024, paid = 2022-05-01 }", "paid", "paid 2022-05-01 cannot pay for 2024"),
    ("{ year = 2024, paid = 2024-03-15, tier = 0 }", "tier", "tier must be a whole number"),
    ('{ year = 2024, paid = 2024-03-15, situations = "newborn" }', "situations",
     "situations must be a list"),
])
def test_bad_enrolment_entry_reported_with_file_and_line(capsys, tmp_path, entry, key, reason):
    text = SHENYANG.replace("[{ year = 2024, paid = 2024-03-15 }]", f"[\n  {entry},\n]")
    line = text.splitlines().index(f"  {entry},") + 1
    f = write(tmp_path, text)
    rc, _, err = run(capsys, "household", "year", str(f), "--lang", "en")
    assert rc == 1 and f"t.toml:{line}: member 'me' enrolment 1: {reason}" in err
    assert "Traceback" not in err and "left as it is" in err


def test_unknown_situation_reported_with_file_and_line(capsys, tmp_path):
    # Written as a [[member.enrolment]] table: the line is the key's own.
    text = head(2024) + member("me", "self", "shenyang", "resident", "adult") + """
[[member.enrolment]]
year = 2024
paid = 2024-03-15
situations = ["twins"]
"""
    f = write(tmp_path, text)
    line = text.splitlines().index('situations = ["twins"]') + 1
    rc, _, err = run(capsys, "household", "show", str(f), "--lang", "en")
    assert rc == 1 and f"t.toml:{line}: me's enrolment 2024: situation 'twins'" in err  # by name
    assert "accepted: newborn, from-employee" in err and "Traceback" not in err
    # The API reports it too, as a problem that stops the member's year.
    h = store.read(f).household
    chk = H.check(h, policies(2024))
    assert any("situation 'twins'" in render(msg, "en") for _, msg in chk.problems)
    # Inline, on the entry's line.
    text = SHENYANG.replace("paid = 2024-03-15 }]", 'paid = 2024-03-15, situations = ["twins"] }]')
    [(_, (_, line, _))] = H.enrolment_problems(H.parse(text, "t.toml"), policies(2024))
    assert "twins" in text.splitlines()[line - 1]


def test_newborn_without_birth_date_names_the_key(tmp_path):
    h = H.parse(SHENYANG.replace("paid = 2024-03-15 }]", 'paid = 2024-03-15, '
                                 'situations = ["newborn"] }]'), "t.toml")
    [(mid, (name, line, msg))] = H.enrolment_problems(h, policies(2024))
    assert (mid, name) == ("me", "t.toml") and line is not None
    assert "add born = YYYY-MM-DD to the enrolment entry" in render(msg, "en")


def test_payment_for_another_year_is_a_problem():
    # 辽阳 2025's window is 2024-09-01 – 2024-12-31: a payment on 2024-03-01 is before it, so by
    # cover_year it pays for 2024, not 2025.
    h = H.parse(head(2025) + member("me", "self", "liaoyang", "resident", "adult",
                                    enrolment="[{ year = 2025, paid = 2024-03-01 }]"), "t.toml")
    [(_, (_, _, msg))] = H.enrolment_problems(h, policies(2025))
    assert "pays for 2024, not 2025" in render(msg, "en")


# ───────────────────────────── show, JSON, demo, round trip ─────────────────────────────

def test_show_json_shape(capsys):
    rc, out, _ = run(capsys, "household", "show", "demo", "--json")
    assert rc == 0
    d = json.loads(out)
    assert set(d) == {"household", "members", "premiums", "bindings", "problems", "problems_zh",
                      "format", "version"}  # every JSON the CLI prints: its format, the version
    spouse = next(m for m in d["members"] if m["id"] == "spouse")
    e = spouse["enrolment"]
    assert set(e) == {"entry", "premium", "premium_note", "cover", "cover_note", "history",
                      "si_cap", "notices", "error",
                      # each message also in Chinese
                      "premium_note_zh", "cover_note_zh", "notices_zh", "error_zh"}
    assert e["entry"] == {"year": 2025, "paid": "2024-10-15"}
    assert e["premium"]["amount"] == "380.00" and e["premium"]["lines"][0]["source"]
    # 2024-10-15 is in 辽阳's window (2024-09-01 – 2024-12-31): covered from 2025-01-01.
    assert e["cover"]["start"] == "2025-01-01" and e["cover"]["in_window"] is True
    me = next(m for m in d["members"] if m["id"] == "me")
    # 6,000 × 2% × 12 = 1,440 (employee), 6,000 × 8% × 12 = 5,760 (employer).
    assert me["enrolment"]["premium"]["amount"] == "1440.00"
    assert me["enrolment"]["premium"]["employer"] == "5760.00"
    assert me["enrolment"]["cover"] is None and "no enrolment rules" in me["enrolment"]["cover_note"]
    # 妈妈 is a retired employee: no source gives that premium, so the total stays open.
    assert d["premiums"] == {"total": None, "open": ["mum"]}


def test_demo_show_text_has_premiums_and_cover(capsys):
    rc, out, _ = run(capsys, "household", "show", "demo")
    assert rc == 0 and "2025年参保缴费与待遇起始" in out
    assert "“2025年个人缴费380元/年”" in out and "→ 待遇起始日 2025-01-01" in out
    assert "全家每年个人缴费合计未知（待定：妈妈）" in out  # by name


def test_enrolment_fields_round_trip():
    text = SHENYANG.replace("paid = 2024-03-15 }]",
                            'paid = 2024-03-15, situations = ["from-employee"], '
                            "employee_until = 2024-02-29 }]")
    h = H.parse(text, "t.toml")
    again = H.parse(dumps(h), "again.toml")
    assert again.members[0].enrolment == h.members[0].enrolment
    assert again.members[0].enrolment[0]["paid"] == dt.date(2024, 3, 15)
    # 沈阳: from the employee scheme, gap ≤ 3 months (2024-02-29 + 3 months = 2024-05-29 ≥
    # 2024-03-15): “自缴费到账次月起享受” → 2024-04-01.
    r = H.enrolment_summary(again, policies(2024)).members[0]
    assert r.cover.start == dt.date(2024, 4, 1)
