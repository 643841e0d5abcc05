"""Plain-text layout: fits the width (CJK counts double) and never splits a figure (issue #11)."""

from __future__ import annotations

import itertools
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from yibao_tui.views.text import width, wrap

from .conftest import examples

FIGURE = re.compile(r"\d[\d,.]*%?")

PIECES = ["每年", "200,000.00", "已用", "0.00", "剩余", "：未达到", "70 %", "70%", "×", "fund",
          "annual cap", "0.00–30,000.00", "（", "）", "1,610.10"]
SEPARATORS = [" ", "，", "：", "、", "（"]
# (piece, separator) drawn as one choice: the same texts as a tuple of two draws, a fifth
# cheaper to generate (generation is most of this property's time).
pieces_and_separators = st.sampled_from(list(itertools.product(PIECES, SEPARATORS)))


# Many examples, so a rare case is found every run, not now and then (issue #21 item 10: the
# suite was flaky); the case it once found now and then is pinned. At least 1,000 on every run.
@settings(max_examples=examples(1500, floor=1000), deadline=None)
@given(st.lists(pieces_and_separators, min_size=1, max_size=30), st.integers(16, 90))
@example(parts=[("200,000.00", "，"), ("）", "，"), ("：未达到", " ")], n=16)
def test_wrap_fits_and_keeps_each_figure_whole(parts, n):
    # Figures are separated as in real text (a space or CJK punctuation between them).
    s = "".join(p + sep for p, sep in parts)
    lines = wrap(s, n)
    assert all(width(x) <= n for x in lines)
    for fig in FIGURE.findall(s):
        if width(fig) <= n:
            assert any(fig in x for x in lines), (fig, lines)
    assert not any(x[:1] in "，：）%" for x in lines[1:] if x)  # no line starts with them


def test_wrap_never_starts_a_line_with_closing_punctuation():
    # "200,000.00，），：" is 10 + 4 × 2 = 18 cells, wider than 16 with the figure whole: it is cut
    # (marked "…" at both ends of the cut), and no line starts with "，" or "："
    assert wrap("200,000.00，），：未达到 ", 16) == ["200,000.00，）…", "…，：", "未达到"]


# wcwidth is the oracle (a test dependency only): what a terminal draws, cell by cell. Base
# characters are ASCII letters, CJK and Latin-1 letters; between them combining marks, zero-width
# space / non-joiner / joiner, word joiner, BOM and variation selectors (VS16 after a letter or a
# CJK character, which no emoji presentation widens), and full-width punctuation.
_CHARS = ("abcXYZ é中文医保，：（）…–" "\u0301\u0308\u20dd\u200b\u200c\u200d\u2060\ufeff"
          "\ufe0f\ufe0e\u00ad")


@settings(max_examples=examples(1000), deadline=None)
@given(st.text(alphabet=_CHARS, max_size=40))
def test_width_agrees_with_wcwidth(s):
    from wcwidth import wcwidth

    # character by character: ZWJ's emoji sequences (wcswidth joins what follows) are not ours
    assert width(s) == sum(wcwidth(ch) for ch in s)


def test_width_of_zero_width_characters():
    # a decomposed é is e + U+0301: one cell; a zero-width space, a joiner and VS16 add nothing
    assert width("e\u0301") == 1
    assert width("a\u200bb") == 2
    assert width("中\u200d文") == 4
    assert width("中\ufe0f") == 2
    assert width("医保，") == 6


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
