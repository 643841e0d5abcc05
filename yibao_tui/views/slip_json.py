"""The slip check's JSON (``yibao slip --json``), a contract: ``verdict``, ``lines`` (field, slip,
expected, difference, and status, the cited step's key, source file and quote), ``explanations``
(changes as estimate option names plus ``deductible_left``; the boxes that then match; also the
boxes only within ±1 yuan, those still unknown, and the figures the slip implies) and
``estimate`` (the estimate's own JSON, ``visit_json``). Money is a decimal string to the fen."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.money import money
from yibao_tui.views.estimate_json import dec, visit_json

_FEN = Decimal("0.01")


def _m(d):
    return None if d is None else str(d.quantize(_FEN))


def changes_json(changes):
    out = {}
    for k, v in changes.items():
        if k == "deductible_left":
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


def line_json(line):
    st = line.step
    return {"field": line.field, "slip": _m(line.slip), "expected": dec(money(line.expected)),
            "difference": _m(line.difference), "status": line.status,
            "step": st.key if st else None, "source": st.source if st else None,
            "quote": st.quote if st else None}


def slip_json(chk, notices=()):
    return {"verdict": chk.verdict,
            "lines": [line_json(ln) for ln in chk.lines],
            "explanations": [explanation_json(e) for e in chk.explanations],
            "estimate": visit_json(chk.policy, chk.result),
            "notices": list(notices)}
