"""A part the patient paid first (乙类 / 特殊药品先行自付) that the estimate did not count: the
likeliest cause of a fund lower than estimated where the bill holds class-B items or special drugs
the slip's owner did not enter (辽阳 gives no class-B share at all). Solved exactly from the slip's
figures: ``paid_first`` is the yuan the patient paid first beyond what the estimate already takes.

The variant is an ordinary estimate: the claim's class-B part becomes what the estimate already
had paid first of it (its cited share) plus ``paid_first``, paid first at 100 % — a row put in
front of the care kind's first-paid rows of a copy of the policy — so the fund, the deductible
and serious-illness insurance see exactly that much less eligible cost."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.engine import Claim
from yibao_tui.core.engine.lookup import where
from yibao_tui.core.engine.model import ZERO

ONE = Decimal(1)
_ALL_FIRST = {"part": "class_b", "value": ONE}


def known_first(policy, person, claim):
    """What the estimate already takes as paid first of the claim's class-B part (its cited share;
    0 where the share is unknown: ``paid_first`` then stands for the whole of it)."""
    if not claim.class_b:
        return ZERO
    row = policy.scheme(person.scheme).care(claim.care).first_pay("class_b", where(person, claim))
    return claim.class_b * row["value"] if row is not None and "value" in row else ZERO


def room(policy, person, claim):
    """The most that can have been paid first: the in-policy cost not already paid first."""
    return max(ZERO, claim.amount - claim.special_drugs - known_first(policy, person, claim))


def with_paid_first(policy, person, claim, paid, memo):
    """(policy, claim) for the variant with ``paid`` more paid first. ``memo`` keeps the changed
    policy per (policy, care kind): one copy per search, not one per run."""
    key = (id(policy), claim.care)
    pol = memo.get(key)
    if pol is None:
        path = f"{person.scheme}.care.{claim.care}.first_pay"
        pol = memo[key] = (policy, policy.with_rows({path: [_ALL_FIRST, *(policy.rows_at(path)
                                                                         or ())]}))
    c = Claim.__new__(Claim)
    for k in Claim.__slots__:
        setattr(c, k, getattr(claim, k))
    c.class_b = known_first(policy, person, claim) + paid
    return pol[1], c


def search(s, consider, ch, figures_open):
    """Solve ``paid_first`` with the changes ``ch`` (a ``search._Search``): for each figure of the
    slip the estimate gets wrong, the amount that makes it come out, verified by the engine and
    pinned (a yuan more or less changes a figure). True when an explanation was added."""
    from yibao_tui.core.slip.solve import root

    res = s.run(ch)
    if res is None:
        return False
    person, claim = s.variant(ch)
    hi = room(s.policy, person, claim)
    if not hi:
        return False
    for f in figures_open(res):
        def at(x, f=f):
            r = s.run({**ch, "paid_first": x})
            return None if r is None else s.figs(r)[f]

        x = root(at, s.targets[f], ZERO, hi)
        if x is None or x == ZERO:
            continue
        for v in s._best(lambda v: s.run({**ch, "paid_first": v}), x, False, f, ZERO, hi):
            if v > ZERO and consider({**ch, "paid_first": v}, s.run({**ch, "paid_first": v})):
                return True
    return False
