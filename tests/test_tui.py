"""Pilot tests of the Textual wizard: every path, driven by keys as a user would.

Expected figures are worked by hand from the policy files (arithmetic in the comments).
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import shutil
import stat
import subprocess
import sys
from decimal import Decimal

import pytest

from tests.conftest import POLICIES
from yibao_tui.cli import UsageError
from yibao_tui.core.amount import group, parse_money
from yibao_tui.tui.app import YibaoApp, build
from yibao_tui.tui.widgets.stacked_bar import widths

SIZE = (80, 24)


def aio(fn):
    """Run an async test on a fresh event loop (no pytest-asyncio needed)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


def D(x):
    return Decimal(str(x))


async def wait_until(pilot, condition, timeout=10.0):
    """Process messages until condition() holds (no fixed sleep: as fast as the app is, and a
    slow shared machine gets up to `timeout` seconds). Returns once it holds; fails otherwise."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        await pilot.pause()
        if condition():
            return
        if loop.time() > end:
            raise AssertionError(f"not so after {timeout} s: {condition}")
        await asyncio.sleep(0.01)


def text_of(app, selector):
    return str(app.screen.query_one(selector).content)


def flags(text):
    return text.split()


def screen_name(app):
    return type(app.screen).__name__


async def type_amount(pilot, text):
    inp = pilot.app.screen.query_one("#amount")
    inp.focus()
    inp.value = ""
    await pilot.press(*text)
    await pilot.pause()


# ───────────────────────────── prefill ─────────────────────────────

@aio
async def test_prefill_opens_on_breakdown_shenyang():
    # 沈阳 resident adult inpatient grade 3, 10,000: deductible 600 per stay, rate 75%
    # → (10000 − 600) × 0.75 = 7,050.00.
    app = build(flags("--city shenyang --scheme resident --category adult --care inpatient --grade 3 "
                      "--amount 10000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        assert app.screen.result.fund == D("7050.00")
        assert "7,050.00" in text_of(app, "#totals")
        # 沈阳 gives no fund cap: not applied, so the fund is an upper bound, said on its line.
        assert "统筹基金 至多 7,050.00" in text_of(app, "#totals")
        # 大病保险 threshold is not in the source: shown as unknown, never 0.
        assert app.screen.result.serious_illness is None
        totals = text_of(app, "#totals")
        assert "大病保险 未知" in totals
        assert "沈阳资料未给出大病保险起付标准" in totals  # in words, not the path
        assert app.screen.query_one("#amount").value == "10,000"


@aio
async def test_prefill_takes_the_names_the_app_shows():
    app = build(flags("--city 沈阳 --scheme 城乡居民医保 --category 成年居民 --care 住院 --grade 特三级 "
                      "--amount 10000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        assert (app.sel.city, app.sel.care, app.sel.grade) == ("shenyang", "inpatient", "3-special")


@aio
async def test_prefill_partial_opens_at_first_missing_step():
    app = build(["--city", "liaoyang", "--scheme", "employee", "--category", "retired"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "CareScreen"
        assert (app.sel.city, app.sel.scheme, app.sel.category) == ("liaoyang", "employee", "retired")


@aio
async def test_prefill_value_the_city_lacks_says_so():
    # 烟台 has no employee scheme in its sources: opens on step 2 with a message naming the flag.
    app = build(flags("--city yantai --scheme employee --category active --care outpatient"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "PersonScreen"
        msgs = [n.message for n in app._notifications]
        assert any("--scheme employee" in m and "resident" in m for m in msgs)


def test_prefill_bad_amount_is_a_usage_error():
    with pytest.raises(UsageError, match="more than two decimals"):
        build(["--amount", "1.234"])
    with pytest.raises(UsageError, match="not an amount"):
        build(["--amount", "abc"])


# ───────────────────────────── each care kind ─────────────────────────────

CARE_KINDS = [
    # 辽阳 employee active outpatient grade 3, 1,000: yearly deductible 500, rate 50%
    # → (1000 − 500) × 50% = 250.00.
    ("--city liaoyang --scheme employee --category active --care outpatient --grade 3 --amount 1000",
     "250.00", "outpatient"),
    # 辽阳 employee active chronic (diabetes) grade 3, 1,000: no deductible; "按住院比例" → the
    # inpatient rate for active, grade 3, 80% → 1000 × 80% = 800.00.
    ("--city liaoyang --scheme employee --category active --care chronic --grade 3 "
     "--disease diabetes --amount 1000", "800.00", "chronic"),
    # 沈阳 resident two-disease hypertension primary, 1,000: no deductible, 65% = 650.00, but the
    # hypertension cap is 200 a year → 200.00.
    ("--city shenyang --scheme resident --category adult --care two-disease --grade primary "
     "--disease hypertension --amount 1000", "200.00", "two-disease"),
    # 沈阳 resident emergency rescue grade 2, 1,000: no deductible, 60% → 600.00.
    ("--city shenyang --scheme resident --category adult --care emergency --grade 2 --amount 1000",
     "600.00", "emergency"),
    # 辽源 resident adult inpatient grade 3, 80,000: deductible 1,000; bands on the 79,000 above it:
    # 30,000 × 55% + 30,000 × 60% + 19,000 × 65% = 16,500 + 18,000 + 12,350 = 46,850.00.
    ("--city liaoyuan --scheme resident --category adult --care inpatient --grade 3 --amount 80000",
     "46850.00", "inpatient"),
]


# The arithmetic of each care kind is the engine's (a unit test: the same flags through
# `yibao estimate --json`, no app); the Pilot test keeps one wiring check (flags → breakdown).
@pytest.mark.parametrize(("argv", "fund", "why"), CARE_KINDS)
def test_each_care_kind(argv, fund, why, capsys):
    from yibao_tui.cli import main

    assert main(["estimate", *flags(argv), "--json"]) == 0, why
    assert json.loads(capsys.readouterr().out)["fund"] == fund, why


@aio
async def test_care_kind_flags_open_the_breakdown_with_its_figure():
    argv, fund, why = CARE_KINDS[-1]  # 辽源 inpatient bands: 46,850.00 (worked above)
    app = build(flags(argv))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen", why
        assert app.screen.result.fund == D(fund), why


@aio
async def test_unknown_figures_show_as_unknown_with_what_is_missing():
    # 烟台 resident inpatient: the source gives no deductible → fund unknown, never 0.
    app = build(flags("--city yantai --scheme resident --category adult --care inpatient --grade 3 "
                      "--amount 5000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        res = app.screen.result
        assert res.fund is None
        totals = text_of(app, "#totals")
        assert "统筹基金 未知" in totals
        assert "烟台资料未给出住院起付线" in totals and "按 i 查看" in totals  # words; what to do: i
        assert "0.00" not in totals.split("合计")[0]


@aio
async def test_fund_is_not_called_an_upper_bound_when_every_cap_is_checked():
    # 辽阳 employee active outpatient grade 3, 1,000: (1000 − 500) × 50% = 250.00; the outpatient
    # cap (50,000) and the fund cap (120,000) are both known and checked → a settled figure.
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient "
                      "--grade 3 --amount 1000 --lang en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.result.unchecked == []
        totals = text_of(app, "#totals")
        assert "fund 250.00" in totals and "at most" not in totals


# ───────────────────────────── the keyboard walk ─────────────────────────────

async def walk(pilot, city_index, amount="1000"):
    """Enter through every step, taking the first offer of each list, and type ``amount``."""
    app = pilot.app
    await pilot.pause()
    assert screen_name(app) == "CityScreen"
    await pilot.press(*["down"] * city_index, "enter")
    await pilot.pause()
    assert screen_name(app) == "PersonScreen"
    await pilot.press("enter")
    await pilot.pause()
    assert screen_name(app) == "CareScreen"
    await pilot.press("enter", "enter")  # care kind, then grade
    await pilot.pause()
    if screen_name(app) == "CareScreen":  # this care kind needs a disease
        await pilot.press("enter")
        await pilot.pause()
    assert screen_name(app) == "BreakdownScreen"
    await pilot.press(*amount)
    await pilot.pause()


# Each city in one language (alternating), so both are walked without doubling the Pilot time.
@pytest.mark.parametrize(("city", "lang"), [("liaoyang", "zh"), ("liaoyuan", "en"), ("shenyang", "zh"),
                                            ("tieling", "en"), ("yantai", "zh")])
@aio
async def test_every_city_reaches_a_cited_breakdown_by_keyboard(city, lang):
    app = YibaoApp(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        index = list(app.catalog.policies).index(city)
        await walk(pilot, index)
        assert app.sel.city == city
        res = app.screen.result
        assert res is not None and res.total == D(1000)
        assert any(st.quote for st in res.steps), "at least one step cites its source"
        assert (res.fund is not None) or res.missing  # a figure, or what is missing
        detail = text_of(app, "#detail-text")
        step = res.steps[app.screen.query_one("#steps").cursor_row]
        if step.unknown:  # the cursor starts on the first unknown step (#20): it says why
            assert step.note and ("说明" if lang == "zh" else "Note") in detail
        else:
            assert ("来源" if lang == "zh" else "Source") in detail


@aio
async def test_chronic_by_keys_needs_a_disease():
    # 辽阳 employee: care list is outpatient, inpatient, chronic → down ×2; grade 3 → down ×3;
    # diseases hypertension, diabetes → down ×1. Diabetes at grade 3, 1,000 → 800.00 (see above).
    app = YibaoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # 辽阳, employee active
        await pilot.pause()
        await pilot.press("down", "down", "enter", "down", "down", "down", "enter")
        await pilot.pause()
        assert screen_name(app) == "CareScreen"
        assert app.screen.focused.id == "diseases"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert (app.sel.care, app.sel.grade, app.sel.disease) == ("chronic", "3", "diabetes")
        await pilot.press(*"1000")
        await pilot.pause()
        assert app.screen.result.fund == D("800.00")


# ───────────────────────────── back keeps choices ─────────────────────────────

@aio
async def test_back_navigation_keeps_every_choice():
    app = build(flags("--city liaoyang --scheme employee --category retired --care inpatient --grade 2 "
                      "--amount 5000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "CareScreen"
        assert app.screen.query_one("#kinds").highlighted_option.id == "inpatient"
        assert app.screen.query_one("#grades").highlighted_option.id == "2"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "PersonScreen"
        assert app.screen.query_one("#choices").highlighted_option.id == "employee:retired"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "CityScreen"
        assert app.screen.query_one("#choices").highlighted_option.id == "liaoyang"
        # Forward again with Enter only: everything is as it was, amount included.
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        assert app.screen.query_one("#amount").value == "5,000"
        # 辽阳 employee retired inpatient grade 2, 5,000: deductible 400 per stay, rate 90%
        # → (5000 − 400) × 90% = 4,140.00.
        assert app.screen.result.fund == D("4140.00")


@aio
async def test_changing_city_drops_what_no_longer_fits():
    # 辽阳 employee → back to cities → 烟台 (resident only): person step offers resident only.
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        ids = [o.id for o in app.screen.query_one("#choices").options]
        await pilot.press(*["down"] * (ids.index("yantai") - ids.index("liaoyang")), "enter")
        await pilot.pause()
        opts = [o.id for o in app.screen.query_one("#choices").options if not o.disabled]
        assert opts == ["resident:adult", "resident:minor", "resident:student"]


# ───────────────────────────── money input ─────────────────────────────

@aio
async def test_money_input_keeps_what_was_typed_and_says_what_the_rule_refuses():
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        amount = app.screen.query_one("#amount")
        msg = app.screen.query_one("#amount-msg")
        await type_amount(pilot, "12345.678")  # a third decimal: kept as typed, refused in words
        assert amount.value == "12,345.678"
        assert msg.display and "两位小数" in str(msg.content)
        assert app.screen.result is None
        await pilot.press("backspace")
        await pilot.pause()
        assert not msg.display
        # (12345.67 − 500) × 50% = 5,922.835 → shown 5,922.84 (half-up)
        assert app.screen.result.fund == D("5922.835")
        await type_amount(pilot, "999999999")  # 9.99亿 > 1亿: absurd, and no figure at all
        assert msg.display and "100,000,000" in str(msg.content)
        assert app.screen.result is None
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert not msg.display
        assert amount.value == "9,999,999"
        assert app.screen.result.claim.amount == D("9999999")
        # Full-width digits reach the amount rule as typed (never dropped by the input).
        await type_amount(pilot, "１２")
        assert amount.value == "１２"


@aio
async def test_parts_larger_than_the_amount_are_refused_inline():
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#class_b").focus()
        await pilot.press(*"200")
        await pilot.pause()
        # 辽阳 gives no class-B share, so the fund is unknown and says what is missing, not 0.
        res = app.screen.result
        assert res.claim.class_b == D("200") and res.fund is None
        assert "employee.care.outpatient.first_pay.class_b" in res.missing
        await pilot.press("0")  # 2000 > 1000
        await pilot.pause()
        msg = app.screen.query_one("#class_b-msg")
        assert msg.display and "乙类" in str(msg.content)
        assert app.screen.result is None


STALE = ("--city liaoyuan --scheme resident --category adult --care inpatient --grade 2 --amount 12345 "
         "--class-b 8000")


@aio
async def test_no_figure_from_older_inputs_stays_or_is_exported():
    """Issue #11: amount 1234 < class-B 8000, or an empty amount, leaves nothing computed."""
    app = build(flags(STALE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scr = app.screen
        assert scr.result is not None and scr.query_one("#steps").row_count
        for typed in ("1234", ""):
            await type_amount(pilot, typed)
            assert scr.result is None
            assert scr.query_one("#steps").row_count == 0
            assert scr.query_one("#bar").parts is None
            assert "12,345" not in text_of(app, "#totals")
            assert text_of(app, "#detail-text") == ""
            for key, what in (("e", "导出"), ("c", "对比")):
                scr.query_one("#steps").focus()
                await pilot.press(key)
                await pilot.pause()
                assert app.screen is scr, key  # no export dialog, no compare
                assert what in text_of(app, "#status")
        await type_amount(pilot, "12345")
        assert scr.result.claim.amount == D("12345") and scr.query_one("#steps").row_count


def test_money_helpers():
    assert group("1234567.5") == "1,234,567.5"
    assert group("1,2345") == "12,345"
    assert group("0.") == "0."
    assert parse_money("1,234.50") == (D("1234.50"), None)
    assert parse_money("") == (None, None)
    assert parse_money("1.234")[1] == "bad.decimals"
    assert parse_money("1.2.3")[1] == "bad.format"
    assert group("１２3") == "１２3"  # full-width digits are left as typed
    assert parse_money("100000001")[1] == "bad.too_big"


def test_bar_widths_are_integers_that_fill_the_bar():
    assert widths([D("250"), D("0"), D("750")], 80) == [20, 0, 60]
    w = widths([D("7050"), D("0.01"), D("2949.99")], 77)
    assert sum(w) == 77 and w[1] == 1  # a real but tiny share stays visible
    assert widths([D(0), D(0), D(0)], 10) == [0, 0, 0]


# ───────────────────────────── compare, export, help, language ─────────────────────────────

@aio
async def test_compare_other_grades_and_cities():
    app = build(flags("--city shenyang --scheme resident --category adult --care inpatient --grade 3 "
                      "--amount 10000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert screen_name(app) == "CompareScreen"
        alts = app.screen.alts
        names = [a[0] for a in alts]
        assert "当前" in names[0]
        # The current choice first, then 沈阳's other four grades, then the four other cities.
        assert len(alts) == 1 + 4 + 4
        by_city_grade = {(a[1].city, a[2]): a[3] for a in alts if a[3] is not None}
        # 辽阳 resident inpatient grade 3, 10,000, read from its policy the same way as the
        # engine: compare must agree with a plain estimate.
        from yibao_tui.core.engine import Claim, Person, estimate

        ly = app.catalog.get("liaoyang")
        direct = estimate(ly, Person("resident", "adult"), Claim("inpatient", D(10000), grade="3"))
        assert by_city_grade[("liaoyang", "3")].fund == direct.fund
        # 铁岭 has no resident inpatient in its sources: listed with the reason, no figure.
        tieling = next(a for a in alts if a[1].city == "tieling")
        assert tieling[3] is None and "铁岭" in tieling[4]
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"


@aio
async def test_compare_news_goes_after_an_export_or_an_input_change(tmp_path):
    """Issue #23: "已改用：…" stayed on the status line after an export."""
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient "
                      "--grade 3 --amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "已改用" in text_of(app, "#status")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path").value = str(tmp_path / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        assert "已改用" not in text_of(app, "#status")
        assert not app.screen.query_one("#status").display
        app.news = "已改用：x"  # news again, then a cross-region box ticked
        app.screen.say(app.news)
        app.screen.query_one("#cross").focus()
        await pilot.press("space")
        await pilot.pause()
        assert "已改用" not in text_of(app, "#status")


@aio
async def test_compare_enter_carries_the_row_back():
    # 辽阳 employee active outpatient, 1,000 at grade 3: yearly deductible 500, rate 50%
    # → (1000 − 500) × 50% = 250.00. Picking grade 2 (rate 60%) → (1000 − 500) × 60% = 300.00.
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient "
                      "--grade 3 --amount 1000 --out-of-policy 80"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.result.fund == D("250.00")
        await pilot.press("c")
        await pilot.pause()
        assert screen_name(app) == "CompareScreen"
        alts = app.screen.alts
        assert [(a[1].city, a[2]) for a in alts[:4]] == \
            [("liaoyang", "3"), ("liaoyang", "primary"), ("liaoyang", "1"), ("liaoyang", "2")]
        await pilot.press("down", "down")  # the cursor starts on the first alternative
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        sel = app.sel
        assert (sel.city, sel.scheme, sel.category, sel.care, sel.grade) == \
            ("liaoyang", "employee", "active", "outpatient", "2")
        assert app.screen.result.fund == D("300.00")
        assert app.screen.query_one("#amount").value == "1,000"  # the inputs are kept
        assert app.screen.query_one("#out_of_policy").value == "80"
        assert "二级" in text_of(app, "#context")
        assert "已改用" in text_of(app, "#status")  # on the status line, not a toast
        assert not app._notifications
        # Only one breakdown underneath: the compare screen is gone, Esc goes back a step.
        assert [type(s).__name__ for s in app.screen_stack][-1] == "BreakdownScreen"
        assert len(app.screen_stack) == 2


@aio
async def test_compare_enter_on_another_city_or_one_that_cannot_take_it():
    # 辽阳 employee active outpatient, 1,000 at grade 3, cross-region registered (辽阳: rates as
    # at home) → 250.00. 铁岭 employee active outpatient grade 3: yearly deductible 300, rate 50%
    # → (1000 − 300) × 50% = 350.00; 铁岭's employee scheme lists no cross-region rules, so the
    # status is unticked and said so.
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient "
                      "--grade 3 --amount 1000 --cross-region registered"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.result.fund == D("250.00")
        await pilot.press("c")
        await pilot.pause()
        cities = [a[1].city for a in app.screen.alts]
        table = app.screen.query_one("#alts")

        # 辽源 has no employee scheme: said, and nothing changes.
        table.move_cursor(row=cities.index("liaoyuan"))
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "CompareScreen"
        last = text_of(app, "#cmp-prompt")
        assert "辽源：政策未列职工医保" in last and "当前选择不变" in last
        assert app.sel.city == "liaoyang" and app.sel.grade == "3"

        table.move_cursor(row=cities.index("tieling"))
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        sel = app.sel
        assert (sel.city, sel.scheme, sel.category, sel.care, sel.grade) == \
            ("tieling", "employee", "active", "outpatient", "3")
        assert sel.cross_region == []
        assert app.screen.result.fund == D("350.00")
        assert app.screen.query_one("#amount").value == "1,000"
        last = text_of(app, "#status")
        assert "铁岭" in last and "已备案" in last  # the dropped status, named


@aio
async def test_export_writes_markdown_0600_and_copies(tmp_path):
    app = build(flags("--city shenyang --scheme resident --category adult --care inpatient --grade 3 "
                      "--amount 10000"))
    target = tmp_path / "out.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert screen_name(app) == "ExportScreen"
        path = app.screen.query_one("#path")
        assert path.value == "yibao-shenyang-resident-adult-inpatient-3.md"
        path.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        text = target.read_text(encoding="utf-8")
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert "7,050.00" in text and "| 步骤 | 算式 | 金额 |" in text
        assert "“" in text  # source quotes are in the export
        assert app.clipboard == text
        assert not list(tmp_path.glob(".yibao-*"))  # no temp file left


@aio
async def test_export_to_a_missing_directory_says_why(tmp_path):
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000 --lang en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path").value = str(tmp_path / "nope" / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "ExportScreen"
        assert "Cannot save" in str(app.screen.query_one("#exp-msg").content)


@aio
async def test_language_switch_keeps_state():
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "统筹基金" in text_of(app, "#totals")
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en"
        assert "fund 250.00" in text_of(app, "#totals")
        assert app.screen.query_one("#amount").value == "1,000"
        assert "Liaoyang 2025" in text_of(app, "#context")
        footer_keys = {b.binding.description for b in app.screen.active_bindings.values()
                       if b.binding.show}
        # the breakdown's own keys in the new language (Esc and F2 work off the footer: F2 below)
        assert {"Notes", "Supply", "Slip", "Curve", "Compare", "Export", "Help"} <= footer_keys
        await pilot.press("f2")
        await pilot.pause()
        assert "统筹基金 250.00" in text_of(app, "#totals")


@aio
async def test_english_from_the_start():
    app = build(["--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Choose the home city" in text_of(app, ".prompt")


@aio
async def test_help_with_glossary():
    app = YibaoApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        text = " ".join(str(s.content) for s in app.screen.query("Static"))
        assert "F1" in text
        assert "↳：该步骤有来源原文" in text and "Esc / F1 / ?：关闭" in text and "? / 未知" in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        await pilot.press("f1")
        await pilot.pause()
        assert screen_name(app) == "CityScreen"


@aio
async def test_selecting_a_step_shows_its_quote_and_note():
    app = build(flags("--city liaoyang --scheme employee --category active --care chronic --grade 3 "
                      "--disease diabetes --amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        steps = app.screen.result.steps
        rule = next(i for i, st in enumerate(steps) if st.key == "rate_rule")
        app.screen.query_one("#steps").move_cursor(row=rule)
        await pilot.pause()
        detail = text_of(app, "#detail-text")
        assert "按住院比例报销" in detail  # the quote
        assert "与住院表" in detail  # the note on the reading chosen


@aio
async def test_cross_region_status_changes_the_estimate():
    # 辽阳 employee: registered cross-region keeps home rates (adjust 0); unregistered is unknown.
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cross = app.screen.query_one("#cross")
        cross.select("unregistered")
        await pilot.pause()
        assert app.screen.result.fund is None
        assert "employee.cross_region.unregistered" in app.screen.result.missing
        cross.select("registered")  # excludes unregistered: that one is unticked, and said why
        await pilot.pause()
        assert list(cross.selected) == ["registered"] and app.sel.cross_region == ["registered"]
        assert "已取消“未备案”" in text_of(app, "#status")
        assert app.screen.result.fund == D("250.00")


@aio
async def test_small_terminal_says_what_it_needs():
    app = YibaoApp()
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        notice = app.screen.query_one("SizeNotice")
        assert notice.display and "80×24" in str(notice.content)


@aio
async def test_a_broken_policy_file_is_named_not_a_crash(tmp_path):
    shutil.copy(POLICIES / "liaoyang-2025.toml", tmp_path)
    (tmp_path / "brokencity-2025.toml").write_text("schema = 1\ncity = [", encoding="utf-8")
    app = YibaoApp(dirs=[str(tmp_path)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        errors = text_of(app, "#load-errors")
        assert "brokencity-2025.toml" in errors and "TOML" in errors
        assert [o.id for o in app.screen.query_one("#choices").options] == ["liaoyang"]


def test_estimate_path_does_not_import_textual():
    code = ("import sys, yibao_tui.cli as c; c.main(['estimate', '--city', 'liaoyang', '--scheme', "
            "'employee', '--category', 'active', '--care', 'outpatient', '--grade', '3', "
            "'--amount', '1000']); assert 'textual' not in sys.modules, 'textual imported'")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "250.00" in r.stdout


def test_every_screen_ships_its_stylesheet():
    import importlib
    from pathlib import Path

    for name in ("city", "person", "care", "breakdown", "compare", "export", "help"):
        mod = importlib.import_module(f"yibao_tui.tui.screens.wizard.{name}")
        for cls in vars(mod).values():
            css = getattr(cls, "CSS_PATH", None)
            if isinstance(css, str) and cls.__module__ == mod.__name__:
                assert (Path(mod.__file__).parent / css).is_file(), (name, css)


@aio
async def test_enter_in_the_amount_moves_on():
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient "
                      "--grade 3 --amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "class_b"


@aio
async def test_caveats_open_under_the_totals_with_i():
    app = build(flags("--city shenyang --scheme resident --category adult --care inpatient --grade 3 "
                      "--amount 10000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "按 i 查看" in text_of(app, "#totals")
        app.screen.query_one("#steps").focus()
        await pilot.press("i")
        detail = text_of(app, "#detail-text")
        caveat = app.policy.caveats[0]["zh"]
        assert caveat[:10] in detail and "医保经办机构" in detail
        await pilot.press("i")
        assert caveat[:10] not in text_of(app, "#detail-text")


@aio
async def test_compare_says_in_the_row_why_a_figure_is_unknown():
    # 辽阳 gives no class-B share: its fund is unknown, and the row says so in words; the
    # deductible does not depend on the share (12,345 − 8,000 ≥ the deductible) and stays known.
    app = build(flags(STALE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        i = [a[1].city for a in app.screen.alts].index("liaoyang")
        row = str(app.screen.query_one("#alts").get_row_at(i)[0])
        assert "辽阳" in row and "乙类先行自付比例" in row
        res = app.screen.alts[i][3]
        assert next(s for s in res.steps if s.key == "deductible").amount is not None


@aio
async def test_the_highlighted_choice_is_marked_and_focus_follows_reading_order():
    app = build(flags("--city liaoyang --scheme employee --category active"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kinds, grades = app.screen.query_one("#kinds"), app.screen.query_one("#grades")
        assert str(kinds.get_option_at_index(0).prompt).startswith("▶ ")  # focused list
        assert str(grades.get_option_at_index(0).prompt).startswith("▷ ")  # chosen, not focused
        assert str(kinds.get_option_at_index(1).prompt).startswith("  ")
        await pilot.press("down", "down", "tab")  # chronic: the disease list shows, under both
        await pilot.pause()
        assert app.focused is grades
        await pilot.press("tab")
        assert app.focused.id == "diseases"
        assert grades.region.y < app.focused.region.y  # below, not up and across


@aio
async def test_export_asks_before_replacing_and_refuses_a_symlink(tmp_path):
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000 --lang en"))
    target = tmp_path / "out.md"
    target.write_text("mine", encoding="utf-8")
    victim = tmp_path / "victim"
    victim.write_text("victim", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(victim)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        box = app.screen.query_one("#path")
        box.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        msg = str(app.screen.query_one("#exp-msg").content)
        assert screen_name(app) == "ExportScreen" and "already exists" in msg
        assert target.read_text(encoding="utf-8") == "mine"  # asked, not replaced
        box.value = str(tmp_path / "link.md")  # another name: asked again, and a symlink is refused
        await pilot.press("enter")
        await pilot.pause()
        assert "symbolic link" in str(app.screen.query_one("#exp-msg").content)
        assert victim.read_text(encoding="utf-8") == "victim"
        box.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the same path again: replace it
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        replaced = target.read_text(encoding="utf-8")
        assert replaced != "mine" and "250.00" in replaced  # the breakdown, fund 250.00
        last = str(list(app._notifications)[-1].message)
        assert "terminal's clipboard (OSC 52); not every terminal accepts it" in last
        assert os.path.islink(tmp_path / "link.md")


@aio
async def test_a_huge_paste_into_a_money_box_keeps_the_app_running():
    from textual import events

    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000 --lang en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#amount")
        box.focus()
        await pilot.pause()
        box.post_message(events.Paste("9" * 5000))  # over Python's int() digit limit
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and screen_name(app) == "BreakdownScreen"
        # The paste is kept as typed (focus selects the box's figure, so it replaces 1,000).
        assert box.value.replace(",", "").endswith("9" * 5000)


@aio
async def test_one_estimate_per_keystroke_and_none_for_a_regrouping(monkeypatch):
    # Typing "10000" used to run 6 estimates (regrouping "1000" into "1,000" was a second change).
    import yibao_tui.tui.wizard as wizard

    amounts = []
    real = wizard.estimate

    def counted(policy, person, claim):
        amounts.append(claim.amount)
        return real(policy, person, claim)

    monkeypatch.setattr(wizard, "estimate", counted)
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        amount = app.screen.query_one("#amount")
        amount.focus()
        amount.value = ""
        await pilot.pause()
        amounts.clear()
        for n, key in enumerate("10000", 1):
            await pilot.press(key)
            await pilot.pause()
            assert len(amounts) <= n, (key, amounts)
        assert amount.value == "10,000"
        assert amounts == [D(1), D(10), D(100), D(1000), D(10000)]
        # (10000 − 500) × 50% = 4,750.00: the breakdown shows the last keystroke's estimate.
        assert app.screen.result.fund == D(4750) and "4,750.00" in text_of(app, "#totals")
        await pilot.press("end", ".")  # 10,000. is the same figure: nothing to recompute
        await pilot.pause()
        assert amount.value == "10,000." and len(amounts) == 5


def test_enter_stays_on_a_money_box_that_gives_no_figure():
    from yibao_tui.tui.screens.wizard.breakdown import held_by

    assert held_by("amount", None, None) == "enter_amount"  # empty amount: nothing to move on with
    assert held_by("amount", None, "bad.decimals") == "bad.decimals"
    assert held_by("class_b", None, "bad.decimals") == "bad.decimals"
    assert held_by("class_b", None, None) is None  # an empty part is 0: fine
    assert held_by("amount", D("10"), None) is None
    assert held_by("path", None, None) is None  # not a money box


@aio
async def test_enter_on_an_empty_amount_stays_and_says_so():
    """Issue #23: an extra Enter on an empty amount moved to 乙类 and said nothing there."""
    app = build(flags("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
                      "--amount 1000"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_amount(pilot, "")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "amount"
        msg = app.screen.query_one("#amount-msg")
        assert msg.display and "请输入费用金额" in str(msg.content)
        await pilot.press(*"12", "enter")
        await pilot.pause()
        assert not msg.display and app.focused.id == "class_b"
