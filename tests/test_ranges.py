"""Ranges over unknown figures (issue #12): hand-worked bounds from the policy files and their
quotes, the JSON keys, and the property that any figures inside the box give amounts inside."""

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yibao_tui.cli import main
from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Claim, Person, estimate_year, shown
from yibao_tui.core.engine import ranges as rg
from yibao_tui.core.policy import PolicyError
from yibao_tui.core.supplied import apply_supplied
from yibao_tui.core.vocab import PERIODS

from .conftest import POLICIES, SEEDS, examples
from .msg_helpers import problem_lines

D = Decimal


def city(name):
    return pol.load_city(name, dirs=[str(POLICIES)])


def pair(a, b):
    return (D(a).quantize(D("0.01")), D(b).quantize(D("0.01")))


def run_json(capsys, *args):
    assert main(["estimate", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


SHENYANG = ["--city", "shenyang", "--scheme", "resident", "--category", "adult"]


# ───────────────────────── hand-worked ranges ─────────────────────────

def test_shenyang_stay_self_pay_range(capsys):
    # 沈阳 resident, grade 3 stay of 10,000 ("三级 300 600 75% 75%"): fund (10000 − 600) × 75%
    # = 7,050.00, exact. 大病 base = in-policy self-pay 10000 − 7050 = 2,950 (the fund's cap is
    # unknown, so nothing counts as beyond it). The threshold is unknown, ≥ 0:
    #   threshold 0:       大病 pays 2,950 × 60 % ("5万元（含5万元）以下的支付比例为60%") = 1,770.00,
    #                      self-pay 2,950 − 1,770 = 1,180.00;
    #   threshold ≥ 2,950: 大病 pays 0, self-pay 2,950.00.
    d = run_json(capsys, *SHENYANG, "--care", "inpatient", "--grade", "3", "--amount", "10000")
    assert d["fund"] == "7050.00" and "fund_range" not in d
    assert d["serious_illness"] is None and d["serious_illness_range"] == ["0.00", "1770.00"]
    assert d["self_pay"] is None and d["self_pay_range"] == ["1180.00", "2950.00"]
    assert d["missing"] == ["resident.serious_illness.threshold"]
    assert d["unchecked"] == ["resident.fund_cap"]  # a cap no source gives stays unapplied


def test_yantai_first_stay_ranges(capsys):
    # 烟台 resident, first stay of 10,000 at a primary hospital: rate 90 % ("政策范围内报销比例达到
    # 了90%"), deductible unknown (≥ 0; 10,000 takes the whole stay, more changes nothing):
    #   fund: deductible 0 → 10000 × 90 % = 9,000.00; deductible 10,000 → 0.00.
    # 大病's threshold, rate and cap are all unknown: its base is the self-pay, 1,000 … 10,000;
    #   大病: threshold ≥ base or rate 0 or cap 0 → 0.00; threshold 0, rate 100 %, no binding cap
    #   with the deductible at 10,000 → the whole 10,000.00;
    #   self-pay: 0.00 (rate 100 %) … 10,000.00 (deductible 10,000, 大病 0).
    d = run_json(capsys, "--city", "yantai", "--scheme", "resident", "--category", "adult",
                 "--care", "inpatient", "--grade", "primary", "--amount", "10000")
    assert d["fund"] is None and d["fund_range"] == ["0.00", "9000.00"]
    assert d["serious_illness_range"] == ["0.00", "10000.00"]
    assert d["self_pay_range"] == ["0.00", "10000.00"]


def test_yantai_outpatient_range_without_serious_illness(capsys):
    # 烟台 outpatient at grade 2, 300: rate 65 % ("报销比例提高至65%"), deductible unknown; 大病
    # covers inpatient only, so it is 0.00, exact. fund: 300 × 65 % = 195.00 … 0.00;
    # self-pay: 300 − 195 = 105.00 … 300.00.
    d = run_json(capsys, "--city", "yantai", "--scheme", "resident", "--category", "adult",
                 "--care", "outpatient", "--grade", "2", "--amount", "300")
    assert d["fund_range"] == ["0.00", "195.00"] and d["self_pay_range"] == ["105.00", "300.00"]
    assert d["serious_illness"] == "0.00" and "serious_illness_range" not in d


@pytest.mark.parametrize(("scheme", "category", "fund_hi", "self_lo"), [
    # "报销比例最高可达95%(职工医保)和90%(居民医保)", no deductible ("取消门槛费"), drugs of 1,000:
    # the rate is 0 … 95 % (employee): fund 0.00 … 950.00, self-pay 1000 − 950 = 50.00 … 1,000.00;
    # 0 … 90 % (resident): fund 0.00 … 900.00, self-pay 100.00 … 1,000.00.
    ("employee", "active", "950.00", "50.00"),
    ("resident", "adult", "900.00", "100.00"),
])
def test_tieling_two_disease_rate_is_bounded_by_the_source(capsys, scheme, category, fund_hi, self_lo):
    d = run_json(capsys, "--city", "tieling", "--scheme", scheme, "--category", category,
                 "--care", "two-disease", "--grade", "2", "--disease", "diabetes", "--amount", "1000")
    assert d["fund_range"] == ["0.00", fund_hi]
    assert d["self_pay_range"] == [self_lo, "1000.00"]


def test_year_file_mixing_known_and_unknown_visits(tmp_path, capsys):
    # 沈阳 resident. Visit 1, outpatient pooling at 基层, 1,000 in March: (1000 − 40 "每季40元")
    # × 55 % = 528, capped at "每季150元": fund 150.00, self-pay 850.00 — exact, no range keys.
    # Visit 2, the grade 3 stay of 10,000 above: fund 7,050.00; 大病 0 … 1,770.00; self-pay
    # 1,180.00 … 2,950.00. Year: fund 150 + 7050 = 7,200.00 exact; 大病 0.00 … 1,770.00;
    # self-pay 850 + 1180 = 2,030.00 … 850 + 2950 = 3,800.00.
    f = tmp_path / "year.toml"
    f.write_text('city = "shenyang"\nscheme = "resident"\ncategory = "adult"\n'
                 '[[claim]]\ncare = "outpatient"\namount = 1000\ndate = 2024-03-02\n'
                 '[[claim]]\ncare = "inpatient"\ngrade = "3"\namount = 10000\ndate = 2024-05-10\n',
                 encoding="utf-8")
    d = run_json(capsys, "--claims", str(f))
    v1, v2 = d["claims"]
    assert (v1["fund"], v1["serious_illness"], v1["self_pay"]) == ("150.00", "0.00", "850.00")
    assert not [k for k in v1 if k.endswith("_range")]
    assert v2["self_pay_range"] == ["1180.00", "2950.00"]
    y = d["year"]
    assert y["fund"] == "7200.00" and "fund_range" not in y
    assert y["serious_illness_range"] == ["0.00", "1770.00"]
    assert y["self_pay_range"] == ["2030.00", "3800.00"]


def test_known_estimate_has_no_range_keys(capsys):
    # 辽阳 (1000 − 500) × 50 % = 250.00: every amount exact, the contract unchanged.
    d = run_json(capsys, "--city", "liaoyang", "--scheme", "employee", "--category", "active",
                 "--care", "outpatient", "--grade", "3", "--amount", "1000")
    assert not [k for k in d if k.endswith("_range")]


def test_no_range_where_no_value_can_fill_the_gap():
    # A cover start no source gives is no figure with a range: the range is None, never a guess.
    p = city("shenyang")
    missing = ["resident.enrolment.cover"]
    assert rg.figures(p, "resident", missing, [Claim("inpatient", 100, grade="3")]) is None


def test_corner_limit(monkeypatch):
    # 烟台 grade 3: deductible, rate, 大病 threshold, rate and cap: 5 figures, 2 ** 5 = 32 corners.
    p, person = city("yantai"), Person("resident", "adult")
    claims = [Claim("inpatient", 10000, grade="3")]
    assert rg.year_ranges(p, person, claims).corners == 32
    monkeypatch.setattr(rg, "MAX_FIGURES", 4)
    # Past the limit (#20): a loose bound from the fund's two corners, said to be loose. The
    # deductible 0 … 10,000 and rate 0 … 100 %: fund 0.00 … (10000 − 0) × 100 % = 10,000.00;
    # 大病 at most what the fund leaves (10,000); the self-pay 0 … 10,000.
    r = rg.year_ranges(p, person, claims)
    assert r.loose and r.corners == 2
    assert r.year["fund"] == (D("0.00"), D("10000.00"))
    assert r.year["self_pay"] == (D("0"), D("10000.00"))


# ───────────────────────── the bound in the policy file ─────────────────────────

def fold(s):
    return "".join(s.split())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the repo")
def test_bound_quote_is_in_its_source():
    p = city("tieling")
    rows = [r for s in p.scheme_ids for r in p.care(s, "two-disease").rows("rate")]
    bounded = [r for r in rows if "bound" in r]
    assert [r["bound"]["max"] for r in bounded] == [D("0.95"), D("0.90")]
    for r in bounded:
        text = (SEEDS / r["source"]).read_text(encoding="utf-8")
        assert fold(r["bound_quote"]) in fold(text)


@pytest.mark.parametrize(("bound", "extra", "problem"), [
    ("bound = { max = 1.5 }", True, "bound.max: rate 1.5 is outside 0–1"),
    ("bound = { min = 0.9, max = 0.5 }", True, "bound: min is above max"),
    ("bound = { max = 0.9 }", False, "bound_quote: missing"),
    ("bound = { most = 0.9 }", True, "bound.most: unknown key"),
])
def test_bound_is_validated(tmp_path, bound, extra, problem):
    text = (POLICIES / "tieling-2025.toml").read_text(encoding="utf-8")
    old = 'bound = { max = 0.90 }  # the range of this rate stops at the maximum the text gives\n'
    assert old in text
    new = bound + "\n"
    text = text.replace(old, new)
    if not extra:
        text = text.replace('bound_quote = "报销比例最高可达95%(职工医保)和90%(居民医保)"\n', "", 2)
        text = text.replace("bound = { max = 0.95 }", "", 1)
    (tmp_path / "tieling-2025.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        pol.load(tmp_path / "tieling-2025.toml")
    assert problem in problem_lines(e.value)


def test_bound_only_on_an_unknown_row(tmp_path):
    text = (POLICIES / "tieling-2025.toml").read_text(encoding="utf-8")
    text = text.replace('quote = "二级及以下医疗机构200元"\n',
                        'quote = "二级及以下医疗机构200元"\nbound = { max = 300 }\n', 1)
    (tmp_path / "tieling-2025.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        pol.load(tmp_path / "tieling-2025.toml")
    assert "only an unknown figure takes a bound" in problem_lines(e.value)


# ───────────────── the property: any figures inside the box give amounts inside ─────────────────

CASES = [  # (city, scheme, category, [(care, grade, disease)])
    ("shenyang", "resident", "adult", [("inpatient", "3", None), ("outpatient", "primary", None),
                                       ("inpatient", "2", None)]),
    ("yantai", "resident", "adult", [("inpatient", "primary", None), ("inpatient", "3", None),
                                     ("outpatient", "2", None), ("two-disease", "1", "diabetes")]),
    ("tieling", "employee", "active", [("two-disease", "2", "diabetes"), ("outpatient", "3", None)]),
    ("tieling", "resident", "adult", [("two-disease", "3", "hypertension")]),
]


@st.composite
def scenario(draw):
    name, scheme, cat, kinds = draw(st.sampled_from(CASES))
    visits = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=4))
    amounts = draw(st.lists(st.integers(0, 300000), min_size=len(visits), max_size=len(visits)))
    claims = [Claim(c, a, grade=g, disease=dz) for (c, g, dz), a in zip(visits, amounts, strict=True)]
    return name, Person(scheme, cat), claims


POLICY = {n: city(n) for n in ("shenyang", "yantai", "tieling")}


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario(), st.data())
def test_exact_result_inside_the_box_lies_inside_the_range(sc, data):
    name, person, claims = sc
    p = POLICY[name]
    r = rg.year_ranges(p, person, claims)
    if r.year is None:
        return
    # Any figures inside the box — each unknown row its own value (not tied), a deductible any
    # period — filled in as a user would, and the exact estimate.
    entries = []
    for fig in r.figures:
        for e in fig.entries(fig.lo):
            lo, hi = fig.lo, fig.hi
            frac = D(data.draw(st.integers(0, 1000))) / 1000
            e["value"] = (lo + (hi - lo) * frac).quantize(D("0.0001"))
            care = fig.path.split(".")[2] if ".care." in fig.path else None
            if fig.path.endswith("deductible") and not p.care(person.scheme, care).has("repeat_stays"):
                # Any period. (Not where the source has a repeat-stay rule: "第二次住院起付标准减半
                # … 第三次开始起付标准每次仅为100元" sets the deductible per stay.)
                e["per"] = data.draw(st.sampled_from(PERIODS))
            entries.append(e)
    filled = apply_supplied(p, entries)
    res = estimate_year(filled, person, claims)
    for v, vr in zip(res.visits, r.visits, strict=True):
        f, s, sp, _ = shown(v, filled)
        for k, x in (("fund", f), ("serious_illness", s), ("self_pay", sp)):
            assert vr[k][0] <= x <= vr[k][1], (k, x, vr[k], name, _desc(claims), entries)
    f, s, sp, _ = shown(res, filled)
    for k, x in (("fund", f), ("serious_illness", s), ("self_pay", sp)):
        assert r.year[k][0] <= x <= r.year[k][1], (k, x, r.year[k], name, _desc(claims), entries)


def _desc(claims):
    return [(c.care, c.grade, c.disease, c.amount) for c in claims]


def test_corner_fill_agrees_with_apply_supplied():
    # The corners fill unknown rows on copies of their lists (the fast path stays light); a user's
    # own figures go through supplied.apply_supplied. At every corner both give the same estimate.
    import itertools

    p, person = city("yantai"), Person("resident", "adult")
    claims = [Claim("inpatient", 10000, grade="3"), Claim("outpatient", 300, grade="2")]
    dims = rg.figures(p, "resident", estimate_year(p, person, claims).missing, claims)
    assert len(dims) == 6  # inpatient deductible, rate; outpatient deductible; 大病 × 3
    for corner in itertools.product(*[(d.lo, d.hi) for d in dims]):
        pairs = list(zip(dims, corner, strict=True))
        a = estimate_year(rg.fill(p, pairs), person, claims)
        b = estimate_year(apply_supplied(p, [e for d, v in pairs for e in d.entries(v)]), person, claims)
        assert shown(a, p) == shown(b, p) and None not in shown(a, p)
    assert "unknown" in p.care("resident", "inpatient").rows("deductible")[0]  # not mutated


# ───────────────────────── text and Markdown ─────────────────────────

def test_text_shows_the_range_and_what_it_depends_on(capsys):
    # The 沈阳 stay above, in words: self-pay first (the family plans with the greatest).
    assert main(["estimate", *SHENYANG, "--care", "inpatient", "--grade", "3", "--amount", "10000"]) == 0
    out = capsys.readouterr().out
    assert "≈ 个人自付 1,180.00 – 2,950.00 · 大病保险 0.00 – 1,770.00（取决于：大病保险起付标准）" in out
    assert main(["estimate", *SHENYANG, "--care", "inpatient", "--grade", "3", "--amount", "10000",
                 "--lang", "en"]) == 0
    flat = " ".join(capsys.readouterr().out.split())  # the line is wrapped to the terminal
    assert ("≈ you pay 1,180.00 – 2,950.00 · serious illness 0.00 – 1,770.00 "
            "(depending on: the serious-illness threshold)") in flat


def test_text_says_when_no_range_can_be_given(capsys):
    # 辽阳 resident paid late (2025-03-01, after the window): "逾期缴费将影响2025年医保待遇" gives
    # no cover start, and a date is no figure a value can fill: no range, said so.
    assert main(["estimate", "--city", "liaoyang", "--scheme", "resident", "--category", "adult",
                 "--care", "inpatient", "--grade", "3", "--amount", "10000",
                 "--paid", "2025-03-01", "--date", "2025-04-01"]) == 0
    assert "≈ 无法给出范围（待遇起始日不是可填写的数额）" in capsys.readouterr().out


def test_an_unknown_cross_region_cut_has_its_natural_range(capsys):
    # 辽阳 unregistered: "否则报销比例会降低甚至无法报销" gives no rate. The rate the fund pays
    # ranges 0–100 %: fund 0 … (10000 − 600 "三级 600") × 100 % = 9,400.00; 大病 pays only beyond
    # the fund's cap, so 0; you pay 10,000 − 9,400 = 600.00 … 10,000.00.
    assert main(["estimate", "--city", "liaoyang", "--scheme", "resident", "--category", "adult",
                 "--care", "inpatient", "--grade", "3", "--amount", "10000",
                 "--cross-region", "unregistered", "--lang", "en"]) == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert "≈ you pay 600.00 – 10,000.00 · fund 0.00 – 9,400.00" in flat


def test_markdown_export_shows_the_range():
    from yibao_tui.tui.wizard import Selection, compute
    from yibao_tui.views.estimate import headline, visit_document
    from yibao_tui.views.markdown import markdown

    s = Selection()
    s.city, s.scheme, s.category, s.care, s.grade = "shenyang", "resident", "adult", "inpatient", "3"
    s.values["amount"] = D(10000)
    p = city("shenyang")
    res, _ = compute(p, s)
    md = markdown(visit_document(p, s.person(), res, "zh", rg.visit_range(p, s.person(), res.claim)))
    assert "个人自付 1,180.00 – 2,950.00 · 大病保险 0.00 – 1,770.00（取决于：大病保险起付标准）" in md
    assert headline(rg.visit_range(p, s.person(), res.claim), "zh") == "最多自付 2,950.00"


def test_describe_names_the_figure_and_who_knows_it():
    from yibao_tui.views.unknowns import describe

    # 沈阳's source names where to ask ("可登陆沈阳市医疗保障局网站（ybj.shenyang.gov.cn）…"); no
    # hotline number is in any source, so none is shown.
    d = describe(city("shenyang"), "resident.serious_illness.threshold", "zh")
    assert d.startswith("大病保险起付标准：资料未给出。")
    assert "沈阳医保经办机构" in d and "ybj.shenyang.gov.cn" in d and "12393" not in d
    d = describe(city("yantai"), "resident.care.inpatient.deductible", "en")
    assert d == ("Inpatient deductible: not in the sources. Where to find it: the hospital's price "
                 "notice or your settlement slip; the Yantai 医保 office")


def test_ask_table_is_validated(tmp_path):
    text = (POLICIES / "shenyang-2024.toml").read_text(encoding="utf-8")
    q = ('quote = "可登陆沈阳市医疗保障局网站（ybj.shenyang.gov.cn）、注册沈阳智慧医保APP'
         '或关注沈阳智慧医保微信公众号"\n')
    assert q in text
    (tmp_path / "shenyang-2024.toml").write_text(text.replace(q, "", 1), encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        pol.load(tmp_path / "shenyang-2024.toml")
    assert "ask.quote: missing" in problem_lines(e.value)
