"""``yibao estimate``: one visit, or a claims file for one person's year; text or JSON.

The fast path (see benchmarks/): no Textual, questionary or Rich here, and json is imported only
when asked for.
"""

from __future__ import annotations

import sys

from yibao_tui.cli.args import (
    Parser,
    UsageError,
    add_cover_opts,
    add_visit_opts,
    amount_arg,
    cover_kwargs,
    date_arg,
    opt_amount,
    opt_date,
    policy_for,
    resolve_names,
    stay_arg,
)
from yibao_tui.core.engine import Claim, EstimateError, Person, check, estimate_year

EXAMPLES = """examples:
  yibao estimate --city liaoyang --scheme employee --category active --care outpatient \\
                 --grade 3 --amount 1000                   a readable, cited table
  yibao estimate --city 沈阳 --scheme resident --category adult --care 住院 --grade 3 \\
                 --amount 10000 --json                     fund 7050.00, with its range
  yibao estimate --city tieling --scheme employee --category active --claims year.toml
                                                           one person's year of visits
  yibao estimate … --curve --to 50000                      how the cost grows, break points
"""


def build_estimate_parser():
    p = Parser(prog="yibao estimate",
                description="Estimate what basic medical insurance pays for one visit or a year.",
                epilog=EXAMPLES)
    add_visit_opts(p)
    p.add_argument("--claims", metavar="FILE.toml", help="one person's year of visits")
    p.add_argument("--stay", type=stay_arg, metavar="N", help="this is the N-th inpatient stay this year")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date of the visit (chooses policy year)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--supplied", metavar="FILE.toml",
                   help="figures you supply where no source gives one (marked 'supplied by you')")
    p.add_argument("--no-supplied", action="store_true",
                   help="leave out your own supplied figures (yibao supplied list)")
    add_cover_opts(p, paid_required=False)
    add_curve_opts(p)
    return p




def cmd_estimate(argv):
    a = build_estimate_parser().parse_args(argv)
    city, scheme, category, flags, year, claims = _claims_file(a) if a.claims else _one_visit(a)
    policy, notices = policy_for(city, scheme, flags, year, a.policies, a.supplied)
    if not a.claims:  # names the policy gives its own care kinds and grades (沈阳 门诊统筹)
        claims[0].care, claims[0].grade = resolve_names(policy, scheme, a.care, a.grade)
    if not a.no_supplied:  # after --supplied FILE: a figure given on the command line wins
        policy = _user_supplied(policy, notices)
    cover = _cover_for_estimate(a, policy, scheme, category, flags, claims, notices)
    person = Person(scheme, category, flags=flags)
    stream = a.json and a.claims and not a.curve
    try:
        if stream:  # checked first: nothing is printed for a file that fails
            claims = [check(policy, person, c) for c in claims]
        else:
            year_res = estimate_year(policy, person, claims, cover)
    except EstimateError as e:
        from yibao_tui.text import render

        raise UsageError(render(e.msg, "en")) from None
    if stream:
        import gc

        from yibao_tui.core.engine.year import iter_year

        gc.freeze()  # what is alive now (policy, claims) lives to the end: never rescanned
        if may_miss(policy, scheme, claims):  # ranges carried visit by visit (#20)
            from yibao_tui.core.engine.ranges_stream import YearStream

            visits = YearStream(policy, person, claims, cover)
        else:
            visits = iter_year(policy, person, claims, cover)
        from yibao_tui.views.document import with_policy_notices

        days = {c.date for c in claims} or (None,)
        stream_year_json(policy, visits, with_policy_notices(notices, policy, days, "en"))
        return 0
    ranges = _ranges(policy, person, claims, cover, year_res)
    crv = _curve(a, policy, person, claims, cover)
    if a.json:
        print_json(policy, year_res, notices, single=not a.claims, ranges=ranges, curve=crv)
    else:
        print_text(policy, year_res, notices, a.lang, single=not a.claims, ranges=ranges, curve=crv)
    return 0


