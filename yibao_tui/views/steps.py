"""One step of the breakdown in words: label, arithmetic, figure. Light (no dataclasses): the
``yibao estimate --json`` fast path uses it."""

from __future__ import annotations

from yibao_tui.core.money import money, yuan
from yibao_tui.text import render, t


def step_label(step, lang):
    return render(step.label, lang)


def step_text(step, lang):
    """The step's arithmetic (catalogue ``arith.<tpl>`` filled with its values)."""
    return render(step.arith, lang)


def step_amount(step, lang):
    """The figure as shown: rounded, 未知 / unknown where it waits on a missing figure."""
    if step.amount is not None:
        return yuan(money(step.amount))
    return t("unknown", lang) if step.unknown else ""


def money_text(d, lang):
    return t("unknown", lang) if d is None else yuan(d)
