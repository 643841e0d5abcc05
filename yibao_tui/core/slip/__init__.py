"""The settlement-slip check (issue #13): from a slip's figures back to the inputs and rules that
produce them. Pure; uses the engine as it is.

model: the slip's fields, ``parse_slip``, ``SlipError``, ``Line``, ``Explanation``, ``Implied``,
``SlipCheck`` · search: ``check_slip`` (the comparison and the search) · solve: one unknown input
solved for from a slip figure.

    chk = check_slip(policy, Person("employee", "active"), Claim("inpatient", 10000, grade="3"),
                     parse_slip({"fund": 7820}))
    chk.verdict          # "differs"
    chk.explanations[0].changes   # {"category": "retired"}
"""

from yibao_tui.core.slip.model import (
    FIELDS,
    SPLIT,
    Explanation,
    Implied,
    Line,
    SlipCheck,
    SlipError,
    parse_slip,
)
from yibao_tui.core.slip.search import check_slip

__all__ = ["FIELDS", "SPLIT", "Explanation", "Implied", "Line", "SlipCheck", "SlipError",
           "check_slip", "parse_slip"]
