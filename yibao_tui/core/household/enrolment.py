"""Enrolment for a household's year: premiums, cover start and 烟台's serious-illness cap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from yibao_tui.core import enrolment as enr
from yibao_tui.core import policy as pol
from yibao_tui.core.enrolment.line import NOT_IN_SOURCE
from yibao_tui.core.enrolment.premium import PREMIUM
from yibao_tui.core.household.calendar import calendar_for_year, policy_for_year
from yibao_tui.core.household.model import Member, city_msg, scheme_msg
from yibao_tui.core.household.supplied import SuppliedPolicies, with_supplied
from yibao_tui.core.household.unlisted import is_unlisted
from yibao_tui.core.msg import Msg


def enrol_msg(e):
    """An enrolment error's message, with its CLI option named as the household file's key."""
    m = e.msg
    how = m.args.get("how")
    if isinstance(how, Msg) and how.key == "enrolment.how.option":
        key = how.args["opt"].replace("-", "_")
        m = Msg(m.key, **{**m.args, "how": Msg("enrolment.how.entry", opt=key)})
    return m


class CoverYearError(enr.EnrolmentError):
    """A payment for another year than the household's: ``msg`` says which (a Msg)."""

    def __init__(self, msg):
        super().__init__(repr(msg))
        self.msg = msg


def this_year_entry(household, m):
    """(index, entry) of the member's enrolment entry for the household's year in the member's
    city and scheme (an entry without city or scheme is the member's own), or (None, None)."""
    for j, e in enumerate(m.enrolment):
        if (e.get("year") == household.year and e.get("city", m.city) == m.city
                and e.get("scheme", m.scheme) == m.scheme):
            return j, e
    return None, None


def history(household, m, policy=None):
    """The member's enrolment history before the household's year, as whole years:
    ``lapsed`` years without any entry between the last earlier entry and this year (0 when no
    earlier entry is recorded), and for a policy with serious-illness adjustments ``continuous``
    (this year and the unbroken run of earlier years in the same city and scheme, from the
    year the policy counts from) and ``claim_free`` (earlier years in that city and scheme marked
    claim_free, from that year on). Returns a dict with a ``notes`` list (``Msg``) saying how."""
    year = household.year
    years = {e["year"] for e in m.enrolment if e.get("year") is not None}
    earlier = sorted(y for y in years if y < year)
    notes = []
    if earlier:
        lapsed = sum(1 for y in range(earlier[-1] + 1, year) if y not in years)
        notes.append(Msg("hist.lapsed", last=earlier[-1], n=lapsed))
    else:
        lapsed = 0
        notes.append(Msg("hist.none"))
    same = {e["year"]: e for e in m.enrolment
            if e.get("city", m.city) == m.city and e.get("scheme", m.scheme) == m.scheme}
    out = {"lapsed": lapsed, "continuous": None, "claim_free": None, "counted_from": None,
           "notes": notes}
    sch = policy.scheme(m.scheme) if policy is not None else None
    adj = sch.si_adjustments if sch is not None else None
    if adj is None:
        return out
    frm = (adj.continuous or {}).get("counted_from", 0)
    n, y = 0, year
    while y >= frm and (y == year or y in same):
        n += 1
        y -= 1
    cf = sorted(y for y, e in same.items() if frm <= y < year and e.get("claim_free"))
    out.update(continuous=n, claim_free=len(cf), counted_from=frm or None)
    notes.append(Msg("hist.continuous", frm=frm, year=year, n=n, years=cf) if cf
                 else Msg("hist.continuous_none", frm=frm, year=year, n=n))
    return out


@dataclass
class MemberEnrolment:
    """One member's premium, cover start and (烟台) serious-illness cap adjustment for the
    household's year. Each part is None when it does not apply, with the reason in its note.
    Notes, notices and the error are ``Msg``s."""

    member: Member
    policy: object
    entry: dict | None = None  # this year's enrolment entry
    premium: object = None  # enrolment.Premium
    premium_note: Msg | None = None
    cover: object = None  # enrolment.Cover
    cover_note: Msg | None = None
    history: dict | None = None
    si_cap: object = None  # enrolment.CapAdjustment
    notices: list = field(default_factory=list)
    error: Msg | None = None


@dataclass
class EnrolmentSummary:
    members: list  # [MemberEnrolment] in file order
    total: Decimal | None  # what the household pays a year; None while a premium is open
    open: list  # member ids whose premium is unknown or a tier still to choose


