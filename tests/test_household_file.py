"""The household file: schema, round trip, problems reported with file and line."""

from decimal import Decimal

import pytest

from yibao_tui.core import household as H
from yibao_tui.storage import store
from yibao_tui.storage.household_file import dumps
from yibao_tui.text import render
from yibao_tui.views.household import format_problems

from .hh_helpers import HEAD, household, member

DEMO = store.demo_path().read_text("utf-8")


def test_demo_parses_and_round_trips():
    h = H.parse(DEMO, "demo")
    assert [m.id for m in h.members] == ["me", "spouse", "mum", "kid"]
    assert h.member("me").account_balance == Decimal("800.00")
    again = H.parse(dumps(h), "again")
    assert again == h
    assert isinstance(again.member("mum").visits[0].amount, Decimal)


def test_demo_child_is_a_minor():
    # 小明, born 2012, is 13 in 2025: a minor (未成年人), not a 在校学生 at university.
    kid = H.parse(DEMO, "demo").member("kid")
    assert (kid.birth_year, kid.age(2025), kid.category) == (2012, 13, "minor")


def test_a_second_spouse_is_a_file_error_at_its_line():
    # Relations are to the head, who has one spouse: 妈妈 written as 配偶 too is a slip.
    text = DEMO.replace('relation = "parent"', 'relation = "spouse"')
    with pytest.raises(H.HouseholdError) as e:
        H.parse(text, "x.toml")
    (_, line, msg), = e.value.problems
    assert line == DEMO.splitlines().index('relation = "parent"') + 1
    assert render(msg, "en") == ("李娜 is already the head's spouse (relation = \"spouse\"), so "
                                 "妈妈 cannot be too: the head has one spouse")
    h = H.parse(DEMO)
    assert "spouse" not in h.open_relations() and "self" not in h.open_relations()
    assert h.new_relation() == "child"  # the next member's box starts on one still free
    assert h.open_relations("spouse")[:2] == ["spouse", "parent"]  # she keeps her own


def test_round_trip_through_the_store(tmp_path):
    h = H.parse(DEMO, "demo")
    ld = store.save_new(h, tmp_path, "family")
    back = store.read(ld.path)
    assert back.household == h
    assert back.fingerprint == ld.fingerprint


def test_newer_schema_is_refused_with_line():
    text = DEMO.replace("schema = 1", "schema = 2")
    with pytest.raises(H.HouseholdError) as e:
        H.parse(text, "x.toml")
    (name, line, msg), = e.value.problems
    assert name == "x.toml" and line == DEMO.splitlines().index("schema = 1") + 1
    assert "newer" in render(msg, "en")


def test_bad_toml_gives_the_line():
    text = DEMO.replace('relation = "spouse"', 'relation = spouse')
    with pytest.raises(H.HouseholdError) as e:
        H.parse(text, "x.toml")
    (_, line, msg), = e.value.problems
    assert line == DEMO.splitlines().index('relation = "spouse"') + 1
    assert "not valid TOML" in render(msg, "en")


def test_bad_value_gives_member_and_line():
    text = DEMO.replace('category = "minor"', 'category = "retired"')
    with pytest.raises(H.HouseholdError) as e:
        H.parse(text, "x.toml")
    (_, line, msg), = e.value.problems
    assert line == DEMO.splitlines().index('category = "minor"') + 1
    assert "member 'kid'" in render(msg, "en") and "category 'retired'" in render(msg, "en")


def test_inline_visit_line_is_found():
    # tomli-w writes short visits inline; a bad one still points at its own line.
    text = dumps(H.parse(DEMO)).replace('grade = "3", amount = 1000.00', 'grade = "9", amount = 1000.00')
    with pytest.raises(H.HouseholdError) as e:
        H.parse(text, "x.toml")
    (_, line, msg), = e.value.problems
    assert 'grade = "9"' in text.splitlines()[line - 1]
    assert "visit 1" in render(msg, "en")


def test_exactly_one_head():
    with pytest.raises(H.HouseholdError) as e:
        household(member("a", "spouse", "liaoyang"))
    assert "exactly one member" in format_problems(e.value.problems)


def test_resident_has_no_account_balance():
    with pytest.raises(H.HouseholdError) as e:
        household(member("a", "self", "liaoyang", "resident", "adult", account_balance="100"))
    assert "only an employee-scheme member" in format_problems(e.value.problems)


def test_no_id_card_numbers_are_stored():
    with pytest.raises(H.HouseholdError) as e:
        household(member("a", "self", "liaoyang", note='"11010519491231002X"'))
    assert "ID-card" in format_problems(e.value.problems)


def test_bindings_must_name_members():
    with pytest.raises(H.HouseholdError) as e:
        household(member("a", "self", "liaoyang"),
                  '[[binding]]\nholder = "a"\nbeneficiaries = ["ghost"]\n')
    assert "'ghost' is not a member" in format_problems(e.value.problems)


def test_money_is_decimal_with_fen_at_most():
    with pytest.raises(H.HouseholdError) as e:
        H.parse(HEAD + member("a", "self", "liaoyang", account_balance="1.234"), "t")
    assert "more than two decimals" in format_problems(e.value.problems)
