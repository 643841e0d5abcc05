"""One visit: first-paid shares, deductible, rate, caps and serious-illness insurance, in order."""

from __future__ import annotations

from yibao_tui.core.engine.lookup import scale_amount, scale_point, tier_rate, where
from yibao_tui.core.engine.model import ZERO, Result, Step, minus, period_key, unique
from yibao_tui.core.engine.serious_illness import serious_illness
from yibao_tui.core.msg import Msg


class _Visit:
    """What every step of one visit reads: the scheme and care kind's rows, the claim and
    person, the year so far (``st``, a YearState) and the result the steps are added to."""

    __slots__ = ("add", "base_path", "care", "claim", "person", "quarter", "res", "sch", "st", "w")

    def __init__(self, policy, person, claim, st):
        self.sch = policy.scheme(person.scheme)
        self.care = self.sch.care(claim.care)
        self.w = where(person, claim, policy)  # what the visit's rows are picked for
        self.base_path = f"{person.scheme}.care.{claim.care}"
        self.claim, self.person, self.st = claim, person, st
        self.res = Result(claim)
        self.add = self.res.steps.append
        if claim.date is not None:
            self.quarter = (claim.date.month - 1) // 3 + 1
            st.last_quarter = self.quarter
        else:
            self.quarter = st.last_quarter  # undated: same quarter as the visit before


def one_visit(policy, person, claim, st):
    """The steps and figures of one visit, carrying the year's state ``st`` on."""
    v = _Visit(policy, person, claim, st)
    res, add, amount = v.res, v.add, claim.amount
    add(Step("amount", Msg("step.amount"), "amount", {"a": amount}, amount))
    if claim.out_of_policy:
        add(Step("out_of_policy", Msg("step.out_of_policy"),
                 "amount", {"a": claim.out_of_policy}, claim.out_of_policy))
    res.total = amount + claim.out_of_policy

    # 1. Shares paid first by the patient (乙类先行自付, 特殊药品先行自付).
    eligible, floor = _first_paid(v)
    # 2. Deductible (起付线): per visit, per quarter or per year.
    deductible = _deductible(v, eligible, floor)
    above = minus(eligible, deductible)
    # 3. Rate, bands or bill-size tiers (报销比例 / 分段), with cross-region adjustments.
    fund_raw, bands = _rate(v, above)
    # 4. Caps: the care kind's own cap and the fund's annual cap shared across kinds.
    fund, beyond = _caps(v, fund_raw, bands, above)
    res.fund = fund
    add(Step("fund", Msg("step.fund"), "amount", {"a": fund}, fund))
    # 5. Serious-illness insurance (大病保险): cumulative over the year.
    res.serious_illness = serious_illness(v.sch, claim, person, st, amount, fund, beyond, res, v.w)

    res.self_pay = minus(res.total, res.fund, res.serious_illness)
    add(Step("self_pay", Msg("step.self_pay"), "self_pay",
             {"total": res.total, "fund": res.fund, "si": res.serious_illness,
              "sp": res.self_pay}, res.self_pay))
    res.missing = unique(res.missing)
    st.missing.extend(m for m in res.missing if m not in st.missing)
    return res


def _first_paid(v):
    """(eligible, floor): the cost left after the shares paid first (None when a share is
    unknown), and the least it can be (an unknown share is at most its whole part)."""
    eligible = floor = v.claim.amount
    for part in ("class_b", "special_drugs"):
        cost = getattr(v.claim, part)
        if not cost:
            continue
        lab = Msg("step.first_pay", part=part)
        row = v.care.first_pay(part, v.w)
        if row is None or "unknown" in row:
            v.res.missing.append(f"{v.base_path}.first_pay.{part}")
            v.add(Step(part, lab, "first_pay?", {"cost": cost}, None, row,
                       note=(row or {}).get("note", Msg("step_note.no_share"))))
            eligible = None
            floor -= cost
            continue
        share = cost * row["value"]
        floor -= share
        v.add(Step(part, lab, "first_pay", {"cost": cost, "share": row["value"], "paid": share},
                   share, row))
        if eligible is not None:
            eligible -= share
    return eligible, floor


