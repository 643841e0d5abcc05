"""The JSON of ``household show --json`` and ``household year --json`` (a contract: keys and
types do not change). Each message in English, and beside it the same in Chinese (``*_zh``);
files by name."""

from __future__ import annotations

from yibao_tui.core import household as H
from yibao_tui.text import render as text
from yibao_tui.text import renders as texts
from yibao_tui.views.enrolment import lines_json
from yibao_tui.views.estimate_json import dec as _amt  # the one JSON money writer


def _d(d):
    return None if d is None else d.isoformat()


def enrolment_json(es):
    """The household's premiums, cover starts and cap adjustments (``H.enrolment_summary``):
    {"members": {id: {...}}, "total": …, "open": [ids]}. Each message in English, and beside it
    the same in Chinese (``premium_note_zh``, ``notices_zh`` …)."""
    members = {}
    for r in es.members:
        e = r.entry or {}
        d = {"entry": None if r.entry is None else {
                 k: (_d(v) if k in H.ENROL_DATES else _amt(v) if k == "wage" else v)
                 for k, v in e.items() if k != "note"},
             "premium": None, "premium_note": text(r.premium_note),
             "premium_note_zh": text(r.premium_note, "zh"), "cover": None,
             "cover_note": text(r.cover_note), "cover_note_zh": text(r.cover_note, "zh"),
             "history": None, "si_cap": None, "notices": texts(r.notices),
             "notices_zh": texts(r.notices, "zh"), "error": text(r.error),
             "error_zh": text(r.error, "zh")}
        pr = r.premium
        if pr is not None:
            d["premium"] = {"amount": _amt(pr.amount), "employer": _amt(pr.employer),
                            "tier": pr.tier, "missing": pr.missing,
                            "choices": [{"tier": t, "amount": _amt(v)} for t, v, _ in pr.choices],
                            "lines": lines_json(pr.lines)}
        c = r.cover
        if c is not None:
            d["cover"] = {"paid": _d(c.paid), "start": _d(c.start), "in_window": c.in_window,
                          "cover_year": c.cover_year, "missing": c.missing,
                          "source": (c.rule or {}).get("source"), "quote": (c.rule or {}).get("quote"),
                          "lines": lines_json(c.lines)}
        if r.history is not None:
            d["history"] = {k: r.history[k] for k in ("continuous", "claim_free", "lapsed",
                                                      "counted_from")}
            d["history"]["notes"] = texts(r.history["notes"])
            d["history"]["notes_zh"] = texts(r.history["notes"], "zh")
        a = r.si_cap
        if a is not None:
            d["si_cap"] = {"continuous_years": r.history["continuous"],
                           "claim_free_years": r.history["claim_free"],
                           "lapsed_years": r.history["lapsed"],
                           "increase": _amt(a.increase), "decrease": _amt(a.decrease),
                           "net": _amt(a.net), "base": _amt(a.base), "base_supplied": a.base_supplied,
                           "adjusted_cap": _amt(a.adjusted), "missing": a.missing,
                           "lines": lines_json(a.lines)}
        members[r.member.id] = d
    return {"members": members, "total": _amt(es.total), "open": es.open}

def show_json(ld, chk, es):
    h = ld.household
    enrol = enrolment_json(es)
    members = [{"id": m.id, "name": m.name, "relation": m.relation, "city": m.city,
                "scheme": m.scheme, "category": m.category, "age": m.age(h.year),
                "flags": list(m.flags), "insured": m.insured,
                "account_balance": _amt(m.account_balance), "visits": len(m.visits),
                "enrolment": enrol["members"][m.id]} for m in h.members]
    return {"household": {"name": h.name, "year": h.year, "file": str(ld.path), "demo": ld.demo},
            "members": members, "premiums": {"total": enrol["total"], "open": enrol["open"]},
            "bindings": _bindings_json(h, chk), "problems": [text(m) for _, m in chk.problems],
            "problems_zh": [text(m, "zh") for _, m in chk.problems]}


def _totals_json(tot, rng=None, ranged=False):
    """A year's totals from their figures (``views.year.year_figures``): decimal strings, and
    where ranges were worked out, ``<key>_range`` beside each null (the pair, or null)."""
    from yibao_tui.views.document import RANGE
    from yibao_tui.views.year import RANGED, year_figures

    figs = year_figures(tot, rng, "en")
    out = {f.key: _amt(f.value) for f in figs}
    if ranged:
        for f in figs:
            if f.key in RANGED and f.value is None:
                q = f.qualifier
                out[f.key + "_range"] = [_amt(q.low), _amt(q.high)] if q.kind == RANGE else None
    return out


