"""A visit before cover starts is not covered; figures the user supplies fill unknowns only and
are marked so; the enrolment sections are validated strictly; the CLI answers with quotes."""

import json
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from yibao_tui.cli import main
from yibao_tui.core import enrolment as enr
from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Claim, Person, estimate_year
from yibao_tui.core.supplied import SuppliedError, apply_supplied, parse
from yibao_tui.text import render
from yibao_tui.views.steps import step_text

from .conftest import POLICIES
from .msg_helpers import problem_lines, raises_en

D = date.fromisoformat


def city(name):
    return pol.load_city(name, dirs=[str(POLICIES)])


# ───────────────────────── not covered before cover starts ─────────────────────────

def test_visit_before_cover_is_not_covered():
    p = city("shenyang")
    cover = enr.cover_start(p, D("2024-03-15"), "adult")  # → 2024-07-01
    person = Person("resident", "adult")
    claims = [Claim("inpatient", 10000, grade="2", date=D("2024-06-30")),
              Claim("inpatient", 10000, grade="2", date=D("2024-07-01"))]
    y = estimate_year(p, person, claims, cover)
    before, after = y.visits
    assert before.fund == 0 and before.serious_illness == 0 and before.self_pay == Decimal(10000)
    step = next(s for s in before.steps if s.key == "cover")
    assert step.quote == "成年居民自缴费到账次月起三个月后享受医保待遇"
    assert "2024-07-01" in step_text(step, "en") and "not covered" in step_text(step, "en")
    # from 1 July: 二级 deductible 300, rate 80 % → (10,000 − 300) × 0.8 = 7,760
    assert after.fund == Decimal(7760)
    assert y.fund == Decimal(7760)


def test_visit_with_unknown_cover_start_is_unknown():
    p = city("liaoyang")
    cover = enr.cover_start(p, D("2025-03-01"), "adult")  # outside the window: not in the source
    y = estimate_year(p, Person("resident", "adult"),
                      [Claim("inpatient", 1000, grade="1", date=D("2025-08-01"))], cover)
    v = y.visits[0]
    assert v.fund is None and v.self_pay is None
    assert v.missing == ["resident.enrolment.cover"]


def test_not_covered_visit_does_not_use_the_quarter_deductible():
    p = city("shenyang")
    cover = enr.cover_start(p, D("2024-03-15"), "student")  # → 2024-04-01
    person = Person("resident", "student")
    claims = [Claim("outpatient", 100, date=D("2024-03-20")),
              Claim("outpatient", 100, date=D("2024-04-02"))]
    y = estimate_year(p, person, claims, cover)
    # Q2 (April) deductible still 40 in full: (100 − 40) × 55 % = 33
    assert y.visits[0].fund == 0
    assert y.visits[1].fund == Decimal(33)


# ───────────────────────── user-supplied figures ─────────────────────────

def test_supplied_fills_an_unknown_and_is_marked():
    p = city("yantai")
    entries = parse([{"path": "resident.care.inpatient.deductible", "grades": ["primary"],
                      "value": 800, "per": "visit", "note": "hospital notice"}], "mine.toml")
    q = apply_supplied(p, entries)
    r = estimate_year(q, Person("resident", "adult"), [Claim("inpatient", 10000, grade="primary")])
    # (10,000 − 800) × 90 % = 8,280
    assert r.visits[0].fund == Decimal(8280)
    ded = next(s for s in r.visits[0].steps if s.key == "deductible")
    assert ded.supplied and ded.quote is None and ded.note == "hospital notice"
    # the original policy is unchanged, and other grades stay unknown
    assert "resident.care.inpatient.deductible" in estimate_year(
        p, Person("resident", "adult"), [Claim("inpatient", 10000, grade="primary")]).missing
    other = estimate_year(q, Person("resident", "adult"), [Claim("inpatient", 10000, grade="2")])
    assert other.fund is None


def test_supplied_serious_illness_threshold():
    p = apply_supplied(city("shenyang"), parse(
        [{"path": "resident.serious_illness.threshold", "value": 10000}]))
    r = estimate_year(p, Person("resident", "adult"), [Claim("inpatient", 50000, grade="2")])
    v = r.visits[0]
    # fund (50,000 − 300) × 80 % = 39,760; self-pay 10,240 counts; above 10,000: 240 × 60 % = 144
    assert v.fund == Decimal(39760)
    assert v.serious_illness == Decimal(144)
    assert next(s for s in v.steps if s.key == "si_threshold").supplied