def _deductible(v, eligible, floor=None):
    """The deductible applied. With ``eligible`` unknown (a first-paid share not given) it is
    still known when ``floor`` (the least eligible can be) covers what is due: only what depends
    on the unknown share stays unknown."""
    claim, st, dz = v.claim, v.st, v.claim.disease
    lab = Msg("step.deductible")
    r = v.care.first("deductible_exempt", v.w)
    if r is not None and not (r.get("in_city") and claim.cross_region):
        v.add(Step("deductible", lab, "ded_exempt", {}, ZERO, r))
        return ZERO
    once = v.care.first("deductible_once_a_year", v.w)
    if once is not None and once.get("in_city") and claim.cross_region:
        # The rule is for care given in the city (沈阳 "在本市定点医疗机构住院"): a stay elsewhere
        # pays its own deductible and is not the year's first stay either.
        once = None
    if once is not None and (claim.care, dz) in st.once_paid:
        v.add(Step("deductible", lab, "ded_once_done", {}, ZERO, once))
        return ZERO
    row = v.care.first("deductible", v.w)
    known = row is not None and "value" in row
    per = row.get("per", "visit") if known else "visit"
    full, row, by_stay = _full_deductible(v, row, known)
    if full is None:
        return None
    if not full and not by_stay:
        applied = ZERO  # the text sets none (辽阳 chronic "不设起付线", 两病 "无起付标准")
        v.add(Step("deductible", lab, "ded_none", {}, applied, row))
    else:
        applied = _apply_deductible(v, row, once, full, per, eligible, floor)
        if applied is None:
            return None
    if once is not None:
        st.once_paid.add((claim.care, dz))
    return applied


def _full_deductible(v, row, known):
    """(the deductible due for this stay or visit, the row that gives it, whether a repeat-stay
    rule set it); full None when no source gives it. A repeat stay in the year has its own
    figure or a factor of the first stay's."""
    stay_rule = None
    if v.care.has("repeat_stays"):
        n = v.claim.stay or v.st.stays.get(v.claim.care, 0) + 1
        v.st.stays[v.claim.care] = n
        r = v.care.repeat_stay(n)
        if r is not None:
            stay_rule = (n, r)
    if stay_rule is not None and "value" in stay_rule[1]:
        n, r = stay_rule
        full = r["value"]  # a fixed figure: known even when the first stay's deductible is not
        v.add(Step("repeat_stay", Msg("step.repeat_stay"), "stay_value", {"n": n, "full": full},
                   full, r))
        return full, r, True
    if not known:
        v.res.missing.append(f"{v.base_path}.deductible")
        v.add(Step("deductible", Msg("step.deductible"), "not_given?", {}, None, row,
                   note=(row or {}).get("note", Msg("step_note.no_deductible"))))
        _poison_deductible(v.st, v.claim.care, row, v.quarter)
        return None, row, False
    if stay_rule is not None:
        n, r = stay_rule
        full = row["value"] * r["factor"]
        v.add(Step("repeat_stay", Msg("step.repeat_stay"), "stay_factor",
                   {"n": n, "base": row["value"], "factor": r["factor"], "full": full}, full, r))
        return full, row, True
    return row["value"], row, False


def _apply_deductible(v, row, once, full, per, eligible, floor):
    """What of ``full`` this visit pays: all of it per visit, what is left of it this quarter or
    year; None when that depends on an unknown figure."""
    claim, st, add = v.claim, v.st, v.add
    lab = Msg("step.deductible")
    cited = once or row
    if eligible is None:
        key = None if per == "visit" else (claim.care, period_key(per, v.quarter))
        met = ZERO if key is None else st.deductible_met.get(key, ZERO)
        due = None if met is None else max(ZERO, full - met)
        if due is None or floor is None or floor < due:
            add(Step("deductible", lab, "ded_on_unknown?", {"full": full}, None, row))
            _poison_deductible(st, claim.care, row, v.quarter)
            return None
        if key is not None:
            st.deductible_met[key] = met + due
        add(Step("deductible", lab, "ded_floor", {"floor": floor, "due": due, "applied": due},
                 due, cited))
        return due
    if per == "visit":
        applied = min(eligible, full)
        add(Step("deductible", lab, "ded_visit",
                 {"eligible": eligible, "full": full, "applied": applied}, applied, cited))
        return applied
    key = (claim.care, period_key(per, v.quarter))
    met = st.deductible_met.get(key, ZERO)
    if met is None:
        v.res.missing.extend(st.missing)
        add(Step("deductible", lab, "period?", {}, None, row))
        return None
    applied = min(eligible, max(ZERO, full - met))
    st.deductible_met[key] = met + applied
    add(Step("deductible", lab, "ded_quarter" if per == "quarter" else "ded_year",
             {"eligible": eligible, "full": full, "met": met, "applied": applied}, applied, cited))
    return applied


def _poison_deductible(st, care, row, quarter):
    per = row.get("per") if row else None
    if per in ("year", "quarter"):
        st.deductible_met[(care, period_key(per, quarter))] = None


def _rate(v, above):
    """Fund share before caps, and the scale used (for the cap's inverse)."""
    row = _rate_row(v)
    adjust, setto, cr_unknown = _cross_region(v)
    if row is None or cr_unknown:
        return None, None

    def eff(r):
        return max(ZERO, (setto if setto is not None else r) + adjust)

    if "tiers" in row:
        tiers = row["tiers"]
        t = tier_rate(tiers, v.claim.amount)
        r = eff(t["rate"])
        bands = [{"rate": r}]
        if "up_to" in t:
            tpl = "tier_le" if t.get("edge") == "inclusive" else "tier_lt"
            edge = t["up_to"]
        else:
            tpl, edge = "tier_above", tiers[tiers.index(t) - 1]["up_to"]
        v.add(Step("tier", Msg("step.tier"), tpl, {"amount": v.claim.amount, "edge": edge, "r": r},
                   None, row))
    elif "bands" in row:
        bands = [dict(b, rate=eff(b["rate"])) for b in row["bands"]]
    else:
        bands = [{"rate": eff(row["value"])}]
    return _pay_bands(v, row, bands, above), bands


