"""``yibao policies check | list | path | new | diff``: validate, summarise and add policy files.

``check [--strict [--sources DIR]] [DIR|FILE…]`` validates files (``--strict``: the rules the
bundled files are held to, core/policy/strict.py); ``path`` prints the directory of your own
policy files (used before the bundled ones); ``new`` writes a draft there (policies_new.py);
``diff`` compares two files figure by figure (policies_diff.py).
"""

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


def build_parser():
    p = Parser(prog="yibao policies", description="Check, list or add policy files.")
    sub = p.add_subparsers(dest="what", required=True)
    c = sub.add_parser("check", help="validate policy files (default: every one in use)")
    c.add_argument("paths", nargs="*", metavar="DIR|FILE")
    c.add_argument("--strict", action="store_true",
                   help="also: every quote in its source, carrying its figure; notes in both "
                        "languages; no figure still marked unchecked")
    c.add_argument("--sources", metavar="DIR",
                   help="where the [sources] texts are (default: sources/ beside each file); "
                        "implies --strict")
    c.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_policy_opt(c)
    ls = sub.add_parser("list", help="cities, schemes, categories, care kinds, grades, unknowns")
    ls.add_argument("--lang", choices=("zh", "en"), default="zh")
    add_policy_opt(ls)
    sub.add_parser("path", help="the directory of your own policy files (created if missing)")
    from yibao_tui.cli import policies_diff, policies_new

    policies_new.add_parser(sub)
    policies_diff.add_parser(sub)
    return p


def cmd_policies(argv):
    a = build_parser().parse_args(argv)
    if a.what == "path":
        return cmd_path()
    if a.what == "new":
        from yibao_tui.cli.policies_new import cmd_new

        return cmd_new(a)
    if a.what == "diff":
        from yibao_tui.cli.policies_diff import cmd_diff

        return cmd_diff(a)
    if a.what == "check":
        return cmd_check(a)
    files = pol.policy_files(policy_dirs(a.policies))
    if not files:
        raise UsageError("no <city>-<year>.toml policy files found")
    bad = 0
    for (_city, _year), path in sorted(files.items()):
        try:
            p_ = pol.load(path)
        except PolicyError as e:
            bad += 1
            print("\n".join(render(problem_msg(p), a.lang) for p in e.problems), file=sys.stderr)
            continue
        print_policy_summary(p_, a.lang)
    return 1 if bad else 0


def cmd_path():
    """Print (and create, 0700 under a parent no one else controls) your policies directory."""
    from yibao_tui.inputs.policy import user_policies_dir
    from yibao_tui.storage.trust import UnsafePathError, private_dir

    d = user_policies_dir()
    try:
        private_dir(d)
    except UnsafePathError as e:
        raise UsageError(f"your policies directory: {e}") from None
    except OSError as e:
        raise UsageError(f"cannot create {safe(d)}: {e.strerror or e}") from None
    print(safe(d))
    return 0


def check_targets(paths, policies):
    """The policy files ``check`` reads: each FILE named, each DIR's ``<city>-<year>.toml``
    files, or (none named) every file in use."""
    if not paths:
        files = sorted(pol.policy_files(policy_dirs(policies)).values())
        if not files:
            raise UsageError("no <city>-<year>.toml policy files found")
        return files
    out = []
    for p in paths:
        if os.path.isdir(p):
            found = sorted(pol.policy_files([p]).values())
            if not found:
                raise UsageError(f"no <city>-<year>.toml policy files in {safe(p)}")
            out += found
        elif os.path.isfile(p):
            out.append(p)
        else:
            raise UsageError(f"yibao policies check: no such file or directory: {safe(p, 60)}")
    return out


def cmd_check(a):
    if a.sources and not os.path.isdir(a.sources):
        raise UsageError(f"--sources: no such directory: {safe(a.sources, 200)}")
    a.strict = a.strict or bool(a.sources)
    from yibao_tui.inputs.policy import trusted_policy

    for named in a.paths or ():  # a file or directory someone else can write to: not checked
        trusted_policy(named)
    files = check_targets(a.paths, a.policies)
    bad = count = 0
    for path in files:
        problems = _problems(path, a.strict, a.sources)
        if problems:
            bad += 1
            count += len(problems)
            # the problems are what `check` was asked for: on stdout, the verdict in the exit status
            print("\n".join(render(problem_msg(p), a.lang) for p in problems))
        else:
            print(t("strict.clean" if a.strict else "check.ok", a.lang, path=safe(path)))
    if a.strict and count:
        print(t("strict.count", a.lang, n=count))
    print(t("check.valid", a.lang, n=len(files) - bad, total=len(files)))
    return 1 if bad else 0


def _problems(path, strict, sources):
    """The file's problems as (file, line, Msg): the validator's, and with ``strict`` the strict
    check's against its sources."""
    if strict:
        from yibao_tui.inputs.policy import strict_problems

        return strict_problems(path, sources)
    try:
        pol.load(path)
    except PolicyError as e:
        return e.problems
    return []


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
