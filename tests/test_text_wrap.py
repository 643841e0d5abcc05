"""Plain-text layout: fits the width (CJK counts double) and never splits a figure (issue #11)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from yibao_tui.views.text import width, wrap

FIGURE = re.compile(r"\d[\d,.]*%?")

pieces = st.sampled_from(["每年", "200,000.00", "已用", "0.00", "剩余", "：未达到", "70 %", "70%",
                          "×", "fund", "annual cap", "0.00–30,000.00", "（", "）", "1,610.10"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(pieces, st.sampled_from([" ", "，", "：", "、", "（"])), min_size=1,
                max_size=30), st.integers(16, 90))
def test_wrap_fits_and_keeps_each_figure_whole(parts, n):
    # Figures are separated as in real text (a space or CJK punctuation between them).
    s = "".join(p + sep for p, sep in parts)
    lines = wrap(s, n)
    assert all(width(x) <= n for x in lines)
    for fig in FIGURE.findall(s):
        if width(fig) <= n:
            assert any(fig in x for x in lines), (fig, lines)
    assert not any(x[:1] in "，：）%" for x in lines[1:] if x)  # no line starts with them


def test_estimate_text_fits_80_columns(monkeypatch, capsys):
    import os

    from yibao_tui.cli import main

    monkeypatch.setattr(os, "get_terminal_size", lambda *a: os.terminal_size((80, 24)))
    for lang in ("zh", "en"):
        main(["estimate", "--city", "liaoyuan", "--scheme", "resident", "--category", "adult",
              "--care", "inpatient", "--grade", "2", "--amount", "12345", "--class-b", "8000",
              "--lang", lang])
        out = capsys.readouterr().out
        assert all(width(x) <= 80 for x in out.splitlines())
        assert "300,000.00" in out and "1,61…" not in out  # the cap whole, no figure clipped