def test_supplied_base_feeds_the_cap_adjustment():
    p = apply_supplied(city("yantai"), parse(
        [{"path": "resident.serious_illness.cap", "value": 200000}]))
    r = enr.si_cap_adjustment(p, continuous_years=5, year=2029)
    # in 2029, the 5th continuous year from 2025: 200,000 + 3,000 = 203,000, supplied by you
    assert r.adjusted == Decimal(203000) and r.base_supplied


@pytest.mark.parametrize(("entry", "message"), [
    ({"path": "resident.care.inpatient.deductible", "grades": ["2"], "value": 1, "per": "visit"},
     "no unknown figure at resident.care.inpatient.deductible for grades 2"),  # 沈阳 cites it
    ({"path": "resident.care.inpatient.rate", "value": Decimal("0.5")}, "never a cited one"),
    ({"path": "resident.care.chronic.deductible", "grades": ["9"], "value": 1, "per": "year"},
     "grade '9' is not defined"),
])
def test_supplied_never_replaces_a_cited_figure(entry, message):
    with raises_en(SuppliedError, re.escape(message)):
        apply_supplied(city("shenyang"), parse([entry]))


@pytest.mark.parametrize(("entry", "message"), [
    ({"path": "resident.care.inpatient.deductible", "value": -5, "per": "visit"}, "negative"),
    ({"path": "resident.care.inpatient.rate", "value": Decimal("1.5")}, "between 0 and 1"),
    ({"path": "resident.care.inpatient.rate", "value": 0.5}, "never float"),
    ({"path": "resident.care.inpatient.deductible", "value": 5}, "per is needed"),
    ({"path": "resident.premium", "value": 5}, "not a figure that can be supplied"),
    ({"path": "resident.fund_cap", "value": 5, "colour": "red"}, "unknown key 'colour'"),
])
def test_supplied_entries_are_checked(entry, message):
    with raises_en(SuppliedError, message):
        parse([entry], "mine.toml")


def test_supplied_for_another_city_is_ignored():
    p = city("shenyang")
    assert apply_supplied(p, parse([{"city": "yantai", "path": "resident.fund_cap",
                                     "value": 1}])) is p


# ───────────────────────── strict validation ─────────────────────────

GOOD = (POLICIES / "shenyang-2024.toml").read_text("utf-8")


def problems(tmp_path, text):
    f = tmp_path / "shenyang-2024.toml"
    f.write_text(text, "utf-8")
    with pytest.raises(pol.PolicyError) as e:
        pol.load(str(f))
    return problem_lines(e.value)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("value = 104\n", "value = -104\n", "resident.premium[1].value: amount -104 is negative"),
    ("from = 2023-09-01\n", "from = \"2023-09-01\"\n",
     "resident.enrolment.collection_window.from: must be a date"),
    ("from = 2023-09-01\n", "from = 2024-09-01\n",
     "resident.enrolment.collection_window.from: 2024-09-01 is after the window's end"),
    ("in_window = true\n", "in_window = true\ncolour = \"red\"\n",
     "resident.enrolment.cover[0].colour: unknown key"),
    ("start = \"year-start\"\n", "start = \"someday\"\n",
     "resident.enrolment.cover[0].start: must be one of"),
    ("categories = [\"adult\"]\nstart = \"next-month\"\nmonths = 3\n",
     "categories = [\"adult\"]\nstart = \"next-month\"\n",
     "resident.enrolment.cover[10].months: missing"),
    ("flags = [\"severe-disability\"]\n", "flags = [\"very-rich\"]\n",
     "resident.enrolment.cover[4].flags: flag 'very-rich' is not defined here"),
    ("situations = [\"from-employee\"]\ngap_up_to", "situations = [\"expat\"]\ngap_up_to",
     "situation 'expat' is not defined here"),
    ("quote = \"生育住院后给予产前检查一次性补贴300元\"\n", "",
     "resident.grants[0].quote: missing: every figure quotes its source"),
])
def test_enrolment_sections_are_strict(tmp_path, old, new, message):
    assert old in GOOD
    assert message in problems(tmp_path, GOOD.replace(old, new, 1))


