"""``yibao premium``, ``yibao cover``, ``yibao grants``, ``yibao si-cap``: enrolment answers,
each line with its source quote. Light imports only (no Textual, questionary or Rich)."""

from __future__ import annotations

import datetime as dt
import sys

from yibao_tui.cli.args import (
    Parser,
    UsageError,
    add_cover_opts,
    add_policy_opt,
    amount_arg,
    apply_supplied_file,
    count_arg,
    cover_kwargs,
    date_arg,
    open_policy,
)
from yibao_tui.core import enrolment as enr
from yibao_tui.core import policy as pol
from yibao_tui.core.safe import control_chars, safe
from yibao_tui.core.vocab import ALL_CATEGORIES, SCHEMES
from yibao_tui.inputs.options import tier_arg, year_arg
from yibao_tui.inputs.policy import policy_dirs
from yibao_tui.text import render
from yibao_tui.views import enrolment as V


def _common(p, category=True):
    p.add_argument("--city", required=True, help="liaoyang, liaoyuan, yantai, shenyang …")
    p.add_argument("--scheme", choices=SCHEMES, default="resident")
    if category:
        p.add_argument("--category", choices=ALL_CATEGORIES)
        p.add_argument("--flag", action="append", default=[], metavar="FLAG",
                       help="a group the policy lists, e.g. low-income-margin")
    p.add_argument("--year", type=year_arg, metavar="YYYY", help="policy year (default: the newest)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_policy_opt(p)


def _run(fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except enr.EnrolmentError as e:
        raise UsageError(render(e.msg, "en")) from None


def _emit(doc):
    from yibao_tui.views.text import text_lines

    sys.stdout.write("\n".join(text_lines(doc)) + "\n")


def _json(obj):
    import json

    from yibao_tui.views.estimate_json import stamped

    sys.stdout.write(json.dumps(stamped(obj), ensure_ascii=False, indent=2) + "\n")


def _s(d):
    from yibao_tui.views.estimate_json import dec  # the one JSON money writer

    return dec(d)


def _meta(policy, year):
    return {"city": policy.city, "policy_year": policy.year,
            "notices": V.notices(policy, year, "en", json=True)}


# ───────────────────────────── premium ─────────────────────────────

def parse_member(spec):
    """``[NAME=]CATEGORY[+FLAG…][@TIER]`` → (name, category, flags, tier)."""
    name, _, rest = spec.rpartition("=")
    rest, at, tier = rest.partition("@")
    category, *flags = rest.split("+")
    if control_chars(spec, single_line=True):  # the name is printed: no terminal sequences
        raise UsageError(f"--member '{safe(spec)}': holds control characters; refused")
    if category not in ALL_CATEGORIES:
        raise UsageError(f"--member '{safe(spec)}': category '{safe(category)}' is not one of "
                         f"{', '.join(ALL_CATEGORIES)}")
    if "=" in spec and not name.strip():  # '=adult@1': a name was meant, none given
        raise UsageError(f"--member '{safe(spec)}': the name before '=' is empty")
    tier = tier_arg(tier, f"--member '{safe(spec)}': tier") if at else None
    return name or None, category, [f for f in flags if f], tier


def cmd_premium(argv):
    p = Parser(prog="yibao premium",
                description="What each member pays a year, and the household's total.")
    _common(p)
    p.add_argument("--tier", type=tier_arg, metavar="N", help="the tier chosen where there are tiers (烟台)")
    p.add_argument("--wage", metavar="YUAN", help="monthly contribution base (employee scheme)")
    p.add_argument("--born", type=year_arg, metavar="YYYY",
                   help="year of birth, checked against a birth cut-off (辽源 minors: after 2004)")
    p.add_argument("--member", action="append", default=[], metavar="[NAME=]CATEGORY[+FLAG][@TIER]",
                   help="one household member; repeat for each (e.g. --member mum=adult@1 "
                        "--member kid=student+low-income-margin)")
    a = p.parse_args(argv)
    if a.member and (a.category or a.flag or a.tier):
        raise UsageError("--member takes category, flags and tier itself; drop --category, --flag, --tier")
    if not a.member and not a.category:
        raise UsageError("yibao premium: --category is required (or give --member for each member)")
    policy, _ = open_policy(a.city, a.year, a.policies)
    wage = amount_arg(a.wage, "--wage") if a.wage else None
    members = [parse_member(m) for m in a.member] or [(None, a.category, a.flag, a.tier)]
    on = dt.date(a.year, 1, 1) if a.year else None  # a dated row: the year's (None: the file's)
    results = [_run(enr.premium, policy, cat, flags, tier, a.scheme, wage, name,
                    None if a.member else a.born, on)
               for name, cat, flags, tier in members]
    total = enr.premium_total(results)
    if a.json:
        out = _meta(policy, a.year)
        out["members"] = [{"name": r.name, "scheme": r.scheme, "category": r.category,
                           "flags": sorted(r.flags), "tier": r.tier, "premium": _s(r.amount),
                           "employer": _s(r.employer), "missing": r.missing,
                           "choices": [{"tier": t, "premium": _s(v)} for t, v, _ in r.choices],
                           "lines": V.lines_json(r.lines)} for r in results]
        out["total"] = _s(total)
        _json(out)
        return 0
    _emit(V.premium_doc(policy, a.scheme, results, total, a.lang, V.notices(policy, a.year, a.lang)))
    return 0


# ───────────────────────────── cover ─────────────────────────────

def policy_for_payment(city, paid, extra_dir, scheme="resident"):
    """The policy whose year a payment buys: next year's when the payment falls in its window
    (or late for it in the same year), else the payment's own year. Returns (policy, the year
    asked for: None when the policy is the one the payment buys)."""
    dirs = policy_dirs(extra_dir)
    nxt = pol.find(city, paid.year + 1, dirs)
    if nxt and nxt[1] == paid.year + 1:
        policy, _ = open_policy(city, paid.year + 1, extra_dir)
        sch = policy.scheme(scheme)
        if (sch is not None and sch.enrolment is not None
                and enr.cover_year(policy, paid, scheme) == policy.year):
            return policy, None
    policy, _ = open_policy(city, paid.year, extra_dir)
    return policy, paid.year


def cmd_cover(argv):
    p = Parser(prog="yibao cover", description="When cover starts for a payment date, with the rule quoted.")
    _common(p)
    add_cover_opts(p, paid_required=False)
    p.add_argument("--list", action="store_true", help="list the city's situations and rules")
    a = p.parse_args(argv)
    if a.list:
        return _list_rules(a)
    for k in ("category", "paid"):
        if getattr(a, k) is None:
            raise UsageError(f"yibao cover: --{k} is required")
    paid = date_arg(a.paid, "--paid")
    if a.year is not None:
        policy, _ = open_policy(a.city, a.year, a.policies)
        asked = a.year
    else:
        policy, asked = policy_for_payment(a.city, paid, a.policies, a.scheme)
    c = _run(enr.cover_start, policy, paid, a.category, a.flag, scheme=a.scheme, **cover_kwargs(a))
    if a.json:
        out = _meta(policy, asked)
        out.update({"paid": paid.isoformat(), "category": a.category, "flags": a.flag,
                    "situations": a.situation, "in_window": c.in_window,
                    "cover_year": c.cover_year,
                    "cover_start": c.start.isoformat() if c.start else None,
                    "missing": c.missing, "lines": V.lines_json(c.lines)})
        _json(out)
        return 0
    _emit(V.cover_doc(policy, a.scheme, c, a.category, a.flag, a.situation, a.lang,
                      V.notices(policy, asked, a.lang)))
    return 0


def _list_rules(a):
    policy, _ = open_policy(a.city, a.year, a.policies)
    _emit(V.rules_doc(policy, a.scheme, _run(enr.enrolment_rules, policy, a.scheme), a.lang))
    return 0


# ───────────────────────────── grants ─────────────────────────────

def cmd_grants(argv):
    p = Parser(prog="yibao grants", description="Maternity grants and optional plans, cited.")
    _common(p, category=False)
    a = p.parse_args(argv)
    policy, _ = open_policy(a.city, a.year, a.policies)
    items = enr.grants(policy, a.scheme)
    if a.json:
        out = _meta(policy, a.year)
        out["items"] = V.lines_json(items)
        _json(out)
        return 0
    _emit(V.grants_doc(policy, a.scheme, items, a.lang, V.notices(policy, a.year, a.lang)))
    return 0


# ───────────────────────────── serious-illness cap ─────────────────────────────

def cmd_si_cap(argv):
    p = Parser(prog="yibao si-cap",
                description="烟台: the serious-illness cap after continuous, claim-free and lapsed years.")
    _common(p, category=False)
    p.add_argument("--continuous-years", metavar="N", default="0",
                   help="continuous years enrolled, counted from 2025, this year included "
                        "(--year: the year the cap is for; years before 2025 never count)")
    p.add_argument("--claim-free", metavar="N", default="0", help="years with no reimbursement")
    p.add_argument("--lapsed-years", metavar="N", default="0", help="years of lapse before re-enrolling")
    p.add_argument("--base", metavar="YUAN", help="the original cap, if you know it (supplied by you)")
    p.add_argument("--supplied", metavar="FILE.toml", help="figures you supply where no source gives one")
    a = p.parse_args(argv)
    policy, _ = open_policy(a.city, a.year, a.policies)
    if a.supplied:
        policy = apply_supplied_file(policy, a.supplied)
    base = amount_arg(a.base, "--base") if a.base else None
    r = _run(enr.si_cap_adjustment, policy, count_arg(a.continuous_years, "--continuous-years"),
             count_arg(a.claim_free, "--claim-free"), count_arg(a.lapsed_years, "--lapsed-years"),
             base, a.scheme, a.year)
    if a.json:
        out = _meta(policy, a.year)
        out.update({"increase": _s(r.increase), "decrease": _s(r.decrease), "net": _s(r.net),
                    "base": _s(r.base), "base_supplied": r.base_supplied,
                    "adjusted_cap": _s(r.adjusted), "missing": r.missing,
                    "lines": V.lines_json(r.lines)})
        _json(out)
        return 0
    _emit(V.si_cap_doc(policy, a.scheme, r, a.lang, V.notices(policy, a.year, a.lang)))
    return 0
