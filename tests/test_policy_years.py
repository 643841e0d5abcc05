"""Policy years (issue 18): dated values picked by the visit's day, the one rule for a day no
policy file covers, said on every view; the policy in every JSON estimate."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yibao_tui.cli import main
from yibao_tui.core.policy import Where, load_city, matches, years
from yibao_tui.core.policy.select import holds

from .conftest import POLICIES

YANTAI_OUT = ["--city", "yantai", "--scheme", "resident", "--category", "adult",
              "--care", "outpatient", "--grade", "1", "--amount", "1000"]


def run_json(capsys, *args):
    assert main(["estimate", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def december_2026(monkeypatch):
    monkeypatch.setattr(years, "today", lambda: dt.date(2026, 12, 7))


# ───────────────────────── dated values (烟台, 003) ─────────────────────────

def test_yantai_outpatient_rate_changes_on_2024_10_01(capsys):
    # 003: "自2024年10月1日起,将居民普通门诊报销比例提高至65%", "由50%提高至65%". 1,000 of
    # outpatient care at grade 1; the deductible is unknown (0 … 1,000) and so is the cap:
    #   2024-09-30, 50 %: fund (1000 − 0) × 50 % = 500.00 … (1000 − 1000) × 50 % = 0.00;
    #   2024-10-01, 65 %: fund (1000 − 0) × 65 % = 650.00 … 0.00.
    before = run_json(capsys, *YANTAI_OUT, "--date", "2024-09-30")
    assert before["fund"] is None and before["fund_range"] == ["0.00", "500.00"]
    on = run_json(capsys, *YANTAI_OUT, "--date", "2024-10-01")
    assert on["fund_range"] == ["0.00", "650.00"]
    # self-pay is the rest: 1000 − 500 = 500.00 … 1,000.00; 1000 − 650 = 350.00 … 1,000.00.
    assert before["self_pay_range"] == ["500.00", "1000.00"]
    assert on["self_pay_range"] == ["350.00", "1000.00"]


@pytest.mark.parametrize(("day", "rate"), [
    # "居民“两病”门诊用药保障机制报销比例由70%提高至75%", from "自2024年10月1日起"
    (dt.date(2024, 9, 30), "0.70"), (dt.date(2024, 10, 1), "0.75"), (dt.date(2025, 6, 1), "0.75")])
def test_yantai_two_disease_rate_by_day(day, rate):
    care = load_city("yantai", dirs=[str(POLICIES)]).care("resident", "two-disease")
    row = care.first("rate", Where("1", "adult", "hypertension", on=day))
    assert str(row["value"]) == rate


def test_undated_row_holds_every_day_and_no_day_picks_no_dated_row():
    assert matches({"value": 1}, Where())
    assert not matches({"value": 1, "from": dt.date(2024, 10, 1)}, Where())  # no day: not dated


@given(st.dates(), st.one_of(st.none(), st.dates()), st.one_of(st.none(), st.dates()))
def test_holds_is_the_closed_span(on, start, end):
    row = {k: v for k, v in (("from", start), ("until", end)) if v is not None}
    assert holds(row, on) == ((start is None or start <= on) and (end is None or on <= end))
    assert matches({**row, "value": 1}, Where(on=on)) == holds(row, on)


# ───────────────────────── the one rule for a day no file covers ─────────────────────────

def test_rule_after_the_newest_and_before_the_oldest(december_2026):
    sy = load_city("shenyang", dirs=[str(POLICIES)])
    assert years.span(sy) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert years.asked_year(sy, dt.date(2024, 5, 1)) is None
    assert years.asked_year(sy) == 2026  # undated: today
    assert years.year_notices(sy, [dt.date(2024, 5, 1)]) == []
    [m] = years.year_notices(sy, [None, dt.date(2026, 1, 2)])  # one notice per year
    assert m.key == "policy.year.newest" and m.args["asked"] == 2026
    [m] = years.year_notices(sy, [dt.date(2023, 1, 2)])
    assert m.key == "policy.year.oldest"


def test_label_words(december_2026):
    from yibao_tui.text import render

    sy = load_city("shenyang", dirs=[str(POLICIES)])
    [m] = years.year_notices(sy)
    assert render(m, "en") == "2026 — Shenyang's newest policy on file is 2024; its figures are used"
    assert render(m, "zh") == "2026年 — 沈阳现有最新的政策文件是2024年的；按其数字计算"
    assert "资料未给出" not in render(m, "zh")


def test_a_day_before_a_dated_value_with_no_earlier_row_is_refused(tmp_path, capsys):
    # Without 003's 50 % row, a 2024-09-30 visit has no rate: "from 2024-10-01" says it differed.
    text = (POLICIES / "yantai-2025.toml").read_text(encoding="utf-8")
    start = text.index("[[resident.care.outpatient.rate]]\nuntil = 2024-09-30")
    end = text.index("[[resident.care.outpatient.rate]]\nfrom = 2024-10-01")
    (tmp_path / "yantai-2025.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    args = [*YANTAI_OUT, "--policies", str(tmp_path)]
    assert main(["estimate", *args, "--date", "2024-09-30"]) == 2
    err = capsys.readouterr().err
    assert "resident.care.outpatient.rate" in err and "2024-10-01" in err
    assert main(["estimate", *args, "--date", "2024-10-01"]) == 0
