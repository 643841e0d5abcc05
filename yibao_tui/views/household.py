"""Household results as Documents: members, binding rules, the bind checklist, problems."""

from __future__ import annotations

from yibao_tui.core.household import problem_msg
from yibao_tui.text import render


def format_problem(p, lang="en"):
    """A (file, line, reason) problem as ``file:line: reason`` in ``lang``."""
    return render(problem_msg(p), lang)


def format_problems(problems, lang="en"):
    return "\n".join(format_problem(p, lang) for p in problems)
