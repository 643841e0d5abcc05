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


# ───────────────────────────── the label on every view ─────────────────────────────

LABEL_EN = "2026 — Shenyang's newest policy on file is 2024; its figures are used"
LABEL_ZH = "2026年 — 沈阳现有最新的政策文件是2024年的；按其数字计算"
SHENYANG = ["--city", "shenyang", "--scheme", "resident", "--category", "adult",
            "--care", "inpatient", "--grade", "3", "--amount", "10000"]


def shenyang_doc(lang, date=None):
    from yibao_tui.core.engine import Claim, Person, estimate
    from yibao_tui.views.estimate import visit_document

    p = load_city("shenyang", dirs=[str(POLICIES)])
    person = Person("resident", "adult")
    res = estimate(p, person, Claim("inpatient", 10000, grade="3", date=date))
    return p, visit_document(p, person, res, lang)


@pytest.mark.parametrize(("lang", "label"), [("en", LABEL_EN), ("zh", LABEL_ZH)])
def test_label_in_text_markdown_and_json(lang, label):
    from yibao_tui.views.estimate_json import estimate_json
    from yibao_tui.views.markdown import markdown
    from yibao_tui.views.text import text_lines

    _p, doc = shenyang_doc(lang)  # undated: today, 2026-12-07 (conftest)
    assert f"! {label}" in text_lines(doc, 200)
    assert f"> ! {label}" in markdown(doc)
    assert label in estimate_json(doc)["notices"]
    _p, dated = shenyang_doc(lang, dt.date(2024, 6, 1))  # a day the file covers: nothing said
    assert dated.notices == []


def test_cli_text_and_json_say_the_year(capsys):
    assert main(["estimate", *SHENYANG]) == 0
    assert f"! {LABEL_ZH}" in capsys.readouterr().out  # --lang zh is the default
    d = run_json(capsys, *SHENYANG)
    assert d["notices"] == [LABEL_EN]
    assert "资料未给出" not in json.dumps(d["notices"], ensure_ascii=False)


def test_policy_in_json_names_the_file_and_its_hash(capsys):
    import hashlib

    raw = (POLICIES / "shenyang-2024.toml").read_bytes()
    d = run_json(capsys, *SHENYANG)
    assert d["policy"] == {"city": "shenyang", "year": 2024, "file": "shenyang-2024.toml",
                           "sha256": hashlib.sha256(raw).hexdigest(), "draft": False,
                           "asked_year": 2026}
    assert d["format"] == 1 and isinstance(d["version"], str)
    assert list(d)[-2:] == ["format", "version"]  # the keys before them as they were
    covered = run_json(capsys, *SHENYANG, "--date", "2024-06-01")
    assert "asked_year" not in covered["policy"] and covered["notices"] == []


@pytest.mark.parametrize("city", ["liaoyang", "shenyang"])
def test_each_claim_of_a_year_names_its_policy(tmp_path, capsys, city):
    # 辽阳 outpatient streams (no figure can be missing); 沈阳's stay needs ranges (not streamed).
    care = "outpatient" if city == "liaoyang" else "inpatient"
    claim = f'[[claim]]\ncare = "{care}"\ngrade = "3"\namount = 1000\n'
    (tmp_path / "c.toml").write_text(
        f'city = "{city}"\nscheme = "resident"\ncategory = "adult"\n'
        f'{claim}date = 2026-03-01\n{claim}date = 2026-04-01\n', encoding="utf-8")
    d = run_json(capsys, "--claims", str(tmp_path / "c.toml"))
    year = {"liaoyang": 2025, "shenyang": 2024}[city]
    for c in d["claims"]:
        assert c["policy"]["year"] == year and c["policy"]["asked_year"] == 2026
    assert len(d["notices"]) == 1 and d["notices"][0].startswith("2026 — ")  # said once
    assert d["format"] == 1


def test_a_draft_says_so_on_every_view(tmp_path, capsys):
    text = (POLICIES / "shenyang-2024.toml").read_text(encoding="utf-8")
    (tmp_path / "shenyang-2024.toml").write_text(text.replace("checked =", "draft = true\nchecked =", 1),
                                                 encoding="utf-8")
    args = [*SHENYANG, "--date", "2024-06-01", "--policies", str(tmp_path)]
    d = run_json(capsys, *args)
    assert d["policy"]["draft"] is True
    assert d["notices"] == ["draft — Shenyang's 2024 policy file is a draft: its figures are not yet "
                            "checked against a source"]
    assert main(["estimate", *args]) == 0
    assert "! 草稿 — 沈阳2024年的政策文件是草稿" in capsys.readouterr().out


def test_compare_and_household_year_say_the_year():
    from yibao_tui.core.engine import Claim, Person, estimate
    from yibao_tui.views.compare import comparison_document

    p = load_city("shenyang", dirs=[str(POLICIES)])
    person = Person("resident", "adult")
    res = estimate(p, person, Claim("inpatient", 10000, grade="3"))
    doc = comparison_document([("沈阳 三级", p, "3", res, None), ("沈阳 二级", p, "2", res, None)],
                              person, "en")
    assert doc.notices == [LABEL_EN]  # once, not once per option
    assert doc.meta["visits"][1].notices == [LABEL_EN]


def test_household_year_says_the_year(capsys, tmp_path):
    import shutil

    from .conftest import ROOT

    demo = ROOT / "yibao_tui" / "data" / "demo-household.toml"
    text = demo.read_text(encoding="utf-8").replace("\nyear = 2025\n", "\nyear = 2026\n", 1)
    (tmp_path / "h.toml").write_text(text, encoding="utf-8")
    assert main(["household", "year", str(tmp_path / "h.toml"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    # The family's 2026 on 辽阳's 2025 file: said once, first.
    assert out.count("2026 — Liaoyang's newest policy on file is 2025; its figures are used") == 1
    shutil.copy(demo, tmp_path / "h.toml")  # 2025: the file covers it, nothing said
    assert main(["household", "year", str(tmp_path / "h.toml"), "--lang", "en"]) == 0
    assert "policy on file" not in capsys.readouterr().out


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_the_day_standing_for_a_visit_picks_what_the_visit_s_day_picks(on):
    # years.epoch: every day between two edges of the dated values picks the same rows.
    p = load_city("yantai", dirs=[str(POLICIES)])
    stand = years.epoch(p, on)
    for kind, disease in (("outpatient", None), ("two-disease", "diabetes")):
        care = p.care("resident", kind)
        assert (care.first("rate", Where("1", "adult", disease, on=on))
                is care.first("rate", Where("1", "adult", disease, on=stand)))
