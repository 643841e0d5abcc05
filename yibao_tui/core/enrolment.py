"""Enrolment: premiums, when cover starts, 烟台's serious-illness cap adjustments, grants.

Pure: no I/O, no UI. Every answer is a list of ``Line``s, each citing the policy row it rests on
(source + quote + note), so a view can show why. Figures come from the policy files
(``[[<scheme>.premium]]``, ``[<scheme>.enrolment]``, ``[<scheme>.serious_illness_adjustments]``,
``[[<scheme>.grants]]``, ``[[<scheme>.optional_plans]]``; see policy_ext/enrolment.py); a figure
no source gives stays unknown (``None``) and is named in ``missing``.

Dates follow the civil-code way of counting periods (民法典 第二百零一、二百零二条): a period
starts the day after the event; a period in months ends on the same day of the month N months
on, or on that month's last day when it has no such day; cover starts the day after a wait ends.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from yibao_tui.core.engine import pick, yuan

ZERO = Decimal(0)
ONE_DAY = dt.timedelta(days=1)


class EnrolmentError(ValueError):
    """A question the policy cannot answer as asked (a category, flag or situation it lacks)."""


class Line:
    """One line of an answer: a label, the working in Chinese and English, an amount or date,
    and the row it rests on. ``supplied`` marks a figure the user gave, not a source."""

    __slots__ = ("amount", "en", "key", "note", "quote", "source", "supplied", "text_en",
                 "text_zh", "zh")

    def __init__(self, key, label, text, amount=None, row=None, note=None, supplied=False):
        self.key = key
        self.zh, self.en = label
        self.text_zh, self.text_en = text
        self.amount = amount
        row = row or {}
        self.source = row.get("source")
        self.quote = row.get("quote")
        self.note = note if note is not None else row.get("note")
        self.supplied = supplied or bool(row.get("supplied"))

    def label(self, lang="en"):
        return self.zh if lang == "zh" else self.en

    def text(self, lang="en"):
        return self.text_zh if lang == "zh" else self.text_en

    def as_dict(self):
        a = self.amount
        return {"key": self.key, "label": {"zh": self.zh, "en": self.en},
                "text": self.text_en, "text_zh": self.text_zh,
                "amount": None if a is None else (a.isoformat() if isinstance(a, dt.date) else str(a)),
                "source": self.source, "quote": self.quote, "note": self.note,
                "supplied": self.supplied}


def _scheme(policy, scheme):
    sch = policy.schemes.get(scheme)
    if sch is None:
        raise EnrolmentError(f"{policy.label('en')} has no {scheme} scheme; accepted: "
                             + ", ".join(policy.schemes))
    return sch


def _check_person(policy, sch, scheme, category, flags):
    if category not in sch["categories"]:
        raise EnrolmentError(f"category '{category}' is not in the {scheme} scheme of "
                             f"{policy.label('en')}; accepted: {', '.join(sch['categories'])}")
    bad = [f for f in flags if f not in policy.flags]
    if bad:
        raise EnrolmentError(f"flag '{bad[0]}' is not listed by {policy.label('en')}; accepted: "
                             + (", ".join(policy.flags) or "none"))


def _matches(r, category, flags):
    c = r.get("categories")
    if c is not None and category not in c:
        return False
    f = r.get("flags")
    return f is None or bool(flags.intersection(f))


# ───────────────────────────── premiums ─────────────────────────────

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


def premium(policy, category, flags=(), tier=None, scheme="resident", wage=None, name=None):
    """The yearly premium of one member, cited.

    Resident rows are tried in order; the first whose categories and flags match decides (as in
    the engine). Where a category may choose a tier (烟台 adults) and ``tier`` is None, the
    tiers are listed in ``choices`` and the amount is left open. An employee premium is a share
    of the monthly contribution base: ``wage`` (yuan a month) gives the amounts.
    """
    flags = frozenset(flags)
    sch = _scheme(policy, scheme)
    _check_person(policy, sch, scheme, category, flags)
    res = Premium(policy, scheme, category, flags, tier, name)
    rows = [r for r in sch.get("premium", ()) if _matches(r, category, flags)]
    path = f"{scheme}.premium"
    if not rows:
        res.missing.append(path)
        res.lines.append(Line("premium", ("个人缴费", "premium"),
                              ("资料未给出", "not in the source"), None,
                              note=f"No source on file gives the {scheme} premium for '{category}'."))
        return res
    if scheme == "employee" and any("payer" in r for r in rows):
        return _employee_premium(res, rows, wage, path)
    if tier is not None:
        first = rows[0]
        if "tier" not in first:
            raise EnrolmentError(f"{policy.label('en')} has no premium tiers for '{category}'")
        rows = [r for r in rows if r.get("tier") == tier]
        if not rows:
            offered = sorted({r["tier"] for r in sch["premium"] if "tier" in r
                              and _matches(r, category, flags)})
            raise EnrolmentError(f"tier {tier} is not offered to '{category}' in "
                                 f"{policy.label('en')}; offered: {', '.join(map(str, offered))}")
    row = rows[0]
    if tier is None and "tier" in row:
        tiers = {}
        for r in rows:
            if "tier" in r:
                tiers.setdefault(r["tier"], r)
        if len(tiers) > 1:
            res.choices = [(t, r.get("value"), r) for t, r in sorted(tiers.items())]
            for t, v, r in res.choices:
                res.lines.append(Line("premium_tier", (f"第{t}档", f"tier {t}"),
                                      (f"{yuan(v)}元/年", f"{yuan(v)} a year"), v, r))
            res.lines.append(Line("premium", ("个人缴费", "premium"),
                                  ("自选档次，请指定", "a tier to choose: give it"), None))
            return res
        res.tier = row["tier"]
    if "unknown" in row:
        res.missing.append(path)
        res.lines.append(Line("premium", ("个人缴费", "premium"),
                              ("资料未给出", "not in the source"), None, row))
        return res
    v = row["value"]
    res.amount = v
    if v == 0:
        text = ("个人不缴费 = 0.00", "pays nothing = 0.00")
    else:
        text = (f"{yuan(v)}元/年", f"{yuan(v)} a year")
    if res.tier is not None:
        text = (f"第{res.tier}档 " + text[0], f"tier {res.tier}: " + text[1])
    res.lines.append(Line("premium", ("个人缴费", "premium"), text, v, row))
    return res


def _employee_premium(res, rows, wage, path):
    label = {"employer": ("单位缴费", "employer pays"), "employee": ("个人缴费", "employee pays")}
    for payer in ("employer", "employee"):
        r = next((r for r in rows if r.get("payer") == payer), None)
        if r is None or "unknown" in r:
            res.missing.append(f"{path}.{payer}")
            res.lines.append(Line(f"premium_{payer}", label[payer],
                                  ("资料未给出", "not in the source"), None, r))
            continue
        rate = r["rate"]
        pct = f"{(rate * 100).normalize():f}%"
        if wage is None:
            res.lines.append(Line(f"premium_{payer}", label[payer],
                                  (f"缴费基数 × {pct}（未给出工资）",
                                   f"contribution base × {pct} (no wage given)"),
                                  None, r))
            if payer == "employee":
                res.missing.append("wage")
            continue
        month = wage * rate
        year = month * 12
        res.lines.append(Line(f"premium_{payer}", label[payer],
                              (f"{yuan(wage)} × {pct} = 每月{yuan(month)}，× 12 = 每年{yuan(year)}",
                               f"{yuan(wage)} × {pct} = {yuan(month)} a month, × 12 = {yuan(year)} a year"),
                              year, r))
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


# ───────────────────────────── dates ─────────────────────────────

def add_months(d, n):
    """The same day of the month ``n`` months on; that month's last day if it has no such day
    (2024-01-31 + 1 month = 2024-02-29; 2023-11-30 + 3 months = 2024-02-29)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, _month_days(y, m)))


