"""An estimate as a Document: one visit (``visit_document``) or a person's claims year
(``year_document``) — each visit's cited steps, its figures with their qualifiers, the range of
what waits on a figure no source gives, what is unknown and who would know, the city's caveats.

Light on purpose: ``yibao estimate --json`` builds one per visit of a 100,000-visit year, so a
visit's rows (``StepRow``) and a section's title and sentences are worded only when read; the
JSON renderer reads figures and machine values only.
"""

from __future__ import annotations

from yibao_tui.core.money import money, shown
from yibao_tui.core.safe import safe, safe_lines
from yibao_tui.text import month_text, render, t, term
from yibao_tui.views.document import (
    AT_MOST,
    EXACT_Q,
    RANGE,
    UNKNOWN,
    Document,
    Figure,
    Qualifier,
    Row,
    Section,
    money_cell,
    qualify,
)
from yibao_tui.views.missing import gaps
from yibao_tui.views.sources import source_title
from yibao_tui.views.steps import money_text, step_amount, step_label, step_text

TOTAL_KEYS = ("fund", "serious_illness", "self_pay")
FIGURE_KEYS = (*TOTAL_KEYS, "total")
RANGE_ORDER = ("self_pay", "fund", "serious_illness")  # the family plans with its greatest self-pay
__all__ = ["money_text", "step_amount", "step_label", "step_text"]  # also offered from here
_UNKNOWN_Q = Qualifier(UNKNOWN)


class StepRow(Row):
    """A step of the breakdown as a document row, worded in ``lang`` when read. A total's step
    (fund, serious_illness, self_pay) carries the visit's figure, with its qualifier."""

    __slots__ = ("lang", "policy", "step")
    mark = status = ""
    extra = figures = ()
    words = meta = None

    def __init__(self, policy, step, lang, figure=None):
        self.policy, self.step, self.lang, self.figure = policy, step, lang, figure

    key = property(lambda self: self.step.key)
    label = property(lambda self: step_label(self.step, self.lang))
    text = property(lambda self: step_text(self.step, self.lang))
    source_file = property(lambda self: self.step.source)
    supplied = property(lambda self: self.step.supplied)
    strong = property(lambda self: self.step.key in TOTAL_KEYS)

    @property
    def value(self):
        return money(self.step.amount)

    @property
    def amount(self):
        if self.figure is not None:
            return self.figure.cell
        return money_cell(self.value, self.lang, self.step.unknown)

    @property
    def qualifier(self):
        if self.figure is not None:
            return self.figure.qualifier
        return EXACT_Q if self.step.amount is not None else _UNKNOWN_Q

    @property
    def source(self):
        return source_title(self.policy, self.step.source, self.lang)

    @property
    def quote(self):
        q = self.step.quote
        return q and safe_lines(q)

    @property
    def note(self):
        n = render(self.step.note, self.lang)
        return n and safe_lines(n)

    def said(self, field, lang):
        st = self.step
        return {"label": step_label(st, lang), "text": step_text(st, lang),
                "note": render(st.note, lang)}[field]


def step_row(policy, step, lang):
    return StepRow(policy, step, lang)


def header(policy, person, lang):
    """辽阳 2025 · 职工医保 · 在职"""
    return t("est.header", lang, city=policy.name, year=policy.year, scheme=person.scheme,
             category=person.category)


def claim_title(policy, scheme, claim, lang):
    """普通门诊 · 三级 · 高血压 · 已备案异地、未直接结算 · 2025-03-01"""
    care = policy.care(scheme, claim.care)
    parts = [render(care["label"], lang), render(policy.grades[claim.grade], lang) if claim.grade else ""]
    if claim.disease:
        parts.append(render(care.get("diseases", {}).get(claim.disease), lang) or safe(claim.disease))
    if claim.cross_region:
        parts.append(t("doc.list", lang, what=[term(s, lang) for s in claim.cross_region]))
    if claim.date:
        # a household visit records its month only (dated the 1st internally)
        parts.append(month_text(claim.date, lang) if claim.month_only else claim.date.isoformat())
    return " · ".join(p for p in parts if p)


