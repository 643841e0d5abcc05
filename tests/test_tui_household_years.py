"""Pilot tests of the household screens' years (issue 19): the household's year and a member's
enrolment entry edited in the TUI, the rollover key (asks first, undoable), the year screen
switching to a kept year, focus back on the member table after a dialog, a household opened by
its name. Wiring only; the figures are hand-worked in tests/test_household_years.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.test_tui import SIZE, aio, screen_name
from tests.test_tui_household import fill, select_member
from yibao_tui.core.household import calendar
from yibao_tui.storage import store
from yibao_tui.tui.app import build


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    d = tmp_path / "households"
    monkeypatch.setenv(store.ENV, str(d))
    return d


async def settle(pilot, n=2):
    for _ in range(n):
        await pilot.pause()


@aio
async def test_year_tier_and_paid_date_edited_in_the_tui(profiles, monkeypatch):
    monkeypatch.setattr(calendar, "today", lambda: dt.date(2026, 12, 7))
    app = build(["--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        from textual.widgets import Input

        assert app.screen.query_one("#f-year", Input).value == "2026"  # the clock's year
        await fill(pilot, hname="王家")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, id="nainai", name="奶奶", city="yantai", scheme="resident",
                   category="adult")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen_name(app) == "HouseholdScreen"
        # t: the household's year, 2026 → 2025 and back (a bad year is refused in the form)
        await pilot.press("t")
        await settle(pilot)
        await fill(pilot, year="1999")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen_name(app) == "YearForm" and app.hh.household.year == 2026
        await fill(pilot, year="2025")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.hh.household.year == 2025 and app.hh.policies.year == 2025
        # p: the enrolment entry; a tier 烟台 does not offer is refused with the reader's words
        await pilot.press("p")
        await settle(pilot)
        assert screen_name(app) == "EnrolmentForm"
        await fill(pilot, paid="2024-11-20", tier="3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen_name(app) == "EnrolmentForm"
        assert "3" in str(app.screen.query_one("#form-msg").render())
        await fill(pilot, tier="1", history="2024")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen_name(app) == "HouseholdScreen"
        m = app.hh.household.member("nainai")
        assert m.enrolment == [{"year": 2024}, {"year": 2025, "paid": dt.date(2024, 11, 20),
                                                "tier": 1}]
        me = app.hh.enrolment.members[0]
        # "成年居民一档370元"; paid in the window → covered from 2025-01-01
        assert me.premium.amount == Decimal("370") and me.cover.start == dt.date(2025, 1, 1)
        # focus is back on the member table after the dialog
        assert app.focused is not None and app.focused.id == "members"


@aio
async def test_rollover_key_asks_first_and_u_undoes_it(profiles):
    store.copy_demo(profiles)
    app = build(["--lang", "en"], households="demo")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert screen_name(app) == "HouseholdScreen"
        await pilot.press("R")
        await settle(pilot)
        assert screen_name(app) == "ConfirmationModal"
        await pilot.press("n")
        await settle(pilot)
        assert app.hh.household.year == 2025
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        h = app.hh.household
        assert h.year == 2026 and not any(m.visits for m in h.members)
        assert h.member("me").account_balance == Decimal("1890.00")  # 2025's closing
        # the year screen shows 2026, and [ switches to the kept 2025 (its visits)
        await pilot.press("y")
        await settle(pilot)
        assert screen_name(app) == "YearScreen"
        await pilot.press("[")
        await settle(pilot)
        assert app.screen.year == 2025 and len(app.screen.hy.rows) == 4
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert app.hh.household.year == 2025 and app.hh.household.member("me").visits


@aio
async def test_after_a_dialog_keys_act_on_the_highlighted_member(profiles):
    store.copy_demo(profiles)
    app = build(["--lang", "en"], households="demo")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_member(pilot, "spouse")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape")  # cancel the member form
        await settle(pilot)
        assert app.focused.id == "members"
        await pilot.press("down")  # ↓ moves at once: 李娜 → 妈妈
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert screen_name(app) == "VisitForm" and app.screen.member.id == "mum"


@aio
async def test_tui_opens_a_household_by_its_name(profiles):
    profiles.mkdir(mode=0o700)
    text = store.demo_path().read_text("utf-8").replace('name = "示例家庭 Demo family"',
                                                         'name = "王家"')
    (profiles / "household-2.toml").write_text(text, "utf-8")
    app = build(["--lang", "en"], households="王家")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert screen_name(app) == "HouseholdScreen"
        assert app.hh.path == profiles / "household-2.toml"
