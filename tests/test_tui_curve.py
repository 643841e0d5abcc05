"""The cost-curve screen (issue #14): the plot's drawing (pure, hand-checked), the screen's wiring
under Pilot, and start-up not importing it."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

from yibao_tui.core.engine.curve import Break
from yibao_tui.tui.app import build
from yibao_tui.tui.widgets.curve_plot import UNKNOWN, grid, line_grid

from .test_tui import SIZE, aio

LIAOYUAN = ["--city", "liaoyuan", "--scheme", "resident", "--category", "adult", "--care",
            "inpatient", "--grade", "2", "--amount", "20000"]
D = Decimal


def test_grid_stacks_the_bill_and_marks_breaks():
    # A bill of 0 … 100 split as self-pay = the bill up to 50, then a fund paying all above 50
    # (fund 0 → 50, self-pay 50 flat). 10 columns of 10 yuan, 4 rows of 25 yuan.
    layers = [("░", [(D(0), D(0)), (D(50), D(50)), (D(100), D(50))], None),
              ("█", [(D(0), D(0)), (D(50), D(0)), (D(100), D(50))], None)]
    totals = [(D(0), D(0)), (D(100), D(100))]
    lines, marked = grid(layers, totals, D(0), D(100), 4 + 10 + 1, 4, current=D(25),
                         breaks=[Break(D(50), "deductible")])
    plot = [ln[5:] for ln in lines[:4]]  # after the gutter "100 ┤"
    # column 2 (x = 25): a bill of 25 is 1 row of self-pay, above it the current amount's │;
    # column 7 (x = 75): self-pay 50 = 2 rows, fund 25 = 1 row, 25 yuan of headroom
    assert [p[2] for p in plot] == ["│", "│", "│", "░"]
    assert [p[7] for p in plot] == [" ", "█", "░", "░"]
    assert lines[4].endswith("─────┴────") and lines[5].strip().startswith("1")
    assert marked == [("1", marked[0][1])] and lines[5].rstrip().endswith("100")


def test_an_unknown_layer_stands_at_its_low_and_the_band_above_is_unknown():
    # Issue #20: a bill of 0 … 100; the fund pays 50 % (known); self-pay unknown, at least 10 %
    # of the bill. At x = 95 (column 9): the bill 4 rows of 25 (3.8 rounded), fund 47.5 → 2 rows,
    # self-pay at least 9.5 → its one row, the rest of the bill the unknown glyph — never blank,
    # never 0.
    bill = [(D(0), D(0)), (D(100), D(100))]
    layers = [("█", [(D(0), D(0)), (D(100), D(50))], None),
              ("░", [(D(0), None), (D(100), None)], [(D(0), D(0)), (D(100), D(10))])]
    lines, _ = grid(layers, bill, D(0), D(100), 4 + 10 + 1, 4)
    col = [ln[5:][9] for ln in lines[:4]]
    assert col == [UNKNOWN, "░", "█", "█"]


def test_a_band_between_the_bounds_in_the_two_choice_plot():
    # One series known (a line at 50), one unknown between 20 and 80: the band fills every row
    # from 20 to 80 in each column; nothing is drawn at 0 for it.
    known = ("█", [(D(0), D(50)), (D(100), D(50))], [(D(0), D(50)), (D(100), D(50))])
    band = ("▒", [(D(0), D(20)), (D(100), D(20))], [(D(0), D(80)), (D(100), D(80))])
    lines = line_grid([band, known], D(0), D(100), 4 + 10 + 1, 4)
    col = [ln[4:][5] for ln in lines[:4]]
    assert col == ["▒", "█", "▒", " "]  # 80 → top row, 50 (the known line over it), 20 → row 1


def test_marks_never_touch():
    # Breaks 1 yuan apart on a 10-column axis: each mark a cell apart, a second line when full.
    marks = [(m, D(x)) for m, x in zip("123abc", (10, 11, 12, 13, 14, 95), strict=True)]
    lines = line_grid([("█", [(D(0), D(1)), (D(100), D(1))], [(D(0), D(1)), (D(100), D(1))])],
                      D(0), D(100), 4 + 10 + 1, 3, marks=marks)
    under = [ln[4:] for ln in lines[4:]]
    for ln in under:
        cells = [c for c in ln.split(" ") if c]
        assert all(len(c) == 1 or c.replace(",", "").isdigit() for c in cells), under
    assert sorted(c for ln in under for c in ln if c.isalpha() or c in "123") == sorted("123abc")


@aio
async def test_curve_screens_wiring(monkeypatch):
    from yibao_tui.tui.screens.wizard.curve import for_choices
    from yibao_tui.tui.wizard import alternatives

    app = build(LIAOYUAN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scr = app.screen
        assert type(scr).__name__ == "BreakdownScreen"
        # Two of compare's choices on one plot: 辽源 二级 and 基层 ("一级(含以下) 300元"): band 2
        # from 300 + 30,000.
        alts = alternatives(app.catalog, app.sel, app.lang)
        i = next(i for i, a in enumerate(alts) if a[0].endswith("基层"))
        app.push_screen(for_choices(app, alts[0], alts[i]))
        await pilot.pause()
        marks = str(app.screen.query_one("#curve-marks").content)
        assert "1 起付线 600" in marks and "a 起付线 300" in marks and "c 第2段 30,300起" in marks
        line = str(app.screen.query_one("#curve-line").content)
        assert "辽源 · 二级 (当前)：每多花1,000元，您多付120元（当前区间）" in line
        # a row with no figure: said, and no screen
        none = ("X", None, None, None, "why")
        assert for_choices(app, alts[0], none) is None
        await pilot.press("escape")
        await pilot.pause()
        # g: the current choice's curve. Issue #23: its context (a policy's own name, a household
        # member's) went through Textual markup (MarkupError, or the rest of the line restyled).
        note = "[/x] [b]bold[/b] [b"
        name = app.policy.name
        monkeypatch.setattr(app.policy, "name", {"zh": note, "en": note})
        scr.query_one("#steps").focus()
        await pilot.press("g")
        await pilot.pause()
        assert type(app.screen).__name__ == "CurveScreen"
        assert str(app.screen.query_one("#curve-context").render()).startswith(f"{note} 2023 · ")
        monkeypatch.setattr(app.policy, "name", name)
        marks = str(app.screen.query_one("#curve-marks").content)
        assert "1 起付线 600" in marks and "3 第2段 30,600起" in marks
        # 20,000 is in band 1, past the 大病 threshold: 30 % of each yuan, 大病 takes 60 % of it
        assert str(app.screen.query_one("#curve-line").content) == "每多花1,000元，您多付120元（当前区间）"
        await pilot.press("f2")
        await pilot.pause()
        assert "band 2 from 30,600" in str(app.screen.query_one("#curve-marks").content)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is scr


def test_start_up_does_not_import_the_curve():
    code = ("import sys; from yibao_tui.tui.app import build; "
            f"app = build({list(LIAOYUAN)!r}); app.run(headless=True); "
            "print(sorted(m for m in sys.modules if 'curve' in m and 'catalog' not in m))")  # strings only
    env = dict(os.environ, YIBAO_BENCH_EXIT="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]"
