"""The options every face takes: the parser that turns bad input into one clear line and exit 2
(``UsageError``), amounts, policy directories, and the options describing one visit — declared
once: ``yibao estimate``, ``yibao slip`` and the wizard's prefill (``yibao --city …``) take the
same ones.
"""

from __future__ import annotations

import argparse
import os

from yibao_tui.core import policy as pol
from yibao_tui.core.amount import MAX_AMOUNT, AmountError, parse_amount, parse_whole
from yibao_tui.core.safe import safe
from yibao_tui.text.names import accepted_text, name_to_id


class UsageError(Exception):
    """Bad input: one clear line, exit status 2."""


class _Formatter(argparse.RawDescriptionHelpFormatter):  # an epilog's examples keep their lines
    # argparse's own formatter imports shutil (about 2 ms) for the terminal width, and every
    # add_argument builds one: take the width from os instead, on the ``estimate`` fast path.
    def __init__(self, prog, **kw):
        if kw.get("width") is None:
            try:
                kw["width"] = os.get_terminal_size().columns - 2
            except OSError:
                kw["width"] = 78
        super().__init__(prog, **kw)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kw):
        kw.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kw)

    def error(self, message):
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def shown(text):
    """A value from the command line or a file, safe to print in one line (``core.safe``:
    controls escaped, at most 60 characters)."""
    return safe(text, 60)


def amount_arg(text, name="--amount"):
    """Parse a yuan amount (see ``amount.parse_amount``); bad input is one clear UsageError."""
    try:
        return parse_amount(text)
    except AmountError as e:
        v = shown(text)
        raise UsageError(f"{name}: " + {
            "negative": f"{v} is negative; amounts are 0 or more yuan",
            "too_big": f"{v} is more than {MAX_AMOUNT:,} yuan; check the figure",
            "decimals": f"{v} has more than two decimals (fen is the smallest unit)",
        }.get(e.code, f"'{v}' is not an amount in yuan (e.g. 1000, 1,234.56, 3万 or 800元)")) from None


def tier_arg(text, name="--tier"):
    """A tier (烟台's 一档/二档): a whole number 1–99 in ASCII digits by the one number rule
    (``core.amount.parse_whole``: ``@١``, ``-1``, ``²`` refused as ``--amount ١٢٣`` is)."""
    try:
        return parse_whole(text, 1, 99)
    except AmountError:
        raise UsageError(f"{name}: '{shown(text)}' is not a tier (1, 2 …)") from None


def year_arg(text):
    """argparse ``type`` for a year (``--year``): ASCII digits, 1900–2100 (``٢٠٢٥`` refused)."""
    try:
        return parse_whole(text, 1900, 2100)
    except AmountError:
        raise argparse.ArgumentTypeError(f"'{shown(text)}' is not a year (e.g. 2025)") from None


def count_of(text):
    """argparse ``type`` for a count or a number in a list (``supplied remove N``): ASCII digits."""
    try:
        return parse_whole(text, 0, 10**6)
    except AmountError:
        raise argparse.ArgumentTypeError(f"'{shown(text)}' is not a whole number") from None


def opt_amount(text, name):
    """An optional amount option: None when not given; given empty (``--class-b ""``) is an
    error, never a silent 0."""
    return None if text is None else amount_arg(text, name)


def policies_arg(text):
    """``--policies DIR[:DIR…]`` (argparse type): each must be an existing directory; never a
    silent fallback to the bundled policies."""
    parts = [p for p in str(text).split(os.pathsep)]
    if not text or not all(parts):
        raise argparse.ArgumentTypeError("needs a directory (it was empty)")
    for d in parts:
        if not os.path.exists(d):
            raise argparse.ArgumentTypeError(f"no such directory: {shown(d)}")
        if not os.path.isdir(d):
            raise argparse.ArgumentTypeError(f"{shown(d)} is not a directory")
    return text


def name_arg(kind, strict=True):
    """argparse ``type`` for a vocabulary option: an id or its name becomes the id. Not
    ``strict`` (care, grade: a policy may have its own names): an unknown name is kept as typed
    and checked against the policy by ``text.names.resolve_names``."""
    def conv(text):
        v = name_to_id(kind, text)
        if v is not None:
            return v
        if not strict:
            return text
        raise argparse.ArgumentTypeError(f"'{shown(text)}' is not accepted; accepted: {accepted_text(kind)}")
    conv.__name__ = kind
    return conv


def add_visit_opts(p, flags=True):
    """The options that describe one visit, declared once: ``yibao estimate`` and the wizard's
    prefill (``yibao --city …``) take the same ones. ``flags``: also --flag (the wizard has no
    groups to prefill)."""
    # Ids or the names the app shows (--city 沈阳 --scheme 职工医保 --grade 特三级 --care 住院).
    p.add_argument("--city", required=False,
                   help="liaoyang, tieling, liaoyuan, yantai, shenyang … or the name: 沈阳")
    p.add_argument("--scheme", type=name_arg("scheme"), metavar="{" + ",".join(pol.SCHEMES) + "}",
                   help="or its name: 职工医保, 城乡居民医保")
    p.add_argument("--category", type=name_arg("category"),
                   metavar="{" + ",".join(pol.ALL_CATEGORIES) + "}", help="or its name: 在职, 退休 …")
    p.add_argument("--care", type=name_arg("care", strict=False),
                   metavar="{" + ",".join(pol.CARE_KINDS) + "}", help="or its name: 住院 …")
    p.add_argument("--grade", type=name_arg("grade", strict=False),
                   metavar="{" + ",".join(pol.GRADES) + "}", help="or its name: 三级, 特三级 …")
    p.add_argument("--disease", metavar="NAME", help="e.g. hypertension, diabetes, cancer")
    p.add_argument("--amount", metavar="YUAN", help="in-policy cost of the visit")
    p.add_argument("--class-b", metavar="YUAN", help="part of the amount that is class-B items")
    p.add_argument("--special-drugs", metavar="YUAN", help="part of the amount on special drugs")
    p.add_argument("--out-of-policy", metavar="YUAN", help="out-of-policy cost (never reimbursed)")
    p.add_argument("--cross-region", action="append", default=[], type=name_arg("cross_region"),
                   metavar="{" + ",".join(pol.CROSS_REGION) + "}",
                   help="cross-region status; repeat to stack (辽源)")
    if flags:
        p.add_argument("--flag", action="append", default=[], metavar="FLAG",
                       help="a group the policy lists, e.g. minimum-living (see 'policies list')")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_policy_opt(p)


def add_policy_opt(p):
    p.add_argument("--policies", metavar="DIR", type=policies_arg,
                   help=f"extra policies directory searched before the bundled one "
                        f"(also ${pol.DEFAULT_DIR_ENV})")
