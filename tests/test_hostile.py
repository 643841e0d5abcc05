"""Hostile input (issue #9): every parser the app has, fed what a careless or hostile user types
or plants. The property everywhere: exit 2 with one line naming the value (or, inside a
household file, a listed problem with file:line) — never a traceback, never an internal error
(exit 1), never a changed input file. Each case the issue lists is a named regression below;
the hypothesis tests at the end generate the rest. In-process (``cli.main``), no subprocesses.
"""

from __future__ import annotations

import os
import shutil
import stat
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yibao_tui.cli import main
from yibao_tui.core import household as H
from yibao_tui.core.amount import AmountError, parse_amount
from yibao_tui.storage import store

from .conftest import POLICIES, examples

ONE = ["estimate", "--city", "liaoyang", "--scheme", "resident", "--category", "adult",
       "--care", "outpatient", "--grade", "1"]
CLAIMS_HEAD = 'city = "tieling"\nscheme = "employee"\ncategory = "active"\n'
CLAIM = '[[claim]]\ncare = "outpatient"\ngrade = "3"\namount = 100\n'
DEMO = store.demo_path().read_text("utf-8")


@pytest.fixture(autouse=True)
def _profiles(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "households"))
    return tmp_path / "households"


def run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def refused(capsys, *argv, says=None):
    """Exit 2 with one line on stderr (that names ``says``), nothing on stdout."""
    rc, out, err = run(capsys, *argv)
    assert rc == 2, (rc, out, err)
    assert "internal error" not in err and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    if says is not None:
        assert says in err, err
    return err


# ───────────────────────────── amounts: the one rule ─────────────────────────────

@pytest.mark.parametrize(("text", "value"), [
    ("1,000", "1000"), ("1，000", "1000"), ("1,234,567.89", "1234567.89"),
    ("１２３", "123"), ("１，２３４．５", "1234.5"),  # full-width, as a Chinese IME types
    ("800元", "800"), ("3万", "30000"), ("1.5万", "15000"), ("1.5万元", "15000"),
    ("1.234567万", "12345.67"),  # decimals counted after scaling: 12,345.67 is to the fen
    ("+5", "5"), (".5", "0.5"),
])
def test_amount_forms_people_type(text, value):
    d = parse_amount(text)
    assert d == Decimal(value) and not d.is_signed()  # never -0


@pytest.mark.parametrize(("text", "code"), [
    ("1000，00", "bad"),  # a full-width comma as a decimal separator: never 100,000
    ("1,,0,0", "bad"), (",100", "bad"), ("1,0", "bad"), ("1,0000", "bad"), ("100,", "bad"),
    ("1.2345678万", "decimals"), ("1e3", "bad"), ("1 000", "bad"), ("²", "bad"), ("", "bad"),
    ("万", "bad"), ("元", "bad"), ("1万万", "bad"), ("-5", "negative"), ("2万万", "bad"),
    ("-0", "negative"), ("-0.00", "negative"),  # issue #22: one sign rule, -0 is no amount
    ("١٢٣", "bad"), ("1e40", "bad"),
    ("1" * 5000, "too_big"),  # over Python's int digit limit: refused, not a ValueError
    ("x" * 5000, "bad"),
])
def test_amount_refused_with_a_reason(text, code):
    with pytest.raises(AmountError) as e:
        parse_amount(text)
    assert e.value.code == code


def test_minus_zero_is_refused(capsys):
    # Issue #22, 6: one sign rule for every number (--value, tiers, files): a minus sign, even
    # on 0, is a slip; it used to print 0.00 here and be refused elsewhere.
    refused(capsys, *ONE, "--amount", "-0", "--json", says="--amount: -0 is negative")


@pytest.mark.parametrize("text", ["1000，00", "1,,0,0", ",100", "1" * 5000])
def test_cli_amounts_refused(capsys, text):
    refused(capsys, *ONE, "--amount", text, says="--amount")


