"""Pilot test of a new household and its years (issue 19) in the TUI: the list naming the files
it cannot read, a new household (its year from the clock, its name shown as typed), the
household's year (t) and a member's enrolment entry (p) edited with their own checks inline,
focus back on the member table, and a first save that finds its file made meanwhile (save as). Wiring only:
the rules and figures are unit tests (tests/test_session_household.py,
tests/test_household_years.py); the rollover key and the year screen's [ are walked in
tests/test_tui_household.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.test_tui import SIZE, aio, screen_name
from tests.test_tui_household import HOSTILE, fill, footer_keys, form_msg, keys, on
from yibao_tui.core.household import calendar
from yibao_tui.storage import store


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    d = tmp_path / "households"
    monkeypatch.setenv(store.ENV, str(d))
    return d


@aio
async def test_new_household_year_enrolment_and_a_file_made_meanwhile(profiles, monkeypatch):
    from textual.widgets import DataTable, Input, OptionList

    from yibao_tui.core import household as H
    from yibao_tui.tui.app import build

    monkeypatch.setattr(calendar, "today", lambda: dt.date(2026, 12, 7))
    profiles.mkdir(mode=0o700)
    broken = profiles / "broken.toml"
    raw = b'schema = 1\nname = "x"\nyear = 2025\n[[member]\nid = "a"\n\xff\n'
    broken.write_bytes(raw)
    bad = profiles / "bad.toml"
    bad.write_text('schema = 1\nname = "x"\nyear = 2025\n\n[[member]]\nid = "a"\nname = \n', "utf-8")
    bad_raw = bad.read_bytes()

    app = build(["--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "f5")
        await on(pilot, "HouseholdListScreen")
        assert {"f1", "f2"} <= footer_keys(app)
        # What the list cannot read, by file and line (no demo beside the user's own files).
        assert app.screen.loaded == []
        text = str(app.screen.query_one("#hh-broken").content)
        assert "broken.toml:" in text and "not UTF-8" in text and "bad.toml:7:" in text

        # n: a new household, its year from the clock.
        await keys(pilot, "n")
        await on(pilot, "NewHouseholdForm")
        assert app.screen.query_one("#f-year", Input).value == "2026"
        await fill(pilot, hname=HOSTILE)  # shown as typed, never read as markup (issue #22)
        await keys(pilot, "ctrl+s")
        await on(pilot, "HouseholdScreen")
        assert {"f1", "f2", "a", "v", "w"} <= footer_keys(app)  # in English too
        s = app.hh
        assert s.household.year == 2026 and s.dirty and not s.path.exists()
        assert HOSTILE in str(app.screen.query_one("#hh-status").content)
        # Its first member, put in through the session (the member form is walked in
        # tests/test_tui_household.py; the head offered first: tests/test_session_household.py).
        s.put_member(H.Member(id="nainai", name="奶奶", relation="self", city="yantai",
                              scheme="resident", category="adult"))
        app.screen.fill()

        # t: the household's year, 2026 → 2025 (a bad year is refused in the form).
        await keys(pilot, "t")
        await on(pilot, "YearForm")
        await fill(pilot, year="1999")
        await keys(pilot, "ctrl+s")
        assert screen_name(app) == "YearForm" and s.household.year == 2026
        await fill(pilot, year="2025")
        await keys(pilot, "ctrl+s")
        await on(pilot, "HouseholdScreen")
        assert s.household.year == 2025
        # p: the enrolment entry; a tier 烟台 does not offer is refused with the reader's words.
        await keys(pilot, "p")
        await on(pilot, "EnrolmentForm")
        await fill(pilot, paid="2024-11-20", tier="3")
        await keys(pilot, "ctrl+s")
        assert screen_name(app) == "EnrolmentForm" and "3" in form_msg(app)
        await fill(pilot, tier="1", history="2024")
        await keys(pilot, "ctrl+s")
        await on(pilot, "HouseholdScreen")
        assert s.household.member("nainai").enrolment == [
            {"year": 2024}, {"year": 2025, "paid": dt.date(2024, 11, 20), "tier": 1}]
        # "成年居民一档370元": the pane shows the premium the entry gives
        assert s.enrolment.members[0].premium.amount == Decimal("370")
        assert "370.00" in str(app.screen.query_one("#hh-detail-text").content)
        # focus is back on the member table after the dialog
        assert app.focused is not None and app.focused.id == "members"

        # The first save finds the file made meanwhile by another program: the dialog says it
        # exists (not "changed"), offers no reload, and saves under another name.
        path = s.path
        store.save_new(store.load_demo().household, profiles, path.stem)
        theirs = path.read_bytes()
        await keys(pilot, "ctrl+s")
        await on(pilot, "ChangedForm")
        scr = app.screen
        assert str(scr.query_one(".dialog-title").content) == "That file already exists"
        q = str(scr.query_one("#question").content)
        assert str(path) in q and "already exists" in q and "changed" not in q
        options = [str(o.prompt) for o in scr.query_one("#choices", OptionList).options]
        assert options == ["a  Save this household under another file name",
                           "c  Cancel, keep editing"]
        await keys(pilot, "r")  # no reload here
        assert screen_name(app) == "ChangedForm" and s.dirty
        await keys(pilot, "a")
        await on(pilot, "SaveAsForm")
        await keys(pilot, "enter")  # the offered name: <stem>-2
        await on(pilot, "HouseholdScreen")
        assert s.path == profiles / f"{path.stem}-2.toml" and not s.dirty
        assert "奶奶" in s.path.read_text(encoding="utf-8")
        assert path.read_bytes() == theirs  # theirs, untouched
        # Esc: back on the list, which now shows both files.
        await keys(pilot, "escape")
        await on(pilot, "HouseholdListScreen")
        assert sorted(ld.name for ld in app.screen.loaded) == [path.stem, f"{path.stem}-2"]
        table = app.screen.query_one("#hh-table", DataTable)
        assert HOSTILE in [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
    assert broken.read_bytes() == raw and bad.read_bytes() == bad_raw
