"""Policy sections for enrolment (see core/sections/__init__.py). All sit in a scheme table.

``[[resident.premium]]`` what a member pays a year: selectors ``categories``, ``flags`` (any
of), ``tier`` (烟台 adults choose 1 or 2); ``value`` (yuan a year, 0 for a group that pays
nothing) or ``unknown``. Rows are tried in order, the first that fits decides (as in the
engine). ``[[employee.premium]]`` rows give ``payer`` (employer | employee) and ``rate``, a share
of the monthly contribution base.

``[resident.enrolment]``
  ``collection_window`` {``from``?, ``to``} dates (集中缴费期); no ``from`` needs a ``note``.
  ``situations`` {id = {zh, en}}: what the user may say about an enrolment (newborn,
  from-employee, …). ``newborn`` rules read the birth date, ``from-employee`` rules the last
  day the employee scheme covered.
  ``[[cover]]`` rules, tried in order; a rule applies when all its conditions hold:
  ``in_window``, ``lapsed`` (bool), ``categories``, ``flags``, ``situations``, ``born_within``
  / ``gap_up_to`` ({days = N} or {months = N}), ``born_in_window``. Its ``start``:
  ``year-start`` (1 January of the year paid for), ``payment-day``, ``next-month`` (+ ``months``),
  ``after-days`` (``days`` of waiting from the day after payment), ``after-months`` (``months``
  + ``per_lapsed_year`` × years of lapse), ``birth``, ``recognised`` (the day a status was
  recognised) or ``unknown`` (with a note). Cover never starts before 1 January of the year
  paid for unless ``may_precede_year = true``.

``[resident.serious_illness_adjustments]`` (烟台): ``continuous`` {``counted_from``,
``after_years``, ``value``}, ``claim_free`` {``value``, ``counted_from``?}, ``lapse``
{``value``, ``counted_from``?} in yuan a year, and ``increase_limit`` / ``decrease_limit``
{``share``} of the original cap. ``counted_from``: the first year that counts; in year Y at most
Y − counted_from + 1 continuous years (this year included) and Y − counted_from claim-free or
lapsed years (earlier years) can count.

``[[resident.grants]]`` {``id``, ``label``, ``value``} and ``[[resident.optional_plans]]``
{``plan``, ``label``, ``categories``?, ``with_parent``?, ``value``}.

Every figure and rule is cited (``source`` + ``quote``); an ``unknown`` needs a ``note``.
"""

import datetime as _dt

from yibao_tui.core.vocab import CATEGORIES

# How a cover rule fixes the first covered day (core/enrolment/cover.py computes it).
STARTS = ("year-start", "payment-day", "next-month", "after-days", "after-months", "birth",
          "recognised", "unknown")
PAYERS = ("employer", "employee")
ADJUSTMENTS = ("continuous", "claim_free", "lapse")
LIMITS = ("increase_limit", "decrease_limit")

_CITE = {"source", "quote", "note"}
_COVER = {"in_window", "lapsed", "categories", "flags", "situations", "born_within",
          "born_in_window", "gap_up_to", "start", "days", "months", "per_lapsed_year",
          "may_precede_year"} | _CITE
_SPAN = {"days", "months"}


def _categories(path):
    return CATEGORIES.get(path.split(".", 1)[0], ())


def _is_date(v):
    return isinstance(v, _dt.date) and not isinstance(v, _dt.datetime)


def _whole(v, lo=0):
    return isinstance(v, int) and not isinstance(v, bool) and v >= lo


def _list_of(v, allowed, what, val, path):
    if not isinstance(v, list) or not v:
        val.err(path, "must be a non-empty list")
        return
    for x in v:
        if x not in allowed:
            val.err(path, f"{what} '{x}' is not defined here")