def _claims_file(a):
    """(city, scheme, category, flags, year, claims) from ``--claims FILE``."""
    extra = [k for k in ("city", "scheme", "category", "care", "grade", "amount")
             if getattr(a, k) is not None]
    if extra:
        raise UsageError("--claims takes everything from the file; drop --" + ", --".join(extra))
    from yibao_tui.cli.claims import read_claims

    data, claims = read_claims(a.claims)
    year = data.get("year") or next((c.date.year for c in claims if c.date), None)
    return data["city"], data["scheme"], data["category"], data.get("flags", []), year, claims


def _one_visit(a):
    """(city, scheme, category, flags, year, [claim]) from the visit's options."""
    for k in ("city", "scheme", "category", "care", "amount"):
        if getattr(a, k) is None:
            raise UsageError(f"yibao estimate: --{k} is required (or give --claims FILE)")
    date = opt_date(a.date, "--date")  # given empty is an error, never ignored
    claim = Claim(a.care, amount_arg(a.amount), grade=a.grade, disease=a.disease,
                  class_b=opt_amount(a.class_b, "--class-b") or 0,
                  special_drugs=opt_amount(a.special_drugs, "--special-drugs") or 0,
                  out_of_policy=opt_amount(a.out_of_policy, "--out-of-policy") or 0,
                  cross_region=a.cross_region, date=date, stay=a.stay)
    if a.stay is not None and a.stay < 1:
        raise UsageError("--stay: must be 1 or more")
    return a.city, a.scheme, a.category, a.flag, date.year if date else None, [claim]


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
        from yibao_tui.text import render

        raise UsageError(render(e.msg, "en")) from None
    if cover.start is None:
        notices.append("Cover start: unknown (no source gives it); dated visits are shown as unknown.")
    else:
        notices.append(f"Cover starts {cover.start.isoformat()} "
                       f"({cover.rule.get('source')}: “{cover.rule.get('quote')}”).")
    if any(c.date is None for c in claims):
        notices.append("A visit without a date is not checked against the cover start: give --date.")
    return cover


def _user_supplied(policy, notices):
    """The user's own figures (``yibao supplied``), used unless --no-supplied."""
    from yibao_tui.storage import supplied as store
    from yibao_tui.text import render

    try:
        policy, skipped = store.apply_user(policy)
    except store.SuppliedFileError as e:
        raise UsageError(f"your supplied figures: {render(e.msg, 'en')} "
                         "(--no-supplied leaves them out)") from None
    except Exception as e:  # core SuppliedError: a malformed entry, with where and why
        if not hasattr(e, "msg"):
            raise
        raise UsageError(f"{render(e.msg, 'en')} (--no-supplied leaves them out)") from None
    notices.extend(f"Your supplied figure {n} is not used here: {render(why, 'en')}"
                   for n, why in skipped)
    return policy


def _ranges(policy, person, claims, cover, year_res):
    """Ranges over the unknown figures (``core.engine.ranges``), only when a figure is missing."""
    if not year_res.missing:
        return None
    from yibao_tui.core.engine.ranges import year_ranges

    return year_ranges(policy, person, claims, cover, year_res)


def print_json(policy, year_res, notices, single, ranges=None, curve=None):
    """The estimate's document as JSON (``views.estimate_json``)."""
    from yibao_tui.views.estimate_json import dumps, estimate_json
    from yibao_tui.views.estimate_year import year_document

    doc = year_document(policy, year_res, notices, "en", single, ranges)
    crv = None
    if curve is not None:
        from yibao_tui.views.curve import curve_document, curve_json

        crv = curve_json(curve_document(curve, "en"))
    sys.stdout.write(dumps(estimate_json(doc, crv)) + "\n")


