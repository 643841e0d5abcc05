"""The slip check (issue #13): hand-worked slips from the policy files and their quotes.

Each figure is worked out in a comment from the rows it comes from; a slip is checked with
``core.slip.check_slip`` and, for the command, ``yibao slip``."""

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yibao_tui.cli import main
from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Claim, EstimateError, Person, check, estimate, shown
from yibao_tui.core.slip import SlipError, check_slip, parse_slip
from yibao_tui.core.supplied import apply_supplied, parse
from yibao_tui.text import render
from yibao_tui.views.slip import slip_document
from yibao_tui.views.slip_json import slip_json
from yibao_tui.views.text import document_lines

from .conftest import POLICIES, examples

P = {c: pol.load_city(c, dirs=[str(POLICIES)])
     for c in ("liaoyang", "tieling", "liaoyuan", "yantai", "shenyang")}
ACTIVE = Person("employee", "active")
ADULT = Person("resident", "adult")


def D(x):
    return Decimal(str(x))


def slip(city, person, claim, **figures):
    return check_slip(P[city], person, claim, parse_slip(figures))


def as_json(chk):
    """The slip's JSON, from its document (the person only titles the document: any the policy
    has will do)."""
    scheme = chk.policy.scheme_ids[0]
    person = Person(scheme, chk.policy.scheme(scheme).categories[0])
    return slip_json(slip_document(chk.policy, person, chk, "en"))


def changes(chk):
    return [as_json(chk)["explanations"][i]["changes"] for i in range(len(chk.explanations))]


def text(city, person, chk, lang="en"):
    return "\n".join(document_lines(slip_document(P[city], person, chk, lang), 200))


# 辽阳 employee inpatient, grade 3: “三级 800 80% 85%” — deductible 800 per stay, 80 % active,
# 85 % retired. A 10,000 stay: active (10000 − 800) × 80 % = 7,360.00; you pay 2,640.00.
LY_STAY = Claim("inpatient", 10000, grade="3")


def test_a_slip_that_matches():
    # Every box: total 10,000, fund 7,360, deductible 800, serious illness 0 (辽阳 pays it only
    # beyond the fund's annual cap), you pay 2,640 = account 1,000 + cash 1,640.
    chk = slip("liaoyang", ACTIVE, LY_STAY, total=10000, fund=7360, deductible=800,
               serious_illness=0, self_pay=2640, personal_account=1000, cash=1640)
    assert chk.verdict == "matches" and chk.explanations == []
    st = {ln.field: ln.status for ln in chk.lines}
    assert st == {"total": "match", "fund": "match", "deductible": "match", "serious_illness": "match",
                  "self_pay": "match", "personal_account": "unchecked", "cash": "unchecked",
                  "personal_account+cash": "match"}
    fund = next(ln for ln in chk.lines if ln.field == "fund")
    assert fund.step.quote == "三级 800 80% 85%"  # the cited step that produced 7,360
    out = text("liaoyang", ACTIVE, chk)
    assert "Verdict: the slip matches the estimate." in out and "only their sum is checked" in out


def test_within_one_yuan_is_said_as_such():
    # 7,360.80 against 7,360.00: 0.80 off, within ±1 yuan.
    chk = slip("liaoyang", ACTIVE, LY_STAY, fund=D("7360.80"))
    assert chk.verdict == "matches" and chk.lines[0].status == "near"
    assert chk.lines[0].difference == D("0.80")


def test_liaoyang_retired_rate_for_an_active_employee():
    # Retired: (10000 − 800) × 85 % = 7,820.00 (460.00 more), you pay 2,180.00.
    chk = slip("liaoyang", ACTIVE, LY_STAY, fund=7820, self_pay=2180)
    assert chk.verdict == "differs"
    d = as_json(chk)
    assert d["lines"][0] == {"field": "fund", "slip": "7820.00", "expected": "7360.00",
                             "difference": "460.00", "status": "differs", "step": "band",
                             "source": "000_c22fcc7e60de8440.txt", "quote": "三级 800 80% 85%"}
    assert d["lines"][1]["difference"] == "-460.00"
    assert d["explanations"] == [{"changes": {"category": "retired"}, "matches": ["fund", "self_pay"],
                                  "near": [], "unknown": [], "implies": []}]
    assert d["estimate"]["fund"] == "7360.00" and d["estimate"]["steps"][0]["key"] == "amount"
    assert "1. category retired: fund, you pay then match" in text("liaoyang", ACTIVE, chk)
    assert "人员类别为退休" in text("liaoyang", ACTIVE, chk, "zh")


