"""The cost curve's words as its screen shows them (views/curve.py), without a running app: the
break points' labels in both languages and the per-1,000 line, for the two of 辽源's choices the
curve screen's Pilot test once drew (now the Pilot journey draws 沈阳's, in test_tui_app.py).
Figures worked by hand from policies/liaoyuan-2023.toml."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.engine import Claim, Person
from yibao_tui.core.engine.curve import curve
from yibao_tui.core.policy import load_city
from yibao_tui.views.curve import break_words, curve_rows, per1000_line

from .conftest import POLICIES

ADULT = Person("resident", "adult")


def curves():
    """辽源 resident adult stay of 20,000 at 二级, and the same at 基层 over the same bills."""
    p = load_city("liaoyuan", dirs=[str(POLICIES)])
    second = curve(p, ADULT, [Claim("inpatient", Decimal(20000), grade="2")])
    basic = curve(p, ADULT, [Claim("inpatient", Decimal(20000), grade="primary")],
                  to=second.points[-1].amount)
    return second, basic


def test_break_labels_in_both_languages_and_the_per_1000_line():
    second, basic = curves()
    # 二级 deductible 600; band 2 from 600 + 30,000 = 30,600.
    zh = [r.label for r in curve_rows(second, "zh")]
    assert zh[0] == "起付线 600" and zh[2] == "第2段 30,600起"
    assert [r.label for r in curve_rows(second, "en")][2] == "band 2 from 30,600"
    # 20,000 is in band 1, past the 大病 threshold: self-pay 30 % of each yuan, 大病 takes 60 %
    # of it: 1,000 × 30 % × 40 % = 120.
    assert per1000_line(second, "zh") == "每多花1,000元，您多付120元（当前区间）"
    # 基层 (“一级(含以下) 300元”): deductible 300; band 2 from 300 + 30,000 = 30,300.
    words = [break_words(b, "zh") for b in basic.breaks]
    assert words[0] == "起付线 300" and words[2] == "第2段 30,300起"
