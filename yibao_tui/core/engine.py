"""The estimate: policy + person + a year of claims in, an ordered, cited breakdown out.

Pure: no I/O, no UI. Money is Decimal and is never rounded inside a visit (rounding happens
when a figure is shown, see ``money``); a year's totals add up the visits as shown (``YearResult``).
A figure the policy marks unknown makes every amount that depends on it ``None`` and is named in
``missing``; a cap that is unknown is not applied and is named in ``unchecked`` (the fund figure
is then an upper bound).
"""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.money import money, pct, shown, yuan
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy import CROSS_REGION, LABELS

ZERO = Decimal(0)


class EstimateError(ValueError):
    """A claim or person the policy cannot take (a care kind, grade or disease it lacks).

    ``str(e)`` is the English (scripts and the CLI); ``e.text("zh")`` the Chinese for the UI.
    """

    def __init__(self, en, zh=None):
        super().__init__(en)
        self.zh = zh or en
        self.msg = Msg("verbatim", s=(self.zh, en))  # TODO(layers): a catalogue key and values

    def text(self, lang="en"):
        return self.zh if lang == "zh" else str(self)


class Person:
    __slots__ = ("age", "category", "flags", "scheme")

    def __init__(self, scheme, category, age=None, flags=()):
        self.scheme = scheme
        self.category = category
        self.age = age
        self.flags = frozenset(flags)


class Claim:
    """One visit or stay. ``amount`` is the in-policy cost (政策范围内费用)."""

    __slots__ = ("amount", "care", "class_b", "cross_region", "date", "disease", "grade",
                 "month_only", "out_of_policy", "special_drugs", "stay")

    def __init__(self, care, amount, grade=None, disease=None, class_b=ZERO, special_drugs=ZERO,
                 out_of_policy=ZERO, cross_region=(), date=None, stay=None, month_only=False):
        self.care = care
        self.amount = Decimal(amount)
        self.grade = grade
        self.disease = disease
        self.class_b = Decimal(class_b)
        self.special_drugs = Decimal(special_drugs)
        self.out_of_policy = Decimal(out_of_policy)
        self.cross_region = tuple(cross_region)
        self.date = date
        self.stay = stay
        self.month_only = month_only  # only the month of ``date`` is known (household visits)


class Step:
    """One line of the breakdown. ``amount`` None means it depends on an unknown figure.

    The arithmetic is a template id and its values, formatted only when shown (``text``), so the
    engine does no string work per visit and every step reads in Chinese or English.
    """

    __slots__ = ("amount", "args", "en", "key", "note", "quote", "source", "supplied", "tpl", "zh")

    def __init__(self, key, zh, en, tpl, args, amount=None, row=None, note=None):
        self.key = key
        self.zh = zh
        self.en = en
        self.tpl = tpl
        self.args = args
        self.amount = amount
        self.source = row.get("source") if row else None
        self.quote = row.get("quote") if row else None
        self.note = note if note is not None else (row.get("note") if row else None)
        self.supplied = bool(row.get("supplied")) if row else False  # a figure the user gave

    def label(self, lang):
        return self.zh if lang == "zh" else self.en

    @property
    def unknown(self):
        """True when this step's figure waits on one no source gives: shown as 未知 / unknown,
        never blank or 0. (Templates of such steps end in "?"; totals are unknown when None.)"""
        return self.amount is None and (self.tpl.endswith("?") or self.key in _TOTAL_KEYS)

    def text(self, lang="en"):
        t = ARITH[self.tpl][0 if lang == "zh" else 1]
        return t.format_map({k: _Fmt(v, lang) for k, v in self.args.items()})

    @property
    def arith(self):
        return self.text("en")


class _Fmt:
    """Formats a value inside an ARITH template: ``:y`` yuan, ``:p`` percent; a (zh, en) pair
    picks the language."""

    __slots__ = ("lang", "v")

    def __init__(self, v, lang):
        self.v = v
        self.lang = lang

    def __format__(self, spec):
        v = self.v
        if isinstance(v, tuple):
            v = v[0 if self.lang == "zh" else 1]
        if spec == "y":
            return yuan(v)
        if spec == "p":
            return pct(v)
        return str(v)


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def month_pair(d):
    """(2024年5月, May 2024): a date whose day is not known (a household visit records a month)."""
    return f"{d.year}年{d.month}月", f"{MONTHS_EN[d.month - 1]} {d.year}"


_TOTAL_KEYS = frozenset({"fund", "serious_illness", "self_pay"})
_PER = {"year": ("每年", "a year"), "quarter": ("每季", "a quarter"), "visit": ("每次", "a visit")}
_NOT_GIVEN = ("?（资料未给出）", "? (not in the source)")

