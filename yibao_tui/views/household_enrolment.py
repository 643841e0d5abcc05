"""The household's enrolment for its year as a Document: each member's premium, cover start
and 烟台's serious-illness cap adjustment, cited, and the household's premium total."""

from __future__ import annotations

from yibao_tui.core.money import yuan
from yibao_tui.core.safe import safe
from yibao_tui.text import render, renders, t
from yibao_tui.views.document import Document, Row, Section
from yibao_tui.views.enrolment import line_row


def _line_row(line, policy, lang):
    return line_row(line, lang, policy)


def member_sections(es, r, lang, name=True):
    """One member's enrolment (``r``: a MemberEnrolment of ``es``) as sections: premium and cover
    lines with their notes and the cover start, then 烟台's cap adjustment."""
    m, p = r.member, r.policy
    sec = Section(f"{safe(m.name)} · {render(p.name, lang) if p else safe(m.city)}" if name else None)
    out = [sec]
    if r.error:
        sec.rows.append(Row("", render(r.error, lang), mark="✗", status="broken"))
        return out
    sec.lines += [f"! {n}" for n in renders(r.notices, lang)]
    if not m.insured:
        sec.lines.append(t("hh.enrol.not_insured", lang))
        return out
    for part, note in ((r.premium, r.premium_note), (r.cover, r.cover_note)):
        if part is None:
            continue
        rows = [_line_row(ln, p, lang) for ln in part.lines]
        if rows and note:
            rows[-1].extra.append(f"※ {render(note, lang)}")
        sec.rows += rows
    start = r.cover.start if r.cover is not None else None
    sec.lines.append(t("hh.enrol.start", lang, date=start.isoformat()) if start is not None
                     else t("hh.enrol.start_unknown", lang, why=render(r.cover_note, lang) or "—"))
    if r.si_cap is not None:
        h = r.history
        si = Section(t("hh.enrol.si_cap", lang, n=h["continuous"], cf=h["claim_free"],
                       lapsed=h["lapsed"]), [_line_row(ln, p, lang) for ln in r.si_cap.lines])
        si.lines = [f"※ {n}" for n in renders(h["notes"], lang)]
        out.append(si)
    return out


def total_line(es, lang):
    if es.total is not None:
        return t("hh.enrol.total", lang, total=yuan(es.total))
    names = {r.member.id: safe(r.member.name) for r in es.members}
    return t("hh.enrol.total_open", lang, who=", ".join(names.get(x, x) for x in es.open))


def enrolment_document(es, year, lang):
    """Every member's premium, cover start and cap adjustment, then the household's total."""
    doc = Document(t("hh.enrol.title", lang, year=year), lang, compact=True)
    for r in es.members:
        doc.sections += member_sections(es, r, lang)
    doc.sections.append(Section(None, [], [total_line(es, lang)]))
    return doc


def member_enrolment_document(es, member, year, lang):
    """One member's part (the TUI's members pane), with the household's total under it."""
    r = next((x for x in es.members if x.member.id == member.id), None)
    if r is None:
        return None
    doc = Document(t("hh.enrol.title", lang, year=year), lang, member_sections(es, r, lang, False),
                   compact=True)
    doc.sections.append(Section(None, [], [total_line(es, lang)]))
    return doc