def _figure(val, r, p, kinds=("value",)):
    """Exactly one of the figure forms (or unknown with a note); cited unless unknown."""
    forms = [k for k in (*kinds, "unknown") if k in r]
    if len(forms) != 1:
        val.err(p, f"needs exactly one of {', '.join((*kinds, 'unknown'))}")
        return
    if forms[0] == "unknown":
        val.unknown_row(r, p)
        return
    k = forms[0]
    (val.rate if k in ("rate", "share") else val.money)(r[k], f"{p}.{k}")
    val.cite(r, p)


def _array(val, v, path):
    if not isinstance(v, list):
        val.err(path, "must be an array of tables ([[...]])")
        return []
    out = []
    for i, r in enumerate(v):
        if not isinstance(r, dict):
            val.err(f"{path}[{i}]", "must be a table")
        else:
            out.append((f"{path}[{i}]", r))
    return out


def premium(val, v, path):
    cats = _categories(path)
    employee = path.startswith("employee.")
    for p, r in _array(val, v, path):
        allowed = {"categories", "flags", "tier", "value", "unknown"} | _CITE
        if employee:
            allowed |= {"payer", "rate"}
        if not val.keys(r, allowed, p):
            continue
        if "categories" in r:
            _list_of(r["categories"], cats, "category", val, f"{p}.categories")
        if "flags" in r:
            _list_of(r["flags"], val.flags, "flag", val, f"{p}.flags")
        if "tier" in r and not _whole(r["tier"], 1):
            val.err(f"{p}.tier", "must be a whole number ≥ 1")
        if "payer" in r or "rate" in r:
            if r.get("payer") not in PAYERS:
                val.err(f"{p}.payer", f"must be one of {', '.join(PAYERS)}")
            _figure(val, r, p, ("rate",))
        else:
            _figure(val, r, p)


def _span(val, v, p):
    """{ days = N } or { months = N }."""
    if not (isinstance(v, dict) and len(v) == 1 and set(v) <= _SPAN and _whole(next(iter(v.values())), 1)):
        val.err(p, "must be { days = N } or { months = N } with N ≥ 1")


def enrolment(val, v, path):
    if not val.keys(v, {"collection_window", "situations", "cover", "note"}, path):
        return
    w = v.get("collection_window")
    wp = f"{path}.collection_window"
    if w is None:
        val.err(wp, "missing: cover rules need the collection window")
    elif val.keys(w, {"from", "to"} | _CITE, wp):
        if not _is_date(w.get("to")):
            val.err(f"{wp}.to", "must be a date (YYYY-MM-DD)")
        if "from" in w:
            if not _is_date(w["from"]):
                val.err(f"{wp}.from", "must be a date (YYYY-MM-DD)")
            elif _is_date(w.get("to")) and w["from"] > w["to"]:
                val.err(f"{wp}.from", f"{w['from']} is after the window's end {w['to']}")
        elif not w.get("note"):
            val.err(f"{wp}.note", "a window without a start date needs a note saying so")
        val.cite(w, wp)
    situations = v.get("situations", {})
    if not isinstance(situations, dict):
        val.err(f"{path}.situations", "must be a table of id = { zh, en }")
        situations = {}
    for s, lab in situations.items():
        val.labelled(lab, f"{path}.situations.{s}")
    cats = _categories(path)
    rules = _array(val, v.get("cover"), f"{path}.cover")
    if not rules:
        val.err(f"{path}.cover", "must list at least one cover rule")
    for p, r in rules:
        if not val.keys(r, _COVER, p):
            continue
        for k in ("in_window", "lapsed", "born_in_window", "may_precede_year"):
            if k in r and not isinstance(r[k], bool):
                val.err(f"{p}.{k}", "must be true or false")
        if "categories" in r:
            _list_of(r["categories"], cats, "category", val, f"{p}.categories")
        if "flags" in r:
            _list_of(r["flags"], val.flags, "flag", val, f"{p}.flags")
        if "situations" in r:
            _list_of(r["situations"], situations, "situation", val, f"{p}.situations")
        for k in ("born_within", "gap_up_to"):
            if k in r:
                _span(val, r[k], f"{p}.{k}")
        if ("born_within" in r or r.get("born_in_window")) and "newborn" not in r.get("situations", ()):
            val.err(p, "a birth condition needs situations = [\"newborn\"]")
        if "gap_up_to" in r and "from-employee" not in r.get("situations", ()):
            val.err(p, "gap_up_to needs situations = [\"from-employee\"]")
        start = r.get("start")
        if start not in STARTS:
            val.err(f"{p}.start", f"must be one of {', '.join(STARTS)}")
            continue
        need = {"after-days": {"days"}, "after-months": {"months"}, "next-month": {"months"}}
        extra = {"days", "months", "per_lapsed_year"} & set(r)
        allowed = need.get(start, set()) | ({"per_lapsed_year"} if start == "after-months" else set())
        for k in sorted(extra - allowed):
            val.err(f"{p}.{k}", f"does not apply to start = \"{start}\"")
        for k in sorted(need.get(start, set())):
            if k not in r:
                val.err(f"{p}.{k}", f"missing: start = \"{start}\" needs it")
            elif not _whole(r[k], 1 if k == "days" else 0):
                val.err(f"{p}.{k}", f"must be a whole number of {k} (not negative)")
        if "per_lapsed_year" in r and not _whole(r["per_lapsed_year"]):
            val.err(f"{p}.per_lapsed_year", "must be a whole number of months (not negative)")
        if start == "unknown" and not r.get("note"):
            val.err(f"{p}.note", "an unknown cover start needs a note saying what is missing")
        val.cite(r, p)


