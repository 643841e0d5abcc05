"""An estimate as a Document: one visit (``visit_document``; a person's claims year is
``views.estimate_year.year_document``) — each visit's cited steps, its figures with their
qualifiers, the range of what waits on a figure no source gives, what is unknown and who would
know, the city's caveats.

Light on purpose: ``yibao estimate --json`` builds one per visit of a 100,000-visit year, so a
visit's rows (``StepRow``) and a section's title and sentences are worded only when read; the
JSON renderer reads figures and machine values only.
"""

from __future__ import annotations

from operator import attrgetter, itemgetter

from yibao_tui.core.money import money, shown
from yibao_tui.core.safe import safe, safe_lines
from yibao_tui.text import month_text, render, t, term
from yibao_tui.views.document import (
    AT_LEAST,
    AT_MOST,
    EXACT_Q,
    RANGE,
    UNKNOWN,
    Document,
    Figure,
    LazySection,
    Qualifier,
    RowMethods,
    Section,
    money_cell,
    qualify,
    with_policy_notices,
)
from yibao_tui.views.steps import money_text, step_amount, step_label, step_text

TOTAL_KEYS = ("fund", "serious_illness", "self_pay")
FIGURE_KEYS = (*TOTAL_KEYS, "total")
RANGE_ORDER = ("self_pay", "fund", "serious_illness")  # the family plans with its greatest self-pay
__all__ = ["money_text", "step_amount", "step_label", "step_text"]  # also offered from here
_UNKNOWN_Q = Qualifier(UNKNOWN)
_RANGED, _NOT_RANGED = {"ranged": True}, {"ranged": False}  # a visit's meta (read only)


class StepRow(tuple, RowMethods):
    """A step of the breakdown as a document row: ``StepRow((steps, step))``, worded when read
    in its visit's language (``steps``: the ``Steps`` its visit's rows share). A total's step
    (fund, serious_illness, self_pay) carries the visit's figure, with its qualifier. A pair, made
    at C speed: a streamed year of 100,000 visits makes one per step."""

    __slots__ = ()
    mark = status = ""
    extra = figures = ()
    words = meta = None
    sec = property(itemgetter(0))
    step = property(itemgetter(1))
    policy = property(attrgetter("sec.policy"))
    lang = property(attrgetter("sec.lang"))
    figure = property(lambda self: self.sec.figure(self.step.key))
    key = property(attrgetter("step.key"))
    label = property(lambda self: step_label(self.step, self.lang))
    text = property(lambda self: step_text(self.step, self.lang))
    source_file = property(attrgetter("step.source"))
    supplied = property(attrgetter("step.supplied"))
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
        from yibao_tui.views.sources import source_title

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
        if field == "label":
            return render(st.label, lang)
        if field == "text":
            return render(st.arith, lang)
        return render(st.note, lang)

    def machine(self):
        return step_machine(self.step)

    def bilingual(self):
        return step_bilingual(self.step)


def step_machine(st):
    """A step's row's machine values (``RowMethods.machine``); the quote as the policy file has
    it (the input layer checked it)."""
    return st.key, money(st.amount), st.source, st.quote, st.supplied


def step_bilingual(st):
    """A step's row's words in both languages (``RowMethods.bilingual``)."""
    label, arith, note = st.label, st.arith, st.note
    return ((render(label, "zh"), render(label, "en")), (render(arith, "zh"), render(arith, "en")),
            (render(note, "zh"), render(note, "en")))


class Steps:
    """What a visit's step rows share: the policy, the language and the visit's figures (a
    total's step shows its figure). Not the section itself: rows and section would hold each
    other, and a streamed year would leave every visit to the cycle collector."""

    __slots__ = ("_figures", "lang", "policy", "result", "rng", "values")

    def __init__(self, policy, lang, result=None, values=None, rng=None):
        self.policy, self.lang, self.result, self.values, self.rng = policy, lang, result, values, rng
        self._figures = None

    @property
    def figures(self):
        """The visit's four figures with their qualifiers, made when first read."""
        if self._figures is None:
            res = self.result
            self._figures = () if res is None else figures(self.values, res.missing, res.unchecked,
                                                           self.rng, self.lang)
        return self._figures

    def figure(self, key):
        """The visit's figure for a total's step (fund, serious_illness, self_pay), else None."""
        if key in TOTAL_KEYS and self.result is not None:
            return next(f for f in self.figures if f.key == key)
        return None


