"""The typed, read-only view of a policy (core/policy/view.py), its one selector rule
(core/policy/select.py) and its one rule for the care kinds a category may use — held by the
engine's check and offered, the same, by every face (wizard, household form, ask, policies list;
the Textual screens are checked in test_tui_care_kinds.py)."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import POLICIES, examples
from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Claim, EstimateError, Person, check, estimate
from yibao_tui.core.policy import ANYONE, Where, matches, pick
from yibao_tui.core.vocab import CARE_KINDS

CITIES = ("liaoyang", "liaoyuan", "shenyang", "tieling", "yantai")


def city(name):
    return pol.load_city(name, dirs=[str(POLICIES)])


# 辽阳's resident outpatient care offered to adults and students only: minors may use inpatient
# care alone. No bundled file restricts a care kind by category, so this copy does.
RESTRICTED = '[resident.care.outpatient]\ncategories = ["adult", "student"]\n'


@pytest.fixture
def restricted(tmp_path):
    text = (POLICIES / "liaoyang-2025.toml").read_text(encoding="utf-8")
    assert text.count("[resident.care.outpatient]\n") == 1
    (tmp_path / "liaoyang-2025.toml").write_text(
        text.replace("[resident.care.outpatient]\n", RESTRICTED), encoding="utf-8")
    return tmp_path


def restricted_policy(d):
    return pol.load_city("liaoyang", dirs=[str(d)])


# ───────────────────────────── the one selector rule ─────────────────────────────

def test_a_row_applies_when_every_selector_it_carries_holds():
    w = Where(grade="3", category="adult", disease="cancer", flags={"minimum-living"})
    assert matches({}, w)  # no selectors: applies to all
    assert matches({"grades": ["2", "3"]}, w)
    assert not matches({"grades": ["2"]}, w)
    assert matches({"grades": ["3"], "categories": ["adult"], "diseases": ["cancer"]}, w)
    assert not matches({"grades": ["3"], "categories": ["minor"]}, w)
    assert not matches({"diseases": ["diabetes"]}, w)
    # flags: the person has any one of the row's groups
    assert matches({"flags": ["orphan", "minimum-living"]}, w)
    assert not matches({"flags": ["orphan"]}, w)
    # Not given is not a match: a row that selects on it does not apply.
    assert not matches({"diseases": ["cancer"]}, Where(grade="3"))
    assert not matches({"flags": ["orphan"]}, ANYONE)
    assert matches({}, ANYONE)


def test_the_first_matching_row_wins_and_none_is_none():
    rows = [{"diseases": ["cancer"], "value": 1}, {"grades": ["3"], "value": 2}, {"value": 3}]
    assert pick(rows, Where(grade="3", disease="cancer")) == (0, rows[0])
    assert pick(rows, Where(grade="3")) == (1, rows[1])
    assert pick(rows, Where(grade="1")) == (2, rows[2])
    assert pick(rows[:2], Where(grade="1")) == (None, None)
    assert pick([], ANYONE) == (None, None)


def test_where_takes_any_iterable_of_flags_and_keys_by_value():
    a = Where("3", "adult", None, ["orphan"])
    b = Where("3", "adult", None, frozenset({"orphan"}))
    assert a.flags == frozenset({"orphan"}) and a.key == b.key


# ───────────────────────────── the view ─────────────────────────────

def test_the_view_reads_schemes_care_kinds_and_tables_as_the_file_writes_them():
    p = city("shenyang")
    assert p.scheme_ids == ("resident",) and p.scheme("employee") is None
    assert city("liaoyang").scheme_ids == ("employee", "resident") and p.scheme("city") is None
    sch = p.scheme("resident")
    assert sch.id == "resident" and sch.categories == ("adult", "minor", "student")
    assert sch.label == {"zh": "城乡居民医保", "en": "Resident scheme"}
    two = sch.care("two-disease")
    assert two is p.care("resident", "two-disease")  # made once, kept
    assert set(two.diseases) == {"hypertension", "diabetes"} and two.disease_required
    assert two.categories is None and sch.care("nope") is None
    # 沈阳 two-disease caps, per disease: "糖尿病年限额为400元"
    cap = two.first("cap", Where(grade=two.grades[0], category="adult", disease="diabetes"))
    assert cap["value"] == Decimal(400) and "400元" in cap["quote"]
    # Read-only: tuples and mapping proxies, never the file's own lists and tables.
    assert isinstance(two.grades, tuple) and isinstance(two.rows("cap"), tuple)
    with pytest.raises(TypeError):
        two.diseases["x"] = {"zh": "x", "en": "x"}


def test_same_as_follows_to_the_other_care_kinds_rows():
    # 辽阳 employee chronic: "按住院比例" — the chronic rate row sends it to inpatient's rows.
    p = city("liaoyang")
    chronic = p.care("employee", "chronic")
    w = Where(grade="3", category="retired", disease="hypertension")
    rule, row = chronic.rate(w)
    assert rule is not None and rule["same_as"] == "inpatient"
    assert row is p.care("employee", "inpatient").first("rate", w)


def test_scheme_wide_tables_fund_cap_cross_region_serious_illness():
    p = city("liaoyang")
    sch = p.scheme("resident")
    i, cap = sch.fund_cap("inpatient")
    assert i == 0 and "inpatient" in cap["covers"]
    assert sch.fund_cap("chronic") == (None, None)
    assert sch.cross_region_statuses == tuple(
        s for s in pol.CROSS_REGION if any(r["status"] == s for r in sch.rows("cross_region")))
    assert sch.cross_region("registered")["status"] == "registered"
    si = sch.serious_illness
    assert "inpatient" in si.covers and si.first("threshold", ANYONE) is not None
    assert city("liaoyuan").scheme("resident").serious_illness.first(
        "threshold", Where(flags={"minimum-living"}))["value"] == Decimal(6000)


def test_sections_enrolment_personal_account_adjustments():
    y = city("yantai").scheme("resident")
    assert y.si_adjustments.continuous["counted_from"] == 2025
    assert y.enrolment.window["to"] and y.enrolment.cover_rules
    assert city("shenyang").scheme("resident").enrolment.situations["newborn"]["zh"] == "新生儿"
    assert city("liaoyang").scheme("employee").personal_account.rows("monthly_credit")
    assert city("liaoyang").scheme("resident").personal_account is None


def test_rows_at_and_with_rows_copy_only_the_way_to_the_table():
    p = city("yantai")
    path = "resident.care.inpatient.deductible"
    rows = p.rows_at(path)
    assert rows == p.care("resident", "inpatient").rows("deductible")
    assert p.rows_at("resident.care.nope.deductible") is None and p.rows_at("nope.fund_cap") is None
    new = p.with_rows({path: [{"value": Decimal(1), "source": "x", "quote": "y"}, *rows]})
    assert new is not p and new.rows_at(path)[1:] == rows and p.rows_at(path) == rows
    # The rest is shared, not copied; the view of the copy is its own.
    assert new.data["resident"]["care"]["outpatient"] is p.data["resident"]["care"]["outpatient"]
    assert new.data["resident"]["care"]["inpatient"] is not p.data["resident"]["care"]["inpatient"]
    assert new.care("resident", "inpatient") is not p.care("resident", "inpatient")


def test_remembered_answers_are_per_question_and_bounded():
    from yibao_tui.core.policy import view

    p = city("liaoyang")
    care = p.care("resident", "inpatient")
    got = {g: care.first("deductible", Where(grade=g, category="adult")) for g in care.grades}
    for n in range(view.REMEMBER + 10):  # past the bound: forgotten, never wrong
        assert care.first("rate", Where(grade="3", category="adult", disease=f"d{n}")) is not None
    assert {g: care.first("deductible", Where(grade=g, category="adult")) for g in care.grades} == got


# ───────────────────────────── one rule for care kinds ─────────────────────────────

def test_the_rule_lists_the_care_kinds_a_category_may_use(restricted):
    sch = restricted_policy(restricted).scheme("resident")
    assert sch.care_kinds("adult") == ("outpatient", "inpatient")
    assert sch.care_kinds("student") == ("outpatient", "inpatient")
    assert sch.care_kinds("minor") == ("inpatient",)
    assert sch.care_kinds() == ("outpatient", "inpatient")
    assert not sch.care("outpatient").allows("minor") and sch.care("inpatient").allows("minor")


def test_the_engine_refuses_exactly_what_the_rule_leaves_out(restricted):
    p = restricted_policy(restricted)
    with pytest.raises(EstimateError) as e:
        check(p, Person("resident", "minor"), Claim("outpatient", 100, grade="1"))
    assert e.value.msg.key == "err.care_category"
    assert e.value.msg.args["accepted"] == ["adult", "student"]
    # 辽阳 resident outpatient, grade 1: "年度起付线100元", "一级及以下医院报销60%"
    # → (300 − 100) × 60 % = 120.00 for an adult; the restriction changes no figure.
    r = estimate(p, Person("resident", "adult"), Claim("outpatient", 300, grade="1"))
    assert r.fund == Decimal("120.00")


def _policies(restricted):
    return [city(c) for c in CITIES] + [restricted_policy(restricted)]


def _accepted_by_check(p, scheme, category):
    out = []
    for kind in CARE_KINDS:
        care = p.care(scheme, kind)
        grade = care.grades[0] if care else "1"
        disease = next(iter(care.diseases), None) if care else None
        try:
            check(p, Person(scheme, category), Claim(kind, 100, grade=grade, disease=disease))
        except EstimateError as e:
            assert e.msg.key in ("err.no_care", "err.care_category"), e.msg.key
            continue
        out.append(kind)
    return tuple(out)


def test_every_face_offers_what_the_check_takes(restricted, tmp_path):
    from yibao_tui.tui.wizard import Selection, care_kinds, not_offered

    for p in _policies(restricted):
        for s in p.scheme_ids:
            for cat in p.scheme(s).categories:
                rule = p.scheme(s).care_kinds(cat)
                assert _accepted_by_check(p, s, cat) == rule, (p, s, cat)
                assert tuple(care_kinds(p, s, cat)) == rule  # wizard, visit form
                for kind in CARE_KINDS:  # compare: what another city cannot take
                    sel = Selection()
                    sel.scheme, sel.category, sel.care = s, cat, kind
                    assert (not_offered(p, sel, "en") is None) == (kind in rule), (p, s, cat, kind)


class _AskRecorder:
    """Stands in for questionary in ``yibao ask``: answers each question from ``answers`` (by
    its words) and records the choices offered."""

    def __init__(self, answers, texts):
        self.answers, self.texts, self.offered = answers, list(texts), {}

    def select(self, msg, choices, default=None):
        self.offered[msg] = [v for _label, v in choices]
        want = self.answers.get(msg)
        return want if want is not None else choices[0][1]

    def text(self, msg, default="", validate=None):
        return self.texts.pop(0)

    def confirm(self, msg, default=True):
        return False


def test_ask_offers_the_rules_care_kinds(restricted, tmp_path):
    from yibao_tui.cli import ask as A

    for cat, want in (("minor", ["inpatient"]), ("adult", ["outpatient", "inpatient"])):
        q = _AskRecorder({"City": "liaoyang", "Scheme": "resident", "Category": cat},
                         ["1000", "", "", "0"])
        out = io.StringIO()
        assert A._flow(q, str(tmp_path / "none"), str(restricted), "en", out) == 0
        assert q.offered["Care"] == want


def test_policies_list_says_who_may_use_a_care_kind(restricted, capsys):
    from yibao_tui.cli import main

    assert main(["policies", "list", "--policies", str(restricted), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    block = out[out.index("liaoyang"):out.index("liaoyuan")]
    resident = block[block.index("resident"):]
    assert re.search(r"outpatient +grades [^\n]*; only adult, student", resident)
    assert not re.search(r"inpatient +grades [^\n]*only", resident)


@st.composite
def questions(draw):
    p = POLICY[draw(st.sampled_from(CITIES))]
    s = p.scheme(draw(st.sampled_from(p.scheme_ids)))
    care = s.care(draw(st.sampled_from(s.care_kinds())))
    w = Where(draw(st.sampled_from([None, *p.grades])), draw(st.sampled_from([None, *s.categories])),
              draw(st.sampled_from([None, *care.diseases])),
              draw(st.sets(st.sampled_from(sorted(p.flags))) if p.flags else st.just(set())))
    return p, s, care, w


POLICY = {c: city(c) for c in CITIES}


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(questions(), min_size=1, max_size=20))
def test_the_views_answers_are_the_rules_answers_however_often_asked(qs):
    # The view remembers answers: asked in any order, any number of times, each is still the
    # first row of the file's table that the one rule matches.
    for p, s, care, w in qs + qs[::-1]:
        for table in ("deductible", "rate", "cap", "deductible_exempt", "deductible_once_a_year"):
            raw = p.data[s.id]["care"][care.id].get(table, [])
            assert care.first(table, w) is pick(raw, w)[1]
        for part in ("class_b", "special_drugs"):
            raw = [r for r in p.data[s.id]["care"][care.id].get("first_pay", []) if r["part"] == part]
            assert care.first_pay(part, w) is pick(raw, w)[1]
        if s.serious_illness:
            for name in ("threshold", "rate", "cap"):
                assert s.serious_illness.first(name, w) is pick(p.data[s.id]["serious_illness"][name], w)[1]


def test_a_table_the_node_does_not_have_is_a_key_error_not_an_empty_table():
    p = city("yantai")
    with pytest.raises(KeyError):
        p.care("resident", "inpatient").rows("grades")
    with pytest.raises(KeyError):
        p.care("resident", "inpatient").first("label", ANYONE)
    with pytest.raises(KeyError):
        p.scheme("resident").rows("care")
    assert p.care("resident", "inpatient").rows("deductible_exempt") == ()  # none in this file
