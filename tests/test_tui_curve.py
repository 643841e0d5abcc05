"""The cost-curve screen (issue #14): the plot's drawing (pure, hand-checked), the screen's wiring
(``two_choices`` and ``current_curve``: parts of the 沈阳 breakdown's journey in test_tui_app.py,
one app start for that screen), and start-up not importing it."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

from yibao_tui.core.engine.curve import Break
from yibao_tui.tui.widgets.curve_plot import UNKNOWN, grid, line_grid

from .test_tui import wait_until

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


async def two_choices(app, pilot):
    """On compare, in the 沈阳 breakdown's journey (test_tui_app.py): two of its choices on one
    plot. 沈阳 三级 (“三级 300 600 75% 75%”, adults 600) and 基层 (“基层 50 100 90% 90%”, adults
    100); 大病's threshold is unknown, so what each 1,000 more costs is said unknown, never
    guessed. (辽源's known figures on the plot: test_curve_words.py.)"""
    from yibao_tui.tui.screens.wizard.curve import for_choices
    from yibao_tui.tui.wizard import alternatives

    compare = app.screen
    alts = alternatives(app.catalog, app.sel, app.lang)
    i = next(i for i, a in enumerate(alts) if a[0].endswith("基层"))
    app.push_screen(for_choices(app, alts[0], alts[i]))
    await pilot.pause()
    marks = str(app.screen.query_one("#curve-marks").content)
    assert marks == "沈阳 · 三级 (当前)：1 起付线 600\n沈阳 · 基层：a 起付线 100"
    line = str(app.screen.query_one("#curve-line").content)
    assert line.split("\n")[0] == "沈阳 · 三级 (当前)：每多花1,000元，您多付多少：未知（当前区间）"
    # a row with no figure: said, and no screen
    none = ("X", None, None, None, "why")
    assert for_choices(app, alts[0], none) is None
    await wait_until(pilot, lambda: "X：无法画出曲线（why）" in [str(n.message) for n in app._notifications])
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is compare


async def current_curve(app, pilot, monkeypatch):
    """g on the 沈阳 breakdown (the journey in test_tui_app.py): the current choice's curve, its
    words from the curve's document, relabelled by F2; Escape back (in English)."""
    scr = app.screen
    # Issue #23: its context (a policy's own name, a household member's) went through Textual
    # markup (MarkupError, or the rest of the line restyled).
    note = "[/x] [b]bold[/b] [b"
    name = app.policy.name
    monkeypatch.setattr(app.policy, "name", {"zh": note, "en": note})
    scr.query_one("#steps").focus()
    await pilot.press("g")
    await pilot.pause()
    assert type(app.screen).__name__ == "CurveScreen"
    assert str(app.screen.query_one("#curve-context").render()).startswith(f"{note} 2024 · ")
    monkeypatch.setattr(app.policy, "name", name)
    assert str(app.screen.query_one("#curve-marks").content) == "1 起付线 600"
    notes = str(app.screen.query_one("#curve-notes").content)
    assert notes.startswith("! 2026年 — ") and "未知：大病保险" in notes  # the year; the unknowns
    assert str(app.screen.query_one("#curve-line").content) == "每多花1,000元，您多付多少：未知（当前区间）"
    await pilot.press("f2")
    await pilot.pause()
    assert str(app.screen.query_one("#curve-marks").content) == "1 deductible 600"
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is scr and app.lang == "en"


def test_start_up_does_not_import_the_curve():
    code = ("import sys; from yibao_tui.tui.app import build; "
            f"app = build({list(LIAOYUAN)!r}); app.run(headless=True); "
            "print(sorted(m for m in sys.modules if 'curve' in m and 'catalog' not in m))")  # strings only
    env = dict(os.environ, YIBAO_BENCH_EXIT="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]"
