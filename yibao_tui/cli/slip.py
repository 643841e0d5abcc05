"""``yibao slip``: check a hospital's settlement slip (结算单) against the estimate, and say which
input would explain a difference. From a TOML file (a claims file's person keys, one
``[[claim]]``, a ``[slip]`` table) or from the estimate's options plus ``--slip-fund …``."""

from __future__ import annotations

import os
import sys

from yibao_tui.cli.args import (
    Parser,
    UsageError,
    add_visit_opts,
    amount_arg,
    date_arg,
    policy_for,
    read_toml,
    stay_arg,
)
from yibao_tui.core.engine import Claim, EstimateError, Person
from yibao_tui.core.policy import CARE_KINDS, CROSS_REGION, GRADES
from yibao_tui.core.slip import FIELDS, SlipError, check_slip, parse_slip
from yibao_tui.text import render

_FILE_KEYS = {"city", "scheme", "category", "age", "flags", "year", "claim", "name", "slip"}
_CLAIM_KEYS = {"care", "grade", "disease", "amount", "class_b", "special_drugs", "out_of_policy",
               "cross_region", "date", "stay", "note"}
_MONEY = ("amount", "class_b", "special_drugs", "out_of_policy")


def build_parser():
    p = Parser(prog="yibao slip",
               description="Check a settlement slip (结算单) against the estimate: each figure "
                           "beside the estimate's, and which input would explain a difference.")
    p.add_argument("file", nargs="?", metavar="FILE.toml",
                   help="person keys, one [[claim]] and a [slip] table (see docs/slip.md)")
    add_visit_opts(p)
    p.add_argument("--stay", type=stay_arg, metavar="N", help="this is the N-th inpatient stay this year")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date of the visit (chooses policy year)")
    p.add_argument("--supplied", metavar="FILE.toml",
                   help="figures you supply where no source gives one")
    for f in FIELDS:
        p.add_argument(f"--slip-{f.replace('_', '-')}", dest=f"slip_{f}", metavar="YUAN",
                       help=f"the slip's {f.replace('_', ' ')}")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return p


def _claim(r, where):
    if not isinstance(r, dict):
        raise UsageError(f"{where}: must be a table")
    for k in r:
        if k not in _CLAIM_KEYS:
            raise UsageError(f"{where}: unknown key '{k}' (accepted: {', '.join(sorted(_CLAIM_KEYS))})")
    if r.get("care") not in CARE_KINDS:
        raise UsageError(f"{where}: care '{r.get('care')}' is not one of {', '.join(CARE_KINDS)}")
    if "grade" in r and str(r["grade"]) not in GRADES:
        raise UsageError(f"{where}: grade '{r['grade']}' is not one of {', '.join(GRADES)}")
    if "disease" in r and not isinstance(r["disease"], str):  # issue #22: a list was a TypeError
        raise UsageError(f"{where}: disease must be a disease id (text)")
    if "amount" not in r:
        raise UsageError(f"{where}: 'amount' is missing")
    cr = r.get("cross_region", [])
    cr = [cr] if isinstance(cr, str) else cr
    if not isinstance(cr, list) or any(s not in CROSS_REGION for s in cr):
        raise UsageError(f"{where}: cross_region must be among {', '.join(CROSS_REGION)}")
    stay = r.get("stay")
    if stay is not None and (not isinstance(stay, int) or isinstance(stay, bool) or stay < 1):
        raise UsageError(f"{where}: stay must be a whole number, 1 or more")
    d = r.get("date")
    if d is not None and not hasattr(d, "month"):
        d = date_arg(d, f"{where} date")
    if d is not None and callable(getattr(d, "date", None)):
        d = d.date()
    parts = {k: amount_arg(r[k], f"{where} {k}") for k in _MONEY if k in r}
    return Claim(r["care"], grade=None if "grade" not in r else str(r["grade"]),
                 disease=r.get("disease"), date=d, cross_region=cr, stay=stay, **parts)


def read_slip_file(path):
    """(person keys, the claim, the slip's raw figures) from a slip file."""
    name = os.path.basename(path)
    data = read_toml(path, "yibao slip")
    for k in data:
        if k not in _FILE_KEYS:
            raise UsageError(f"{name}: unknown key '{k}' (accepted: {', '.join(sorted(_FILE_KEYS))})")
    for k in ("city", "scheme", "category"):
        if not isinstance(data.get(k), str):
            raise UsageError(f"{name}: '{k}' is missing or not a string")
    rows = data.get("claim")
    if not isinstance(rows, list) or len(rows) != 1:
        raise UsageError(f"{name}: needs exactly one [[claim]] (the visit the slip settles)")
    slip = data.get("slip", {})
    if not isinstance(slip, dict):
        raise UsageError(f"{name}: [slip] must be a table")
    flags = data.get("flags", [])
    if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
        raise UsageError(f"{name}: 'flags' must be a list of names")
    return data, _claim(rows[0], f"{name}: claim"), slip


def cmd_slip(argv):
    a = build_parser().parse_args(argv)
    flagged = {f: getattr(a, f"slip_{f}") for f in FIELDS if getattr(a, f"slip_{f}") is not None}
    if a.file:
        extra = [k for k in ("city", "scheme", "category", "care", "grade", "amount")
                 if getattr(a, k) is not None]
        if extra:
            raise UsageError("FILE gives the visit; drop --" + ", --".join(extra))
        data, claim, slip = read_slip_file(a.file)
        city, scheme, category = data["city"], data["scheme"], data["category"]
        flags = data.get("flags", [])
        year = data.get("year") or (claim.date.year if claim.date else None)
        slip = {**slip, **flagged}
    else:
        for k in ("city", "scheme", "category", "care", "amount"):
            if getattr(a, k) is None:
                raise UsageError(f"yibao slip: --{k} is required (or give FILE.toml)")
        if a.stay is not None and a.stay < 1:
            raise UsageError("--stay: must be 1 or more")
        date = date_arg(a.date) if a.date else None
        money = {k: amount_arg(getattr(a, k), "--" + k.replace("_", "-"))
                 for k in _MONEY if getattr(a, k) is not None}
        claim = Claim(a.care, grade=a.grade, disease=a.disease, cross_region=a.cross_region,
                      date=date, stay=a.stay, **money)
        city, scheme, category, flags = a.city, a.scheme, a.category, a.flag
        year = date.year if date else None
        slip = flagged
    try:
        slip = parse_slip(slip)
    except SlipError as e:
        raise UsageError(render(e.msg, "en")) from None
    policy, notices = policy_for(city, scheme, flags, year, a.policies, a.supplied)
    person = Person(scheme, category, flags=flags)
    try:
        chk = check_slip(policy, person, claim, slip)
    except (EstimateError, SlipError) as e:
        raise UsageError(render(e.msg, "en")) from None
    from yibao_tui.views.slip import slip_document

    doc = slip_document(policy, person, chk, "en" if a.json else a.lang, notices)
    if a.json:
        import json

        from yibao_tui.views.estimate_json import stamped
        from yibao_tui.views.slip_json import slip_json

        sys.stdout.write(json.dumps(stamped(slip_json(doc)), ensure_ascii=False, indent=2) + "\n")
    else:
        from yibao_tui.views.text import text_lines

        sys.stdout.write("\n".join(text_lines(doc)) + "\n")
    return VERDICT_STATUS[chk.verdict]


# The verdict in the exit status, as diff and cmp give theirs (2 stays bad input).
VERDICT_STATUS = {"matches": 0, "differs": 1, "unknown": 3}
