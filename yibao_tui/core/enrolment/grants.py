"""Maternity grants (received) and optional plans (paid), and an optional plan's price."""

from __future__ import annotations

from yibao_tui.core.enrolment.line import NOT_IN_SOURCE, Line, msg
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.select import Where, matches


def grants(policy, scheme="resident"):
    """Maternity grants (received) and optional plans (paid), as cited lines."""
    sch = policy.scheme(scheme)
    if sch is None:
        return []
    out = []
    for r in sch.rows("grants"):
        out.append(Line(f"grant:{r['id']}", Msg.of(r["label"]), _value_text(r, "text.grant"),
                        r.get("value"), r))
    for r in sch.rows("optional_plans"):
        key = f"optional_plan:{r['plan']}" + (":with-parent" if r.get("with_parent") else "")
        out.append(Line(key, Msg.of(r["label"]), _value_text(r, "text.plan_price"), r.get("value"), r))
    return out


def _value_text(r, key):
    if "unknown" in r:
        return NOT_IN_SOURCE
    return msg(key, v=r["value"])


def optional_plan_price(policy, plan, category, with_parent=False, scheme="resident"):
    """The price of an optional plan for one member, and its row: a row for a minor insured
    with a parent wins over the general price when it fits; (None, None) if no row gives one."""
    sch = policy.scheme(scheme)
    where = Where(category=category)
    rows = [r for r in (sch.rows("optional_plans") if sch else ())
            if r["plan"] == plan and matches(r, where) and (with_parent or not r.get("with_parent"))]
    rows.sort(key=lambda r: not r.get("with_parent"))
    for r in rows:
        if "value" in r:
            return r["value"], r
    return None, None
