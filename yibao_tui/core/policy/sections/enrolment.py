"""Policy sections for enrolment (see core/sections/__init__.py). All sit in a scheme table.

``[[resident.premium]]`` what a member pays a year: selectors ``categories``, ``flags`` (any
of), ``tier`` (烟台 adults choose 1 or 2); ``value`` (yuan a year, 0 for a group that pays
nothing) or ``unknown``. Rows are tried in order, the first that fits decides (as in the
engine); ``born_after`` (a date) with ``otherwise`` (a category) is a birth cut-off: a member
born on or before that day pays as ``otherwise`` (辽源 minors "2004年12月31日24时后出生");
``from`` / ``until`` date a row (matched against the first day of the year paid for).
``[[employee.premium]]`` rows give ``payer`` (employer | employee) and ``rate``, a share
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
Problems are ``check.*`` Msgs (see checks.py).
"""

from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.checks import CITE, is_date
from yibao_tui.core.vocab import CATEGORIES

# How a cover rule fixes the first covered day (core/enrolment/cover.py computes it).
STARTS = ("year-start", "payment-day", "next-month", "after-days", "after-months", "birth",
          "recognised", "unknown")
PAYERS = ("employer", "employee")
ADJUSTMENTS = ("continuous", "claim_free", "lapse")
LIMITS = ("increase_limit", "decrease_limit")

_COVER = {"in_window", "lapsed", "categories", "flags", "situations", "born_within",
          "born_in_window", "gap_up_to", "start", "days", "months", "per_lapsed_year",
          "may_precede_year", "from", "until"} | CITE  # dated: matched by the paid day
_SPAN = {"days", "months"}
_BOOLS = ("in_window", "lapsed", "born_in_window", "may_precede_year")
# What a start needs besides itself: {start: keys it requires}; after-months may also add months
# per lapsed year.
_START_NEEDS = {"after-days": {"days"}, "after-months": {"months"}, "next-month": {"months"}}


def _categories(path):
    return CATEGORIES.get(path.split(".", 1)[0], ())


def _whole(v, lo=0):
    return isinstance(v, int) and not isinstance(v, bool) and v >= lo


def _figure(val, r, p, kinds=("value",)):
    """Exactly one of the figure forms (or unknown with a note); cited unless unknown."""
    forms = [k for k in (*kinds, "unknown") if k in r]
    if len(forms) != 1:
        val.err(p, "check.exactly_one", forms=[*kinds, "unknown"])
        return
    if forms[0] == "unknown":
        val.unknown_row(r, p)
        return
    k = forms[0]
    (val.rate if k in ("rate", "share") else val.money)(r[k], f"{p}.{k}")
    val.cite(r, p)


def _array(val, v, path):
    out = []
    for i, r in enumerate(val.array(v, path)):
        if not isinstance(r, dict):
            val.err(f"{path}[{i}]", "check.table")
        else:
            out.append((f"{path}[{i}]", r))
    return out


def premium(val, v, path):
    cats = _categories(path)
    employee = path.startswith("employee.")
    for p, r in _array(val, v, path):
        allowed = {"categories", "flags", "tier", "value", "unknown", "born_after", "otherwise",
                   "from", "until"} | CITE  # dated: matched by the first day of the year paid for
        if employee:
            allowed |= {"payer", "rate"}
        if not val.keys(r, allowed, p):
            continue
        if "categories" in r:
            val.defined(r["categories"], cats, "categories", f"{p}.categories")
        if "flags" in r:
            val.defined(r["flags"], val.flags, "flags", f"{p}.flags")
        if "from" in r or "until" in r:
            val.dates(r, p)
        if "born_after" in r or "otherwise" in r:
            # a birth cut-off (辽源 "2004年12月31日24时后出生"): those born on or before the date
            # pay as the category ``otherwise`` names
            if not is_date(r.get("born_after")):
                val.err(f"{p}.born_after", "check.date")
            val.defined([r.get("otherwise")], cats, "categories", f"{p}.otherwise")
        if "tier" in r and not _whole(r["tier"], 1):
            val.err(f"{p}.tier", "check.whole_min", min=1)
        if "payer" in r or "rate" in r:
            if r.get("payer") not in PAYERS:
                val.err(f"{p}.payer", "check.one_of", choices=list(PAYERS))
            _figure(val, r, p, ("rate",))
        else:
            _figure(val, r, p)


def _span(val, v, p):
    """{ days = N } or { months = N }."""
    if not (isinstance(v, dict) and len(v) == 1 and set(v) <= _SPAN and _whole(next(iter(v.values())), 1)):
        val.err(p, "check.span")


def enrolment(val, v, path):
    """``[<scheme>.enrolment]``: the collection window, the situations, the cover rules."""
    if not val.keys(v, {"collection_window", "situations", "cover", "note"}, path):
        return
    _window(val, v.get("collection_window"), f"{path}.collection_window")
    situations = v.get("situations", {})
    if not isinstance(situations, dict):
        val.err(f"{path}.situations", "check.situations_table")
        situations = {}
    for s, lab in situations.items():
        val.labelled(lab, f"{path}.situations.{s}")
    rules = _array(val, v.get("cover"), f"{path}.cover")
    if not rules:
        val.err(f"{path}.cover", "check.cover_rules")
    cats = _categories(path)
    for p, r in rules:
        if val.keys(r, _COVER, p):
            _cover_rule(val, r, p, cats, situations)


