"""Issue #22 in the app: a user's or a file's string reaches a widget as plain text, never as
Textual markup — ``[/x]`` raised MarkupError and ended the app, ``[@click=app.quit]`` made a
name a button — and the wizard says what is wrong with a broken supplied-figures file instead of
dying with a traceback."""

from __future__ import annotations

import pytest

from tests.test_tui import SIZE, aio, screen_name
from yibao_tui.storage import store
from yibao_tui.tui.app import build

pytestmark = pytest.mark.pilot

HOSTILE = "[/x] [b [@click=app.quit]q[/]"


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    d = tmp_path / "households"
    monkeypatch.setenv(store.ENV, str(d))
    monkeypatch.setenv("YIBAO_SUPPLIED", str(tmp_path / "s" / "supplied.toml"))
    return d


def _plant(profiles):
    store.copy_demo(profiles)
    f = profiles / "demo.toml"
    text = f.read_text(encoding="utf-8")
    text = text.replace('name = "示例家庭 Demo family"', f'name = "{HOSTILE}"')
    text = text.replace('name = "王伟"', 'name = "[/王伟]"').replace('name = "李娜"', 'name = "[b"')
    f.write_text(text, encoding="utf-8")


@aio
async def test_markup_in_household_names_is_shown_as_typed(profiles):
    _plant(profiles)
    app = build(["--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert screen_name(app) == "HouseholdListScreen"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        await pilot.press("y")  # the family year
        await pilot.pause()
        await pilot.pause()
    assert app.return_code in (None, 0)


@aio
async def test_a_broken_supplied_file_is_said_not_a_traceback(profiles, tmp_path):
    f = tmp_path / "s" / "supplied.toml"
    f.parent.mkdir(mode=0o700)
    f.write_text("supplied = [1, 2]\n", encoding="utf-8")
    from yibao_tui.core import policy as pol
    from yibao_tui.tui.screens.wizard.yours import mine

    p = pol.load_city("shenyang")
    assert mine(p) == []  # unreadable: nothing of yours is listed (the estimate says why)
    assert f.read_text(encoding="utf-8") == "supplied = [1, 2]\n"
