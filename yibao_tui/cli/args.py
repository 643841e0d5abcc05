"""Argument helpers every command shares: the parser that turns bad input into one line and
exit 2, amounts, dates and counts, policy and enrolment options, reading a user's TOML file.

Light: on the ``yibao estimate`` fast path (no Textual, questionary or Rich).
"""

from __future__ import annotations

import argparse
import os

from yibao_tui.core import policy as pol
from yibao_tui.core.amount import MAX_AMOUNT, AmountError, parse_amount
from yibao_tui.core.policy import PolicyError


class UsageError(Exception):
    """Bad input: one clear line, exit status 2."""


class _Formatter(argparse.HelpFormatter):
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


def _shown(text):
    """A value from the command line or a file, safe to print in one line (controls escaped,
    at most 60 characters)."""
    from yibao_tui.core.tomlinput import escape

    return escape(text)


def amount_arg(text, name="--amount"):
    """Parse a yuan amount (see ``amount.parse_amount``); bad input is one clear UsageError."""
    try:
        return parse_amount(text)
    except AmountError as e:
        v = _shown(text)
        raise UsageError(f"{name}: " + {
            "negative": f"{v} is negative; amounts are 0 or more yuan",
            "too_big": f"{v} is more than {MAX_AMOUNT:,} yuan; check the figure",
            "decimals": f"{v} has more than two decimals (fen is the smallest unit)",
        }.get(e.code, f"'{v}' is not an amount in yuan (e.g. 1000, 1,234.56, 3万 or 800元)")) from None


def opt_amount(text, name):
    """An optional amount option: None when not given; given empty (``--class-b ""``) is an
    error, never a silent 0."""
    return None if text is None else amount_arg(text, name)


# Dates the engine can count from: a payment day plus a year's wait, a birth plus 90 days. A
# policy year is 2000–2100; a date in year 9999 would overflow the date arithmetic.
MIN_DATE_YEAR, MAX_DATE_YEAR = 1900, 2200


def date_arg(text, name="--date"):
    import datetime as dt  # already imported by tomllib: free

    if isinstance(text, dt.date) and not isinstance(text, dt.datetime):
        d = text
    else:
        try:
            d = dt.date.fromisoformat(str(text).strip())
        except ValueError:
            raise UsageError(f"{name}: '{_shown(text)}' is not a date (YYYY-MM-DD)") from None
    if not MIN_DATE_YEAR <= d.year <= MAX_DATE_YEAR:
        raise UsageError(f"{name}: {d.isoformat()} is out of range "
                         f"({MIN_DATE_YEAR}-01-01 to {MAX_DATE_YEAR}-12-31)")
    return d


def opt_date(text, name):
    """An optional date option: None when not given; given empty is an error."""
    return None if text is None else date_arg(text, name)


def count_arg(text, name):
    """A whole number of years, 0 to 100, in ASCII digits (``str.isdigit`` accepts ``²``, which
    ``int`` then refuses)."""
    s = str(text).strip()
    if not (s.isascii() and s.isdigit()):
        raise UsageError(f"{name}: '{_shown(text)}' is not a whole number of years (0 or more)")
    digits = s.lstrip("0") or "0"
    if len(digits) > 3 or int(digits) > 100:
        raise UsageError(f"{name}: {_shown(digits)} years is more than a lifetime; check the figure")
    return int(digits)


def stay_arg(text):
    """``--stay N`` (argparse type): the N-th inpatient stay, 1 or more, ASCII digits."""
    s = str(text).strip()
    if not (s.isascii() and s.isdigit()) or len(s) > 4 or int(s) < 1:
        raise argparse.ArgumentTypeError(f"'{_shown(text)}' is not a stay number (1 or more)")
    return int(s)


def policies_arg(text):
    """``--policies DIR[:DIR…]`` (argparse type): each must be an existing directory; never a
    silent fallback to the bundled policies."""
    parts = [p for p in str(text).split(os.pathsep)]
    if not text or not all(parts):
        raise argparse.ArgumentTypeError("needs a directory (it was empty)")
    for d in parts:
        if not os.path.exists(d):
            raise argparse.ArgumentTypeError(f"no such directory: {_shown(d)}")
        if not os.path.isdir(d):
            raise argparse.ArgumentTypeError(f"{_shown(d)} is not a directory")
    return text


