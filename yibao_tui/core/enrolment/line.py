"""A line of an enrolment answer, the error a question the policy cannot answer raises, and the
checks every answer starts with (shared by premium, cover and si_cap)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from yibao_tui.core.msg import Msg, MsgError
from yibao_tui.core.policy.select import Where

ZERO = Decimal(0)
ONE_DAY = dt.timedelta(days=1)


class EnrolmentError(MsgError):
    """A question the policy cannot answer as asked (a category, flag or situation it lacks).
    ``msg`` says why (catalogue ``enrolment.err.*``); text given instead is kept verbatim."""

    def __init__(self, msg):
        super().__init__(Msg.of(msg))


def msg(name, /, **kw):
    """A message of the enrolment catalogue (``enrolment.<name>``)."""
    return Msg(f"enrolment.{name}", **kw)


def city_year(policy):
    """The policy as its errors name it: city and year (catalogue ``policy.city_year``)."""
    return Msg("policy.city_year", name=policy.name, year=policy.year)


class Line:
    """One line of an answer: a label and the working (``Msg``s; views word them), an amount or
    date, and the row it rests on. ``note`` is the row's note (policy text) or a ``Msg``;
    ``supplied`` marks a figure the user gave, not a source."""

    __slots__ = ("amount", "key", "label", "note", "quote", "source", "supplied", "text")

    def __init__(self, key, label, text, amount=None, row=None, note=None, supplied=False):
        self.key = key
        self.label = label
        self.text = text
        self.amount = amount
        row = row or {}
        self.source = row.get("source")
        self.quote = row.get("quote")
        self.note = note if note is not None else row.get("note")
        self.supplied = supplied or bool(row.get("supplied"))

    def __repr__(self):
        return f"Line({self.key!r}, {self.text!r}, {self.amount!r})"


NOT_IN_SOURCE = msg("text.not_in_source")


def scheme_of(policy, scheme):
    """The policy's scheme (a ``core.policy`` view); EnrolmentError when it describes none."""
    sch = policy.scheme(scheme)
    if sch is None:
        raise EnrolmentError(msg("err.no_scheme", city=city_year(policy), scheme=scheme,
                                 accepted=list(policy.scheme_ids)))
    return sch


def check_person(policy, sch, category, flags, on=None):
    """EnrolmentError unless the scheme ``sch`` has ``category`` and the policy every flag.
    Returns what rows are picked for (the policy's one selector rule): category, flags and the
    day ``on`` a dated row (``from``/``until``) is matched against (None: no dated row holds)."""
    if category not in sch.categories:
        raise EnrolmentError(msg("err.category", category=category, scheme=sch.id,
                                 city=city_year(policy), accepted=list(sch.categories)))
    bad = [f for f in flags if f not in policy.flags]
    if bad:
        raise EnrolmentError(msg("err.flag", flag=bad[0], city=city_year(policy),
                                 accepted=list(policy.flags) or [Msg("none")]))
    return Where(category=category, flags=flags, on=on)
