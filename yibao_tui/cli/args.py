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


# ── names: the Chinese (and English) names the app shows are accepted for the ids ──

VOCAB = {"scheme": pol.SCHEMES, "category": pol.ALL_CATEGORIES, "care": pol.CARE_KINDS,
         "grade": pol.GRADES, "cross_region": pol.CROSS_REGION}


def _norm(text):
    return "".join(str(text).split()).casefold().replace("“", "").replace("”", "").replace('"', "")


def _names(kind, ids, own):
    """{id: [names]}: the catalogue's label.<id> in each language, then ``own`` ({id: {zh, en}}:
    a policy's own names for its care kinds, grades, city)."""
    from yibao_tui.text import LANGS, label, term

    out = {}
    for i in ids:
        names = [term(i, lang) for lang in LANGS] if kind in VOCAB else []
        if own and own.get(i):
            names += [label(own[i], lang) for lang in LANGS]
        out[i] = list(dict.fromkeys(names))
    return out


def name_to_id(kind, text, ids=None, own=None):
    """The id ``text`` stands for — the id itself or one of its names (see ``_names``) — or
    None. ``ids``: the ids on offer (default: the whole vocabulary of ``kind``)."""
    ids = list(VOCAB.get(kind, ()) if ids is None else ids)
    if text is None or text in ids:
        return text
    want = _norm(text)
    for i, names in _names(kind, ids, own).items():
        if want == _norm(i) or any(want == _norm(n) for n in names):
            return i
    return None


def accepted_text(kind, ids=None, own=None):
    """Both forms, for an error: ``3 (三级), 3-special (特三级)``."""
    ids = list(VOCAB.get(kind, ()) if ids is None else ids)
    out = []
    for i, names in _names(kind, ids, own).items():
        shown = [n for n in names if _norm(n) != _norm(i)]
        out.append(f"{i} ({' / '.join(shown)})" if shown else i)
    return ", ".join(out) or "none"




def name_arg(kind, strict=True):
    """argparse ``type`` for a vocabulary option: an id or its name becomes the id. Not
    ``strict`` (care, grade: a policy may have its own names): an unknown name is kept as typed
    and checked against the policy by ``resolve_names``."""
    def conv(text):
        v = name_to_id(kind, text)
        if v is not None:
            return v
        if not strict:
            return text
        raise argparse.ArgumentTypeError(f"'{text}' is not accepted; accepted: {accepted_text(kind)}")
    conv.__name__ = kind
    return conv


def resolve_names(policy, scheme, care, grade):
    """(care, grade) as the policy's ids: a name the policy itself gives (沈阳 门诊统筹) is taken;
    an id the policy lacks is left for the engine to refuse. A name nothing matches is a
    UsageError listing both forms."""
    sch = policy.scheme(scheme)
    if sch is None:
        return care, grade
    if care is not None and sch.care(care) is None:
        cares = {k: sch.care(k).label for k in sch.care_ids}
        found = name_to_id("care", care, list(cares), cares)
        if found is None and care not in pol.CARE_KINDS:
            raise UsageError(f"--care: '{care}' is not accepted; accepted: "
                             f"{accepted_text('care', list(cares), cares)}")
        care = found or care
    if grade is not None and grade not in policy.grades:
        found = name_to_id("grade", grade, list(policy.grades), policy.grades)
        if found is None and grade not in pol.GRADES:
            raise UsageError(f"--grade: '{grade}' is not accepted; accepted: "
                             f"{accepted_text('grade', list(policy.grades), policy.grades)}")
        grade = found or grade
    return care, grade


def city_id(text, dirs):
    """``--city``: a policy file's city id, or the city's name (沈阳 / Shenyang); None if neither."""
    known = pol.cities(dirs)
    if text in known:
        return text
    want = _norm(text)
    for city in known:
        found = pol.find(city, None, dirs)
        try:
            name = pol.load(found[0]).name
        except PolicyError:
            continue
        if want in (_norm(name.get("zh", "")), _norm(name.get("en", ""))):
            return city
    return None


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


def open_policy(city, year, extra_dir):
    dirs = pol.search_dirs(extra_dir)
    found = pol.find(city, year, dirs)
    if found is None and city:  # the city's name (沈阳)
        cid = city_id(city, dirs)
        found = pol.find(cid, year, dirs) if cid else None
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


def policy_for(city, scheme, flags, year, policies_dir, supplied_file=None):
    """The policy a person's visits are estimated with, and notices about it: the city's file for
    the year (an older one said so), its flags checked, a ``--supplied`` file filled in. One
    rule for ``yibao estimate`` and ``yibao slip``."""
    from yibao_tui.core.vocab import SCHEMES
    from yibao_tui.text import city_year

    if scheme not in SCHEMES:
        raise UsageError(f"scheme '{scheme}' is not one of {', '.join(SCHEMES)}")
    policy, used_year = open_policy(city, year, policies_dir)
    notices = []
    if year is not None and used_year != year:
        notices.append(f"No {year} policy for {city} is on file; the {used_year} figures are used.")
    unknown = [f for f in flags if f not in policy.flags]
    if unknown:
        raise UsageError(f"flag '{unknown[0]}' is not listed by {city_year(policy, 'en')}; "
                         f"accepted: {', '.join(policy.flags) or 'none'}")
    if supplied_file:
        policy = apply_supplied_file(policy, supplied_file)
    return policy, notices
