"""Compatibility names (TODO(layers): remove once every area imports the new modules).

views.text: width, pad, rpad, clip · views.estimate: header, claim_title, totals_line,
footer_lines, visit section · views.estimate_json: visit_json, step_json.
"""

from __future__ import annotations

from yibao_tui.views import estimate as _est
from yibao_tui.views.estimate import claim_title, footer_lines, header, totals_line  # noqa: F401
from yibao_tui.views.estimate_json import dec, step_json, visit_json  # noqa: F401
from yibao_tui.views.text import clip, pad, rpad, section_lines, width  # noqa: F401


def visit_lines(policy, scheme, res, lang="zh", cols=100, sources=True):
    """A visit as text lines: its title, then each step (old API: now ``views.estimate``
    ``visit_section`` laid out by ``views.text.section_lines``)."""
    sec = _est.visit_section(policy, scheme, res, lang)
    sec.lines = []
    return section_lines(sec, lang, cols, sources)
