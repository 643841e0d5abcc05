"""SVG snapshots of every screen at 80×24, in Chinese and English.

Each app run walks the screens as a user would (keys only) and takes a picture of each on the way
(``Camera``): an app start costs about as much as three screens, so one run takes many pictures
(the suite's time, issue #23). A picture waits for the screen to settle (``settle``) and is
compared with its SVG exactly as pytest-textual-snapshot's ``snap_compare`` compares one (its SVG
extension for syrupy, the same window title and options), so ``--snapshot-update`` writes the
files ``snap_compare`` would. The walks were checked picture by picture against pictures each
taken in an app of its own, started with the screen's flags: byte for byte the same.

Update after a deliberate change with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and
look at the SVGs before committing them. When pictures differ, the test goes on with its walk and
then fails naming each one with the difference in its text (``test_breakdown[en][compare]`` is
the file ``tests/__snapshots__/test_tui_snapshots/test_breakdown[en][compare].svg``), and
pytest-textual-snapshot's HTML report (``snapshot_report.html`` in the directory pytest ran in,
or ``--snapshot-report PATH``) shows the old and the new picture of each side by side. The
cursor does not blink (MoneyInput, export path), so the pictures are stable.

A screen's look must not depend on what was opened before: help comes first in the walk, so
the household pictures prove that the wizard's dialog stylesheet (``modal.tcss``, loaded with
help) is scoped to its own dialogs (it once moved the household list's hint and put brackets on
the member form's inputs).
"""

from __future__ import annotations

import asyncio
import difflib
import html
import pickle
import re

import pytest
from pytest_textual_snapshot import (
    PseudoApp,
    PseudoConsole,
    SVGImageExtension,
    node_to_report_path,
)
from rich.cells import cell_len

from yibao_tui.tui.app import YibaoApp, build

SIZE = (80, 24)
LANGS = ("zh", "en")
# The window title in the picture: the one snap_compare gave it (the app's title before it runs).
TITLE = YibaoApp.TITLE


