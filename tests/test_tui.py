"""Pilot tests of the Textual wizard's wiring: keys reach the screens and actions, a screen shows
what the document gives it, nothing computed from older inputs stays, back keeps every choice.
Each test is one journey through several wiring points (an app start is the cost). The rules,
words and figures behind them are unit tests: tests/test_wizard_model.py (prefill, compare,
export, the panes' words), core.amount's tests, the engine's and the CLI's.

Expected figures are worked by hand from the policy files (arithmetic in the comments).
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import shutil
import stat
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


# ───────────────────────────── flags ─────────────────────────────

def test_prefill_bad_amount_is_a_usage_error():
    with pytest.raises(UsageError, match="more than two decimals"):
        build(["--amount", "1.234"])
    with pytest.raises(UsageError, match="not an amount"):
        build(["--amount", "abc"])


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


# The arithmetic of each care kind is the engine's (the same flags through `yibao estimate
# --json`, no app); the app's wiring of flags → breakdown: test_the_breakdowns_inputs_and_keys.
@pytest.mark.parametrize(("argv", "fund", "why"), CARE_KINDS)
def test_each_care_kind(argv, fund, why, capsys):
    from yibao_tui.cli import main

    assert main(["estimate", *flags(argv), "--json"]) == 0, why
    assert json.loads(capsys.readouterr().out)["fund"] == fund, why


# ───────────────────────────── the keyboard walk ─────────────────────────────

def detail_shown(app):
    """The detail pane, and what the document gives for the highlighted step."""
    from yibao_tui.tui.widgets.visit_panes import detail_text

    scr = app.screen
    row = scr.doc.section("visit").rows[scr.query_one("#steps").cursor_row]
    return text_of(app, "#detail-text"), detail_text(scr.doc, row).plain


@aio
async def test_keyboard_walk_help_back_keeps_choices_in_either_language_and_a_new_city():
    # Every step by keys in Chinese (铁岭 employee retired, two-disease, grade 2, diabetes); F2 on
    # the breakdown; back through every step in English, each choice kept; then another city.
    # Opened with a flag it cannot use, in a terminal too small at first. The figures of every
    # city: test_wizard_model.py.
    app = build(["--city", "nowhere"])
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "CityScreen"
        msgs = [str(n.message) for n in app._notifications]
        assert any("--city nowhere" in m and "liaoyang" in m for m in msgs)
        notice = app.screen.query_one("SizeNotice")
        assert notice.display and "80×24" in str(notice.content)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert not notice.display
        # Help: ? opens it with the glossary, F1 closes it (F1 opening and Esc closing it:
        # test_tui_household.py, test_tui_app.py).
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        text = " ".join(str(s.content) for s in app.screen.query("Static"))
        assert "↳：该步骤有来源原文" in text and "Esc / F1 / ?：关闭" in text and "? / 未知" in text
        await pilot.press("f1")
        await pilot.pause()
        assert screen_name(app) == "CityScreen"

        cities = [o.id for o in app.screen.query_one("#choices").options]
        await pilot.press(*["down"] * cities.index("tieling"), "enter")
        await pilot.pause()
        assert screen_name(app) == "PersonScreen"
        await pilot.press("down", "enter")  # employee active → retired
        await pilot.pause()
        assert screen_name(app) == "CareScreen"
        # The highlighted choice is marked: ▶ in the focused list, ▷ where it is only chosen.
        kinds, grades = app.screen.query_one("#kinds"), app.screen.query_one("#grades")
        assert str(kinds.get_option_at_index(0).prompt).startswith("▶ ")
        assert str(grades.get_option_at_index(0).prompt).startswith("▷ ")
        assert str(kinds.get_option_at_index(1).prompt).startswith("  ")
        # two-disease needs a disease: its list shows under both; focus follows reading order.
        await pilot.press("down", "tab")
        await pilot.pause()
        assert app.focused is grades
        await pilot.press("tab")
        assert app.focused.id == "diseases"
        assert grades.region.y < app.focused.region.y  # below, not up and across
        await pilot.press("shift+tab", "down")  # grade 1 → 2, highlighted, not chosen yet
        # F2 there and back: what is highlighted stays (it once went back to the care chosen
        # before, and the disease list went with it).
        await pilot.press("f2", "f2")
        await wait_until(pilot, lambda: app.lang == "zh" and app.screen.query("#diseases"))
        kinds, grades = app.screen.query_one("#kinds"), app.screen.query_one("#grades")
        assert kinds.highlighted_option.id == "two-disease" and grades.highlighted_option.id == "2"
        assert app.screen.query_one("#diseases").display and app.focused is grades
        await pilot.press("enter")  # Enter: on to the disease
        await pilot.pause()
        assert screen_name(app) == "CareScreen" and app.focused.id == "diseases"
        await pilot.press("down", "enter")  # hypertension → diabetes
        await wait_until(pilot, lambda: app.screen.query("#detail-text"))
        assert screen_name(app) == "BreakdownScreen"
        sel = app.sel
        assert (sel.city, sel.scheme, sel.category, sel.care, sel.grade, sel.disease) == \
            ("tieling", "employee", "retired", "two-disease", "2", "diabetes")
        await pilot.press("5", "0")
        await pilot.pause()
        assert app.screen.result.claim.amount == D(50)
        # The detail shows the highlighted step as the document gives it (the cursor starts on
        # a cited or an unknown step); a key moves the cursor and the detail follows.
        shown, given = detail_shown(app)
        assert shown == given and ("来源" in shown or "说明" in shown)
        await pilot.press("f6", "down")
        await pilot.pause()
        shown, given = detail_shown(app)
        assert shown == given

        # F2: English, the inputs and the figures kept, the footer's keys in English.
        fund = app.screen.result.fund
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en"
        assert app.screen.query_one("#amount").value == "50" and app.screen.result.fund == fund
        assert "Tieling" in text_of(app, "#context") and "total" in text_of(app, "#totals")
        footer_keys = {b.binding.description for b in app.screen.active_bindings.values()
                       if b.binding.show}
        assert {"Notes", "Supply", "Slip", "Curve", "Compare", "Export", "Help"} <= footer_keys
        shown, given = detail_shown(app)
        assert shown == given and ("Source" in shown or "Note" in shown)

        # Back: every choice is kept, each step in English.
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "CareScreen"
        assert app.screen.query_one("#kinds").highlighted_option.id == "two-disease"
        assert app.screen.query_one("#grades").highlighted_option.id == "2"
        assert app.screen.query_one("#diseases").highlighted_option.id == "diabetes"
        # worded in English when it came back (F2 rewords only what is on view at once)
        from yibao_tui.text import t
        assert app.screen.query_one("#kinds").border_title == t("care.prompt", "en")
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "PersonScreen"
        assert app.screen.query_one("#choices").highlighted_option.id == "employee:retired"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "CityScreen"
        assert "Choose the home city" in text_of(app, ".prompt")
        assert app.screen.query_one("#choices").highlighted_option.id == "tieling"
        # Another city: 烟台 has no employee scheme, so step 2 offers resident only.
        await pilot.press(*["down"] * (cities.index("yantai") - cities.index("tieling")), "enter")
        await pilot.pause()
        assert screen_name(app) == "PersonScreen"
        opts = [o.id for o in app.screen.query_one("#choices").options if not o.disabled]
        assert opts == ["resident:adult", "resident:minor", "resident:student"]


# ───────────────────────────── the breakdown's inputs and keys ─────────────────────────────

LIAOYANG = ("--city liaoyang --scheme employee --category active --care outpatient --grade 3 "
            "--amount 1000")


def totals_shown(app):
    """The totals pane, and what the document gives for the pane's width."""
    from yibao_tui.tui.widgets.visit_panes import totals_text

    pane = app.screen.query_one("#totals")
    return str(pane.content), totals_text(app.screen.doc, pane.content_size.width).plain


