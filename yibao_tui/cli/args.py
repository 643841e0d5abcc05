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


def flag_name(kind):
    return "--" + kind.replace("_", "-")


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
    sch = policy.schemes.get(scheme)
    if sch is None:
        return care, grade
    if care is not None and care not in sch["care"]:
        cares = {k: v["label"] for k, v in sch["care"].items()}
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
    p.add_argument("--policies", metavar="DIR",
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


