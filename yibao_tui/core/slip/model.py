"""A settlement slip (结算单 / 医保结算清单): its figures, what an estimate says for each, and the
comparison of the two. Pure: Decimal money, ``Msg`` for anything a person reads."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.amount import AmountError, parse_amount
from yibao_tui.core.engine.model import ZERO
from yibao_tui.core.money import money, shown
from yibao_tui.core.msg import Msg, MsgError

# The slip's boxes: 医疗费总额, 统筹基金支付, 大病保险支付, 起付标准, 个人自付 (all the person pays:
# total − fund − serious illness), 个人账户支付, 个人现金支付.
FIELDS = ("total", "fund", "serious_illness", "deductible", "self_pay", "personal_account", "cash")
# The account and the cash split the self-pay; a lone visit has no account in the engine, so only
# their sum is checked (against the self-pay), under this name.
SPLIT = "personal_account+cash"
ONE = Decimal(1)
OK = ("match", "near")


class SlipError(MsgError):
    """A slip that cannot be checked (``msg``: a ``slip.err.*`` Msg)."""


def parse_slip(values):
    """The slip's figures ({field: number or text}) as {field: Decimal} in FIELDS order."""
    if not isinstance(values, dict):
        raise SlipError(Msg("slip.err.table"))
    out = {}
    for k, v in values.items():
        if k not in FIELDS:
            raise SlipError(Msg("slip.err.key", box=k, accepted=list(FIELDS)))
        try:
            out[k] = parse_amount(v)
        except AmountError as e:
            raise SlipError(Msg("slip.err.negative" if e.code == "negative" else "slip.err.amount",
                                field=Msg(f"slip.key.{k}"), box=k, v=str(v))) from None
    if not out:
        raise SlipError(Msg("slip.err.none", accepted=list(FIELDS)))
    return {k: out[k] for k in FIELDS if k in out}


def check_totals(slip, claim_total):
    """No figure may exceed the total: the slip's own, else the visit's (amount + out of policy)."""
    total = slip.get("total", claim_total)
    for k, v in slip.items():
        if k != "total" and v > total:
            raise SlipError(Msg("slip.err.over_total", field=Msg(f"slip.key.{k}"), box=k, v=v,
                                total=total))


def targets(slip):
    """The figures an estimate is compared with: each given box but the account and cash, and
    their sum when both are given."""
    out = {k: v for k, v in slip.items() if k not in ("personal_account", "cash")}
    if "personal_account" in slip and "cash" in slip:
        out[SPLIT] = slip["personal_account"] + slip["cash"]
    return out


def figures(policy, res):
    """An estimate's figure for each comparable box, as shown (None: unknown)."""
    f, s, p, t = shown(res, policy)
    ded = next((st for st in res.steps if st.key == "deductible"), None)
    d = None if ded is None else money(ded.amount, policy)
    return {"total": t, "fund": f, "serious_illness": s, "deductible": d, "self_pay": p, SPLIT: p}


def status(slip_value, expected):
    """match (to the fen) · near (within ±1 yuan) · differs · unknown (no figure to compare)."""
    if expected is None:
        return "unknown"
    diff = abs(slip_value - expected)
    return "match" if diff == 0 else "near" if diff <= ONE else "differs"


def cited_step(res, field):
    """The step of the breakdown that produced the estimate's figure for ``field``."""
    steps = res.steps
    if field == "total":
        keys = ("amount",)
    elif field == "deductible":
        keys = ("deductible",)
    elif field == "serious_illness":
        keys = ("serious_illness",)
    elif field == "fund":
        hit = [s for s in steps if s.key in ("cap", "fund_cap") and s.tpl == "cap_hit"]
        if hit:
            return hit[-1]
        keys = ("band", "tier", "rate", "fund")
    else:
        keys = ("self_pay",)
    for k in keys:
        found = [s for s in steps if s.key == k]
        if found:
            return found[-1]
    return None


class Line:
    """One box of the slip beside the estimate's figure."""

    __slots__ = ("expected", "field", "slip", "status", "step")

    def __init__(self, field, slip, expected, status, step=None):
        self.field = field
        self.slip = slip
        self.expected = expected
        self.status = status  # match | near | differs | unknown | unchecked (account, cash alone)
        self.step = step

    @property
    def difference(self):
        return None if self.expected is None else self.slip - self.expected


class Implied:
    """A figure no source gives, pinned by the slip: ``path`` as a ``[[supplied]]`` entry takes it
    (``grades`` narrows it to the visit's grade for a care kind's figure)."""

    __slots__ = ("grades", "path", "value")

    def __init__(self, path, value, grades=None):
        self.path = path
        self.value = value
        self.grades = grades

    @property
    def leaf(self):
        return self.path.rsplit(".", 1)[1]

    @property
    def is_rate(self):
        return self.leaf == "rate"

    def entry(self, per=None):
        e = {"path": self.path, "value": self.value}
        if self.grades:
            e["grades"] = list(self.grades)
        if per is not None:
            e["per"] = per
        return e


class Explanation:
    """Inputs that make the slip's figures come out: ``changes`` (option → value; ``deductible_left``
    a Decimal), figures the slip implies (``implies``), and which boxes then match (``near``:
    only within ±1 yuan) or stay unknown."""

    __slots__ = ("changes", "implies", "matches", "near", "order", "unknown")

    def __init__(self, changes, implies, statuses, order=0):
        self.changes = dict(changes)
        self.implies = list(implies)
        self.matches = [f for f, s in statuses.items() if s in OK]
        self.near = [f for f, s in statuses.items() if s == "near"]
        self.unknown = [f for f, s in statuses.items() if s == "unknown"]
        self.order = order

    @property
    def rank(self):
        """Most plausible first: fewest changes and implied figures, then exact before ±1 yuan."""
        return (len(self.changes) + len(self.implies), len(self.implies), len(self.near),
                self.order)


class SlipCheck:
    """The answer: ``verdict`` (matches | differs | unknown), the ``lines``, the ``explanations``
    (most plausible first), the estimate (``result``) and how many estimates the search ran."""

    __slots__ = ("explanations", "lines", "policy", "result", "runs", "verdict")

    def __init__(self, policy, result, lines, explanations, verdict, runs):
        self.policy = policy
        self.result = result
        self.lines = lines
        self.explanations = explanations
        self.verdict = verdict
        self.runs = runs


def lines_for(policy, res, slip):
    """The slip's boxes in order, each beside the estimate's figure and the step behind it."""
    figs = figures(policy, res)
    tg = targets(slip)
    out = []
    for k, v in slip.items():
        if k in ("personal_account", "cash"):
            out.append(Line(k, v, None, "unchecked"))
            continue
        out.append(Line(k, v, figs[k], status(v, figs[k]), cited_step(res, k)))
    if SPLIT in tg:
        out.append(Line(SPLIT, tg[SPLIT], figs[SPLIT], status(tg[SPLIT], figs[SPLIT]),
                        cited_step(res, SPLIT)))
    return out


__all__ = ["FIELDS", "OK", "SPLIT", "ZERO", "Explanation", "Implied", "Line", "SlipCheck",
           "SlipError", "check_totals", "cited_step", "figures", "lines_for", "parse_slip",
           "status", "targets"]
