"""Premiums: what one member pays a year (resident rows, 烟台's tiers, employee shares)."""

from __future__ import annotations

from yibao_tui.core.enrolment.line import (
    NOT_IN_SOURCE,
    ZERO,
    EnrolmentError,
    Line,
    check_person,
    city_year,
    msg,
    scheme_of,
)
from yibao_tui.core.policy.select import matches

PREMIUM = msg("label.premium")


class Premium:
    """What one member pays a year. ``amount`` None: unknown, or a tier still to choose
    (``choices`` then lists (tier, amount, row))."""

    __slots__ = ("amount", "category", "choices", "employer", "flags", "lines", "missing", "name",
                 "policy", "scheme", "tier")

    def __init__(self, policy, scheme, category, flags, tier, name=None):
        self.policy = policy
        self.scheme = scheme
        self.category = category
        self.flags = flags
        self.tier = tier
        self.name = name
        self.amount = None
        self.employer = None
        self.choices = []
        self.lines = []
        self.missing = []


def premium(policy, category, flags=(), tier=None, scheme="resident", wage=None, name=None,
            born=None, on=None):
    """The yearly premium of one member, cited.

    Resident rows are tried in order; the first whose categories and flags match decides (as in
    the engine). Where a category may choose a tier (烟台 adults) and ``tier`` is None, the
    tiers are listed in ``choices`` and the amount is left open. An employee premium is a share
    of the monthly contribution base: ``wage`` (yuan a month) gives the amounts. ``born`` (the
    year of birth, or None) is checked against a row's birth cut-off (``born_after``). ``on``:
    the day a dated row (``from``/``until``) is matched against — the first day of the year the
    premium pays for; None: the first day the policy file covers.
    """
    flags = frozenset(flags)
    sch = scheme_of(policy, scheme)
    if on is None:
        from yibao_tui.core.policy.years import span

        on = span(policy)[0]
    where = check_person(policy, sch, category, flags, on)
    res = Premium(policy, scheme, category, flags, tier, name)
    rows = [r for r in sch.rows("premium") if matches(r, where)]
    path = f"{scheme}.premium"
    if not rows:
        res.missing.append(path)
        res.lines.append(Line("premium", PREMIUM, NOT_IN_SOURCE, None,
                              note=msg("note.no_premium", scheme=scheme, category=category)))
        return res
    if scheme == "employee" and any("payer" in r for r in rows):
        return _employee_premium(res, rows, wage, path)
    if tier is not None:
        rows = _chosen_tier(policy, rows, tier, category)
    row = rows[0]
    cut = _birth_cut_off(policy, row, born, category, flags, tier, scheme, wage, name, on)
    if cut is not None:
        return cut
    if tier is None and "tier" in row:
        tiers = {}
        for r in rows:
            if "tier" in r:
                tiers.setdefault(r["tier"], r)
        if len(tiers) > 1:
            res.choices = [(t, r.get("value"), r) for t, r in sorted(tiers.items())]
            for t, v, r in res.choices:
                res.lines.append(Line("premium_tier", msg("label.tier", tier=t),
                                      msg("text.per_year", v=v), v, r))
            res.lines.append(Line("premium", PREMIUM, msg("text.tier_open"), None))
            res.missing.append("tier")  # what the user must give, as "wage" for an employee
            return res
        res.tier = row["tier"]
    if "unknown" in row:
        res.missing.append(path)
        res.lines.append(Line("premium", PREMIUM, NOT_IN_SOURCE, None, row))
        return res
    v = row["value"]
    res.amount = v
    text = msg("text.pays_nothing") if v == 0 else msg("text.per_year", v=v)
    if res.tier is not None:
        text = msg("text.tier", tier=res.tier, text=text)
    res.lines.append(Line("premium", PREMIUM, text, v, row))
    return res


def _chosen_tier(policy, rows, tier, category):
    """The rows of the tier chosen; EnrolmentError where the category has no such tier."""
    if "tier" not in rows[0]:
        raise EnrolmentError(msg("err.no_tiers", city=city_year(policy), category=category))
    chosen = [r for r in rows if r.get("tier") == tier]
    if not chosen:
        offered = sorted({r["tier"] for r in rows if "tier" in r})
        raise EnrolmentError(msg("err.tier", tier=tier, category=category, city=city_year(policy),
                                 offered=[str(t) for t in offered]))
    return chosen


def _birth_cut_off(policy, row, born, category, flags, tier, scheme, wage, name, on):
    """A row only for those born after a day (辽源 minors "2004年12月31日24时后出生"): a member
    born on or before it pays as the row's ``otherwise`` category, said in a line; with no
    year of birth the row stands and a line names the condition. None: the row applies as is."""
    cut = row.get("born_after")
    if cut is None:
        return None
    # With only a year of birth the test is exact when the cut-off is 31 December; otherwise
    # the year of the cut-off itself cannot be told and the row stands, with the condition said.
    year_end = (cut.month, cut.day) == (12, 31)
    if born is not None and (born < cut.year or (born == cut.year and year_end)):
        res = premium(policy, row["otherwise"], flags, tier, scheme, wage, name, on=on)
        res.category = category
        res.lines.insert(0, Line("born_cut_off", msg("label.born_cut_off"),
                                 msg("text.born_before_cut_off", born=born, cut=cut,
                                     category=category, otherwise=row["otherwise"]), None, row))
        return res
    if born is None:
        res = premium(policy, category, flags, tier, scheme, wage, name, born=cut.year + 1, on=on)
        res.lines.insert(0, Line("born_cut_off", msg("label.born_cut_off"),
                                 msg("text.born_unknown_cut_off", cut=cut, category=category,
                                     otherwise=row["otherwise"]), None, row))
        return res
    return None


def _employee_premium(res, rows, wage, path):
    for payer in ("employer", "employee"):
        label = msg(f"label.{payer}")
        r = next((r for r in rows if r.get("payer") == payer), None)
        if r is None or "unknown" in r:
            res.missing.append(f"{path}.{payer}")
            res.lines.append(Line(f"premium_{payer}", label, NOT_IN_SOURCE, None, r))
            continue
        rate = r["rate"]
        if wage is None:
            res.lines.append(Line(f"premium_{payer}", label, msg("text.no_wage", rate=rate), None, r))
            if payer == "employee":
                res.missing.append("wage")
            continue
        month = wage * rate
        year = month * 12
        res.lines.append(Line(f"premium_{payer}", label,
                              msg("text.wage", wage=wage, rate=rate, month=month, year=year), year, r))
        if payer == "employee":
            res.amount = year
        else:
            res.employer = year
    return res


def premium_total(results):
    """The household's yearly total: None while any member's premium is open or unknown."""
    total = ZERO
    for r in results:
        if r.amount is None:
            return None
        total += r.amount
    return total
