"""The app as a well-kept Textual app: the command palette lists the app's own actions, a keymap
in the config file remaps a binding, the theme is remembered, the breakdown's footer at 80×24
names its own keys first, toasts go with their screen; and the year a policy file does not cover
said on the breakdown and compare. Wiring only: the figures are the engine's tests, the settings
file's rules tests/test_app_settings.py, the year's wording tests/test_policy_years.py.

One app start for the 沈阳 stay's breakdown: the journey also runs the fill-in form's part
(test_tui_supply.fill_in_use_and_remove), the curve screens' (test_tui_curve.two_choices and
current_curve) and the slip screen's (test_tui_slip.check_slips)."""

from __future__ import annotations

import os
from decimal import Decimal

from rich.console import Console
from textual.command import CommandPalette
from textual.widgets import Footer

from yibao_tui.storage import config
from yibao_tui.tui.app import YibaoApp

from .conftest import config_file
from .test_tui import SIZE, aio, screen_name, text_of, wait_until
from .test_tui_curve import current_curve, two_choices
from .test_tui_slip import check_slips
from .test_tui_supply import fill_in_use_and_remove

PREFILL = {"city": "shenyang", "scheme": "resident", "category": "adult", "care": "inpatient",
           "grade": "3", "amount": Decimal(10000)}
# Today is 2026-12-07 in the tests (conftest); 沈阳's newest file is 2024.
LABEL_ZH = "2026年 — 沈阳现有最新的政策文件是2024年的；按其数字计算"


def palette_rows(app):
    return [str(o.prompt).split("\n")[0] for o in app.screen.query_one("CommandList").options]


def footer_keys(app):
    footer = app.screen.query_one(Footer)
    return [k.key_display or k.key for k in footer.query("FooterKey") if k.display]


def toasts(app):
    return [str(n.message) for n in app._notifications]


@aio
async def test_shenyang_breakdown_journey(tmp_path, monkeypatch):
    config_file('[keymap]\n"breakdown.compare" = "x"\n')
    mine = tmp_path / "data" / "supplied.toml"  # the user's own supplied figures
    monkeypatch.setenv("YIBAO_SUPPLIED", str(mine))
    app = YibaoApp(lang="zh", prefill=dict(PREFILL))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scr = app.screen
        await fill_in_use_and_remove(app, pilot, mine, monkeypatch)
        assert screen_name(app) == "BreakdownScreen"
        # The year: the header says it, and the document the breakdown shows (and exports) first.
        head = text_of(app, "#context")
        assert "沈阳 2024" in head and f"! {LABEL_ZH}" in head
        assert "资料未给出" not in head  # the year is missing, not a figure
        assert scr.doc.notices == [LABEL_ZH]
        # The footer fills in after the first refresh (late on a loaded machine): this screen's
        # keys first (compare remapped to x by the config's keymap), then the global ones.
        await wait_until(pilot, lambda: footer_keys(app))
        keys = footer_keys(app)
        assert keys[:4] == ["i", "s", "k", "g"] and set(keys[4:6]) == {"e", "x"}, keys
        assert "c" not in keys
        await pilot.press("c")  # no longer compare
        await pilot.pause()
        assert app.screen is scr
        # A toast said since the last change of screen stays with the next one; the change after
        # takes it away.
        app.notify("said on the breakdown")
        await pilot.press("x")
        await pilot.pause()
        assert screen_name(app) == "CompareScreen"
        assert toasts(app) == ["said on the breakdown"]
        # Each compare panel says its option's year; the document says each city's once.
        with open(os.devnull, "w", encoding="utf-8") as sink:
            console = Console(width=60, record=True, file=sink)
            console.print(app.screen.side(0))  # what the left panel shows
        assert "沈阳现有最新的政策文件是2024年的" in console.export_text().replace("\n", "")
        notices = app.screen.doc.notices
        assert notices[0] == LABEL_ZH
        assert len(notices) == len(set(notices)) and any("辽阳" in n for n in notices)
        await two_choices(app, pilot)  # the next change of screen: the toast is gone
        assert "said on the breakdown" not in toasts(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is scr
        # Ctrl+P (更多 in the footer) lists the app's actions once gathered (asynchronously).
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette)
                         and "帮助" in palette_rows(app))
        assert app.screen.query_one("Input").placeholder == "搜索操作……"  # the app's language
        rows = palette_rows(app)
        for label in ("对比", "导出", "费用曲线", "核对结算单", "说明与未知数", "家庭", "English",
                      "主题", "帮助"):
            assert label in rows, (label, rows)
        assert any(r.startswith("打开家庭：") for r in rows)  # each household by name
        # Typed, it narrows; Enter runs the action on the screen it was opened from (i's caveats).
        app.screen.query_one("Input").value = "说明"
        await wait_until(pilot, lambda: palette_rows(app)[:1] == ["说明与未知数"])
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is scr and scr.showing_more)
        # A theme picked is remembered in the same config (read back at start: test_app_settings).
        app.theme = "high-contrast"
        await pilot.pause()
        await current_curve(app, pilot, monkeypatch)  # ends in English
        await check_slips(app, pilot, monkeypatch)
    assert config.read() == {"theme": "high-contrast", "keymap": {"breakdown.compare": "x"}}
