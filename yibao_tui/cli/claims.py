"""A claims file (``yibao estimate --claims FILE``): one person's year of visits.

Read through the one input layer (``args.read_toml`` → core/tomlinput), then every key checked
for its type and range before the engine sees it: a wrong value is one UsageError line naming
the claim, the key and the value — never a crash, never silently accepted or walked letter by
letter (``flags = "minimum-living"``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os

from yibao_tui.cli.args import UsageError, amount_arg, date_arg, read_toml
from yibao_tui.cli.args import shown as _shown
from yibao_tui.core.engine import Claim
from yibao_tui.core.policy import CARE_KINDS, CROSS_REGION, GRADES

CLAIM_KEYS = {"care", "grade", "disease", "amount", "class_b", "special_drugs", "out_of_policy",
              "cross_region", "date", "stay", "note"}
FILE_KEYS = {"city", "scheme", "category", "age", "flags", "year", "claim", "name"}
MAX_STAY = 366  # the N-th inpatient stay of a year: one a day at most
# A claims file is a year of one person's visits: 100,000 visits are 7.5 MB. 32 MiB bounds the
# memory tomllib builds (about 10x the text) and still reads 400,000 visits.
MAX_BYTES = 32 << 20


def _int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _is_str(v):
    return isinstance(v, str) and v.strip() != ""


def _strings(v):
    return isinstance(v, list) and all(_is_str(x) for x in v)


def _check_file(name, data):
    for k in data:
        if k not in FILE_KEYS:
            raise UsageError(f"{name}: unknown key '{_shown(k)}' (accepted: {', '.join(sorted(FILE_KEYS))})")
    for k in ("city", "scheme", "category"):
        if not _is_str(data.get(k)):
            raise UsageError(f"{name}: '{k}' is missing or not a string")
    if "name" in data and not _is_str(data["name"]):
        raise UsageError(f"{name}: name {_shown(repr(data['name']))} is not a name (a string)")
    if "age" in data and not (_int(data["age"]) and 0 <= data["age"] <= 150):
        raise UsageError(f"{name}: age {_shown(repr(data['age']))} is not an age in years (0 to 150)")
    if "year" in data and not (_int(data["year"]) and 2000 <= data["year"] <= 2100):
        raise UsageError(f"{name}: year {_shown(repr(data['year']))} is not a policy year "
                         "(a number such as 2025, not text)")
    if "flags" in data and not _strings(data["flags"]):
        raise UsageError(f"{name}: flags {_shown(repr(data['flags']))} must be a list of group ids, "
                         'e.g. flags = ["minimum-living"]')


def _claim(where, r):
    if not isinstance(r, dict):
        raise UsageError(f"{where}: must be a table")
    for k in r:
        if k not in CLAIM_KEYS:
            raise UsageError(f"{where}: unknown key '{_shown(k)}' "
                             f"(accepted: {', '.join(sorted(CLAIM_KEYS))})")
    if r.get("care") not in CARE_KINDS:
        raise UsageError(f"{where}: care '{_shown(r.get('care'))}' is not one of {', '.join(CARE_KINDS)}")
    grade = r.get("grade")
    if grade is not None:
        if isinstance(grade, bool) or not isinstance(grade, (str, int)) or str(grade) not in GRADES:
            raise UsageError(f"{where}: grade '{_shown(grade)}' is not one of {', '.join(GRADES)}")
        grade = str(grade)
    if "disease" in r and not _is_str(r["disease"]):
        raise UsageError(f"{where}: disease {_shown(repr(r['disease']))} is not a disease id (a string)")
    if "note" in r and not isinstance(r["note"], str):
        raise UsageError(f"{where}: note must be text")
    if "amount" not in r:
        raise UsageError(f"{where}: 'amount' is missing")
    money_parts = {k: amount_arg(r[k], f"{where} {k}")
                   for k in ("amount", "class_b", "special_drugs", "out_of_policy") if k in r}
    cr = r.get("cross_region", [])
    cr = [cr] if isinstance(cr, str) else cr
    if not isinstance(cr, list) or any(s not in CROSS_REGION for s in cr):
        bad = next((s for s in cr if s not in CROSS_REGION), None) if isinstance(cr, list) else cr
        raise UsageError(f"{where}: cross_region {_shown(repr(bad))} is not one of {', '.join(CROSS_REGION)}")
    stay = r.get("stay")
    if stay is not None and not (_int(stay) and 1 <= stay <= MAX_STAY):
        raise UsageError(f"{where}: stay {_shown(repr(stay))} is not a stay number "
                         f"(a whole number, 1 to {MAX_STAY}: this is the N-th stay of the year)")
    d = r.get("date")
    if isinstance(d, dt.datetime):
        d = d.date()
    if d is not None:
        d = date_arg(d if isinstance(d, (dt.date, str)) else repr(d), f"{where} date")
    return Claim(r["care"], grade=grade, disease=r.get("disease"), date=d, cross_region=cr,
                 stay=stay, **money_parts)


def read_claims(path):
    """(the file's top-level keys but ``claim``, [Claim]) or UsageError. The parsed rows are
    dropped here: a year of 100,000 visits keeps only its Claims (memory, and the collector's
    time scanning what is still alive)."""
    name = _shown(os.path.basename(path))
    data = read_toml(path, "--claims", MAX_BYTES)
    _check_file(name, data)
    rows = data.get("claim")
    if not isinstance(rows, list) or not rows:
        raise UsageError(f"{name}: needs at least one [[claim]]")
    claims = [_claim(f"{name}: claim {i}", r) for i, r in enumerate(rows, 1)]
    data = {k: v for k, v in data.items() if k != "claim"}
    del rows
    dates = [c.date for c in claims if c.date]
    if any(b < a for a, b in itertools.pairwise(dates)):
        raise UsageError(f"{name}: claims must be in date order")
    if len({d.year for d in dates}) > 1:
        raise UsageError(f"{name}: claims span several years; one file is one policy year")
    return data, claims
