"""Which policy and which enrolment calendar a household's year uses.

The household asks here, and only here, "which policy and calendar for year Y". The policy is
the city's file for Y or, with none, the newest before it (``PolicyCache(dirs, year)``), and
whether its span covers Y is the policy-years rule's (``core.policy.years.span``); its enrolment
calendar (collection window, waits) is applied to Y in the same way — the window moved by whole
years — and labelled, so a payment in the moved window gives a cover start rather than
"unknown".
"""

from __future__ import annotations

import datetime as dt

from yibao_tui.core.policy import years
from yibao_tui.core.policy.model import Policy


def today():
    """The clock a new household's year is read from: the policy years' one (an undated visit's
    day), so the two never disagree; tests (and a user trying next January) set either."""
    return years.today()


def current_year():
    """The year a new household starts in: the current one (``today``)."""
    return today().year


def policy_for_year(policies, city, year):
    """(policy or None, asked year or None): the policy a member in ``city`` is estimated with
    in ``year`` (``policies`` is a ``PolicyCache`` for that year, or a SuppliedPolicies over
    one), and ``year`` itself when the file is for another year (to be said), else None."""
    p = policies.get(city)
    if p is None:
        return None, None
    start, end = years.span(p)
    return p, (None if start.year <= year <= end.year else year)


def _move(d, years):
    """``d`` moved by whole ``years`` (29 February → 28 February in a common year)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def calendar_for_year(policy, scheme, year):
    """The policy whose enrolment calendar is for ``year``: ``policy`` itself when it is the
    file for ``year``; otherwise a copy whose collection window is moved by the years between
    (and whose year is ``year``, the year a payment in the moved window buys). The cover rules'
    waits are kept as written. Only the enrolment table is copied."""
    if policy is None or policy.year == year:
        return policy
    sch = policy.data.get(scheme)
    enrol = sch.get("enrolment") if isinstance(sch, dict) else None
    if not isinstance(enrol, dict) or "collection_window" not in enrol:
        return policy
    n = year - policy.year
    w = {k: (_move(v, n) if isinstance(v, dt.date) else v)
         for k, v in enrol["collection_window"].items()}
    data = {**policy.data, "year": year,
            scheme: {**sch, "enrolment": {**enrol, "collection_window": w}}}
    return Policy(data, policy.path)
