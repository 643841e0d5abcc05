"""SVG snapshots of every screen at 80×24, in Chinese and English.

Update after a deliberate change with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and
look at the SVGs before committing them. The cursor does not blink (MoneyInput, export path), so
the pictures are stable.
"""

from __future__ import annotations

import pytest

from yibao_tui.tui.app import build

SIZE = (80, 24)


async def settle(pilot):
    """Wait until the screen is still: workers done, refreshes and timers run. A picture taken
    earlier differs by machine and Python (on 3.13 compare's highlighted row filled a frame later)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def pressing(*keys):
    """run_before for snap_compare: the keys, then wait for the screen to settle."""
    async def run(pilot):
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run
FULL = ("--city liaoyang --scheme employee --category active --care chronic --grade 3 "
        "--disease diabetes --amount 1000")

SCREENS = {
    # name: (flags, keys pressed before the picture)
    "city": ("", ()),
    "person": ("--city shenyang", ()),
    "care": ("--city liaoyang --scheme employee --category active", ("down", "down")),
    "breakdown": (FULL, ()),
    "breakdown_unknown": ("--city shenyang --scheme resident --category adult --care inpatient "
                          "--grade 3 --amount 10000", ()),
    "compare": (FULL, ("c",)),
    "export": (FULL, ("e",)),
    "help": ("", ("f1",)),
    "slip": ("--city liaoyang --scheme employee --category active --care inpatient --grade 3 "
             "--amount 10000", ("k", "7", "8", "2", "0")),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, name, lang):
    flags, keys = SCREENS[name]
    app = build([*flags.split(), "--lang", lang])
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(*keys))


# The household screens over the bundled demo: a households dir that does not exist shows the
# demo, nothing is written, and the path in the list is the same on every machine.
HOUSEHOLD = {
    "households": ("f5",),
    "household": ("f5", "enter"),
    "household_bindings": ("f5", "enter", "tab"),
    "household_year": ("f5", "enter", "y"),
    # asking before a delete: 小明 with his visit and binding; the member form with wage and date
    "household_confirm": ("f5", "enter", "down", "down", "down", "d"),
    "household_member_form": ("f5", "enter", "e"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(HOUSEHOLD))
def test_household_screen(snap_compare, monkeypatch, name, lang):
    monkeypatch.setenv("YIBAO_PROFILES", "/nonexistent/yibao-households")
    app = build(["--lang", lang])
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing(*HOUSEHOLD[name]))


# The cost curve (issue #14), pushed over the breakdown as its key will open it: 辽源 grade 2 (bands
# and 大病 thresholds) and 沈阳 特三级 (the 15,000 jump, 大病 unknown).
CURVES = {
    "curve": "--city liaoyuan --scheme resident --category adult --care inpatient --grade 2 "
             "--amount 20000",
    "curve_unknown": "--city shenyang --scheme resident --category adult --care inpatient "
                     "--grade 3-special --amount 10000",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(CURVES))
def test_curve_screen(snap_compare, name, lang):
    app = build([*CURVES[name].split(), "--lang", lang])

    async def open_curve(pilot):
        from yibao_tui.tui.screens.wizard.curve import CurveScreen

        await pilot.app.push_screen(CurveScreen())
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_curve)


def test_curve_compare_screen(snap_compare):
    # Two choices' self-pay on one plot (from compare): 辽源 grade 2 and 基层, zh.
    app = build([*CURVES["curve"].split(), "--lang", "zh"])

    async def open_curves(pilot):
        from yibao_tui.tui.screens.wizard.curve import for_choices
        from yibao_tui.tui.wizard import alternatives

        app = pilot.app
        alts = alternatives(app.catalog, app.sel, app.lang)
        await app.push_screen(for_choices(app, alts[0], alts[1]))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_curves)


def test_curve_compare_unknown_screen(snap_compare):
    # Issue #20: 沈阳 特三级 against 三级 for an 18,000 stay: both self-pays wait on the 大病
    # threshold no source gives, so each is a band between its bounds, never 0.
    app = build(["--city", "shenyang", "--scheme", "resident", "--category", "adult", "--care",
                 "inpatient", "--grade", "3-special", "--amount", "18000", "--lang", "zh"])

    async def open_curves(pilot):
        from yibao_tui.tui.screens.wizard.curve import for_choices
        from yibao_tui.tui.wizard import alternatives

        app = pilot.app
        alts = alternatives(app.catalog, app.sel, app.lang)
        await app.push_screen(for_choices(app, alts[0], next(a for a in alts if a[2] == "3")))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_curves)
