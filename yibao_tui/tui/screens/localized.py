"""What every screen and dialog shares: bindings declared with a catalogue key as their footer
description, worded in the app's language (and again after F2), and ``lang``."""

from __future__ import annotations

import dataclasses

from yibao_tui.text import t


def localize(node, lang):
    """Rewrite the footer descriptions of ``node``'s bindings into ``lang``.

    Bindings are declared with a catalogue key as description; the key is remembered on first
    call, so a later call (a language switch) words the same key again.
    """
    keys = node.__dict__.setdefault("_i18n_binding_keys", {})
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        new = []
        for b in bindings:
            k = keys.setdefault((key, b.action), b.description)
            new.append(dataclasses.replace(b, description=t(k, lang) if k else ""))
        table[key] = new


class Localized:
    """Mixed in before a Textual Screen: its bindings worded at once, and the app's language."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        localize(self, self.app.lang)

    relabel_pending = False  # F2 was pressed while another screen covered this one

    @property
    def lang(self):
        return self.app.lang

    async def on_screen_resume(self):
        if self.relabel_pending:
            self.relabel_pending = False
            await self.relabel()
