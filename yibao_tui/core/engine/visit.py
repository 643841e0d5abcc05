"""One visit: first-paid shares, deductible, rate, caps and serious-illness insurance, in order."""

from __future__ import annotations

from yibao_tui.core.engine.lookup import scale_amount, scale_point, tier_rate, where
from yibao_tui.core.engine.model import ZERO, Result, Step, _period_key, _sub, _unique
from yibao_tui.core.money import pct
from yibao_tui.core.msg import Msg


def _visit(policy, person, claim, st):
    sch = policy.scheme(person.scheme)
    care = sch.care(claim.care)
    base_path = f"{person.scheme}.care.{claim.care}"
    w = where(person, claim)  # what the visit's rows are picked for
    res = Result(claim)
    add = res.steps.append
    amount = claim.amount

    if claim.date is not None:
        quarter = (claim.date.month - 1) // 3 + 1
        st.last_quarter = quarter
    else:
        quarter = st.last_quarter  # undated: same quarter as the visit before

    add(Step("amount", Msg("step.amount"), "amount", {"a": amount}, amount))
    if claim.out_of_policy:
        add(Step("out_of_policy", Msg("step.out_of_policy"),
                 "amount", {"a": claim.out_of_policy}, claim.out_of_policy))
    res.total = amount + claim.out_of_policy

    # 1. Shares paid first by the patient (乙类先行自付, 特殊药品先行自付).
    eligible = amount
    floor = amount  # eligible is at least this: an unknown share is at most the whole part
    for part in ("class_b", "special_drugs"):
        cost = getattr(claim, part)
        if not cost:
            continue
        lab = Msg("step.first_pay", part=part)
        row = care.first_pay(part, w)
        if row is None or "unknown" in row:
            res.missing.append(f"{base_path}.first_pay.{part}")
            add(Step(part, lab, "first_pay?", {"cost": cost}, None, row,
                     note=(row or {}).get("note", "The source gives no share for this part.")))
            eligible = None
            floor -= cost
            continue
        share = cost * row["value"]
        floor -= share
        add(Step(part, lab, "first_pay", {"cost": cost, "share": row["value"], "paid": share},
                 share, row))
        if eligible is not None:
            eligible -= share

    # 2. Deductible (起付线): per visit, per quarter or per year.
    deductible = _deductible(care, base_path, claim, w, st, quarter, eligible, res, floor)
    above = _sub(eligible, deductible)

    # 3. Rate, bands or bill-size tiers (报销比例 / 分段), with cross-region adjustments.
    fund_raw, bands = _rate(sch, care, base_path, claim, person, above, res, w)

    # 4. Caps: the care kind's own cap and the fund's annual cap shared across kinds.
    fund, beyond = _caps(sch, care, base_path, claim, w, st, quarter, fund_raw, bands,
                         above, res)
    res.fund = fund
    add(Step("fund", Msg("step.fund"), "amount", {"a": fund}, fund))

    # 5. Serious-illness insurance (大病保险): cumulative over the year.
    res.serious_illness = _serious_illness(sch, claim, person, st, amount, fund, beyond, res, w)

    res.self_pay = _sub(res.total, res.fund, res.serious_illness)
    add(Step("self_pay", Msg("step.self_pay"), "self_pay",
             {"total": res.total, "fund": res.fund, "si": res.serious_illness,
              "sp": res.self_pay}, res.self_pay))
    res.missing = _unique(res.missing)
    st.missing.extend(m for m in res.missing if m not in st.missing)
    return res


