"""When cover starts: the collection window, the cover rules tried in order, the first covered
day (dates counted as in dates.py)."""

from __future__ import annotations

import datetime as dt

from yibao_tui.core.enrolment.dates import add_months, first_of_next_month, span_end
from yibao_tui.core.enrolment.line import (
    NOT_IN_SOURCE,
    ONE_DAY,
    EnrolmentError,
    Line,
    check_person,
    city_year,
    msg,
    scheme_of,
)
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.select import matches

COVER = msg("label.cover")


class Cover:
    """When cover starts. ``start`` None: no source gives it (named in ``missing``).
    ``rule`` is the cover rule that decided; the engine cites it for a visit before ``start``."""

    __slots__ = ("cover_year", "in_window", "lines", "missing", "paid", "policy", "rule", "start")

    def __init__(self, policy, paid):
        self.policy = policy
        self.paid = paid
        self.start = None
        self.rule = None
        self.in_window = None
        self.cover_year = None
        self.lines = []
        self.missing = []

    def covers(self, day):
        """True / False for a visit on ``day``; None when the start is unknown."""
        return None if self.start is None else day >= self.start


def in_window(window, day):
    """Whether ``day`` falls in the collection window. A window with no start date in its source
    is read as opening on 1 January of its closing year (its row's note says so)."""
    lo = window.get("from", dt.date(window["to"].year, 1, 1))
    return lo <= day <= window["to"]


def cover_year(policy, paid, scheme="resident"):
    """The year a payment buys: the policy's year when paid in its window or late for it (after
    the window closed, in the same calendar year); otherwise the payment's own year."""
    w = enrolment_rules(policy, scheme).window
    if in_window(w, paid) or (paid > w["to"] and paid.year == w["to"].year):
        return policy.year
    return paid.year


def enrolment_rules(policy, scheme):
    """The scheme's ``[enrolment]`` (a ``core.policy`` view: ``window``, ``cover_rules``,
    ``situations``); EnrolmentError when the policy gives none."""
    enr = scheme_of(policy, scheme).enrolment
    if enr is None:
        raise EnrolmentError(msg("err.no_rules", city=city_year(policy), scheme=scheme))
    return enr


def _how(flag):
    """How the user gives a missing date: the CLI option; a household names its file's key."""
    return msg("how.option", opt=flag)


def cover_start(policy, paid, category, flags=(), situations=(), born=None, lapsed_years=0,
                employee_until=None, recognised=None, scheme="resident"):
    """The first covered day for a payment on ``paid``, with the rule quoted.

    ``situations`` are ids from the policy's ``enrolment.situations`` (e.g. newborn,
    from-employee); ``born`` is a newborn's birth date, ``lapsed_years`` the whole years without
    cover before this payment, ``employee_until`` the last day the employee scheme covered (for
    a switch to the resident scheme), ``recognised`` the day a group status was recognised.
    A date so late that counting from it leaves the calendar (9999-12-31 + 90 days) is an
    EnrolmentError naming the dates, never an OverflowError.
    """
    try:
        return _cover_start(policy, paid, category, flags, situations, born, lapsed_years,
                            employee_until, recognised, scheme)
    except OverflowError:
        dates = [d for d in (paid, born, employee_until, recognised) if d is not None]
        raise EnrolmentError(msg("err.date_range", date=max(dates))) from None


