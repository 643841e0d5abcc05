"""A premium paid from a bound holder's personal account (烟台 003: "职工可利用本人医保个人账户为
省内近亲属居民缴纳基本医疗保险费"): the rule, checked as the binding rules are, and the draw.

An enrolment entry ``paid_from = "<holder id>"`` says whose account paid this year's premium.
The rule (``pays_premium``) is ok where the holder's city states it (``[binding.pays_premium]``),
unknown where its sources are silent (the draw is then made and flagged, as an unknown binding
rule is), broken where the payer is not a bound employee holder (no draw).
"""

from __future__ import annotations

from yibao_tui.core.household.enrolment import this_year_entry
from yibao_tui.core.msg import Msg

RULE = "pays_premium"


def premium_rules(household, policies):
    """[(status, Msg, holder id, member id, policy row)] for every member whose premium this
    year is paid from another's account (rules.check makes them RuleResults)."""
    out = []
    for m in household.members:
        _, e = this_year_entry(household, m)
        hid = (e or {}).get("paid_from")
        if hid is None:
            continue
        holder = household.member(hid)
        row = ((policies.get(holder.city) or _NoPolicy).binding or {}).get(RULE)
        where = {"holder": holder.name, "ben": m.name}
        if holder.scheme != "employee" or not holder.insured:
            status, msg = "broken", Msg("hhy.pays_not_employee", **where)
        elif m.id not in {b for x in household.bindings if x.holder == hid for b in x.beneficiaries}:
            status, msg = "broken", Msg("hhy.pays_not_bound", **where)
        elif row is None or "unknown" in row:
            status, msg = "unknown", Msg("hhy.pays_unknown", **where)
        else:
            status, msg = "ok", Msg("hhy.pays_ok", **where)
        out.append((status, msg, hid, m.id, row))
    return out


class _NoPolicy:
    binding = None


def draw_premiums(household, chk, accounts, premiums, notes):
    """Each premium paid from an account, drawn at the start of the year (before any visit):
    ``premiums`` {member id: amount or None}. A broken rule draws nothing (noted); an unknown
    amount makes the account's balance and drawn unknown; a balance short of the premium draws
    nothing (the account cannot have paid it; noted)."""
    results = {(r.holder, r.beneficiary): r for rs in chk.rules.values() for r in rs
               if r.rule == RULE}
    for (hid, mid), r in results.items():
        acc = accounts.get(hid)
        who = {"holder": household.member(hid).name, "ben": household.member(mid).name}
        if acc is None or r.status == "broken":
            notes.append(Msg("hhy.pays_not_drawn", **who))
            continue
        amount = premiums.get(mid)
        acc.premiums.append((mid, amount))
        if amount is None or acc.balance is None:
            acc.balance = acc.drawn = None
            continue
        if amount > acc.balance:
            acc.premiums[-1] = (mid, None)
            notes.append(Msg("hhy.pays_short", amount=f"{amount:,.2f}", **who))
            continue
        acc.balance -= amount
        acc.drawn = None if acc.drawn is None else acc.drawn + amount
