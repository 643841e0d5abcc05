"""Serious-illness insurance (大病保险) for one visit: what of the visit counts toward it, and
its share of the year's total above the threshold, within the cap."""

from __future__ import annotations

from yibao_tui.core.engine.lookup import scale_amount
from yibao_tui.core.engine.model import ZERO, Step
from yibao_tui.core.money import pct
from yibao_tui.core.msg import Msg

_FIGURES = ("threshold", "rate", "cap")


def serious_illness(sch, claim, person, st, amount, fund, beyond, res, w):
    """What serious-illness insurance pays for this visit (ZERO where it does not cover the care
    kind or nothing new counts); None when it depends on an unknown figure."""
    si = sch.serious_illness
    if si is None or claim.care not in si.covers:
        return ZERO
    lab = Msg("step.serious_illness")
    if fund is None:
        # Name every figure the amount waits on, not just the first one found.
        for name in _FIGURES:
            row = si.first(name, w)
            if row is None or "unknown" in row:
                res.missing.append(f"{person.scheme}.serious_illness.{name}")
        res.steps.append(Step("serious_illness", lab, "si_fund?", {}, None))
        st.si_base = None
        return None
    base = si.base
    within = amount - fund - beyond
    add_base = ZERO
    if "self_pay" in base:
        add_base += within
    if "beyond_fund_cap" in base:
        add_base += beyond
    if not add_base:
        return ZERO  # nothing new counts toward it, whatever its figures
    if st.si_base is None:
        res.missing.extend(st.missing)
        res.steps.append(Step("serious_illness", lab, "si_prior?", {}, None, note=si.note))
        return None
    rows = _rows(si, person, res, lab, w)
    if rows is None:
        st.si_base = None
        return None
    before = st.si_base
    st.si_base = after = before + add_base
    paid = _paid(rows, before, after, st)
    tpl = ("si_base_both" if len(base) == 2
           else "si_base_self" if "self_pay" in base else "si_base_beyond")
    res.steps.append(Step("si_base", Msg("step.si_base"), tpl,
                          {"within": within, "beyond": beyond, "before": before, "after": after},
                          add_base, si.row))
    _figure_steps(rows, res)
    res.steps.append(_paid_step(rows, before, after, paid, lab))
    return paid


def _rows(si, person, res, lab, w):
    """{threshold, rate, cap: the row for this person}, or None when a source gives one not
    (each missing figure named, with its step: 烟台 lacks all three)."""
    rows = {}
    for name in _FIGURES:
        row = si.first(name, w)
        if row is None or "unknown" in row:
            res.missing.append(f"{person.scheme}.serious_illness.{name}")
            res.steps.append(Step("serious_illness", lab, "si_figure?", {"name": Msg("si." + name)},
                                  None, row, note=(row or {}).get("note")))
            continue
        rows[name] = row
    return rows if len(rows) == len(_FIGURES) else None


def _bands(rows):
    rate = rows["rate"]
    return rate["bands"] if "bands" in rate else [{"rate": rate["value"]}]


def _paid(rows, before, after, st):
    """This visit's share: the year's total with it less the year's total before it, the visits
    as shown staying within the cap too (see YearState)."""
    bands, threshold, cap = _bands(rows), rows["threshold"]["value"], rows["cap"]

    def year_total(b):
        total = sum((p[4] for p in scale_amount(bands, max(ZERO, b - threshold))), ZERO)
        return min(total, cap["value"]) if "value" in cap else total

    paid = year_total(after) - year_total(before)
    if "value" in cap:
        paid = min(paid, max(ZERO, cap["value"] - st.si_shown))
    st.si_shown += st.fen(paid)
    return paid


def _figure_steps(rows, res):
    """The threshold, where there is one, and a cap the user supplied or worked out from one."""
    th, cap = rows["threshold"], rows["cap"]
    if th["value"]:
        res.steps.append(Step("si_threshold", Msg("step.si_threshold"), "si_threshold",
                              {"t": th["value"]}, th["value"], th))
    if "derived" in cap:
        # A cap worked out from a supplied figure (烟台's cap adjusted by enrolment history: see
        # household.member_policy): the row carries the working and cites the adjustment.
        d = cap["derived"]
        res.steps.append(Step("si_cap", Msg("step.si_cap"), "si_cap_derived",
                              {"base": d["base"], "up": d["up"], "down": d["down"],
                               "c": cap["value"]}, cap["value"], cap))
    elif cap.get("supplied") and "value" in cap:
        res.steps.append(Step("si_cap", Msg("step.si_cap"), "si_cap", {"c": cap["value"]},
                              cap["value"], cap))


def _paid_step(rows, before, after, paid, lab):
    """The step that pays: this visit's slice of each band (the year's share after it less the
    share before it), the rates and the cap."""
    bands, threshold, cap = _bands(rows), rows["threshold"]["value"], rows["cap"]
    cap_txt = Msg("si.no_cap") if "unlimited" in cap else Msg("si.cap_year", c=cap["value"])
    old = {b[0]: b for b in scale_amount(bands, max(ZERO, before - threshold))}
    slices = []
    for lo, _hi, r, part, _paid in scale_amount(bands, max(ZERO, after - threshold)):
        mine = part - (old[lo][3] if lo in old else ZERO)
        if mine > 0:
            slices.append(Msg("arith.si_slice", part=mine, r=r, paid=mine * r))
    return Step("serious_illness", lab, "si_bands" if slices else "si",
                {"t": threshold, "rates": "/".join(pct(b["rate"]) for b in bands), "cap": cap_txt,
                 "slices": slices, "paid": paid}, paid, rows["rate"])
