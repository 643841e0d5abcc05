"""``yibao household list | show FILE | check FILE | year FILE [--json] | init``.

Imported only when a household command runs (the ``estimate`` fast path never loads it). The
text is the views' Documents (the TUI shows the same), laid out by ``views.text``;
the JSON is ``views.household_json``'s.
"""

from __future__ import annotations

import json
import sys

from yibao_tui.cli.args import Parser, UsageError, policies_arg
from yibao_tui.core import household as H
from yibao_tui.core.safe import safe
from yibao_tui.inputs.options import year_arg
from yibao_tui.storage import store, supplied
from yibao_tui.text import render, t
from yibao_tui.views import household as V
from yibao_tui.views.household_enrolment import enrolment_document
from yibao_tui.views.household_json import enrolment_json, show_json, write_year_json, year_json
from yibao_tui.views.text import pad, text_lines
from yibao_tui.views.year import year_document

__all__ = ["build_parser", "enrolment_json", "main", "show_json", "year_json"]


def _add_common(p, lang=True):
    p.add_argument("--profiles", metavar="DIR",
                   help=f"households directory (default: the user data dir; also ${store.ENV})")
    p.add_argument("--policies", metavar="DIR", type=policies_arg, help="extra policies directory")
    if lang:
        p.add_argument("--lang", choices=("zh", "en"), default="zh")


def build_parser():
    p = Parser(prog="yibao household",
                description="Household profiles: the family, bound accounts, a year of care.")
    sub = p.add_subparsers(dest="what", required=True, parser_class=Parser)
    ls = sub.add_parser("list", help="the households on file (the demo when you have none)")
    _add_common(ls)
    for name, helptext in (("show", "members, bindings with their rules, the bind checklist"),
                           ("check", "validate a household against its cities' rules"),
                           ("year", "run the year of visits for the whole family")):
        c = sub.add_parser(name, help=helptext)
        c.add_argument("file", metavar="FILE", help="a path, a name in the households dir, or 'demo'")
        _add_common(c)
        if name in ("show", "year"):
            c.add_argument("--json", action="store_true", help="machine-readable output")
        c.add_argument("--year", type=year_arg, metavar="YEAR",
                       help="a year the file keeps (after a rollover), read-only")
        if name == "year":
            c.add_argument("--detail", action="store_true", help="every visit's cited breakdown")
    i = sub.add_parser("init", help="copy the demo household into your households dir to edit")
    _add_common(i)
    r = sub.add_parser("rollover", help="carry the household into the next year (same file)")
    r.add_argument("file", metavar="NAME|FILE", help="a household's name or file")
    r.add_argument("--to", type=year_arg, metavar="YEAR", help="the new year (default: the next)")
    _add_common(r)
    u = sub.add_parser("tui", help="the household screens of the full-screen app")
    u.add_argument("file", metavar="NAME", nargs="?",
                   help="open this household (a path, a name in the households dir, or 'demo')")
    _add_common(u)
    return p


def _lang_last(argv):
    """``--lang X`` wherever it was given (before the subcommand too) moved to the end, where
    every subcommand takes it."""
    argv, out, i = list(argv), [], 0
    lang = []
    while i < len(argv):
        if argv[i] == "--lang" and i + 1 < len(argv):
            lang = ["--lang", argv[i + 1]]
            i += 2
            continue
        if argv[i].startswith("--lang="):
            lang = [argv[i]]
        else:
            out.append(argv[i])
        i += 1
    return out + lang


def main(argv):
    a = build_parser().parse_args(_lang_last(argv))
    return {"list": cmd_list, "show": cmd_show, "check": cmd_check, "year": cmd_year,
            "init": cmd_init, "tui": cmd_tui, "rollover": cmd_rollover}[a.what](a)


def _lang(a):
    return getattr(a, "lang", "zh")


def _open(a, out=None):
    """The household and its policies, or (None, None) with its problems printed: on stderr
    as errors, or on ``out`` where they are the command's result (``check``)."""
    lang = _lang(a)
    out = out or sys.stderr
    try:
        path = store.resolve(a.file, a.profiles)
        loaded = store.read(path)
    except store.StoreError as e:
        raise UsageError(V.store_error_text(e, lang)) from None
    except H.HouseholdError as e:
        print(V.format_problems(e.problems, lang), file=out)
        print(t("hh.cli.unusable", lang, file=safe(a.file, 400)), file=out)
        return None, None
    loaded = _at_year(loaded, getattr(a, "year", None), lang)
    from yibao_tui.core.policy.cache import PolicyCache
    from yibao_tui.inputs.policy import policy_dirs

    policies = H.with_supplied(loaded.household,
                               PolicyCache(policy_dirs(a.policies), loaded.household.year,
                                           fill=supplied.fill))
    problems = [p for _, p in H.enrolment_problems(loaded.household, policies)]
    if problems:
        print(V.format_problems(problems, lang), file=out)
        print(t("hh.cli.unusable", lang, file=safe(a.file, 400)), file=out)
        return None, None
    return loaded, policies


def _at_year(loaded, year, lang):
    """``--year``: the household as the file keeps it for that year (read-only)."""
    if year is None or year == loaded.household.year:
        return loaded
    h = H.year_of(loaded.household, year)
    if h is None:
        raise UsageError(t("hhy.no_year", lang, year=year, years=H.years(loaded.household)))
    import dataclasses

    return dataclasses.replace(loaded, household=h)