# Arithmetic templates, (zh, en). Values: {x:y} yuan, {x:p} percent. A template whose step's
# figure is unknown ends in "?" (see Step.unknown).
ARITH = {
    "amount": ("{a:y}", "{a:y}"),
    "first_pay": ("{cost:y} × {share:p} = {paid:y}", "{cost:y} × {share:p} = {paid:y}"),
    "first_pay?": ("{cost:y} × ?（资料未给出）", "{cost:y} × ? (not in the source)"),
    "not_given?": _NOT_GIVEN,
    "ded_exempt": ("该病种不设起付线 = 0.00", "no deductible for this disease = 0.00"),
    "ded_once_done": ("本年已付过一次 = 0.00", "already paid once this year = 0.00"),
    "stay_value": ("本年第{n}次住院：{full:y}", "stay {n} of the year: {full:y}"),
    "stay_factor": ("本年第{n}次住院：{base:y} × {factor:p} = {full:y}",
                    "stay {n} of the year: {base:y} × {factor:p} = {full:y}"),
    "ded_on_unknown?": ("{full:y}（费用未知）", "{full:y} (applied to an unknown amount)"),
    "ded_none": ("不设起付线 = 0.00", "no deductible = 0.00"),
    "ded_visit": ("min({eligible:y}, 每次{full:y}) = {applied:y}",
                  "min({eligible:y}, {full:y} per visit) = {applied:y}"),
    "ded_year": ("min({eligible:y}, {full:y} − 本年已付{met:y}) = {applied:y}",
                 "min({eligible:y}, {full:y} − {met:y} met this year) = {applied:y}"),
    "ded_quarter": ("min({eligible:y}, {full:y} − 本季已付{met:y}) = {applied:y}",
                    "min({eligible:y}, {full:y} − {met:y} met this quarter) = {applied:y}"),
    "period?": ("?（本期此前就诊金额未知）", "? (earlier visits this period are unknown)"),
    "rate_rule": ("按{care}比例", "same rates as {care}"),
    "cr?": ("比例变化未知", "rate change unknown"),
    "cr_set": ("比例定为{r:p}", "rate set to {r:p}"),
    "cr_home": ("按参保地政策", "home-city rates"),
    "cr_adjust": ("比例{r:p}", "rate {r:p}"),
    "tier_le": ("费用{amount:y} ≤ {edge:y} → {r:p}", "bill {amount:y} ≤ {edge:y} → {r:p}"),
    "tier_lt": ("费用{amount:y} < {edge:y} → {r:p}", "bill {amount:y} < {edge:y} → {r:p}"),
    "tier_above": ("费用{amount:y}超过{edge:y} → {r:p}", "bill {amount:y} above {edge:y} → {r:p}"),
    "band?": ("? × {r:p}", "? × {r:p}"),
    "band": ("{part:y} × {r:p} = {paid:y}", "{part:y} × {r:p} = {paid:y}"),
    "cap?": ("未知，未套用", "unknown — not applied"),
    "cap_used?": ("{per}{cap:y}；此前已用金额未知", "{cap:y} {per}; used so far unknown"),
    "cap_fund?": ("{per}{cap:y}；统筹基金金额未知，待其可知时套用",
                  "{cap:y} {per}; applies once the fund figure is known"),
    "cap_hit": ("{per}{cap:y}，已用{used:y}：只付{left:y}（按比例为{fund:y}）",
                "{cap:y} {per}, {used:y} used: pays {left:y} of {fund:y}"),
    "cap_ok": ("{per}{cap:y}，已用{used:y}，剩余{left:y}：未达到",
               "{cap:y} {per}, {used:y} used, {left:y} left: not reached"),
    "si_fund?": ("统筹基金金额未知，无法计算", "depends on the fund figure, which is unknown"),
    "si_prior?": ("本年此前就诊金额未知", "earlier visits this year are unknown"),
    "si_figure?": ("{name}未知：无法计算", "{name} unknown: cannot compute"),
    "si_base_self": ("政策内个人自付{within:y}；本年累计{before:y} → {after:y}",
                     "in-policy self-pay {within:y}; year so far {before:y} → {after:y}"),
    "si_base_beyond": ("超过统筹基金限额部分{beyond:y}；本年累计{before:y} → {after:y}",
                       "beyond the fund's cap {beyond:y}; year so far {before:y} → {after:y}"),
    "si_base_both": ("个人自付{within:y} + 超限额部分{beyond:y}；本年累计{before:y} → {after:y}",
                     "self-pay {within:y} + beyond the fund's cap {beyond:y}; "
                     "year so far {before:y} → {after:y}"),
    "si_threshold": ("每年{t:y}", "{t:y} a year"),
    "si": ("超过{t:y}部分按{rates}（{cap}）：{paid:y}", "above {t:y} at {rates} ({cap}): {paid:y}"),
    "si_cap": ("每年{c:y}", "{c:y} a year"),
    "si_cap_derived": ("用户提供的原限额{base:y} + 调整（+{up:y} − {down:y}）= {c:y}",
                       "supplied base {base:y} + adjustment (+{up:y} − {down:y}) = {c:y}"),
    "self_pay": ("{total:y} − {fund:y} − {si:y} = {sp:y}", "{total:y} − {fund:y} − {si:y} = {sp:y}"),
    "not_covered": ("待遇自{start}起；{date}就诊不在待遇期内",
                    "cover starts {start}; a visit on {date} is not covered"),
    "not_covered_month": ("待遇自{start}起；{month}的就诊不在待遇期内",
                          "cover starts {start}; a visit in {month} is not covered"),
    "cover?": ("待遇起始日未知（资料未给出）", "cover start unknown (not in the source)"),
    "cover_day?": ("待遇自{start}起；就诊日未记录，{month}的就诊是否在待遇期内未知",
                   "cover starts {start}; the visit's day is not recorded, so whether a visit in "
                   "{month} is covered is unknown"),
}


