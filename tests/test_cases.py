"""Hand-worked cases: every tests/cases/<city>.toml, figures worked by hand from the seed texts.

Each ``[[case]]`` gives a person, a year of claims and the figures a reader should see (rounded to
the fen). ``"unknown"`` means the figure depends on something no source gives; ``missing`` lists
figure paths the estimate must name, ``unchecked`` caps it must say it could not check.
``raises`` names an error the engine must raise for a claim the policy cannot take.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from yibao_tui.core import engine
from yibao_tui.core.engine import Claim, Person, estimate_year, money, shown
from yibao_tui.core.policy import load_city

CASES_DIR = Path(__file__).parent / "cases"
FIELDS = ("fund", "serious_illness", "self_pay", "total")
CASE_KEYS = {"name", "person", "claims", "expect", "expect_visits", "raises"}
CLAIM_KEYS = {"care", "grade", "amount", "disease", "class_b", "special_drugs", "out_of_policy",
              "cross_region", "date", "stay"}
EXPECT_KEYS = {*FIELDS, "missing", "unchecked"}


def _load():
    out = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        city = path.stem
        data = tomllib.loads(path.read_text("utf-8"), parse_float=Decimal)
        for case in data["case"]:
            out.append(pytest.param(city, case, id=f"{city}: {case['name']}"))
    return out


CASES = _load()
_POLICIES = {}


def _policy(city):
    if city not in _POLICIES:
        _POLICIES[city] = load_city(city)
    return _POLICIES[city]


def _money(v):
    """An expected figure: "unknown" → None, else a Decimal (strings or TOML numbers)."""
    if v == "unknown":
        return None
    return Decimal(str(v))


def _claim(c):
    unknown = set(c) - CLAIM_KEYS
    assert not unknown, f"unknown claim keys {unknown}"
    kw = {k: Decimal(str(c[k])) for k in ("class_b", "special_drugs", "out_of_policy") if k in c}
    return Claim(c["care"], Decimal(str(c["amount"])),
                 grade=None if "grade" not in c else str(c["grade"]),
                 disease=c.get("disease"), cross_region=c.get("cross_region", ()),
                 date=c.get("date"), stay=c.get("stay"), **kw)


def _check(label, got, expect, policy):
    for f in FIELDS:
        if f in expect:
            assert got[f] == _money(expect[f]), (
                f"{label} {f}: expected {expect[f]}, engine shows {got[f]}")


def test_case_files_present():
    names = {p.stem for p in CASES_DIR.glob("*.toml")}
    assert {"liaoyang", "tieling", "liaoyuan", "yantai", "shenyang"} <= names


@pytest.mark.parametrize(("city", "case"), CASES)
def test_case(city, case):
    assert not set(case) - CASE_KEYS, f"unknown case keys {set(case) - CASE_KEYS}"
    policy = _policy(city)
    p = case["person"]
    person = Person(p["scheme"], p["category"], age=p.get("age"), flags=p.get("flags", ()))
    claims = [_claim(c) for c in case["claims"]]

    if "raises" in case:
        with pytest.raises(getattr(engine, case["raises"])):
            estimate_year(policy, person, claims)
        return

    result = estimate_year(policy, person, claims)
    expect = case["expect"]
    assert not set(expect) - EXPECT_KEYS, f"unknown expect keys {set(expect) - EXPECT_KEYS}"
    got = dict(zip(FIELDS, shown(result, policy), strict=True))
    _check("year", got, expect, policy)

    # Figures known by hand must not be reported as depending on a missing figure, and every
    # figure the case names as missing must be named by the estimate.
    for path in expect.get("missing", ()):
        assert path in result.missing, f"{path} not named in missing {result.missing}"
    if not expect.get("missing"):
        assert result.missing == [], f"unexpected missing figures {result.missing}"
    for path in expect.get("unchecked", ()):
        assert path in result.unchecked, f"{path} not named in unchecked {result.unchecked}"

    visits = case.get("expect_visits")
    if visits is not None:
        assert len(visits) == len(result.visits)
        for i, (want, v) in enumerate(zip(visits, result.visits, strict=True), 1):
            vgot = dict(zip(FIELDS, shown(v, policy), strict=True))
            _check(f"visit {i}", vgot, want, policy)
            # a visit's own parts add up to its total as shown
            if None not in vgot.values():
                assert vgot["fund"] + vgot["serious_illness"] + vgot["self_pay"] == vgot["total"]
            assert money(v.total, policy) == vgot["total"]
