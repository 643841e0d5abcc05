"""Enrolment answers (core/enrolment) as documents: premium, cover, grants, si-cap, and a city's
cover rules.

A ``Line``'s label and working are ``Msg``s; its row words them in one language, its source
shown by title (the file name stays in JSON), its note rendered, and keeps the Msgs and the
machine amount for JSON. ``line_json`` is the JSON of a row, unchanged since the CLI first
printed it: key, label {zh, en}, text (en), text_zh, amount, source (file), quote, note,
supplied.
"""

from __future__ import annotations

import datetime as dt

from yibao_tui.core.money import yuan
from yibao_tui.core.safe import safe
from yibao_tui.text import render, t
from yibao_tui.views.document import Document, Row, Section
from yibao_tui.views.estimate_json import dec
from yibao_tui.views.sources import source_title


def amount_text(a):
    """A line's amount as shown: an ISO date, yuan, or blank."""
    if a is None:
        return ""
    return a.isoformat() if isinstance(a, dt.date) else yuan(a)


def _note(note, lang):
    return render(note, lang) if note else None


def line_json(row):
    """A line's JSON, from its row (``line_row``)."""
    a = row.value
    (label_zh, label_en), (text_zh, text_en), (note_zh, note_en) = row.bilingual()
    return {"key": row.key, "label": {"zh": label_zh, "en": label_en},
            "text": text_en, "text_zh": text_zh,
            "amount": a.isoformat() if isinstance(a, dt.date) else dec(a),
            "source": row.source_file, "quote": row.meta["quote"],
            "note": note_en, "note_zh": note_zh, "supplied": row.supplied}


def lines_json(lines):
    """Core lines as JSON, each through its row."""
    return [line_json(line_row(ln, "en")) for ln in lines]


def line_row(ln, lang, policy=None):
    """One line as a document row; its source by title when the policy is known."""
    title = source_title(policy, ln.source, lang) if policy is not None else ln.source
    row = Row(label=render(ln.label, lang), text=render(ln.text, lang), amount=amount_text(ln.amount),
              key=ln.key, source=title, source_file=ln.source, quote=ln.quote and safe(ln.quote),
              note=_note(ln.note, lang), supplied=ln.supplied, value=ln.amount,
              words={"label": ln.label, "text": ln.text, "note": ln.note})
    row.meta = {"quote": ln.quote}
    return row


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


_CONDITIONS = ("in_window", "lapsed", "categories", "flags", "situations", "born_within",
               "born_in_window", "gap_up_to")
_EXTRA = ("days", "months", "per_lapsed_year")


def rules_doc(policy, scheme, rules, lang):
    """``yibao cover --list``: the city's situations, then each cover rule (its conditions as the
    file writes them → when cover starts), quoted."""
    sits = rules.get("situations", {})
    head = t("enrolment.view.situations", lang) + (
        t("doc.list", lang, what=[f"{k} {render(v, lang)}" for k, v in sits.items()]) if sits else "-")
    sec = Section(kind="rules")
    for n, r in enumerate(rules["cover"], 1):
        cond = [f"{k}={r[k]}" for k in _CONDITIONS if k in r]
        extra = [f"{k}={r[k]}" for k in _EXTRA if k in r]
        sec.rows.append(Row(f"{n}.", f"{' '.join(cond) or '(otherwise)'} → {r['start']} "
                                     f"{' '.join(extra)}".rstrip(), key=str(n),
                            source=source_title(policy, r["source"], lang), source_file=r["source"],
                            quote=safe(r["quote"])))
    return Document(title(policy, lang, t(f"label.{scheme}", lang)), lang,
                    [Section(lines=[head]), sec], compact=True)
