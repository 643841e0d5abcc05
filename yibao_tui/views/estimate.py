"""An estimate as a Document in one language: a visit's steps, its totals, a year's totals and
what the figures leave open. The plain-text, Markdown and Textual faces lay it out."""

from __future__ import annotations

from yibao_tui.core.money import shown
from yibao_tui.text import month_text, render, t
from yibao_tui.views.document import Document, Row, Section
from yibao_tui.views.missing import gaps
from yibao_tui.views.sources import source_title
from yibao_tui.views.steps import money_text, step_amount, step_label, step_text

TOTAL_KEYS = ("fund", "serious_illness", "self_pay")
__all__ = ["money_text", "step_amount", "step_label", "step_text"]  # also offered from here


def step_row(policy, step, lang):
    return Row(label=step_label(step, lang), text=step_text(step, lang),
               amount=step_amount(step, lang), key=step.key,
               source=source_title(policy, step.source), source_file=step.source,
               quote=step.quote, note=render(step.note, lang), supplied=step.supplied,
               strong=step.key in TOTAL_KEYS)


def header(policy, person, lang):
    """辽阳 2025 · 职工医保 · 在职"""
    return t("est.header", lang, city=policy.name, year=policy.year, scheme=person.scheme,
             category=person.category)


def claim_title(policy, scheme, claim, lang):
    """普通门诊 · 三级 · 高血压 · 2025-03-01"""
    care = policy.care(scheme, claim.care)
    parts = [render(care.label, lang), render(policy.grades[claim.grade], lang) if claim.grade else ""]
    if claim.disease:
        parts.append(render(care.diseases.get(claim.disease), lang) or claim.disease)
    if claim.date:
        # a household visit records its month only (dated the 1st internally)
        parts.append(month_text(claim.date, lang) if claim.month_only else claim.date.isoformat())
    return " · ".join(p for p in parts if p)


def fund_text(f, res, lang):
    """The fund as shown; an upper bound ("at most") when a cap no source gives was not applied."""
    if f is not None and res.unchecked:
        return f"{t('fund.at_most', lang)} {money_text(f, lang)}"
    return money_text(f, lang)


def totals_line(policy, res, lang):
    f, s, p, tot = shown(res, policy)
    return t("est.totals", lang, f=fund_text(f, res, lang), s=money_text(s, lang),
             p=money_text(p, lang), t=money_text(tot, lang))


def visit_section(policy, scheme, res, lang, title_prefix="", rng=None):
    lines = ["  = " + totals_line(policy, res, lang)]
    lines += range_lines(policy, res, rng, lang)
    return Section(title=title_prefix + claim_title(policy, scheme, res.claim, lang),
                   rows=[step_row(policy, st, lang) for st in res.steps], lines=lines)


def range_lines(policy, res, rng, lang, indent="  ≈ "):
    """Where a missing figure leaves amounts unknown, their range over it (``core.engine.ranges``,
    ``rng``: {amount: (low, high)} or None): "个人自付 1,180.00 – 2,950.00 · 大病保险 0.00 –
    1,770.00（取决于：大病保险起付标准）". Self-pay first: the family plans with its greatest
    self-pay. [] when every amount is known; the reason when no range can be given."""
    from yibao_tui.views.unknowns import name

    if not res.missing:
        return []
    f, s, p, _t = shown(res, policy)
    open_ = [k for k, v in (("self_pay", p), ("fund", f), ("serious_illness", s)) if v is None]
    if not open_:
        return []
    figures = [name(policy, m, lang) for m in res.missing]
    if rng is None:
        return [indent + t("range.none", lang, figures=figures)]
    parts = [t("range." + k, lang, r=t("range.amount", lang, lo=rng[k][0], hi=rng[k][1]))
             for k in open_]
    return [indent + t("range.line", lang, parts=" · ".join(parts), figures=figures)]


def footer_lines(policy, res_list, lang):
    """What the figures leave open (missing, unchecked) and the policy's caveats."""
    lines = []
    missing = list(dict.fromkeys(m for r in res_list for m in r.missing))
    unchecked = list(dict.fromkeys(m for r in res_list for m in r.unchecked))
    lines += gaps(policy, missing, unchecked, lang)
    if policy.caveats:
        lines.append(t("est.caveats", lang))
        lines += [f"  - {render(c, lang)}" for c in policy.caveats]
    return lines


def headline(rng, lang):
    """The family's headline where amounts are open: the greatest self-pay ("最多自付 2,950.00"),
    shown first; None without a range."""
    if not rng or rng.get("self_pay") is None:
        return None
    return t("range.headline", lang, hi=rng["self_pay"][1])


def year_document(policy, year_res, notices, lang, single=False, ranges=None):
    """``yibao estimate`` as text: one visit (``single``) or a person's year of visits.
    ``ranges`` (``core.engine.ranges.Ranges`` or None): the ranges of amounts left unknown."""
    doc = Document(title=header(policy, year_res.person, lang), lang=lang, notices=list(notices))
    scheme = year_res.person.scheme
    for i, v in enumerate(year_res.visits, 1):
        doc.sections.append(visit_section(policy, scheme, v, lang, "" if single else f"#{i} ",
                                          None if ranges is None else ranges.visits[i - 1]))
    if not single:
        year_rng = None if ranges is None else ranges.year
        doc.sections.append(Section(lines=[t("est.year", lang,
                                             totals=totals_line(policy, year_res, lang)),
                                           *range_lines(policy, year_res, year_rng, lang)]))
    doc.sections.append(Section(lines=footer_lines(policy, year_res.visits, lang)))
    return doc


def visit_lines(policy, scheme, res, lang="zh", cols=100, sources=True):
    """One visit as plain-text lines: its title, then each step with its citation and note
    (the totals line is the caller's: a household year shows its own)."""
    from yibao_tui.views.text import section_lines

    sec = visit_section(policy, scheme, res, lang)
    sec.lines = []
    return section_lines(sec, lang, cols, sources)