@pytest.mark.parametrize(("opt", "says"), [
    ("--class-b", "--class-b: '' is not an amount"), ("--special-drugs", "--special-drugs"),
    ("--out-of-policy", "--out-of-policy"), ("--date", "--date: '' is not a date"),
])
def test_empty_options_are_refused_not_ignored(capsys, opt, says):
    refused(capsys, *ONE, "--amount", "100", opt, "", says=says)


# ───────────────────────────── counts, dates, --policies ─────────────────────────────

@pytest.mark.parametrize("argv", [
    [*ONE, "--amount", "100", "--paid", "2025-01-01", "--lapsed-years", "²"],
    ["si-cap", "--city", "yantai", "--continuous-years", "²"],
    ["si-cap", "--city", "yantai", "--continuous-years", "1" * 5000],
    ["si-cap", "--city", "yantai", "--claim-free", "٣"],  # Arabic-Indic 3: int() would read it
    [*ONE, "--amount", "100", "--stay", "²"],
    [*ONE, "--amount", "100", "--stay", "0"],
])
def test_counts_are_ascii_digits(capsys, argv):
    refused(capsys, *argv)


@pytest.mark.parametrize("argv", [
    [*ONE, "--amount", "100", "--paid", "9999-12-31"],
    ["cover", "--city", "yantai", "--category", "adult", "--paid", "9999-12-31"],
    ["cover", "--city", "liaoyang", "--category", "minor", "--paid", "2025-01-01", "--situation",
     "newborn", "--born", "9999-12-31"],
    ["cover", "--city", "yantai", "--category", "adult", "--paid", "2025-03-01", "--employee-until",
     "9999-12-31"],
    [*ONE, "--amount", "100", "--date", "0001-01-01"],
])
def test_dates_at_the_end_of_the_calendar(capsys, argv):
    refused(capsys, *argv, says="out of range")


def test_cover_dates_that_leave_the_calendar_are_an_enrolment_error():
    import datetime as dt

    from yibao_tui.core import policy as pol
    from yibao_tui.core.enrolment import EnrolmentError, cover_start

    with pytest.raises(EnrolmentError) as e:  # a household file's dates reach core directly
        cover_start(pol.load_city("yantai"), dt.date(9999, 12, 31), "adult")
    assert e.value.msg.key == "enrolment.err.date_range"


@pytest.mark.parametrize("where", ["/nonexistent", "FILE", ""])
def test_policies_dir_must_exist(capsys, tmp_path, where):
    if where == "FILE":
        where = tmp_path / "f"
        where.write_text("x")
    for argv in ([*ONE, "--amount", "100"], ["policies", "list"], ["household", "list"],
                 ["premium", "--city", "liaoyang", "--category", "adult"]):
        refused(capsys, *argv, "--policies", where, says="--policies")


# ───────────────────────────── claims and supplied files ─────────────────────────────

@pytest.mark.parametrize(("body", "says"), [
    (CLAIM + "cross_region = 5\n", "cross_region 5"),
    (CLAIM + 'cross_region = ["x"]\n', "cross_region 'x'"),
    (CLAIM + 'stay = "two"\n', "stay 'two'"),
    (CLAIM + "stay = 0\n", "stay 0"), (CLAIM + "stay = -5\n", "stay -5"),
    (CLAIM + "stay = 1.5\n", "stay Decimal('1.5')"), (CLAIM + "stay = true\n", "stay True"),
    (CLAIM + "date = 9999-12-31\n", "out of range"),
    (CLAIM + 'grade = 3\n', "not valid TOML"),  # a key twice
    (CLAIM + 'disease = 5\n', "disease 5"),
    (CLAIM + 'amount2 = 5\n', "unknown key 'amount2'"),
    (CLAIM.replace("100", "nan"), "nan is not a finite number"),
    (CLAIM.replace("100", "1e400"), "out of range"),
    (CLAIM.replace("100", '"1000，00"'), "is not an amount"),
])
def test_bad_claims_are_refused(capsys, tmp_path, body, says):
    f = tmp_path / "c.toml"
    f.write_text(CLAIMS_HEAD + body, "utf-8")
    before = f.read_bytes()
    refused(capsys, "estimate", "--claims", f, says=says)
    assert f.read_bytes() == before


