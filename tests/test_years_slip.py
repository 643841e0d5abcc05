"""The slip check says the policy's year like every other view (issue 18): its text, Markdown
and JSON carry the one rule's label (views.document.with_policy_notices) and the JSON its
``policy`` object. Today is 2026-12-07 in the tests (conftest); 沈阳's newest file is 2024."""

from __future__ import annotations

import hashlib
import json

from yibao_tui.cli import main

from .conftest import POLICIES

LABEL_EN = "2026 — Shenyang's newest policy on file is 2024; its figures are used"
LABEL_ZH = "2026年 — 沈阳现有最新的政策文件是2024年的；按其数字计算"
# 沈阳 resident adult, grade-3 inpatient 10,000: deductible 600, 75 % → fund (10000 − 600) × 0.75
# = 7,050.00 (shenyang-2024.toml, "三级 300 600 75% 75%"); the slip says so.
SLIP = ["slip", "--city", "shenyang", "--scheme", "resident", "--category", "adult",
        "--care", "inpatient", "--grade", "3", "--amount", "10000", "--slip-fund", "7050"]


def test_slip_text_says_the_year_first(capsys):
    assert main(SLIP) == 0  # matches
    out = capsys.readouterr().out.splitlines()
    assert out[1] == f"! {LABEL_ZH}"  # said first, under the title, as the estimate does
    assert main([*SLIP, "--lang", "en"]) == 0
    assert f"! {LABEL_EN}" in capsys.readouterr().out.splitlines()


def test_slip_json_names_its_policy(capsys):
    assert main([*SLIP, "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    sha = hashlib.sha256((POLICIES / "shenyang-2024.toml").read_bytes()).hexdigest()
    assert d["policy"] == {"city": "shenyang", "year": 2024, "file": "shenyang-2024.toml",
                           "sha256": sha, "draft": False, "asked_year": 2026}
    assert d["notices"] == [LABEL_EN] and d["verdict"] == "matches"
    assert d["estimate"]["policy"] == d["policy"]
    # A day the file covers: no asked_year, nothing said.
    assert main([*SLIP, "--json", "--date", "2024-06-01"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert "asked_year" not in d["policy"] and d["notices"] == []


def test_slip_markdown_says_the_year():
    from yibao_tui.core.engine import Claim, Person
    from yibao_tui.core.policy import load_city
    from yibao_tui.core.slip import check_slip, parse_slip
    from yibao_tui.views.markdown import markdown
    from yibao_tui.views.slip import slip_document

    p = load_city("shenyang", dirs=[str(POLICIES)])
    person = Person("resident", "adult")
    chk = check_slip(p, person, Claim("inpatient", 10000, grade="3"), parse_slip({"fund": "7050"}))
    assert chk.verdict == "matches"
    doc = slip_document(p, person, chk, "zh")
    assert doc.notices == [LABEL_ZH]
    assert f"> ! {LABEL_ZH}" in markdown(doc)
