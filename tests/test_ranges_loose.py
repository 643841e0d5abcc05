"""Issue #20: past the corner method's 8 unknown figures, ranges are still given — an honest bound,
said to be loose."""

import random
from decimal import Decimal as D

from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Claim, Person, estimate_year, shown
from yibao_tui.core.engine import ranges as rg
from yibao_tui.core.supplied import apply_supplied
from yibao_tui.views.estimate_year import year_document
from yibao_tui.views.text import text_lines

from .conftest import POLICIES

P = pol.load_city("yantai", dirs=[str(POLICIES)])
PERSON = Person("resident", "adult")
# 烟台 gives almost no figures: first-paid shares, deductibles, rates, a cross-region status and
# every 大病 figure are unknown — 13 figures, past 8.
CLAIMS = [Claim("inpatient", 10000, grade="3", class_b=1000, special_drugs=500,
                cross_region=("not-direct",)),
          Claim("outpatient", 300, grade="2", class_b=50), Claim("inpatient", 20000, grade="1"),
          Claim("chronic", 500, grade=P.care("resident", "chronic").grades[0]),
          Claim("two-disease", 500, grade=P.care("resident", "two-disease").grades[0],
                disease="hypertension")]


def test_past_eight_figures_a_loose_bound_that_holds():
    year = estimate_year(P, PERSON, CLAIMS)
    r = rg.year_ranges(P, PERSON, CLAIMS, None, year)
    assert len(r.figures) > rg.MAX_FIGURES and r.loose and r.year is not None
    rnd = random.Random(20)
    for _ in range(25):  # any figures inside the box, each row its own value, filled as a user would
        entries = []
        for fig in r.figures:
            for e in fig.entries(fig.lo):
                e["value"] = (fig.lo + (fig.hi - fig.lo) * D(rnd.randint(0, 1000)) / 1000
                              ).quantize(D("0.0001"))
                entries.append(e)
        filled = apply_supplied(P, entries)
        res = estimate_year(filled, PERSON, CLAIMS)
        for v, vr in zip(res.visits, r.visits, strict=True):
            for k, x in zip(("fund", "serious_illness", "self_pay"), shown(v, filled), strict=False):
                assert vr[k][0] <= x <= vr[k][1], (k, x, vr[k])
        for k, x in zip(("fund", "serious_illness", "self_pay"), shown(res, filled), strict=False):
            assert r.year[k][0] <= x <= r.year[k][1], (k, x, r.year[k])


def test_the_loose_bound_is_said():
    year = estimate_year(P, PERSON, CLAIMS)
    r = rg.year_ranges(P, PERSON, CLAIMS, None, year)
    out = "\n".join(text_lines(year_document(P, year, [], "en", False, r), 200))
    assert "figures unknown, past the corners worked one by one: a loose bound" in out