def _deductible(care, base_path, claim, w, st, quarter, eligible, res, floor=None):
    """The deductible applied. With ``eligible`` unknown (a first-paid share not given) it is
    still known when ``floor`` (the least eligible can be) covers what is due: only what depends
    on the unknown share stays unknown."""
    add = res.steps.append
    dz = claim.disease
    lab = Msg("step.deductible")
    r = care.first("deductible_exempt", w)
    if r is not None:
        add(Step("deductible", lab, "ded_exempt", {}, ZERO, r))
        return ZERO
    once = care.first("deductible_once_a_year", w)
    if once is not None and (claim.care, dz) in st.once_paid:
        add(Step("deductible", lab, "ded_once_done", {}, ZERO, once))
        return ZERO
    row = care.first("deductible", w)
    known = row is not None and "value" in row
    stay_rule = None
    if care.has("repeat_stays"):
        n = claim.stay or st.stays.get(claim.care, 0) + 1
        st.stays[claim.care] = n
        r = care.repeat_stay(n)
        if r is not None:
            stay_rule = (n, r)
    per = row.get("per", "visit") if known else "visit"
    if stay_rule is not None and "value" in stay_rule[1]:
        n, r = stay_rule
        full = r["value"]  # a fixed figure: known even when the first stay's deductible is not
        add(Step("repeat_stay", Msg("step.repeat_stay"), "stay_value",
                 {"n": n, "full": full}, full, r))
        row = r
    elif not known:
        res.missing.append(f"{base_path}.deductible")
        add(Step("deductible", lab, "not_given?", {}, None, row,
                 note=(row or {}).get("note", "No source gives this deductible.")))
        _poison_deductible(st, claim.care, row, quarter)
        return None
    elif stay_rule is not None:
        n, r = stay_rule
        full = row["value"] * r["factor"]
        add(Step("repeat_stay", Msg("step.repeat_stay"), "stay_factor",
                 {"n": n, "base": row["value"], "factor": r["factor"], "full": full}, full, r))
    else:
        full = row["value"]
    if not full and stay_rule is None:
        applied = ZERO  # the text sets none (辽阳 chronic "不设起付线", 两病 "无起付标准")
        add(Step("deductible", lab, "ded_none", {}, applied, row))
    elif eligible is None:
        key = None if per == "visit" else (claim.care, _period_key(per, quarter))
        met = ZERO if key is None else st.deductible_met.get(key, ZERO)
        due = None if met is None else max(ZERO, full - met)
        if due is None or floor is None or floor < due:
            add(Step("deductible", lab, "ded_on_unknown?", {"full": full}, None, row))
            _poison_deductible(st, claim.care, row, quarter)
            return None
        applied = due
        if key is not None:
            st.deductible_met[key] = met + applied
        add(Step("deductible", lab, "ded_floor", {"floor": floor, "due": due, "applied": applied},
                 applied, once or row))
    elif per == "visit":
        applied = min(eligible, full)
        add(Step("deductible", lab, "ded_visit",
                 {"eligible": eligible, "full": full, "applied": applied}, applied, once or row))
    else:
        key = (claim.care, _period_key(per, quarter))
        met = st.deductible_met.get(key, ZERO)
        if met is None:
            res.missing.extend(st.missing)
            add(Step("deductible", lab, "period?", {}, None, row))
            return None
        applied = min(eligible, max(ZERO, full - met))
        st.deductible_met[key] = met + applied
        add(Step("deductible", lab, "ded_quarter" if per == "quarter" else "ded_year",
                 {"eligible": eligible, "full": full, "met": met, "applied": applied}, applied,
                 once or row))
    if once is not None:
        st.once_paid.add((claim.care, dz))
    return applied


def _poison_deductible(st, care, row, quarter):
    per = row.get("per") if row else None
    if per in ("year", "quarter"):
        st.deductible_met[(care, _period_key(per, quarter))] = None


