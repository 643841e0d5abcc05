"""``yibao`` command line. ``yibao`` alone opens the Textual wizard; subcommands are scriptable.

The ``estimate`` path must stay light (see benchmarks/): no Textual, questionary or Rich here,
and json is imported only when asked for.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from decimal import Decimal

from yibao_tui.core import policy as pol
from yibao_tui.core.amount import MAX_AMOUNT, AmountError, parse_amount
from yibao_tui.core.engine import Claim, EstimateError, Person, estimate_year
from yibao_tui.core.policy import CARE_KINDS, CROSS_REGION, GRADES, SCHEMES, PolicyError

ALL_CATEGORIES = ("active", "retired", "adult", "minor", "student")


class UsageError(Exception):
    """Bad input: one clear line, exit status 2."""


class _Parser(argparse.ArgumentParser):
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
        raise UsageError(str(e)) from None


def _add_policy_opt(p):
    p.add_argument("--policies", metavar="DIR",
                   help=f"extra policies directory searched before the bundled one "
                        f"(also ${pol.DEFAULT_DIR_ENV})")


def _add_person_opts(p):
    p.add_argument("--city", required=False, help="liaoyang, tieling, liaoyuan, yantai, shenyang …")
    p.add_argument("--scheme", choices=SCHEMES)
    p.add_argument("--category", choices=ALL_CATEGORIES)
    p.add_argument("--care", choices=CARE_KINDS)
    p.add_argument("--grade", choices=GRADES)
    p.add_argument("--disease", metavar="NAME", help="e.g. hypertension, diabetes, cancer")
    p.add_argument("--amount", metavar="YUAN", help="in-policy cost of the visit")


def build_estimate_parser():
    p = _Parser(prog="yibao estimate",
                description="Estimate what basic medical insurance pays for one visit or a year.")
    _add_person_opts(p)
    p.add_argument("--claims", metavar="FILE.toml", help="one person's year of visits")
    p.add_argument("--class-b", metavar="YUAN", help="part of the amount that is class-B items")
    p.add_argument("--special-drugs", metavar="YUAN", help="part of the amount on special drugs")
    p.add_argument("--out-of-policy", metavar="YUAN", help="out-of-policy cost (never reimbursed)")
    p.add_argument("--cross-region", action="append", default=[], choices=CROSS_REGION,
                   help="cross-region status; repeat to stack (辽源)")
    p.add_argument("--stay", type=int, metavar="N", help="this is the N-th inpatient stay this year")
    p.add_argument("--flag", action="append", default=[], metavar="FLAG",
                   help="a group the policy lists, e.g. minimum-living (see 'policies list')")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date of the visit (chooses policy year)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--supplied", metavar="FILE.toml",
                   help="figures you supply where no source gives one (marked 'supplied by you')")
    add_cover_opts(p, paid_required=False)
    _add_policy_opt(p)
    return p


def _open_policy(city, year, extra_dir):
    dirs = pol.search_dirs(extra_dir)
    found = pol.find(city, year, dirs)
    if found is None:
        known = sorted(pol.cities(dirs))
        raise UsageError(f"unknown city '{city}'; accepted: {', '.join(known) or 'none found'}")
    try:
        return pol.load(found[0]), found[1]
    except PolicyError as e:
        raise UsageError("the policy file cannot be used:\n  " + "\n  ".join(e.problems)) from None


_CLAIM_KEYS = {"care", "grade", "disease", "amount", "class_b", "special_drugs", "out_of_policy",
               "cross_region", "date", "stay", "note"}
_FILE_KEYS = {"city", "scheme", "category", "age", "flags", "year", "claim", "name"}


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


def read_claims(path):

    name = os.path.basename(path)
    data = read_toml(path, "--claims")
    for k in data:
        if k not in _FILE_KEYS:
            raise UsageError(f"{name}: unknown key '{k}' (accepted: {', '.join(sorted(_FILE_KEYS))})")
    for k in ("city", "scheme", "category"):
        if not isinstance(data.get(k), str):
            raise UsageError(f"{name}: '{k}' is missing or not a string")
    rows = data.get("claim")
    if not isinstance(rows, list) or not rows:
        raise UsageError(f"{name}: needs at least one [[claim]]")
    claims = []
    for i, r in enumerate(rows, 1):
        where = f"{name}: claim {i}"
        if not isinstance(r, dict):
            raise UsageError(f"{where}: must be a table")
        for k in r:
            if k not in _CLAIM_KEYS:
                raise UsageError(f"{where}: unknown key '{k}' "
                                 f"(accepted: {', '.join(sorted(_CLAIM_KEYS))})")
        if r.get("care") not in CARE_KINDS:
            raise UsageError(f"{where}: care '{r.get('care')}' is not one of {', '.join(CARE_KINDS)}")
        if "grade" in r and str(r["grade"]) not in GRADES:
            raise UsageError(f"{where}: grade '{r['grade']}' is not one of {', '.join(GRADES)}")
        if "amount" not in r:
            raise UsageError(f"{where}: 'amount' is missing")
        money_parts = {k: amount_arg(r[k], f"{where} {k}")
                       for k in ("amount", "class_b", "special_drugs", "out_of_policy") if k in r}
        cr = r.get("cross_region", [])
        cr = [cr] if isinstance(cr, str) else cr
        for s in cr:
            if s not in CROSS_REGION:
                raise UsageError(f"{where}: cross_region '{s}' is not one of {', '.join(CROSS_REGION)}")
        d = r.get("date")
        if d is not None and not hasattr(d, "month"):
            d = date_arg(d, f"{where} date")
        if d is not None and hasattr(d, "date") and callable(d.date):
            d = d.date()
        claims.append(Claim(r["care"], grade=None if "grade" not in r else str(r["grade"]),
                            disease=r.get("disease"), date=d, cross_region=cr,
                            stay=r.get("stay"), **money_parts))
    dates = [c.date for c in claims if c.date]
    if any(b < a for a, b in itertools.pairwise(dates)):
        raise UsageError(f"{name}: claims must be in date order")
    if len({d.year for d in dates}) > 1:
        raise UsageError(f"{name}: claims span several years; one file is one policy year")
    return data, claims


def cmd_estimate(argv):
    a = build_estimate_parser().parse_args(argv)
    if a.claims:
        extra = [k for k in ("city", "scheme", "category", "care", "grade", "amount")
                 if getattr(a, k) is not None]
        if extra:
            raise UsageError("--claims takes everything from the file; drop --" + ", --".join(extra))
        data, claims = read_claims(a.claims)
        city, scheme, category = data["city"], data["scheme"], data["category"]
        flags = data.get("flags", [])
        year = data.get("year") or next((c.date.year for c in claims if c.date), None)
    else:
        for k in ("city", "scheme", "category", "care", "amount"):
            if getattr(a, k) is None:
                raise UsageError(f"yibao estimate: --{k} is required (or give --claims FILE)")
        date = date_arg(a.date) if a.date else None
        claims = [Claim(a.care, amount_arg(a.amount), grade=a.grade, disease=a.disease,
                        class_b=amount_arg(a.class_b, "--class-b") if a.class_b else 0,
                        special_drugs=amount_arg(a.special_drugs, "--special-drugs")
                        if a.special_drugs else 0,
                        out_of_policy=amount_arg(a.out_of_policy, "--out-of-policy")
                        if a.out_of_policy else 0,
                        cross_region=a.cross_region, date=date, stay=a.stay)]
        city, scheme, category, flags = a.city, a.scheme, a.category, a.flag
        year = date.year if date else None
        if a.stay is not None and a.stay < 1:
            raise UsageError("--stay: must be 1 or more")
    if scheme not in SCHEMES:
        raise UsageError(f"scheme '{scheme}' is not one of {', '.join(SCHEMES)}")
    policy, used_year = _open_policy(city, year, a.policies)
    notices = []
    if year is not None and used_year != year:
        notices.append(f"No {year} policy for {city} is on file; the {used_year} figures are used.")
    unknown_flags = [f for f in flags if f not in policy.flags]
    if unknown_flags:
        raise UsageError(f"flag '{unknown_flags[0]}' is not listed by {policy.label('en')}; "
                         f"accepted: {', '.join(policy.flags) or 'none'}")
    if a.supplied:
        policy = apply_supplied_file(policy, a.supplied)
    cover = _cover_for_estimate(a, policy, scheme, category, flags, claims, notices)
    person = Person(scheme, category, flags=flags)
    try:
        year_res = estimate_year(policy, person, claims, cover)
    except EstimateError as e:
        raise UsageError(str(e)) from None
    if a.json:
        print_json(policy, year_res, notices, single=not a.claims)
    else:
        print_text(policy, year_res, notices, a.lang, single=not a.claims)
    return 0


def _cover_for_estimate(a, policy, scheme, category, flags, claims, notices):
    """With --paid: when cover starts, so a visit before it is reported as not covered."""
    if a.paid is None:
        extra = [o for o in ("situation", "born", "lapsed_years", "employee_until", "recognised")
                 if getattr(a, o)]
        if extra:
            raise UsageError(f"--{extra[0].replace('_', '-')} describes an enrolment: give --paid too")
        return None
    from yibao_tui.core.enrolment import EnrolmentError, cover_start

    try:
        cover = cover_start(policy, date_arg(a.paid, "--paid"), category, flags, scheme=scheme,
                            **cover_kwargs(a))
    except EnrolmentError as e:
        raise UsageError(str(e)) from None
    if cover.start is None:
        notices.append("Cover start: unknown (no source gives it); dated visits are shown as unknown.")
    else:
        notices.append(f"Cover starts {cover.start.isoformat()} "
                       f"({cover.rule.get('source')}: “{cover.rule.get('quote')}”).")
    if any(c.date is None for c in claims):
        notices.append("A visit without a date is not checked against the cover start: give --date.")
    return cover


def print_json(policy, year_res, notices, single):
    import json

    from yibao_tui.core.engine import shown
    from yibao_tui.views.render import visit_json

    meta = {"city": policy.city, "policy_year": policy.year, "notices": notices,
            "caveats": policy.caveats}
    if single:
        out = visit_json(policy, year_res.visits[0])
        out.update(meta)
    else:
        f, s, p, t = shown(year_res, policy)
        out = {"claims": [visit_json(policy, v) for v in year_res.visits],
               "year": {"fund": _s(f), "serious_illness": _s(s), "self_pay": _s(p),
                        "total": _s(t), "missing": year_res.missing,
                        "unchecked": year_res.unchecked}}
        out.update(meta)
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


def _s(d):
    return None if d is None else str(d)


def print_text(policy, year_res, notices, lang, single):
    from yibao_tui.views.render import footer_lines, header, totals_line, visit_lines

    try:
        cols = os.get_terminal_size().columns
    except OSError:
        cols = 100
    out = [header(policy, year_res.person, lang)]
    out += [f"! {n}" for n in notices]
    for i, v in enumerate(year_res.visits, 1):
        out.append("")
        lines = visit_lines(policy, year_res.person.scheme, v, lang, cols)
        if not single:
            lines[0] = f"#{i} {lines[0]}"
        out += lines
        out.append("  = " + totals_line(policy, v, lang))
    if not single:
        out.append("")
        out.append(("全年合计：" if lang == "zh" else "Year: ") + totals_line(policy, year_res, lang))
    out.append("")
    out += footer_lines(policy, year_res.visits, lang)
    sys.stdout.write("\n".join(out) + "\n")


# ───────────────────────────── policies ─────────────────────────────

def cmd_policies(argv):
    p = _Parser(prog="yibao policies", description="Check or list the policy files.")
    sub = p.add_subparsers(dest="what", required=True)
    c = sub.add_parser("check", help="validate every policy file in DIR (default: all in use)")
    c.add_argument("dir", nargs="?")
    _add_policy_opt(c)
    ls = sub.add_parser("list", help="cities, schemes, categories, care kinds, grades, unknowns")
    ls.add_argument("--lang", choices=("zh", "en"), default="zh")
    _add_policy_opt(ls)
    a = p.parse_args(argv)
    dirs = [a.dir] if getattr(a, "dir", None) else pol.search_dirs(a.policies)
    if getattr(a, "dir", None) and not os.path.isdir(a.dir):
        raise UsageError(f"yibao policies check: no such directory: {a.dir}")
    files = pol.policy_files(dirs)
    if not files:
        raise UsageError(f"no <city>-<year>.toml policy files in {', '.join(dirs)}")
    bad = 0
    for (_city, _year), path in sorted(files.items()):
        try:
            p_ = pol.load(path)
        except PolicyError as e:
            bad += 1
            print("\n".join(e.problems), file=sys.stderr)
            continue
        if a.what == "check":
            print(f"ok  {path}")
        else:
            print_policy_summary(p_, a.lang)
    if a.what == "check":
        print(f"{len(files) - bad} of {len(files)} policy files valid",
              file=sys.stderr if bad else sys.stdout)
    return 1 if bad else 0


def print_policy_summary(p, lang):
    from yibao_tui.core.policy import LABELS
    i = 0 if lang == "zh" else 1
    prov = p.province["zh" if lang == "zh" else "en"]
    print(f"{p.city}  {p.label(lang)} ({prov})  checked {p.checked}  {p.path}")
    # ids are what the command line takes; the Chinese name is what the texts say
    print("  grades: " + ", ".join(f"{g} ({lab['zh']})" for g, lab in p.grades.items()))
    if p.flags:
        print("  flags: " + ", ".join(f"{f} ({lab['zh']})" for f, lab in p.flags.items()))
    for s, sch in p.schemes.items():
        print(f"  {s} {LABELS[s][i]}: categories {', '.join(sch['categories'])}")
        for k, care in sch["care"].items():
            unknown = _unknowns(care)
            dz = f"; diseases {', '.join(care['diseases'])}" if care.get("diseases") else ""
            print(f"    {k:<12} grades {', '.join(care['grades'])}{dz}")
            if unknown:
                print(f"    {'':<12} unknown: {', '.join(unknown)}")
        for k in ("fund_cap",):
            for r in sch.get(k, []):
                if "unknown" in r:
                    print(f"    unknown: {s}.{k}")
        si = sch.get("serious_illness")
        if si:
            unk = [k for k in ("threshold", "rate", "cap") if any("unknown" in r for r in si[k])]
            print(f"    serious illness covers {', '.join(si['covers'])}"
                  + (f"; unknown: {', '.join(unk)}" if unk else ""))
        elif sch.get("care"):
            print("    serious illness: not described by the source")


def _unknowns(care):
    out = []
    for k in ("deductible", "rate", "cap", "first_pay"):
        for r in care.get(k, []):
            if "unknown" in r:
                sel = ",".join(r.get("grades", []) + r.get("categories", []) + r.get("diseases", []))
                out.append(f"{k}" + (f"[{sel}]" if sel else ""))
    return out


# ───────────────────────────── entry point ─────────────────────────────

def cmd_household(argv):
    from yibao_tui.cli.household import main as household_main

    return household_main(argv)


def cmd_ask(argv):
    from yibao_tui.cli.ask import main as ask_main

    return ask_main(argv)


def _enrolment_command(name):
    def run(argv):
        from yibao_tui.cli import enrol as cli_enrol

        return getattr(cli_enrol, name)(argv)

    return run


COMMANDS = {"estimate": cmd_estimate, "policies": cmd_policies, "household": cmd_household,
            "ask": cmd_ask,
            "premium": _enrolment_command("cmd_premium"), "cover": _enrolment_command("cmd_cover"),
            "grants": _enrolment_command("cmd_grants"), "si-cap": _enrolment_command("cmd_si_cap")}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if argv and argv[0] in COMMANDS:
            return COMMANDS[argv[0]](argv[1:])
        if argv and argv[0] in ("-h", "--help"):
            print_help()
            return 0
        return run_app(argv)
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: say so plainly; YIBAO_DEBUG=1 shows the traceback
        if os.environ.get("YIBAO_DEBUG"):
            raise
        print(f"yibao: internal error: {type(e).__name__}: {e}\n"
              "Please report it with the command you ran (YIBAO_DEBUG=1 shows details).",
              file=sys.stderr)
        return 1


def print_help():
    print("""usage: yibao [--lang zh|en] [--city … --amount …]   open the wizard (prefilled by flags)
       yibao estimate …                         one visit, or --claims FILE for a year
       yibao policies check [DIR] | list        validate / summarise policy files
       yibao household list | show | check | year FILE   household profiles, a year for the family
       yibao household tui [NAME]               the household screens (F5 / h in the wizard)
       yibao ask                                question by question, without the full-screen app
       yibao premium --city … --category …      yearly premium (--member … for a household)
       yibao cover --city … --category … --paid DATE   when cover starts, rule quoted
       yibao grants --city …                    maternity grants and optional plans
       yibao si-cap --city yantai …             烟台's serious-illness cap adjustments

Run 'yibao COMMAND --help' for a command's options.""")


def run_app(argv):
    try:
        from yibao_tui.tui.app import main as app_main
    except ImportError:
        print_help()
        return 0
    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
