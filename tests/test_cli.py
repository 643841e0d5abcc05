"""`yibao estimate`: the exact contract scripts depend on, and bad input → exit 2, one line."""

import json
import subprocess
import sys

import pytest

from yibao_tui.cli import main

BASE = ["estimate", "--city", "liaoyang", "--scheme", "employee", "--category", "active",
        "--care", "outpatient", "--grade", "3"]


def run(capsys, *args):
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def test_json_contract_for_one_visit(capsys):
    # 000 worked example: (1000 − 500 yearly deductible) × 50% = 250.00; self-pay 750.00.
    rc, out, err = run(capsys, *BASE, "--amount", "1000", "--json")
    assert rc == 0 and err == ""
    d = json.loads(out)
    assert {k: d[k] for k in ("fund", "serious_illness", "self_pay", "total", "missing")} == {
        "fund": "250.00", "serious_illness": "0.00", "self_pay": "750.00", "total": "1000.00",
        "missing": []}
    keys = [s["key"] for s in d["steps"]]
    assert keys[0] == "amount" and keys[-1] == "self_pay" and "deductible" in keys
    ded = next(s for s in d["steps"] if s["key"] == "deductible")
    assert ded["source"] == "000_c22fcc7e60de8440.txt" and ded["quote"] == "年度起付线500元"
    assert ded["amount"] == "500.00"
    assert d["caveats"]  # every estimate carries the city's caveats


def test_text_output_is_readable_and_cited(capsys):
    rc, out, _ = run(capsys, *BASE, "--amount", "1000", "--lang", "en")
    assert rc == 0
    assert "fund 250.00 · serious illness 0.00 · you pay 750.00 · total 1,000.00" in out
    assert "年度起付线500元" in out  # the quote, in the source's own words
    assert "Caveats:" in out


def test_unknown_figure_gives_null_and_names_it(capsys):
    # 烟台 gives the outpatient rate (65%) but no deductible: the fund cannot be known.
    rc, out, _ = run(capsys, "estimate", "--city", "yantai", "--scheme", "resident", "--category",
                     "adult", "--care", "outpatient", "--grade", "2", "--amount", "300", "--json")
    assert rc == 0
    d = json.loads(out)
    assert d["fund"] is None and d["self_pay"] is None and d["total"] == "300.00"
    assert d["missing"] == ["resident.care.outpatient.deductible"]


def test_claims_file_year(tmp_path, capsys):
    # 铁岭 active employee, yearly deductible 300 at grade 3 / 200 at grade 2 counted together:
    # visit 1 grade 2, 150: deductible min(150, 200) = 150, fund 0.
    # visit 2 grade 3, 1,000: deductible 300 − 150 met = 150; (1000 − 150) × 50% = 425.00.
    # year: fund 425.00, total 1,150.00, self-pay 725.00.
    f = tmp_path / "year.toml"
    f.write_text("""
city = "tieling"
scheme = "employee"
category = "active"
[[claim]]
care = "outpatient"
grade = "2"
amount = 150
date = 2025-02-01
[[claim]]
care = "outpatient"
grade = "3"
amount = 1000.00
date = 2025-05-01
""", "utf-8")
    rc, out, _ = run(capsys, "estimate", "--claims", str(f), "--json")
    assert rc == 0
    d = json.loads(out)
    assert [c["fund"] for c in d["claims"]] == ["0.00", "425.00"]
    assert d["year"] == {"fund": "425.00", "serious_illness": "0.00", "self_pay": "725.00",
                         "total": "1150.00", "missing": [], "unchecked": []}


BAD = [
    (["--amount", "-5"], "--amount: -5 is negative"),
    (["--amount", "abc"], "--amount: 'abc' is not an amount in yuan"),
    (["--amount", "NaN"], "is not an amount in yuan"),
    (["--amount", "12.345"], "more than two decimals"),
    (["--amount", "1000000000"], "check the figure"),
    (["--amount", "1e12"], "'1e12' is not an amount in yuan"),  # exponents are not typed amounts
]


