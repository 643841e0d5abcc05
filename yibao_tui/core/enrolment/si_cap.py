"""烟台's serious-illness cap: incentives for continuous and claim-free years, a penalty for a
lapse, each side limited to a share of the original cap."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.enrolment.line import ZERO, EnrolmentError, Line, city_year, msg, scheme_of
from yibao_tui.core.policy.select import ANYONE

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
    return counted, msg("text.counted", given=given, year=year, frm=frm, most=most, counted=counted)


def si_cap_adjustment(policy, continuous_years=0, claim_free_years=0, lapsed_years=0, base=None,
                      scheme="resident", year=None):
    """The change to the serious-illness cap, cited, and the adjusted cap when the original cap
    is known: from the policy, or ``base`` supplied by the user (marked so).

    ``year`` (default: the policy's year) is the year the cap is for: a row with
    ``counted_from`` counts only years from then on, so more years than have passed since cannot
    raise or lower the cap (烟台: continuous years from 2025, so no increase before 2029)."""
    _check_counts(continuous_years=continuous_years, claim_free_years=claim_free_years,
                  lapsed_years=lapsed_years)
    year = policy.year if year is None else year
    sch = scheme_of(policy, scheme)
    adj = sch.si_adjustments
    if adj is None:
        raise EnrolmentError(msg("err.no_adjustments", city=city_year(policy)))
    res = CapAdjustment()
    path = f"{scheme}.serious_illness_adjustments"
    res.increase = _increase(res, adj, continuous_years, claim_free_years, year, path)
    res.decrease = _decrease(res, adj, lapsed_years, year, path)
    _original_cap(res, sch, base)
    up_lim = _limit(res, adj.increase_limit, res.increase, f"{path}.increase_limit")
    down_lim = _limit(res, adj.decrease_limit, res.decrease, f"{path}.decrease_limit")
    _adjusted(res, up_lim, down_lim)
    return res


def _check_counts(**counts):
    for k, v in counts.items():
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise EnrolmentError(msg("err.whole", what=msg(f"what.{_WHAT[k]}")))


def _increase(res, adj, continuous_years, claim_free_years, year, path):
    """The incentives before their limit: each continuous year past ``after_years`` and each
    claim-free year × its value, cited; None when a row is unknown."""
    add = res.lines.append
    inc = ZERO
    c = adj.continuous
    if c is not None:
        counted, why = _counted(continuous_years, c, year, this_year=True)
        extra = max(0, counted - c["after_years"])
        if "unknown" in c:
            res.missing.append(f"{path}.continuous")
            add(Line("continuous", msg("label.continuous"), msg("text.not_in_source"), None, c))
            inc = None
        else:
            v = extra * c["value"]
            inc += v
            add(Line("continuous", msg("label.continuous"),
                     msg("text.continuous", why=why, years=counted, frm=c["counted_from"],
                         extra=extra, after=c["after_years"], value=c["value"], v=v), v, c))
    cf = adj.claim_free
    if cf is not None and inc is not None:
        if "unknown" in cf:
            res.missing.append(f"{path}.claim_free")
            return None
        counted, why = _counted(claim_free_years, cf, year, this_year=False)
        v = counted * cf["value"]
        inc += v
        add(Line("claim_free", msg("label.claim_free"),
                 msg("text.times", why=why, n=counted, value=cf["value"], v=v), v, cf))
    return inc


def _decrease(res, adj, lapsed_years, year, path):
    """The penalty before its limit: each lapsed year × its value, cited; None when unknown."""
    lp = adj.lapse
    if lp is None:
        return ZERO
    if "unknown" in lp:
        res.missing.append(f"{path}.lapse")
        return None
    counted, why = _counted(lapsed_years, lp, year, this_year=False)
    dec = counted * lp["value"]
    res.lines.append(Line("lapse", msg("label.lapse_cut"),
                          msg("text.times_cut", why=why, n=counted, value=lp["value"], v=-dec),
                          -dec if dec else ZERO, lp))
    return dec


def _original_cap(res, sch, base):
    """The cap the adjustments apply to: ``base`` supplied by the user, else the policy's own
    (a supplied figure where no source gives it); unknown otherwise (named in ``missing``)."""
    si = sch.serious_illness
    cap_row = si.first("cap", ANYONE) if si else None
    label = msg("label.base")
    if base is not None:
        res.base, res.base_supplied = Decimal(base), True
        res.lines.append(Line("base", label, msg("text.supplied", v=res.base), res.base,
                              supplied=True, note=msg("note.supplied")))
    elif cap_row is not None and "value" in cap_row:
        res.base = cap_row["value"]
        res.base_supplied = bool(cap_row.get("supplied"))
        res.lines.append(Line("base", label, msg("text.amount", v=res.base), res.base, cap_row))
    else:
        res.missing.append(f"{sch.id}.serious_illness.cap")
        res.lines.append(Line("base", label, msg("text.base_unknown"), None, cap_row,
                              note=msg("note.base_unknown", how=msg("how.option", opt="base"))))


def _adjusted(res, up_lim, down_lim):
    """The net change within the limits and the adjusted cap; unknown while any part is."""
    add = res.lines.append
    inc, dec = res.increase, res.decrease
    if None in (inc, dec, res.base, up_lim, down_lim):
        res.net = None if None in (inc, dec) else inc - dec
        add(Line("net", msg("label.net"), msg("text.net", inc=inc, dec=dec), res.net))
        add(Line("adjusted", msg("label.adjusted"), msg("text.unknown"), None))
        return
    up, down = min(inc, up_lim), min(dec, down_lim)
    res.up, res.down = up, down
    res.net = up - down
    res.adjusted = res.base + res.net
    add(Line("adjusted", msg("label.adjusted"),
             msg("text.adjusted", base=res.base, up=up, down=down, adjusted=res.adjusted),
             res.adjusted, supplied=res.base_supplied))


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
        res.lines.append(Line(key, msg(f"label.{key}"), msg("text.limit_open", share=share), None, row))
        return None
    lim = res.base * share
    capped = amount is not None and amount > lim
    res.lines.append(Line(key, msg(f"label.{key}"),
                          msg("text.limit_reached" if capped else "text.limit", share=share,
                              base=res.base, lim=lim), lim, row))
    return lim
