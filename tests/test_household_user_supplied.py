"""Your own supplied figures (``yibao supplied``) are used by the household year too, and a figure
the household's file gives itself wins over one given for every estimate."""

from decimal import Decimal

from yibao_tui.core import household as H
from yibao_tui.core.policy.cache import PolicyCache
from yibao_tui.storage import supplied

from .conftest import POLICIES

HOUSEHOLD = """schema = 1
name = "t"
year = 2024

[[member]]
id = "me"
name = "me"
relation = "self"
city = "shenyang"
scheme = "resident"
category = "adult"

[[member.visit]]
month = 3
care = "inpatient"
grade = "3"
amount = 10000
"""

OWN = """
[[supplied]]
city = "shenyang"
path = "resident.serious_illness.threshold"
value = 2500
note = "the household's own notice"
"""


def year(text):
    h = H.parse(text, "t.toml")
    cache = PolicyCache([str(POLICIES)], h.year, fill=supplied.fill)
    return H.run_year(h, cache).rows[0]


def test_the_household_year_uses_your_figure(tmp_path, monkeypatch):
    f = tmp_path / "supplied.toml"
    monkeypatch.setenv("YIBAO_SUPPLIED", str(f))
    supplied.add({"city": "shenyang", "path": "resident.serious_illness.threshold",
                  "value": Decimal(2000), "note": "医保局电话"})
    row = year(HOUSEHOLD)
    # 004 “三级 300 600 75% 75%” (adults 600): fund (10,000 − 600) × 75 % = 7,050.00; self-pay
    # 2,950.00 counts toward 大病, above your threshold 2,000 at 60 % (“5万元…以下…60%”):
    # (2,950 − 2,000) × 60 % = 570.00.
    assert (row.fund, row.serious_illness) == (Decimal("7050.00"), Decimal("570.00"))
    step = next(s for s in row.result.steps if s.key == "si_threshold")
    assert step.supplied and step.amount == 2000


def test_the_households_own_figure_wins(tmp_path, monkeypatch):
    f = tmp_path / "supplied.toml"
    monkeypatch.setenv("YIBAO_SUPPLIED", str(f))
    supplied.add({"city": "shenyang", "path": "resident.serious_illness.threshold",
                  "value": Decimal(2000), "note": "医保局电话"})
    row = year(HOUSEHOLD + OWN)
    # The file's 2,500 first: (2,950 − 2,500) × 60 % = 270.00 (not 570.00 from yours).
    assert row.serious_illness == Decimal("270.00")


def test_household_year_on_the_command_line_reads_your_figures(tmp_path, monkeypatch, capsys):
    import json

    from yibao_tui.cli import main

    f = tmp_path / "supplied.toml"
    monkeypatch.setenv("YIBAO_SUPPLIED", str(f))
    supplied.add({"city": "shenyang", "path": "resident.serious_illness.threshold",
                  "value": Decimal(2000), "note": "医保局电话"})
    hh = tmp_path / "t.toml"
    hh.write_text(HOUSEHOLD, encoding="utf-8")
    assert main(["household", "year", str(hh), "--json", "--policies", str(POLICIES)]) == 0
    d = json.loads(capsys.readouterr().out)
    # As above: 大病 (2,950 − 2,000) × 60 % = 570.00, the threshold marked as yours.
    assert d["totals"]["serious_illness"] == "570.00"
    (visit,) = d["visits"]
    assert any(s["key"] == "si_threshold" and s["supplied"] for s in visit["steps"])


def test_household_year_gives_ranges_where_a_figure_is_unknown(tmp_path, capsys):
    import json

    from yibao_tui.cli import main

    hh = tmp_path / "t.toml"
    hh.write_text(HOUSEHOLD, encoding="utf-8")
    assert main(["household", "year", str(hh), "--json", "--policies", str(POLICIES)]) == 0
    d = json.loads(capsys.readouterr().out)
    # 沈阳 gives no 大病 threshold. Fund (10,000 − 600) × 75 % = 7,050.00 is known; self-pay 2,950
    # counts toward 大病 above a threshold T ≥ 0 at 60 % (“5万元…以下…60%”): 大病 from 0 (T ≥ 2,950)
    # to 2,950 × 60 % = 1,770.00 (T = 0); self-pay 10,000 − 7,050 − 大病: 1,180.00 to 2,950.00.
    (visit,) = d["visits"]
    assert visit["serious_illness_range"] == ["0.00", "1770.00"]
    assert visit["self_pay_range"] == ["1180.00", "2950.00"]
    (member,) = d["members"]
    assert member["totals"]["self_pay_range"] == ["1180.00", "2950.00"]
    assert d["totals"]["serious_illness_range"] == ["0.00", "1770.00"]
    assert main(["household", "year", str(hh), "--policies", str(POLICIES), "--lang", "en"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "you pay 1,180.00 – 2,950.00" in out  # the member's range, self-pay first
    assert "you pay at most 2,950.00" in out  # the family's headline: its greatest self-pay
