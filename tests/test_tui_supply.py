"""The fill-in form (issue #12): a figure no source gives, typed in on the breakdown, saved to the
user's own supplied figures and used at once (``fill_in_use_and_remove``: a part of the 沈阳
breakdown's journey in test_tui_app.py); the form's snapshot; the stacked bar's uncertain
segment."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yibao_tui.storage import supplied as store
from yibao_tui.tui.app import build
from yibao_tui.tui.screens.wizard.supply import SupplyScreen
from yibao_tui.tui.widgets.stacked_bar import SEGMENTS, UNCERTAIN, UNKNOWN, StackedBar

from .test_tui import SIZE, wait_until

SHENYANG = ["--city", "shenyang", "--scheme", "resident", "--category", "adult", "--care", "inpatient",
            "--grade", "3", "--amount", "10000"]
D = Decimal
NOTE = "[/x] [b]bold[/b] [b"


@pytest.fixture
def mine(tmp_path, monkeypatch):
    f = tmp_path / "data" / "supplied.toml"
    monkeypatch.setenv("YIBAO_SUPPLIED", str(f))
    return f


async def fill_in_use_and_remove(app, pilot, mine, monkeypatch):
    """On the 沈阳 stay's breakdown (SHENYANG; test_tui_app.py's journey runs it, one app start
    for the wiring of that screen): the fill-in form from s, used at once, removed.

    沈阳 grade 3 stay of 10,000: 大病 threshold unknown. Typed in as 1,000 (note required):
    大病 (2950 − 1000) × 60 % = 1,170.00, self-pay 2950 − 1170 = 1,780.00, at once.
    (辽阳's class-B share: its cursor and form figure test_supply_rules.py, its 7,200.00
    test_unknowns_fillable.py.)"""
    await pilot.pause()
    scr = app.screen
    # The user's own figures are the app's from the start: its policies are filled from their
    # file (what that fill does with a figure on file: tests/test_household_user_supplied.py).
    assert app.catalog.fill is store.fill
    table = scr.query_one("#steps")
    # Issue #20: the cursor starts on the first unknown step a value can fill (沈阳: the 大病
    # threshold, after the fund's cap that is said but not applied), and s opens the form for it.
    assert scr.result.steps[table.cursor_row].tpl == "si_figure?"
    # Issue #23: a policy file of the user's own naming its city "[/x]…", or a refusal quoting
    # what was typed, went through Textual markup (MarkupError, or the line restyled).
    name = app.policy.name
    monkeypatch.setattr(app.policy, "name", {"zh": NOTE, "en": NOTE})
    table.focus()
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, SupplyScreen)
    assert NOTE in str(app.screen.query_one(".dialog-title").render())  # as is, not styled
    monkeypatch.setattr(app.policy, "name", name)
    assert app.screen.query_one("#figure").value == "resident.serious_illness.threshold"
    assert "大病保险起付标准" in str(app.screen.query_one("#describe").content)
    await pilot.press(*"1000", "enter", "ctrl+s")
    await pilot.pause()
    assert str(app.screen.query_one("#exp-msg").content) == "请写明来源"  # no note: not saved
    assert not mine.exists()
    app.screen.say(NOTE)
    await pilot.pause()
    assert str(app.screen.query_one("#exp-msg").render()) == NOTE
    await pilot.press(*"notice", "enter")
    await pilot.pause()
    assert app.screen is scr
    res = scr.result
    assert (res.serious_illness, res.self_pay) == (D("1170"), D("1780"))
    th = next(i for i, s in enumerate(res.steps) if s.key == "si_threshold")
    assert res.steps[th].supplied and res.steps[th].note == "notice"  # 用户提供, with the note
    # Saved to the user's own file (a new app reads it: the figure is theirs).
    assert store.read() == [{"city": "shenyang", "year": 2024, "value": 1000, "note": "notice",
                             "path": "resident.serious_illness.threshold"}]
    # s on your figure's step lists your figures; Enter asks, y removes it, and 大病 is
    # unknown again at once.
    table.focus()
    table.move_cursor(row=th)
    await pilot.press("s")
    await pilot.pause()
    assert type(app.screen).__name__ == "YoursScreen"
    await pilot.press("enter")
    await pilot.pause()
    assert type(app.screen).__name__ == "ConfirmationModal"
    await pilot.press("y")
    await wait_until(pilot, lambda: app.screen is scr and scr.result.serious_illness is None)
    assert store.read() == []
    # The form with nothing a value can fill (a cited step) says so; Escape saves nothing.
    done = []
    app.push_screen(SupplyScreen(app.policy, app.sel, []), done.append)
    await pilot.pause()
    assert "这一步没有可填写的未知数额。" in [str(w.content) for w in app.screen.query("Static")]
    await pilot.press("escape")
    await pilot.pause()
    assert done == [False] and app.screen is scr and store.read() == []


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