class Result:
    """One visit's estimate."""

    __slots__ = ("claim", "fund", "missing", "self_pay", "serious_illness", "steps", "total",
                 "unchecked")

    def __init__(self, claim):
        self.claim = claim
        self.steps = []
        self.missing = []
        self.unchecked = []
        self.fund = self.serious_illness = self.self_pay = self.total = None


class YearResult:
    """A year of visits. Its totals are the sums of each visit's figures *as shown* (rounded once
    per visit, see ``shown``), not of the unrounded ones: a reader adding up the visits on screen
    must get the year's figure to the fen (100 + 100.01 + 100.01 at 50 % shows 0 + 50.01 + 50.01,
    so the year is 100.02, not a rounded 100.01)."""

    __slots__ = ("fund", "missing", "person", "policy", "self_pay", "serious_illness", "total",
                 "unchecked", "visits")

    def __init__(self, policy, person, visits):
        self.policy = policy
        self.person = person
        self.visits = visits
        per_visit = [shown(v, policy) for v in visits]
        self.fund = _sum(s[0] for s in per_visit)
        self.serious_illness = _sum(s[1] for s in per_visit)
        self.self_pay = _sum(s[2] for s in per_visit)
        self.total = _sum(s[3] for s in per_visit)
        self.missing = _unique(m for v in visits for m in v.missing)
        self.unchecked = _unique(m for v in visits for m in v.unchecked)


def _unique(items):
    return list(dict.fromkeys(items))


def _sum(values):
    total = ZERO
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _sub(a, *bs):
    if a is None or any(b is None for b in bs):
        return None
    for b in bs:
        a -= b
    return a


# ───────────────────────────── figure lookup ─────────────────────────────

def pick(rows, grade=None, category=None, disease=None, flags=frozenset()):
    """The first row whose selectors all match, as (index, row); (None, None) if none do."""
    for i, r in enumerate(rows):
        g = r.get("grades")
        if g is not None and grade not in g:
            continue
        c = r.get("categories")
        if c is not None and category not in c:
            continue
        d = r.get("diseases")
        if d is not None and disease not in d:
            continue
        f = r.get("flags")
        if f is not None and not flags.intersection(f):
            continue
        return i, r
    return None, None


def scale_amount(bands, base):
    """Fund share of ``base`` under a progressive scale: [(lo, hi, rate, part, paid)]."""
    out = []
    lo = ZERO
    for b in bands:
        hi = b.get("up_to")
        top = base if hi is None else min(base, Decimal(hi))
        if top > lo:
            part = top - lo
            out.append((lo, hi, b["rate"], part, part * b["rate"]))
        if hi is None or base <= hi:
            break
        lo = Decimal(hi)
    return out


def scale_point(bands, paid):
    """Inverse of scale_amount: the base at which the fund's share reaches ``paid``."""
    lo = cum = ZERO
    for b in bands:
        hi = b.get("up_to")
        r = b["rate"]
        if hi is None:
            return lo + (paid - cum) / r if r else None
        hi = Decimal(hi)
        step = (hi - lo) * r
        if cum + step >= paid and r:
            return lo + (paid - cum) / r
        cum += step
        lo = hi
    return None


def tier_rate(tiers, amount):
    """A rate chosen by the size of the bill; each tier says whether its up_to is inclusive."""
    for t in tiers:
        hi = t.get("up_to")
        if hi is None:
            return t
        if amount < hi or (amount == hi and t.get("edge") == "inclusive"):
            return t
    return tiers[-1]


# ───────────────────────────── year state ─────────────────────────────