def member_enrolment(household, m, policies):
    """The premium, cover start and cap adjustment of one member (see ``enrolment_summary``).
    Raises enrolment.EnrolmentError for a question the member's policy cannot take."""
    p, _asked = policy_for_year(policies, m.city, household.year)
    me = MemberEnrolment(m, p)
    if p is None:
        me.error = Msg.of(policies.errors.get(m.city)) or Msg("policy.missing", city=m.city)
        return me
    if not m.insured:
        me.premium_note = me.cover_note = Msg("enrol.not_insured")
        return me
    year = household.year
    if p.year != year:
        me.notices.append(Msg("enrol.old_policy", year=year, city=p.name,
                              pyear=p.year))
    if is_unlisted(p, m.scheme):
        me.notices.append(Msg("hhy.unlisted_scheme", city=p.name, scheme=scheme_msg(m.scheme)))
    _, e = this_year_entry(household, m)
    me.entry = e
    e = e or {}
    if p.scheme(m.scheme) is None:
        return _scheme_not_on_file(me, p)
    me.premium = enr.premium(p, m.category, m.flags, e.get("tier"), m.scheme, e.get("wage"), m.name,
                             born=m.birth_year, on=dt.date(year, 1, 1))  # the year it pays for
    if m.scheme == "employee" and me.premium.amount is None and "wage" in me.premium.missing:
        me.premium_note = Msg("enrol.no_wage", year=year)
    elif me.premium.choices:
        me.premium_note = Msg("enrol.tier", year=year, tiers=[t for t, _, _ in me.premium.choices])
    me.history = history(household, m, p)
    sch = p.scheme(m.scheme)
    enrol = sch.enrolment if sch is not None else None
    if enrol is None:
        me.cover_note = Msg("enrol.no_rules", city=city_msg(p), scheme=scheme_msg(m.scheme))
    elif "paid" not in e:
        me.cover_note = Msg("enrol.no_paid", year=year)
    else:
        cal = calendar_for_year(p, m.scheme, year)
        if cal is not p:  # the newest file's calendar, moved to this year: said so
            me.cover_note = Msg("hhy.moved_calendar", city=p.name, pyear=p.year, year=year)
        me.cover = enr.cover_start(
            cal, e["paid"], m.category, m.flags, situations=e.get("situations", ()),
            born=e.get("born"), lapsed_years=me.history["lapsed"],
            employee_until=e.get("employee_until"), recognised=e.get("recognised"),
            scheme=m.scheme)
        if me.cover.cover_year != year:
            raise CoverYearError(Msg("enrol.pays_for", paid=e["paid"], cover=me.cover.cover_year,
                                     year=year, window=_window_text(cal.scheme(m.scheme).enrolment.window)))
        if me.cover.start is None:
            me.cover_note = Msg("enrol.no_start")
        me.cover.policy = p
    if sch is not None and sch.si_adjustments is not None:
        h = me.history
        me.si_cap = enr.si_cap_adjustment(p, h["continuous"], h["claim_free"], h["lapsed"],
                                          scheme=m.scheme, year=year)
        for ln in me.si_cap.lines:  # the original cap is supplied in the file, not by --base
            if isinstance(ln.note, Msg) and ln.note.key == "enrolment.note.base_unknown":
                ln.note = Msg(ln.note.key, how=Msg("enrolment.how.supplied", city=m.city,
                                                   path=f"{m.scheme}.serious_illness.cap"))
    return me


def _scheme_not_on_file(me, p):
    """A member in a scheme the city's files do not describe (烟台 employees: its source covers
    their family account, not their premium): the premium and cover are unknown — said so,
    not an error — so the binding check, this section and ``household check`` agree."""
    m = me.member
    why = Msg("enrol.scheme_not_on_file", city=city_msg(p), scheme=m.scheme)
    me.premium = enr.Premium(p, m.scheme, m.category, m.flags, None, m.name)
    me.premium.missing.append(f"{m.scheme}.premium")
    me.premium.lines.append(enr.Line("premium", PREMIUM, NOT_IN_SOURCE, None))
    me.premium_note = me.cover_note = why
    return me


_SELECTORS = ("grades", "categories", "diseases", "flags")
_ADJ_KEYS = ("continuous", "claim_free", "lapse")


