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


# ───────────────── a day between two files: "no policy for that year", not "newest" ─────────────────

def between_dir(tmp_path):
    """沈阳 2024 (bundled) and a 2026 copy of it (a test fixture, never bundled): 2025 falls
    between the two."""
    d = tmp_path / "pol"
    d.mkdir(mode=0o700)
    text = (POLICIES / "shenyang-2024.toml").read_text(encoding="utf-8")
    (d / "shenyang-2024.toml").write_text(text, encoding="utf-8")
    text = text.replace("\nyear = 2024\n", "\nyear = 2026\n", 1).replace(
        "effective = { from = 2024-01-01, to = 2024-12-31 }",
        "effective = { from = 2026-01-01, to = 2026-12-31 }", 1)
    (d / "shenyang-2026.toml").write_text(text, encoding="utf-8")
    return d


EST = ["estimate", "--city", "shenyang", "--scheme", "resident", "--category", "adult",
       "--care", "inpatient", "--grade", "3", "--amount", "10000"]


def test_a_year_between_two_files_is_said_so(tmp_path, capsys):
    d = between_dir(tmp_path)
    assert main([*EST, "--policies", str(d), "--date", "2025-06-01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["notices"] == ["2025 — no Shenyang policy for 2025 is on file; 2024's figures "
                              "are used"]
    assert out["policy"]["year"] == 2024 and out["policy"]["asked_year"] == 2025
    # The same 2024 figures: (10000 − 600) × 75 % = 7,050.00.
    assert out["fund"] == "7050.00"
    assert main([*EST, "--policies", str(d), "--date", "2025-06-01"]) == 0
    assert "! 2025年 — 没有沈阳2025年的政策文件；按2024年的数字计算" in capsys.readouterr().out
    # After the newest (2026) file: still "newest"; in 2026 nothing is said.
    assert main([*EST, "--policies", str(d), "--date", "2027-02-01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["notices"] == ["2027 — Shenyang's newest policy on file is 2026; its figures are used"]
    assert main([*EST, "--policies", str(d), "--date", "2026-02-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notices"] == []


def test_rule_between_in_core(tmp_path):
    import datetime as dt

    from yibao_tui.core.policy import load_city, years

    d = between_dir(tmp_path)
    p = load_city("shenyang", 2025, dirs=[str(d)])
    assert (p.year, p.later) == (2024, 2026)
    [m] = years.year_notices(p, [dt.date(2025, 3, 1)])
    assert m.key == "policy.year.between" and m.args["asked"] == 2025
    assert p.with_rows({}).later == 2026  # a filled copy keeps it
    bundled = load_city("shenyang", 2025, dirs=[str(POLICIES)])
    assert bundled.later is None
    assert years.year_notices(bundled, [dt.date(2025, 3, 1)])[0].key == "policy.year.newest"