def _rate(sch, care, base_path, claim, person, above, res, w):
    """Fund share before caps, and the scale used (for the cap's inverse)."""
    add = res.steps.append
    via, row = care.rate(w)
    rate_unknown = row is None or "unknown" in row
    if rate_unknown:
        # Not returned yet: an unknown cross-region figure below is named as missing too.
        res.missing.append(f"{base_path}.rate")
        add(Step("rate", Msg("step.rate"), "not_given?", {}, None, row or via,
                 note=(row or {}).get("note", "No source gives this rate.")))
    elif via is not None:
        add(Step("rate_rule", Msg("step.rate_rule"), "rate_rule",
                 {"care": via["same_as"]}, None, via))

    # Cross-region: a status sets the rate or lowers it; reductions stack (辽源).
    adjust, setto = ZERO, None
    for status in claim.cross_region:
        cr = sch.cross_region(status, w)
        lab = Msg("step.cross_region", status=status)
        if cr is None or "unknown" in cr:
            res.missing.append(f"{person.scheme}.cross_region.{status}")
            add(Step("cross_region", lab, "cr?", {}, None, cr,
                     note=(cr or {}).get("note", "No source gives the rate for this status.")))
            rate_unknown = True  # the other statuses are still checked, so all are named
            continue
        if "set" in cr:
            setto = cr["set"] if setto is None else min(setto, cr["set"])
            add(Step("cross_region", lab, "cr_set", {"r": cr["set"]}, None, cr))
        elif cr["adjust"]:
            adjust += cr["adjust"]
            add(Step("cross_region", lab, "cr_adjust", {"r": cr["adjust"]}, None, cr))
        else:
            add(Step("cross_region", lab, "cr_home", {}, None, cr))

    if rate_unknown:
        return None, None

    def eff(r):
        return max(ZERO, (setto if setto is not None else r) + adjust)

    if "tiers" in row:
        tiers = row["tiers"]
        t = tier_rate(tiers, claim.amount)
        i = tiers.index(t)
        r = eff(t["rate"])
        bands = [{"rate": r}]
        if "up_to" in t:
            tpl = "tier_le" if t.get("edge") == "inclusive" else "tier_lt"
            edge = t["up_to"]
        else:
            tpl, edge = "tier_above", tiers[i - 1]["up_to"]
        add(Step("tier", Msg("step.tier"), tpl,
                 {"amount": claim.amount, "edge": edge, "r": r}, None, row))
    elif "bands" in row:
        bands = [dict(b, rate=eff(b["rate"])) for b in row["bands"]]
    else:
        bands = [{"rate": eff(row["value"])}]
    if above is None:
        add(Step("band", Msg("step.band"), "band?", {"r": bands[0]["rate"]},
                 None, row))
        return None, bands
    parts = scale_amount(bands, above)
    if not parts:
        add(Step("band", Msg("step.band"), "band",
                 {"part": ZERO, "r": bands[0]["rate"], "paid": ZERO}, ZERO, row))
        return ZERO, bands
    multi = len(bands) > 1
    for i, (lo, hi, rate, part, paid) in enumerate(parts, 1):
        if multi:
            lab = (Msg("step.band_n", i=i, lo=lo, hi=hi) if hi is not None
                   else Msg("step.band_top", i=i, lo=lo))
        else:
            lab = Msg("step.band")
        add(Step("band", lab, "band", {"part": part, "r": rate, "paid": paid}, paid, row))
    return sum((p[4] for p in parts), ZERO), bands


def _caps(sch, care, base_path, claim, w, st, quarter, fund_raw, bands, above, res):
    """Apply the care kind's cap and the fund's annual cap shared across kinds.

    Returns (fund, in-policy cost beyond the fund's cap).
    """
    add = res.steps.append
    scheme = base_path.split(".", 1)[0]
    limits = []  # (pool key, row, step key, label)
    idx, row = care.pick("cap", w)
    if row is not None:
        if "unknown" in row:
            res.unchecked.append(f"{base_path}.cap")
            add(Step("cap", Msg("step.cap"), "cap?", {}, None, row))
        elif "value" in row:
            limits.append((("cap", claim.care, idx, _period_key(row["per"], quarter)), row,
                           "cap", Msg("step.cap")))
    i, fr = sch.fund_cap(claim.care)
    if fr is not None:
        lab = Msg("step.fund_cap")
        if "unknown" in fr:
            res.unchecked.append(f"{scheme}.fund_cap")
            add(Step("fund_cap", lab, "cap?", {}, None, fr))
        elif "value" in fr:
            limits.append((("fund_cap", i), fr, "fund_cap", lab))

    fund = fund_raw
    beyond = ZERO
    for key, row, skey, lab in limits:
        used = st.used.get(key, ZERO)
        if used is None or fund is None:
            if fund is not None:
                res.missing.extend(st.missing)
            add(Step(skey, lab, "cap_used?" if fund is not None else "cap_fund?",
                     {"cap": row["value"], "per": Msg("per." + row["per"])}, None, row))
            fund = None
            continue
        left = max(ZERO, row["value"] - used)
        args = {"cap": row["value"], "per": Msg("per." + row["per"]), "used": used, "left": left,
                "fund": fund}
        if fund > left:
            if skey == "fund_cap" and bands is not None and above is not None:
                # Where the raw schedule pays exactly what was left: past that point the cost
                # is "beyond the fund's cap", which serious-illness insurance may take.
                point = scale_point(bands, left)
                if point is not None:
                    beyond = max(ZERO, above - point)
            add(Step(skey, lab, "cap_hit", args, left, row))
            fund = left
        else:
            add(Step(skey, lab, "cap_ok", args, None, row))
    for key, _row, *_ in limits:  # record use once the fund figure is final, as shown
        prev = st.used.get(key, ZERO)
        st.used[key] = None if (fund is None or prev is None) else prev + st.fen(fund)
    return fund, beyond