def may_miss(policy, scheme, claims):
    """Whether any figure these claims rest on is one no source gives: a care kind's row, the
    fund's cap or 大病 over it, or a cross-region status's rule. Only then can an amount be
    unknown and need a range (which takes the whole year): otherwise a year streams out."""
    sch = policy.scheme(scheme)
    if sch is None:
        return False
    kinds = {c.care for c in claims}
    statuses = {s for c in claims for s in c.cross_region}

    def unknown(rows):
        return any("unknown" in r for r in rows)

    for k in kinds:
        care = sch.care(k)
        if care and any(unknown(care.rows(t)) for t in ("deductible", "rate", "cap", "first_pay")):
            return True
    if any(unknown([r]) for r in sch.rows("fund_cap") if kinds & set(r["covers"])):
        return True
    si = sch.serious_illness
    if si and kinds & set(si.covers) and any(unknown(si.rows(t)) for t in ("threshold", "rate", "cap")):
        return True
    if statuses - set(sch.cross_region_statuses):  # a status with no row: unknown
        return True
    parts = {p for c in claims for p in ("class_b", "special_drugs") if getattr(c, p)}
    if any(not any(r["part"] == p for k in kinds if sch.care(k) for r in sch.care(k).rows("first_pay"))
           for p in parts):  # a part paid first whose share no row gives
        return True
    return any(r["status"] in statuses and "unknown" in r for r in sch.rows("cross_region"))


def stream_year_json(policy, visits, notices, out=None):
    """``print_json`` for a year, written visit by visit: the same keys and types (the contract),
    each claim on one line, and only one visit's steps held at a time — 100,000 visits stream
    in bounded memory. ``visits`` is an iterator of engine results (``engine.year.iter_year``);
    each is a document section (``views.estimate.VisitSection``) rendered as it comes."""
    import json

    from yibao_tui.core.engine.model import YearTotals
    from yibao_tui.views.estimate import VisitSection
    from yibao_tui.views.estimate_json import dumps, stamped, visit_json, year_json
    from yibao_tui.views.estimate_year import year_section

    write = (out or sys.stdout).write
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode  # one, reused
    totals = YearTotals(policy)
    write('{\n  "claims": [')
    sep = "\n    "
    rs = visits if hasattr(visits, "current") else None  # a ranges_stream.YearStream
    for v in visits:
        totals.add(v)
        sec = (VisitSection(policy, None, v, "en") if rs is None or not rs.ranged
               else VisitSection(policy, None, v, "en", rs.current, True))
        write(sep + encode(visit_json(sec)))
        sep = ",\n    "
    year = year_section(policy, totals.figures(), totals.missing, totals.unchecked, "en",
                        rs.ranges if rs is not None and rs.ranged else None)
    rest = {"year": year_json(year), "city": policy.city, "policy_year": policy.year,
            "notices": notices, "caveats": policy.caveats}
    stamped(rest)
    write(("\n  ]," if sep != "\n    " else "],") + dumps(rest)[1:] + "\n")


def print_text(policy, year_res, notices, lang, single, ranges=None, curve=None):
    """The estimate's document (and the curve's, with --curve) as plain text."""
    from yibao_tui.views.estimate_year import year_document
    from yibao_tui.views.text import terminal_cols, text_lines

    cols = terminal_cols()
    lines = text_lines(year_document(policy, year_res, notices, lang, single, ranges=ranges), cols)
    if curve is not None:
        from yibao_tui.views.curve import curve_document

        lines += ["", *text_lines(curve_document(curve, lang), cols)]
    sys.stdout.write("\n".join(lines) + "\n")


# ── --curve (issue #14): the cost curve of the visit (with --claims, of the last one) ──

def add_curve_opts(p):
    p.add_argument("--curve", action="store_true",
                   help="also the cost curve: where fund / serious illness / self-pay change slope")
    p.add_argument("--to", metavar="YUAN", help="with --curve: up to this amount (default ~3× it)")


def _curve(a, policy, person, claims, cover):
    if not a.curve:
        if a.to is not None:
            raise UsageError("--to goes with --curve")
        return None
    from yibao_tui.core.engine.curve import curve

    to = amount_arg(a.to, "--to") if a.to is not None else None
    if to is not None and to <= claims[-1].amount:  # the curve runs from 0 past this bill
        raise UsageError(f"--to: {to:,.2f} is not above the visit's amount "
                         f"{claims[-1].amount:,.2f}; the curve runs from 0 to --to")
    return curve(policy, person, claims, to=to, cover=cover)