@pytest.mark.parametrize(("extra", "msg"), BAD)
def test_bad_amount(capsys, extra, msg):
    rc, out, err = run(capsys, *BASE, *extra)
    assert rc == 2 and out == ""
    assert msg in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unknown_city_lists_the_accepted(capsys):
    rc, _, err = run(capsys, "estimate", "--city", "beijing", "--scheme", "employee",
                     "--category", "active", "--care", "outpatient", "--amount", "1")
    assert rc == 2
    assert "unknown city 'beijing'; accepted: liaoyang, liaoyuan, shenyang, tieling, yantai" in err


def test_category_the_scheme_lacks(capsys):
    rc, _, err = run(capsys, "estimate", "--city", "liaoyang", "--scheme", "employee",
                     "--category", "student", "--care", "outpatient", "--grade", "3",
                     "--amount", "1")
    assert rc == 2 and "category 'student' is not in the employee scheme" in err
    assert "accepted: active, retired" in err


def test_grade_the_city_lacks(capsys):
    rc, _, err = run(capsys, "estimate", "--city", "liaoyang", "--scheme", "resident",
                     "--category", "adult", "--care", "inpatient", "--grade", "3-special",
                     "--amount", "1")
    assert rc == 2
    assert "grade '3-special' is not paid for 'inpatient'" in err and "accepted: primary, 1, 2, 3" in err


def test_scheme_the_city_lacks(capsys):
    rc, _, err = run(capsys, "estimate", "--city", "shenyang", "--scheme", "employee",
                     "--category", "active", "--care", "inpatient", "--grade", "3", "--amount", "1")
    assert rc == 2 and "has no employee scheme; accepted: resident" in err


def test_missing_disease(capsys):
    rc, _, err = run(capsys, "estimate", "--city", "shenyang", "--scheme", "resident",
                     "--category", "adult", "--care", "two-disease", "--grade", "1", "--amount", "1")
    assert rc == 2 and "'two-disease' needs a disease; accepted: hypertension, diabetes" in err


def test_bad_choice_is_one_line(capsys):
    rc, _, err = run(capsys, "estimate", "--city", "liaoyang", "--scheme", "army")
    assert rc == 2 and "'army' is not accepted" in err
    assert "employee (职工医保" in err  # both forms: the id and the name the app shows
    assert len(err.strip().splitlines()) == 1


def test_the_names_the_app_shows_are_accepted(capsys):
    ids = ["--city", "shenyang", "--scheme", "resident", "--category", "adult", "--care",
           "inpatient", "--grade", "3-special", "--amount", "10000", "--json"]
    names = ["--city", "沈阳", "--scheme", "城乡居民医保", "--category", "成年居民", "--care",
             "住院", "--grade", "特三级", "--amount", "10000", "--json"]
    rc1, by_id, _ = run(capsys, "estimate", *ids)
    rc2, by_name, _ = run(capsys, "estimate", *names)
    assert rc1 == rc2 == 0 and by_id == by_name
    # a policy's own name (沈阳 calls its outpatient pooling 门诊统筹); a bad grade lists both forms
    rc, _, err = run(capsys, "estimate", *ids[:6], "--care", "门诊统筹", "--amount", "100")
    assert rc == 0
    rc, _, err = run(capsys, "estimate", *ids[:8], "--grade", "四级", "--amount", "1")
    assert rc == 2 and "3-special (特三级" in err


@pytest.mark.parametrize(("text", "msg"), [
    ("city = ", "not valid TOML"),
    ('city = "liaoyang"\nscheme = "employee"\ncategory = "active"\n', "needs at least one [[claim]]"),
    ('city = "liaoyang"\nscheme = "employee"\ncategory = "active"\n[[claim]]\ncare = "x"\namount = 1\n',
     "claim 1: care 'x' is not one of"),
    ('city = "liaoyang"\nscheme = "employee"\ncategory = "active"\n[[claim]]\ncare = "outpatient"\n'
     'grade = "3"\namount = -1\n', "claim 1 amount: -1 is negative"),
    ('city = "liaoyang"\nscheme = "employee"\ncategory = "active"\n[[claim]]\ncare = "outpatient"\n'
     'grade = "3"\namount = 1\ncolour = 1\n', "claim 1: unknown key 'colour'"),
    ('city = "liaoyang"\nscheme = "employee"\ncategory = "active"\n[[claim]]\ncare = "outpatient"\n'
     'grade = "3"\namount = 1\ndate = 2025-05-01\n[[claim]]\ncare = "outpatient"\ngrade = "3"\n'
     'amount = 1\ndate = 2025-01-01\n', "claims must be in date order"),
])
def test_malformed_claims_file(tmp_path, capsys, text, msg):
    f = tmp_path / "c.toml"
    f.write_text(text, "utf-8")
    rc, out, err = run(capsys, "estimate", "--claims", str(f))
    assert rc == 2 and out == "" and msg in err and "Traceback" not in err


