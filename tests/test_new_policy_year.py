"""docs/new-policy-year.md, walked end to end: "your city published next year's notice".

The notice is made up (tests/fixtures/new-policy-year/liaoyuan-2024.txt, marked as a test
fixture in its first lines, never bundled): 辽源 "2024" with the grade-3 inpatient deductible
1,000 → 900 and the adult premium 360 → 380, everything else as in the bundled 2023 file.
new → edit the figures and quotes → check --strict --sources → diff against last year →
estimate with it.
"""

from __future__ import annotations

import json
import re
import stat

from yibao_tui.cli import main

from .conftest import POLICIES, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "new-policy-year"
NOTICE = FIXTURE / "liaoyuan-2024.txt"
DOC = ROOT / "docs" / "new-policy-year.md"

# What the person changes, reading the 2024 notice beside the draft: each figure the notice
# changed, with its quote; the enrolment dates that moved a year; the source's title.
EDITS = [
    ('value = 1000\nsource = "liaoyuan-2024.txt"\nquote = "三级 1000元"',
     'value = 900\nsource = "liaoyuan-2024.txt"\nquote = "三级 900元"'),
    ('quote = "三级 1000元 1元-30000元', 'quote = "三级 900元 1元-30000元'),
    ("value = 360\n", "value = 380\n"),
    ("缴费标准为360元", "缴费标准为380元"),
    ("(2004年12月31日24时后出生)", "(2005年12月31日24时后出生)"),
    ("from = 2022-10-01\nto = 2022-12-31", "from = 2023-10-01\nto = 2023-12-31"),
    ("2023年度集中参保缴费时间为2022年10月1日", "2024年度集中参保缴费时间为2023年10月1日"),
    ("待遇享受期为2023年1月1日", "待遇享受期为2024年1月1日"),
    ('title = "liaoyuan-2024.txt"', 'title = "2024年辽源市城乡居民医疗保险政策（虚构，测试用）"'),
]

STAY = ["estimate", "--city", "liaoyuan", "--scheme", "resident", "--category", "adult",
        "--care", "inpatient", "--grade", "3", "--amount", "10000", "--date", "2024-05-01",
        "--json"]


def test_the_notice_is_a_marked_fixture_never_bundled():
    head = NOTICE.read_text("utf-8")[:300]
    assert "TEST FIXTURE" in head and "测试用虚构通知" in head and "not a real policy" in head
    assert not list(POLICIES.glob("liaoyuan-2024*"))
    assert "tests/fixtures" not in (ROOT / "pyproject.toml").read_text("utf-8")


def test_new_edit_check_diff_estimate(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    mine = tmp_path / "data" / "yibao-tui" / "policies"

    # Before: no 2024 file; the 2023 figures are used — (10,000 − 1,000) × 55 % = 4,950.00.
    assert main(STAY) == 0
    assert json.loads(capsys.readouterr().out)["fund"] == "4950.00"

    # 1. policies path: the directory, made 0700
    assert main(["policies", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(mine)
    assert stat.S_IMODE(mine.stat().st_mode) == 0o700

    # 2. policies new: a draft from the newest file, every figure marked unchecked
    assert main(["policies", "new", "liaoyuan", "2024", "--lang", "en"]) == 0
    assert "wrote the draft" in capsys.readouterr().out
    draft = mine / "liaoyuan-2024.toml"
    text = draft.read_text("utf-8")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert "\ndraft = true\n" in text and "\nyear = 2024\n" in text
    marks = text.count("\nunchecked = 2024\n")
    assert marks == text.count("\nquote = ") + 1  # every cited row, and the new source

    # 3. check --strict: the draft is refused until every figure is checked
    assert main(["policies", "check", "--strict", "--sources", str(FIXTURE), "--lang", "en",
                 str(draft)]) == 1
    err = capsys.readouterr().out
    assert err.count("not yet checked against a 2024 source") == marks - 1
    assert "the new source is not described yet" in err
    # the quotes the notice changed are not in it: found by the check, not by reading twice
    assert 'resident.care.inpatient.deductible[2].quote (grades=3): the quote is not in its source ' \
           'liaoyuan-2024.txt: “三级 1000元”' in err

    # 4. edit: the changed figures and quotes, the dates, the title; each mark removed when done
    for old, new in EDITS:
        assert old in text, old
        text = text.replace(old, new)
    text = re.sub(r"\n *unchecked = 2024\n", "\n", text)
    draft.write_text(text, "utf-8")
    assert main(["policies", "check", "--strict", "--sources", str(FIXTURE), "--lang", "en",
                 str(draft)]) == 0
    assert "ok (strict)" in capsys.readouterr().out
    # the notice saved where the draft says (sources/ beside it): --sources is not needed
    (mine / "sources" / "liaoyuan-2024.txt").write_bytes(NOTICE.read_bytes())
    assert main(["policies", "check", "--strict", str(draft)]) == 0
    capsys.readouterr()

    # 5. diff against last year: the two figures the notice changed, nothing else
    assert main(["policies", "diff", "liaoyuan-2023", "liaoyuan-2024", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d == {"changes": [
        {"path": "resident.care.inpatient.deductible", "where": {"grades": ["3"]},
         "from": "1000", "to": "900"},
        {"path": "resident.premium", "where": {"categories": ["adult"]}, "from": "360", "to": "380"},
        {"path": "resident.enrolment.collection_window.from", "where": {},
         "from": "2022-10-01", "to": "2023-10-01"},
        {"path": "resident.enrolment.collection_window.to", "where": {},
         "from": "2022-12-31", "to": "2023-12-31"},
    ], "added": [], "removed": []}

    # 6. use it: the 2024 visit is paid by the new file — (10,000 − 900) × 55 % = 5,005.00
    assert main(STAY) == 0
    assert json.loads(capsys.readouterr().out)["fund"] == "5005.00"


def test_the_guide_says_the_same_steps():
    doc = DOC.read_text("utf-8")
    for step in ("yibao policies path", "yibao policies new", "unchecked", "--strict --sources",
                 "yibao policies diff", "draft = true", "not_in_quote"):
        assert step in doc, step