def si_adjustments(val, v, path):
    if not val.keys(v, set(ADJUSTMENTS) | set(LIMITS) | {"note"}, path):
        return
    for k in ADJUSTMENTS:
        if k not in v:
            continue
        p = f"{path}.{k}"
        r = v[k]
        allowed = {"value", "unknown", "counted_from"} | _CITE
        if k == "continuous":
            allowed |= {"after_years"}
        if not val.keys(r, allowed, p):
            continue
        if (k == "continuous" or "counted_from" in r) and not (
                _whole(r.get("counted_from"), 2000) and r["counted_from"] <= 2100):
            val.err(f"{p}.counted_from", "must be the first year that counts")
        if k == "continuous" and not _whole(r.get("after_years"), 0):
            val.err(f"{p}.after_years", "must be a whole number of years (not negative)")
        _figure(val, r, p)
    for k in LIMITS:
        if k not in v:
            continue
        p = f"{path}.{k}"
        if val.keys(v[k], {"share", "unknown"} | _CITE, p):
            _figure(val, v[k], p, ("share",))


def grants(val, v, path):
    for p, r in _array(val, v, path):
        if not val.keys(r, {"id", "label", "value", "unknown"} | _CITE, p):
            continue
        if not (isinstance(r.get("id"), str) and r["id"]):
            val.err(f"{p}.id", "must name the grant, e.g. 'second-child'")
        val.labelled(r.get("label"), f"{p}.label")
        _figure(val, r, p)


def optional_plans(val, v, path):
    cats = _categories(path)
    for p, r in _array(val, v, path):
        allowed = {"plan", "label", "categories", "with_parent", "value", "unknown"} | _CITE
        if not val.keys(r, allowed, p):
            continue
        if not (isinstance(r.get("plan"), str) and r["plan"]):
            val.err(f"{p}.plan", "must name the plan, e.g. 'jiankangbao'")
        val.labelled(r.get("label"), f"{p}.label")
        if "categories" in r:
            _list_of(r["categories"], cats, "category", val, f"{p}.categories")
        if "with_parent" in r and not isinstance(r["with_parent"], bool):
            val.err(f"{p}.with_parent", "must be true or false")
        _figure(val, r, p)


TOP = {}
SCHEME = {
    "premium": premium,
    "enrolment": enrolment,
    "serious_illness_adjustments": si_adjustments,
    "grants": grants,
    "optional_plans": optional_plans,
}