def test_missing_claims_file(capsys):
    rc, _, err = run(capsys, "estimate", "--claims", "/nonexistent/x.toml")
    assert rc == 2 and "no such file" in err


def test_date_selects_policy_year_and_says_so(capsys):
    rc, out, _ = run(capsys, *BASE, "--amount", "1000", "--date", "2026-03-01", "--json")
    d = json.loads(out)
    assert rc == 0
    assert d["policy_year"] == 2025
    # The one rule for a day no file covers (core/policy/years.py), said by the document.
    assert d["notices"] == ["2026 — Liaoyang's newest policy on file is 2025; its figures are used"]
    assert d["policy"]["asked_year"] == 2026 and d["policy"]["year"] == 2025


def test_module_entry_point_runs_without_traceback():
    r = subprocess.run([sys.executable, "-m", "yibao_tui", *BASE, "--amount", "x"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_estimate_error_reads_in_chinese_for_the_ui():
    # The CLI stays English for scripts; the UI shows the Chinese form of the same refusal.
    from yibao_tui.core.engine import Claim, EstimateError, Person, check
    from yibao_tui.core.policy import load_city
    from yibao_tui.text import render

    p = load_city("liaoyang")
    with pytest.raises(EstimateError) as e:
        check(p, Person("resident", "adult"), Claim("inpatient", 1, grade="3-special"))
    assert "grade '3-special' is not paid" in render(e.value.msg, "en")
    assert render(e.value.msg, "zh") == "辽阳 2025的住院不在特三级医院报销；可选：基层、一级、二级、三级"


def test_text_view_shows_an_unknown_figure_as_unknown_not_blank(capsys):
    # 烟台 gives no inpatient deductible or grade-2 rate: both lines must say so.
    rc, out, _ = run(capsys, "estimate", "--city", "yantai", "--scheme", "resident", "--category",
                     "adult", "--care", "inpatient", "--grade", "2", "--amount", "5000",
                     "--lang", "en")
    assert rc == 0
    lines = {ln.split()[0]: ln for ln in out.splitlines() if ln.startswith("  ") and ln.split()}
    assert lines["deductible"].rstrip().endswith("unknown")
    assert lines["rate"].rstrip().endswith("unknown")


def test_engine_refuses_a_cross_region_status_outside_the_vocabulary():
    from yibao_tui.core.engine import Claim, EstimateError, Person, check
    from yibao_tui.core.policy import load_city

    p = load_city("liaoyuan")
    for bad in ("retired", "grade 3", "abroad"):  # other words the app knows are not statuses
        with pytest.raises(EstimateError):
            check(p, Person("resident", "adult"), Claim("inpatient", 1, grade="3", cross_region=[bad]))


def test_tieling_primary_grade_is_accepted_with_the_grade_2_and_below_deductible(capsys):
    # Issue #10 item 6. "二级及以下医疗机构200元" covers the level below grade 1, so --grade primary
    # is taken (exit 0, not 2): yearly deductible min(500, 200) = 200.00. The text gives rates for
    # 一级/二级/三级 only, so the rate (and the fund) is unknown and named.
    rc, out, err = run(capsys, "estimate", "--city", "tieling", "--scheme", "employee",
                       "--category", "active", "--care", "outpatient", "--grade", "primary",
                       "--amount", "500", "--json")
    assert rc == 0 and err == ""
    d = json.loads(out)
    ded = next(s for s in d["steps"] if s["key"] == "deductible")
    assert ded["amount"] == "200.00" and ded["quote"] == "二级及以下医疗机构200元"
    assert d["fund"] is None and d["missing"] == ["employee.care.outpatient.rate"]


def test_fund_line_says_at_most_when_a_cap_is_unchecked(capsys):
    # "Readings to keep visible": 沈阳 gives no fund cap, so it is not applied and the fund is an
    # upper bound. Adult grade 3 inpatient 10,000: (10000 − 600) × 75% = 7,050.00 at most.
    rc, out, _ = run(capsys, "estimate", "--city", "shenyang", "--scheme", "resident",
                     "--category", "adult", "--care", "inpatient", "--grade", "3",
                     "--amount", "10000", "--lang", "en")
    assert rc == 0 and "= fund at most 7,050.00 · serious illness unknown" in out
    rc, out, _ = run(capsys, "estimate", "--city", "shenyang", "--scheme", "resident",
                     "--category", "adult", "--care", "inpatient", "--grade", "3",
                     "--amount", "10000")
    assert "= 统筹基金 至多 7,050.00 · 大病保险 未知" in out
    # A settled figure (every cap known and checked) is not called an upper bound.
    rc, out, _ = run(capsys, *BASE, "--amount", "1000", "--lang", "en")
    assert "= fund 250.00 ·" in out and "at most" not in out
    # The JSON contract is unchanged: the fund stays a plain figure, the cap is in `unchecked`.
    rc, out, _ = run(capsys, "estimate", "--city", "shenyang", "--scheme", "resident",
                     "--category", "adult", "--care", "inpatient", "--grade", "3",
                     "--amount", "10000", "--json")
    d = json.loads(out)
    assert d["fund"] == "7050.00" and d["unchecked"] == ["resident.fund_cap"]


def test_readings_kept_visible_on_their_steps(capsys):
    # 沈阳 特三级 adult 20,000: one rate for the whole bill, 70 % → (20000 − 1200) × 70% = 13,160.00;
    # the rate step's note says the text is ambiguous and what the split reading would give
    # ((15,000 − 1,200) × 5% = 690.00 less).
    rc, out, _ = run(capsys, "estimate", "--city", "shenyang", "--scheme", "resident",
                     "--category", "adult", "--care", "inpatient", "--grade", "3-special",
                     "--amount", "20000", "--json")
    d = json.loads(out)
    assert d["fund"] == "13160.00"
    tier = next(s for s in d["steps"] if s["key"] == "tier")
    assert "ambiguous" in tier["note"] and "690.00" in tier["note"]
    # 辽阳 chronic: the rule "按住院比例" is followed (grade 3 active 80 %: 1,000 × 80% = 800.00);
    # the rule step shows the conflict with the example's 70 %.
    rc, out, _ = run(capsys, "estimate", "--city", "liaoyang", "--scheme", "employee",
                     "--category", "active", "--care", "chronic", "--grade", "3",
                     "--disease", "hypertension", "--amount", "1000", "--json")
    d = json.loads(out)
    assert d["fund"] == "800.00"
    rule = next(s for s in d["steps"] if s["key"] == "rate_rule")
    assert "三级医院报销70%" in rule["note"] and "70 %" in rule["note"]
    # 辽源 low-income 大病 threshold 6,000 as printed: the step says it needs confirming.
    # grade 3, 20,000: deductible 1,000 → 19,000 × 55% = 10,450.00; self-pay 9,550 → 大病 on
    # 9,550 − 6,000 = 3,550 × 60% = 2,130.00.
    rc, out, _ = run(capsys, "estimate", "--city", "liaoyuan", "--scheme", "resident",
                     "--category", "adult", "--flag", "minimum-living", "--care", "inpatient",
                     "--grade", "3", "--amount", "20000", "--json")
    d = json.loads(out)
    assert rc == 0 and (d["fund"], d["serious_illness"]) == ("10450.00", "2130.00")
    th = next(s for s in d["steps"] if s["key"] == "si_threshold")
    assert th["amount"] == "6000.00" and "needs confirming" in th["note"]


def test_a_household_estimate_error_is_an_estimate_error_with_its_msg():
    # The faces catch EstimateError and show its .msg: a household's own refusal is one too.
    from yibao_tui.core.engine import EstimateError
    from yibao_tui.core.household import HouseholdEstimateError
    from yibao_tui.core.msg import Msg
    from yibao_tui.text import render

    e = HouseholdEstimateError(Msg("err.parts_exceed"))
    assert isinstance(e, EstimateError) and e.msg == Msg("err.parts_exceed")
    assert render(e.msg, "zh") == "乙类部分与特殊药品部分之和不能超过政策范围内费用"
