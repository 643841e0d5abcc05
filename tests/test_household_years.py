"""A household that lives from year to year (issue 19): the newest file's enrolment calendar
for a year no file covers, households found by name, rollover into the next year.

Hand-worked from the policy text:
- 烟台 2025's collection window closes "缴费时间截止至2024年12月31日" (no opening date: the whole
  of 2024 counts, as its note says); a payment in the window is covered from 1 January of the
  year it pays for ("待遇享受期均为2025年1月1日至12月31日"). Moved by one year for 2026: the
  window is 2025 up to 2025-12-31, so a payment on 2025-11-20 is in it and cover starts
  2026-01-01.
- 烟台 claim-free: "当年居民医保零报销的参保人员，次年提高大病保险支付限额3000元"; continuous years
  count from 2025 and add only after 4 ("连续参加我市居民医保满4年的,之后每多参加一年…3000元"):
  2025–2026 is 2 years → +0; claim-free 2025 → +3,000; original cap supplied 300,000 →
  303,000 (within 20 % × 300,000 = 60,000).
"""

import datetime as dt
import json
from decimal import Decimal

import pytest

from yibao_tui.cli import main
from yibao_tui.core import household as H
from yibao_tui.storage import store

from .hh_helpers import policies

GRANDMOTHER = """schema = 1
name = "烟台一家"
year = 2026

[[member]]
id = "nainai"
name = "奶奶"
relation = "self"
birth_year = 1950
city = "yantai"
scheme = "resident"
category = "adult"
enrolment = [{ year = 2026, paid = 2025-11-20, tier = 1 }]

[[member.visit]]
month = 3
care = "inpatient"
grade = "2"
amount = 10000.00
"""


@pytest.fixture(autouse=True)
def _profiles(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "households"))
    return tmp_path / "households"


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


# ── the year: the newest file's calendar moved to the asked year ──

def test_grandmother_2026_is_covered_from_january_by_the_2025_calendar():
    h = H.parse(GRANDMOTHER, "t.toml")
    pols = policies(2026)  # no 烟台 2026 file: the 2025 one
    me = H.enrolment_summary(h, pols).members[0]
    assert me.policy.year == 2025 and me.cover.start == dt.date(2026, 1, 1)
    assert me.cover.in_window is True and me.cover.cover_year == 2026
    assert me.cover_note.key == "hhy.moved_calendar" and me.cover_note.args["pyear"] == 2025
    my = H.run_year(h, pols).members[0]
    assert my.error is None and my.ranges is not None and my.ranges.year is not None
    assert my.rows[0].result.missing  # figures 烟台's sources do not give: a range, not 未知 start
    assert "resident.enrolment.cover" not in my.rows[0].result.missing


def test_a_payment_outside_the_moved_window_pays_for_its_own_year():
    h = H.parse(GRANDMOTHER.replace("paid = 2025-11-20", "paid = 2026-02-10"), "t.toml")
    me = H.enrolment_summary(h, policies(2026)).members[0]
    # 2026-02-10 is after the moved window (closed 2025-12-31) and in 2026: late for 2026.
    assert me.cover.in_window is False and me.cover.start is not None
    assert me.cover.start > dt.date(2026, 2, 10)


def test_calendar_for_its_own_year_is_the_file_itself():
    p = policies(2025).get("yantai")
    assert H.calendar_for_year(p, "resident", 2025) is p
    moved = H.calendar_for_year(p, "resident", 2027)
    w = moved.scheme("resident").enrolment.window
    assert w["to"] == dt.date(2026, 12, 31) and p.scheme("resident").enrolment.window["to"] == \
        dt.date(2024, 12, 31)


def test_calendar_moves_29_february_to_28():
    from yibao_tui.core.household.calendar import _move

    assert _move(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)


# ── households by name ──

def test_file_named_after_the_household_chinese_kept():
    assert store.slug("王家") == "王家"
    assert store.slug("../x/.y") == "x-y" and store.slug("   ") == "household"
    assert store.slug("示例家庭 Demo family") == "示例家庭-demo-family"


def test_show_finds_a_household_by_its_name_in_an_old_numbered_file(capsys, _profiles):
    _profiles.mkdir(mode=0o700)
    (_profiles / "household-2.toml").write_text(GRANDMOTHER.replace("烟台一家", "王家"), "utf-8")
    rc, out, _ = run(capsys, "household", "show", "王家")
    assert rc == 0 and "household-2.toml" in out and "奶奶" in out