def test_unknown_cover_start_needs_a_note(tmp_path):
    text = (POLICIES / "liaoyuan-2023.toml").read_text("utf-8")
    old = "note = { zh = \"资料只写新生儿应在出生后90天内登记"
    assert old in text
    f = tmp_path / "liaoyuan-2023.toml"
    f.write_text(text.replace(old, "nota = { zh = \"", 1), "utf-8")
    with pytest.raises(pol.PolicyError) as e:
        pol.load(str(f))
    msg = problem_lines(e.value)
    assert "resident.enrolment.cover[1].nota: unknown key" in msg
    assert "resident.enrolment.cover[1].note: an unknown cover start needs a note" in msg


# ───────────────────────── CLI ─────────────────────────

def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_premium_household_json(capsys):
    rc, out, _ = run(capsys, "premium", "--city", "shenyang", "--member", "mum=adult",
                     "--member", "kid=student+low-income-margin", "--json")
    assert rc == 0
    data = json.loads(out)
    # money in JSON is written one way: a decimal string to the fen (issue #21 item 4)
    assert [m["premium"] for m in data["members"]] == ["450.00", "104.00"]
    assert data["total"] == "554.00"  # 450 + 104
    assert data["members"][1]["lines"][0]["quote"] == "在校学生为260元，其中低保边缘家庭成员的为104元"


def test_cli_cover_text_quotes_the_rule(capsys):
    rc, out, _ = run(capsys, "cover", "--city", "liaoyuan", "--category", "adult",
                     "--paid", "2023-02-10", "--lang", "en")
    assert rc == 0
    assert "Cover starts: 2023-05-12" in out
    # the quote, wrapped to the terminal's width: read without the line breaks
    assert "自缴费成功次日起设置90天的待遇享受等待期" in "".join(out.split())


def test_cli_cover_picks_next_years_policy_for_a_window_payment(capsys):
    rc, out, _ = run(capsys, "cover", "--city", "shenyang", "--category", "adult",
                     "--paid", "2023-11-05", "--json")
    data = json.loads(out)
    assert rc == 0 and data["policy_year"] == 2024 and data["notices"] == []
    assert data["cover_start"] == "2024-01-01" and data["in_window"] is True


def test_cli_grants_and_si_cap(capsys):
    rc, out, _ = run(capsys, "grants", "--city", "yantai", "--lang", "en")
    assert rc == 0 and "1,500.00" in out and "99.00" in out
    assert "生育二孩、三孩补助标准" in "".join(out.split())  # the quote, read across its wraps
    # 2030: 6 continuous years from 2025 → (6 − 4) × 3,000 = 6,000, + 1 claim-free 3,000 = 9,000
    rc, out, _ = run(capsys, "si-cap", "--city", "yantai", "--continuous-years", "6",
                     "--claim-free", "1", "--lapsed-years", "0", "--year", "2030", "--json")
    data = json.loads(out)
    assert rc == 0 and data["increase"] == "9000.00" and data["adjusted_cap"] is None
    rc, out, _ = run(capsys, "si-cap", "--city", "yantai", "--continuous-years", "6",
                     "--base", "100000", "--year", "2030", "--lang", "en")
    assert rc == 0 and "supplied by you" in out and "106,000.00" in out  # 100,000 + 6,000
    # For 2025 (the policy's year, the default) only 2025 itself counts: +0, and it says why
    # (issue #10 item 5).
    rc, out, _ = run(capsys, "si-cap", "--city", "yantai", "--continuous-years", "6",
                     "--base", "100000", "--lang", "en")
    assert rc == 0 and "100,000.00 + 0.00 − 0.00 = 100,000.00" in out
    assert "6 given, but in 2025 at most 1 can count (from 2025)" in out


def test_cli_estimate_paid_and_supplied(capsys, tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[[supplied]]\ncity = "yantai"\npath = "resident.care.inpatient.deductible"\n'
                 'value = 500\nper = "visit"\n', "utf-8")
    args = ["estimate", "--city", "yantai", "--scheme", "resident", "--category", "adult",
            "--care", "inpatient", "--grade", "primary", "--amount", "2000",
            "--supplied", str(f)]
    rc, out, _ = run(capsys, *args, "--json")
    data = json.loads(out)
    # (2,000 − 500) × 90 % = 1,350
    assert rc == 0 and data["fund"] == "1350.00"
    assert any(s["supplied"] for s in data["steps"])
    rc, out, _ = run(capsys, *args, "--lang", "en")
    assert "supplied by you" in out
    # paid 10 May 2025 outside the window: covered from 11 Aug; a visit on 1 Aug is not
    rc, out, _ = run(capsys, *args, "--date", "2025-08-01", "--paid", "2025-05-10", "--json")
    data = json.loads(out)
    assert rc == 0 and data["fund"] == "0.00" and data["self_pay"] == "2000.00"
    cover = next(s for s in data["steps"] if s["key"] == "cover")
    assert cover["quote"].startswith("对在居民医保集中缴费期内缴费或未连续参保缴费的人员")


