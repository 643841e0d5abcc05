"""An estimate document as JSON (``yibao estimate --json``, households, the slip check): a
contract — keys, types and order stay. Read from the document's figures and rows: a figure's
value is its decimal string (null where it waits on a figure no source gives) and its qualifier
says the rest — ``<key>_range`` beside a null where ranges were worked out (the pair, or null
where no range can be given), a cap not applied in ``unchecked``. Labels, arithmetic and notes
are given in both languages; a source stays its file name."""

from __future__ import annotations

from yibao_tui.views.document import RANGE

RANGED = ("fund", "serious_illness", "self_pay")


def dec(d):
    return None if d is None else str(d)


def step_json(row):
    return {
        "key": row.key,
        "label": {"zh": row.said("label", "zh"), "en": row.said("label", "en")},
        "arithmetic": row.said("text", "en"),
        "arithmetic_zh": row.said("text", "zh"),
        "amount": dec(row.value),
        "source": row.source_file,
        "quote": row.quote,
        # The note in English, and beside it in Chinese (a screen shows one language only).
        "note": row.said("note", "en"),
        "note_zh": row.said("note", "zh"),
        "supplied": row.supplied,
    }


def figures_json(figs, ranged, missing, unchecked):
    """{fund, serious_illness, self_pay, total, [<key>_range …], missing, unchecked}."""
    out = {f.key: dec(f.value) for f in figs}
    if ranged:  # placed after the amounts, where a reader looks for them
        for f in figs:
            if f.key in RANGED and f.value is None:
                q = f.qualifier
                out[f.key + "_range"] = [dec(q.low), dec(q.high)] if q.kind == RANGE else None
    out["missing"] = missing
    out["unchecked"] = unchecked
    return out


def visit_json(sec):
    """One visit (a ``views.estimate.VisitSection``)."""
    out = figures_json(sec.figures, sec.meta["ranged"], sec.missing, sec.unchecked)
    out["claim"] = sec.claim
    out["steps"] = [step_json(r) for r in sec.rows]
    return out


def year_json(sec):
    """A year's figures (the ``year`` section of ``views.estimate.year_document``)."""
    m = sec.meta
    return figures_json(sec.figures, m["ranged"], m["missing"], m["unchecked"])


def estimate_json(doc, curve=None):
    """``yibao estimate --json``: one visit's JSON, or {"claims": […], "year": {…}}; then city,
    policy_year, notices, caveats (and ``curve`` with --curve)."""
    if doc.kind == "visit":
        out = visit_json(doc.section("visit"))
    else:
        out = {"claims": [visit_json(s) for s in doc.of_kind("visit")],
               "year": year_json(doc.section("year"))}
    out.update(doc.meta)
    if curve is not None:  # --curve only: the contract is otherwise unchanged
        out["curve"] = curve
    return out


def visit_result_json(policy, res, rng=None, ranged=False, lang="en"):
    """A visit's JSON straight from an engine result (households, the slip check): its section
    built and rendered."""
    from yibao_tui.views.estimate import VisitSection

    return visit_json(VisitSection(policy, None, res, lang, rng, ranged))
