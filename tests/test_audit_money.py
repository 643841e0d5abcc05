"""Issue #21 item 4: money is written one way. JSON: a decimal string to the fen, half-up, an
ASCII minus, never "-0.00" (``views.estimate_json.dec``, the one writer). Text: ``yuan`` with
the minus sign "−" (U+2212), never "−0.00" nor an ASCII hyphen."""

import json
import re
from decimal import Decimal

from yibao_tui.cli import main
from yibao_tui.core.money import yuan
from yibao_tui.views.estimate_json import dec

MONEY = re.compile(r"^-?\d+\.\d\d$")


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_the_one_json_writer():
    assert dec(Decimal(370)) == "370.00"
    assert dec(Decimal("5760.0000")) == "5760.00"   # 4,800 wage × 10 % × 12 kept its places
    assert dec(Decimal("-3000")) == "-3000.00"
    assert dec(Decimal("-0")) == "0.00" and dec(Decimal("-0.001")) == "0.00"
    assert dec(Decimal("0.005")) == "0.01"          # half-up, not the context's half-even
    assert dec(None) is None


def test_the_one_text_writer():
    assert yuan(Decimal("-160")) == "−160.00"
    assert yuan(Decimal("-0")) == "0.00" and yuan(Decimal("-0.004")) == "0.00"
    assert yuan(Decimal("1234.5")) == "1,234.50"


def _money_values(obj, key_ok):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if key_ok(k) and isinstance(v, str):
                yield k, v
            else:
                yield from _money_values(v, key_ok)
    elif isinstance(obj, list):
        for v in obj:
            yield from _money_values(v, key_ok)


MONEY_KEYS = {"premium", "employer", "total", "increase", "decrease", "net", "base",
              "adjusted_cap", "amount"}


def test_premium_and_si_cap_json_write_money_one_way(capsys):
    # 烟台 adult tier 1: "一档370元"; 辽阳 employee, wage 6,000: employer 8 % × 6,000 × 12 = 5,760,
    # employee 2 % × 6,000 × 12 = 1,440
    for argv in (["premium", "--city", "yantai", "--category", "adult", "--tier", "1"],
                 ["premium", "--city", "liaoyang", "--scheme", "employee", "--category", "active",
                  "--wage", "6000"],
                 ["si-cap", "--city", "yantai", "--continuous-years", "6", "--claim-free", "1",
                  "--year", "2030"],
                 ["si-cap", "--city", "yantai", "--continuous-years", "1", "--lapsed-years", "1"]):
        rc, out, _ = run(capsys, *argv, "--json")
        assert rc == 0
        values = list(_money_values(json.loads(out), MONEY_KEYS.__contains__))
        assert values and all(MONEY.match(v) for _, v in values), values
    rc, out, _ = run(capsys, "premium", "--city", "liaoyang", "--scheme", "employee", "--category",
                     "active", "--wage", "6000", "--json")
    m = json.loads(out)["members"][0]
    assert (m["premium"], m["employer"]) == ("1440.00", "5760.00")
    # 1 year of lapse: −3,000 ("每多断保1年 … 降低大病保险最高支付限额3000元"); net 0 − 3,000
    rc, out, _ = run(capsys, "si-cap", "--city", "yantai", "--continuous-years", "1",
                     "--lapsed-years", "1", "--json")
    d = json.loads(out)
    assert (d["increase"], d["decrease"], d["net"]) == ("0.00", "3000.00", "-3000.00")


def test_si_cap_text_has_no_negative_zero(capsys):
    # no lapse: 0 × 3,000 = 0.00, not "−0.00"
    rc, out, _ = run(capsys, "si-cap", "--city", "yantai", "--continuous-years", "1", "--lang", "en")
    assert rc == 0 and "−0.00" not in out and "-0.00" not in out
    assert "0 × 3,000.00 = 0.00" in out
    # one year: 1 × 3,000 = −3,000.00, with the minus sign every view uses
    rc, out, _ = run(capsys, "si-cap", "--city", "yantai", "--continuous-years", "1",
                     "--lapsed-years", "1", "--lang", "en")
    assert "1 × 3,000.00 = −3,000.00" in out


def test_slip_difference_uses_the_minus_sign(capsys):
    # 辽阳 employee active outpatient, grade 3, 1,000: (1,000 − 500) × 50 % = 250.00 expected;
    # the slip says 90.00 → 90 − 250 = −160.00 in text, "-160.00" in JSON
    argv = ["slip", "--city", "liaoyang", "--scheme", "employee", "--category", "active", "--care",
            "outpatient", "--grade", "3", "--amount", "1000", "--slip-fund", "90"]
    _, out, _ = run(capsys, *argv, "--lang", "en")
    assert "−160.00" in out and "-160.00" not in out
    _, out, _ = run(capsys, *argv, "--json")
    fund = next(ln for ln in json.loads(out)["lines"] if ln["field"] == "fund")
    assert (fund["slip"], fund["expected"], fund["difference"]) == ("90.00", "250.00", "-160.00")


def test_readme_si_cap_example_shows_an_adjustment(capsys):
    # issue #21 item 9: the README's example must show something. In 2030, 6 continuous years
    # counted from 2025 (2025–2030) → (6 − 4) × 3,000 = 6,000; 1 claim-free year → + 3,000;
    # adjustment +9,000.00 (before the 20 % limits: the original cap is not in the source)
    from .conftest import ROOT

    line = next(x for x in (ROOT / "README.md").read_text("utf-8").splitlines()
                if x.startswith("yibao si-cap "))
    argv = line.split("#", 1)[0].split()[1:]
    rc, out, _ = run(capsys, *argv, "--lang", "en")
    assert rc == 0 and "+9,000.00 − 0.00" in out
    assert "9,000" in line  # the comment says what it shows