@aio
async def test_the_breakdowns_inputs_and_keys(tmp_path, monkeypatch):
    """Flags → the breakdown; i; the cross-region boxes; compare and Enter on a row; export
    (asks, refuses, replaces); the amount box: one estimate a key, Enter, what the amount rule
    refuses. The figures and words behind each: tests/test_wizard_model.py."""
    import yibao_tui.tui.wizard as wizard

    amounts = []  # each estimate's amount: one a keystroke, none for a regrouping
    real = wizard.estimate

    def counted(policy, person, claim):
        amounts.append(claim.amount)
        return real(policy, person, claim)

    monkeypatch.setattr(wizard, "estimate", counted)
    # 辽阳 employee active outpatient grade 3, 1,000: yearly deductible 500, rate 50%
    # → (1000 − 500) × 50% = 250.00. 铁岭 grade 3: yearly deductible 300 (“2024年度起付线为:三级
    # 医疗机构300元”), rate 50% → (1000 − 300) × 50% = 350.00.
    app = build(flags(LIAOYANG + " --out-of-policy 80"))
    target = tmp_path / "x.md"
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "amount")
        assert screen_name(app) == "BreakdownScreen"
        assert app.screen.result.fund == D("250.00")
        shown, given = totals_shown(app)
        assert shown == given and "统筹基金 250.00" in shown and "按 i 查看" in shown
        # i: the caveats in the detail pane; i again: back to the step.
        caveat = app.policy.caveats[0]["zh"]
        await pilot.press("i")
        assert caveat[:10] in text_of(app, "#detail-text")
        await pilot.press("i")
        assert caveat[:10] not in text_of(app, "#detail-text")

        # Cross-region: unregistered is unknown in 辽阳; registered keeps home rates (adjust 0)
        # and unticks unregistered (one registration state), saying so.
        # News on the status line goes once an input changes (issue #23).
        app.screen.say("已改用：x")
        cross = app.screen.query_one("#cross")
        cross.select("unregistered")
        await pilot.pause()
        assert "已改用" not in text_of(app, "#status") and not app.screen.query_one("#status").display
        assert app.screen.result.fund is None
        assert "employee.cross_region.unregistered" in app.screen.result.missing
        cross.select("registered")
        await pilot.pause()
        assert list(cross.selected) == ["registered"] and app.sel.cross_region == ["registered"]
        assert "已取消“未备案”" in text_of(app, "#status")
        assert app.screen.result.fund == D("250.00")

        # Compare: a city that cannot take the choice says so and changes nothing.
        await pilot.press("c")
        await pilot.pause()
        assert screen_name(app) == "CompareScreen"
        table = app.screen.query_one("#alts")
        assert table.cursor_row == 1  # the cursor starts on the first alternative
        rows = [(a[1].city, a[2]) for a in app.screen.alts]
        assert table.row_count == len(rows) == 1 + 3 + 4  # this choice, 3 grades, 4 cities
        table.move_cursor(row=[c for c, _g in rows].index("liaoyuan"))
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "CompareScreen"
        last = text_of(app, "#cmp-prompt")
        assert "辽源：政策未列职工医保" in last and "当前选择不变" in last
        assert app.sel.city == "liaoyang" and app.sel.grade == "3"
        # Enter on 铁岭: back to one breakdown, rebuilt for that city, the inputs kept; what it
        # does not list (cross-region statuses) dropped; said on the status line (not a toast).
        table.move_cursor(row=rows.index(("tieling", "3")))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.query("#status"))
        assert screen_name(app) == "BreakdownScreen"
        assert (app.sel.city, app.sel.grade, app.sel.cross_region) == ("tieling", "3", [])
        assert app.screen.result.fund == D("350.00")
        assert app.screen.query_one("#amount").value == "1,000"
        assert app.screen.query_one("#out_of_policy").value == "80"
        assert "铁岭" in text_of(app, "#context") and not app.screen.query("#cross")
        status = text_of(app, "#status")
        assert "已改用" in status and "铁岭" in status and "已备案" in status and not app._notifications
        # Only one breakdown underneath: the compare screen is gone.
        assert type(app.screen_stack[-1]).__name__ == "BreakdownScreen" and len(app.screen_stack) == 2

        # Export: the default name offered; it asks before replacing a file, refuses a symlink
        # and says why a path cannot be used; Enter again on the same path replaces it.
        target.write_text("mine", encoding="utf-8")
        victim = tmp_path / "victim"
        victim.write_text("victim", encoding="utf-8")
        (tmp_path / "link.md").symlink_to(victim)
        await pilot.press("e")
        await pilot.pause()
        assert screen_name(app) == "ExportScreen"
        box = app.screen.query_one("#path")
        assert box.value == "yibao-tieling-employee-active-outpatient-3.md"
        for path, said in ((target, "已存在"), (tmp_path / "link.md", "symbolic link"),
                           (tmp_path / "nope" / "x.md", "无法保存")):
            box.value = str(path)  # another name: asked again
            await pilot.press("enter")
            await pilot.pause()
            assert screen_name(app) == "ExportScreen"
            assert said in str(app.screen.query_one("#exp-msg").content), path
        assert target.read_text(encoding="utf-8") == "mine"  # asked, not replaced
        assert victim.read_text(encoding="utf-8") == "victim" and os.path.islink(tmp_path / "link.md")
        box.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the same path again: replace it
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        text = target.read_text(encoding="utf-8")
        assert "350.00" in text and app.clipboard == text  # written private, and copied
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert not list(tmp_path.glob(".yibao-*"))  # no temp file left
        last = str(list(app._notifications)[-1].message)
        assert "终端的剪贴板（OSC 52）；并非所有终端都接受" in last
        # Issue #23: "已改用：…" stayed on the status line after an export.
        assert "已改用" not in text_of(app, "#status") and not app.screen.query_one("#status").display

        # The amount box. Enter with a figure moves on (below); news goes once it changes.
        app.screen.say("已改用：x")
        app.screen.query_one("#amount").focus()
        # Issue #23: an extra Enter on an empty amount moved to 乙类 and said nothing there.
        amount, msg = app.screen.query_one("#amount"), app.screen.query_one("#amount-msg")
        await type_amount(pilot, "")
        assert app.screen.result is None and not app.screen.query_one("#status").display
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "amount"
        assert msg.display and "请输入费用金额" in str(msg.content)
        # Typing "10000" used to run 6 estimates (regrouping "1000" into "1,000" was a second).
        amounts.clear()
        await pilot.press(*"2000")
        await pilot.pause()
        assert not msg.display and amount.value == "2,000"
        assert amounts == [D(2), D(20), D(200), D(2000)]
        # (2000 − 300) × 50% = 850.00: the breakdown shows the last keystroke's estimate.
        assert app.screen.result.fund == D(850) and "850.00" in text_of(app, "#totals")
        await pilot.press("end", ".")  # 2,000. is the same figure: nothing to recompute
        await pilot.pause()
        assert amount.value == "2,000." and len(amounts) == 4
        # A third decimal: kept as typed, refused in words, no figure; one key back, a figure.
        amount.value = "2,000.234"
        amount.cursor_position = len(amount.value)
        await pilot.pause()
        assert amount.value == "2,000.234"
        assert msg.display and "两位小数" in str(msg.content)
        assert app.screen.result is None
        await pilot.press("backspace")
        await pilot.pause()
        assert not msg.display
        # (2000.23 − 300) × 50% = 850.115 (shown 850.12, half-up)
        assert app.screen.result.fund == D("850.115")
        amount.value = "999999999"  # 9.99亿 > 1亿: absurd, said with the limit, no figure
        await pilot.pause()
        assert msg.display and "100,000,000" in str(msg.content)
        assert app.screen.result is None
        # Full-width digits reach the amount rule as typed (never dropped by the input); Enter
        # on the figure they give moves on.
        await type_amount(pilot, "１")
        assert amount.value == "１" and app.screen.result.claim.amount == D(1)
        await pilot.press("enter")
        await pilot.pause()
        assert not msg.display and app.focused.id == "class_b"
        await pilot.press("1")  # the other money boxes reach the claim the same way
        await pilot.pause()
        assert app.screen.result.claim.class_b == D(1)
        # A huge paste (over Python's int() digit limit) keeps the app running, kept as typed.
        from textual import events

        amount.focus()
        await pilot.pause()
        amount.post_message(events.Paste("9" * 5000))
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and screen_name(app) == "BreakdownScreen"
        assert amount.value.replace(",", "").endswith("9" * 5000)