async def settle(pilot):
    """Wait until the screen is still: workers done, refreshes and timers run. A picture taken
    earlier differs by machine and Python (on 3.13 compare's highlighted row filled a frame later)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
    await pilot.pause()


# A character cell in Rich's SVG is 12.2 px wide; each text run names its line's clip path.
_RUN = re.compile(r'<text [^>]*x="([\d.]+)" [^>]*'
                  r'clip-path="url\(#terminal(?:-\d+)?-line-(\d+)\)">([^<]*)</text>')


def screen_text(svg):
    """The characters of a picture, line by line (no colours): what a failure prints."""
    lines = {}
    for x, line, text in _RUN.findall(svg or ""):
        lines.setdefault(int(line), []).append((round(float(x) / 12.2),
                                                html.unescape(text).replace("\xa0", " ")))
    out = []
    for n in range(max(lines, default=-1) + 1):
        row, at = "", 0
        for col, text in sorted(lines.get(n, ())):
            row += " " * max(0, col - at) + text
            at = max(at, col) + cell_len(text)
        out.append(row.rstrip())
    return out


class Camera:
    """The pictures of one test, each compared with its own SVG: ``NAME`` → ``TEST[NAME].svg``.

    A picture that differs does not stop the walk: ``check`` fails at the end naming every one
    that differs, and each goes to pytest-textual-snapshot's HTML report as snap_compare's do."""

    def __init__(self, snapshot, request):
        self.snapshot = snapshot.use_extension(SVGImageExtension)
        self.request = request
        self.differ = []

    async def __call__(self, pilot, name):
        await settle(pilot)
        svg = pilot.app.export_screenshot(title=TITLE, simplify=True)  # as snap_compare takes it
        same = self.snapshot(name=name) == svg
        expected = self.snapshot.executions[self.snapshot.num_executions - 1].recalled_data
        if not same:
            self.differ.append((name, expected, svg))
        self.report(name, same, expected, svg)

    def report(self, name, same, expected, svg):
        """What snap_compare leaves for the plugin's report (one file a picture; the report is
        written at the end of the session from the failed ones). ``expected`` None: no SVG yet."""
        node = self.request.node
        path, line, test = node.reportinfo()
        data = (same, expected or "", svg, PseudoApp(PseudoConsole(False, None)), path, line,
                f"{test}[{name}]", f"picture {name} of {test}", "", expected is not None)
        out = node_to_report_path(node)
        out.with_name(f"{out.name}_{name}").write_bytes(pickle.dumps(data))

    def check(self):
        """Fail naming each picture that differs, with its text's difference (the colours' are
        in the HTML report)."""
        test, said = self.request.node.name, []
        for name, expected, svg in self.differ:
            if expected is None:
                said.append(f"{test}[{name}]: no SVG yet (--snapshot-update writes it)")
                continue
            diff = list(difflib.unified_diff(screen_text(expected), screen_text(svg), "SVG",
                                             "now", n=1, lineterm=""))
            said.append(f"{test}[{name}]:\n" + ("\n".join(diff[:40]) if diff else
                                                 "  the same text; colours or styles differ"))
        assert not said, ("pictures differ from their SVGs (snapshot_report.html shows each "
                          "side by side):\n" + "\n".join(said))


@pytest.fixture
def camera(snapshot, request):
    return Camera(snapshot, request)


async def press(pilot, *keys):
    """Keys as a user types them (the next picture waits for the screen to settle)."""
    await pilot.press(*keys)
    await pilot.pause()


def run(argv, lang, walk, camera):
    """One app run, ``yibao ARGV --lang LANG`` at 80×24: settled, then ``walk(pilot, camera)``;
    then the test fails if a picture differed."""
    async def go():
        app = build([*argv.split(), "--lang", lang])
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await walk(pilot, camera)

    asyncio.run(go())
    camera.check()


# One test an app run: each takes a few seconds, so xdist's workers finish together.
by_lang = pytest.mark.parametrize("lang", LANGS)


# ── the household screens, help and the wizard's steps ──

@by_lang
def test_wizard(camera, monkeypatch, lang):
    # The household screens over the bundled demo: a households dir that does not exist shows
    # the demo, nothing is written, and the path in the list is the same on every machine.
    monkeypatch.setenv("YIBAO_PROFILES", "/nonexistent/yibao-households")

    async def walk(pilot, camera):
        await camera(pilot, "city")
        await press(pilot, "f1")  # help first: the household screens must look the same after it
        await camera(pilot, "help")
        await press(pilot, "escape")
        await press(pilot, "f5")
        await camera(pilot, "households")
        await press(pilot, "enter")
        await camera(pilot, "household")
        await press(pilot, "e")  # the member form with wage and date
        await camera(pilot, "household_member_form")
        await press(pilot, "escape")
        if lang == "en":  # the bindings' rules (one language: the same layout as the members')
            await press(pilot, "tab")
            await camera(pilot, "household_bindings")
            await press(pilot, "shift+tab")
        await press(pilot, "y")
        await camera(pilot, "household_year")
        await press(pilot, "escape")
        # asking before a delete: 小明 with his visit and binding
        await press(pilot, "down", "down", "down", "d")
        await camera(pilot, "household_confirm")
        await press(pilot, "escape")  # no; then out of the household screens, to the cities
        await press(pilot, "escape")
        await press(pilot, "escape")
        down = list(pilot.app.catalog.policies).index("shenyang")
        await press(pilot, *["down"] * down, "enter")
        await camera(pilot, "person")
        # back to the cities, 辽阳, 职工 在职 (the first row), then two care kinds down
        await press(pilot, "escape")
        await press(pilot, *["up"] * down, "enter")
        await press(pilot, "enter")
        await press(pilot, "down", "down")
        await camera(pilot, "care")

    run("", lang, walk, camera)


# ── the breakdown and what its keys open ──

@by_lang
def test_breakdown(camera, lang):
    async def walk(pilot, camera):
        await camera(pilot, "breakdown")
        await press(pilot, "c")
        await camera(pilot, "compare")
        await press(pilot, "escape")
        await press(pilot, "e")
        await camera(pilot, "export")

    run("--city liaoyang --scheme employee --category active --care chronic --grade 3 "
        "--disease diabetes --amount 1000", lang, walk, camera)


@by_lang
def test_slip(camera, lang):
    async def walk(pilot, camera):
        await press(pilot, "k", "7", "8", "2", "0")
        await camera(pilot, "slip")

    run("--city liaoyang --scheme employee --category active --care inpatient --grade 3 "
        "--amount 10000", lang, walk, camera)


@by_lang
def test_breakdown_unknown(camera, lang):
    async def walk(pilot, camera):
        await camera(pilot, "breakdown")

    run("--city shenyang --scheme resident --category adult --care inpatient --grade 3 "
        "--amount 10000", lang, walk, camera)


# ── the cost curve (issue #14), opened from the breakdown by its key ──
# 辽源 grade 2 (bands and 大病 thresholds) and 沈阳 特三级 (the 15,000 jump, 大病 unknown); from
# compare, two choices' self-pay on one plot. F2 turns a curve to English in place: the same
# picture as a start in English (checked when the walks were made), at a third of the cost.
CURVE_UNKNOWN = ("--city shenyang --scheme resident --category adult --care inpatient "
                 "--grade 3-special --amount 10000")


def test_curve(camera):
    async def walk(pilot, camera):
        await press(pilot, "c")
        await press(pilot, "g")  # 辽源 grade 2 against 基层, compare's second row (highlighted)
        await camera(pilot, "compare-zh")
        await press(pilot, "escape")
        await press(pilot, "escape")
        await press(pilot, "g")
        await camera(pilot, "zh")
        await press(pilot, "f2")
        await camera(pilot, "en")

    run("--city liaoyuan --scheme resident --category adult --care inpatient --grade 2 "
        "--amount 20000", "zh", walk, camera)


def test_curve_unknown(camera):
    async def walk(pilot, camera):
        await press(pilot, "g")
        await camera(pilot, "zh")
        await press(pilot, "f2")
        await camera(pilot, "en")

    run(CURVE_UNKNOWN, "zh", walk, camera)


def test_curve_compare_unknown(camera):
    """Issue #20: 沈阳 特三级 against 三级 for an 18,000 stay: both self-pays wait on the 大病
    threshold no source gives, so each is a band between its bounds, never 0."""
    async def walk(pilot, camera):
        await press(pilot, "c")
        grades = [grade for _name, _policy, grade, _res, _err in pilot.app.screen.alts]
        await press(pilot, *["down"] * (grades.index("3") - 1))  # from the second row
        await press(pilot, "g")
        await camera(pilot, "zh")

    run(CURVE_UNKNOWN.replace("10000", "18000"), "zh", walk, camera)