def year_json(ld, hy, es=None, visits=None):
    """The year as one dict (``visits`` given: those instead of the year's own, as
    ``write_year_json`` streams them)."""
    h = ld.household
    visits = list(_visits_json(h, hy)) if visits is None else visits
    members = []
    for my in hy.members:
        m = my.member
        d = {"id": m.id, "name": m.name, "relation": m.relation, "city": m.city,
             "scheme": m.scheme, "category": m.category, "age": m.age(h.year),
             "policy_year": my.policy.year if my.policy else None, "error": text(my.error),
             "error_zh": text(my.error, "zh"),
             "totals": _totals_json(my.totals, my.ranges and my.ranges.year, my.ranges is not None)}
        acc = hy.accounts.get(m.id)
        if acc is not None:
            d["account"] = _account_json(acc)
        members.append(d)
    enrol = enrolment_json(es) if es is not None else None
    if enrol is not None:
        for d in members:
            d["enrolment"] = enrol["members"][d["id"]]
    out = {"household": {"name": h.name, "year": h.year, "file": str(ld.path), "demo": ld.demo},
           "visits": visits, "members": members,
           "totals": _totals_json(hy.totals, hy.ranges,
                                  any(my.ranges is not None for my in hy.members)),
           "bindings": _bindings_json(h, hy.check),
           "problems": [text(m) for _, m in hy.check.problems],
           "problems_zh": [text(m, "zh") for _, m in hy.check.problems],
           "notes": texts(hy.notes), "notes_zh": texts(hy.notes, "zh")}
    if enrol is not None:
        out["premiums"] = {"total": enrol["total"], "open": enrol["open"]}
    return out


def _visits_json(h, hy):
    """Every visit of the year, one at a time: its estimate, what the accounts paid, and the
    slip it carries checked (the verdict the text shows beside it)."""
    from yibao_tui.core.household.year_stream import visit_results
    from yibao_tui.views.estimate_json import visit_result_json

    by_id = {x.member.id: x for x in hy.members}
    for r, res, rng in visit_results(hy):
        my = by_id[r.member]
        v = visit_result_json(my.policy, res, rng, my.ranges is not None)
        v.update({"member": r.member, "month": r.visit.month, "index": r.index,
                  "account": _amt(r.account), "cash": _amt(r.cash),
                  "account_may_pay": _amt(r.payable),
                  "drawn_from": [{"holder": hid, "amount": _amt(x)} for hid, x in r.draws],
                  "notes": texts(r.notes), "notes_zh": texts(r.notes, "zh")})
        if r.visit.slip:  # the verdict the text shows beside the visit (issue #21 item 5)
            from yibao_tui.views.slip_json import household_slip_json

            v["slip"] = household_slip_json(h, hy, r)
        yield v


def write_year_json(ld, hy, es, write):
    """``year_json`` written out as ``json.dumps(stamped(…), indent=2)`` would, byte for byte,
    each visit rendered and written as it comes (a big family's year in bounded memory)."""
    import json

    from yibao_tui.views.estimate_json import stamped

    def dump(obj):
        return json.dumps(obj, ensure_ascii=False, indent=2)

    whole = dump(stamped(year_json(ld, hy, es, visits=[])))
    mark = '\n  "visits": []'
    head, tail = whole.split(mark, 1)
    write(head + mark[:-1])
    sep = "\n    "
    for v in _visits_json(ld.household, hy):
        write(sep + dump(v).replace("\n", "\n    "))
        sep = ",\n    "
    write(("]" if sep == "\n    " else "\n  ]") + tail + "\n")


def _account_json(acc):
    """One personal account's year: opening, credit (and the employee's own share), drawn
    (visits and premiums paid from it), closing."""
    row = acc.credit_row or {}
    d = {"opening": _amt(acc.opening), "monthly_credit": _amt(acc.monthly),
         "credited": _amt(acc.credited), "drawn": _amt(acc.drawn),
         "closing": _amt(acc.closing), "balance_entered": acc.balance_entered,
         "credit_source": row.get("source"), "credit_quote": row.get("quote"),
         "credit_note": text(acc.credit_note), "credit_note_zh": text(acc.credit_note, "zh")}
    if acc.premiums:  # premiums paid from this account (counted in drawn)
        d["premiums_paid"] = [{"member": mid, "amount": _amt(x)} for mid, x in acc.premiums]
    if acc.share_row is not None:  # the employee's own share (辽阳 2 %): None = unknown
        srow = acc.share_row
        d.update({"monthly_share": _amt(acc.share), "share_source": srow.get("source"),
                  "share_quote": srow.get("quote"), "share_note": text(acc.share_note),
                  "share_note_zh": text(acc.share_note, "zh")})
    return d


def _bindings_json(h, chk):
    bindings = []
    for holder, rules in chk.rules.items():
        bindings.append({
            "holder": holder,
            "beneficiaries": [x for b in h.bindings if b.holder == holder for x in b.beneficiaries],
            "rules": [{"rule": r.rule, "status": r.status, "beneficiary": r.beneficiary,
                       "message": text(r.msg, "en"), "message_zh": text(r.msg, "zh"), "source": r.source,
                       "quote": r.quote, "note": text(r.note), "note_zh": text(r.note, "zh")}
                      for r in rules],
            "checklist": {k: [{"zh": i["zh"], "en": i["en"], "source": i["source"],
                               "quote": i["quote"]} for i in v]
                          for k, v in chk.checklists.get(holder, {}).items()},
        })
    return bindings