def _rate_row(v):
    """The rate row for this visit (through ``same_as`` to another care kind's rates), or None
    when no source gives it (named as missing, with its step)."""
    via, row = v.care.rate(v.w)
    if row is None or "unknown" in row:
        # Not returned yet: an unknown cross-region figure below is named as missing too.
        v.res.missing.append(f"{v.base_path}.rate")
        v.add(Step("rate", Msg("step.rate"), "not_given?", {}, None, row or via,
                   note=(row or {}).get("note", Msg("step_note.no_rate"))))
        return None
    if via is not None:
        v.add(Step("rate_rule", Msg("step.rate_rule"), "rate_rule", {"care": via["same_as"]}, None,
                   via))
    return row


def _cross_region(v):
    """(reduction, rate set or None, any unknown): a status sets the rate or lowers it;
    reductions stack (辽源). Every status is checked, so every unknown one is named."""
    adjust, setto, unknown = ZERO, None, False
    for status in v.claim.cross_region:
        cr = v.sch.cross_region(status, v.w)
        lab = Msg("step.cross_region", status=status)
        if cr is None or "unknown" in cr:
            v.res.missing.append(f"{v.person.scheme}.cross_region.{status}")
            v.add(Step("cross_region", lab, "cr?", {}, None, cr,
                       note=(cr or {}).get("note", Msg("step_note.no_cross_region_rate"))))
            unknown = True
        elif "set" in cr:
            setto = cr["set"] if setto is None else min(setto, cr["set"])
            v.add(Step("cross_region", lab, "cr_set", {"r": cr["set"]}, None, cr))
        elif cr["adjust"]:
            adjust += cr["adjust"]
            v.add(Step("cross_region", lab, "cr_adjust", {"r": cr["adjust"]}, None, cr))
        else:
            v.add(Step("cross_region", lab, "cr_home", {}, None, cr))
    return adjust, setto, unknown


def _pay_bands(v, row, bands, above):
    """The fund's share of ``above`` (the cost over the deductible) band by band, a step each."""
    if above is None:
        v.add(Step("band", Msg("step.band"), "band?", {"r": bands[0]["rate"]}, None, row))
        return None
    parts = scale_amount(bands, above)
    if not parts:
        v.add(Step("band", Msg("step.band"), "band",
                   {"part": ZERO, "r": bands[0]["rate"], "paid": ZERO}, ZERO, row))
        return ZERO
    multi = len(bands) > 1
    for i, (lo, hi, rate, part, paid) in enumerate(parts, 1):
        if multi:
            lab = (Msg("step.band_n", i=i, lo=lo, hi=hi) if hi is not None
                   else Msg("step.band_top", i=i, lo=lo))
        else:
            lab = Msg("step.band")
        v.add(Step("band", lab, "band", {"part": part, "r": rate, "paid": paid}, paid, row))
    return sum((p[4] for p in parts), ZERO)


def _limits(v):
    """The caps that apply: [(pool key, row, step key, label)]; an unknown cap is named as
    unchecked, with its step, and not applied."""
    claim, scheme = v.claim, v.person.scheme
    limits = []
    idx, row = v.care.pick("cap", v.w)
    if row is not None:
        if "unknown" in row:
            v.res.unchecked.append(f"{v.base_path}.cap")
            v.add(Step("cap", Msg("step.cap"), "cap?", {}, None, row))
        elif "value" in row:
            limits.append((("cap", claim.care, idx, period_key(row["per"], v.quarter)), row,
                           "cap", Msg("step.cap")))
    i, fr = v.sch.fund_cap(claim.care)
    if fr is not None:
        lab = Msg("step.fund_cap")
        if "unknown" in fr:
            v.res.unchecked.append(f"{scheme}.fund_cap")
            v.add(Step("fund_cap", lab, "cap?", {}, None, fr))
        elif "value" in fr:
            limits.append((("fund_cap", i), fr, "fund_cap", lab))
    return limits


def _caps(v, fund_raw, bands, above):
    """Apply the care kind's cap and the fund's annual cap shared across kinds.

    Returns (fund, in-policy cost beyond the fund's cap).
    """
    st, add = v.st, v.add
    limits = _limits(v)
    fund = fund_raw
    beyond = ZERO
    for key, row, skey, lab in limits:
        used = st.used.get(key, ZERO)
        if used is None or fund is None:
            if fund is not None:
                v.res.missing.extend(st.missing)
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
