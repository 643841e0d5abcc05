"""What counts as an amount in yuan — one rule for the command line, household files and the
wizard: a finite, non-negative number of at most two decimals (the fen), at most 1亿; commas
(also full-width) may group the digits. Stdlib only: it is on the ``yibao estimate`` fast path.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

MAX_AMOUNT = Decimal("100000000")  # 1亿: above this an input is a typo, not a hospital bill
FEN = Decimal("0.01")


class AmountError(ValueError):
    """Why a value is not an amount; each caller words it in its own way.

    ``code``: ``type`` (not a number or text), ``bad`` (not a number), ``negative``,
    ``too_big`` (over MAX_AMOUNT), ``decimals`` (finer than the fen).
    """

    def __init__(self, code, value):
        super().__init__(f"{code}: {value!r}")
        self.code = code
        self.value = value


def parse_amount(value):
    """``value`` (int, Decimal or text) as a Decimal amount, or raise AmountError."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise AmountError("type", value)
    try:
        d = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise AmountError("bad", value) from None
    if not d.is_finite():
        raise AmountError("bad", value)
    if d < 0:
        raise AmountError("negative", value)
    if d > MAX_AMOUNT:
        raise AmountError("too_big", value)
    if d != d.quantize(FEN):
        raise AmountError("decimals", value)
    return d
