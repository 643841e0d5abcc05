"""Your own policy files (issue #18): ``yibao policies path | new | diff``, the directory's trust
and its place in the search, and the parsers behind them (draft, diff, the strict check's
matching) for any input."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import stat
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yibao_tui.cli import main
from yibao_tui.core import policy as pol
from yibao_tui.core import tomlinput
from yibao_tui.core.policy import diff as pdiff
from yibao_tui.core.policy import draft, strict
from yibao_tui.core.policy.validate import validate

from .conftest import POLICIES, examples

STAY = ["estimate", "--city", "shenyang", "--scheme", "resident", "--category", "adult",
        "--care", "inpatient", "--grade", "3", "--amount", "10000", "--json"]
ADULT_3 = ('categories = ["adult"]\nper = "visit"\nvalue = 600\nsource = "004_0cd4e3e6d5e11989.txt"\n'
           'quote = "三级 300 600 75% 75%"')


@pytest.fixture
def mine(tmp_path, monkeypatch):
    """The user's policies directory under a fresh data dir (not made yet)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "yibao-tui" / "policies"


def _shenyang_700():
    text = (POLICIES / "shenyang-2024.toml").read_text("utf-8")
    assert text.count(ADULT_3) == 1
    return text.replace(ADULT_3, ADULT_3.replace("600\n", "700\n"))


def _fund(capsys, argv=STAY):
    assert main(argv) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)["fund"]


# ───────────────────────────── the directory ─────────────────────────────

def test_path_prints_and_makes_the_directory(mine, capsys):
    assert main(["policies", "path"]) == 0
    assert capsys.readouterr().out == f"{mine}\n"
    assert stat.S_IMODE(mine.stat().st_mode) == 0o700


def test_your_file_wins_for_the_same_city_and_year(mine, capsys):
    # (10,000 − 600) × 75 % = 7,050.00 with the bundled file; (10,000 − 700) × 75 % = 6,975.00
    assert _fund(capsys) == "7050.00"
    mine.mkdir(parents=True, mode=0o700)
    (mine / "shenyang-2024.toml").write_text(_shenyang_700(), "utf-8")
    assert _fund(capsys) == "6975.00"
    # --policies still comes first: the bundled directory named there wins again
    assert _fund(capsys, [*STAY, "--policies", str(POLICIES)]) == "7050.00"


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX ownership")
def test_a_directory_others_can_write_is_refused(mine, capsys):
    mine.mkdir(parents=True, mode=0o700)
    (mine / "shenyang-2024.toml").write_text(_shenyang_700(), "utf-8")
    mine.chmod(0o777)
    for argv in (STAY, ["policies", "list"], ["policies", "path"]):
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == "" and len(err.splitlines()) == 1
        assert "your policies directory" in err and "writable by group or others" in err


