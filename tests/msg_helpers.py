"""Matching a core error's message (``.msg``, a Msg) as a person reads it in English."""

import re
from contextlib import contextmanager

import pytest

from yibao_tui.text import render


@contextmanager
def raises_en(exc, match):
    """Like ``pytest.raises(exc, match=…)``, matched against ``render(e.msg, "en")``."""
    with pytest.raises(exc) as info:
        yield info
    text = render(info.value.msg, "en")
    assert re.search(match, text), f"{match!r} not in {text!r}"
