"""Pilot tests of the slip screen (核对结算单): opened from the breakdown with ``k``, its header
says the policy's year; Enter on an explanation makes it the current choice, or says why it
cannot. The arithmetic is tested in test_slip.py, the explanations in test_slip.py and
test_slip_paid_first.py, the year's wording in test_policy_years.py."""

from __future__ import annotations

from yibao_tui.tui.app import build

from .test_tui import SIZE, aio, screen_name, text_of, wait_until

# 辽阳 employee inpatient, grade 3, 10,000: active (10000 − 800) × 80 % = 7,360;
# retired (“三级 800 80% 85%”) × 85 % = 7,820.
LY = ["--city", "liaoyang", "--scheme", "employee", "--category", "active", "--care", "inpatient",
      "--grade", "3", "--amount", "10000", "--lang", "en"]
NOTE = "[/x] [b]bold[/b] [b"


@aio
async def test_slip_says_the_year_and_an_explanation_becomes_the_current_choice(monkeypatch):
    app = build(LY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Issue #23: a policy file of the user's own naming its city "[/x]…" went through
        # Textual markup on this screen (MarkupError, or the rest of the line restyled).
        monkeypatch.setattr(app.policy, "name", {"zh": NOTE, "en": NOTE})
        await pilot.press("k")
        await pilot.pause()
        assert screen_name(app) == "SlipScreen"
        context = str(app.screen.query_one("#slip-context").render())
        assert f"{NOTE} 2025" in context  # as is, not styled
        # The year, as the breakdown says it (today is 2026-12-07 in the tests, conftest).
        assert "! 2026 — " in context and "newest policy on file is 2025; its figures are used" in context
        monkeypatch.undo()
        # 7,000: explained by 450 paid first, which the wizard does not ask: said, nothing changed.
        await pilot.press("7", "0", "0", "0")
        await pilot.pause()
        assert app.screen.chk.explanations[0].changes == {"paid_first": 450}
        await pilot.press("f6", "enter")
        await pilot.pause()
        assert screen_name(app) == "SlipScreen" and app.sel.category == "active"
        # 7,820: explained by the retired rate, a choice the wizard holds.
        app.screen.query_one("#slip-fund").value = "7820"
        await wait_until(pilot, lambda: app.screen.chk is not None
                         and app.screen.chk.explanations[0].changes == {"category": "retired"})
        assert app.screen.chk.verdict == "differs"
        assert "+460.00" in str(app.screen.query_one("#slip-lines").get_row("fund")[3])
        await pilot.press("f6", "enter")
        await wait_until(pilot, lambda: screen_name(app) == "BreakdownScreen")
        assert app.sel.category == "retired"
        assert str(app.screen.result.fund) == "7820.00"
        assert "Liaoyang" in text_of(app, "#context")