def test_yibao_policies_pointing_nowhere_is_an_error(tmp_path, monkeypatch, capsys):
    nowhere = tmp_path / "no-such-dir"
    monkeypatch.setenv("YIBAO_POLICIES", str(nowhere))
    for argv in (STAY, ["policies", "list"], ["policies", "check"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err == f"error: $YIBAO_POLICIES: no such directory: {nowhere}\n"


# ───────────────────────────── policies new ─────────────────────────────

def test_new_writes_a_marked_draft_and_asks_before_replacing(mine, capsys):
    assert main(["policies", "new", "shenyang", "2025"]) == 0
    capsys.readouterr()
    f = mine / "shenyang-2025.toml"
    text = f.read_text("utf-8")
    data = tomlinput.loads(text, f.name)
    assert validate(data, f.name, text) == []
    assert data["draft"] is True and data["year"] == 2025
    assert data["effective"] == {"from": dt.date(2025, 1, 1), "to": dt.date(2025, 12, 31)}
    assert list(data["sources"]) == ["shenyang-2025.txt"]
    assert draft.unmarked(data, 2025) == []
    # the figures are last year's, as a starting point, each marked
    assert ADULT_3.replace("004_0cd4e3e6d5e11989.txt", "shenyang-2025.txt") + "\nunchecked = 2025" \
        in text
    # not replaced without asking (no terminal here): exit 2, the file as it was
    f.write_text(text + "# mine\n", "utf-8")
    assert main(["policies", "new", "shenyang", "2025"]) == 2
    assert "exists; not replaced (--force replaces it" in capsys.readouterr().err
    assert f.read_text("utf-8").endswith("# mine\n")
    # --force: replaced from the 2024 file again, the old one kept as .bak (0600)
    assert main(["policies", "new", "shenyang", "2025", "--force"]) == 0
    assert (mine / "shenyang-2025.toml.bak").read_text("utf-8").endswith("# mine\n")
    assert f.read_text("utf-8") == text
    assert stat.S_IMODE(f.stat().st_mode) == stat.S_IMODE(
        (mine / "shenyang-2025.toml.bak").stat().st_mode) == 0o600


def test_new_city_like_another(mine, capsys):
    assert main(["policies", "new", "dalian", "2025", "--like", "铁岭", "--name-zh", "大连",
                 "--name-en", "Dalian", "--lang", "en"]) == 0
    assert "from tieling-2025.toml" in capsys.readouterr().out
    p = pol.load(str(mine / "dalian-2025.toml"))
    assert (p.city, p.year, p.name) == ("dalian", 2025, {"zh": "大连", "en": "Dalian"})
    # usable at once, like any file of yours: until checked its figures are 铁岭's, so the same
    # visit gets the same fund
    argv = ["estimate", "--city", "{}", "--scheme", "employee", "--category", "active", "--care",
            "outpatient", "--grade", "3", "--amount", "1000", "--json"]
    tie = _fund(capsys, [a.format("tieling") for a in argv])
    assert _fund(capsys, [a.format("dalian") for a in argv]) == tie


@pytest.mark.parametrize(("argv", "says"), [
    (["nocity", "2025"], "no policy file for 'nocity'; for a new city, start from another's"),
    (["shenyang", "20x5"], "year '20x5' is not a policy year"),
    (["shenyang", "1999"], "year '1999' is not a policy year"),
    (["Dalian!", "2025", "--like", "tieling"], "'Dalian!' is not a city id"),
    (["shenyang", "2025", "--like", "tieling"], "shenyang already has policy files"),
    (["dalian", "2025", "--like", "atlantis"], "--like: unknown city 'atlantis'"),
    (["shenyang", "2025", "--source", "../x.txt"], "--source: '../x.txt' must be a plain file name"),
    (["shenyang", "2025", "--name-zh", "沈"], "--name-zh and --name-en go with --like"),
])
def test_new_refuses_bad_input_in_one_line(mine, capsys, argv, says):
    assert main(["policies", "new", *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.splitlines()) == 1
    assert not mine.exists() or not any(mine.glob("*.toml"))


@pytest.mark.parametrize("path", sorted(POLICIES.glob("*.toml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("ahead", [1, 2])
def test_every_bundled_file_makes_a_valid_fully_marked_draft(path, ahead):
    old = tomlinput.loads(path.read_text("utf-8"), path.name)
    year = old["year"] + ahead
    name = f"{old['city']}-{year}.toml"
    text = draft.make(path.read_text("utf-8"), old_year=old["year"], year=year,
                      source="notice.txt", header="draft\n草稿")
    data = tomlinput.loads(text, name)
    assert validate(data, name, text) == []
    draft.check_made(data, year, "notice.txt")
    # nothing but the marks, the header, the year and the source changed: the figures are kept
    assert pdiff.diff(old, data).as_json() == {"changes": [], "added": [], "removed": []}


# ───────────────────────────── policies diff ─────────────────────────────

def test_diff_json_is_the_contract(tmp_path, capsys):
    new = tmp_path / "shenyang-2024.toml"
    new.write_text(_shenyang_700(), "utf-8")
    assert main(["policies", "diff", str(POLICIES / "shenyang-2024.toml"), str(new), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "changes": [{"path": "resident.care.inpatient.deductible",
                     "where": {"grades": ["3"], "categories": ["adult"]}, "from": "600", "to": "700"}],
        "added": [], "removed": []}
    assert main(["policies", "diff", str(POLICIES / "shenyang-2024.toml"), str(new), "--lang",
                 "en"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "resident.care.inpatient.deductible (grades=3 categories=adult): 600 → 700",
        "1 changed, 0 rows added, 0 removed"]


def test_diff_rows_added_and_removed(tmp_path, capsys):
    text = (POLICIES / "liaoyuan-2023.toml").read_text("utf-8")
    cut = text.index("[[resident.premium]]\ncategories = [\"student\"]")
    end = text.index("\n\n", cut)
    gone = text[:cut] + text[end + 2:]
    (tmp_path / "liaoyuan-2023.toml").write_text(gone, "utf-8")
    old, new = str(POLICIES / "liaoyuan-2023.toml"), str(tmp_path / "liaoyuan-2023.toml")
    assert main(["policies", "diff", old, new, "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["changes"] == [] and d["added"] == []
    assert d["removed"] == [{"path": "resident.premium", "where": {"categories": ["student"]},
                             "figures": {"value": "310"}}]
    assert main(["policies", "diff", new, old, "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["added resident.premium (categories=student): value=310",
                   "0 changed, 1 rows added, 0 removed"]
    assert main(["policies", "diff", old, old, "--lang", "en"]) == 0
    assert capsys.readouterr().out == "no figure changed\n"


@pytest.mark.parametrize(("args", "says"), [
    (["nosuch-2024", "shenyang-2024"], "no such policy file: nosuch-2024"),
    (["shenyang-2031", "shenyang-2024"], "no such policy file: shenyang-2031"),
])
def test_diff_bad_input(capsys, args, says):
    assert main(["policies", "diff", *args]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.splitlines()) == 1


def test_diff_of_a_broken_file_is_one_line(tmp_path, capsys):
    bad = tmp_path / "shenyang-2024.toml"
    bad.write_text("year = [", "utf-8")
    assert main(["policies", "diff", "shenyang-2024", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "shenyang-2024.toml:1: not valid TOML" in err and len(err.splitlines()) == 1


_SHENYANG = pol.load(str(POLICIES / "shenyang-2024.toml")).data
_VALUED = [(path, where, row) for path, where, row in pdiff.rows(_SHENYANG)
           if isinstance(row.get("value"), Decimal)]


@settings(max_examples=examples(60), deadline=None)
@given(st.integers(0, len(_VALUED) - 1),
       st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_diff_names_exactly_the_figure_changed(i, v):
    path, where, row = _VALUED[i]
    new = copy.deepcopy(_SHENYANG)
    target = next(r for p, _w, r in pdiff.rows(new) if p == path and r == row)
    target["value"] = v
    d = pdiff.diff(_SHENYANG, new)
    if v == row["value"]:
        assert d.changes == []
    else:
        assert d.changes == [{"path": path, "where": where, "from": pdiff.text(row["value"]),
                              "to": pdiff.text(v)}]
        back = pdiff.diff(new, _SHENYANG).changes
        assert back == [{**d.changes[0], "from": d.changes[0]["to"], "to": d.changes[0]["from"]}]
    assert d.added == d.removed == []


# ───────────────────────────── the strict check's matching ─────────────────────────────

@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet="起付线元 \n\t三级0123456789%万", max_size=80), st.data())
def test_any_passage_of_a_text_is_found_whatever_its_spacing(text, data):
    words = text.split()
    if not words:
        return
    a = data.draw(st.integers(0, len(words) - 1))
    b = data.draw(st.integers(a + 1, len(words)))
    quote = data.draw(st.sampled_from([" ", "  ", "\n"])).join(words[a:b])
    assert strict.missing_passage(text, quote) is None
    # two passages in order, joined by " … ", are found
    if b < len(words):
        later = words[b]
        assert strict.missing_passage(text, quote + strict.JOIN + later) is None


@settings(max_examples=examples(200), deadline=None)
@given(st.decimals(min_value=1, max_value=10**6, places=0, allow_nan=False))
def test_a_money_figure_is_carried_as_written_and_only_whole(v):
    n = format(v.normalize(), "f")
    assert strict.carries(f"起付线{n}元", "x.deductible[0]", "value", v)
    assert not strict.carries(f"起付线{n}5元", "x.deductible[0]", "value", v)
    assert not strict.carries(f"起付线1{n}元", "x.deductible[0]", "value", v)


@settings(max_examples=examples(200), deadline=None)
@given(st.integers(1, 100))
def test_a_rate_is_carried_as_a_percentage(p):
    v = Decimal(p) / 100
    assert strict.carries(f"报销比例{p}%", "x.rate[0]", "value", v)
    assert not strict.carries(f"报销比例{p}5%", "x.rate[0]", "value", v)


_leaf = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.text(max_size=6),
                  st.sampled_from([Decimal("0.5"), Decimal("600"), dt.date(2025, 1, 1)]))
_doc = st.recursive(_leaf, lambda kids: st.lists(kids, max_size=3) | st.dictionaries(
    st.sampled_from(["quote", "source", "note", "value", "rate", "bands", "unknown", "unchecked",
                     "not_in_quote", "figures", "zh", "en", "grades", "sources", "bound_quote",
                     "up_to", "x"]), kids, max_size=5), max_leaves=12)


@settings(max_examples=examples(150), deadline=None)
@given(st.dictionaries(st.sampled_from(["sources", "resident", "note", "year"]), _doc, max_size=4),
       st.dictionaries(st.text(max_size=4), st.text(max_size=20), max_size=2))
def test_the_strict_rules_and_the_diff_take_any_document(doc, texts):
    # The checker runs after the validator, but its rules never raise on any shape of document.
    found = strict.Strict(doc, texts).run()
    assert all(isinstance(p, str) and isinstance(w, str) for p, w, _m in found)
    d = pdiff.diff(doc, doc)
    assert d.changes == d.added == d.removed == []


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["year = 2024", "[sources.\"a.txt\"]", "[x]", "quote = \"q\"",
                                           "source = \"a.txt\"", "effective = { from = 2024-02-29 }",
                                           "unchecked = 2020", "draft = false", "city = \"c\"",
                                           "name = 1", "  quote = 'x'", "# c"]),
                          st.text(max_size=20)), max_size=12))
def test_a_draft_is_made_from_any_text(lines):
    # Any template text gives text; a template it cannot mark is caught when the draft is checked
    # (check_made), never written half-marked.
    out = draft.make("\n".join(lines), old_year=2024, year=2025, source="n.txt", header="h",
                     city="c", names={"zh": "城", "en": "C"})
    assert isinstance(out, str) and out.startswith("# h\n")
    try:
        data = tomlinput.loads(out, "c-2025.toml")
    except tomlinput.TomlInputError:
        return
    try:
        draft.check_made(data, 2025, "n.txt")
    except draft.DraftError:
        return
    assert draft.unmarked(data, 2025) == []
