"""The serious-illness step shows each band's slice (issue #11), worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

from yibao_tui.core.engine import Claim, Person, estimate
from yibao_tui.core.policy import load_city
from yibao_tui.views.steps import step_text


def test_each_band_slice_is_shown():
    # 辽源 resident adult inpatient, grade 2, 52,345: deductible 600; 51,745 above it:
    # 30,000 × 70% = 21,000 + 21,745 × 75% = 16,308.75 → fund 37,308.75.
    # Self-pay 52,345 − 37,308.75 = 15,036.25; above the 2,000 threshold 13,036.25:
    # 10,000 × 60% = 6,000 + 3,036.25 × 70% = 2,125.375 → 8,125.375.
    p = load_city("liaoyuan")
    res = estimate(p, Person("resident", "adult"), Claim("inpatient", D(52345), grade="2"))
    assert res.fund == D("37308.75") and res.serious_illness == D("8125.375")
    si = next(s for s in res.steps if s.key == "serious_illness")
    text = step_text(si, "zh")
    assert "10,000.00 × 60% = 6,000.00" in text and "3,036.25 × 70% = 2,125.38" in text
    assert "3,036.25 × 70% = 2,125.38" in step_text(si, "en")