class _State:
    """What a person has used so far in the year. A value of None means unknown.

    Caps count what was paid *as shown* (``fen``: each visit rounded once, see ``shown``): the
    year is the sum of the visits as shown, so that sum, not the unrounded one, must stay within
    a cap (two visits of 50,000.005 would otherwise show 100,000.02 against a 100,000 cap)."""

    __slots__ = ("deductible_met", "fen", "last_quarter", "missing", "once_paid", "si_base",
                 "si_shown", "stays", "used")

    def __init__(self, fen=lambda d: d):
        self.deductible_met = {}
        self.used = {}
        self.stays = {}
        self.once_paid = set()
        self.si_base = ZERO
        self.si_shown = ZERO  # serious-illness insurance paid so far, as shown
        self.fen = fen
        self.last_quarter = 1
        self.missing = []  # figures missing so far: what a later unknown depends on


def _period_key(per, quarter):
    return quarter if per == "quarter" else per


# ───────────────────────────── the estimate ─────────────────────────────

def check(policy, person, claim):
    """Raise EstimateError if the policy cannot take this person and claim.

    Returns the claim to estimate: the same one, or a copy with the grade filled in where the
    care kind is paid at one grade only (沈阳 outpatient pooling: 基层).
    """
    sch = policy.schemes.get(person.scheme)
    if sch is None:
        raise EstimateError(f"{policy.label('en')} has no {person.scheme} scheme; accepted: "
                            + ", ".join(policy.schemes),
                            f"{policy.label('zh')}政策资料中没有{_zh(person.scheme)}；可选："
                            + "、".join(_zh(x) for x in policy.schemes))
    if person.category not in sch["categories"]:
        raise EstimateError(f"category '{person.category}' is not in the {person.scheme} scheme "
                            f"of {policy.label('en')}; accepted: {', '.join(sch['categories'])}",
                            f"{policy.label('zh')}{_zh(person.scheme)}没有“{_zh(person.category)}”"
                            f"类别；可选：{'、'.join(_zh(x) for x in sch['categories'])}")
    care = sch["care"].get(claim.care)
    if care is None:
        raise EstimateError(f"{policy.label('en')} {person.scheme} scheme has no '{claim.care}' "
                            f"care in its sources; accepted: {', '.join(sch['care'])}",
                            f"{policy.label('zh')}{_zh(person.scheme)}的资料中没有"
                            f"{_zh(claim.care)}；可选：{'、'.join(_zh(x) for x in sch['care'])}")
    cats = care.get("categories")
    if cats is not None and person.category not in cats:
        raise EstimateError(f"'{claim.care}' care is not for category '{person.category}'; "
                            f"accepted: {', '.join(cats)}",
                            f"{_zh(claim.care)}不适用于{_zh(person.category)}；可选："
                            + "、".join(_zh(x) for x in cats))
    if claim.grade is None:
        if len(care["grades"]) == 1:
            claim = _with_grade(claim, care["grades"][0])
        else:
            raise EstimateError(f"'{claim.care}' needs a hospital grade; accepted: "
                                + ", ".join(care["grades"]),
                                f"{_zh(claim.care)}需要选择医院级别；可选："
                                + "、".join(_zh(x) for x in care["grades"]))
    if claim.grade not in care["grades"]:
        raise EstimateError(f"grade '{claim.grade}' is not paid for '{claim.care}' care in "
                            f"{policy.label('en')}; accepted: {', '.join(care['grades'])}",
                            f"{policy.label('zh')}的{_zh(claim.care)}不在{_zh(claim.grade)}医院报销；"
                            f"可选：{'、'.join(_zh(x) for x in care['grades'])}")
    diseases = care.get("diseases", {})
    if claim.disease is None and care.get("disease_required"):
        raise EstimateError(f"'{claim.care}' needs a disease; accepted: {', '.join(diseases)}",
                            f"{_zh(claim.care)}需要选择病种；可选："
                            + "、".join(d["zh"] for d in diseases.values()))
    if claim.disease is not None and claim.disease not in diseases:
        accepted = ", ".join(diseases) or "none (this care kind takes no disease)"
        raise EstimateError(f"disease '{claim.disease}' is not listed for '{claim.care}' in "
                            f"{policy.label('en')}; accepted: {accepted}",
                            f"{policy.label('zh')}的{_zh(claim.care)}未列出病种“{claim.disease}”；可选："
                            + ("、".join(d["zh"] for d in diseases.values()) or "无（此类就医不分病种）"))
    for part in ("amount", "class_b", "special_drugs", "out_of_policy"):
        v = getattr(claim, part)
        if not v.is_finite() or v < 0:
            raise EstimateError(f"{part} must be a non-negative amount, not {v}",
                                f"金额不能为负数：{v}")
    if claim.class_b + claim.special_drugs > claim.amount:
        raise EstimateError("class-B and special-drug parts cannot exceed the in-policy amount",
                            "乙类部分与特殊药品部分之和不能超过政策范围内费用")
    for s in claim.cross_region:
        if s not in CROSS_REGION:
            raise EstimateError(f"unknown cross-region status '{s}'", f"未知的异地就医情形“{s}”")
    return claim