def _serious_illness(sch, claim, person, st, amount, fund, beyond, res, w):
    si = sch.serious_illness
    if si is None or claim.care not in si.covers:
        return ZERO
    add = res.steps.append
    lab = Msg("step.serious_illness")
    base = si.base
    if fund is None:
        # Name every figure the amount waits on, not just the first one found.
        for name in ("threshold", "rate", "cap"):
            row = si.first(name, w)
            if row is None or "unknown" in row:
                res.missing.append(f"{person.scheme}.serious_illness.{name}")
        add(Step("serious_illness", lab, "si_fund?", {}, None))
        st.si_base = None
        return None
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
        add(Step("serious_illness", lab, "si_prior?", {}, None, note=si.note))
        return None
    rows = {}
    for name in ("threshold", "rate", "cap"):
        row = si.first(name, w)
        if row is None or "unknown" in row:
            # Name every missing figure, not only the first (烟台 lacks all three).
            res.missing.append(f"{person.scheme}.serious_illness.{name}")
            add(Step("serious_illness", lab, "si_figure?", {"name": Msg("si." + name)}, None,
                     row, note=(row or {}).get("note")))
            continue
        rows[name] = row
    if len(rows) < 3:
        st.si_base = None
        return None
    th, rate, cap = rows["threshold"], rows["rate"], rows["cap"]
    before = st.si_base
    after = before + add_base
    st.si_base = after
    bands = rate["bands"] if "bands" in rate else [{"rate": rate["value"]}]
    threshold = th["value"]

    def year_total(b):
        total = sum((p[4] for p in scale_amount(bands, max(ZERO, b - threshold))), ZERO)
        return min(total, cap["value"]) if "value" in cap else total

    paid = year_total(after) - year_total(before)
    if "value" in cap:  # the visits as shown stay within the cap too (see _State)
        paid = min(paid, max(ZERO, cap["value"] - st.si_shown))
    st.si_shown += st.fen(paid)
    tpl = ("si_base_both" if len(base) == 2
           else "si_base_self" if "self_pay" in base else "si_base_beyond")
    add(Step("si_base", Msg("step.si_base"), tpl,
             {"within": within, "beyond": beyond, "before": before, "after": after}, add_base,
             si.row))
    if threshold:
        add(Step("si_threshold", Msg("step.si_threshold"), "si_threshold",
                 {"t": threshold}, threshold, th))
    if "derived" in cap:
        # A cap worked out from a supplied figure (烟台's cap adjusted by enrolment history: see
        # household.member_policy): the row carries the working and cites the adjustment.
        d = cap["derived"]
        add(Step("si_cap", Msg("step.si_cap"), "si_cap_derived",
                 {"base": d["base"], "up": d["up"], "down": d["down"], "c": cap["value"]},
                 cap["value"], cap))
    elif cap.get("supplied") and "value" in cap:
        add(Step("si_cap", Msg("step.si_cap"), "si_cap", {"c": cap["value"]},
                 cap["value"], cap))
    cap_txt = Msg("si.no_cap") if "unlimited" in cap else Msg("si.cap_year", c=cap["value"])
    # This visit's slice of each band: the year's share after it less the share before it.
    old = {b[0]: b for b in scale_amount(bands, max(ZERO, before - threshold))}
    slices = []
    for lo, _hi, r, part, _paid in scale_amount(bands, max(ZERO, after - threshold)):
        mine = part - (old[lo][3] if lo in old else ZERO)
        if mine > 0:
            slices.append(Msg("arith.si_slice", part=mine, r=r, paid=mine * r))
    add(Step("serious_illness", lab, "si_bands" if slices else "si",
             {"t": threshold, "rates": "/".join(pct(b["rate"]) for b in bands), "cap": cap_txt,
              "slices": slices, "paid": paid}, paid, rate))
    return paid