def _cover_start(policy, paid, category, flags, situations, born, lapsed_years, employee_until,
                 recognised, scheme):
    flags, situations = frozenset(flags), frozenset(situations)
    sch = scheme_of(policy, scheme)
    where = check_person(policy, sch, category, flags, on=paid)  # a dated rule: the paid day
    enr = enrolment_rules(policy, scheme)
    known = enr.situations
    for s in situations:
        if s not in known:
            raise EnrolmentError(msg("err.situation", situation=s, city=city_year(policy),
                                     accepted=list(known) or [Msg("none")]))
    if not isinstance(lapsed_years, int) or lapsed_years < 0:
        raise EnrolmentError(msg("err.whole", what=msg("what.lapsed")))
    if born is not None and born > paid:
        raise EnrolmentError(msg("err.born_after", born=born, paid=paid))
    res = Cover(policy, paid)
    w = enr.window
    res.in_window = in_window(w, paid)
    res.cover_year = year = cover_year(policy, paid, scheme)
    lo = w.get("from")
    res.lines.append(Line("collection_window", msg("label.window"),
                          msg("text.window", frm=lo.isoformat() if lo else "?", to=w["to"], paid=paid,
                              inside=msg("text.inside" if res.in_window else "text.outside")),
                          None, w))
    if lapsed_years:
        res.lines.append(Line("lapse", msg("label.lapse"), msg("text.lapsed", n=lapsed_years), None))
    rule = None
    for r in enr.cover_rules:
        if _rule_applies(r, w, paid, where, situations, born, lapsed_years, employee_until):
            rule = r
            break
    if rule is None:
        res.missing.append(f"{scheme}.enrolment.cover")
        res.lines.append(Line("cover", COVER, msg("text.no_rule"), None, note=msg("note.no_rule")))
        return res
    res.rule = rule
    start, text = _start(rule, paid, year, born, lapsed_years, recognised)
    if start is None:
        res.missing.append(f"{scheme}.enrolment.cover")
        res.lines.append(Line("cover", COVER, NOT_IN_SOURCE, None, rule))
        return res
    jan1 = dt.date(year, 1, 1)
    if start < jan1 and not rule.get("may_precede_year"):
        res.lines.append(Line("cover_rule", msg("label.rule"), text, start, rule))
        res.lines.append(Line("cover", COVER, msg("text.not_before", year=year, jan1=jan1), jan1,
                              note=msg("note.not_before", year=year)))
        start = jan1
    else:
        res.lines.append(Line("cover", COVER, text, start, rule))
    if start > dt.date(year, 12, 31) and not rule.get("may_precede_year"):
        res.lines.append(Line("cover_late", msg("label.note"), msg("text.late", year=year), None))
    res.start = start
    return res


def _rule_applies(r, w, paid, where, situations, born, lapsed_years, employee_until):
    if "in_window" in r and r["in_window"] != in_window(w, paid):
        return False
    if "lapsed" in r and r["lapsed"] != (lapsed_years > 0):
        return False
    if not matches(r, where):
        return False
    if "situations" in r and not situations.intersection(r["situations"]):
        return False
    if "born_within" in r or r.get("born_in_window") or r.get("start") == "birth":
        if born is None:
            raise EnrolmentError(msg("err.need_born", how=_how("born")))
        if "born_within" in r and paid > span_end(born, r["born_within"]):
            return False
        if r.get("born_in_window") and not in_window(w, born):
            return False
    if "gap_up_to" in r:
        if employee_until is None:
            raise EnrolmentError(msg("err.need_employee_until", how=_how("employee-until")))
        if paid > span_end(employee_until, r["gap_up_to"]):
            return False
    return True


def _start(r, paid, year, born, lapsed_years, recognised):
    """(first covered day or None, the working as a Msg)."""
    kind = r["start"]
    if kind == "year-start":
        return dt.date(year, 1, 1), msg("start.year_start", year=year)
    if kind == "payment-day":
        return paid, msg("start.payment_day", paid=paid)
    if kind == "next-month":
        n = r["months"]
        d = first_of_next_month(paid, n)
        if n == 0:
            return d, msg("start.next_month", paid=paid, start=d)
        return d, msg("start.next_month_n", paid=paid, next=first_of_next_month(paid), n=n, start=d)
    if kind == "after-days":
        n = r["days"]
        last = paid + dt.timedelta(days=n)
        d = last + ONE_DAY
        return d, msg("start.after_days", n=n, first=paid + ONE_DAY, last=last, start=d)
    if kind == "after-months":
        # One reading for every payment (烟台's note): the wait runs from the payment day, or
        # from 1 January of the cover year for a payment before it; its last day is the same
        # day N months on, and cover starts the day after. Paid 2024-12-01 or 2025-01-01 with
        # a 4-month wait: 2025-01-01 … 2025-05-01, covered from 2025-05-02 alike.
        n = r["months"] + r.get("per_lapsed_year", 0) * lapsed_years
        anchor = max(paid, dt.date(year, 1, 1))
        last = add_months(anchor, n)
        d = last + ONE_DAY
        extra = (f"{r['months']} + {r.get('per_lapsed_year', 0)} × {lapsed_years} = " if lapsed_years
                 else "")
        return d, msg("start.after_months", extra=extra, n=n, first=anchor, last=last, start=d)
    if kind == "birth":
        return born, msg("start.birth", born=born)
    if kind == "recognised":
        if recognised is None:
            raise EnrolmentError(msg("err.need_recognised", how=_how("recognised")))
        return recognised, msg("start.recognised", day=recognised)
    return None, NOT_IN_SOURCE
