"""``yibao compare`` (issue #20): the compare screen on the command line, every row with the
breakdown's qualifiers; JSON rows are estimates' JSON with which option they are."""

import json
import subprocess
import sys

import pytest

from yibao_tui.cli import main

from .conftest import POLICIES

SHENYANG_18K = ["compare", "--city", "shenyang", "--scheme", "resident", "--category", "adult",
                "--care", "inpatient", "--grade", "3-special", "--amount", "18000",
                "--policies", str(POLICIES), "--no-supplied"]


def rows(capsys, *argv):
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)["rows"]


def test_shenyang_18000_grade_3_row(capsys):
    # 沈阳 resident “三级 300 600 75% 75%”: fund (18000 − 600) × 75 % = 13,050.00, at most (the
    # fund's cap is named without an amount). Self-pay 4,950.00 counts toward 大病, paid at 60 %
    # above a threshold no source gives: threshold 0 → 4,950 × 60 % = 2,970.00, you pay 1,980.00;
    # threshold past it → you pay 4,950.00.
    by = {(r["city"], r["grade"]): r for r in rows(capsys, *SHENYANG_18K)}
    r = by[("shenyang", "3")]
    assert r["fund"] == "13050.00" and r["unchecked"] == ["resident.fund_cap"]
    assert r["self_pay"] is None and r["self_pay_range"] == ["1980.00", "4950.00"]
    assert r["serious_illness_range"] == ["0.00", "2970.00"]
    assert r["missing"] == ["resident.serious_illness.threshold"]
    assert (r["scheme"], r["category"], r["care"], r["current"]) == ("resident", "adult",
                                                                     "inpatient", False)


def test_rows_current_first_then_grades_then_cities(capsys):
    got = rows(capsys, *SHENYANG_18K)
    assert got[0]["current"] is True and got[0]["grade"] == "3-special"
    assert [r["current"] for r in got[1:]] == [False] * (len(got) - 1)
    assert [r["city"] for r in got[:5]] == ["shenyang"] * 5  # its five grades
    # 铁岭 has no resident inpatient care on file: no row.
    assert "tieling" not in {r["city"] for r in got}
    # 辽阳 三级 “三级 600 65%”: (18000 − 600) × 65 % = 11,310.00.
    ly = next(r for r in got if r["city"] == "liaoyang")
    assert (ly["grade"], ly["fund"]) == ("3", "11310.00")
    for r in got:  # an estimate's JSON: its figures, and the steps behind them
        assert {"fund", "serious_illness", "self_pay", "total", "missing", "unchecked",
                "steps"} <= set(r)


def test_text_shows_ranges_and_at_most(capsys):
    assert main([*SHENYANG_18K, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    line = next(ln for i, ln in enumerate(lines) if ln.startswith("Shenyang · grade 3 ")
                and "special" not in lines[i + 1])
    assert "≤ 13,050.00" in line and "1,980.00–4,950.00" in line


def test_bad_input_is_one_line(capsys):
    assert main(["compare", "--city", "shenyang", "--scheme", "resident", "--category", "adult",
                 "--care", "inpatient", "--amount", "1000", "--policies", str(POLICIES)]) == 2
    assert "--grade is required" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["en"])
def test_compare_imports_no_textual(lang):
    probe = ("import sys, io, contextlib\nfrom yibao_tui.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             f"    rc = main({[*SHENYANG_18K, '--json']!r})\n"
             "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert r.stdout.split()[0] == "0" and r.stdout.strip().endswith("[]")


def test_text_names_its_columns_over_aligned_figures(capsys):
    # The table says which figure is which, and every figure ends where its column's name ends,
    # a range (the widest cell, "1,980.00–4,950.00") included.
    assert main([*SHENYANG_18K, "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    head = next(ln for ln in lines if ln.startswith("Option"))
    assert head.endswith("you pay") and " fund " in head
    row = next(ln for ln in lines if "≤ 13,050.00" in ln)  # the 三级 row
    assert row.endswith("1,980.00–4,950.00") and len(row) == len(head)
    assert row.index("13,050.00") + len("13,050.00") == head.index("fund") + len("fund")