def test_two_households_of_one_name_are_listed_never_guessed(capsys, _profiles):
    _profiles.mkdir(mode=0o700)
    for n in ("household.toml", "household-2.toml"):
        (_profiles / n).write_text(GRANDMOTHER.replace("烟台一家", "王家"), "utf-8")
    rc, _, err = run(capsys, "household", "show", "王家")
    assert rc == 2 and "household.toml" in err and "household-2.toml" in err and "王家" in err
    rc, _, err = run(capsys, "household", "show", "王家", "--lang", "en")
    assert rc == 2 and "more than one household is named '王家'" in err


def test_lang_before_or_after_any_subcommand(capsys):
    rc, out, _ = run(capsys, "--lang", "en", "household", "list")
    assert rc == 0 and "bundled demo" in out
    rc, out, _ = run(capsys, "household", "--lang", "en", "show", "demo")
    assert rc == 0 and "Members" in out
    rc, out, _ = run(capsys, "household", "init")
    assert rc == 0 and out.startswith("已把示例家庭复制到")


# ── rollover ──

def test_demo_rolled_over_to_2026(capsys, _profiles):
    store.copy_demo()
    _, before, _ = run(capsys, "household", "year", "demo", "--json")
    _, before_text, _ = run(capsys, "household", "year", "demo")
    rc, out, _ = run(capsys, "household", "rollover", "demo")
    assert rc == 0 and "2026" in out
    h = store.read(_profiles / "demo.toml").household
    assert h.year == 2026 and all(not m.visits for m in h.members)
    closing = {m["id"]: m["account"]["closing"] for m in json.loads(before)["members"]
               if m.get("account")}
    # 王伟 2025: 800.00 + 12 × (150 + 6,000 × 2 %) − 2,150.00 drawn = 1,890.00; 妈妈 2025:
    # 500.00 + 12 × 300 − 2,000.00 drawn = 2,100.00 (read from the 2025 JSON itself).
    assert closing == {"me": "1890.00", "mum": "2100.00"}
    assert {m.id: m.account_balance for m in h.members if m.scheme == "employee"} == \
        {"me": Decimal("1890.00"), "mum": Decimal("2100.00")}
    me = h.member("me")
    assert me.enrolment[-1] == {"year": 2026, "wage": Decimal("6000.00")}
    assert [b.holder for b in h.bindings] == ["me"] and h.past[0]["year"] == 2025
    _, after, _ = run(capsys, "household", "year", "demo", "--year", "2025", "--json")
    _, after_text, _ = run(capsys, "household", "year", "demo", "--year", "2025")
    assert after == before and after_text == before_text
    rc, _, err = run(capsys, "household", "year", "demo", "--year", "2019")
    assert rc == 2 and "2019" in err


def test_rollover_twice_keeps_both_years_and_refuses_going_back(capsys, _profiles):
    store.copy_demo()
    assert run(capsys, "household", "rollover", "demo")[0] == 0
    assert run(capsys, "household", "rollover", "demo", "--to", "2028")[0] == 0
    h = store.read(_profiles / "demo.toml").household
    assert h.year == 2028 and H.years(h) == [2028, 2026, 2025]
    assert H.year_of(h, 2025).members[0].visits  # 2025 kept as it was
    rc, _, err = run(capsys, "household", "rollover", "demo", "--to", "2027")
    assert rc == 2 and "2028" in err


def test_yantai_claim_free_year_gives_3000_after_rollover():
    text = """schema = 1
name = "t"
year = 2025

[[member]]
id = "me"
name = "me"
relation = "self"
birth_year = 1970
city = "yantai"
scheme = "resident"
category = "adult"
enrolment = [{ year = 2025, tier = 1 }]

[[supplied]]
city = "yantai"
path = "resident.serious_illness.cap"
value = 300000
"""
    h = H.parse(text, "t.toml")
    pols = policies(2025)
    ro = H.rollover(h, H.run_year(h, pols), pols)
    new = ro.household
    assert new.member("me").enrolment == [{"year": 2025, "tier": 1, "claim_free": True},
                                          {"year": 2026, "tier": 1}]
    si = H.enrolment_summary(new, policies(2026)).members[0].si_cap
    assert si.adjusted == Decimal("303000")  # 300,000 + 3,000 (one claim-free year)


