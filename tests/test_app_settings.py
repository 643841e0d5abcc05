"""The app's settings (tui/settings.py) without a running app: the config file's keymap and theme
applied at start, a theme picked remembered, a broken file said once and never written. (The Pilot
test in test_tui_app.py shows the app wires them: a remapped key works, a picked theme is saved.)"""

from __future__ import annotations

import os
from types import SimpleNamespace

from yibao_tui.storage import config
from yibao_tui.tui.settings import DEFAULT_THEME, HIGH_CONTRAST, Settings

from .conftest import config_file


class FakeApp:
    """What Settings uses of the app: its themes, keymap, notifications and theme signal."""

    def __init__(self, lang="en"):
        self.lang = lang
        self.available_themes = {DEFAULT_THEME: None, "textual-light": None}
        self.theme = DEFAULT_THEME
        self.keymap, self.said, self.listeners = None, [], []
        self.theme_changed_signal = SimpleNamespace(
            subscribe=lambda _owner, fn: self.listeners.append(fn))

    def register_theme(self, theme):
        self.available_themes[theme.name] = theme

    def set_keymap(self, keymap):
        self.keymap = keymap

    def notify(self, message, **_kw):
        self.said.append(message)

    def pick(self, name):
        """The user picks a theme (the palette): Textual sets it and signals it."""
        self.theme = name
        for fn in self.listeners:
            fn(SimpleNamespace(name=name))


def started(text=None):
    if text is not None:
        config_file(text)
    app = FakeApp()
    Settings(app).apply()
    return app


def test_the_files_keymap_and_theme_are_used_at_start():
    app = started('theme = "high-contrast"\n[keymap]\n"breakdown.compare" = "x"\n')
    assert app.theme == HIGH_CONTRAST.name and app.keymap == {"breakdown.compare": "x"}
    assert app.said == []


def test_a_theme_picked_is_remembered_and_the_keymap_kept():
    app = started('[keymap]\n"breakdown.compare" = "x"\n')
    assert app.theme == DEFAULT_THEME
    app.pick("textual-light")
    assert config.read() == {"theme": "textual-light", "keymap": {"breakdown.compare": "x"}}
    # A new start uses it.
    assert started().theme == "textual-light"


def test_no_file_is_the_defaults_and_nothing_written_until_a_pick():
    app = started()
    assert app.theme == DEFAULT_THEME and app.keymap is None and app.said == []
    assert not os.path.exists(config.config_path())
    app.pick("high-contrast")
    assert config.read() == {"theme": "high-contrast"}


def test_a_broken_file_is_said_and_never_written():
    path = config_file("theme = 3\n")
    app = started()
    assert app.theme == DEFAULT_THEME
    assert len(app.said) == 1
    assert "settings file cannot be used" in app.said[0] and "theme: must be text" in app.said[0]
    app.pick("textual-light")
    with open(path, encoding="utf-8") as f:
        assert f.read() == "theme = 3\n"
    assert len(app.said) == 1  # said once


def test_an_unknown_theme_is_said_and_the_default_used():
    app = started('theme = "no-such-theme"\n')
    assert app.theme == DEFAULT_THEME
    assert app.said == ["Theme no-such-theme in the settings does not exist; using the default"]
