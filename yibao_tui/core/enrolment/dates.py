"""Counting periods the civil-code way (民法典 第二百零一、二百零二条): a period starts the day
after the event; a period in months ends on the same day of the month N months on, or on that
month's last day when it has no such day; cover starts the day after a wait ends."""

from __future__ import annotations

import datetime as dt

from yibao_tui.core.enrolment.line import ONE_DAY


def add_months(d, n):
    """The same day of the month ``n`` months on; that month's last day if it has no such day
    (2024-01-31 + 1 month = 2024-02-29; 2023-11-30 + 3 months = 2024-02-29)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    if not dt.MINYEAR <= y <= dt.MAXYEAR:  # as timedelta arithmetic does (cover_start catches it)
        raise OverflowError(y)
    return dt.date(y, m, min(d.day, _month_days(y, m)))


def _month_days(y, m):
    if m == 12:
        return 31
    return (dt.date(y, m + 1, 1) - ONE_DAY).day


def first_of_next_month(d, n=0):
    """The 1st of the month after ``d``'s month, ``n`` months later again."""
    return add_months(d.replace(day=1), 1 + n)


def span_end(d, span):
    """The last day of a period of {days: N} or {months: N} counted from ``d``."""
    if "days" in span:
        return d + dt.timedelta(days=span["days"])
    return add_months(d, span["months"])