def _window(val, w, wp):
    """The collection window (集中缴费期): ``to`` a date; ``from`` a date before it, or a note
    saying the source gives no start."""
    if w is None:
        val.err(wp, "check.window_missing")
        return
    if not val.keys(w, {"from", "to"} | CITE, wp):
        return
    if not is_date(w.get("to")):
        val.err(f"{wp}.to", "check.date")
    if "from" in w:
        if not is_date(w["from"]):
            val.err(f"{wp}.from", "check.date")
        elif is_date(w.get("to")) and w["from"] > w["to"]:
            val.err(f"{wp}.from", "check.window_order", start=w["from"], end=w["to"])
    elif not w.get("note"):
        val.err(f"{wp}.note", "check.window_note")
    val.cite(w, wp)


def _cover_rule(val, r, p, cats, situations):
    """One ``[[cover]]`` rule: its conditions, then its start and what the start needs."""
    for k in _BOOLS:
        if k in r and not isinstance(r[k], bool):
            val.err(f"{p}.{k}", "check.bool")
    if "categories" in r:
        val.defined(r["categories"], cats, "categories", f"{p}.categories")
    if "flags" in r:
        val.defined(r["flags"], val.flags, "flags", f"{p}.flags")
    if "situations" in r:
        val.defined(r["situations"], situations, "situations", f"{p}.situations")
    if "from" in r or "until" in r:
        val.dates(r, p)
    for k in ("born_within", "gap_up_to"):
        if k in r:
            _span(val, r[k], f"{p}.{k}")
    sits = r.get("situations", ())
    if ("born_within" in r or r.get("born_in_window")) and "newborn" not in sits:
        val.err(p, "check.needs_situation", what="born_within / born_in_window", sit="newborn")
    if "gap_up_to" in r and "from-employee" not in sits:
        val.err(p, "check.needs_situation", what="gap_up_to", sit="from-employee")
    start = r.get("start")
    if start not in STARTS:
        val.err(f"{p}.start", "check.one_of", choices=list(STARTS))
        return
    _start_terms(val, r, p, start)
    if start == "unknown" and not r.get("note"):
        val.err(f"{p}.note", "check.unknown_start_note")
    val.cite(r, p)


def _start_terms(val, r, p, start):
    """days / months / per_lapsed_year: those the start needs, and no others."""
    need = _START_NEEDS.get(start, set())
    allowed = need | ({"per_lapsed_year"} if start == "after-months" else set())
    for k in sorted({"days", "months", "per_lapsed_year"} & set(r) - allowed):
        val.err(f"{p}.{k}", "check.start_extra", start=start)
    for k in sorted(need):
        if k not in r:
            val.err(f"{p}.{k}", "check.start_needs", start=start)
        elif not _whole(r[k], 1 if k == "days" else 0):
            val.err(f"{p}.{k}", "check.whole_unit", unit=Msg(f"check.unit.{k}"))
    if "per_lapsed_year" in r and not _whole(r["per_lapsed_year"]):
        val.err(f"{p}.per_lapsed_year", "check.whole_unit", unit=Msg("check.unit.months"))


def serious_illness_adjustments(val, v, path):
    if not val.keys(v, set(ADJUSTMENTS) | set(LIMITS) | {"note"}, path):
        return
    for k in ADJUSTMENTS:
        if k not in v:
            continue
        p = f"{path}.{k}"
        r = v[k]
        allowed = {"value", "unknown", "counted_from"} | CITE
        if k == "continuous":
            allowed |= {"after_years"}
        if not val.keys(r, allowed, p):
            continue
        if (k == "continuous" or "counted_from" in r) and not (
                _whole(r.get("counted_from"), 2000) and r["counted_from"] <= 2100):
            val.err(f"{p}.counted_from", "check.counted_from")
        if k == "continuous" and not _whole(r.get("after_years"), 0):
            val.err(f"{p}.after_years", "check.whole_unit", unit=Msg("check.unit.years"))
        _figure(val, r, p)
    for k in LIMITS:
        if k not in v:
            continue
        p = f"{path}.{k}"
        if val.keys(v[k], {"share", "unknown"} | CITE, p):
            _figure(val, v[k], p, ("share",))


def grants(val, v, path):
    for p, r in _array(val, v, path):
        if not val.keys(r, {"id", "label", "value", "unknown"} | CITE, p):
            continue
        if not (isinstance(r.get("id"), str) and r["id"]):
            val.err(f"{p}.id", "check.name_id", example="second-child")
        val.labelled(r.get("label"), f"{p}.label")
        _figure(val, r, p)


def optional_plans(val, v, path):
    cats = _categories(path)
    for p, r in _array(val, v, path):
        allowed = {"plan", "label", "categories", "with_parent", "value", "unknown"} | CITE
        if not val.keys(r, allowed, p):
            continue
        if not (isinstance(r.get("plan"), str) and r["plan"]):
            val.err(f"{p}.plan", "check.name_id", example="jiankangbao")
        val.labelled(r.get("label"), f"{p}.label")
        if "categories" in r:
            val.defined(r["categories"], cats, "categories", f"{p}.categories")
        if "with_parent" in r and not isinstance(r["with_parent"], bool):
            val.err(f"{p}.with_parent", "check.bool")
        _figure(val, r, p)