def figures(values, missing, unchecked, rng, lang):
    """The four figures (fund, serious_illness, self_pay, total) of ``values`` as shown, each with
    its qualifier: the fund at most where a cap was not applied (``unchecked``); an amount that
    waits on a figure in ``missing`` a range over ``rng`` ({amount: (low, high)}), else unknown."""
    out = []
    for key, v in zip(FIGURE_KEYS, values, strict=True):
        pair = rng.get(key) if rng and v is None else None
        q = qualify(v, missing if v is None else (), unchecked if key == "fund" else (), pair,
                    AT_MOST)
        out.append(Figure(key, v, q, lang))
    return out


def summary(figs, lang):
    """统筹基金 至多 7,050.00 · 大病保险 未知 · 个人自付 未知 · 合计 10,000.00"""
    f, s, p, tot = (x.text for x in figs)
    return t("est.totals", lang, f=f, s=s, p=p, t=tot)


def range_line(policy, figs, missing, lang):
    """Where amounts wait on a figure no source gives, their range over it: "≈ 个人自付 1,180.00 –
    2,950.00 · 大病保险 0.00 – 1,770.00（取决于：大病保险起付标准）", self-pay first; or why no
    range can be given. None when every amount is known."""
    from yibao_tui.views.unknowns import name

    by = {f.key: f for f in figs}
    open_ = [by[k] for k in RANGE_ORDER if by[k].value is None]
    if not missing or not open_:
        return None
    names = [name(policy, m, lang) for m in missing]
    if any(f.qualifier.kind != RANGE for f in open_):
        return "≈ " + t("range.none", lang, figures=names)
    parts = [t("range." + f.key, lang, r=f.range_text) for f in open_]
    return "≈ " + t("range.line", lang, parts=" · ".join(parts), figures=names)


class VisitSection(Section):
    """One visit: its steps as rows, its four figures; title, sentence and range line worded
    when read (JSON does not)."""

    __slots__ = ("lang", "policy", "prefix", "result", "scheme")
    kind, bullets, columns = "visit", False, None

    def __init__(self, policy, scheme, res, lang, rng=None, ranged=False, prefix=""):
        self.policy, self.scheme, self.result, self.lang = policy, scheme, res, lang
        self.prefix, self.key = prefix, prefix
        self.meta = {"ranged": ranged or rng is not None}
        self.figures = figures(shown(res, policy), res.missing, res.unchecked, rng, lang)
        by = {f.key: f for f in self.figures}
        self.rows = [StepRow(policy, st, lang, by.get(st.key)) for st in res.steps]

    @property
    def title(self):
        return self.prefix + claim_title(self.policy, self.scheme, self.result.claim, self.lang)

    @property
    def summary(self):
        return summary(self.figures, self.lang)

    @property
    def lines(self):
        line = range_line(self.policy, self.figures, self.result.missing, self.lang)
        return [] if line is None else [line]

    missing = property(lambda self: self.result.missing)
    unchecked = property(lambda self: self.result.unchecked)

    @property
    def claim(self):
        """The visit's machine values (JSON's ``claim``)."""
        c = self.result.claim
        return {"care": c.care, "grade": c.grade, "disease": c.disease,
                "amount": None if c.amount is None else str(money(c.amount, self.policy)),
                "date": c.date.isoformat() if c.date else None}


def unknowns_section(policy, missing, unchecked, lang):
    """What is unknown (missing), a cap not applied (unchecked), and who would know: the last
    line says what to do."""
    return Section(kind="unknowns", lines=gaps(policy, missing, unchecked, lang))


def caveats_section(policy, lang):
    """What the estimate leaves out: the city's caveats."""
    return Section(t("est.caveats", lang), kind="caveats", bullets=True,
                   lines=[render(c, lang) for c in policy.caveats])


def disclaimer_section(lang):
    return Section(kind="disclaimer", lines=[t("md.disclaimer", lang)])


def _meta(policy, notices):
    return {"city": policy.city, "policy_year": policy.year, "notices": list(notices),
            "caveats": policy.caveats}