def _month_days(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - ONE_DAY).day


def first_of_next_month(d, n=0):
    """The 1st of the month after ``d``'s month, ``n`` months later again."""
    return add_months(d.replace(day=1), 1 + n)


def _span_end(d, span):
    """The last day of a period of {days: N} or {months: N} counted from ``d``."""
    if "days" in span:
        return d + dt.timedelta(days=span["days"])
    return add_months(d, span["months"])


# ───────────────────────────── when cover starts ─────────────────────────────

class Cover:
    """When cover starts. ``start`` None: no source gives it (named in ``missing``).
    ``rule`` is the cover rule that decided; the engine cites it for a visit before ``start``."""

    __slots__ = ("cover_year", "in_window", "lines", "missing", "paid", "policy", "rule", "start")

    def __init__(self, policy, paid):
        self.policy = policy
        self.paid = paid
        self.start = None
        self.rule = None
        self.in_window = None
        self.cover_year = None
        self.lines = []
        self.missing = []

    def covers(self, day):
        """True / False for a visit on ``day``; None when the start is unknown."""
        return None if self.start is None else day >= self.start


def _window(enr):
    return enr["collection_window"]


def in_window(window, day):
    """Whether ``day`` falls in the collection window. A window with no start date in its source
    is read as opening on 1 January of its closing year (its row's note says so)."""
    lo = window.get("from", dt.date(window["to"].year, 1, 1))
    return lo <= day <= window["to"]