def test_liaoyang_retired_within_one_yuan():
    # 7,820.50 is 0.50 from the retired figure: explained, "within ±1 yuan".
    chk = slip("liaoyang", ACTIVE, LY_STAY, fund=D("7820.50"))
    assert [(e.changes, e.near) for e in chk.explanations] == [({"category": "retired"}, ["fund"])]


# 辽源 resident inpatient, grade 2: deductible “二级 600元”, bands “1元-30000元 70% …”;
# serious illness on the year's in-policy self-pay above “起付标准为2000元” at 60 % (to 10,000).
# A 20,000 stay at home: (20000 − 600) × 70 % = 13,580; self-pay 6,420 → (6420 − 2000) × 60 % = 2,652.
LYU_STAY = Claim("inpatient", 20000, grade="2")


def test_liaoyuan_cross_region_cut():
    # “长期异地 … 降低10%” (and “应直接结算未直接结算 … 降低10%”): 70 − 10 = 60 %:
    # 19,400 × 60 % = 11,640; self-pay 8,360 → (8360 − 2000) × 60 % = 3,816.
    chk = slip("liaoyuan", ADULT, LYU_STAY, fund=11640, serious_illness=3816)
    assert chk.verdict == "differs"
    assert changes(chk) == [{"cross_region": ["long-term"]}, {"cross_region": ["not-direct"]}]
    assert all(e.matches == ["fund", "serious_illness"] for e in chk.explanations)


def test_liaoyuan_stacked_cuts():
    # Both cuts stack (the file: reductions add up): 70 − 10 − 10 = 50 %: 19,400 × 50 % = 9,700;
    # self-pay 10,300 → (10300 − 2000) × 60 % = 4,980. One change: the cross-region statuses.
    chk = slip("liaoyuan", ADULT, LYU_STAY, fund=9700, serious_illness=4980)
    assert changes(chk) == [{"cross_region": ["long-term", "not-direct"]}]


# 烟台 resident inpatient, primary care: rate “达到了90%”; the first stay's deductible is not
# given; “第二次住院起付标准减半”, “第三次开始起付标准每次仅为100元”.
YT_STAY = Claim("inpatient", 5000, grade="primary")


def test_yantai_primary_stay_explained_by_the_third_stay():
    # With a first-stay deductible supplied (600): (5000 − 600) × 90 % = 3,960. The slip shows the
    # third stay's 100: (5000 − 100) × 90 % = 4,410. The second stay (300) would give 4,230.
    policy = apply_supplied(P["yantai"], parse([{"path": "resident.care.inpatient.deductible",
                                                 "value": 600, "per": "visit"}]))
    chk = check_slip(policy, ADULT, YT_STAY, parse_slip({"fund": 4410, "deductible": 100}))
    assert chk.verdict == "differs"
    assert changes(chk) == [{"stay": 3}]
    # Without the supplied figure the slip could also be a first stay whose deductible is 100:
    # the cited rule (stay 3) comes first, the implied figures after.
    chk = slip("yantai", ADULT, YT_STAY, fund=4410, deductible=100)
    assert changes(chk)[0] == {"stay": 3} and chk.explanations[0].implies == []
    assert [(i.path, i.value) for i in chk.explanations[1].implies] == [
        ("resident.care.inpatient.deductible", 100)]