@pytest.mark.parametrize(("head", "says"), [
    ('year = "2025"\n', "year '2025'"), ("year = -1\n", "year -1"),
    ('age = "old"\n', "age 'old'"), ("age = -3\n", "age -3"), ("name = 5\n", "name 5"),
    ('flags = "minimum-living"\n', "flags 'minimum-living' must be a list"),
    ('flags = [1]\n', "flags [1]"),
    ('city = "\\u001b]0;pwned\\u0007"\n', "control characters"),  # escaped: raw ESC is not TOML
])
def test_bad_claims_file_keys_are_refused(capsys, tmp_path, head, says):
    f = tmp_path / "c.toml"
    text = CLAIMS_HEAD + head + CLAIM
    if head.startswith("city"):
        text = head + 'scheme = "employee"\ncategory = "active"\n' + CLAIM
    f.write_text(text, "utf-8")
    err = refused(capsys, "estimate", "--claims", f, says=says)
    assert "\x1b" not in err and "\x07" not in err


@pytest.mark.parametrize("text", [
    "x = " + "[" * 10_000 + "]" * 10_000,
    "x = " + "{a = " * 5000 + "1" + "}" * 5000,
    "a" + ".a" * 50_000 + " = 1",
])
def test_deep_nesting_in_claims_and_supplied(capsys, tmp_path, text):
    f = tmp_path / "deep.toml"
    f.write_text(text, "utf-8")
    refused(capsys, "estimate", "--claims", f, says="deep.toml:1: tables or arrays nested deeper")
    refused(capsys, *ONE, "--amount", "100", "--supplied", f, says="nested deeper")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan", "1e400"])