def member_policy(policy, m, si_cap):
    """The policy a member's year is estimated with: the city's (supplied figures filled in)
    and, where the city adjusts the serious-illness cap by enrolment history (烟台) and the
    original cap is known (supplied), the member's adjusted cap (``si_cap``, an
    enrolment.CapAdjustment from ``member_enrolment``) in front of it, cited to the adjustment's
    quotes and marked as derived from the supplied base. A member with no adjustment keeps the
    base; one whose adjustment cannot be worked out gets an unknown cap. Only the cap list is
    copied; ``policy`` is not changed."""
    if policy is None or si_cap is None or si_cap.base is None:
        return policy  # no adjustments here, or the original cap unknown: the cap stays as is
    sch = policy.scheme(m.scheme)
    si = sch.serious_illness if sch is not None else None
    caps = si.rows("cap") if si is not None else ()
    idx, base_row = pol.pick(caps, pol.Where(flags=m.flags))
    if base_row is None or "value" not in base_row:
        return policy
    if si_cap.adjusted is not None and not si_cap.net:
        return policy  # nothing to adjust: the (supplied) base as is
    row = {k: list(base_row[k]) for k in _SELECTORS if k in base_row}
    if si_cap.adjusted is None:
        row.update(unknown=True, note=Msg("hh.adjusted_cap_unknown"))
    else:
        used = [ln for ln in si_cap.lines
                if (ln.key in _ADJ_KEYS and ln.amount)
                or (ln.key == "increase_limit" and si_cap.up != si_cap.increase)
                or (ln.key == "decrease_limit" and si_cap.down != si_cap.decrease)]
        quotes = list(dict.fromkeys(ln.quote for ln in used if ln.quote))
        sources = list(dict.fromkeys(ln.source for ln in used if ln.source))
        adj = next(ln for ln in si_cap.lines if ln.key == "adjusted")
        row.update(value=si_cap.adjusted, per=base_row.get("per", "year"), supplied=True,
                   derived={"base": si_cap.base, "up": si_cap.up, "down": si_cap.down},
                   note=_derived_note(adj, used))
        if sources:
            row["source"] = ", ".join(sources)
        if quotes:
            row["quote"] = " … ".join(quotes)
    return policy.with_rows({f"{m.scheme}.serious_illness.cap": [*caps[:idx], row, *caps[idx:]]})


def _derived_note(adj, used):
    """The derived cap row's note: the adjustment's working, worded when shown."""
    return Msg("hh.derived_cap", adjusted=adj.text, parts=[ln.text for ln in used])


def _window_text(w):
    lo = w.get("from")
    return f"{lo.isoformat() if lo else '?'} – {w['to'].isoformat()}"


def enrolment_summary(household, policies):
    """Every member's premium (cited, or unknown with what is missing), cover start (with the
    rule quoted, or why unknown) and, for a city with serious-illness cap adjustments (烟台),
    the adjustment derived from the enrolment history; and the household's premium total."""
    policies = with_supplied(household, policies)
    rows = []
    for m in household.members:
        try:
            rows.append(member_enrolment(household, m, policies))
        except enr.EnrolmentError as e:
            rows.append(MemberEnrolment(m, policies.get(m.city),
                                        error=Msg("named", name=m.name, msg=enrol_msg(e))))
    paying = [r for r in rows if r.premium is not None or r.error]
    open_ = [r.member.id for r in paying if r.error or r.premium.amount is None]
    total = None if open_ else enr.premium_total([r.premium for r in paying])
    return EnrolmentSummary(rows, total, open_)


def enrolment_problems(household, policies):
    """Problems in the enrolment entries and supplied figures that need the members' policies
    (a situation the city does not define, a tier it does not offer, a payment for another
    year, a supplied figure with nothing to fill): [(member id or None, (file, line, reason))];
    the reason is a ``Msg``: "problem.enrol_where" (an entry the policy cannot take),
    "problem.enrol_error" (what enrolment.py could not work out) or "file.supplied_bad"."""
    name = household.source_name or "household"
    policies = with_supplied(household, policies)
    out = []
    for m in household.members:
        p = policies.get(m.city)
        if p is None or not m.insured or m.scheme not in p.scheme_ids:
            continue
        j, e = this_year_entry(household, m)
        lines = m.enrolment_lines[j] if j is not None and j < len(m.enrolment_lines) else {}
        line = lines.get(None)
        where = {"name": m.name, "year": household.year}
        if e is not None and e.get("situations"):
            enrol = p.scheme(m.scheme).enrolment
            known = enrol.situations if enrol is not None else {}
            for sit in e["situations"]:
                if sit not in known:
                    why = Msg("problem.situation", sit=sit, city=city_msg(p),
                              accepted=", ".join(known) if known else Msg("none"))
                    out.append((m.id, (name, lines.get("situations", line),
                                       Msg("problem.enrol_where", **where, msg=why))))
        if out and out[-1][0] == m.id:
            continue
        try:
            member_enrolment(household, m, policies)
        except enr.EnrolmentError as err:
            out.append((m.id, (name, line, Msg("problem.enrol_error", **where,
                                               msg=enrol_msg(err)))))
    if isinstance(policies, SuppliedPolicies):
        for city in dict.fromkeys(e.get("city") for e in household.supplied):
            policies.get(city)
        out += [(None, p) for p in policies.problems]
    return out

