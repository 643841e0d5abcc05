"""Enrolment answers (core/enrolment) as documents and text: premium, cover, grants, si-cap.

A ``Line``'s label and working are ``Msg``s; here they are worded in one language, its source
shown by title (the file name stays in JSON), its note rendered. ``line_json`` is the JSON of a
line, unchanged since the CLI first printed it: key, label {zh, en}, text (en), text_zh, amount,
source (file), quote, note, supplied.
"""

from __future__ import annotations

import datetime as dt

from yibao_tui.core.money import yuan
from yibao_tui.text import render, t
from yibao_tui.views.document import Document, Row, Section
from yibao_tui.views.text import document_lines, terminal_cols


def amount_text(a):
    """A line's amount as shown: an ISO date, yuan, or blank."""
    if a is None:
        return ""
    return a.isoformat() if isinstance(a, dt.date) else yuan(a)


def _note(note, lang):
    return render(note, lang) if note else None


def line_json(ln):
    a = ln.amount
    return {"key": ln.key, "label": {"zh": render(ln.label, "zh"), "en": render(ln.label, "en")},
            "text": render(ln.text, "en"), "text_zh": render(ln.text, "zh"),
            "amount": None if a is None else (a.isoformat() if isinstance(a, dt.date) else str(a)),
            "source": ln.source, "quote": ln.quote,
            "note": render(ln.note, "en"), "note_zh": render(ln.note, "zh"), "supplied": ln.supplied}


def lines_json(lines):
    return [line_json(ln) for ln in lines]


def line_row(ln, lang, policy=None):
    """One line as a document row; its source by title when the policy is known."""
    title = policy.source_title(ln.source) if policy is not None else ln.source
    return Row(label=render(ln.label, lang), text=render(ln.text, lang), amount=amount_text(ln.amount),
               key=ln.key, source=title, source_file=ln.source, quote=ln.quote,
               note=_note(ln.note, lang), supplied=ln.supplied)


def rows(lines, lang, policy=None):
    return [line_row(ln, lang, policy) for ln in lines]


# ───────────────────────────── documents ─────────────────────────────

def title(policy, lang, *parts):
    """``烟台 2025 · 城乡居民医保 · …``: the policy by its city's name, then what the answer is."""
    return " · ".join([t("policy.city_year", lang, name=policy.name, year=policy.year), *parts])


def notices(policy, year, lang="en", json=False):
    """The policy used is older than the year asked for. JSON names the city by id (as it
    always has); text by its name."""
    if year is None or policy.year == year:
        return []
    city = policy.city if json else policy.name
    return [t("enrolment.view.old_year", lang, city=city, year=year, pyear=policy.year)]


def _who(policy, category, flags, lang, extra=()):
    return [t(f"label.{category}", lang), *(render(policy.flags[f], lang) for f in flags), *extra]


def premium_doc(policy, scheme, results, total, lang, notes=()):
    doc = Document(title(policy, lang, t(f"label.{scheme}", lang), t("enrolment.view.premiums", lang)),
                   lang, notices=list(notes))
    household = len(results) > 1
    for i, r in enumerate(results, 1):
        name = f"{r.name} · " if r.name else (f"#{i} " if household else "")
        doc.sections.append(Section(name + " · ".join(_who(policy, r.category, r.flags, lang)),
                                    rows(r.lines, lang, policy)))
    if household:
        line = (t("enrolment.view.total_open", lang) if total is None
                else t("enrolment.view.total", lang, total=yuan(total)))
        doc.sections.append(Section(lines=[line]))
    return doc


def cover_doc(policy, scheme, c, category, flags, situations, lang, notes=()):
    sits = policy.scheme(scheme).enrolment.situations
    who = _who(policy, category, flags, lang, [render(sits[s], lang) for s in situations])
    doc = Document(title(policy, lang, t(f"label.{scheme}", lang), *who), lang, notices=list(notes))
    doc.sections.append(Section(rows=rows(c.lines, lang, policy)))
    doc.sections.append(Section(lines=[t("enrolment.view.cover_unknown", lang) if c.start is None
                                       else t("enrolment.view.cover_start", lang, start=c.start)]))
    return doc


def grants_doc(policy, scheme, items, lang, notes=()):
    doc = Document(title(policy, lang, t(f"label.{scheme}", lang), t("enrolment.view.grants", lang)),
                   lang, notices=list(notes))
    if items:
        doc.sections.append(Section(rows=rows(items, lang, policy)))
    else:
        doc.sections.append(Section(lines=["  " + t("enrolment.view.no_grants", lang)]))
    return doc


def si_cap_doc(policy, scheme, r, lang, notes=()):
    doc = Document(title(policy, lang, t(f"label.{scheme}", lang), t("enrolment.view.si_cap", lang)),
                   lang, notices=list(notes))
    doc.sections.append(Section(rows=rows(r.lines, lang, policy)))
    return doc


# ───────────────────────────── plain text ─────────────────────────────



def document_text(doc, cols=None):
    """A document of this module as the CLI prints it (``views.text.document_lines``)."""
    return document_lines(doc, terminal_cols(cols))
