"""The app as a well-kept Textual app: the command palette lists the app's own actions, a keymap
in the config file remaps a binding, the theme is remembered, the breakdown's footer at 80×24
names its own keys first. Wiring only (the figures are the engine's tests)."""

from __future__ import annotations

from decimal import Decimal

from textual.command import CommandPalette
from textual.widgets import Footer

from yibao_tui.storage import config
from yibao_tui.tui.app import YibaoApp

from .test_tui import SIZE, aio, screen_name, wait_until

PREFILL = {"city": "shenyang", "scheme": "resident", "category": "adult", "care": "inpatient",
           "grade": "3", "amount": Decimal(10000)}


def config_file(text):
    """Write the test's config file (its directory private, as the app would make it)."""
    import os

    path = config.config_path()
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def palette_rows(app):
    return [str(o.prompt).split("\n")[0] for o in app.screen.query_one("CommandList").options]


def footer_keys(app):
    footer = app.screen.query_one(Footer)
    return [k.key_display or k.key for k in footer.query("FooterKey") if k.display]


@aio
async def test_palette_lists_the_apps_actions_and_the_footer_its_own_keys():
    app = YibaoApp(lang="zh", prefill=dict(PREFILL))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        # the footer fills in after the first refresh (late on a loaded machine)
        await wait_until(pilot, lambda: footer_keys(app))
        keys = [k for k in footer_keys(app)]
        # this screen's keys first, then the global ones; Ctrl+P (更多) lists the rest
        assert keys[:6] == ["i", "s", "k", "g", "c", "e"], keys
        await pilot.press("ctrl+p")
        # the palette lists its commands once they are gathered (asynchronously)
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette)
                         and "帮助" in palette_rows(app))
        assert app.screen.query_one("Input").placeholder == "搜索操作……"  # the app's language
        rows = palette_rows(app)
        for label in ("对比", "导出", "费用曲线", "核对结算单", "家庭", "English", "主题", "帮助"):
            assert label in rows, (label, rows)
        assert any(r.startswith("打开家庭：") for r in rows)  # each household by name
        # typed, it narrows; Enter runs the action on the screen it was opened from
        app.screen.query_one("Input").value = "对比"
        await wait_until(pilot, lambda: palette_rows(app)[:1] == ["对比"])
        assert palette_rows(app)[0] == "对比"
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen_name(app) == "CompareScreen")
        assert screen_name(app) == "CompareScreen"


@aio
async def test_keymap_in_the_config_remaps_and_the_theme_is_remembered():
    config_file('[keymap]\n"breakdown.compare" = "x"\n')
    app = YibaoApp(lang="en", prefill=dict(PREFILL))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")  # no longer compare
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        await pilot.press("x")
        await pilot.pause()
        assert screen_name(app) == "CompareScreen"
        app.theme = "high-contrast"
        await pilot.pause()
    assert config.read() == {"theme": "high-contrast", "keymap": {"breakdown.compare": "x"}}
    app = YibaoApp(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "high-contrast"


@aio
async def test_a_broken_config_is_said_and_never_written():
    path = config_file("theme = 3\n")
    app = YibaoApp(lang="en")
    said = []
    app.notify = lambda message, **kw: said.append(message)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("settings file cannot be used" in m and "theme: must be text" in m
                   for m in said), said
        app.theme = "textual-light"
        await pilot.pause()
    with open(path, encoding="utf-8") as f:
        assert f.read() == "theme = 3\n"


@aio
async def test_toasts_go_when_the_screen_changes():
    app = YibaoApp(lang="en", prefill=dict(PREFILL))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.notify("said on the breakdown")
        await pilot.press("f1")  # said since the last change: it stays with this one
        await pilot.pause()
        assert [str(n.message) for n in app._notifications] == ["said on the breakdown"]
        await pilot.press("escape")  # the next change takes it away
        await pilot.pause()
        assert list(app._notifications) == []