def cover_year(policy, paid, scheme="resident"):
    """The year a payment buys: the policy's year when paid in its window or late for it (after
    the window closed, in the same calendar year); otherwise the payment's own year."""
    w = _window(_enrolment(policy, scheme))
    if in_window(w, paid) or (paid > w["to"] and paid.year == w["to"].year):
        return policy.year
    return paid.year


def _enrolment(policy, scheme):
    enr = _scheme(policy, scheme).get("enrolment")
    if enr is None:
        raise EnrolmentError(f"{policy.label('en')} gives no enrolment rules for the {scheme} "
                             "scheme in its sources")
    return enr


def cover_start(policy, paid, category, flags=(), situations=(), born=None, lapsed_years=0,
                employee_until=None, recognised=None, scheme="resident"):
    """The first covered day for a payment on ``paid``, with the rule quoted.

    ``situations`` are ids from the policy's ``enrolment.situations`` (e.g. newborn,
    from-employee); ``born`` is a newborn's birth date, ``lapsed_years`` the whole years without
    cover before this payment, ``employee_until`` the last day the employee scheme covered (for
    a switch to the resident scheme), ``recognised`` the day a group status was recognised.
    """
    flags, situations = frozenset(flags), frozenset(situations)
    sch = _scheme(policy, scheme)
    _check_person(policy, sch, scheme, category, flags)
    enr = _enrolment(policy, scheme)
    known = enr.get("situations", {})
    for s in situations:
        if s not in known:
            raise EnrolmentError(f"situation '{s}' is not listed by {policy.label('en')}; "
                                 f"accepted: {', '.join(known) or 'none'}")
    if not isinstance(lapsed_years, int) or lapsed_years < 0:
        raise EnrolmentError("lapsed years must be a whole number, 0 or more")
    if born is not None and born > paid:
        raise EnrolmentError(f"the birth date {born} is after the payment date {paid}")
    res = Cover(policy, paid)
    w = _window(enr)
    res.in_window = in_window(w, paid)
    res.cover_year = year = cover_year(policy, paid, scheme)
    lo = w.get("from")
    span = f"{lo.isoformat() if lo else '?'} – {w['to'].isoformat()}"
    inside = ("在期内", "inside it") if res.in_window else ("不在期内", "outside it")
    res.lines.append(Line("collection_window", ("集中缴费期", "collection window"),
                          (f"{span}：{paid.isoformat()}缴费{inside[0]}",
                           f"{span}: paid {paid.isoformat()}, {inside[1]}"), None, w))
    if lapsed_years:
        res.lines.append(Line("lapse", ("断保", "lapse"),
                              (f"断保{lapsed_years}年", f"{lapsed_years} year(s) without cover"), None))
    rule = None
    for r in enr["cover"]:
        if _rule_applies(r, policy, w, paid, category, flags, situations, born, lapsed_years,
                         employee_until):
            rule = r
            break
    if rule is None:
        res.missing.append(f"{scheme}.enrolment.cover")
        res.lines.append(Line("cover", ("待遇起始日", "cover starts"),
                              ("资料未给出适用规则", "no rule in the source fits"), None,
                              note="None of the policy's cover rules fits this situation."))
        return res
    res.rule = rule
    start, text = _start(rule, paid, year, born, lapsed_years, recognised)
    label = ("待遇起始日", "cover starts")
    if start is None:
        res.missing.append(f"{scheme}.enrolment.cover")
        res.lines.append(Line("cover", label, ("资料未给出", "not in the source"), None, rule))
        return res
    jan1 = dt.date(year, 1, 1)
    if start < jan1 and not rule.get("may_precede_year"):
        res.lines.append(Line("cover_rule", ("规则", "rule"), text, start, rule))
        res.lines.append(Line("cover", label,
                              (f"不早于{year}年1月1日 → {jan1.isoformat()}",
                               f"not before 1 January {year} → {jan1.isoformat()}"), jan1,
                              note=f"Cover paid for {year} starts no earlier than the year itself."))
        start = jan1
    else:
        res.lines.append(Line("cover", label, text, start, rule))
    if start > dt.date(year, 12, 31) and not rule.get("may_precede_year"):
        res.lines.append(Line("cover_late", ("注意", "note"),
                              (f"起始日晚于{year}年度结束：{year}年内不享受待遇",
                               f"starts after the {year} cover year ends: no cover in {year}"), None))
    res.start = start
    return res


