"""The user's own supplied figures (issue #12): one private file in the user data dir, the
``[[supplied]]`` format ``--supplied`` reads, used by ``yibao estimate`` unless --no-supplied,
always marked as the user's, never over a cited figure."""

import json
import os
import stat
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yibao_tui.cli import main
from yibao_tui.storage import supplied as store

SHENYANG_STAY = ["estimate", "--city", "shenyang", "--scheme", "resident", "--category", "adult",
                 "--care", "inpatient", "--grade", "3", "--amount", "10000"]
ADD_THRESHOLD = ["supplied", "add", "--city", "shenyang", "--path",
                 "resident.serious_illness.threshold", "--value", "1000", "--note", "医保中心电话告知"]


@pytest.fixture
def mine(tmp_path, monkeypatch):
    f = tmp_path / "data" / "yibao-tui" / "supplied.toml"
    monkeypatch.setenv("YIBAO_SUPPLIED", str(f))
    return f


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_add_list_remove_round_trip(mine, capsys):
    rc, out, _ = run(capsys, "supplied", "list")
    assert rc == 0 and "还没有你提供的数额" in out
    rc, out, _ = run(capsys, *ADD_THRESHOLD)
    assert rc == 0 and "added 1" in out
    rc, out, _ = run(capsys, "supplied", "add", "--city", "yantai", "--path",
                     "resident.care.inpatient.deductible", "--value", "800", "--per", "visit",
                     "--note", "hospital notice")
    assert rc == 0 and "added 2" in out
    # Private: the file 0600, the directory made 0700.
    assert stat.S_IMODE(mine.stat().st_mode) == 0o600
    assert stat.S_IMODE(mine.parent.stat().st_mode) == 0o700
    rc, out, _ = run(capsys, "supplied", "list")
    lines = out.splitlines()
    assert lines[0] == ("1. 沈阳 · 大病保险起付标准  = 1000  — 用户提供：医保中心电话告知  "
                        "[resident.serious_illness.threshold]")
    assert lines[1].startswith("2. 烟台 · 住院起付线  = 800 每次 — 用户提供：hospital notice")
    rc, out, _ = run(capsys, "supplied", "list", "--lang", "en")
    assert "supplied by you: hospital notice" in out
    rc, out, _ = run(capsys, "supplied", "remove", "1")
    assert rc == 0 and "removed 1" in out
    assert [e["city"] for e in store.read()] == ["yantai"]
    rc, _, err = run(capsys, "supplied", "remove", "5")
    assert rc == 2 and "no figure 5 (1 on file)" in err


def test_estimate_uses_your_figure_by_default_and_marks_it(mine, capsys):
    # 沈阳 grade 3 stay of 10,000: fund 7,050.00; 大病 base 2,950. With your threshold 1,000:
    # 大病 (2950 − 1000) × 60 % = 1,170.00; self-pay 2950 − 1170 = 1,780.00 (inside the range
    # 1,180 … 2,950 worked in test_ranges).
    assert run(capsys, *ADD_THRESHOLD)[0] == 0
    out = run(capsys, *SHENYANG_STAY, "--json")[1]
    d = json.loads(out)
    assert (d["fund"], d["serious_illness"], d["self_pay"]) == ("7050.00", "1170.00", "1780.00")
    assert "self_pay_range" not in d
    th = next(s for s in d["steps"] if s["key"] == "si_threshold")
    assert th["supplied"] is True and th["note"] == "医保中心电话告知" and th["quote"] is None
    out = run(capsys, *SHENYANG_STAY)[1]
    assert "↳ 用户提供" in out and "※ 医保中心电话告知" in out
    # --no-supplied leaves it out: unknown again, with its range.
    d = json.loads(run(capsys, *SHENYANG_STAY, "--json", "--no-supplied")[1])
    assert d["self_pay"] is None and d["self_pay_range"] == ["1180.00", "2950.00"]


def test_command_line_file_wins_over_yours(mine, tmp_path, capsys):
    # Your file says 1,000; --supplied FILE says 2,000: (2950 − 2000) × 60 % = 570.00.
    assert run(capsys, *ADD_THRESHOLD)[0] == 0
    f = tmp_path / "cli.toml"
    f.write_text('[[supplied]]\npath = "resident.serious_illness.threshold"\nvalue = 2000\n'
                 'note = "notice"\n', encoding="utf-8")
    d = json.loads(run(capsys, *SHENYANG_STAY, "--json", "--supplied", str(f))[1])
    assert d["serious_illness"] == "570.00"


