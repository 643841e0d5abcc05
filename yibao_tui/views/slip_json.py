"""The slip check's JSON (``yibao slip --json``), from its document — a contract: ``verdict``,
``lines`` (field, slip, expected, difference, and status, the cited step's key, source file and
quote), ``explanations`` (changes as estimate option names plus ``deductible_left``; the boxes
that then match; also the boxes only within ±1 yuan, those still unknown, and the figures the
slip implies), ``estimate`` (the estimate's own JSON) and ``policy`` (the file used, its year).
Money is a decimal string to the fen."""

from __future__ import annotations

from yibao_tui.views.estimate_json import dec, policy_json, visit_json

_m = dec  # the one JSON money writer


def changes_json(changes):
    out = {}
    for k, v in changes.items():
        if k in ("deductible_left", "paid_first"):
            out[k] = _m(v)
        elif k in ("cross_region", "flags"):
            out[k] = list(v)
        else:
            out[k] = v
    return out


def explanation_json(e):
    return {"changes": changes_json(e.changes), "matches": list(e.matches), "near": list(e.near),
            "unknown": list(e.unknown),
            "implies": [{"path": i.path, "value": str(i.value) if i.is_rate else _m(i.value),
                         "grades": list(i.grades) if i.grades else None} for i in e.implies]}


def line_json(row):
    """A box of the slip (a row of the slip document; its machine values in ``meta``)."""
    line, fig = row.meta["line"], row.figures[1]
    return {"field": row.key, "slip": _m(row.value), "expected": dec(fig.value),
            "difference": _m(line.difference), "status": line.status,
            "step": line.step.key if line.step else None, "source": row.source_file,
            "quote": row.quote}


def household_slip_json(h, hy, r):
    """The slip a household visit carries, checked, as the year's text shows it: ``verdict``
    (matches | differs | unknown, or ``cannot`` where it cannot be checked), its ``lines``
    (field, slip, expected, difference, status) and the mark in both languages."""
    from yibao_tui.views.slip import household_slip_check, household_slip_line

    checked = household_slip_check(h, hy, r)
    chk, _ = checked
    lines = [] if chk is None else [
        {"field": ln.field, "slip": _m(ln.slip), "expected": _m(ln.expected),
         "difference": _m(ln.difference), "status": ln.status} for ln in chk.lines]
    return {"verdict": "cannot" if chk is None else chk.verdict, "lines": lines,
            "text": household_slip_line(h, hy, r, "en", checked),
            "text_zh": household_slip_line(h, hy, r, "zh", checked)}


def slip_json(doc):
    """``doc``: a ``views.slip.slip_document``. ``policy``: the file the figures rest on (as in
    every JSON estimate: city, year, file, sha256, draft, and asked_year where not covered)."""
    m = doc.meta
    return {"verdict": m["verdict"], "policy": policy_json(m["policy"], m["day"]),
            "lines": [line_json(r) for r in doc.section("slip").rows],
            "explanations": [explanation_json(e) for e in m["explanations"]],
            "estimate": visit_json(m["estimate"]),
            "notices": list(doc.notices)}
