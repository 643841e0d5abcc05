"""The command line's argument helpers: dates, counts, stays and the enrolment options, here;
the ones every face shares (the parser and ``UsageError``, amounts, the visit options, policy
opening, the user's TOML files, display names) live below the faces and are imported here under
the names the commands use:

- ``inputs.options``: ``Parser``, ``UsageError``, ``amount_arg``, ``add_visit_opts`` …;
- ``inputs.policy``: ``open_policy``, ``policy_for``, ``apply_supplied_file``;
- ``inputs.userfiles``: ``read_toml`` (the reading door, one UsageError line);
- ``text.names``: ``name_to_id``, ``resolve_names`` (its ``NotAccepted`` is exit 2 too).

Light: on the ``yibao estimate`` fast path (no Textual, questionary or Rich).
"""

from __future__ import annotations

import argparse

from yibao_tui.inputs.options import (
    Parser,
    UsageError,
    add_policy_opt,
    add_visit_opts,
    amount_arg,
    opt_amount,
    policies_arg,
    shown,
)
from yibao_tui.inputs.policy import apply_supplied_file, open_policy, policy_for
from yibao_tui.inputs.userfiles import read_toml
from yibao_tui.text.names import NotAccepted, resolve_names

__all__ = ["NotAccepted", "Parser", "UsageError", "add_cover_opts", "add_policy_opt",
           "add_visit_opts", "amount_arg", "apply_supplied_file", "count_arg", "cover_kwargs",
           "date_arg", "open_policy", "opt_amount", "opt_date", "policies_arg", "policy_for",
           "read_toml", "resolve_names", "shown", "stay_arg"]


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
            raise UsageError(f"{name}: '{shown(text)}' is not a date (YYYY-MM-DD)") from None
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
        raise UsageError(f"{name}: '{shown(text)}' is not a whole number of years (0 or more)")
    digits = s.lstrip("0") or "0"
    if len(digits) > 3 or int(digits) > 100:
        raise UsageError(f"{name}: {shown(digits)} years is more than a lifetime; check the figure")
    return int(digits)


def stay_arg(text):
    """``--stay N`` (argparse type): the N-th inpatient stay, 1 or more, ASCII digits."""
    s = str(text).strip()
    if not (s.isascii() and s.isdigit()) or len(s) > 4 or int(s) < 1:
        raise argparse.ArgumentTypeError(f"'{shown(text)}' is not a stay number (1 or more)")
    return int(s)


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
