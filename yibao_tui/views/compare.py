"""A comparison as a Document: the same expense at the city's other grades and in the other
cities (the compare screen's rows), each option's fund, serious illness and self-pay as figures
with their qualifiers, and why an option has none.

``alts`` are the options as the wizard works them out (``tui.wizard.alternatives``): (name,
policy, grade, engine result or None, why not or None), the current choice first. Each option
with a result keeps its visit's document in ``meta["visits"]`` (the side panel shows it). An
option whose amounts wait on a figure no source gives has its range over it (as the breakdown
does), and a fund a cap was not applied to says "at most", so every row carries the breakdown's
qualifiers. ``compare_json`` is ``yibao compare --json``: each row an estimate's JSON."""

from __future__ import annotations

from yibao_tui.core.safe import safe
from yibao_tui.text import t
from yibao_tui.views.document import Document, Figure, Row, Section
from yibao_tui.views.estimate import TOTAL_KEYS, visit_document
from yibao_tui.views.missing import figure_words


def option_row(i, name, policy, visit, err, lang):
    """One option: its name; why a figure is unknown (or why there is none); its figures."""
    if visit is None:
        return Row(safe(name), err or t("unknown", lang), key=str(i), status="none")
    sec = visit.section("visit")
    res = sec.result
    why = t("cmp.why_unknown", lang, what=[figure_words(policy, m, lang) for m in res.missing]) \
        if res.missing else ""
    row = Row(safe(name), why, key=str(i))
    # Each cell shows its own range (no range line follows in a table of options).
    row.figures = [Figure(f.key, f.value, f.qualifier, lang, f.label_key, spans=True)
                   for f in sec.figures if f.key in TOTAL_KEYS]
    return row


def option_ranges(alts, person):
    """{index: {amount: (low, high)}} for each option whose amounts wait on a figure no source
    gives (``core.engine.ranges``, as the breakdown works them out); None where no range can be
    given."""
    from yibao_tui.core.engine.model import YearResult
    from yibao_tui.core.engine.ranges import year_ranges

    out = {}
    for i, (_name, policy, _grade, res, _err) in enumerate(alts):
        if res is not None and res.missing:
            out[i] = year_ranges(policy, person, [res.claim],
                                 result=YearResult(policy, person, [res])).visits[0]
    return out


def comparison_document(alts, person, lang, ranges=None):
    """The options as rows with their figures (``ranges``: {index: {amount: (low, high)}}; None:
    worked out here; a figure without one is unknown)."""
    if ranges is None:
        ranges = option_ranges(alts, person)
    visits = []
    rows = []
    for i, (name, policy, _grade, res, err) in enumerate(alts):
        visit = None
        if res is not None:
            rng = ranges.get(i)
            visit = visit_document(policy, person, res, lang, rng, ranged=bool(res.missing))
        visits.append(visit)
        rows.append(option_row(i, name, policy, visit, err, lang))
    cols = [(t("cmp.option", lang), "label"), *((t(k, lang), f"fig:{k}") for k in TOTAL_KEYS)]
    sec = Section(kind="compare", rows=rows, columns=cols)
    said = []  # each option's policy year, said once (views.document.policy_notices)
    for v in visits:
        said += [n for n in (v.notices if v is not None else ()) if n not in said]
    return Document(t("step.compare", lang), lang, [sec], kind="compare", compact=True,
                    meta={"visits": visits}, notices=said)


def compare_json(alts, person, ranges=None):
    """``yibao compare --json``: {"rows": [...]}, each option with a result as an estimate's JSON
    (``views.estimate_json.estimate_json``: fund, serious_illness, self_pay, total, the
    ``*_range`` keys, missing, unchecked …) and which option it is: city, scheme, category, care,
    grade, ``current`` (true on the row asked about). An option the city cannot take has no row."""
    from yibao_tui.views.estimate_json import estimate_json

    if ranges is None:
        ranges = option_ranges(alts, person)
    rows = []
    for i, (_name, policy, grade, res, _err) in enumerate(alts):
        if res is None:
            continue
        rng = ranges.get(i)
        row = estimate_json(visit_document(policy, person, res, "en", rng,
                                           ranged=bool(res.missing)))
        row.update(city=policy.city, scheme=person.scheme, category=person.category,
                   care=res.claim.care, grade=grade, current=i == 0)
        rows.append(row)
    return {"rows": rows}
