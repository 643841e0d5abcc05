"""The one catalogue: every user-facing string by key, as a (zh, en) pair.

Kept in sections by who uses them; a key lives in one section only (checked when they merge).
The engine's and the vocabulary's sections load at once; the others in order, as far as the first
that holds a key asked for, so ``yibao estimate --json`` reads no other section and the text
estimate only the screens' (``ui``).
"""

from __future__ import annotations

import importlib

from yibao_tui.text.catalog import engine, labels

SECTIONS = ("engine", "labels", "years", "ui", "household_ui", "household", "household_file",
            "enrolment", "ask", "unknowns", "slip", "curve", "input", "doors", "checker",
            "document", "audit", "policy_tools", "unknowns_act", "household_years", "app", "safety")


class Catalog:
    def __init__(self, loaded):
        self._strings = {}
        self._pending = [s for s in SECTIONS if s not in loaded]
        for mod in loaded.values():
            self._add(mod)

    def _add(self, mod):
        for k, v in mod.STRINGS.items():
            if k in self._strings:
                raise KeyError(f"catalogue key {k!r} is defined twice ({mod.__name__})")
            self._strings[k] = v

    def _load_rest(self):
        while self._pending:
            self._add(importlib.import_module(f"{__name__}.{self._pending.pop(0)}"))

    def get(self, key, default=None):
        # The sections in order, one at a time, until one holds the key: the text estimate
        # needs the screens' strings ("est.header"), not the households' or the checker's.
        while key not in self._strings and self._pending:
            self._add(importlib.import_module(f"{__name__}.{self._pending.pop(0)}"))
        return self._strings.get(key, default)

    def __getitem__(self, key):
        v = self.get(key)
        if v is None:
            raise KeyError(key)
        return v

    def __contains__(self, key):
        return self.get(key) is not None

    def __iter__(self):
        self._load_rest()
        return iter(self._strings)

    def __len__(self):
        self._load_rest()
        return len(self._strings)

    def items(self):
        self._load_rest()
        return self._strings.items()


CATALOG = Catalog({"engine": engine, "labels": labels})
