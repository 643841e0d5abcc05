"""Issue #21 item 5: no output hides a verdict. ``household year --json`` carries the slip
verdict its text shows; ``premium --json`` names an open tier in ``missing``."""

import json

from yibao_tui.cli import main

from .conftest import ROOT


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_household_year_json_carries_the_slip_verdict(capsys, tmp_path):
    text_ = (ROOT / "yibao_tui" / "data" / "demo-household.toml").read_text(encoding="utf-8")
    # 妈妈's stay (辽阳 resident adult, grade 3): (20,000 − 800) × 85 % = 16,320.00 expected;
    # her slip says 16,150 → 16,150 − 16,320 = −170.00 on the fund; the total 21,500 matches
    text_ = text_.replace("out_of_policy = 1500.00\n",
                          "out_of_policy = 1500.00\nslip = { fund = 16150, total = 21500 }\n")
    f = tmp_path / "fam.toml"
    f.write_text(text_, "utf-8")
    _, out, _ = run(capsys, "household", "year", str(f), "--lang", "en")
    assert "≠ the slip differs: fund −170.00" in out
    _, out, _ = run(capsys, "household", "year", str(f), "--json")
    visits = json.loads(out)["visits"]
    slips = [v["slip"] for v in visits if "slip" in v]
    assert len(slips) == 1
    s = slips[0]
    assert s["verdict"] == "differs"
    fund = next(ln for ln in s["lines"] if ln["field"] == "fund")
    assert (fund["slip"], fund["expected"], fund["difference"], fund["status"]) == (
        "16150.00", "16320.00", "-170.00", "differs")
    assert s["text"].startswith("≠ the slip differs: fund −170.00")
    assert s["text_zh"].startswith("≠ 结算单不符")


def test_premium_json_names_an_open_tier_as_missing(capsys):
    # 烟台 adults choose tier 1 (370) or tier 2 (520): without --tier the premium is open, and
    # the JSON says what is missing, as the text does
    rc, out, _ = run(capsys, "premium", "--city", "yantai", "--category", "adult", "--json")
    m = json.loads(out)["members"][0]
    assert rc == 0 and m["premium"] is None
    assert m["missing"] == ["tier"]
    assert [c["premium"] for c in m["choices"]] == ["370.00", "520.00"]


def test_slip_exit_status_is_its_verdict(capsys):
    # 辽阳 employee active outpatient, grade 3, 1,000: (1,000 − 500) × 50 % = 250.00
    argv = ["slip", "--city", "liaoyang", "--scheme", "employee", "--category", "active", "--care",
            "outpatient", "--grade", "3", "--amount", "1000"]
    assert run(capsys, *argv, "--slip-fund", "250")[0] == 0   # matches
    assert run(capsys, *argv, "--slip-fund", "90")[0] == 1    # differs: 90 − 250 = −160
