"""What counts as an amount in yuan — one rule for the command line, household files and the
wizard: a finite, non-negative number of at most two decimals (the fen), at most 1亿.

Text may be written the ways people type it: ``1,234.56``; full-width digits and separators
from a Chinese IME (``１２３``, ``１，０００``, ``１２．５``); a trailing ``元``; ``万`` for ten
thousand (``3万`` = 30000, ``1.5万元`` = 15000; still no finer than the fen once scaled).
Commas group digits in threes only (``1,000`` but not ``1,0``, ``,100`` or ``1,,0``): a comma
anywhere else is refused, never dropped (``1000，00`` is not 100000). A minus sign is refused,
``-0`` too (a sign is a slip, and every value the app takes has the same rule). Digits are ASCII
(or full-width): ``١٢٣`` (Arabic-Indic), ``²`` are refused although ``Decimal``/``int`` read them.
Anything else is refused with a reason.

The same rule for every number the command line and the files take: ``parse_number`` (a yuan
figure or a rate, ``60%``) and ``parse_whole`` (a count, a tier) use these digits and signs.
Stdlib only: it is on the ``yibao estimate`` fast path.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_AMOUNT = Decimal("100000000")  # 1亿: above this an input is a typo, not a hospital bill
FEN = Decimal("0.01")
MAX_CHARS = 40  # "100,000,000.00元" is 15: longer text is pasted noise, refused before parsing
_WAN = Decimal(10000)

# Full-width digits, comma, point, per cent and space as ASCII (what a Chinese IME types).
_ASCII = str.maketrans("０１２３４５６７８９，．％\u3000", "0123456789,.% ")
_AMOUNT = (r"(?P<sign>[+-]?)(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.(?P<frac>[0-9]*))?"
           r"\s*(?P<wan>万)?\s*元?")  # compiled (and cached by re) on first use, not at import


class AmountError(ValueError):
    """Why a value is not an amount; each caller words it in its own way.

    ``code``: ``type`` (not a number or text), ``bad`` (not a number), ``negative``,
    ``too_big`` (over MAX_AMOUNT, or text too long to be an amount), ``decimals`` (finer than the
    fen).
    """

    def __init__(self, code, value):
        super().__init__(f"{code}: {value!r:.80}")
        self.code = code
        self.value = value


def parse_amount(value):
    """``value`` (int, Decimal or text) as a Decimal amount, or raise AmountError."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise AmountError("type", value)
    if isinstance(value, str):
        d = _from_text(value)
    elif isinstance(value, int):
        d = Decimal(value)
    else:
        d = value
    if not d.is_finite():
        raise AmountError("bad", value)
    if d < 0 or d.is_signed():  # -0 too: one sign rule
        raise AmountError("negative", value)
    if d > MAX_AMOUNT:
        raise AmountError("too_big", value)
    if d != d.quantize(FEN):
        raise AmountError("decimals", value)
    return d + 0  # -0 → 0 (never shown as -0.00)


def _from_text(value):
    s = value.translate(_ASCII).strip()
    if s.startswith("-"):
        raise AmountError("negative", value)
    if len(s) > MAX_CHARS:  # a pasted page of digits: refused before any number is built
        raise AmountError("too_big" if re.fullmatch(r"[0-9,.\s]+", s) else "bad", value)
    whole, _dot, frac = s.partition(".")
    if whole.isascii() and whole.isdigit() and (not frac or (frac.isascii() and frac.isdigit())):
        return Decimal(s)  # plain digits (what scripts pass): no pattern needed
    m = re.fullmatch(_AMOUNT, s)
    if m is None or not (m["whole"] or m["frac"]):
        raise AmountError("bad", value)
    frac = f".{m['frac']}" if m["frac"] else ""  # the decimals as typed: 1.50 stays 1.50
    try:
        d = Decimal(f"{m['sign']}{(m['whole'] or '0').replace(',', '')}{frac}")
    except InvalidOperation:  # cannot happen for text the pattern accepts; refuse, never crash
        raise AmountError("bad", value) from None
    if m["wan"]:
        d = (d * _WAN).normalize()  # 1.5万 → 15000, 1.234567万 → 12345.67
        if d.as_tuple().exponent > 0:
            d = d.quantize(1)
    return d


def parse_number(value):
    """A figure the user supplies: yuan by the amount rule, or a rate (``60%`` → 0.6; ``0.6``,
    any number of decimals). Decimal, or AmountError (``bad``, ``negative``, ``too_big``). The
    same digits, signs and limit as ``parse_amount``: no exponent, no ``-``, at most MAX_AMOUNT."""
    if not isinstance(value, str):
        return parse_amount(value)
    s = value.translate(_ASCII).strip()
    pct = s.endswith("%")
    body = s[:-1].strip() if pct else s
    whole, _dot, frac = body.partition(".")
    plain = not whole or (whole.isascii() and whole.isdigit())
    if plain and frac.isascii() and frac.isdigit() and len(body) <= MAX_CHARS:
        d = Decimal(f"{whole or '0'}.{frac}")  # 0.125: a rate, finer than the fen
        return d / 100 if pct else d
    try:
        d = parse_amount(body)
    except AmountError as e:
        if e.code == "decimals":
            raise AmountError("bad", value) from None
        raise AmountError(e.code, value) from None
    return d / 100 if pct else d


def parse_whole(value, low=0, high=10**6):
    """A whole number typed as ASCII digits (no sign, no ``²``, no ``١``), ``low``..``high``;
    an int, or AmountError (``bad``, ``too_big``)."""
    s = str(value).strip()
    if not (s.isascii() and s.isdigit()) or len(s) > 12:
        raise AmountError("too_big" if s.isascii() and s.isdigit() else "bad", value)
    n = int(s)
    if n < low:
        raise AmountError("bad", value)
    if n > high:
        raise AmountError("too_big", value)
    return n


# ───────────────────────────── typing an amount ─────────────────────────────

# The refusal codes the money boxes word with their own catalogue keys (``bad.<code>``); a code
# not listed reads as ``bad.format``.
BAD_KEYS = {"too_big": "bad.too_big", "decimals": "bad.decimals"}


def parse_money(text):
    """(Decimal or None, catalogue key of the refusal or None) for a money box, by the one rule
    (``parse_amount``): empty text (or a lone point while typing) is (None, None)."""
    if text.replace(",", "").replace("，", "").strip() in ("", ".", "．"):
        return None, None
    try:
        return parse_amount(text), None
    except AmountError as e:
        return None, BAD_KEYS.get(e.code, "bad.format")


def group(text):
    """Digits typed so far with thousands separators, keeping a trailing point or decimals.
    Other text (１２, 万, 元) is left as typed; by text, not int(): a 5,000-digit paste is no
    crash."""
    s = text.replace(",", "").replace("，", "")
    whole, dot, frac = s.partition(".")
    if whole.isascii() and whole.isdigit():
        whole = whole.lstrip("0") or "0"
        head = len(whole) % 3 or 3
        whole = ",".join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
    return whole + dot + frac