def header(policy, person, lang):
    """辽阳 2025 · 职工医保 · 在职"""
    return t("est.header", lang, city=policy.name, year=policy.year, scheme=person.scheme,
             category=person.category)


def claim_title(policy, scheme, claim, lang):
    """普通门诊 · 三级 · 高血压 · 已备案异地、未直接结算 · 2025-03-01"""
    care = policy.care(scheme, claim.care)
    parts = [render(care.label, lang), render(policy.grades[claim.grade], lang) if claim.grade else ""]
    if claim.disease:
        parts.append(render(care.diseases.get(claim.disease), lang) or safe(claim.disease))
    if claim.cross_region:
        parts.append(t("doc.list", lang, what=[term(s, lang) for s in claim.cross_region]))
    if claim.date:
        # a household visit records its month only (dated the 1st internally)
        parts.append(month_text(claim.date, lang) if claim.month_only else claim.date.isoformat())
    return " · ".join(p for p in parts if p)


def figures(values, missing, unchecked, rng, lang):
    """The four figures (fund, serious_illness, self_pay, total) of ``values`` as shown, each with
    its qualifier: the fund at most where a cap was not applied (``unchecked``), the self-pay then
    at least; an amount that waits on a figure in ``missing`` a range over ``rng``, else unknown."""
    if not (missing or unchecked):  # the usual case, once per visit of a long year: all exact
        return [Figure(k, v, EXACT_Q, lang) for k, v in zip(FIGURE_KEYS, values, strict=True)]
    out = []
    for key, v in zip(FIGURE_KEYS, values, strict=True):
        pair = rng.get(key) if rng and v is None else None
        bound = AT_MOST if key == "fund" else AT_LEAST if key == "self_pay" else None
        q = qualify(v, missing if v is None else (), unchecked if bound else (), pair, bound)
        out.append(Figure(key, v, q, lang))
    return out


def summary(figs, lang):
    """统筹基金 至多 7,050.00 · 大病保险 未知 · 个人自付 未知 · 合计 10,000.00"""
    f, s, p, tot = (x.text for x in figs)
    return t("est.totals", lang, f=f, s=s, p=p, t=tot)


def range_line(policy, figs, missing, lang, loose=False):
    """Where amounts wait on a figure no source gives, their range over it: "≈ 个人自付 1,180.00 –
    2,950.00 · 大病保险 0.00 – 1,770.00（取决于：大病保险起付标准）", self-pay first; or why no
    range can be given. None when every amount is known."""
    from yibao_tui.views.unknowns import name, stuck

    by = {f.key: f for f in figs}
    open_ = [by[k] for k in RANGE_ORDER if by[k].value is None]
    if not missing or not open_:
        return None
    names = [name(policy, m, lang) for m in missing]
    if any(f.qualifier.kind != RANGE for f in open_):
        return "≈ " + t("range.none", lang, figures=stuck(policy, missing, lang) or names)
    parts = [t("range." + f.key, lang, r=f.range_text) for f in open_]
    line = "≈ " + t("range.line", lang, parts=" · ".join(parts), figures=names)
    return line + t("range.loose", lang, n=len(names)) if loose else line