def test_yantai_first_stay_pins_the_unknown_deductible():
    # fund = (5000 − d) × 90 % = 3,600 → d = 5000 − 3600 / 0.9 = 1,000; the slip's 起付标准 agrees.
    chk = slip("yantai", ADULT, YT_STAY, fund=3600, deductible=1000)
    assert chk.lines[0].expected is None  # the estimate alone cannot say
    first = chk.explanations[0]
    assert first.changes == {} and first.matches == ["fund", "deductible"]
    assert [(i.path, i.value, i.grades) for i in first.implies] == [
        ("resident.care.inpatient.deductible", 1000, ["primary"])]
    assert chk.verdict == "matches"
    assert "the slip implies a first-stay deductible of 1,000.00" in text("yantai", ADULT, chk)
    assert as_json(chk)["explanations"][0]["implies"] == [
        {"path": "resident.care.inpatient.deductible", "value": "1000.00", "grades": ["primary"]}]
    # Re-running the engine with the implied figure supplied gives the slip.
    fixed = apply_supplied(P["yantai"], parse([first.implies[0].entry("visit")]))
    assert estimate(fixed, ADULT, YT_STAY).fund == D("3600.00")
    # The serious-illness box stays unknown (烟台 gives none of its figures): "unknown", with
    # the deductible still pinned.
    chk = slip("yantai", ADULT, YT_STAY, fund=3600, deductible=1000, serious_illness=0)
    assert chk.verdict == "unknown"
    assert chk.explanations[0].implies[0].value == 1000
    assert chk.explanations[0].unknown == ["serious_illness"]


def test_a_figure_the_slip_does_not_pin_is_not_invented():
    # A 500 stay paid nothing: any first-stay deductible of 500 or more gives fund 0.
    chk = slip("yantai", ADULT, Claim("inpatient", 500, grade="primary"), fund=0)
    assert all(not e.implies or e.changes for e in chk.explanations)
    assert chk.verdict == "unknown"


# 辽阳 employee outpatient, grade 3: “年度起付线500元”, “三级医院报销50%”.
# A 1,000 visit, the first of the year: (1000 − 500) × 50 % = 250.
LY_OUT = Claim("outpatient", 1000, grade="3")


def test_outpatient_deductible_already_met():
    # Met by earlier visits: 1,000 × 50 % = 500; this visit's deductible 0.
    chk = slip("liaoyang", ACTIVE, LY_OUT, fund=500, deductible=0)
    assert changes(chk) == [{"deductible_left": "0.00"}]
    # Part met, 200 still to pay: (1000 − 200) × 50 % = 400.
    chk = slip("liaoyang", ACTIVE, LY_OUT, fund=400, deductible=200)
    assert changes(chk) == [{"deductible_left": "200.00"}]
    assert "earlier visits this year left 200.00 of the deductible to pay" in text(
        "liaoyang", ACTIVE, chk)
    # From the fund alone: 1000 − 400 / 0.5 = 200 left.
    assert changes(slip("liaoyang", ACTIVE, LY_OUT, fund=400)) == [{"deductible_left": "200.00"}]


def test_a_slip_no_change_explains():
    # 9,999 of a 10,000 stay: no grade, category, cross-region … (nor two of them) pays 99.99 %.
    chk = slip("liaoyang", ACTIVE, LY_STAY, fund=9999, self_pay=1)
    assert chk.verdict == "differs" and chk.explanations == []
    assert "no single or double change explains it: ask the hospital for the itemised bill" in text(
        "liaoyang", ACTIVE, chk)
    assert chk.runs < 400  # a few hundred estimates at most


def test_account_and_cash_must_add_up_to_the_self_pay():
    # 1,000 + 1,000 = 2,000 against 2,640.
    chk = slip("liaoyang", ACTIVE, LY_STAY, fund=7360, personal_account=1000, cash=1000)
    split = next(ln for ln in chk.lines if ln.field == "personal_account+cash")
    assert split.status == "differs" and split.difference == D(-640)
    assert chk.verdict == "differs"


@pytest.mark.parametrize("figures, key", [
    ({}, "slip.err.none"), ({"fund": -5}, "slip.err.negative"), ({"fund": "7820.001"}, "slip.err.amount"),
    ({"fnd": 1}, "slip.err.key")])
def test_bad_slips(figures, key):
    with pytest.raises(SlipError) as e:
        parse_slip(figures)
    assert e.value.msg.key == key


def test_a_figure_over_the_total():
    with pytest.raises(SlipError) as e:
        slip("liaoyang", ACTIVE, LY_STAY, fund=10001)
    assert e.value.msg.key == "slip.err.over_total" and e.value.msg.args["box"] == "fund"
    assert render(e.value.msg, "en") == "slip fund 10,001.00 is larger than the total 10,000.00"
    with pytest.raises(SlipError):  # the slip's own total counts when it gives one
        slip("liaoyang", ACTIVE, LY_STAY, total=5000, fund=6000)