def visit_document(policy, person, res, lang, rng=None, notices=(), ranged=False):
    """One visit: the person as the title; the visit's section; what is unknown; caveats.
    ``rng``: its ranges over unknown figures ({amount: (low, high)}, ``core.engine.ranges``)."""
    doc = Document(header(policy, person, lang), lang, notices=list(notices), kind="visit")
    sec = VisitSection(policy, person.scheme, res, lang, rng, ranged)
    doc.sections = [sec, unknowns_section(policy, res.missing, res.unchecked, lang),
                    caveats_section(policy, lang), disclaimer_section(lang)]
    doc.meta = _meta(policy, notices)
    return doc


def with_section(doc, sec):
    """``doc`` with ``sec`` (a curve's break points …) after its figures, before what is
    unknown and the caveats."""
    at = next((i for i, s in enumerate(doc.sections) if s.kind in ("unknowns", "caveats")),
              len(doc.sections))
    doc.sections.insert(at, sec)
    return doc


def year_document(policy, year_res, notices, lang, single=False, ranges=None):
    """``yibao estimate`` as a document: one visit (``single``) or a person's year of visits, then
    the year's figures. ``ranges`` (``core.engine.ranges.Ranges`` or None): the ranges of amounts
    left unknown."""
    person = year_res.person
    if single:
        return visit_document(policy, person, year_res.visits[0], lang,
                              None if ranges is None else ranges.visits[0], notices, ranges is not None)
    doc = Document(header(policy, person, lang), lang, notices=list(notices), kind="year")
    for i, v in enumerate(year_res.visits, 1):
        doc.sections.append(VisitSection(policy, person.scheme, v, lang,
                                         None if ranges is None else ranges.visits[i - 1],
                                         ranges is not None, f"#{i} "))
    doc.sections.append(year_section(policy, shown(year_res, policy), year_res.missing,
                                     year_res.unchecked, lang, ranges))
    doc.sections += [unknowns_section(policy, year_res.missing, year_res.unchecked, lang),
                     caveats_section(policy, lang), disclaimer_section(lang)]
    doc.meta = _meta(policy, notices)
    return doc


def year_section(policy, values, missing, unchecked, lang, ranges=None):
    """A year's figures: the sums of its visits as shown, with their qualifiers and range."""
    figs = figures(values, missing, unchecked, None if ranges is None else ranges.year, lang)
    line = range_line(policy, figs, missing, lang)
    return Section(kind="year", figures=figs, lines=[] if line is None else [line],
                   summary=t("est.year", lang, totals=summary(figs, lang)),
                   meta={"missing": missing, "unchecked": unchecked, "ranged": ranges is not None})


def totals_line(policy, res, lang):
    """A visit's (or a year's) figures in one sentence (``yibao ask``)."""
    return summary(figures(shown(res, policy), res.missing, res.unchecked, None, lang), lang)


def visit_lines(policy, scheme, res, lang="zh", cols=100, sources=True):
    """One visit as plain-text lines: its title, then each step with its citation and note
    (the totals line is the caller's: a household year shows its own)."""
    from yibao_tui.views.document import chrome
    from yibao_tui.views.text import plain, section_lines

    sec = Section(claim_title(policy, scheme, res.claim, lang),
                  [StepRow(policy, st, lang) for st in res.steps])
    return [plain(ln).rstrip() for ln in section_lines(sec, chrome(lang), cols, 0, sources)]


def headline(rng, lang):
    """The family's headline where amounts are open: the greatest self-pay ("最多自付 2,950.00"),
    shown first; None without a range."""
    if not rng or rng.get("self_pay") is None:
        return None
    return t("range.headline", lang, hi=rng["self_pay"][1])


def range_lines(policy, res, rng, lang):
    """The range line of ``res`` (a visit or a year) over ``rng``, as a list ([] when every
    amount is known): for views that place it themselves."""
    figs = figures(shown(res, policy), res.missing, res.unchecked, rng, lang)
    line = range_line(policy, figs, res.missing, lang)
    return [] if line is None else [line]
