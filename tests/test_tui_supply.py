"""The fill-in form (issue #12): a figure no source gives, typed in on the breakdown, saved to the
user's own supplied figures and used at once; and the stacked bar's uncertain segment."""

from __future__ import annotations

import asyncio
import functools
from decimal import Decimal

import pytest

from yibao_tui.storage import supplied as store
from yibao_tui.tui.app import build
from yibao_tui.tui.screens.wizard.supply import SupplyScreen
from yibao_tui.tui.widgets.stacked_bar import SEGMENTS, UNCERTAIN, UNKNOWN, StackedBar

SIZE = (80, 24)
SHENYANG = ["--city", "shenyang", "--scheme", "resident", "--category", "adult", "--care", "inpatient",
            "--grade", "3", "--amount", "10000"]
D = Decimal


def aio(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return run


@pytest.fixture
def mine(tmp_path, monkeypatch):
    f = tmp_path / "data" / "supplied.toml"
    monkeypatch.setenv("YIBAO_SUPPLIED", str(f))
    return f


async def open_form(app, pilot, done):
    scr = app.screen
    app.push_screen(SupplyScreen(app.policy, app.sel, scr.result.missing),
                    lambda ok: (done.append(ok), scr.recompute()))
    await pilot.pause()


@aio
async def test_filled_in_figure_is_saved_marked_and_used_at_once(mine):
    # 沈阳 grade 3 stay of 10,000: 大病 threshold unknown. Typed in as 1,000 (note required):
    # 大病 (2950 − 1000) × 60 % = 1,170.00, self-pay 2950 − 1170 = 1,780.00, at once.
    app = build(SHENYANG)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        done = []
        await open_form(app, pilot, done)
        assert "大病保险起付标准" in str(app.screen.query_one("#describe").content)
        await pilot.press(*"1000", "enter", "ctrl+s")
        await pilot.pause()
        assert str(app.screen.query_one("#exp-msg").content) == "请写明来源"  # no note: not saved
        assert not mine.exists()
        await pilot.press(*"notice", "enter")
        await pilot.pause()
        assert done == [True] and type(app.screen).__name__ == "BreakdownScreen"
        res = app.screen.result
        assert (res.serious_illness, res.self_pay) == (D("1170"), D("1780"))
        th = next(s for s in res.steps if s.key == "si_threshold")
        assert th.supplied and th.note == "notice"  # shown as 用户提供, with the note
    # Survives a restart: a new app reads the file (the figure is the user's, in their file).
    assert store.read() == [{"city": "shenyang", "year": 2024, "path": "resident.serious_illness.threshold",
                             "value": 1000, "note": "notice"}]
    # Removed, the figure is unknown again.
    store.remove(1)
    assert store.read() == []


@aio
async def test_a_cited_figure_cannot_be_filled_in(mine):
    # 沈阳 outpatient pooling at 基层 is fully cited: nothing on the step can be filled in.
    app = build(["--city", "shenyang", "--scheme", "resident", "--category", "adult",
                 "--care", "outpatient", "--amount", "100"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        done = []
        await open_form(app, pilot, done)
        texts = [str(w.content) for w in app.screen.query("Static")]
        assert "这一步没有可填写的未知数额。" in texts
        await pilot.press("escape")
        await pilot.pause()
        assert done == [False] and not mine.exists()


def test_form_snapshot(snap_compare, mine):
    async def before(pilot):
        app = pilot.app
        app.push_screen(SupplyScreen(app.policy, app.sel, app.screen.result.missing))
        await pilot.pause()

    assert snap_compare(build([*SHENYANG, "--lang", "en"]), terminal_size=SIZE, run_before=before)


def test_stacked_bar_uncertain_segment():
    # 沈阳 stay: fund 7,050 known; 大病 0 … 1,770; self-pay 1,180 … 2,950. The bar shows the fund,
    # the self-pay paid whatever the threshold (1,180), and 10000 − 7050 − 1180 = 1,770 uncertain.
    bar = StackedBar()
    bar.set_parts((D("7050.00"), None, None, D("10000.00")),
                  {"fund": (D("7050.00"), D("7050.00")), "serious_illness": (D("0.00"), D("1770.00")),
                   "self_pay": (D("1180.00"), D("2950.00"))})
    assert bar.segments() == [(SEGMENTS[0], D("7050.00")), (SEGMENTS[2], D("1180.00")),
                              (UNCERTAIN, D("1770.00"))]
    bar.set_parts((D("7050.00"), None, None, D("10000.00")))  # no range: one unknown remainder
    assert bar.segments() == [(SEGMENTS[0], D("7050.00")), (UNKNOWN, D("2950.00"))]


@aio
async def test_your_figure_is_removed_from_the_breakdown(mine):
    # Your 大病 threshold 2,000 for 沈阳: the stay's 大病 is (2,950 − 2,000) × 60 % = 570.00.
    # On the breakdown, s on your figure's step lists your figures; Enter asks, y removes it, and
    # 大病 is unknown again at once (the range comes back).
    store.add({"city": "shenyang", "path": "resident.serious_illness.threshold",
               "value": D(2000), "note": "医保局电话"})
    app = build([*SHENYANG, "--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen.result.serious_illness == D("570")
        table = app.screen.query_one("#steps")
        table.focus()
        table.move_cursor(row=next(i for i, st in enumerate(app.screen.result.steps)
                                   if st.key == "si_threshold"))
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "YoursScreen"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmationModal"
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "BreakdownScreen"
        assert app.screen.result.serious_illness is None
        assert store.read() == []


@aio
async def test_s_on_a_fresh_breakdown_fills_the_first_unknown(mine):
    # Issue #20: the cursor starts on the first unknown step a value can fill (沈阳: the 大病
    # threshold, after the fund's cap that is said but not applied), and s opens the form for it.
    app = build(SHENYANG)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scr = app.screen
        table = scr.query_one("#steps")
        step = scr.result.steps[table.cursor_row]
        assert step.tpl == "si_figure?"
        table.focus()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SupplyScreen)
        assert app.screen.query_one("#figure").value == "resident.serious_illness.threshold"


@aio
async def test_a_class_b_share_is_filled_in_from_the_breakdown(mine):
    # 辽阳 employee, 三级 10,000 with 2,000 class B: no share is given. s, 10 %, a note: 200 paid
    # first; (10000 − 200 − 800) × 80 % = 7,200.00 at once.
    app = build(["--city", "liaoyang", "--scheme", "employee", "--category", "active", "--care",
                 "inpatient", "--grade", "3", "--amount", "10000", "--class-b", "2000"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scr = app.screen
        assert scr.result.steps[scr.query_one("#steps").cursor_row].key == "class_b"
        scr.query_one("#steps").focus()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one("#figure").value == "employee.care.inpatient.first_pay.class_b"
        await pilot.press(*"10%", "enter", *"notice", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "BreakdownScreen"
        assert app.screen.result.fund == D("7200")


@aio
async def test_markup_like_text_never_crashes_nor_restyles_a_screen(mine, monkeypatch):
    """Issue #23: a household name, a policy's own name or a supplied note like "[/x]" or "[b"
    went through Textual markup on the curve, slip and supply screens (MarkupError, or the rest
    of the line restyled)."""
    from yibao_tui.tui.screens.wizard.curve import CurveScreen

    note = "[/x] [b]bold[/b] [b"
    app = build(SHENYANG)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # A household member's curve: its context carries the member's name.
        app.push_screen(CurveScreen(context=f"{note} · 住院"))
        await pilot.pause()
        assert str(app.screen.query_one("#curve-context").render()) == f"{note} · 住院"
        await pilot.press("escape")
        await pilot.pause()
        # A policy file of the user's own naming its city so: the slip and supply screens.
        monkeypatch.setattr(app.policy, "name", {"zh": note, "en": note})
        app.screen.query_one("#steps").focus()
        await pilot.press("k")
        await pilot.pause()
        assert type(app.screen).__name__ == "SlipScreen"
        assert note in str(app.screen.query_one("#slip-context").render())
        await pilot.press("escape")
        await pilot.pause()
        scr = app.screen
        app.push_screen(SupplyScreen(app.policy, app.sel, scr.result.missing))
        await pilot.pause()
        assert note in str(app.screen.query_one(".dialog-title").render())
        app.screen.say(note)  # a refusal quoting what was typed
        await pilot.pause()
        assert str(app.screen.query_one("#exp-msg").render()) == note  # as typed, not styled