def test_supplied_nan_and_inf(capsys, tmp_path, value):
    f = tmp_path / "s.toml"
    f.write_text(f'[[supplied]]\ncity = "yantai"\npath = "resident.care.inpatient.deductible"\n'
                 f'value = {value}\nper = "visit"\n', "utf-8")
    refused(capsys, "estimate", "--city", "yantai", "--scheme", "resident", "--category", "adult",
            "--care", "inpatient", "--grade", "3", "--amount", "100", "--supplied", f,
            says="s.toml:4: supplied[0].value: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_as_claims_file_does_not_hang(capsys, tmp_path):
    f = tmp_path / "c.toml"
    os.mkfifo(f)
    refused(capsys, "estimate", "--claims", f, says="not a regular file")


# ───────────────────────────── policy files ─────────────────────────────

def _policy_dir(tmp_path, old, new, city="liaoyang-2025"):
    d = tmp_path / "pol"
    d.mkdir(exist_ok=True)
    text = (POLICIES / f"{city}.toml").read_text("utf-8")
    assert old in text
    (d / f"{city}.toml").write_text(text.replace(old, new, 1), "utf-8")
    return d


def _first_deductible(text):
    import re

    return re.search(r"(\[\[resident\.care\.outpatient\.deductible\]\][^\[]*?value = )([0-9.]+)",
                     text)


@pytest.mark.parametrize(("value", "says"), [
    ("nan", "nan is not a finite number"), ("inf", "inf is not a finite number"),
    ("1e400", "out of range"), ("1e60", "not a figure a policy gives"),
])
def test_policy_figure_not_finite_or_absurd(capsys, tmp_path, value, says):
    text = (POLICIES / "liaoyang-2025.toml").read_text("utf-8")
    m = _first_deductible(text)
    assert m, "the liaoyang outpatient deductible moved"
    d = tmp_path / "pol"
    d.mkdir()
    (d / "liaoyang-2025.toml").write_text(text[:m.start(2)] + value + text[m.end(2):], "utf-8")
    rc, out, _err = run(capsys, "policies", "check", "--lang", "en", d)
    assert rc == 1 and says in out and "internal error" not in out + _err
    # and estimate refuses the file (exit 2), never crashes on it
    refused(capsys, *ONE, "--amount", "100", "--policies", d, says="cannot be used")


@pytest.mark.parametrize(("old", "new", "says"), [
    ("checked = 2026-11-23", 'checked = "yesterday"', "checked: must be a date"),
    ("effective = { from = 2025-01-01, to = 2025-12-31 }",
     "effective = { from = 2025-12-31, to = 2025-01-01 }", "ends (2025-01-01) before it starts"),
    ("effective = { from = 2025-01-01, to = 2025-12-31 }",
     'effective = { from = "2025-01-01", to = 2025-12-31 }', "effective.from: must be a date"),
])
def test_policy_dates(capsys, tmp_path, old, new, says):
    d = _policy_dir(tmp_path, old, new)
    rc, out, _err = run(capsys, "policies", "check", "--lang", "en", d)
    assert rc == 1 and says in out


def test_policy_nesting_and_fifo(capsys, tmp_path):
    d = tmp_path / "pol"
    d.mkdir()
    (d / "liaoyang-2025.toml").write_text("x = " + "[" * 10_000 + "]" * 10_000, "utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "tieling-2025.toml")
    rc, out, _err = run(capsys, "policies", "check", "--lang", "en", d)
    assert rc == 1 and "liaoyang-2025.toml:1: tables or arrays nested deeper" in out
    assert not hasattr(os, "mkfifo") or "tieling-2025.toml: cannot read: not a regular file" in out


# ───────────────────────────── household files ─────────────────────────────

def _demo_with(old, new):
    assert old in DEMO
    return DEMO.replace(old, new, 1)


@pytest.mark.parametrize(("text", "line", "says"), [
    (_demo_with('name = "王', 'name = "\\u001b]0;pwned\\u0007王'), None, "control characters"),
    (_demo_with('name = "王', 'name = "\\u202e王'), None, "\\u202e"),
    (DEMO + '\n[[supplied]]\ncity = "liaoyang"\npath = "resident.care.inpatient.deductible"\n'
     "value = nan\n", None, "nan is not a finite number"),
    ("schema = 1\nname = " + "[" * 10_000 + "]" * 10_000 + "\n", 2, "nested deeper"),
])
def test_household_file_problems_are_listed_with_their_line(text, line, says):
    with pytest.raises(H.HouseholdError) as e:
        H.parse(text, "h.toml")
    from yibao_tui.views.household import format_problem

    shown = [format_problem(p, "en") for p in e.value.problems]
    assert any(says in s for s in shown), shown
    assert all(s.startswith("h.toml:") for s in shown)
    assert not any("\x1b" in s or "\u202e" in s for s in shown)  # the message itself is safe
    if line:
        assert e.value.problems[0][1] == line


def test_a_control_character_in_a_name_names_its_line():
    text = _demo_with('name = "王', 'name = "\\u001b[2J王')
    with pytest.raises(H.HouseholdError) as e:
        H.parse(text, "h.toml")
    lines = text.splitlines()
    (_f, line, msg), *_ = e.value.problems
    assert "\\u001b[2J" in lines[line - 1] and msg.key == "toml.control"


def test_an_edit_with_a_control_character_does_not_read_back():
    h = H.parse(DEMO)
    d = H.to_dict(h)
    d["member"][0]["name"] = "a\x1b[31mb"
    with pytest.raises(H.HouseholdError) as e:
        H.validate(d)
    assert e.value.problems[0][2].key == "toml.control"


def test_one_bad_file_does_not_stop_household_list(capsys, _profiles):
    store.copy_demo()
    bad = {"nan.toml": DEMO + '\n[[supplied]]\ncity = "liaoyang"\n'
                               'path = "resident.care.inpatient.deductible"\nvalue = nan\n',
           "deep.toml": "schema = 1\nname = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
           "esc\x1b]0;x\x07.toml": DEMO}
    for n, text in bad.items():
        (_profiles / n).write_text(text, "utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(_profiles / "fifo.toml")
    before = {n: (_profiles / n).read_bytes() for n in bad}
    rc, out, err = run(capsys, "household", "list", "--lang", "en")
    assert rc == 0 and "demo" in out
    assert "nan.toml:" in err and "deep.toml:2:" in err
    assert not hasattr(os, "mkfifo") or "fifo.toml" in err
    assert "\x1b" not in out + err and "esc\\x1b]0;x\\x07" in out  # the file name escaped
    assert {n: (_profiles / n).read_bytes() for n in bad} == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_household_init_into_a_read_only_dir(capsys, _profiles):
    _profiles.mkdir(mode=0o700)
    os.chmod(_profiles, 0o500)
    try:
        refused(capsys, "household", "init", says="Permission denied")
    finally:
        os.chmod(_profiles, 0o700)


def test_household_init_into_a_full_dir(capsys, monkeypatch):
    import errno

    from yibao_tui.storage import files

    def full(*a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "write", full)
    refused(capsys, "household", "init", says="No space left on device")


# ───────────────────────────── the TUI's money box ─────────────────────────────

def test_a_huge_paste_into_a_money_box_is_refused_not_a_crash():
    from yibao_tui.core.amount import group, parse_money

    digits = "9" * 5000  # over Python's int() digit limit (4,300)
    assert parse_money(digits) == (None, "bad.too_big")
    grouped = group(digits)
    assert grouped.replace(",", "") == digits and grouped.startswith("99,999")
    assert parse_money("1" * 4301 + ".5")[1] == "bad.too_big"


# ───────────────────────────── generated: every parser, any input ─────────────────────────────

_toml_value = st.recursive(
    st.one_of(st.integers(-2**70, 2**70), st.text(max_size=8), st.booleans(),
              st.sampled_from(["nan", "inf", "-inf", "1e400", "1e-400", "0.1", "-0", "2025-01-01",
                               "9999-12-31", "1979-05-27T07:32:00Z"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(
        st.sampled_from(["amount", "care", "stay", "grade", "name", "value", "path", "city"]),
        inner, max_size=3)),
    max_leaves=8)

_KEYS = ["city", "scheme", "category", "year", "age", "name", "flags", "care", "grade", "amount",
         "stay", "cross_region", "date", "class_b", "value", "path", "per", "schema", "member",
         "claim", "supplied", "id", "relation", "birth_year", "visit", "month"]


def _literal(v):
    """A TOML literal for ``v``: strings quoted, the sampled words as written (nan, dates …)."""
    import json

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_literal(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k} = {_literal(x)}" for k, x in v.items()) + "}"
    if v in ("nan", "inf", "-inf", "1e400", "1e-400", "0.1", "-0", "2025-01-01", "9999-12-31",
             "1979-05-27T07:32:00Z"):
        return v
    return json.dumps(v)  # a basic string (JSON escapes are TOML escapes)


_doc = st.lists(st.tuples(st.sampled_from(_KEYS), _toml_value), max_size=6).map(
    lambda kv: "\n".join(f"{k} = {_literal(v)}" for k, v in dict(kv).items()))
_table_doc = st.tuples(_doc, st.sampled_from(["claim", "supplied", "member", "member.visit"]),
                       _doc).map(lambda t: f"{t[0]}\n[[{t[1]}]]\n{t[2]}\n")
_any_text = st.one_of(_table_doc, st.text(max_size=60),
                      st.text(alphabet='[]{}="\n .,=a1', max_size=200))

_SETTINGS = settings(max_examples=examples(60), deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])


def _never_crashes(capsys, argv, allowed=(0, 1, 2)):
    rc, out, err = run(capsys, *argv)
    assert rc in allowed, (rc, err)
    assert "internal error" not in err and "Traceback" not in err, err
    return rc, out, err


@_SETTINGS
@given(text=_any_text)
def test_any_claims_file(capsys, tmp_path, text):
    f = tmp_path / "claims.toml"
    f.write_text(CLAIMS_HEAD + text, "utf-8")
    before = f.read_bytes()
    rc, _out, err = _never_crashes(capsys, ["estimate", "--claims", f, "--json"], (0, 2))
    assert rc == 0 or len(err.strip().splitlines()) == 1
    assert f.read_bytes() == before


@_SETTINGS
@given(text=_any_text)
def test_any_supplied_file(capsys, tmp_path, text):
    f = tmp_path / "s.toml"
    f.write_text(text, "utf-8")
    _never_crashes(capsys, ["estimate", "--city", "yantai", "--scheme", "resident", "--category",
                            "adult", "--care", "inpatient", "--grade", "3", "--amount", "100",
                            "--supplied", f], (0, 2))


@_SETTINGS
@given(text=_any_text)
def test_any_household_file(text):
    try:
        H.parse(text, "h.toml")
    except H.HouseholdError as e:
        from yibao_tui.views.household import format_problem

        for p in e.problems:
            s = format_problem(p, "en")
            assert s.startswith("h.toml") and "\x1b" not in s


# Each example checks a policy file twice (no parsed-policy cache for new bytes): 30 a run.
@settings(_SETTINGS, max_examples=examples(60, floor=30))
@given(text=_any_text, at=st.sampled_from(["top", "care"]))
def test_any_policy_file(capsys, tmp_path, text, at):
    src = (POLICIES / "liaoyang-2025.toml").read_text("utf-8")
    d = tmp_path / "pol"
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir()
    # spliced in at the top (new top-level keys) or inside the outpatient care table
    body = text + "\n" + src if at == "top" else src.replace(
        "[[resident.care.outpatient.deductible]]", text + "\n[[resident.care.outpatient.deductible]]", 1)
    (d / "liaoyang-2025.toml").write_text(body, "utf-8")
    _never_crashes(capsys, ["policies", "check", "--lang", "en", d], (0, 1))
    _never_crashes(capsys, [*ONE, "--amount", "100", "--policies", d], (0, 2))


_amount_text = st.one_of(
    st.text(alphabet="0123456789,，.．-+元万 ０１２３e²", max_size=14), st.text(max_size=10),
    st.decimals(allow_nan=True, allow_infinity=True).map(str))


@settings(max_examples=examples(300), deadline=None)
@given(text=_amount_text)
def test_amount_rule_any_text(text):
    try:
        d = parse_amount(text)
    except AmountError as e:
        assert e.code in ("bad", "negative", "too_big", "decimals")
        return
    assert d.is_finite() and 0 <= d <= Decimal(10**8) and d == d.quantize(Decimal("0.01"))
    assert not d.is_signed()


_arg = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", "-0", "²", "٣", "9999-12-31", "0000-00-00", "1e400", "nan", "1" * 5000, "2025-02-30",
     "/nonexistent", "\x1b]0;x\x07", "--amount", "3万"]))
