"""Pilot: the wizard says the policy's year where its file does not cover today (2026-12-07 in
the tests, conftest): the breakdown's header, the compare panels and the export, from the one
rule (core/policy/years.py)."""

from __future__ import annotations

import os

from rich.console import Console

from tests.test_tui import SIZE, aio, screen_name, text_of
from yibao_tui.tui.app import build

SHENYANG = ["--city", "shenyang", "--scheme", "resident", "--category", "adult",
            "--care", "inpatient", "--grade", "3", "--amount", "10000"]
LABEL_ZH = "2026年 — 沈阳现有最新的政策文件是2024年的；按其数字计算"


@aio
async def test_breakdown_header_says_the_year_in_both_languages():
    app = build(SHENYANG)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        head = text_of(app, "#context")
        assert "沈阳 2024" in head
        assert f"! {LABEL_ZH}" in head
        assert "资料未给出" not in head  # the year is missing, not a figure
        # The document the breakdown shows (and exports) says it first too.
        assert app.screen.doc.notices == [LABEL_ZH]
    app = build([*SHENYANG, "--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert ("! 2026 — Shenyang's newest policy on file is 2024; its figures are used"
                in text_of(app, "#context"))


@aio
async def test_compare_panels_say_each_option_s_year():
    app = build(SHENYANG)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert screen_name(app) == "CompareScreen"
        with open(os.devnull, "w", encoding="utf-8") as sink:
            console = Console(width=60, record=True, file=sink)
            console.print(app.screen.side(0))  # what the left panel shows
        assert "沈阳现有最新的政策文件是2024年的" in console.export_text().replace("\n", "")
        notices = app.screen.doc.notices  # the other cities' too, each once
        assert notices[0] == LABEL_ZH
        assert len(notices) == len(set(notices)) and any("辽阳" in n for n in notices)