def _rule_applies(r, policy, w, paid, category, flags, situations, born, lapsed_years,
                  employee_until):
    if "in_window" in r and r["in_window"] != in_window(w, paid):
        return False
    if "lapsed" in r and r["lapsed"] != (lapsed_years > 0):
        return False
    if not _matches(r, category, flags):
        return False
    if "situations" in r and not situations.intersection(r["situations"]):
        return False
    if "born_within" in r or r.get("born_in_window") or r.get("start") == "birth":
        if born is None:
            raise EnrolmentError("a newborn's cover depends on the birth date: give it (--born)")
        if "born_within" in r and paid > _span_end(born, r["born_within"]):
            return False
        if r.get("born_in_window") and not in_window(w, born):
            return False
    if "gap_up_to" in r:
        if employee_until is None:
            raise EnrolmentError("a switch from the employee scheme depends on the last day it "
                                 "covered: give it (--employee-until)")
        if paid > _span_end(employee_until, r["gap_up_to"]):
            return False
    return True


def _start(r, paid, year, born, lapsed_years, recognised):
    """(first covered day or None, (zh, en) working)."""
    kind = r["start"]
    p = paid.isoformat()
    if kind == "year-start":
        d = dt.date(year, 1, 1)
        return d, (f"集中缴费期内缴费：{year}年1月1日起", f"paid in the window: from 1 January {year}")
    if kind == "payment-day":
        return paid, (f"缴费当日{p}起", f"from the day of payment, {p}")
    if kind == "next-month":
        n = r["months"]
        nxt = first_of_next_month(paid)
        d = first_of_next_month(paid, n)
        if n == 0:
            return d, (f"{p}缴费，次月起：{d.isoformat()}", f"paid {p}; from the next month: {d.isoformat()}")
        return d, (f"{p}缴费，次月{nxt.isoformat()}起{n}个月后：{d.isoformat()}",
                   f"paid {p}; next month {nxt.isoformat()}, {n} months on: {d.isoformat()}")
    if kind == "after-days":
        n = r["days"]
        last = paid + dt.timedelta(days=n)
        d = last + ONE_DAY
        first = (paid + ONE_DAY).isoformat()
        return d, (f"等待期{n}天：{first}至{last.isoformat()}；{d.isoformat()}起享受",
                   f"{n}-day wait {first} to {last.isoformat()}; covered from {d.isoformat()}")
    if kind == "after-months":
        n = r["months"] + r.get("per_lapsed_year", 0) * lapsed_years
        anchor = max(paid, dt.date(year - 1, 12, 31))
        last = add_months(anchor, n)
        d = last + ONE_DAY
        extra = (f"{r['months']} + {r.get('per_lapsed_year', 0)} × {lapsed_years} = " if lapsed_years
                 else "")
        frm = (anchor + ONE_DAY).isoformat()
        return d, (f"等待期{extra}{n}个月：{frm}至{last.isoformat()}；{d.isoformat()}起享受",
                   f"wait {extra}{n} months, {frm} to {last.isoformat()}; covered from {d.isoformat()}")
    if kind == "birth":
        b = born.isoformat()
        return born, (f"自出生之日{b}起", f"from birth, {b}")
    if kind == "recognised":
        if recognised is None:
            raise EnrolmentError("cover for this group starts on the day the status was "
                                 "recognised: give it (--recognised)")
        rd = recognised.isoformat()
        return recognised, (f"自身份认定之日{rd}起", f"from the day the status was recognised, {rd}")
    return None, ("资料未给出", "not in the source")