# ── the command ──

SLIP_FILE = """\
city = "liaoyang"
scheme = "employee"
category = "active"

[[claim]]
care = "inpatient"
grade = "3"
amount = 10000
date = 2025-03-10

[slip]
total = 10000
fund = 7820
deductible = 800
self_pay = 2180
"""


def run(capsys, *args):
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_file_json(tmp_path, capsys):
    f = tmp_path / "slip.toml"
    f.write_text(SLIP_FILE, encoding="utf-8")
    rc, out, err = run(capsys, "slip", str(f), "--json")
    assert rc == 1 and err == ""  # the verdict in the exit status: 1 differs (issue #21 item 5)
    d = json.loads(out)
    assert d["verdict"] == "differs"
    assert [ln["field"] for ln in d["lines"]] == ["total", "fund", "deductible", "self_pay"]
    assert d["explanations"][0]["changes"] == {"category": "retired"}
    assert d["explanations"][0]["matches"] == ["total", "fund", "deductible", "self_pay"]
    assert d["estimate"]["claim"]["date"] == "2025-03-10"


def test_cli_flags_text(capsys):
    rc, out, _ = run(capsys, "slip", "--city", "liaoyang", "--scheme", "employee", "--category",
                     "active", "--care", "outpatient", "--grade", "3", "--amount", "1000",
                     "--slip-fund", "500", "--slip-deductible", "0", "--lang", "en")
    assert rc == 1  # differs (250.00 expected), explained below
    assert "the deductible was already met by earlier visits this year" in out


def test_docs_example_runs(capsys):
    from .conftest import ROOT

    text_ = (ROOT / "docs" / "slip.md").read_text(encoding="utf-8")
    example = text_.split("```toml\n", 1)[1].split("```", 1)[0]
    assert example == SLIP_FILE


@pytest.mark.parametrize("extra, says", [
    (["--slip-fund", "20000"], "larger than the total"),
    (["--slip-fund", "-5"], "is negative"),
    ([], "the slip has no figures"),
    (["--slip-fund", "abc"], "is not an amount"),
])
def test_cli_bad_input_exit_2(capsys, extra, says):
    rc, out, err = run(capsys, "slip", "--city", "liaoyang", "--scheme", "employee", "--category",
                       "active", "--care", "inpatient", "--grade", "3", "--amount", "10000", *extra)
    assert rc == 2 and out == "" and says in err and err.count("\n") == 1


def test_cli_file_with_two_claims_exit_2(tmp_path, capsys):
    f = tmp_path / "slip.toml"
    f.write_text(SLIP_FILE.replace("[slip]", "[[claim]]\ncare = \"outpatient\"\namount = 1\n\n[slip]"),
                 encoding="utf-8")
    rc, _, err = run(capsys, "slip", str(f))
    assert rc == 2 and "exactly one [[claim]]" in err


# ── property: an estimate's own figures as a slip always match ──

@st.composite
def visits(draw):
    city = draw(st.sampled_from(sorted(P)))
    p = P[city]
    scheme = draw(st.sampled_from(sorted(p.scheme_ids)))
    sch = p.scheme(scheme)
    person = Person(scheme, draw(st.sampled_from(sch.categories)))
    care_kind = draw(st.sampled_from(sch.care_kinds(person.category)))
    care = sch.care(care_kind)
    diseases = sorted(care.diseases)
    disease = draw(st.sampled_from(diseases)) if diseases and care.disease_required else None
    amount = draw(st.decimals(min_value=0, max_value=300000, places=2, allow_nan=False,
                              allow_infinity=False))
    claim = Claim(care_kind, amount, grade=draw(st.sampled_from(care.grades)), disease=disease)
    return city, person, claim


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visits())
def test_an_estimates_own_figures_always_match(v):
    city, person, claim = v
    try:
        claim = check(P[city], person, claim)
    except EstimateError:
        return
    res = estimate(P[city], person, claim)
    f, s, p, t = shown(res, P[city])
    figures = {k: x for k, x in (("total", t), ("fund", f), ("serious_illness", s),
                                 ("self_pay", p)) if x is not None}
    chk = check_slip(P[city], person, claim, parse_slip(figures))
    assert chk.verdict == "matches"
    assert all(ln.status == "match" for ln in chk.lines)


