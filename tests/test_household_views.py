"""The household views: one Document per result, shown alike by the CLI and the TUI; names, city
names and source titles where a person reads; core pure."""

import ast
from decimal import Decimal
from pathlib import Path

from yibao_tui.core import household as H
from yibao_tui.storage import store
from yibao_tui.text import render
from yibao_tui.tui.widgets.document_text import document_text
from yibao_tui.views import household as V
from yibao_tui.views.household_enrolment import enrolment_document
from yibao_tui.views.text import text_lines
from yibao_tui.views.year import household_year_document, year_document

from . import sources
from .hh_helpers import HEAD, binding, household, member, policies


def _demo():
    ld = store.read(store.resolve("demo", None))
    pols = H.with_supplied(ld.household, policies())
    return ld, pols


def _same(doc):
    """The TUI's Rich text reads exactly as the CLI's plain lines."""
    rich = [ln.rstrip() for ln in document_text(doc, 100).plain.split("\n")[:-1]]
    assert rich == text_lines(doc, 100)


def test_cli_and_tui_show_the_same_lines():
    ld, pols = _demo()
    h = ld.household
    chk = H.check(h, pols)
    for lang in ("zh", "en"):
        _same(V.show_document(ld, pols, chk, lang))
        _same(V.binding_document(h, chk, pols, "me", "mum", chk.rules["me"], lang))
        _same(V.member_document(h, h.member("mum"), pols, chk, lang))
        _same(enrolment_document(H.enrolment_summary(h, pols), h.year, lang))
        hy = H.run_year(h, pols, chk)
        _same(year_document(h, hy, pols, lang))
        _same(household_year_document(h, hy, pols, lang))


def test_sources_by_title_members_and_cities_by_name():
    ld, pols = _demo()
    text = "\n".join(text_lines(V.show_document(ld, pols, H.check(ld.household, pols), "en")))
    assert "2025辽阳市医保政策全解读" in text and "000_c22fcc7e60de8440.txt" not in text
    assert "→ 妈妈" in text and "→ mum" not in text
    assert "Liaoyang checklist" in text and "辽阳's sources" not in text


def test_a_broken_binding_note_names_the_members():
    h = household(member("me", "self", "liaoyang", account_balance="1000").replace(
                      'name = "me"', 'name = "王伟"'),
                  member("gp", "grandparent", "liaoyang", "resident", "adult").replace(
                      'name = "gp"', 'name = "奶奶"'),
                  binding("me", "gp"))
    h.member("gp").visits.append(H.Visit(month=1, care="outpatient", grade="1",
                                         amount=H.money("200")))
    (row,) = H.run_year(h, policies()).rows
    note = render(row.notes[0], "zh")
    assert note.startswith("王伟 → 奶奶") and "me" not in note and "gp" not in note


def test_a_bad_supplied_entry_is_known_by_its_index():
    ok = '[[supplied]]\ncity = "liaoyang"\npath = "resident.care.inpatient.deductible"\n'
    text = (HEAD + member("me", "self", "liaoyang", "resident", "adult") + ok
            + 'grades = ["3"]\nvalue = 1\nper = "visit"\n')
    h = H.parse(text, "t.toml")
    problems = [p for _, p in H.enrolment_problems(h, policies())]
    ((_name, line, msg),) = problems
    assert line == text.splitlines().index("[[supplied]]") + 1
    assert msg.key == "file.supplied_bad" and render(msg, "en").startswith("supplied 1: ")


def test_household_core_imports_only_core_and_the_stdlib():
    root = Path(H.__file__).parent
    for f in root.glob("*.py"):
        for node in sources.nodes(f):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                mod = node.module
            elif isinstance(node, ast.Import):
                mod = node.names[0].name
            else:
                continue
            if mod.startswith("yibao_tui"):
                assert mod.startswith("yibao_tui.core"), (f.name, mod)
            else:
                assert mod.split(".")[0] in {"__future__", "copy", "dataclasses", "datetime",
                                             "decimal", "re", "tomllib", "bisect"}, (f.name, mod)


def test_household_names_a_care_kind_as_the_wizard_does():
    """Issue #23: the household said 普通门诊 / 两病门诊用药 (the catalogue) where the wizard says
    沈阳's own 门诊统筹 / “两病”门诊用药 (the policy's care label): one name per care kind per city."""
    from yibao_tui.core.household.model import Visit
    from yibao_tui.text import care_name, grade_name, render
    from yibao_tui.tui.session import visit_msg

    pols = policies()
    sy = pols.get("shenyang")
    assert care_name(sy, "resident", "outpatient", "zh") == "门诊统筹"
    assert care_name(sy, "resident", "two-disease", "zh") == "“两病”门诊用药"
    assert care_name(sy, "resident", "outpatient", "en") == "Outpatient pooling"
    assert care_name(None, "resident", "outpatient", "zh") == "普通门诊"  # no policy: the catalogue
    assert grade_name(sy, "3", "zh") == "三级"
    v = Visit(month=5, care="outpatient", grade="1", amount=Decimal(200))
    assert V.visit_text(v, "zh", sy, "resident").startswith("5月 门诊统筹 一级 200.00")
    assert render(visit_msg(v, sy, "resident"), "zh") == "5月 门诊统筹 一级 200.00"
    assert render(visit_msg(v), "en") == "month 5 outpatient grade 1 200.00"  # no policy: as before
