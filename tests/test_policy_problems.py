"""The policy checker's problems are data — (file, line, Msg) with the key path — worded by the
text layer in the reader's language; the engine's fallback notes are worded there too."""

from __future__ import annotations

import ast
import re
from decimal import Decimal

import pytest

from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Claim, Person, estimate
from yibao_tui.core.msg import problem_msg
from yibao_tui.core.policy.cache import PolicyCache
from yibao_tui.text import render
from yibao_tui.text.catalog import CATALOG

from . import sources
from .conftest import POLICIES, ROOT

GOOD = (POLICIES / "liaoyang-2025.toml").read_text("utf-8")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _broken(tmp_path, text, name="liaoyang-2025.toml"):
    (tmp_path / name).write_text(text, "utf-8")
    with pytest.raises(pol.PolicyError) as e:
        pol.load(str(tmp_path / name))
    return e.value


def test_every_check_key_the_checker_uses_is_in_the_catalogue():
    used = set()
    for p in sources.files(ROOT / "yibao_tui" / "core" / "policy"):
        for n in sources.nodes(p):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) \
                    and re.fullmatch(r"check\.[a-z_]+", n.value):
                used.add(n.value)
    # the keys made from a name: what a selector or an unknown row names, a unit
    used |= {f"check.what.{w}" for w in ("grades", "categories", "diseases", "flags", "situations",
                                         "figure", "rule")}
    used |= {f"check.unit.{u}" for u in ("days", "months", "years")}
    assert len(used) > 80
    assert sorted(k for k in used if k not in CATALOG) == []


def test_a_problem_has_its_file_line_key_path_and_values(tmp_path):
    text = GOOD.replace("value = 0.70", "value = 70", 1)
    e = _broken(tmp_path, text)
    (p,) = e.problems
    name, line, msg = p
    # the line of "value = 70", counted as a reader counts (the first line is 1)
    assert (name, line) == ("liaoyang-2025.toml", text[:text.index("value = 70")].count("\n") + 1)
    assert msg.key == "check.at" and msg.args["at"] == "employee.care.outpatient.rate[0].value"
    assert msg.args["what"].key == "check.rate_range" and msg.args["what"].args == {"v": 70}
    assert render(e.msg, "en") == (f"liaoyang-2025.toml:{line}: employee.care.outpatient.rate[0]"
                                   ".value: rate 70 is outside 0–1")
    assert render(e.msg, "zh") == (f"liaoyang-2025.toml:{line}: employee.care.outpatient.rate[0]"
                                   ".value：比例 70 不在 0–1 之间")
    assert render(problem_msg(p, with_file=False), "zh").startswith(f"第{line}行：")
    assert render(problem_msg(p, with_file=False), "en").startswith(f"line {line}: ")


def test_problems_come_in_the_files_order_and_every_one_reads_in_chinese(tmp_path):
    text = (GOOD.replace("schema = 1", "schema = 2", 1)
            .replace('quote = "年度起付线500元"\n', "", 1)
            .replace("value = 0.70", "value = -1", 1)
            .replace('grades = ["primary", "1", "2", "3"]\n',
                     'grades = ["primary", "1", "2", "3"]\ncolour = "red"\n', 1))
    e = _broken(tmp_path, text)
    lines = [line for _, line, _ in e.problems]
    assert len(lines) == 4 and None not in lines and lines == sorted(lines)
    for p in e.problems:
        zh, en = render(problem_msg(p), "zh"), render(problem_msg(p), "en")
        assert HAN.search(zh) and not HAN.search(en), (zh, en)


def test_a_value_from_the_file_is_shown_short(tmp_path):
    long = "x" * 300 + ".txt"
    e = _broken(tmp_path, GOOD.replace('source = "000_c22fcc7e60de8440.txt"\nquote = "年度起付线500元"',
                                       f'source = "{long}"\nquote = "年度起付线500元"', 1))
    shown = render(e.msg, "en")
    assert "is not listed in [sources]" in shown and "x" * 61 not in shown and "…" in shown


def test_a_file_that_cannot_be_read_or_is_not_toml(tmp_path):
    (tmp_path / "liaoyang-2025.toml").mkdir()
    with pytest.raises(pol.PolicyError) as e:
        pol.load(str(tmp_path / "liaoyang-2025.toml"))
    assert render(e.value.msg, "en").startswith("liaoyang-2025.toml: cannot read: ")
    assert render(e.value.msg, "zh").startswith("liaoyang-2025.toml: 无法读取：")
    e = _broken(tmp_path, "city = \n", "tieling-2025.toml")
    assert render(e.msg, "zh").startswith("tieling-2025.toml:1: 不是有效的TOML格式")


def test_the_policy_cache_words_a_broken_file_in_the_apps_language(tmp_path):
    (tmp_path / "liaoyang-2025.toml").write_text(GOOD.replace("value = 0.70", "value = 70", 1),
                                                 "utf-8")
    cache = PolicyCache([str(tmp_path)])
    assert cache.get("liaoyang") is None
    why = cache.errors["liaoyang"]
    assert render(why, "zh").startswith("政策文件无法使用：liaoyang-2025.toml:")
    assert "比例 70 不在 0–1 之间" in render(why, "zh")
    assert "rate 70 is outside 0–1" in render(why, "en")
    ((name, problems),) = cache.failed()
    assert name == "liaoyang-2025.toml" and problems[0][2].key == "check.at"


def test_a_fallback_note_reads_in_the_screens_language():
    # 烟台's resident scheme lists no cross-region rows: the step says so in Chinese on a
    # Chinese screen (it said "说明：No source gives the rate for this status.").
    p = pol.load_city("yantai", dirs=[str(POLICIES)])
    res = estimate(p, Person("resident", "adult"),
                   Claim("inpatient", Decimal(10000), grade="3", cross_region=("registered",)))
    (step,) = [s for s in res.steps if s.key == "cross_region"]
    assert render(step.note, "en") == "No source gives the rate for this status."
    assert render(step.note, "zh") == "资料未给出这种异地就医情形的报销比例。"


def test_a_key_with_a_dot_in_it_is_found_on_its_line(tmp_path):
    head = '[sources."000_c22fcc7e60de8440.txt"]\n'
    start = GOOD.index(head) + len(head)
    end = GOOD.index("\n\n", start)
    text = GOOD[:start] + 'publisher = "x"' + GOOD[end:]
    e = _broken(tmp_path, text)
    (_, line, msg), = e.problems
    assert msg.args["at"] == "sources.000_c22fcc7e60de8440.txt.title"
    assert line == text[:text.index(head)].count("\n") + 1  # the table's header: it has no title
