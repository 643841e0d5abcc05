"""Policy sections for households (see core/sections/__init__.py).

``[binding]`` (top level): the rules for 家庭共济 / 门诊共济 — who may spend an employee's
personal account. Every rule is a row that is either cited (``value`` + ``source`` + ``quote``)
or ``unknown = true`` with a ``note``; a city whose sources say nothing has no section at all.

``[employee.personal_account]``: the monthly credit (by category and age band) and what the
account may pay. Optional ``[[employee.personal_account.employee_share]]`` rows (``categories``,
``rate`` | ``unknown``, cited): the share of the monthly contribution base (the member's
enrolment ``wage``) that the employee pays and that goes to the account each month on top of
the monthly credit (辽阳 "个人承担2%,个人部分划入医保个人账户"). Without a wage the credit from
it is unknown, never zero. A city with no such row credits the monthly credit only.
"""

from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.checks import CITE, shown

# How one member is related to another (what B is to A). The head's own row is "self".
RELATIONS = ("spouse", "parent", "child", "grandparent", "grandchild", "sibling",
             "parent-in-law", "child-in-law", "other")
REGIONS = ("city", "province")
PAYS = ("in-policy", "all")
STAGES = ("channel", "materials", "bind", "unbind", "use")

# Every binding rule a city section must state (known or unknown), and the values it may take.
BINDING_RULES = ("holder_scheme", "other_relations", "max_beneficiaries", "region",
                 "beneficiary_insured")
# Rules a city states only where its sources speak of them: ``pays_premium`` (true: a holder's
# account may pay a bound relative's resident premium; 烟台 003). Absent: unknown.
OPTIONAL_RULES = ("pays_premium",)
_EMPLOYEE_CATEGORIES = ("active", "retired")


def _rule(v, t, path, check, key="value"):
    """One rule row: exactly one of value / unknown; a value is cited, an unknown has a note."""
    if not v.keys(t, {key, "unknown"} | CITE, path):
        return
    if (key in t) == ("unknown" in t):
        v.err(path, "check.exactly_one", forms=[key, "unknown"])
        return
    if "unknown" in t:
        v.unknown_row(t, path, "rule")
        return
    msg = check(t[key])
    if msg:
        v.err(f"{path}.{key}", msg.key, **msg.args)
    v.cite(t, path)


def _one_of(options):
    return lambda x: None if x in options else Msg("check.one_of", choices=list(options))


def _count(x):
    ok = isinstance(x, int) and not isinstance(x, bool) and x >= 1
    return None if ok else Msg("check.whole_min", min=1)


def _true(x):
    return None if x is True else Msg("check.true_or_unknown")


_CHECKS = {
    "holder_scheme": _one_of(("employee",)),
    "other_relations": _one_of(("not-allowed",)),
    "max_beneficiaries": _count,
    "region": _one_of(REGIONS),
    "beneficiary_insured": _true,
    "pays_premium": _true,
}


def binding(v, t, path):
    if not v.keys(t, {"note", "relations", "checklist", *BINDING_RULES, *OPTIONAL_RULES}, path):
        return
    for k in OPTIONAL_RULES:
        if k in t:
            _rule(v, t[k], f"{path}.{k}", _CHECKS[k])
    for k in BINDING_RULES:
        if k not in t:
            v.err(f"{path}.{k}", "check.missing_rule")
        else:
            _rule(v, t[k], f"{path}.{k}", _CHECKS[k])
    _relations(v, t.get("relations"), f"{path}.relations")
    items = t.get("checklist", [])
    if not isinstance(items, list):
        v.err(f"{path}.checklist", "check.array")
        items = []
    for i, c in enumerate(items):
        p = f"{path}.checklist[{i}]"
        if not v.keys(c, {"stage", "zh", "en"} | CITE, p):
            continue
        if c.get("stage") not in STAGES:
            v.err(f"{p}.stage", "check.one_of", choices=list(STAGES))
        for k in ("zh", "en"):
            if not (isinstance(c.get(k), str) and c[k].strip()):
                v.err(f"{p}.{k}", "check.text_missing")
        v.cite(c, p)


def _relations(v, rels, path):
    """``[[binding.relations]]``: the relations a holder may bind, each named once."""
    if not isinstance(rels, list) or not rels:
        v.err(path, "check.array")
        rels = []
    seen = set()
    for i, r in enumerate(rels):
        p = f"{path}[{i}]"
        if not v.keys(r, {"relations", "unknown"} | CITE, p):
            continue
        names = r.get("relations")
        if not isinstance(names, list) or not names:
            v.err(f"{p}.relations", "check.nonempty_list")
            names = []
        for n in names:
            if n not in RELATIONS:
                v.err(f"{p}.relations", "check.relation_unknown", x=shown(n), allowed=list(RELATIONS))
            elif n in seen:
                v.err(f"{p}.relations", "check.twice", x=n)
            seen.add(n)
        if "unknown" in r:
            v.unknown_row(r, p, "rule")
        else:
            v.cite(r, p)


def _employee_categories(v, cats, p):
    if cats is not None and (not isinstance(cats, list)
                             or any(c not in _EMPLOYEE_CATEGORIES for c in cats)):
        v.err(f"{p}.categories", "check.categories_list", allowed=list(_EMPLOYEE_CATEGORIES))


def personal_account(v, t, path):
    if not path.startswith("employee."):
        v.err(path, "check.account_employee")
        return
    if not v.keys(t, {"note", "monthly_credit", "pays", "employee_share"}, path):
        return
    rows = t.get("monthly_credit")
    if not isinstance(rows, list) or not rows:
        v.err(f"{path}.monthly_credit", "check.array_or_unknown")
        rows = []
    for i, r in enumerate(rows):
        _monthly_credit(v, r, f"{path}.monthly_credit[{i}]")
    shares = t.get("employee_share", [])
    if not isinstance(shares, list):
        v.err(f"{path}.employee_share", "check.array")
        shares = []
    for i, r in enumerate(shares):
        p = f"{path}.employee_share[{i}]"
        if not v.keys(r, {"categories", "rate", "unknown"} | CITE, p):
            continue
        _employee_categories(v, r.get("categories"), p)
        if ("rate" in r) == ("unknown" in r):
            v.err(p, "check.exactly_one", forms=["rate", "unknown"])
        elif "unknown" in r:
            v.unknown_row(r, p)
        else:
            v.rate(r["rate"], f"{p}.rate")
            v.cite(r, p)
    if "pays" in t:
        _rule(v, t["pays"], f"{path}.pays", _one_of(PAYS), key="scope")
    else:
        v.err(f"{path}.pays", "check.missing_rule")


def _monthly_credit(v, r, p):
    """One monthly credit row: categories and an age band, a cited value or unknown."""
    if not v.keys(r, {"categories", "age_from", "age_below", "value", "unknown"} | CITE, p):
        return
    _employee_categories(v, r.get("categories"), p)
    for k in ("age_from", "age_below"):
        x = r.get(k)
        if x is not None and (not isinstance(x, int) or isinstance(x, bool) or not 0 <= x <= 150):
            v.err(f"{p}.{k}", "check.age")
    if isinstance(r.get("age_from"), int) and isinstance(r.get("age_below"), int) \
            and r["age_from"] >= r["age_below"]:
        v.err(p, "check.age_order")
    if ("value" in r) == ("unknown" in r):
        v.err(p, "check.exactly_one", forms=["value", "unknown"])
    elif "unknown" in r:
        v.unknown_row(r, p)
    else:
        v.money(r["value"], f"{p}.value")
        v.cite(r, p)
