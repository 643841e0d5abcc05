"""The command palette's own commands (Ctrl+P): the app's actions, in the app's language, listed
before anything is typed (``discover``) and found by fuzzy search (``search``).

A screen's actions (compare, export, curve, slip check …) are offered where the screen the palette
was opened from has them and allows them now (``check_action``); the households are offered one
by one by name. Names from files are shown as plain text (``Content``), never as markup.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Provider
from textual.content import Content

from yibao_tui.core.safe import safe
from yibao_tui.text import t

# the screen's own actions, in the order a user reaches for them
SCREEN_ACTIONS = ("compare", "export", "curve", "slip", "more", "supply", "rollover", "set_year")


def _allowed(node, action):
    fn = getattr(node, f"action_{action}", None)
    if fn is None:
        return None
    try:
        ok = node.check_action(action, ())
    except Exception:  # a screen half torn down: offer nothing of it
        return None
    return fn if ok else None


class YibaoCommands(Provider):
    """compare, export, curve, slip check, caveats, supply, households, each household by name,
    language, theme, help, quit."""

    def commands(self):
        app, screen, lang = self.app, self.screen, self.app.lang
        out = []
        for action in SCREEN_ACTIONS:
            fn = _allowed(screen, action)
            if fn is not None:
                out.append((t(f"palette.{action}", lang), t(f"palette.{action}.help", lang), fn))
        out.append((t("palette.households", lang), t("palette.households.help", lang),
                    app.action_households))
        for name, path in self.households():
            out.append((t("palette.household", lang, name=name),
                        t("palette.household.help", lang, path=path), self.opener(path)))
        for action, fn in (("lang", app.action_toggle_lang), ("theme", app.action_change_theme),
                           ("help", app.action_help), ("quit", app.action_quit)):
            out.append((t(f"palette.{action}", lang), t(f"palette.{action}.help", lang), fn))
        return out

    def households(self):
        """(name, path) of each household on file (the demo while there are none); none when
        the directory cannot be listed (the household screens say why)."""
        from yibao_tui.storage import store

        try:
            loaded, _broken = store.list_all(self.app.profiles)
        except Exception:
            return []
        return [(safe(getattr(h.household, "name", None) or h.name, 60), safe(str(h.path), 200))
                for h in loaded]

    def opener(self, path):
        async def open_household():
            await self.app.open_household(path)

        return open_household

    async def discover(self):
        for text, help_text, fn in self.commands():
            yield DiscoveryHit(Content(text), fn, text=text, help=help_text)

    async def search(self, query):
        matcher = self.matcher(query)
        for text, help_text, fn in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), fn, text=text, help=help_text)