STALE = ("--city liaoyuan --scheme resident --category adult --care inpatient --grade 2 --amount 12345 "
         "--class-b 8000")


@aio
async def test_no_figure_from_older_inputs_stays_or_is_exported():
    """Issue #11: an empty amount, or amount 1234 < class-B 8000, leaves nothing computed: no
    figure, row, bar or detail from the inputs before, and e / c say why instead of opening."""
    app = build(flags(STALE))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.query("#detail-text"))
        scr = app.screen
        amount = scr.query_one("#amount")
        assert scr.result is not None and scr.query_one("#steps").row_count
        assert text_of(app, "#detail-text") and "12,345" in text_of(app, "#totals")
        for typed in ("", "1234"):  # (the keys reaching the box: test_the_breakdowns_inputs_and_keys)
            amount.value = typed
            await pilot.pause()
            assert scr.result is None
            assert scr.query_one("#steps").row_count == 0
            assert scr.query_one("#bar").parts is None
            assert "12,345" not in text_of(app, "#totals")
            assert text_of(app, "#detail-text") == ""
        # the parts larger than the amount: said under the class-B box
        b_msg = scr.query_one("#class_b-msg")
        assert b_msg.display and "乙类" in str(b_msg.content)
        scr.query_one("#steps").focus()
        for key, what in (("e", "导出"), ("c", "对比")):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is scr, key  # no export dialog, no compare
            assert what in text_of(app, "#status")
        amount.value = "12345"
        await pilot.pause()
        assert scr.result.claim.amount == D("12345") and scr.query_one("#steps").row_count
        assert not b_msg.display
        # A result again: c opens compare, whose rows say why a figure is unknown (辽阳 gives no
        # class-B share: test_wizard_model.py); Esc goes back.
        await pilot.press("c")
        await pilot.pause()
        assert screen_name(app) == "CompareScreen"
        i = [a[1].city for a in app.screen.alts].index("liaoyang")
        assert "乙类先行自付比例" in str(app.screen.query_one("#alts").get_row_at(i)[0])
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is scr


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


def test_every_screen_ships_its_stylesheet():
    import importlib
    from pathlib import Path

    for name in ("city", "person", "care", "breakdown", "compare", "export", "help"):
        mod = importlib.import_module(f"yibao_tui.tui.screens.wizard.{name}")
        for cls in vars(mod).values():
            css = getattr(cls, "CSS_PATH", None)
            if isinstance(css, str) and cls.__module__ == mod.__name__:
                assert (Path(mod.__file__).parent / css).is_file(), (name, css)


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


def test_enter_stays_on_a_money_box_that_gives_no_figure():
    from yibao_tui.tui.screens.wizard.breakdown import held_by

    assert held_by("amount", None, None) == "enter_amount"  # empty amount: nothing to move on with
    assert held_by("amount", None, "bad.decimals") == "bad.decimals"
    assert held_by("class_b", None, "bad.decimals") == "bad.decimals"
    assert held_by("class_b", None, None) is None  # an empty part is 0: fine
    assert held_by("amount", D("10"), None) is None
    assert held_by("path", None, None) is None  # not a money box
