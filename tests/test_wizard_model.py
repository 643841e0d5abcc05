"""The wizard without a running app: prefill flags → choices, compare's rows and what picking one
carries, the export's name and text, and the words the breakdown's panes show. These were Pilot
tests (tests/test_tui.py); the app's wiring of each stays there, the rule or wording is held here.

Expected figures are worked by hand from the policy files (arithmetic in the comments).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from yibao_tui.core.engine import Claim, Person, estimate
from yibao_tui.core.engine.ranges import visit_range
from yibao_tui.core.policy.cache import PolicyCache
from yibao_tui.tui.app import build
from yibao_tui.tui.widgets.visit_panes import detail_text, more_text, totals_text
from yibao_tui.tui.wizard import (
    alternatives,
    carried,
    compute,
    default_export_name,
    not_offered,
)
from yibao_tui.views.compare import comparison_document
from yibao_tui.views.estimate import visit_document
from yibao_tui.views.markdown import markdown

SHENYANG = "--city shenyang --scheme resident --category adult --care inpatient --grade 3 --amount 10000"
LIAOYANG = "--city liaoyang --scheme employee --category active --care outpatient --grade 3 --amount 1000"


def prefilled(argv):
    """The app the flags build (not run) with its policies read, and apply_prefill's answer:
    (app, first step still to do, error message or None), as on_mount sees them."""
    app = build(argv.split())
    app.catalog = PolicyCache(app.dirs)
    step, err = app.apply_prefill()
    return app, step, err


def chosen(argv):
    app, step, err = prefilled(argv)
    assert (step, err) == ("breakdown", None)
    return app


def breakdown_doc(app):
    """The visit's document for the app's choices, made as BreakdownScreen.work_out makes it."""
    res, err = compute(app.policy, app.sel, lang=app.lang)
    assert res is not None, err
    person = app.sel.person()
    rng = visit_range(app.policy, person, res.claim) if res.missing else None
    return res, visit_document(app.policy, person, res, app.lang, rng, ranged=bool(res.missing))


# ───────────────────────────── prefill ─────────────────────────────

def test_prefill_takes_the_names_the_app_shows():
    app = chosen("--city 沈阳 --scheme 城乡居民医保 --category 成年居民 --care 住院 --grade 特三级 "
                 "--amount 10000")
    assert (app.sel.city, app.sel.care, app.sel.grade) == ("shenyang", "inpatient", "3-special")
    assert app.sel.values["amount"] == Decimal(10000) and app.sel.text["amount"] == "10000"


def test_no_flag_opens_at_the_first_step_in_the_language_asked():
    app, step, err = prefilled("--lang en")
    assert (step, err, app.lang) == ("city", None, "en")
    assert prefilled("")[0].lang == "zh"


def test_prefill_partial_opens_at_first_missing_step():
    app, step, err = prefilled("--city liaoyang --scheme employee --category retired")
    assert (step, err) == ("care", None)
    assert (app.sel.city, app.sel.scheme, app.sel.category) == ("liaoyang", "employee", "retired")


def test_prefill_value_the_city_lacks_says_so():
    # 烟台 has no employee scheme in its sources: step 2, and the message names the flag and
    # what the city offers instead.
    app, step, err = prefilled("--city yantai --scheme employee --category active --care outpatient")
    assert step == "person" and app.sel.city == "yantai"
    assert "--scheme employee" in err and "resident" in err


# ───────────────────────────── the breakdown's panes ─────────────────────────────

def test_totals_say_an_upper_bound_and_an_unknown_in_words():
    # 沈阳 resident adult inpatient grade 3, 10,000: deductible 600 per stay, rate 75%
    # → (10000 − 600) × 0.75 = 7,050.00; no fund cap is given: the fund is at most that.
    res, doc = breakdown_doc(chosen(SHENYANG))
    assert res.fund == Decimal("7050.00") and res.serious_illness is None
    totals = totals_text(doc).plain
    assert "统筹基金 至多 7,050.00" in totals
    # 大病保险's threshold is not in the source: unknown, in words (not the figure's path), never 0.
    assert "大病保险 未知" in totals and "沈阳资料未给出大病保险起付标准" in totals
    assert "按 i 查看" in totals  # what to do about it: i


def test_totals_of_an_unknown_fund_say_what_is_missing():
    # 烟台 resident inpatient: the source gives no deductible → fund unknown, never 0.
    res, doc = breakdown_doc(chosen("--city yantai --scheme resident --category adult --care inpatient "
                                    "--grade 3 --amount 5000"))
    assert res.fund is None
    totals = totals_text(doc).plain
    assert "统筹基金 未知" in totals
    assert "烟台资料未给出住院起付线" in totals and "按 i 查看" in totals
    assert "0.00" not in totals.split("合计")[0]


def test_fund_is_not_called_an_upper_bound_when_every_cap_is_checked():
    # 辽阳 employee active outpatient grade 3, 1,000: (1000 − 500) × 50% = 250.00; the outpatient
    # cap (50,000) and the fund cap (120,000) are both known and checked → a settled figure.
    res, doc = breakdown_doc(chosen(LIAOYANG + " --lang en"))
    assert res.unchecked == []
    totals = totals_text(doc).plain
    assert "fund 250.00" in totals and "at most" not in totals


def test_i_shows_the_citys_caveats():
    app = chosen(SHENYANG)
    _res, doc = breakdown_doc(app)
    more = more_text(doc).plain
    assert app.policy.caveats[0]["zh"][:10] in more and "医保经办机构" in more


def test_a_steps_detail_has_its_quote_and_the_reading_chosen():
    # 辽阳 chronic: “按住院比例报销”, read as the inpatient table's rate (the note says so).
    res, doc = breakdown_doc(chosen("--city liaoyang --scheme employee --category active --care chronic "
                                    "--grade 3 --disease diabetes --amount 1000"))
    rule = next(i for i, st in enumerate(res.steps) if st.key == "rate_rule")
    detail = detail_text(doc, doc.section("visit").rows[rule]).plain
    assert "按住院比例报销" in detail  # the quote
    assert "与住院表" in detail  # the note on the reading chosen


def first_choices(policy):
    """What Enter on every step takes: the first person, care kind, grade (and disease)."""
    from yibao_tui.tui.wizard import Selection, care_kinds

    sel = Selection()
    sel.city, sel.scheme = policy.city, policy.scheme_ids[0]
    sel.category = policy.scheme(sel.scheme).categories[0]
    sel.care = care_kinds(policy, sel.scheme, sel.category)[0]
    care = policy.care(sel.scheme, sel.care)
    sel.grade = care.grades[0]
    if care.disease_required:
        sel.disease = next(iter(care.diseases))
    sel.values["amount"] = Decimal(1000)
    return sel


@pytest.mark.parametrize("city", ["liaoyang", "liaoyuan", "shenyang", "tieling", "yantai"])
def test_every_city_gives_a_cited_breakdown_for_the_first_choices(city):
    # What the keyboard walk (Enter on every step, 1,000) reaches in each city: a figure or what
    # is missing, and a step citing its source (test_tui.py walks one city per language).
    policy = PolicyCache(build([]).dirs).get(city)
    res, err = compute(policy, first_choices(policy))
    assert res is not None, err
    assert res.total == Decimal(1000)
    assert any(st.quote for st in res.steps), "at least one step cites its source"
    assert (res.fund is not None) or res.missing


# ───────────────────────────── compare ─────────────────────────────

def test_compare_lists_the_other_grades_then_the_other_cities():
    app = chosen(SHENYANG)
    alts = alternatives(app.catalog, app.sel, "zh")
    assert "当前" in alts[0][0]
    # The current choice first, then 沈阳's other four grades, then the four other cities.
    assert len(alts) == 1 + 4 + 4
    by_city_grade = {(a[1].city, a[2]): a[3] for a in alts if a[3] is not None}
    # 辽阳 resident inpatient grade 3, 10,000: compare agrees with a plain estimate.
    direct = estimate(app.catalog.get("liaoyang"), Person("resident", "adult"),
                      Claim("inpatient", Decimal(10000), grade="3"))
    assert by_city_grade[("liaoyang", "3")].fund == direct.fund
    # 铁岭 has no resident inpatient in its sources: listed with the reason, no figure.
    tieling = next(a for a in alts if a[1].city == "tieling")
    assert tieling[3] is None and "铁岭" in tieling[4]


def test_compare_grades_in_the_policys_order():
    app = chosen(LIAOYANG)
    alts = alternatives(app.catalog, app.sel, "zh")
    assert [(a[1].city, a[2]) for a in alts[:4]] == \
        [("liaoyang", "3"), ("liaoyang", "primary"), ("liaoyang", "1"), ("liaoyang", "2")]


def test_compare_says_in_the_row_why_a_figure_is_unknown():
    # 辽阳 gives no class-B share: its fund is unknown, and the row says so in words; the
    # deductible does not depend on the share (12,345 − 8,000 ≥ the deductible) and stays known.
    app = chosen("--city liaoyuan --scheme resident --category adult --care inpatient --grade 2 "
                 "--amount 12345 --class-b 8000")
    alts = alternatives(app.catalog, app.sel, "zh")
    i = [a[1].city for a in alts].index("liaoyang")
    row = comparison_document(alts, app.sel.person(), "zh").section("compare").rows[i]
    assert "辽阳" in row.label and "乙类先行自付比例" in row.text
    assert next(s for s in alts[i][3].steps if s.key == "deductible").amount is not None


def test_a_city_without_the_scheme_is_not_offered():
    app = chosen(LIAOYANG)
    assert not_offered(app.catalog.get("liaoyuan"), app.sel, "zh") == "辽源：政策未列职工医保"
    assert not_offered(app.catalog.get("tieling"), app.sel, "zh") is None


def test_a_row_picked_carries_the_amounts_and_drops_what_the_city_does_not_list():
    # 辽阳 employee active outpatient, 1,000 at grade 3, out of policy 80, cross-region registered.
    app = chosen(LIAOYANG + " --out-of-policy 80 --cross-region registered")
    # Grade 2 of the same city: rate 60% → (1000 − 500) × 60% = 300.00; nothing dropped.
    sel, notes = carried(app.catalog, app.sel, "liaoyang", "2", "zh")
    assert notes == [] and sel.grade == "2" and sel.cross_region == ["registered"]
    assert (sel.values["amount"], sel.values["out_of_policy"]) == (Decimal(1000), Decimal(80))
    assert compute(app.catalog.get("liaoyang"), sel)[0].fund == Decimal("300.00")
    assert app.sel.grade == "3"  # the current choice itself is not changed
    # 铁岭 grade 3: yearly deductible 300, rate 50% → (1000 − 300) × 50% = 350.00; its employee
    # scheme lists no cross-region rules, so the status is dropped, and the note names it.
    sel, notes = carried(app.catalog, app.sel, "tieling", "3", "zh")
    assert (sel.city, sel.scheme, sel.category, sel.care, sel.grade) == \
        ("tieling", "employee", "active", "outpatient", "3")
    assert sel.cross_region == []
    assert compute(app.catalog.get("tieling"), sel)[0].fund == Decimal("350.00")
    assert len(notes) == 1 and "铁岭" in notes[0] and "已备案" in notes[0]


# ───────────────────────────── export ─────────────────────────────

def test_export_name_and_text():
    app = chosen(SHENYANG)
    assert default_export_name(app.sel) == "yibao-shenyang-resident-adult-inpatient-3.md"
    text = markdown(breakdown_doc(app)[1])
    assert "7,050.00" in text and "| 步骤 | 算式 | 金额 |" in text
    assert "“" in text  # source quotes are in the export
