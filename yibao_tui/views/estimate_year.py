"""A person's claims year as a Document (``yibao estimate --claims``): each visit's section from
``views.estimate``, then the year's figures with their qualifiers and the range line."""

from __future__ import annotations

from yibao_tui.core.money import shown
from yibao_tui.text import t
from yibao_tui.views.document import Document, Section, with_policy_notices
from yibao_tui.views.estimate import (
    VisitSection,
    caveats_section,
    disclaimer_section,
    figures,
    header,
    policy_meta,
    range_line,
    summary,
    unknowns_section,
    visit_document,
)


def year_document(policy, year_res, notices, lang, single=False, ranges=None):
    """``yibao estimate`` as a document: one visit (``single``) or a person's year of visits, then
    the year's figures. ``ranges`` (``core.engine.ranges.Ranges`` or None): the ranges of amounts
    left unknown."""
    person = year_res.person
    if single:
        return visit_document(policy, person, year_res.visits[0], lang,
                              None if ranges is None else ranges.visits[0], notices, ranges is not None)
    notices = with_policy_notices(notices, policy, {v.claim.date for v in year_res.visits} or (None,), lang)
    doc = Document(lambda: header(policy, person, lang), lang, notices=notices, kind="year")
    for i, v in enumerate(year_res.visits, 1):
        doc.sections.append(VisitSection(policy, person.scheme, v, lang,
                                         None if ranges is None else ranges.visits[i - 1],
                                         ranges is not None, f"#{i} "))
    doc.sections.append(year_section(policy, shown(year_res, policy), year_res.missing,
                                     year_res.unchecked, lang, ranges))
    doc.sections += [unknowns_section(policy, year_res.missing, year_res.unchecked, lang),
                     caveats_section(policy, lang), disclaimer_section(lang)]
    doc.meta = policy_meta(policy, notices)
    return doc


class YearSection(Section):
    """A year's figures: the sums of its visits as shown, with their qualifiers; its sentence and
    range line worded when read."""

    __slots__ = ("lang", "loose", "policy")
    kind, bullets, columns, title, rows, key = "year", False, None, None, (), "year"

    def __init__(self, policy, values, missing, unchecked, lang, ranges=None):
        self.policy, self.lang = policy, lang
        self.figures = figures(values, missing, unchecked, None if ranges is None else ranges.year,
                               lang)
        self.meta = {"missing": missing, "unchecked": unchecked, "ranged": ranges is not None}
        self.loose = bool(ranges is not None and getattr(ranges, "loose", False))

    @property
    def summary(self):
        return t("est.year", self.lang, totals=summary(self.figures, self.lang))

    @property
    def lines(self):
        line = range_line(self.policy, self.figures, self.meta["missing"], self.lang, self.loose)
        return [] if line is None else [line]


year_section = YearSection
