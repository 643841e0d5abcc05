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


def problem_lines(e, lang="en"):
    """A PolicyError's (or any file error's) problems as a person reads them, one a line:
    ``file:line: key.path: what``."""
    from yibao_tui.core.msg import problem_msg

    return "\n".join(render(problem_msg(p), lang) for p in e.problems)
