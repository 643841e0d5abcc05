"""The [binding] and [employee.personal_account] policy sections are validated like figures."""

import pytest

from yibao_tui.core import policy as pol

from .conftest import POLICIES
from .msg_helpers import problem_lines

GOOD = (POLICIES / "tieling-2025.toml").read_text("utf-8")


def broken(tmp_path, text):
    f = tmp_path / "tieling-2025.toml"
    f.write_text(text, "utf-8")
    with pytest.raises(pol.PolicyError) as e:
        pol.load(str(f))
    return problem_lines(e.value)


def test_cities_with_and_without_binding_rules():
    have = {c: "binding" in pol.load_city(c, dirs=[str(POLICIES)]).data
            for c in ("liaoyang", "tieling", "liaoyuan", "yantai", "shenyang")}
    assert have == {"liaoyang": True, "tieling": True, "yantai": True, "liaoyuan": False,
                    "shenyang": False}


def test_every_rule_must_be_stated(tmp_path):
    text = GOOD.replace('[binding.max_beneficiaries]\nvalue = 10\n', '[binding.x]\nvalue = 10\n')
    msg = broken(tmp_path, text)
    assert "binding.max_beneficiaries: missing (write unknown = true" in msg
    assert "binding.x: unknown key" in msg


def test_rule_needs_its_quote(tmp_path):
    msg = broken(tmp_path, GOOD.replace('quote = "绑定的家庭成员必须参加基本医保"\n', ""))
    assert "binding.beneficiary_insured.quote: missing" in msg


def test_rule_values_are_checked(tmp_path):
    msg = broken(tmp_path, GOOD.replace('value = "province"', 'value = "country"')
                 .replace("value = 10\n", "value = 0\n"))
    assert "binding.region.value: must be one of city, province" in msg
    assert "binding.max_beneficiaries.value: must be a whole number ≥ 1" in msg


def test_relations_are_from_the_glossary(tmp_path):
    msg = broken(tmp_path, GOOD.replace('relations = ["spouse", "parent", "child"]',
                                        'relations = ["spouse", "cousin"]', 1))
    assert "'cousin' is not a relation" in msg


def test_unknown_credit_needs_a_note(tmp_path):
    note = ('note = { zh = "铁岭资料未给出个人账户每月划入金额。", en = "Tieling\'s source does not '
            'give how much is credited to the personal account each month." }\n')
    assert note in GOOD
    msg = broken(tmp_path, GOOD.replace(note, ""))
    assert "personal_account.monthly_credit[0].note" in msg
