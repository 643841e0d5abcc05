"""Enrolment: premiums, when cover starts, 烟台's serious-illness cap adjustments, grants.

Pure: no I/O, no UI, no wording. Every answer is a list of ``Line``s (line.py), each citing the
policy row it rests on (source + quote + note), its label and working ``Msg``s the views word
(views/enrolment.py). Figures come from the policy files (``[[<scheme>.premium]]``,
``[<scheme>.enrolment]``, ``[<scheme>.serious_illness_adjustments]``, ``[[<scheme>.grants]]``,
``[[<scheme>.optional_plans]]``; see core/sections/enrolment.py); a figure no source gives stays
unknown (``None``) and is named in ``missing``.

- ``premium``: premiums; ``dates``: counting periods; ``cover``: when cover starts;
  ``si_cap``: 烟台's cap adjustments; ``grants``: grants and optional plans.
"""

from __future__ import annotations

from yibao_tui.core.enrolment.cover import Cover, cover_start, cover_year, enrolment_rules, in_window
from yibao_tui.core.enrolment.dates import add_months, first_of_next_month
from yibao_tui.core.enrolment.grants import grants, optional_plan_price
from yibao_tui.core.enrolment.line import ONE_DAY, ZERO, EnrolmentError, Line
from yibao_tui.core.enrolment.premium import Premium, premium, premium_total
from yibao_tui.core.enrolment.si_cap import CapAdjustment, si_cap_adjustment
from yibao_tui.core.money import yuan

__all__ = ["ONE_DAY", "ZERO", "CapAdjustment", "Cover", "EnrolmentError", "Line", "Premium",
           "add_months", "cover_start", "cover_year", "enrolment_rules", "first_of_next_month", "grants",
           "in_window", "optional_plan_price", "premium", "premium_total", "si_cap_adjustment", "yuan"]