def _zh(key):
    return LABELS.get(key, (key, key))[0]


def _with_grade(claim, grade):
    c = Claim.__new__(Claim)
    for k in Claim.__slots__:  # every field, so one added later is not lost
        setattr(c, k, getattr(claim, k))
    c.grade = grade
    return c


def estimate_year(policy, person, claims, cover=None):
    """Every claim in order, carrying deductibles, caps and serious-illness base through the year.

    ``cover`` (optional, from ``enrolment.cover_start``: ``.start`` date or None, ``.rule`` row):
    a dated visit before cover starts is not covered, and one whose cover start no source gives
    is unknown; neither uses up deductibles, caps or the serious-illness base. A claim dated by
    its month only (``month_only``) in the month cover starts, after the 1st, is unknown too.
    """
    state = _State(lambda d: money(d, policy))
    visits = []
    for c in claims:
        c = check(policy, person, c)
        s = None if cover is None else cover.start
        if (s is not None and c.date is not None and c.month_only and s.day > 1
                and (c.date.year, c.date.month) == (s.year, s.month)):
            visits.append(_not_covered(person, c, cover, day_unknown=True))
        elif cover is not None and c.date is not None and (s is None or c.date < s):
            visits.append(_not_covered(person, c, cover))
        else:
            visits.append(_visit(policy, person, c, state))
    return YearResult(policy, person, visits)


def _not_covered(person, claim, cover, day_unknown=False):
    res = Result(claim)
    add = res.steps.append
    res.total = claim.amount + claim.out_of_policy
    add(Step("amount", "政策范围内费用", "in-policy cost", "amount", {"a": claim.amount}, claim.amount))
    if claim.out_of_policy:
        add(Step("out_of_policy", "目录外费用（全部自付）", "out-of-policy cost (all self-paid)",
                 "amount", {"a": claim.out_of_policy}, claim.out_of_policy))
    if day_unknown:
        res.missing.append("visit.day")
        add(Step("cover", "待遇起始日", "cover start", "cover_day?",
                 {"start": cover.start.isoformat(), "month": month_pair(claim.date)}, None,
                 cover.rule))
    elif cover.start is None:
        res.missing.append(f"{person.scheme}.enrolment.cover")
        add(Step("cover", "待遇起始日", "cover start", "cover?", {}, None, cover.rule))
    else:
        res.fund = res.serious_illness = ZERO
        res.self_pay = res.total
        if claim.month_only:  # a household visit: its day is not known, only the month
            add(Step("cover", "不在待遇期内", "not covered", "not_covered_month",
                     {"start": cover.start.isoformat(), "month": month_pair(claim.date)}, None,
                     cover.rule))
        else:
            add(Step("cover", "不在待遇期内", "not covered", "not_covered",
                     {"start": cover.start.isoformat(), "date": claim.date.isoformat()}, None,
                     cover.rule))
    add(Step("fund", "统筹基金支付", "paid by the pooled fund", "amount", {"a": res.fund}, res.fund))
    add(Step("self_pay", "个人自付", "you pay", "self_pay",
             {"total": res.total, "fund": res.fund, "si": res.serious_illness, "sp": res.self_pay},
             res.self_pay))
    return res


def estimate(policy, person, claim):
    return estimate_year(policy, person, [claim]).visits[0]


