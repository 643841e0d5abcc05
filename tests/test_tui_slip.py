"""Pilot tests of the slip screen (核对结算单): opened from the breakdown with ``s``; Enter on an
explanation makes it the current choice. The arithmetic is tested in test_slip.py."""

from __future__ import annotations

from yibao_tui.tui.app import build

from .test_tui import SIZE, aio

# 辽阳 employee inpatient, grade 3, 10,000: active (10000 − 800) × 80 % = 7,360;
# retired (“三级 800 80% 85%”) × 85 % = 7,820.
LY = ["--city", "liaoyang", "--scheme", "employee", "--category", "active", "--care", "inpatient",
      "--grade", "3", "--amount", "10000", "--lang", "en"]


@aio
async def test_slip_explanation_becomes_the_current_choice():
    app = build(LY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert type(app.screen).__name__ == "SlipScreen"
        await pilot.press("7", "8", "2", "0")
        await pilot.pause()
        chk = app.screen.chk
        assert chk.verdict == "differs" and chk.explanations[0].changes == {"category": "retired"}
        assert "+460.00" in str(app.screen.query_one("#slip-lines").get_row("fund")[3])
        await pilot.press("f6", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "BreakdownScreen"
        assert app.sel.category == "retired"
        assert str(app.screen.result.fund) == "7820.00"


@aio
async def test_slip_explanation_the_wizard_cannot_hold_is_kept():
    # Outpatient grade 3, 1,000: (1000 − 500 yearly deductible) × 50 % = 250; the slip's 500 is
    # explained by the deductible met earlier (1000 × 50 %), which the wizard does not ask.
    app = build(" ".join(LY).replace("inpatient", "outpatient").replace("10000", "1000").split())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("k", "5", "0", "0")
        await pilot.pause()
        assert app.screen.chk.explanations[0].changes == {"deductible_left": 0}
        await pilot.press("f6", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SlipScreen" and app.sel.category == "active"
