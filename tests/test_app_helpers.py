"""The app's small pure helpers, tested without running the app."""

from decimal import Decimal

import pytest

from yibao_tui.tui.app import amount_text


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("20000.00"), "20000"),  # a household's amount: "20,000" in the box, not "20,000.0"
    (Decimal("12.5"), "12.50"),
    (Decimal("3E+4"), "30000"),
    (Decimal("0"), "0"),
])
def test_amount_text(value, text):
    assert amount_text(value) == text