def _visit(policy, person, claim, st):
    sch = policy.schemes[person.scheme]
    care = sch["care"][claim.care]
    base_path = f"{person.scheme}.care.{claim.care}"
    g, cat, dz, flags = claim.grade, person.category, claim.disease, person.flags
    res = Result(claim)
    add = res.steps.append
    amount = claim.amount

    if claim.date is not None:
        quarter = (claim.date.month - 1) // 3 + 1
        st.last_quarter = quarter
    else:
        quarter = st.last_quarter  # undated: same quarter as the visit before

    add(Step("amount", "政策范围内费用", "in-policy cost", "amount", {"a": amount}, amount))
    if claim.out_of_policy:
        add(Step("out_of_policy", "目录外费用（全部自付）", "out-of-policy cost (all self-paid)",
                 "amount", {"a": claim.out_of_policy}, claim.out_of_policy))
    res.total = amount + claim.out_of_policy

    # 1. Shares paid first by the patient (乙类先行自付, 特殊药品先行自付).
    eligible = amount
    for part in ("class_b", "special_drugs"):
        cost = getattr(claim, part)
        if not cost:
            continue
        zh, en = LABELS[part]
        rows = [r for r in care.get("first_pay", ()) if r["part"] == part]
        _, row = pick(rows, g, cat, dz, flags)
        if row is None or "unknown" in row:
            res.missing.append(f"{base_path}.first_pay.{part}")
            add(Step(part, zh, en, "first_pay?", {"cost": cost}, None, row,
                     note=(row or {}).get("note", "The source gives no share for this part.")))
            eligible = None
            continue
        share = cost * row["value"]
        add(Step(part, zh, en, "first_pay", {"cost": cost, "share": row["value"], "paid": share},
                 share, row))
        if eligible is not None:
            eligible -= share

    # 2. Deductible (起付线): per visit, per quarter or per year.
    deductible = _deductible(care, base_path, claim, person, st, quarter, eligible, res)
    above = _sub(eligible, deductible)

    # 3. Rate, bands or bill-size tiers (报销比例 / 分段), with cross-region adjustments.
    fund_raw, bands = _rate(sch, care, base_path, claim, person, above, res)

    # 4. Caps: the care kind's own cap and the fund's annual cap shared across kinds.
    fund, beyond = _caps(sch, care, base_path, claim, person.category, st, quarter, fund_raw, bands,
                         above, res)
    res.fund = fund
    add(Step("fund", "统筹基金支付", "paid by the pooled fund", "amount", {"a": fund}, fund))

    # 5. Serious-illness insurance (大病保险): cumulative over the year.
    res.serious_illness = _serious_illness(sch, claim, person, st, amount, fund, beyond, res)

    res.self_pay = _sub(res.total, res.fund, res.serious_illness)
    add(Step("self_pay", "个人自付", "you pay", "self_pay",
             {"total": res.total, "fund": res.fund, "si": res.serious_illness,
              "sp": res.self_pay}, res.self_pay))
    res.missing = _unique(res.missing)
    st.missing.extend(m for m in res.missing if m not in st.missing)
    return res


def _deductible(care, base_path, claim, person, st, quarter, eligible, res):
    add = res.steps.append
    g, cat, dz = claim.grade, person.category, claim.disease
    zh, en = "起付线", "deductible"
    for r in care.get("deductible_exempt", ()):
        if dz in r["diseases"]:
            add(Step("deductible", zh, en, "ded_exempt", {}, ZERO, r))
            return ZERO
    once = None
    for r in care.get("deductible_once_a_year", ()):
        if dz in r["diseases"]:
            once = r
            if (claim.care, dz) in st.once_paid:
                add(Step("deductible", zh, en, "ded_once_done", {}, ZERO, r))
                return ZERO
    _, row = pick(care["deductible"], g, cat, dz, person.flags)
    known = row is not None and "value" in row
    stay_rule = None
    if care.get("repeat_stays"):
        n = claim.stay or st.stays.get(claim.care, 0) + 1
        st.stays[claim.care] = n
        for r in care["repeat_stays"]:
            if r.get("stay") == n or ("stay_from" in r and n >= r["stay_from"]):
                stay_rule = (n, r)
                break
    per = row.get("per", "visit") if known else "visit"
    if stay_rule is not None and "value" in stay_rule[1]:
        n, r = stay_rule
        full = r["value"]  # a fixed figure: known even when the first stay's deductible is not
        add(Step("repeat_stay", "年度内多次住院", "repeated stay this year", "stay_value",
                 {"n": n, "full": full}, full, r))
        row = r
    elif not known:
        res.missing.append(f"{base_path}.deductible")
        add(Step("deductible", zh, en, "not_given?", {}, None, row,
                 note=(row or {}).get("note", "No source gives this deductible.")))
        _poison_deductible(st, claim.care, row, quarter)
        return None
    elif stay_rule is not None:
        n, r = stay_rule
        full = row["value"] * r["factor"]
        add(Step("repeat_stay", "年度内多次住院", "repeated stay this year", "stay_factor",
                 {"n": n, "base": row["value"], "factor": r["factor"], "full": full}, full, r))
    else:
        full = row["value"]
    if eligible is None:
        add(Step("deductible", zh, en, "ded_on_unknown?", {"full": full}, None, row))
        _poison_deductible(st, claim.care, row, quarter)
        return None
    if not full and stay_rule is None:
        applied = ZERO  # the text sets none (辽阳 chronic "不设起付线", 两病 "无起付标准")
        add(Step("deductible", zh, en, "ded_none", {}, applied, row))
    elif per == "visit":
        applied = min(eligible, full)
        add(Step("deductible", zh, en, "ded_visit",
                 {"eligible": eligible, "full": full, "applied": applied}, applied, once or row))
    else:
        key = (claim.care, _period_key(per, quarter))
        met = st.deductible_met.get(key, ZERO)
        if met is None:
            res.missing.extend(st.missing)
            add(Step("deductible", zh, en, "period?", {}, None, row))
            return None
        applied = min(eligible, max(ZERO, full - met))
        st.deductible_met[key] = met + applied
        add(Step("deductible", zh, en, "ded_quarter" if per == "quarter" else "ded_year",
                 {"eligible": eligible, "full": full, "met": met, "applied": applied}, applied,
                 once or row))
    if once is not None:
        st.once_paid.add((claim.care, dz))
    return applied


