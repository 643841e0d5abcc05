"""A household as TOML text (the file format: docs/household.md). Writing needs tomli_w, so it
lives here, not in core: core reads files and checks an edit on its dict form."""

from __future__ import annotations

from yibao_tui.core.household import to_dict

HEADER = ("# yibao-tui household profile (schema 1). Format: `yibao docs household`.\n"
          "# Amounts in yuan. No ID-card numbers are stored.\n")


def dumps(h):
    import tomli_w

    return HEADER + tomli_w.dumps(to_dict(h))