def test_a_minor_turning_18_and_a_student_are_flagged_not_changed():
    text = """schema = 1
name = "t"
year = 2025

[[member]]
id = "kid"
name = "kid"
relation = "self"
birth_year = 2008
city = "liaoyang"
scheme = "resident"
category = "minor"

[[member]]
id = "stu"
name = "stu"
relation = "child"
birth_year = 2004
city = "liaoyuan"
scheme = "resident"
category = "student"
"""
    h = H.parse(text, "t.toml")
    ro = H.rollover(h, H.run_year(h, policies(2025)), policies(2025))
    keys = [(m.key, m.args.get("name")) for m in ro.confirm]
    assert ("hhy.confirm_minor", "kid") in keys and ("hhy.confirm_student", "stu") in keys
    assert [m.category for m in ro.household.members] == ["minor", "student"]


# ── an employee whose scheme is not on file; a premium paid from the account ──

YANTAI_FAMILY = """schema = 1
name = "烟台王家"
year = 2025

[[member]]
id = "sunzi"
name = "孙子"
relation = "self"
birth_year = 1995
city = "yantai"
scheme = "employee"
category = "active"
account_balance = 2000.00

[[member]]
id = "nainai"
name = "奶奶"
relation = "grandparent"
birth_year = 1950
city = "yantai"
scheme = "resident"
category = "adult"
enrolment = [{ year = 2025, paid = 2024-11-20, tier = 1, paid_from = "sunzi" }]

[[binding]]
holder = "sunzi"
beneficiaries = ["nainai"]
"""


def test_grandmother_premium_paid_from_the_grandsons_employee_account(capsys, tmp_path):
    h = H.parse(YANTAI_FAMILY, "t.toml")
    pols = policies(2025)
    chk = H.check(h, pols)
    assert chk.ok, chk.problems
    pays = [r for r in chk.rules["sunzi"] if r.rule == "pays_premium"]
    assert [(r.status, r.beneficiary) for r in pays] == [("ok", "nainai")]
    assert "职工可利用本人医保个人账户为省内近亲属居民缴纳基本医疗保险费" in pays[0].quote
    hy = H.run_year(h, pols)
    acc = hy.accounts["sunzi"]
    # "成年居民一档370元": 370.00 drawn; no monthly credit on file for 烟台 employees, no visits:
    # 2,000.00 − 370.00 = 1,630.00.
    assert acc.drawn == Decimal("370.00") and acc.closing == Decimal("1630.00")
    f = tmp_path / "yt.toml"
    f.write_text(YANTAI_FAMILY, "utf-8")
    rc, out, _ = run(capsys, "household", "check", str(f))
    assert rc == 0 and "个人账户缴纳亲属的居民医保费" in out
    rc, out, _ = run(capsys, "household", "year", str(f), "--json")
    d = json.loads(out)
    assert d["members"][0]["account"]["drawn"] == "370.00"
    assert d["members"][0]["account"]["premiums_paid"] == [{"member": "nainai", "amount": "370.00"}]


def test_employee_not_on_file_has_unknown_figures_with_ranges():
    h = H.parse(YANTAI_FAMILY, "t.toml")
    h.member("sunzi").visits = [H.Visit(month=4, care="inpatient", grade="1",
                                        amount=Decimal("1000.00"))]
    pols = policies(2025)
    my = H.run_year(h, pols).members[0]
    assert my.error is None and my.rows[0].fund is None
    # nothing on file for 烟台's employee scheme: fund and 大病 between 0 and the bill
    assert my.ranges.year["fund"] == (Decimal("0.00"), Decimal("1000.00"))
    me = H.enrolment_summary(h, pols).members[0]
    assert any(n.key == "hhy.unlisted_scheme" for n in me.notices)


def test_premium_from_a_holder_not_bound_is_broken_and_not_drawn():
    h = H.parse(YANTAI_FAMILY.split("[[binding]]")[0], "t.toml")
    chk = H.check(h, policies(2025))
    assert [r.status for r in chk.broken] == ["broken"] and not chk.ok
    assert H.run_year(h, policies(2025)).accounts["sunzi"].drawn == 0


def test_paid_from_names_another_member():
    with pytest.raises(H.HouseholdError) as e:
        H.parse(YANTAI_FAMILY.replace('paid_from = "sunzi"', 'paid_from = "nobody"'), "t.toml")
    assert e.value.problems[0][2].key == "hhy.paid_from_member"