def _poison_deductible(st, care, row, quarter):
    per = row.get("per") if row else None
    if per in ("year", "quarter"):
        st.deductible_met[(care, _period_key(per, quarter))] = None


def _rate(sch, care, base_path, claim, person, above, res):
    """Fund share before caps, and the scale used (for the cap's inverse)."""
    add = res.steps.append
    g, cat, dz = claim.grade, person.category, claim.disease
    _, row = pick(care["rate"], g, cat, dz, person.flags)
    via = None
    if row is not None and "same_as" in row:
        via = row
        _, row = pick(sch["care"][row["same_as"]]["rate"], g, cat, dz, person.flags)
    rate_unknown = row is None or "unknown" in row
    if rate_unknown:
        # Not returned yet: an unknown cross-region figure below is named as missing too.
        res.missing.append(f"{base_path}.rate")
        add(Step("rate", "报销比例", "rate", "not_given?", {}, None, row or via,
                 note=(row or {}).get("note", "No source gives this rate.")))
    elif via is not None:
        add(Step("rate_rule", "比例规则", "rate rule", "rate_rule",
                 {"care": LABELS[via["same_as"]]}, None, via))

    # Cross-region: a status sets the rate or lowers it; reductions stack (辽源).
    adjust, setto = ZERO, None
    for status in claim.cross_region:
        _, cr = pick([r for r in sch.get("cross_region", ()) if r["status"] == status])
        zh, en = LABELS[status]
        if cr is None or "unknown" in cr:
            res.missing.append(f"{person.scheme}.cross_region.{status}")
            add(Step("cross_region", zh, en, "cr?", {}, None, cr,
                     note=(cr or {}).get("note", "No source gives the rate for this status.")))
            rate_unknown = True  # the other statuses are still checked, so all are named
            continue
        if "set" in cr:
            setto = cr["set"] if setto is None else min(setto, cr["set"])
            add(Step("cross_region", zh, en, "cr_set", {"r": cr["set"]}, None, cr))
        elif cr["adjust"]:
            adjust += cr["adjust"]
            add(Step("cross_region", zh, en, "cr_adjust", {"r": cr["adjust"]}, None, cr))
        else:
            add(Step("cross_region", zh, en, "cr_home", {}, None, cr))

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
        add(Step("tier", "按费用总额定比例", "rate by size of bill", tpl,
                 {"amount": claim.amount, "edge": edge, "r": r}, None, row))
    elif "bands" in row:
        bands = [dict(b, rate=eff(b["rate"])) for b in row["bands"]]
    else:
        bands = [{"rate": eff(row["value"])}]
    if above is None:
        add(Step("band", "按比例支付", "paid at the rate", "band?", {"r": bands[0]["rate"]},
                 None, row))
        return None, bands
    parts = scale_amount(bands, above)
    if not parts:
        add(Step("band", "按比例支付", "paid at the rate", "band",
                 {"part": ZERO, "r": bands[0]["rate"], "paid": ZERO}, ZERO, row))
        return ZERO, bands
    multi = len(bands) > 1
    for i, (lo, hi, rate, part, paid) in enumerate(parts, 1):
        if multi:
            rng = f"{yuan(lo)}–{yuan(hi)}" if hi is not None else f"{yuan(lo)}+"
            zh, en = f"第{i}段 {rng}", f"band {i}: {rng}"
        else:
            zh, en = "按比例支付", "paid at the rate"
        add(Step("band", zh, en, "band", {"part": part, "r": rate, "paid": paid}, paid, row))
    return sum((p[4] for p in parts), ZERO), bands


