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
