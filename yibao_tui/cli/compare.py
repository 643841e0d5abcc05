"""``yibao compare``: the compare screen on the command line — the same expense at the city's
other grades, then in the other cities that have the person's scheme, category and care kind,
each with the breakdown's qualifiers (a range over a figure no source gives, "at most" where a
cap was not applied). ``--json``: {"rows": [...]}, each an estimate's JSON with city, scheme,
category, care, grade and ``current``. No Textual: the options are the wizard's model
(``tui.wizard``, plain Python), the rows the comparison document (``views.compare``)."""

from __future__ import annotations

import sys

from yibao_tui.cli.args import (
    Parser,
    UsageError,
    add_visit_opts,
    amount_arg,
    opt_amount,
    policy_for,
    resolve_names,
)


def build_parser():
    p = Parser(prog="yibao compare",
               description="The same expense at the city's other grades and in the other cities.")
    add_visit_opts(p, flags=False)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--supplied", metavar="FILE.toml",
                   help="figures you supply where no source gives one (marked 'supplied by you')")
    p.add_argument("--no-supplied", action="store_true",
                   help="leave out your own supplied figures (yibao supplied list)")
    return p


def cmd_compare(argv):
    from yibao_tui.tui.wizard import Selection, alternatives

    a = build_parser().parse_args(argv)
    for k in ("city", "scheme", "category", "care", "amount"):
        if getattr(a, k) is None:
            raise UsageError(f"yibao compare: --{k} is required")
    policy, _notices = policy_for(a.city, a.scheme, [], None, a.policies, a.supplied)
    care, grade = resolve_names(policy, a.scheme, a.care, a.grade)
    sel = Selection()
    sel.city, sel.scheme, sel.category, sel.care, sel.disease = (
        policy.city, a.scheme, a.category, care, a.disease)
    sel.grade = grade or _only_grade(policy, sel)
    sel.values.update(amount=amount_arg(a.amount),
                      class_b=opt_amount(a.class_b, "--class-b"),
                      special_drugs=opt_amount(a.special_drugs, "--special-drugs"),
                      out_of_policy=opt_amount(a.out_of_policy, "--out-of-policy"))
    sel.cross_region = list(a.cross_region)
    lang = "en" if a.json else a.lang
    alts = alternatives(_catalog(a), sel, lang)
    if alts[0][3] is None:  # the choice asked about cannot be estimated: say why, once
        raise UsageError(alts[0][4] or "yibao compare: nothing to compare")
    person = sel.person()
    if a.json:
        from yibao_tui.views.compare import compare_json
        from yibao_tui.views.estimate_json import dumps

        sys.stdout.write(dumps(compare_json(alts, person)) + "\n")
        return 0
    from yibao_tui.views.compare import comparison_document
    from yibao_tui.views.text import terminal_cols, text_lines

    doc = comparison_document(alts, person, lang)
    sys.stdout.write("\n".join(text_lines(doc, terminal_cols())) + "\n")
    return 0


def _only_grade(policy, sel):
    """The grade where the care kind is paid at one only (沈阳 门诊统筹: 基层); else --grade."""
    c = policy.care(sel.scheme, sel.care)
    if c is not None and len(c.grades) == 1:
        return c.grades[0]
    raise UsageError("yibao compare: --grade is required"
                     + (f" (accepted: {', '.join(c.grades)})" if c is not None else ""))


def _catalog(a):
    """Every city's policy, with ``--supplied FILE`` and your own figures filled in (unless
    --no-supplied), as the app has them."""
    from yibao_tui.core.policy.cache import PolicyCache
    from yibao_tui.inputs.policy import apply_supplied_file, policy_dirs

    def fill(p):
        if a.supplied:
            p = apply_supplied_file(p, a.supplied)
        if not a.no_supplied:
            from yibao_tui.storage import supplied as store

            p = store.fill(p)
        return p

    return PolicyCache(policy_dirs(a.policies), fill=fill)