def _caps(sch, care, base_path, claim, category, st, quarter, fund_raw, bands, above, res):
    """Apply the care kind's cap and the fund's annual cap shared across kinds.

    Returns (fund, in-policy cost beyond the fund's cap).
    """
    add = res.steps.append
    scheme = base_path.split(".", 1)[0]
    limits = []  # (pool key, row, step key, zh, en)
    idx, row = pick(care.get("cap", ()), claim.grade, category, claim.disease)
    if row is not None:
        if "unknown" in row:
            res.unchecked.append(f"{base_path}.cap")
            add(Step("cap", "支付限额", "cap", "cap?", {}, None, row))
        elif "value" in row:
            limits.append((("cap", claim.care, idx, _period_key(row["per"], quarter)), row,
                           "cap", "支付限额", "cap"))
    for i, fr in enumerate(sch.get("fund_cap", ())):
        if claim.care not in fr["covers"]:
            continue
        zh, en = "统筹基金年度最高支付限额", "fund's annual cap"
        if "unknown" in fr:
            res.unchecked.append(f"{scheme}.fund_cap")
            add(Step("fund_cap", zh, en, "cap?", {}, None, fr))
        elif "value" in fr:
            limits.append((("fund_cap", i), fr, "fund_cap", zh, en))
        break

    fund = fund_raw
    beyond = ZERO
    for key, row, skey, zh, en in limits:
        used = st.used.get(key, ZERO)
        if used is None or fund is None:
            if fund is not None:
                res.missing.extend(st.missing)
            add(Step(skey, zh, en, "cap_used?" if fund is not None else "cap_fund?",
                     {"cap": row["value"], "per": _PER[row["per"]]}, None, row))
            fund = None
            continue
        left = max(ZERO, row["value"] - used)
        args = {"cap": row["value"], "per": _PER[row["per"]], "used": used, "left": left,
                "fund": fund}
        if fund > left:
            if skey == "fund_cap" and bands is not None and above is not None:
                # Where the raw schedule pays exactly what was left: past that point the cost
                # is "beyond the fund's cap", which serious-illness insurance may take.
                point = scale_point(bands, left)
                if point is not None:
                    beyond = max(ZERO, above - point)
            add(Step(skey, zh, en, "cap_hit", args, left, row))
            fund = left
        else:
            add(Step(skey, zh, en, "cap_ok", args, None, row))
    for key, _row, *_ in limits:  # record use once the fund figure is final, as shown
        prev = st.used.get(key, ZERO)
        st.used[key] = None if (fund is None or prev is None) else prev + st.fen(fund)
    return fund, beyond


_SI_NAMES = {"threshold": ("起付标准", "threshold"), "rate": ("比例", "rate"),
             "cap": ("封顶线", "cap")}


def _serious_illness(sch, claim, person, st, amount, fund, beyond, res):
    si = sch.get("serious_illness")
    if si is None or claim.care not in si["covers"]:
        return ZERO
    add = res.steps.append
    zh, en = "大病保险", "serious-illness insurance"
    base = si["base"]
    if fund is None:
        # Name every figure the amount waits on, not just the first one found.
        for name in ("threshold", "rate", "cap"):
            _, row = pick(si[name], flags=person.flags)
            if row is None or "unknown" in row:
                res.missing.append(f"{person.scheme}.serious_illness.{name}")
        add(Step("serious_illness", zh, en, "si_fund?", {}, None))
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
        add(Step("serious_illness", zh, en, "si_prior?", {}, None, note=si.get("note")))
        return None
    flags = person.flags
    rows = {}
    for name in ("threshold", "rate", "cap"):
        _, row = pick(si[name], flags=flags)
        if row is None or "unknown" in row:
            # Name every missing figure, not only the first (烟台 lacks all three).
            res.missing.append(f"{person.scheme}.serious_illness.{name}")
            add(Step("serious_illness", zh, en, "si_figure?", {"name": _SI_NAMES[name]}, None,
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
    add(Step("si_base", "计入大病保险", "counts toward serious-illness insurance", tpl,
             {"within": within, "beyond": beyond, "before": before, "after": after}, add_base,
             si))
    if threshold:
        add(Step("si_threshold", "大病保险起付标准", "serious-illness threshold", "si_threshold",
                 {"t": threshold}, threshold, th))
    if "derived" in cap:
        # A cap worked out from a supplied figure (烟台's cap adjusted by enrolment history: see
        # household.member_policy): the row carries the working and cites the adjustment.
        d = cap["derived"]
        add(Step("si_cap", "大病保险封顶线", "serious-illness cap", "si_cap_derived",
                 {"base": d["base"], "up": d["up"], "down": d["down"], "c": cap["value"]},
                 cap["value"], cap))
    elif cap.get("supplied") and "value" in cap:
        add(Step("si_cap", "大病保险封顶线", "serious-illness cap", "si_cap", {"c": cap["value"]},
                 cap["value"], cap))
    rates = "/".join(pct(b["rate"]) for b in bands)
    cap_txt = (("不设封顶线", "no cap") if "unlimited" in cap
               else (f"年度封顶{yuan(cap['value'])}", f"cap {yuan(cap['value'])} a year"))
    add(Step("serious_illness", zh, en, "si",
             {"t": threshold, "rates": rates, "cap": cap_txt, "paid": paid}, paid, rate))
    return paid
