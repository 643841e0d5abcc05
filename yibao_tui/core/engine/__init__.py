"""The estimate: policy + person + a year of claims in, an ordered, cited breakdown out.

Pure: no I/O, no UI, no language. Money is Decimal and is never rounded inside a visit
(rounding happens when a figure is shown, see ``money``; a year adds up its visits as shown). A
figure the policy marks unknown makes every amount that depends on it ``None`` and is named in
``missing``; a cap that is unknown is not applied and is named in ``unchecked`` (the fund figure
is then an upper bound).

model: Person, Claim, Step, Result, YearResult, EstimateError · lookup: where (what a visit's
rows are picked for: the policy's one rule, ``Where`` / ``pick``), scales, tiers · check: what a
policy can take · visit: the steps of one visit · year: estimate_year, estimate.
"""

from yibao_tui.core.engine.check import EXCLUSIVE, check, excluded_by
from yibao_tui.core.engine.lookup import scale_amount, scale_point, tier_rate, where
from yibao_tui.core.engine.model import ZERO, Claim, EstimateError, Person, Result, Step, YearResult
from yibao_tui.core.engine.year import estimate, estimate_year
from yibao_tui.core.money import money, pct, shown, yuan
from yibao_tui.core.policy.select import Where, pick

__all__ = ["EXCLUSIVE", "ZERO", "Claim", "EstimateError", "Person", "Result", "Step", "Where", "YearResult",
           "check", "estimate", "estimate_year", "excluded_by", "money", "pct", "pick", "scale_amount",
           "scale_point", "shown", "tier_rate", "where", "yuan"]