def test_earlier_visits_carry_into_the_slip():
    # 辽阳 outpatient grade 3 after an earlier 300 visit this year: 300 of the 500 deductible met,
    # so (1000 − 200) × 50 % = 400 — the slip's 400 matches with the earlier visit given.
    earlier = Claim("outpatient", 300, grade="3")
    chk = check_slip(P["liaoyang"], ACTIVE, LY_OUT, parse_slip({"fund": 400, "deductible": 200}),
                     prior=[earlier])
    assert chk.verdict == "matches"
    # Without it the same slip needs 200 left of the deductible (test above).


def test_a_household_visits_slip_checks_account_and_cash():
    from yibao_tui.core import household as H
    from yibao_tui.core.policy.cache import PolicyCache
    from yibao_tui.core.slip.household import check_household_visit

    from .conftest import ROOT

    h = H.parse((ROOT / "yibao_tui" / "data" / "demo-household.toml").read_text(encoding="utf-8"),
                "demo.toml")
    pc = PolicyCache([str(POLICIES)], 2025)
    # 王伟, March, outpatient grade 3, 1,000: (1000 − 500) × 50 % = 250, he pays 750. His account
    # (800 at the start of the year, credited monthly; 140 drawn for his wife in February) holds
    # more than 750 in March: all 750 from the account, 0 cash.
    chk = check_household_visit(h, pc, "me", 0, {"fund": 250, "personal_account": 750, "cash": 0})
    assert chk.verdict == "matches"
    assert {ln.field: ln.status for ln in chk.lines}["personal_account"] == "match"
    # The same split the other way round adds up (750) but is not what the family year draws.
    chk = check_household_visit(h, pc, "me", 0, {"fund": 250, "personal_account": 0, "cash": 750})
    st = {ln.field: ln.status for ln in chk.lines}
    assert st["personal_account+cash"] == "match" and st["cash"] == "differs"
    assert chk.verdict == "differs"
    # 妈妈, retired, May, inpatient grade 3, 20,000: (20000 − 800) × 85 % = 16,320.
    assert check_household_visit(h, pc, "mum", 0, {"fund": 16320}).verdict == "matches"
    with pytest.raises(SlipError) as e:
        check_household_visit(h, pc, "mum", 3, {"fund": 1})
    assert render(e.value.msg, "en") == "the household has no visit 4 of 妈妈"


def test_a_household_visit_carries_its_slip_and_the_year_marks_it():
    from yibao_tui.core import household as H
    from yibao_tui.core.household.model import to_dict
    from yibao_tui.core.household.year import run_year
    from yibao_tui.core.policy.cache import PolicyCache
    from yibao_tui.views.year import year_document

    from .conftest import ROOT

    text_ = (ROOT / "yibao_tui" / "data" / "demo-household.toml").read_text(encoding="utf-8")
    # 妈妈's stay: (20000 − 800) × 85 % = 16,320; her slip says 16,150 (170.00 less).
    text_ = text_.replace("out_of_policy = 1500.00\n",
                          "out_of_policy = 1500.00\nslip = { fund = 16150, total = 21500 }\n")
    h = H.parse(text_, "fam.toml")
    visit = h.member("mum").visits[0]
    assert visit.slip == {"total": D(21500), "fund": D(16150)}
    assert to_dict(h)["member"][2]["visit"][0]["slip"] == visit.slip  # saved back as read
    pc = PolicyCache([str(POLICIES)], 2025)
    doc = year_document(h, run_year(h, pc), pc, "en")
    extra = [x for r in doc.sections[0].rows for x in r.extra]
    assert "≠ the slip differs: fund −170.00 (yibao slip says what would explain it)" in extra
    with pytest.raises(H.HouseholdError) as e:
        H.parse(text_.replace("fund = 16150", "fund = -1"), "fam.toml")
    assert "slip fund: -1 is negative" in render(H.problem_msg(e.value.problems[0]), "en")
