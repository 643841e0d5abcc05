"""``yibao policies check [DIR] | list``: validate and summarise policy files."""

from __future__ import annotations

import os
import sys

from yibao_tui.cli.args import Parser, UsageError, add_policy_opt
from yibao_tui.core import policy as pol
from yibao_tui.core.msg import problem_msg
from yibao_tui.core.policy import PolicyError
from yibao_tui.core.safe import safe
from yibao_tui.inputs.policy import policy_dirs
from yibao_tui.text import render, t


def cmd_policies(argv):
    p = Parser(prog="yibao policies", description="Check or list the policy files.")
    sub = p.add_subparsers(dest="what", required=True)
    c = sub.add_parser("check", help="validate every policy file in DIR (default: all in use)")
    c.add_argument("dir", nargs="?")
    c.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_policy_opt(c)
    ls = sub.add_parser("list", help="cities, schemes, categories, care kinds, grades, unknowns")
    ls.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_policy_opt(ls)
    a = p.parse_args(argv)
    dirs = [a.dir] if getattr(a, "dir", None) else policy_dirs(a.policies)
    if getattr(a, "dir", None) and not os.path.isdir(a.dir):
        raise UsageError(f"yibao policies check: no such directory: {safe(a.dir)}")
    files = pol.policy_files(dirs)
    if not files:
        raise UsageError(f"no <city>-<year>.toml policy files in {', '.join(map(safe, dirs))}")
    bad = 0
    for (_city, _year), path in sorted(files.items()):
        try:
            p_ = pol.load(path)
        except PolicyError as e:
            bad += 1
            # the problems are what `check` was asked for: on stdout, the verdict in the exit status
            print("\n".join(render(problem_msg(p), a.lang) for p in e.problems),
                  file=sys.stdout if a.what == "check" else sys.stderr)
            continue
        if a.what == "check":
            print(t("check.ok", a.lang, path=safe(path)))
        else:
            print_policy_summary(p_, a.lang)
    if a.what == "check":
        print(t("check.valid", a.lang, n=len(files) - bad, total=len(files)))
    return 1 if bad else 0


def print_policy_summary(p, lang):
    from yibao_tui.text import term

    print(f"{p.city}  {render(p.name, lang)} {p.year} ({render(p.province, lang)})  "
          f"checked {p.checked}  {safe(p.path)}")
    # ids are what the command line takes; the Chinese name is what the texts say
    print("  grades: " + ", ".join(f"{g} ({lab['zh']})" for g, lab in p.grades.items()))
    if p.flags:
        print("  flags: " + ", ".join(f"{f} ({lab['zh']})" for f, lab in p.flags.items()))
    for s in p.scheme_ids:
        sch = p.scheme(s)
        print(f"  {s} {term(s, lang)}: categories {', '.join(sch.categories)}")
        for k in sch.care_kinds():
            care = sch.care(k)
            unknown = _unknowns(care)
            dz = f"; diseases {', '.join(care.diseases)}" if care.diseases else ""
            # who may use it, by the one rule the engine's check and the wizard use
            who = [c for c in sch.categories if k in sch.care_kinds(c)]
            only = f"; only {', '.join(who)}" if len(who) < len(sch.categories) else ""
            print(f"    {k:<12} grades {', '.join(care.grades)}{dz}{only}")
            if unknown:
                print(f"    {'':<12} unknown: {', '.join(unknown)}")
        for r in sch.rows("fund_cap"):
            if "unknown" in r:
                print(f"    unknown: {s}.fund_cap")
        si = sch.serious_illness
        if si:
            unk = [k for k in ("threshold", "rate", "cap") if any("unknown" in r for r in si.rows(k))]
            print(f"    serious illness covers {', '.join(si.covers)}"
                  + (f"; unknown: {', '.join(unk)}" if unk else ""))
        else:
            print("    serious illness: not described by the source")


def _unknowns(care):
    out = []
    for k in ("deductible", "rate", "cap", "first_pay"):
        for r in care.rows(k):
            if "unknown" in r:
                sel = ",".join(r.get("grades", []) + r.get("categories", []) + r.get("diseases", []))
                out.append(f"{k}" + (f"[{sel}]" if sel else ""))
    return out


