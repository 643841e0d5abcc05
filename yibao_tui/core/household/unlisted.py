"""A scheme a member is in that the city's policy file does not describe (烟台: 003 is a resident
text, yet a grandson there is an employee whose account the family shares).

The member is kept, not refused: the city's policy gets that scheme with every medical figure
unknown, saying so, so the engine gives ranges where the rules allow (a fund between nothing and
the in-policy amount) and a user can supply the figures (``[[supplied]]``) as for any unknown.
The account, the bindings (the city's ``[binding]`` rules) and a premium paid from the account
work as for any employee.
"""

from __future__ import annotations

from yibao_tui.core.household.model import scheme_msg
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.model import Policy
from yibao_tui.core.vocab import CATEGORIES, SCHEMES

# The care kinds an unlisted scheme is given: those every scheme has (a chronic or two-disease
# scheme needs its diseases, which no source lists for it).
_KINDS = ("outpatient", "inpatient")
_LABEL = {s: Msg(f"hhy.scheme_label.{s}") for s in SCHEMES}


def _unknown(city, scheme):
    return {"unknown": True, "note": Msg("hhy.unlisted_figure", city=city, scheme=scheme_msg(scheme))}


def is_unlisted(policy, scheme):
    """True when ``scheme`` of ``policy`` was added here (its figures all unknown)."""
    return bool(policy is not None and (policy.data.get(scheme) or {}).get("unlisted"))


def with_unlisted(policy, schemes):
    """``policy`` with each of ``schemes`` it does not describe added, every figure unknown."""
    missing = [s for s in schemes if s in _LABEL and s not in policy.scheme_ids]
    if not missing:
        return policy
    data = dict(policy.data)
    for s in missing:
        u = _unknown(policy.name, s)
        care = {k: {"label": _care_label(policy, k), "grades": list(policy.grades),
                    "deductible": [dict(u)], "rate": [dict(u)]} for k in _KINDS}
        data[s] = {"label": _LABEL[s], "categories": list(CATEGORIES[s]), "care": care,
                   "serious_illness": {"covers": list(_KINDS), "base": ["self_pay"],
                                       "threshold": [dict(u)], "rate": [dict(u)],
                                       "cap": [dict(u)]},
                   "unlisted": True}
    return Policy(data, policy.path)


def _care_label(policy, kind):
    """The care kind's label as the file's other scheme words it."""
    for s in policy.scheme_ids:
        c = policy.data[s].get("care", {}).get(kind)
        if c is not None:
            return c["label"]
    return Msg(f"label.{kind}")


def unlisted_schemes(household, city):
    """The schemes insured members in ``city`` are in (each checked against the file later)."""
    return sorted({m.scheme for m in household.members
                   if m.city == city and m.insured and m.scheme in _LABEL})
