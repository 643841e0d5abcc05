"""烟台's serious-illness cap: incentives for continuous and claim-free years, a penalty for a
lapse, each side limited to a share of the original cap."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.engine import pick
from yibao_tui.core.enrolment.line import ZERO, EnrolmentError, Line, _city, _m, _scheme

_WHAT = {"continuous_years": "continuous", "claim_free_years": "claim_free", "lapsed_years": "lapsed"}


class CapAdjustment:
    """Serious-illness cap after 烟台's incentives and penalties. ``increase`` / ``decrease``
    are before the 20 % limits, ``up`` / ``down`` within them (None until known); ``adjusted`` is
    None until the original cap (``base``) is known."""

    __slots__ = ("adjusted", "base", "base_supplied", "decrease", "down", "increase", "lines",
                 "missing", "net", "up")

    def __init__(self):
        self.lines = []
        self.missing = []
        self.increase = self.decrease = self.net = ZERO
        self.base = self.adjusted = self.up = self.down = None
        self.base_supplied = False


def _counted(given, row, year, this_year):
    """How many of ``given`` years can count in ``year`` when the row counts from
    ``counted_from`` (烟台 "以2025年为时间节点"): years before it never count. ``this_year``: the
    year itself is one of them (continuous enrolment) or not (a claim-free or lapsed year counts
    in a later year). Returns (counted, why): why is "" when every year given counts."""
    frm = row.get("counted_from")
    if frm is None:
        return given, ""
    most = max(0, year - frm + (1 if this_year else 0))
    counted = min(given, most)
    if counted == given:
        return counted, ""
    return counted, _m("text.counted", given=given, year=year, frm=frm, most=most, counted=counted)


def si_cap_adjustment(policy, continuous_years=0, claim_free_years=0, lapsed_years=0, base=None,
                      scheme="resident", year=None):
    """The change to the serious-illness cap, cited, and the adjusted cap when the original cap
    is known: from the policy, or ``base`` supplied by the user (marked so).

    ``year`` (default: the policy's year) is the year the cap is for: a row with
    ``counted_from`` counts only years from then on, so more years than have passed since cannot
    raise or lower the cap (烟台: continuous years from 2025, so no increase before 2029)."""
    for k, v in (("continuous_years", continuous_years), ("claim_free_years", claim_free_years),
                 ("lapsed_years", lapsed_years)):
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise EnrolmentError(_m("err.whole", what=_m(f"what.{_WHAT[k]}")))
    year = policy.year if year is None else year
    sch = _scheme(policy, scheme)
    adj = sch.get("serious_illness_adjustments")
    if adj is None:
        raise EnrolmentError(_m("err.no_adjustments", city=_city(policy)))
    res = CapAdjustment()
    add = res.lines.append
    path = f"{scheme}.serious_illness_adjustments"
    inc = ZERO
    c = adj.get("continuous")
    if c is not None:
        counted, why = _counted(continuous_years, c, year, this_year=True)
        extra = max(0, counted - c["after_years"])
        if "unknown" in c:
            res.missing.append(f"{path}.continuous")
            add(Line("continuous", _m("label.continuous"), _m("text.not_in_source"), None, c))
            inc = None
        else:
            v = extra * c["value"]
            inc += v
            add(Line("continuous", _m("label.continuous"),
                     _m("text.continuous", why=why, years=counted, frm=c["counted_from"], extra=extra,
                        after=c["after_years"], value=c["value"], v=v), v, c))
    cf = adj.get("claim_free")
    if cf is not None and inc is not None:
        if "unknown" in cf:
            res.missing.append(f"{path}.claim_free")
            inc = None
        else:
            counted, why = _counted(claim_free_years, cf, year, this_year=False)
            v = counted * cf["value"]
            inc += v
            add(Line("claim_free", _m("label.claim_free"),
                     _m("text.times", why=why, n=counted, value=cf["value"], v=v), v, cf))
    dec = ZERO
    lp = adj.get("lapse")
    if lp is not None:
        if "unknown" in lp:
            res.missing.append(f"{path}.lapse")
            dec = None
        else:
            counted, why = _counted(lapsed_years, lp, year, this_year=False)
            dec = counted * lp["value"]
            add(Line("lapse", _m("label.lapse_cut"),
                     _m("text.times_cut", why=why, n=counted, value=lp["value"], v=dec),
                     -dec if dec else ZERO, lp))
    res.increase, res.decrease = inc, dec
    si = sch.get("serious_illness", {})
    cap_row = pick(si.get("cap", ()))[1] if si else None
    base_label = _m("label.base")
    if base is not None:
        res.base, res.base_supplied = Decimal(base), True
        add(Line("base", base_label, _m("text.supplied", v=res.base), res.base,
                 supplied=True, note=_m("note.supplied")))
    elif cap_row is not None and "value" in cap_row:
        res.base = cap_row["value"]
        res.base_supplied = bool(cap_row.get("supplied"))
        add(Line("base", base_label, _m("text.amount", v=res.base), res.base, cap_row))
    else:
        res.missing.append(f"{scheme}.serious_illness.cap")
        add(Line("base", base_label, _m("text.base_unknown"), None, cap_row,
                 note=_m("note.base_unknown", how=_m("how.option", opt="base"))))
    up_lim = _limit(res, adj.get("increase_limit"), inc, f"{path}.increase_limit")
    down_lim = _limit(res, adj.get("decrease_limit"), dec, f"{path}.decrease_limit")
    if None in (inc, dec, res.base, up_lim, down_lim):
        res.net = None if None in (inc, dec) else inc - dec
        add(Line("net", _m("label.net"), _m("text.net", inc=inc, dec=dec), res.net))
        add(Line("adjusted", _m("label.adjusted"), _m("text.unknown"), None))
        return res
    up, down = min(inc, up_lim), min(dec, down_lim)
    res.up, res.down = up, down
    res.net = up - down
    res.adjusted = res.base + res.net
    add(Line("adjusted", _m("label.adjusted"),
             _m("text.adjusted", base=res.base, up=up, down=down, adjusted=res.adjusted),
             res.adjusted, supplied=res.base_supplied))
    return res


def _limit(res, row, amount, path):
    """The most one side may move the cap: share × original cap; None when either is unknown."""
    key = path.rsplit(".", 1)[1]
    if row is None:
        return amount  # no limit in the source on this side
    if "unknown" in row:
        res.missing.append(path)
        return None
    share = row["share"]
    if res.base is None:
        res.lines.append(Line(key, _m(f"label.{key}"), _m("text.limit_open", share=share), None, row))
        return None
    lim = res.base * share
    capped = amount is not None and amount > lim
    res.lines.append(Line(key, _m(f"label.{key}"),
                          _m("text.limit_reached" if capped else "text.limit", share=share,
                             base=res.base, lim=lim), lim, row))
    return lim
