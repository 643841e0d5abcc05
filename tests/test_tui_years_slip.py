"""Pilot: the slip screen says the policy's year in its header, as the breakdown does."""

from __future__ import annotations

from tests.test_tui import SIZE, aio, screen_name, text_of
from yibao_tui.tui.app import build

SHENYANG = ["--city", "shenyang", "--scheme", "resident", "--category", "adult",
            "--care", "inpatient", "--grade", "3", "--amount", "10000"]


@aio
async def test_slip_screen_says_the_year():
    app = build([*SHENYANG, "--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert screen_name(app) == "SlipScreen"
        assert ("! 2026 — Shenyang's newest policy on file is 2024; its figures are used"
                in text_of(app, "#slip-context"))
