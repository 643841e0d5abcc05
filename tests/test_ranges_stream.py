"""Issue #20: a year with unknown figures streams (its ranges carried forward visit by visit) and
gives the same JSON as the year computed whole."""

import json

import pytest

from yibao_tui.cli import main
from yibao_tui.cli.estimate import print_json
from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Person, estimate_year
from yibao_tui.core.engine.ranges import year_ranges

from .conftest import POLICIES

YEARS = {
    # 沈阳: the 大病 threshold unknown, the fund's cap not applied; three care kinds
    "shenyang": ("resident", "adult", 2024, [
        ("inpatient", "3", 10000, ""), ("inpatient", "2", 30000, ""), ("outpatient", None, 200, ""),
        ("inpatient", "3-special", 16000, ""), ("chronic", "2", 900, 'disease = "cancer"')]),
    # 烟台: deductibles, rates and every 大病 figure unknown (six dimensions)
    "yantai": ("resident", "adult", 2025, [
        ("inpatient", "3", 10000, ""), ("outpatient", "2", 300, ""), ("inpatient", "1", 52000, "")]),
    # 辽阳: class-B share no source gives, and a stay registered elsewhere without a rate
    "liaoyang": ("resident", "adult", 2025, [
        ("inpatient", "3", 10000, "class_b = 2000"),
        ("inpatient", "2", 8000, 'cross_region = ["unregistered"]')]),
}


def claims_file(tmp_path, city):
    scheme, category, year, claims = YEARS[city]
    out = [f'city = "{city}"', f'scheme = "{scheme}"', f'category = "{category}"', f"year = {year}"]
    for i, (care, grade, amount, extra) in enumerate(claims):
        out += ["", "[[claim]]", f'care = "{care}"', f"amount = {amount}",
                f"date = {year}-{i + 2:02d}-01"]
        out += [f'grade = "{grade}"'] if grade else []
        out += [extra] if extra else []
    f = tmp_path / f"{city}.toml"
    f.write_text("\n".join(out) + "\n", encoding="utf-8")
    return f


@pytest.mark.parametrize("city", list(YEARS))
def test_streamed_year_equals_the_year_computed_whole(tmp_path, capsys, monkeypatch, city):
    monkeypatch.setenv("YIBAO_SUPPLIED", str(tmp_path / "none.toml"))
    f = claims_file(tmp_path, city)
    assert main(["estimate", "--claims", str(f), "--json", "--policies", str(POLICIES)]) == 0
    streamed = json.loads(capsys.readouterr().out)
    from yibao_tui.cli.claims import read_claims

    data, claims = read_claims(str(f))
    p = pol.load_city(city, dirs=[str(POLICIES)])
    person = Person(data["scheme"], data["category"])
    year = estimate_year(p, person, claims)
    print_json(p, year, [], single=False, ranges=year_ranges(p, person, claims, None, year))
    whole = json.loads(capsys.readouterr().out)
    assert streamed == whole
    assert any(k.endswith("_range") for k in streamed["year"])  # there were ranges to carry


def test_streamed_past_eight_figures_gives_the_loose_year():
    # 13 figures no source gives (烟台): the streamed year's bound is the loose one the whole
    # year gives (the box grows as visits name figures; the year's bound is worked at the end).
    from yibao_tui.core.engine.ranges_stream import YearStream

    from .test_ranges_loose import CLAIMS, PERSON, P

    s = YearStream(P, PERSON, CLAIMS)
    for _ in s:
        pass
    whole = year_ranges(P, PERSON, CLAIMS)
    assert s.loose and whole.loose and s.year == whole.year