# ───────────────────────────── 烟台's serious-illness cap ─────────────────────────────

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
    in a later year). Returns (counted, the most possible or None when there is no limit)."""
    frm = row.get("counted_from")
    if frm is None:
        return given, None
    most = max(0, year - frm + (1 if this_year else 0))
    return min(given, most), most


def _counted_text(given, counted, most, row, year):
    """The working when some of the years given cannot count (empty when all of them do)."""
    if counted == given:
        return "", ""
    return (f"给出{given}年，{year}年最多可计自{row['counted_from']}年起的{most}年，计{counted}年；",
            f"{given} given, but in {year} at most {most} can count (from {row['counted_from']}): "
            f"{counted} counted; ")


def si_cap_adjustment(policy, continuous_years=0, claim_free_years=0, lapsed_years=0, base=None,
                      scheme="resident", year=None):
    """The change to the serious-illness cap, cited, and the adjusted cap when the original cap
    is known: from the policy, or ``base`` supplied by the user (marked so).

    ``year`` (default: the policy's year) is the year the cap is for: a row with
    ``counted_from`` counts only years from then on, so more years than have passed since cannot
    raise or lower the cap (烟台: continuous years from 2025, so no increase before 2029)."""
    for k, v in (("continuous years", continuous_years), ("claim-free years", claim_free_years),
                 ("lapsed years", lapsed_years)):
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise EnrolmentError(f"{k} must be a whole number, 0 or more")
    year = policy.year if year is None else year
    sch = _scheme(policy, scheme)
    adj = sch.get("serious_illness_adjustments")
    if adj is None:
        raise EnrolmentError(f"{policy.label('en')} gives no serious-illness cap adjustments "
                             "in its sources")
    res = CapAdjustment()
    add = res.lines.append
    path = f"{scheme}.serious_illness_adjustments"
    inc = ZERO
    c = adj.get("continuous")
    if c is not None:
        counted, most = _counted(continuous_years, c, year, this_year=True)
        why = _counted_text(continuous_years, counted, most, c, year)
        extra = max(0, counted - c["after_years"])
        if "unknown" in c:
            res.missing.append(f"{path}.continuous")
            add(Line("continuous", ("连续参保奖励", "continuous enrolment"),
                     ("资料未给出", "not in the source"), None, c))
            inc = None
        else:
            v = extra * c["value"]
            inc += v
            add(Line("continuous", ("连续参保奖励", "continuous enrolment"),
                     (f"{why[0]}自{c['counted_from']}年起连续{counted}年，满{c['after_years']}年后"
                      f"{extra}年 × {yuan(c['value'])} = {yuan(v)}",
                      f"{why[1]}{counted} continuous years from {c['counted_from']}: {extra} after "
                      f"the first {c['after_years']} × {yuan(c['value'])} = {yuan(v)}"), v, c))
    cf = adj.get("claim_free")
    if cf is not None and inc is not None:
        if "unknown" in cf:
            res.missing.append(f"{path}.claim_free")
            inc = None
        else:
            counted, most = _counted(claim_free_years, cf, year, this_year=False)
            why = _counted_text(claim_free_years, counted, most, cf, year)
            v = counted * cf["value"]
            inc += v
            add(Line("claim_free", ("零报销奖励", "claim-free years"),
                     (f"{why[0]}{counted}年 × {yuan(cf['value'])} = {yuan(v)}",
                      f"{why[1]}{counted} × {yuan(cf['value'])} = {yuan(v)}"), v, cf))
    dec = ZERO
    lp = adj.get("lapse")
    if lp is not None:
        if "unknown" in lp:
            res.missing.append(f"{path}.lapse")
            dec = None
        else:
            counted, most = _counted(lapsed_years, lp, year, this_year=False)
            why = _counted_text(lapsed_years, counted, most, lp, year)
            dec = counted * lp["value"]
            add(Line("lapse", ("断保扣减", "lapse"),
                     (f"{why[0]}{counted}年 × {yuan(lp['value'])} = −{yuan(dec)}",
                      f"{why[1]}{counted} × {yuan(lp['value'])} = −{yuan(dec)}"), -dec if dec else ZERO, lp))
    res.increase, res.decrease = inc, dec
    si = sch.get("serious_illness", {})
    cap_row = pick(si.get("cap", ()))[1] if si else None
    if base is not None:
        res.base, res.base_supplied = Decimal(base), True
        add(Line("base", ("原最高支付限额", "original cap"),
                 (f"{yuan(res.base)}（用户提供）", f"{yuan(res.base)} (supplied by you)"), res.base,
                 supplied=True, note="You supplied this figure; no source on file gives it."))
    elif cap_row is not None and "value" in cap_row:
        res.base = cap_row["value"]
        res.base_supplied = bool(cap_row.get("supplied"))
        add(Line("base", ("原最高支付限额", "original cap"), (yuan(res.base), yuan(res.base)),
                 res.base, cap_row))
    else:
        res.missing.append(f"{scheme}.serious_illness.cap")
        add(Line("base", ("原最高支付限额", "original cap"),
                 ("?（资料未给出）", "? (not in the source)"), None, cap_row,
                 note="The original cap is not in the source: the adjusted cap stays unknown "
                      "until you supply it (--base)."))
    up_lim = _limit(res, adj.get("increase_limit"), inc, ("提高", "increase"), f"{path}.increase_limit")
    down_lim = _limit(res, adj.get("decrease_limit"), dec, ("降低", "decrease"), f"{path}.decrease_limit")
    if None in (inc, dec, res.base, up_lim, down_lim):
        res.net = None if None in (inc, dec) else inc - dec
        add(Line("net", ("调整", "adjustment"),
                 (f"+{yuan(inc)} − {yuan(dec)}（未套用20%上限）",
                  f"+{yuan(inc)} − {yuan(dec)} (before the 20 % limits)"), res.net))
        add(Line("adjusted", ("调整后限额", "adjusted cap"), ("未知", "unknown"), None))
        return res
    up, down = min(inc, up_lim), min(dec, down_lim)
    res.up, res.down = up, down
    res.net = up - down
    res.adjusted = res.base + res.net
    add(Line("adjusted", ("调整后限额", "adjusted cap"),
             (f"{yuan(res.base)} + {yuan(up)} − {yuan(down)} = {yuan(res.adjusted)}",
              f"{yuan(res.base)} + {yuan(up)} − {yuan(down)} = {yuan(res.adjusted)}"),
             res.adjusted, supplied=res.base_supplied))
    return res


def _limit(res, row, amount, word, path):
    """The most one side may move the cap: share × original cap; None when either is unknown."""
    if row is None:
        return amount  # no limit in the source on this side
    if "unknown" in row:
        res.missing.append(path)
        return None
    share = row["share"]
    pct = f"{(share * 100).normalize():f}%"
    if res.base is None:
        res.lines.append(Line(path.rsplit(".", 1)[1], (f"{word[0]}上限", f"{word[1]} limit"),
                              (f"{pct} × 原限额 = ?", f"{pct} × original cap = ?"), None, row))
        return None
    lim = res.base * share
    capped = amount is not None and amount > lim
    res.lines.append(Line(path.rsplit(".", 1)[1], (f"{word[0]}上限", f"{word[1]} limit"),
                          (f"{pct} × {yuan(res.base)} = {yuan(lim)}" + ("，已封顶" if capped else ""),
                           f"{pct} × {yuan(res.base)} = {yuan(lim)}" + (", reached" if capped else "")),
                          lim, row))
    return lim


# ───────────────────────────── grants and optional plans ─────────────────────────────

def grants(policy, scheme="resident"):
    """Maternity grants (received) and optional plans (paid), as cited lines."""
    sch = policy.schemes.get(scheme, {})
    out = []
    for r in sch.get("grants", ()):
        out.append(Line(f"grant:{r['id']}", (r["label"]["zh"], r["label"]["en"]),
                        _value_text(r), r.get("value"), r))
    for r in sch.get("optional_plans", ()):
        key = f"optional_plan:{r['plan']}" + (":with-parent" if r.get("with_parent") else "")
        out.append(Line(key, (r["label"]["zh"], r["label"]["en"]),
                        _value_text(r, ("元/人/年", " a person a year")), r.get("value"), r))
    return out


def _value_text(r, unit=("元", "")):
    if "unknown" in r:
        return "资料未给出", "not in the source"
    return f"{yuan(r['value'])}{unit[0]}", f"{yuan(r['value'])}{unit[1]}"


def optional_plan_price(policy, plan, category, with_parent=False, scheme="resident"):
    """The price of an optional plan for one member, and its row: a row for a minor insured
    with a parent wins over the general price when it fits; (None, None) if no row gives one."""
    rows = [r for r in policy.schemes.get(scheme, {}).get("optional_plans", ())
            if r["plan"] == plan and ("categories" not in r or category in r["categories"])
            and (with_parent or not r.get("with_parent"))]
    rows.sort(key=lambda r: not r.get("with_parent"))
    for r in rows:
        if "value" in r:
            return r["value"], r
    return None, None
