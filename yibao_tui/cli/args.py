"""Argument helpers every command shares: the parser that turns bad input into one line and
exit 2, amounts, dates and counts, policy and enrolment options, reading a user's TOML file.

Light: on the ``yibao estimate`` fast path (no Textual, questionary or Rich).
"""

from __future__ import annotations

import argparse
import os
from decimal import Decimal

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


def amount_arg(text, name="--amount"):
    """Parse a yuan amount (see ``amount.parse_amount``); bad input is one clear UsageError."""
    try:
        return parse_amount(text)
    except AmountError as e:
        raise UsageError(f"{name}: " + {
            "negative": f"{text} is negative; amounts are 0 or more yuan",
            "too_big": f"{text} is more than {MAX_AMOUNT:,} yuan; check the figure",
            "decimals": f"{text} has more than two decimals (fen is the smallest unit)",
        }.get(e.code, f"'{text}' is not an amount in yuan (e.g. 1000 or 1234.56)")) from None


def date_arg(text, name="--date"):
    import datetime as dt  # already imported by tomllib: free

    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise UsageError(f"{name}: '{text}' is not a date (YYYY-MM-DD)") from None


def count_arg(text, name):
    """A whole number of years, 0 or more."""
    s = str(text).strip()
    if not s.isdigit():
        raise UsageError(f"{name}: '{text}' is not a whole number of years (0 or more)")
    n = int(s)
    if n > 100:
        raise UsageError(f"{name}: {n} years is more than a lifetime; check the figure")
    return n


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
            "born": date_arg(a.born, "--born") if a.born else None,
            "lapsed_years": count_arg(a.lapsed_years, "--lapsed-years") if a.lapsed_years else 0,
            "employee_until": date_arg(a.employee_until, "--employee-until") if a.employee_until else None,
            "recognised": date_arg(a.recognised, "--recognised") if a.recognised else None}


def apply_supplied_file(policy, path):
    """The policy with the user's figures from a ``[[supplied]]`` TOML file filled in."""

    from yibao_tui.core.supplied import SuppliedError, apply_supplied, parse

    name = os.path.basename(path)
    data = read_toml(path, "--supplied")
    extra = [k for k in data if k != "supplied"]
    if extra:
        raise UsageError(f"{name}: unknown key '{extra[0]}' (a supplied file holds [[supplied]] entries)")
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
    p.add_argument("--policies", metavar="DIR",
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
        raise UsageError("the policy file cannot be used:\n  " + "\n  ".join(e.problems)) from None


def read_toml(path, option):
    """A user's TOML file, numbers as Decimal; any problem is one clear UsageError."""
    import tomllib

    try:
        with open(path, "rb") as f:
            return tomllib.loads(f.read().decode("utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise UsageError(f"{option}: no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"{option}: cannot read {path}: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise UsageError(f"{os.path.basename(path)}: not valid TOML: {e}") from None


