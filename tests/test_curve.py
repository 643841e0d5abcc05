"""The cost curve (issue #14): hand-worked break points from the policy files and their quotes, and
the properties that the engine is linear between the points and no break is missed."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Claim, Person
from yibao_tui.core.engine.curve import AMOUNTS, curve, default_end, visit_at

from .conftest import POLICIES, examples

D = Decimal


def city(name):
    return pol.load_city(name, dirs=[str(POLICIES)])


def at(c, amount):
    return next(p for p in c.points if p.amount == D(amount))


def breaks(c):
    return [(str(b.amount), b.what) for b in c.breaks]


def test_liaoyuan_grade2_adult():
    # 辽源 "二级 600元 1元-30000元 70% 30001元至60000元 75% 60001元以上 80%", bands counted above
    # the deductible; 大病 "起付标准为2000元", "起付标准以上0-10000元(含10000元) 60% … 10001元-
    # 100000元 70%", on the year's in-policy self-pay.
    c = curve(city("liaoyuan"), Person("resident", "adult"), [Claim("inpatient", 20000, grade="2")])
    assert c.points[0].amount == 0 and c.points[-1].amount == D(60000)  # 3 × 20,000
    assert breaks(c) == [
        ("600.00", "deductible"),
        # self-pay 600 + 30 % of the rest reaches 2,000 at 600 + 1,400 / 0.3 = 5,266.666… → 5,266.67
        ("5266.67", "si_threshold"),
        ("30600.00", "band"),  # band 2 from 600 + 30,000
        # self-pay at 30,600: 600 + 9,000 = 9,600; 大病 band 2 from 2,000 + 10,000 = 12,000 of
        # self-pay: 30,600 + 2,400 / 0.25 = 40,200
        ("40200.00", "si_band"),
    ]
    assert [b.n for b in c.breaks if b.what in ("band", "si_band")] == [2, 2]
    # 600: fund 0, self-pay 600
    assert at(c, 600).shown == (D("0.00"), D("0.00"), D("600.00"))
    # 30,600: fund 30,000 × 0.7 = 21,000; self-pay 9,600 → 大病 (9,600 − 2,000) × 0.6 = 4,560
    assert at(c, 30600).shown == (D("21000.00"), D("4560.00"), D("5040.00"))
    # slope in band 2 (30,600 … 40,200): fund 0.75, 大病 0.25 × 0.6 = 0.15, self-pay 0.10
    sl = c.slope(D(35000))
    assert (sl["fund"], sl["serious_illness"], sl["self_pay"]) == (D("0.75"), D("0.15"), D("0.10"))
    # the band-3 edge is counted too once the curve reaches it: 600 + 60,000
    c2 = curve(city("liaoyuan"), Person("resident", "adult"), [Claim("inpatient", 20000, grade="2")],
               to=100000)
    assert ("60600.00", "band") in breaks(c2)


def test_shenyang_special_grade3_jump():
    # 沈阳 "特三级 600 1200 70%", adult deductible 1,200; "70%（1.5万元以上） 65%（1.5万元及以下）"
    # read as one rate for the whole bill by its size: the fund jumps at 15,000.
    c = curve(city("shenyang"), Person("resident", "adult"),
              [Claim("inpatient", 10000, grade="3-special")])
    assert breaks(c) == [("1200.00", "deductible"), ("15000.00", "tier")]
    assert c.breaks[1].after == D("15000.01")
    # 15,000: (15,000 − 1,200) × 0.65 = 8,970.00
    assert at(c, "15000.00").fund == D("8970.00")
    # 15,000.01: 13,800.01 × 0.70 = 9,660.007 → 9,660.01: 690.01 more for one fen more
    assert at(c, "15000.01").fund == D("9660.01")
    # 大病's threshold is not given (and the fund cap neither): unknown above the start
    assert c.unknown == ["serious_illness", "self_pay"]
    assert at(c, 1200).serious_illness is None


def test_liaoyang_employee_year_fund_cap():
    # 辽阳 employee, "三级 800 80% 85%" (active 80 %), "统筹基金年度最高支付限额为12万元"; 大病
    # "超过部分 … 报销比例60%,不设封顶线" on the cost beyond the cap only.
    # First stay 100,000: fund (100,000 − 800) × 0.8 = 79,360; 40,640 of the cap is left, reached
    # by the second stay at 800 + 40,640 / 0.8 = 51,600.
    lg = city("liaoyang")
    claims = [Claim("inpatient", 100000, grade="3"), Claim("inpatient", 30000, grade="3")]
    c = curve(lg, Person("employee", "active"), claims, to=100000)
    assert breaks(c) == [("800.00", "deductible"), ("51600.00", "fund_cap"),
                         ("51600.00", "si_threshold")]
    assert at(c, 51600).shown == (D("40640.00"), D("0.00"), D("10960.00"))
    # 100,000: the fund stays 40,640; 大病 (100,000 − 51,600) × 0.6 = 29,040
    assert at(c, 100000).shown == (D("40640.00"), D("29040.00"), D("30320.00"))
    sl = c.slope(D(60000))
    assert (sl["fund"], sl["serious_illness"], sl["self_pay"]) == (D(0), D("0.6"), D("0.4"))


def test_default_end():
    assert default_end(20000) == 60000
    assert default_end(1234) == 3800  # 3,702 rounded up to two figures
    assert default_end(0) == 10000


CASES = [
    ("liaoyuan", "resident", "adult", "inpatient", "2", ()),
    ("liaoyuan", "resident", "adult", "inpatient", "3", ("long-term",)),
    ("shenyang", "resident", "adult", "inpatient", "3-special", ()),
    ("shenyang", "resident", "minor", "inpatient", "1", ()),
    ("liaoyang", "employee", "retired", "inpatient", "2", ()),
    ("liaoyang", "employee", "active", "outpatient", "3", ()),
    ("tieling", "employee", "active", "inpatient", "3", ()),
    ("yantai", "resident", "adult", "inpatient", "3", ()),
]


def _case(i, amount, class_b):
    name, scheme, cat, care, grade, cr = CASES[i]
    p = city(name)
    if p.care(scheme, care) is None:
        return None
    grades = p.care(scheme, care).grades
    g = grade if grade in grades else grades[-1]
    return p, Person(scheme, cat), Claim(care, amount, grade=g, class_b=min(class_b, amount),
                                         cross_region=cr)


def _raw(p, person, claim, x):
    r = visit_at(p, person, [claim], 0, x)
    return (r.fund, r.serious_illness, r.self_pay)


def _on_line(c, p, person, claim, x):
    a, b = c.segment(x)
    if b.amount - a.amount <= D("0.01"):
        return
    ya, yb, y = _raw(p, person, claim, a.amount), _raw(p, person, claim, b.amount), \
        _raw(p, person, claim, x)
    w = (x - a.amount) / (b.amount - a.amount)
    for k, va, vb, v in zip(AMOUNTS, ya, yb, y, strict=True):
        if v is None or va is None or vb is None:
            continue
        assert abs(va + (vb - va) * w - v) <= D("0.01"), (k, a.amount, b.amount, x)


# Bills from 0 to 400,000 spread over their orders of magnitude (plain decimals cluster near 0,
# where the curve has no break to miss).
amounts = st.builds(lambda m, e: (D(m) * D(10) ** e / 1000).quantize(D("0.01")),
                    st.integers(0, 4000), st.integers(0, 5))


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(CASES) - 1), amounts, st.sampled_from([0, 0, 500]),
       st.lists(amounts, min_size=3, max_size=6))
def test_linear_between_points_and_no_break_missed(i, amount, class_b, probes):
    got = _case(i, amount, class_b)
    if got is None:
        return
    p, person, claim = got
    c = curve(p, person, [claim])
    xs = [pt.amount for pt in c.points]
    assert xs == sorted(xs) and xs[0] == claim.class_b
    for a, b in zip(c.points, c.points[1:], strict=False):  # the midpoint is on the line
        _on_line(c, p, person, claim, (a.amount + b.amount) / 2)
    for x in probes:  # any amount on the curve's range is on the interpolated curve
        x = min(max(x, xs[0]), xs[-1])
        _on_line(c, p, person, claim, x)
    for b in c.breaks:  # a reported break is a point
        assert b.amount in xs


@pytest.mark.parametrize("i", range(len(CASES)))
def test_points_are_the_estimate(i):
    got = _case(i, D(40000), 0)
    if got is None:
        return
    p, person, claim = got
    from yibao_tui.core.engine import estimate, shown

    c = curve(p, person, [claim])
    for pt in c.points:
        r = estimate(p, person, Claim(claim.care, pt.amount, grade=claim.grade,
                                      cross_region=claim.cross_region))
        assert pt.shown == shown(r, p)[:3]
    # and every bill of the range on the interpolated curve: 0 … 120,000 every 997 yuan
    for x in range(0, 120000, 997):
        _on_line(c, p, person, claim, D(x))


# ── yibao estimate --curve ──

LIAOYUAN = ["estimate", "--city", "liaoyuan", "--scheme", "resident", "--category", "adult",
            "--care", "inpatient", "--grade", "2", "--amount", "20000"]


def test_cli_json_curve(capsys):
    import json

    from yibao_tui.cli import main

    assert main([*LIAOYUAN, "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert "curve" not in plain  # the contract is unchanged without --curve
    assert main([*LIAOYUAN, "--json", "--curve", "--to", "100000"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {k: v for k, v in out.items() if k != "curve"} == plain
    crv = out["curve"]
    assert crv["breaks"][0] == {"amount": "600.00", "what": "deductible"}
    assert {"amount": "30600.00", "what": "band", "band": 2} in crv["breaks"]
    assert crv["points"][0] == {"amount": "0.00", "fund": "0.00", "serious_illness": "0.00",
                                "self_pay": "0.00"}
    assert crv["points"][-1]["amount"] == "100000.00"
    assert crv["current"] == "20000.00" and crv["unknown"] == []
    # 30,600: fund 21,000, 大病 4,560, self-pay 5,040 (test_liaoyuan_grade2_adult)
    assert {"amount": "30600.00", "fund": "21000.00", "serious_illness": "4560.00",
            "self_pay": "5040.00"} in crv["points"]


def test_cli_json_curve_unknown_and_jump(capsys):
    import json

    from yibao_tui.cli import main

    assert main(["estimate", "--city", "shenyang", "--scheme", "resident", "--category", "adult",
                 "--care", "inpatient", "--grade", "3-special", "--amount", "10000", "--json",
                 "--curve"]) == 0
    crv = json.loads(capsys.readouterr().out)["curve"]
    assert {"amount": "15000.00", "what": "tier", "after": "15000.01"} in crv["breaks"]
    p = {q["amount"]: q for q in crv["points"]}
    assert (p["15000.00"]["fund"], p["15000.01"]["fund"]) == ("8970.00", "9660.01")
    # 大病's threshold unknown: null, with its range over the threshold (0 … the whole bill).
    # Self-pay 15,000 − 8,970 = 6,030; threshold 0: 大病 6,030 × 0.6 = 3,618 ("超过起付标准以上5万元
    # （含5万元）以下的支付比例为60%"), self-pay 2,412; threshold ≥ 6,030: 大病 0, self-pay 6,030.
    assert p["15000.00"]["serious_illness"] is None
    assert p["15000.00"]["serious_illness_range"] == ["0.00", "3618.00"]
    assert p["15000.00"]["self_pay_range"] == ["2412.00", "6030.00"]


def test_cli_text_curve_and_to_needs_curve(capsys):
    from yibao_tui.cli import main

    assert main([*LIAOYUAN, "--curve"]) == 0
    out = capsys.readouterr().out
    assert "起付线 600" in out and "第2段 30,600起" in out
    # band 1 past the 大病 threshold: self-pay 30 % of each yuan, 大病 takes 60 % of it: 120
    assert "每多花1,000元，您多付120元（当前区间）" in out
    assert main([*LIAOYUAN, "--to", "5000"]) == 2


def test_markdown_export_with_break_points():
    from yibao_tui.core.engine import estimate
    from yibao_tui.tui.wizard import Selection
    from yibao_tui.views.curve import curve_document
    from yibao_tui.views.estimate import visit_document, with_section
    from yibao_tui.views.markdown import markdown

    p = city("liaoyuan")
    s = Selection()
    s.city, s.scheme, s.category, s.care, s.grade = "liaoyuan", "resident", "adult", "inpatient", "2"
    s.values["amount"] = D(20000)
    res = estimate(p, s.person(), s.claim())
    c = curve(p, s.person(), [s.claim()])
    doc = visit_document(p, s.person(), res, "zh")
    assert "费用增长的变化点" not in markdown(doc)
    md = markdown(with_section(doc, *curve_document(c, "zh").sections))
    assert "## 费用增长的变化点" in md
    assert "| 第2段 30,600起 | 30,600 | 基金 21,000 · 大病 4,560 · 自付 5,040 |" in md
    assert "- 每多花1,000元，您多付120元（当前区间）" in md
    assert md.index("## 费用增长的变化点") < md.index("## 来源原文")


def test_to_below_the_bill_is_refused(capsys):
    from yibao_tui.cli import main

    rc = main(["estimate", "--city", "liaoyang", "--scheme", "employee", "--category", "active",
               "--care", "inpatient", "--grade", "3", "--amount", "100", "--curve", "--to", "0"])
    err = capsys.readouterr().err
    assert rc == 2 and "--to: 0.00 is not above the visit's amount 100.00" in err