def test_a_cited_figure_is_never_overridden(mine, capsys):
    # 沈阳 grade 3 inpatient rate is cited ("三级 300 600 75% 75%"): add refuses it.
    rc, _, err = run(capsys, "supplied", "add", "--city", "shenyang", "--path",
                     "resident.care.inpatient.rate", "--grade", "3", "--value", "80%", "--note", "x")
    assert rc == 2 and "never a cited one" in err
    assert not mine.exists()
    # Written by hand into the file, it is left out of the estimate with a notice, not applied.
    store.write([{"city": "shenyang", "path": "resident.care.inpatient.rate", "grades": ["3"],
                  "value": 0.8, "note": "x"}])
    d = json.loads(run(capsys, *SHENYANG_STAY, "--json")[1])
    assert d["fund"] == "7050.00"
    assert any(n.startswith("Your supplied figure 1 is not used here") for n in d["notices"])


def test_note_is_required(mine, capsys):
    rc, _, err = run(capsys, *ADD_THRESHOLD[:-1], "  ")
    assert rc == 2 and "--note" in err
    rc, _, err = run(capsys, *ADD_THRESHOLD[:-2])
    assert rc == 2


def test_rate_as_percent_and_bad_value(mine, capsys):
    # 铁岭 resident two-disease rate, unknown (at most 90 %): 60% is stored as 0.6.
    rc, _, _ = run(capsys, "supplied", "add", "--city", "tieling", "--path",
                   "resident.care.two-disease.rate", "--value", "60%", "--note", "pharmacy notice")
    assert rc == 0 and store.read()[0]["value"] == Decimal("0.6")
    # 1,000 of drugs, no deductible ("取消门槛费"): fund 1000 × 60 % = 600.00.
    d = json.loads(run(capsys, "estimate", "--city", "tieling", "--scheme", "resident", "--category",
                       "adult", "--care", "two-disease", "--grade", "2", "--disease", "diabetes",
                       "--amount", "1000", "--json")[1])
    assert d["fund"] == "600.00" and d["self_pay"] == "400.00"
    rc, _, err = run(capsys, *ADD_THRESHOLD[:6], "--value", "lots", "--note", "x")
    assert rc == 2 and "not a number" in err


def test_unreadable_file_is_one_clear_error(mine, capsys):
    mine.parent.mkdir(parents=True)
    mine.write_text("[[supplied]\n", encoding="utf-8")
    rc, _, err = run(capsys, *SHENYANG_STAY)
    assert rc == 2 and err.startswith("error: your supplied figures:") and "--no-supplied" in err
    assert run(capsys, *SHENYANG_STAY, "--no-supplied")[0] == 0


def test_never_written_through_a_symlink(mine, tmp_path, capsys):
    mine.parent.mkdir(parents=True, mode=0o700)
    target = tmp_path / "elsewhere.toml"
    target.write_text("", encoding="utf-8")
    os.symlink(target, mine)
    rc, _, err = run(capsys, *ADD_THRESHOLD)
    assert rc == 2 and err.startswith("error: ") and target.read_text(encoding="utf-8") == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is worked out on Linux")
@pytest.mark.parametrize("xdg", [None, "", "/tmp/xdg-data", "relative/data", "."])
def test_data_dir_agrees_with_platformdirs(monkeypatch, xdg):
    import platformdirs

    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert store.data_dir() == platformdirs.user_data_dir("yibao-tui")
    monkeypatch.delenv("YIBAO_SUPPLIED")
    assert store.supplied_path() == os.path.join(platformdirs.user_data_dir("yibao-tui"), "supplied.toml")
    # Issue #22, 6: a relative XDG_DATA_HOME is ignored (the XDG spec) by both stores alike.
    from yibao_tui.storage import store as households

    monkeypatch.delenv("YIBAO_PROFILES", raising=False)
    assert households.households_dir() == Path(store.data_dir()) / "households"


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=50, deadline=None)
@given(note=_text, city=_text, grades=st.lists(_text, max_size=3))
def test_dumps_reads_back(tmp_path_factory, note, city, grades):
    import tomllib

    e = {"city": city, "path": "resident.care.inpatient.deductible", "value": Decimal("12.5"),
         "per": "visit", "note": note}
    if grades:
        e["grades"] = grades
    back = tomllib.loads(store.dumps([e]), parse_float=Decimal)["supplied"]
    assert back == [e]


def test_remove_says_how_to_put_it_back(tmp_path, monkeypatch, capsys):
    # A removal cannot ask (a script runs it), so it prints the command that undoes it; running
    # that command gives the same entry back.
    import shlex

    f = tmp_path / "d" / "supplied.toml"
    monkeypatch.setenv("YIBAO_SUPPLIED", str(f))
    assert main(["supplied", "add", "--city", "yantai", "--path",
                 "resident.care.inpatient.deductible", "--grade", "primary", "--value", "800",
                 "--per", "visit", "--note", "hospital's notice"]) == 0
    before = store.read()
    capsys.readouterr()
    assert main(["supplied", "remove", "1"]) == 0
    undo = capsys.readouterr().out.splitlines()[-1]
    assert store.read() == [] and undo.startswith("to put it back: yibao supplied add ")
    assert main(shlex.split(undo.removeprefix("to put it back: yibao "))) == 0
    assert store.read() == before
