"""Textual's Footer, composed only when what it shows changes.

Textual's Footer recomposes every time the screen's bindings are published (a screen pushed, a
focus moved: three or four times while a screen starts), though the keys it would show are
mostly the same; and each key it makes is styled twice as it mounts (its ``compact`` starts
True, then is bound to the footer's). Here a recompose that would show the same keys is skipped,
and each key starts with the ``compact`` it ends with once mounted (the footer's; the palette's
key keeps its own) and the ``-compact`` class Textual's key sets from it, so it is styled once.
What is drawn is the same.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.widgets import Footer


def shown_keys(footer):
    """What the footer's keys would show for its screen's bindings now."""
    app = footer.app
    return tuple((binding, enabled, tooltip, app.get_key_display(binding))
                 for _node, binding, enabled, tooltip in footer.screen.active_bindings.values())


class QuietFooter(Footer):
    composed_for = None  # the keys of the last compose that made any

    def compose(self):
        made = False
        for widget in super().compose():
            compact = getattr(type(widget), "compact", None)
            if isinstance(compact, Reactive):  # a key: compact as it will be once mounted
                # bound to the footer's, but the palette's key, which keeps its own (True)
                value = True if widget.has_class("-command-palette") else self.compact
                widget.set_reactive(compact, value)
                widget.set_class(value, "-compact", update=False)
            made = True
            yield widget
        self.composed_for = shown_keys(self) if made else None

    async def recompose(self):
        if self.is_attached and self.composed_for is not None \
                and shown_keys(self) == self.composed_for:
            return  # the same keys again
        await super().recompose()
