"""A comparison as a Document: the same expense at the city's other grades and in the other
cities (the compare screen's rows), each option's fund, serious illness and self-pay as figures
with their qualifiers, and why an option has none.

``alts`` are the options as the wizard works them out (``tui.wizard.alternatives``): (name,
policy, grade, engine result or None, why not or None), the current choice first. Each option
with a result keeps its visit's document in ``meta["visits"]`` (the side panel shows it)."""

from __future__ import annotations

from yibao_tui.core.safe import safe
from yibao_tui.text import t
from yibao_tui.views.document import Document, Row, Section
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
    row.figures = [f for f in sec.figures if f.key in TOTAL_KEYS]
    return row


def comparison_document(alts, person, lang, ranges=None):
    """The options as rows with their figures (``ranges``: {index: {amount: (low, high)}} where
    worked out; a figure without one is unknown)."""
    visits = []
    rows = []
    for i, (name, policy, _grade, res, err) in enumerate(alts):
        visit = None
        if res is not None:
            rng = (ranges or {}).get(i)
            visit = visit_document(policy, person, res, lang, rng, ranged=rng is not None)
        visits.append(visit)
        rows.append(option_row(i, name, policy, visit, err, lang))
    cols = [(t("cmp.option", lang), "label"), *((t(k, lang), f"fig:{k}") for k in TOTAL_KEYS)]
    sec = Section(kind="compare", rows=rows, columns=cols)
    said = []  # each option's policy year, said once (views.document.policy_notices)
    for v in visits:
        said += [n for n in (v.notices if v is not None else ()) if n not in said]
    return Document(t("step.compare", lang), lang, [sec], kind="compare", compact=True,
                    meta={"visits": visits}, notices=said)
