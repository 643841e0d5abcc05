"""The app's settings from the config file (``storage/config``): the keymap (Textual's
``set_keymap``: binding id → keys) and the theme, remembered when the palette changes it.

Themes: Textual's own (``textual-dark``, ``textual-light``, …) and a high-contrast one of ours
for older eyes and bright rooms. A config file that cannot be used is reported once and never
written: the app runs on its defaults.
"""

from __future__ import annotations

from textual.theme import Theme

from yibao_tui.text import render, t

DEFAULT_THEME = "textual-dark"
HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF66FF",
    warning="#FFD700",
    error="#FF6060",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#FFFFFF",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
    variables={"footer-key-foreground": "#FFFF00", "input-cursor-background": "#FFFF00",
               "block-cursor-background": "#FFFF00", "block-cursor-foreground": "#000000"},
)
THEMES = (HIGH_CONTRAST,)


class Settings:
    """What was read, and whether the file may be written (not when it failed to read)."""

    def __init__(self, app):
        self.app = app
        self.writable = True
        self.saved_theme = None

    def apply(self):
        """Register our themes, read the file, set the keymap and the theme; a problem is one
        notification. Then remember every theme the user picks."""
        from yibao_tui.storage import config

        app = self.app
        for theme in THEMES:
            app.register_theme(theme)
        try:
            doc = config.read()
        except config.ConfigError as e:
            self.writable = False
            doc = {}
            app.notify(t("config.broken", app.lang, why=render(e.why, app.lang)),
                       severity="warning", timeout=8)
        if doc.get("keymap"):
            app.set_keymap(doc["keymap"])
        theme = doc.get("theme")
        if theme and theme in app.available_themes:
            app.theme = theme
        elif theme:
            app.notify(t("config.theme.unknown", app.lang, theme=theme), severity="warning")
        self.saved_theme = app.theme
        app.theme_changed_signal.subscribe(app, self.remember)

    def remember(self, theme):
        if not self.writable or theme.name == self.saved_theme:
            return
        from yibao_tui.storage import config

        try:
            config.update(theme=theme.name)
            self.saved_theme = theme.name
        except config.ConfigError as e:
            self.writable = False
            self.app.notify(t("config.unsaved", self.app.lang, why=render(e.why, self.app.lang)),
                            severity="warning")