@pytest.mark.parametrize("argv", [
    ["premium", "--city", "yantai", "--category", "minor", "--tier", "2"],
    ["premium", "--city", "nowhere", "--category", "adult"],
    ["premium", "--city", "yantai", "--member", "adult@x"],
    ["cover", "--city", "shenyang", "--category", "adult", "--paid", "2024-02-30"],
    ["cover", "--city", "shenyang", "--category", "adult"],
    ["cover", "--city", "shenyang", "--category", "minor", "--paid", "2024-03-01",
     "--situation", "newborn"],
    ["si-cap", "--city", "yantai", "--continuous-years", "-1"],
    ["si-cap", "--city", "yantai", "--base", "abc"],
    ["estimate", "--city", "shenyang", "--scheme", "resident", "--category", "adult", "--care",
     "inpatient", "--grade", "2", "--amount", "100", "--born", "2024-01-01"],
    ["estimate", "--city", "shenyang", "--scheme", "resident", "--category", "adult", "--care",
     "inpatient", "--grade", "2", "--amount", "100", "--supplied", "/nonexistent.toml"],
])
def test_cli_bad_input_is_one_line_exit_2(capsys, argv):
    rc, _, err = run(capsys, *argv)
    assert rc == 2
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_estimate_path_stays_light():
    code = ("import sys; from yibao_tui.cli import main; "
            "main(['estimate','--city','shenyang','--scheme','resident','--category','adult',"
            "'--care','inpatient','--grade','2','--amount','100','--json']); "
            "heavy = [m for m in ('textual', 'questionary', 'rich', 'yibao_tui.cli.enrol', "
            "'yibao_tui.core.enrolment', 'yibao_tui.core.supplied') if m in sys.modules]; "
            "sys.stderr.write(repr(heavy))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stderr == "[]"


def test_supplied_error_names_the_entry_and_key():
    with pytest.raises(SuppliedError) as e:
        parse([{"path": "resident.fund_cap", "value": 1},
               {"path": "resident.care.inpatient.deductible", "value": 5}], "mine.toml")
    assert (e.value.index, e.value.key) == (1, None)
    assert render(e.value.msg, "en") == "mine.toml: supplied 2: per is needed (visit, quarter, year)"
    assert render(e.value.why, "en") == "per is needed (visit, quarter, year)"
    with pytest.raises(SuppliedError) as e:
        parse([{"path": "resident.fund_cap", "value": 1, "colour": "red"}], "mine.toml")
    assert (e.value.index, e.value.key) == (0, "colour")
    with pytest.raises(SuppliedError) as e:
        apply_supplied(city("shenyang"), parse([{"path": "resident.care.inpatient.rate", "value": 0}]))
    assert (e.value.index, e.value.key, e.value.msg.args["why"].key) == (0, "path", "supplied.err.no_unknown")


def test_a_line_is_worded_by_the_view_and_its_json_keeps_both_languages():
    from yibao_tui.views.enrolment import line_json, line_row

    p = city("yantai")
    ln = enr.premium(p, "adult", tier=2).lines[-1]
    assert line_json(line_row(ln, "zh", p)) == {  # the JSON is the row's, whatever its language
        "key": "premium", "label": {"zh": "个人缴费", "en": "premium"},
        "text": "tier 2: 520.00 a year", "text_zh": "第2档 520.00元/年", "amount": "520.00",
        "source": "003_fbaa5da4cb9b4117.txt", "quote": ln.quote, "supplied": False,
        # the note in English, and beside it in Chinese (the policy file keeps both)
        "note": "Adults choose tier 1 or tier 2; the source does not say how the tiers' benefits differ.",
        "note_zh": "成年居民自选一档或二档；资料未说明两档待遇的区别。"}
    row = line_row(ln, "en", p)
    assert row.source == p.sources["003_fbaa5da4cb9b4117.txt"]["title"]
    assert row.source_file == "003_fbaa5da4cb9b4117.txt" and row.text == "tier 2: 520.00 a year"
