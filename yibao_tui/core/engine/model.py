"""What the estimate takes and gives: a person, a claim, the breakdown's steps and results.

Money is Decimal and is never rounded here. A step's label and arithmetic are data (a ``Msg`` and
a template id with its values); the text layer words them (``views.estimate.step_label`` /
``step_text``), so the engine picks no language.
"""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.money import shown
from yibao_tui.core.msg import Msg, MsgError

ZERO = Decimal(0)


class EstimateError(MsgError):
    """A claim or person the policy cannot take (a care kind, grade or disease it lacks).

    ``e.msg`` says why (a catalogue key ``err.*`` and values); faces show ``render(e.msg, lang)``.
    """


class Person:
    __slots__ = ("age", "category", "flags", "scheme")

    def __init__(self, scheme, category, age=None, flags=()):
        self.scheme = scheme
        self.category = category
        self.age = age
        self.flags = frozenset(flags)


class Claim:
    """One visit or stay. ``amount`` is the in-policy cost (政策范围内费用)."""

    __slots__ = ("amount", "care", "class_b", "cross_region", "date", "disease", "grade",
                 "month_only", "out_of_policy", "special_drugs", "stay")

    def __init__(self, care, amount, grade=None, disease=None, class_b=ZERO, special_drugs=ZERO,
                 out_of_policy=ZERO, cross_region=(), date=None, stay=None, month_only=False):
        self.care = care
        self.amount = Decimal(amount)
        self.grade = grade
        self.disease = disease
        self.class_b = Decimal(class_b)
        self.special_drugs = Decimal(special_drugs)
        self.out_of_policy = Decimal(out_of_policy)
        self.cross_region = tuple(cross_region)
        self.date = date
        self.stay = stay
        self.month_only = month_only  # only the month of ``date`` is known (household visits)


class Step:
    """One line of the breakdown. ``amount`` None means it depends on an unknown figure.

    ``label`` is a Msg (``step.*``); the arithmetic is a template id (``arith.<tpl>`` in the
    catalogue) and its values, worded only when shown, so the engine does no string work per visit.
    """

    __slots__ = ("_arith", "amount", "args", "key", "label", "note", "quote", "source", "supplied",
                 "tpl")

    def __init__(self, key, label, tpl, args, amount=None, row=None, note=None):
        self.key = key
        self.label = label if isinstance(label, Msg) else Msg(label)
        self.tpl = tpl
        self.args = args
        self.amount = amount
        self.source = row.get("source") if row else None
        self.quote = row.get("quote") if row else None
        self.note = note if note is not None else (row.get("note") if row else None)
        self.supplied = bool(row.get("supplied")) if row else False  # a figure the user gave
        self._arith = None

    @property
    def unknown(self):
        """True when this step's figure waits on one no source gives: shown as 未知 / unknown,
        never blank or 0. (Templates of such steps end in "?"; totals are unknown when None.)"""
        return self.amount is None and (self.tpl.endswith("?") or self.key in _TOTAL_KEYS)

    @property
    def arith(self):
        """The arithmetic as a Msg: ``render(step.arith, lang)`` (made once: JSON words it twice)."""
        if self._arith is None or self._arith.args is not self.args:
            self._arith = Msg("arith." + self.tpl)
            self._arith.args = self.args
        return self._arith


_TOTAL_KEYS = frozenset({"fund", "serious_illness", "self_pay"})



class Result:
    """One visit's estimate."""

    __slots__ = ("claim", "fund", "missing", "self_pay", "serious_illness", "steps", "total",
                 "unchecked")

    def __init__(self, claim):
        self.claim = claim
        self.steps = []
        self.missing = []
        self.unchecked = []
        self.fund = self.serious_illness = self.self_pay = self.total = None


class YearResult:
    """A year of visits. Its totals are the sums of each visit's figures *as shown* (rounded once
    per visit, see ``shown``), not of the unrounded ones: a reader adding up the visits on screen
    must get the year's figure to the fen (100 + 100.01 + 100.01 at 50 % shows 0 + 50.01 + 50.01,
    so the year is 100.02, not a rounded 100.01)."""

    __slots__ = ("fund", "missing", "person", "policy", "self_pay", "serious_illness", "total",
                 "unchecked", "visits")

    def __init__(self, policy, person, visits):
        self.policy = policy
        self.person = person
        self.visits = visits
        t = YearTotals(policy)
        for v in visits:
            t.add(v)
        self.fund, self.serious_illness, self.self_pay, self.total = t.figures()
        self.missing, self.unchecked = t.missing, t.unchecked


def unique(items):
    """``items`` without repeats, in order."""
    return list(dict.fromkeys(items))


class YearTotals:
    """A year's totals kept as visits come (the same sums as ``YearResult``), so a long year can
    be streamed out visit by visit without keeping every visit's steps (``estimate --json``)."""

    __slots__ = ("_missing", "_unchecked", "policy", "sums")

    def __init__(self, policy):
        self.policy = policy
        self.sums = [ZERO, ZERO, ZERO, ZERO]  # fund, serious illness, self-pay, total; None: unknown
        self._missing, self._unchecked = {}, {}

    def add(self, visit):
        for i, v in enumerate(shown(visit, self.policy)):
            self.sums[i] = None if v is None or self.sums[i] is None else self.sums[i] + v
        self._missing.update(dict.fromkeys(visit.missing))
        self._unchecked.update(dict.fromkeys(visit.unchecked))

    def figures(self):
        return tuple(self.sums)

    @property
    def missing(self):
        return list(self._missing)

    @property
    def unchecked(self):
        return list(self._unchecked)


def minus(a, *bs):
    """``a`` less each of ``bs``; None (unknown) when any of them is."""
    if a is None or any(b is None for b in bs):
        return None
    for b in bs:
        a -= b
    return a



class YearState:
    """What a person has used so far in the year. A value of None means unknown.

    Caps count what was paid *as shown* (``fen``: each visit rounded once, see ``shown``): the
    year is the sum of the visits as shown, so that sum, not the unrounded one, must stay within
    a cap (two visits of 50,000.005 would otherwise show 100,000.02 against a 100,000 cap)."""

    __slots__ = ("deductible_met", "fen", "last_quarter", "missing", "once_paid", "si_base",
                 "si_shown", "stays", "used")

    def __init__(self, fen=lambda d: d):
        self.deductible_met = {}
        self.used = {}
        self.stays = {}
        self.once_paid = set()
        self.si_base = ZERO
        self.si_shown = ZERO  # serious-illness insurance paid so far, as shown
        self.fen = fen
        self.last_quarter = 1
        self.missing = []  # figures missing so far: what a later unknown depends on


def period_key(per, quarter):
    """Where a yearly or quarterly figure is counted: "year", or the quarter 1–4."""
    return quarter if per == "quarter" else per