def _print(lines, file=None):
    print("\n".join(lines), file=file or sys.stdout)


# ───────────────────────────── list / init / tui ─────────────────────────────

def cmd_list(a):
    lang = _lang(a)
    d = store.households_dir(a.profiles)
    try:
        loaded, broken = store.list_all(d)
    except store.StoreError as e:
        raise UsageError(V.store_error_text(e, lang)) from None
    print(t("hh.list.where", lang, dir=safe(d)))
    for ld in loaded:
        h = ld.household
        tag = "  " + t("hh.cli.demo_tag", lang) if ld.demo else ""
        print(f"  {pad(safe(ld.name, 60), 16)} " + t("hh.cli.summary", lang, name=safe(h.name), year=h.year,
                                              n=len(h.members), who=[safe(m.name) for m in h.members],
                                              b=len(h.bindings)) + tag)
    for b in broken:
        print(f"  {pad(safe(b.path.name, 60), 16)} {t('hh.cli.broken', lang)}", file=sys.stderr)
        for p in b.problems:
            print(f"    {V.format_problem(p, lang)}", file=sys.stderr)
    return 0


def cmd_init(a):
    d = store.households_dir(a.profiles)
    try:
        ld = store.copy_demo(d)
    except store.StoreError as e:
        raise UsageError(V.store_error_text(e, _lang(a))) from None
    print(t("hhy.copied_demo", _lang(a), path=safe(ld.path)))
    return 0


def cmd_tui(a):
    """The wizard app opened on the household list (or straight on NAME)."""
    from yibao_tui.tui.app import build, require_terminal

    argv = ["--lang", a.lang] + (["--policies", a.policies] if a.policies else [])
    app = build(argv, profiles=a.profiles, households=a.file or True)
    require_terminal()
    app.run()
    return app.return_code or 0


# ───────────────────────────── show / check / year ─────────────────────────────

def _json_out(obj):
    from yibao_tui.views.estimate_json import stamped

    sys.stdout.write(json.dumps(stamped(obj), ensure_ascii=False, indent=2) + "\n")


def cmd_show(a):
    ld, policies = _open(a)
    if ld is None:
        return 1
    chk = H.check(ld.household, policies)
    es = H.enrolment_summary(ld.household, policies)
    if a.json:
        _json_out(show_json(ld, chk, es))
        return 0
    lang = _lang(a)
    _print([*text_lines(V.show_document(ld, policies, chk, lang)), "",
            *text_lines(enrolment_document(es, ld.household.year, lang))])
    return 0


def cmd_check(a):
    """Every line of the check — ✓, ✗, ? and the summary — is its result: all on stdout, in
    order (a pipe keeps the bad news too); the verdict is the exit status (0 valid, 1 not)."""
    ld, policies = _open(a, sys.stdout)
    if ld is None:
        return 1
    lang = _lang(a)
    chk = H.check(ld.household, policies)
    for _, msg in chk.problems:
        print(f"✗ {render(msg, lang)}")
    for doc in V.check_documents(ld, chk, policies, lang):
        _print(text_lines(doc))
    print(t("hh.cli.check", lang, file=safe(ld.path.name, 60), p=len(chk.problems), b=len(chk.broken),
            u=len(chk.unknown)))
    return 0 if chk.ok else 1


def cmd_year(a):
    ld, policies = _open(a)
    if ld is None:
        return 1
    h = ld.household
    hy = H.run_year(h, policies, keep=False)  # each visit's steps run again as it is shown
    es = H.enrolment_summary(h, policies)
    if a.json:
        write_year_json(ld, hy, es, sys.stdout.write)
        return 1 if hy.check.problems else 0
    lang = _lang(a)
    detail = None
    if a.detail:
        from yibao_tui.views.estimate import visit_lines
        from yibao_tui.views.text import terminal_cols

        cols = terminal_cols()

        def detail(my, r, res):
            return visit_lines(my.policy, my.member.scheme, res, lang, cols - 4)

    doc = year_document(h, hy, policies, lang, detail, enrolment_document(es, h.year, lang))
    _print(text_lines(doc))
    return 1 if hy.check.problems else 0


# ───────────────────────────── rollover ─────────────────────────────

def cmd_rollover(a):
    """The household carried into the next year in the same file; what changed and what to
    confirm."""
    lang = _lang(a)
    ld, policies = _open(a)
    if ld is None:
        return 1
    try:
        ro = H.rollover(ld.household, H.run_year(ld.household, policies), policies, a.to)
        store.save(ro.household, ld.path, ld.fingerprint)
    except H.RolloverError as e:
        raise UsageError(render(e.msg, lang)) from None
    except store.StoreError as e:
        raise UsageError(V.store_error_text(e, lang)) from None
    _print(rollover_lines(ro, ld.path, lang))
    return 0


def rollover_lines(ro, path, lang):
    """The rollover's summary: saved where, what changed, what to confirm."""
    out = [t("hhy.roll_saved", lang, year=ro.household.year, path=safe(path)),
           t("hhy.roll_changed", lang)]
    out += [f"  · {render(m, lang)}" for m in ro.changes]
    if ro.confirm:
        out.append(t("hhy.roll_confirm", lang))
        out += [f"  ? {render(m, lang)}" for m in ro.confirm]
    return out