_OPTS = ["--amount", "--class-b", "--special-drugs", "--out-of-policy", "--date", "--stay",
         "--paid", "--born", "--lapsed-years", "--employee-until", "--recognised", "--policies",
         "--grade", "--care", "--flag", "--disease"]


@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opts=st.lists(st.tuples(st.sampled_from(_OPTS), _arg), min_size=1, max_size=3))
def test_any_estimate_argv(capsys, opts):
    argv = [*ONE, "--amount", "100"]
    for k, v in opts:
        argv += [k, v]
    _rc, _out, err = _never_crashes(capsys, argv, (0, 2))
    assert "\x1b" not in err


@settings(max_examples=examples(80), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cmd=st.sampled_from(["cover", "premium", "si-cap", "grants"]),
       opts=st.lists(st.tuples(st.sampled_from(
           ["--paid", "--born", "--lapsed-years", "--employee-until", "--recognised", "--tier",
            "--continuous-years", "--claim-free", "--base", "--wage", "--year", "--category",
            "--situation"]), _arg), max_size=3))
def test_any_enrolment_argv(capsys, cmd, opts):
    argv = [cmd, "--city", "yantai"]
    if cmd in ("cover", "premium"):
        argv += ["--category", "adult"]
    if cmd == "cover":
        argv += ["--paid", "2025-01-10"]
    for k, v in opts:
        argv += [k, v]
    _never_crashes(capsys, argv, (0, 2))


def test_the_file_mode_of_a_household_is_never_changed_by_reading(_profiles):
    ld = store.copy_demo()
    os.chmod(ld.path, 0o400)
    before = (ld.path.read_bytes(), stat.S_IMODE(os.stat(ld.path).st_mode))
    store.list_all()
    store.read(ld.path)
    assert (ld.path.read_bytes(), stat.S_IMODE(os.stat(ld.path).st_mode)) == before
