"""The slip screen (核对结算单), opened from the breakdown with ``k``: its header says the policy's
year; Enter on an explanation makes it the current choice, or says why it cannot.
``check_slips`` is the last part of the 沈阳 breakdown's journey in test_tui_app.py (one app start
for that screen's wiring). The arithmetic is tested in test_slip.py and test_slip_paid_first.py,
the year's wording in test_policy_years.py."""

from __future__ import annotations

from .test_tui import screen_name, wait_until

# 沈阳 resident adult, 三级 stay of 10,000 (“三级 300 600 75% 75%”, adults the second figure):
# fund (10000 − 600) × 75 % = 7,050.00.
NOTE = "[/x] [b]bold[/b] [b"


async def check_slips(app, pilot, monkeypatch):
    """From the 沈阳 stay's breakdown, in English; ends on a new breakdown (the explanation
    chosen)."""
    # Issue #23: a policy file of the user's own naming its city "[/x]…" went through Textual
    # markup on this screen (MarkupError, or the rest of the line restyled).
    name = app.policy.name
    monkeypatch.setattr(app.policy, "name", {"zh": NOTE, "en": NOTE})
    await pilot.press("k")
    await pilot.pause()
    assert screen_name(app) == "SlipScreen"
    context = str(app.screen.query_one("#slip-context").render())
    assert f"{NOTE} 2024" in context  # as is, not styled
    # The year, as the breakdown says it (today is 2026-12-07 in the tests, conftest).
    assert "! 2026 — " in context and "newest policy on file is 2024; its figures are used" in context
    monkeypatch.setattr(app.policy, "name", name)
    # 6,900: explained by 200 paid first ((10000 − 600 − 200) × 75 %), which the wizard does not
    # ask: said, nothing changed.
    await pilot.press(*"6900")
    await wait_until(pilot, lambda: app.screen.chk is not None)
    assert app.screen.chk.explanations[0].changes == {"paid_first": 200}
    await pilot.press("f6", "enter")
    await pilot.pause()
    assert screen_name(app) == "SlipScreen" and app.sel.disease is None
    # 7,500: a psychosis stay has no deductible (“精神病…不设立统筹基金起付标准”):
    # 10000 × 75 % = 7,500.00, 450.00 more; a choice the wizard holds.
    app.screen.query_one("#slip-fund").value = "7500"
    await wait_until(pilot, lambda: app.screen.chk is not None
                     and app.screen.chk.explanations[0].changes == {"disease": "psychosis"})
    assert app.screen.chk.verdict == "differs"
    assert "+450.00" in str(app.screen.query_one("#slip-lines").get_row("fund")[3])
    await pilot.press("f6", "enter")
    await wait_until(pilot, lambda: screen_name(app) == "BreakdownScreen")
    assert app.sel.disease == "psychosis"
    assert str(app.screen.result.fund) == "7500.00"
