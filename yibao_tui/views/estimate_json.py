"""The estimate's JSON (``yibao estimate --json``, households): a contract — keys and types stay.
Labels and arithmetic are given in both languages; a source stays its file name."""

from __future__ import annotations

from yibao_tui.core.money import money, shown
from yibao_tui.text import render
from yibao_tui.views.steps import step_label, step_text


def dec(d):
    return None if d is None else str(d)


def step_json(step):
    return {
        "key": step.key,
        "label": {"zh": step_label(step, "zh"), "en": step_label(step, "en")},
        "arithmetic": step_text(step, "en"),
        "arithmetic_zh": step_text(step, "zh"),
        "amount": None if step.amount is None else f"{money(step.amount)}",
        "source": step.source,
        "quote": step.quote,
        # The note in English, and beside it in Chinese (a screen shows one language only).
        "note": render(step.note, "en"),
        "note_zh": render(step.note, "zh"),
        "supplied": step.supplied,
    }


def visit_json(policy, res):
    f, s, p, t = shown(res, policy)
    c = res.claim
    return {
        "fund": dec(f),
        "serious_illness": dec(s),
        "self_pay": dec(p),
        "total": dec(t),
        "missing": res.missing,
        "unchecked": res.unchecked,
        "claim": {
            "care": c.care,
            "grade": c.grade,
            "disease": c.disease,
            "amount": dec(money(c.amount, policy)),
            "date": c.date.isoformat() if c.date else None,
        },
        "steps": [step_json(st) for st in res.steps],
    }


def add_ranges(out, rng):
    """Beside each of fund / serious_illness / self_pay that is null, its range over the unknown
    figures (``core.engine.ranges``): ``<key>_range = ["LOW", "HIGH"]`` as decimal strings, or
    null where no range can be given (a cover start or cross-region status unknown). Exact amounts
    keep their keys and get no range key; ``out`` is a visit's or the year's JSON object."""
    extra = {}
    for k in ("fund", "serious_illness", "self_pay"):
        if k in out and out[k] is None:
            pair = None if rng is None else rng.get(k)
            extra[k + "_range"] = None if pair is None else [dec(pair[0]), dec(pair[1])]
    if extra:  # placed after the amounts (after "total"), where a reader looks for them
        items = list(out.items())
        at = next((i + 1 for i, (k, _) in enumerate(items) if k == "total"), len(items))
        out.clear()
        out.update(items[:at] + list(extra.items()) + items[at:])
    return out
