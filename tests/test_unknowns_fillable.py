"""Issue #20: every figure no source gives has its natural range and can be supplied by the path
``missing`` names (amounts, caps, thresholds, rates, shares paid first, cross-region rates), and a
supplied cap works wherever a cap applies. Figures worked by hand from the policy files."""

import json

import pytest

from yibao_tui.cli import main

from .conftest import POLICIES

LIAOYANG_B = ["estimate", "--city", "liaoyang", "--scheme", "employee", "--category", "active",
              "--care", "inpatient", "--grade", "3", "--amount", "10000", "--class-b", "2000"]
SHENYANG = ["estimate", "--city", "shenyang", "--scheme", "resident", "--category", "adult",
            "--care", "inpatient", "--grade", "3", "--amount", "10000"]
LIAOYUAN_REG = ["estimate", "--city", "liaoyuan", "--scheme", "resident", "--category", "adult",
                "--care", "inpatient", "--grade", "3", "--amount", "10000",
                "--cross-region", "registered"]


@pytest.fixture
def mine(tmp_path, monkeypatch):
    f = tmp_path / "data" / "supplied.toml"
    monkeypatch.setenv("YIBAO_SUPPLIED", str(f))
    return f


def js(capsys, *argv):
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def supply(tmp_path, city, path, value):
    f = tmp_path / f"s-{city}.toml"
    f.write_text(f'[[supplied]]\ncity = "{city}"\npath = "{path}"\nvalue = {value}\nnote = "t"\n',
                 encoding="utf-8")
    return ["--supplied", str(f)]


def test_liaoyang_class_b_share_ranges_and_can_be_supplied(mine, tmp_path, capsys):
    # 辽阳 employee 三级 “三级 800 80% 85%”; no class-B share is given. The share ranges 0–100 %:
    # least fund (10000 − 2000 − 800) × 80 % = 5,760.00; most (10000 − 800) × 80 % = 7,360.00.
    d = js(capsys, *LIAOYANG_B)
    assert d["missing"] == ["employee.care.inpatient.first_pay.class_b"]
    assert d["fund_range"] == ["5760.00", "7360.00"]
    # With a 10 % share supplied: 200 paid first; (10000 − 200 − 800) × 80 % = 7,200.00.
    d = js(capsys, *LIAOYANG_B, *supply(tmp_path, "liaoyang",
                                        "employee.care.inpatient.first_pay.class_b", "0.10"))
    assert d["fund"] == "7200.00" and d["missing"] == []


def test_supplied_add_takes_the_paths_missing_names(mine, capsys):
    for city, path, value in (("liaoyang", "employee.care.inpatient.first_pay.class_b", "10%"),
                              ("liaoyuan", "resident.cross_region.registered", "0.5"),
                              ("shenyang", "resident.fund_cap", "300000")):
        assert main(["supplied", "add", "--city", city, "--path", path, "--value", value,
                     "--note", "窗口告知"]) == 0, path
    capsys.readouterr()
    # 辽源 registered at 50 %: (10000 − 1000 “三级 1000元”) × 50 % = 4,500.00.
    assert js(capsys, *LIAOYUAN_REG)["fund"] == "4500.00"


def test_a_cited_figure_is_still_never_replaced(mine, capsys):
    # 辽源 resident inpatient class-B is cited (“先由个人负担10%”): nothing to fill.
    assert main(["supplied", "add", "--city", "liaoyuan", "--path",
                 "resident.care.inpatient.first_pay.class_b", "--value", "0.2",
                 "--note", "x"]) == 2
    # 辽阳's registered status is cited (“按辽阳市政策执行”).
    assert main(["supplied", "add", "--city", "liaoyang", "--path",
                 "resident.cross_region.registered", "--value", "0.2", "--note", "x"]) == 2


def test_liaoyuan_registered_cross_region_has_a_range(mine, capsys):
    # No rate for a referred, directly settled stay: the fund's rate ranges 0–100 %. Fund 0 …
    # (10000 − 1000) × 100 % = 9,000.00. Self-pay counts toward 大病 above 2,000 at 60 % (first
    # band, “0-10000元 60%”): at rate 0, (10000 − 2000) × 60 % = 4,800.00, you pay 5,200.00; at
    # 100 % the self-pay is the 1,000 deductible, under the threshold: you pay 1,000.00.
    d = js(capsys, *LIAOYUAN_REG)
    assert d["missing"] == ["resident.cross_region.registered"]
    assert d["fund_range"] == ["0.00", "9000.00"]
    assert d["serious_illness_range"] == ["0.00", "4800.00"]
    assert d["self_pay_range"] == ["1000.00", "5200.00"]


def test_a_supplied_fund_cap_is_applied(mine, tmp_path, capsys):
    # 沈阳's fund cap is named without an amount (“超过基本医疗保险统筹基金最高支付限额以上部分”);
    # supplied as 300,000: (10000 − 600) × 75 % = 7,050.00, within the cap, now exact.
    d = js(capsys, *SHENYANG, *supply(tmp_path, "shenyang", "resident.fund_cap", "300000"))
    assert d["fund"] == "7050.00" and d["unchecked"] == []
    # And from your own figures (yibao supplied add), as `policies list` offers it.
    assert main(["supplied", "add", "--city", "shenyang", "--path", "resident.fund_cap",
                 "--value", "300000", "--note", "医保局"]) == 0
    capsys.readouterr()
    assert js(capsys, *SHENYANG)["fund"] == "7050.00"


def test_a_supplied_fund_cap_binds(mine, tmp_path, capsys):
    # A cap of 5,000 below the 7,050.00 the rate pays: the fund stops at 5,000.00.
    d = js(capsys, *SHENYANG, *supply(tmp_path, "shenyang", "resident.fund_cap", "5000"))
    assert d["fund"] == "5000.00"


def shenyang_stay(tmp_path, path, value):
    """A household of one 沈阳 adult with a 三级 stay of 10,000 in March 2024 and one supplied
    figure."""
    hh = tmp_path / "h.toml"
    hh.write_text("""schema = 1
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

[[supplied]]
city = "shenyang"
""" + f'path = "{path}"\nvalue = {value}\nnote = "notice"\n',
                  encoding="utf-8")
    return hh


def test_a_households_supplied_fund_cap(tmp_path, mine, capsys):
    hh = shenyang_stay(tmp_path, "resident.fund_cap", 300000)
    assert main(["household", "year", str(hh), "--json", "--policies", str(POLICIES)]) == 0
    out = capsys.readouterr().out
    assert "KeyError" not in out and "7050.00" in out


def test_household_year_says_at_most_where_a_cap_was_not_applied(tmp_path, mine, capsys):
    # 沈阳's fund cap has no amount: not applied. With the 大病 threshold supplied (20,000: not
    # reached), the fund (10000 − 600) × 75 % = 7,050.00 is at most that, the self-pay at least
    # 2,950.00 — on the visit, the member and the family, as the single estimate says.
    hh = shenyang_stay(tmp_path, "resident.serious_illness.threshold", 20000)
    assert main(["household", "year", str(hh), "--policies", str(POLICIES), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "fund ≤ 7,050.00" in out and "self-pay ≥ 2,950.00" in out
    assert "me: fund at most 7,050.00" in out and "Household: fund at most 7,050.00" in out
