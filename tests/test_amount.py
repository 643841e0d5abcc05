"""The one rule for an amount in yuan (CLI, household files and the wizard use it)."""

from decimal import Decimal

import pytest

from yibao_tui.core.amount import MAX_AMOUNT, AmountError, parse_amount


@pytest.mark.parametrize(("value", "expected"), [
    ("1,234.56", Decimal("1234.56")),
    ("1，000", Decimal("1000")),        # full-width comma, as typed with a Chinese IME
    (Decimal("0.01"), Decimal("0.01")),
    (0, Decimal(0)),
    ("100000000", MAX_AMOUNT),          # 1亿 itself is accepted
])
def test_accepted(value, expected):
    assert parse_amount(value) == expected


@pytest.mark.parametrize(("value", "code"), [
    ("abc", "bad"), ("NaN", "bad"), ("Infinity", "bad"), (True, "type"), (1.5, "type"),
    ("-0.01", "negative"), ("100000000.01", "too_big"), ("12.345", "decimals"),
])
def test_refused_with_its_reason(value, code):
    with pytest.raises(AmountError) as e:
        parse_amount(value)
    assert e.value.code == code
def test_wizard_takes_the_one_amount_rule():
    # the CLI rule (core.amount): full-width commas group digits too
    from decimal import Decimal

    from yibao_tui.core.amount import group, parse_money

    assert parse_money("1，000") == (Decimal("1000"), None)
    assert parse_money("-5")[1] == "bad.format"
    assert group("1，0000") == "10,000"