class VisitSection(Section):
    """One visit: its steps as rows, its four figures; title, sentence and range line worded
    when read (JSON does not)."""

    __slots__ = ("_ctx", "_rows", "exact", "lang", "policy", "prefix", "result", "rng", "scheme",
                 "values")
    kind, bullets, columns = "visit", False, None

    def __init__(self, policy, scheme, res, lang, rng=None, ranged=False, prefix=""):
        self.policy, self.scheme, self.result, self.lang = policy, scheme, res, lang
        self.prefix = self.key = prefix
        self.rng, self._ctx, self._rows = rng, None, None
        self.meta = _RANGED if ranged or rng is not None else _NOT_RANGED
        self.values = shown(res, policy)  # fund, serious illness, self-pay, total: machine
        # Every figure exact (no figure missing, no cap unapplied): JSON reads ``values``, and
        # the typed figures and the rows are made only when something reads them.
        self.exact = not (res.missing or res.unchecked)

    @property
    def ctx(self):
        """What the rows share (``Steps``): the section is not in it, so there is no cycle."""
        if self._ctx is None:
            self._ctx = Steps(self.policy, self.lang, self.result, self.values, self.rng)
        return self._ctx

    figures = property(attrgetter("ctx.figures"))

    @property
    def rows(self):
        """The steps as rows, made when first read."""
        if self._rows is None:
            ctx = self.ctx
            self._rows = [StepRow((ctx, st)) for st in self.result.steps]
        return self._rows

    def row_values(self):
        """Each step's (machine values, words in both languages), as its row gives them
        (``RowMethods.machine``, ``bilingual``) without making the rows: JSON's reading of the
        steps, once per visit of a long year."""
        return [(step_machine(st), step_bilingual(st)) for st in self.result.steps]

    @property
    def title(self):
        return self.prefix + claim_title(self.policy, self.scheme, self.result.claim, self.lang)

    @property
    def summary(self):
        return summary(self.figures, self.lang)

    @property
    def lines(self):
        line = range_line(self.policy, self.figures, self.result.missing, self.lang,
                          bool(self.rng and self.rng.get("loose")))
        return [] if line is None else [line]

    missing = property(attrgetter("result.missing"))
    unchecked = property(attrgetter("result.unchecked"))

    @property
    def claim(self):
        """The visit's machine values (JSON's ``claim``)."""
        c = self.result.claim
        return {"care": c.care, "grade": c.grade, "disease": c.disease,
                "amount": None if c.amount is None else str(money(c.amount, self.policy)),
                "date": c.date.isoformat() if c.date else None}


def unknowns_section(policy, missing, unchecked, lang):
    """What is unknown (missing), a cap not applied (unchecked), and who would know: the last
    line says what to do. Worded when read."""
    def build():
        from yibao_tui.views.missing import gaps

        return Section(lines=gaps(policy, missing, unchecked, lang))

    return LazySection("unknowns", build)


def caveats_section(policy, lang):
    """What the estimate leaves out: the city's caveats. Worded when read."""
    return LazySection("caveats", lambda: Section(
        t("est.caveats", lang), bullets=True, lines=[render(c, lang) for c in policy.caveats]))


def disclaimer_section(lang):
    return LazySection("disclaimer", lambda: Section(lines=[t("md.disclaimer", lang)]))


def policy_meta(policy, notices):
    return {"city": policy.city, "policy_year": policy.year, "notices": list(notices),
            "caveats": policy.caveats}


def visit_document(policy, person, res, lang, rng=None, notices=(), ranged=False):
    """One visit: the person as the title; the visit's section; what is unknown; caveats.
    ``rng``: its ranges over unknown figures ({amount: (low, high)}, ``core.engine.ranges``).
    The policy's year is said first where its file does not cover the visit's day."""
    notices = with_policy_notices(notices, policy, (res.claim.date,), lang)
    doc = Document(lambda: header(policy, person, lang), lang, notices=notices, kind="visit")
    sec = VisitSection(policy, person.scheme, res, lang, rng, ranged)
    doc.sections = [sec, unknowns_section(policy, res.missing, res.unchecked, lang),
                    caveats_section(policy, lang), disclaimer_section(lang)]
    doc.meta = policy_meta(policy, notices)
    return doc


def with_section(doc, *secs):
    """``doc`` with ``secs`` (a curve's break points …) after its figures, before what is
    unknown and the caveats."""
    at = next((i for i, s in enumerate(doc.sections) if s.kind in ("unknowns", "caveats")),
              len(doc.sections))
    doc.sections[at:at] = list(secs)
    return doc


def totals_line(policy, res, lang):
    """A visit's (or a year's) figures in one sentence (``yibao ask``)."""
    return summary(figures(shown(res, policy), res.missing, res.unchecked, None, lang), lang)


def visit_lines(policy, scheme, res, lang="zh", cols=100, sources=True):
    """One visit as plain-text lines: its title, then each step with its citation and note
    (the totals line is the caller's: a household year shows its own)."""
    from yibao_tui.views.text import plain, section_lines

    ctx = Steps(policy, lang)
    sec = Section(claim_title(policy, scheme, res.claim, lang), [StepRow((ctx, st)) for st in res.steps])
    doc = Document("", lang, [sec])
    return [plain(ln).rstrip() for ln in section_lines(sec, doc, cols, 0, sources)]


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