def add_cover_opts(p, paid_required):
    """Options describing an enrolment (``yibao cover``; ``yibao estimate`` checks cover with them)."""
    p.add_argument("--paid", metavar="YYYY-MM-DD", required=paid_required,
                   help="the day the premium was paid (or enrolment completed)")
    p.add_argument("--situation", action="append", default=[], metavar="ID",
                   help="e.g. newborn, from-employee (see 'yibao cover --city … --list')")
    p.add_argument("--born", metavar="YYYY-MM-DD", help="a newborn's birth date")
    p.add_argument("--lapsed-years", metavar="N", help="whole years without cover before paying")
    p.add_argument("--employee-until", metavar="YYYY-MM-DD",
                   help="last day the employee scheme covered (switching to the resident scheme)")
    p.add_argument("--recognised", metavar="YYYY-MM-DD",
                   help="the day a group status (e.g. low-income-margin) was recognised")


def cover_kwargs(a):
    return {"situations": a.situation,
            "born": opt_date(a.born, "--born"),
            "lapsed_years": count_arg(a.lapsed_years, "--lapsed-years") if a.lapsed_years is not None else 0,
            "employee_until": opt_date(a.employee_until, "--employee-until"),
            "recognised": opt_date(a.recognised, "--recognised")}


def apply_supplied_file(policy, path):
    """The policy with the user's figures from a ``[[supplied]]`` TOML file filled in."""

    from yibao_tui.core.supplied import SuppliedError, apply_supplied, parse

    name = os.path.basename(path)
    data = read_toml(path, "--supplied")
    extra = [k for k in data if k != "supplied"]
    if extra:
        raise UsageError(f"{_shown(name)}: unknown key '{_shown(extra[0])}' "
                         "(a supplied file holds [[supplied]] entries)")
    try:
        return apply_supplied(policy, parse(data.get("supplied"), name))
    except SuppliedError as e:
        from yibao_tui.text import render

        raise UsageError(render(e.msg, "en")) from None


def add_visit_opts(p, flags=True):
    """The options that describe one visit, declared once: ``yibao estimate`` and the wizard's
    prefill (``yibao --city …``) take the same ones. ``flags``: also --flag (the wizard has no
    groups to prefill)."""
    p.add_argument("--city", required=False, help="liaoyang, tieling, liaoyuan, yantai, shenyang …")
    p.add_argument("--scheme", choices=pol.SCHEMES)
    p.add_argument("--category", choices=pol.ALL_CATEGORIES)
    p.add_argument("--care", choices=pol.CARE_KINDS)
    p.add_argument("--grade", choices=pol.GRADES)
    p.add_argument("--disease", metavar="NAME", help="e.g. hypertension, diabetes, cancer")
    p.add_argument("--amount", metavar="YUAN", help="in-policy cost of the visit")
    p.add_argument("--class-b", metavar="YUAN", help="part of the amount that is class-B items")
    p.add_argument("--special-drugs", metavar="YUAN", help="part of the amount on special drugs")
    p.add_argument("--out-of-policy", metavar="YUAN", help="out-of-policy cost (never reimbursed)")
    p.add_argument("--cross-region", action="append", default=[], choices=pol.CROSS_REGION,
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


def open_policy(city, year, extra_dir):
    dirs = pol.search_dirs(extra_dir)
    found = pol.find(city, year, dirs)
    if found is None:
        known = sorted(pol.cities(dirs))
        raise UsageError(f"unknown city '{city}'; accepted: {', '.join(known) or 'none found'}")
    try:
        return pol.load(found[0]), found[1]
    except PolicyError as e:
        more = len(e.problems) - 1  # one line; 'yibao policies check' lists them all
        raise UsageError(f"the policy file cannot be used: {e.problems[0]}"
                         + (f" (and {more} more: see 'yibao policies check')" if more else "")) from None


def read_toml(path, option, max_bytes=None):
    """A user's TOML file through the one input layer (core/tomlinput: a regular file, nesting,
    nan/inf, number ranges, control characters), numbers as Decimal; any problem is one clear
    UsageError naming the file, the line and the value. ``max_bytes``: the size limit
    (tomlinput.MAX_BYTES unless given: a claims file of a busy year is bigger)."""
    from yibao_tui.core import tomlinput
    from yibao_tui.core.policy.files import read_regular

    name = _shown(os.path.basename(path))
    max_bytes = max_bytes or tomlinput.MAX_BYTES
    try:
        raw = read_regular(path, max_bytes)
    except FileNotFoundError:
        raise UsageError(f"{option}: no such file: {_shown(path)}") from None
    except OSError as e:
        raise UsageError(f"{option}: cannot read {_shown(path)}: {e.strerror or e}") from None
    try:
        return tomlinput.loads(raw, name, max_bytes=max_bytes)
    except tomlinput.TomlInputError as e:
        from yibao_tui.core.household.model import problem_msg
        from yibao_tui.text import render

        more = len(e.problems) - 1
        raise UsageError(render(problem_msg(e.problem), "en")
                         + (f" (and {more} more)" if more else "")) from None
