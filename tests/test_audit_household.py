"""Issue #21 items 6–8: 铁岭's binding limit names the binding past it and keeps the first 10;
a 烟台 employee holder gets one answer in the binding check, the premium section and ``check``;
rule names say what the rule asks."""

import json
from decimal import Decimal

from yibao_tui.cli import main
from yibao_tui.core import household as H
from yibao_tui.text import t

from .hh_helpers import binding, household, member, policies


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_tieling_eleven_bound_the_first_ten_are_drawn_on():
    # 001: "职工医保个人账户可绑定10名近亲属". The holder has 5,000 in the account; each of 11
    # children has an employee outpatient visit at grade 3 of 100: under the 300 deductible, so
    # all 100 is self-pay (fund 0), paid from the holder's account for the first 10 (10 × 100 =
    # 1,000 drawn); the 11th is past the limit: paid in cash, nothing drawn.
    kids = [f"c{i}" for i in range(11)]
    visit = '\n[[member.visit]]\nmonth = 3\ncare = "outpatient"\ngrade = "3"\namount = 100\n'
    h = household(member("me", "self", "tieling", account_balance=5000),
                  *[member(k, "child", "tieling", account_balance=0) + visit for k in kids],
                  binding("me", *kids))
    hy = H.run_year(h, policies())
    drawn = {r.member: r.account for r in hy.rows}
    assert [drawn[k] for k in kids[:10]] == [Decimal(100)] * 10
    assert drawn["c10"] == 0
    (broken,) = hy.check.broken
    assert (broken.rule, broken.beneficiary) == ("max_beneficiaries", "c10")


YANTAI = """schema = 1
name = "t"
year = 2025
[[member]]
id = "me"
name = "me"
relation = "self"
city = "yantai"
scheme = "employee"
category = "active"
[[member]]
id = "gp"
name = "gp"
relation = "parent"
city = "yantai"
scheme = "resident"
category = "adult"
[[binding]]
holder = "me"
beneficiaries = ["gp"]
"""


def test_yantai_employee_holder_one_answer_in_three_places(capsys, tmp_path):
    # 003 describes the employee family account ("“职工医保家庭共济”是指职工医保个人账户内的资金
    # 可以由家庭成员共济使用") but no employee premium: the holder rule holds, the premium is
    # unknown (not an error), and the check finds no problem — all three agree.
    f = tmp_path / "t.toml"
    f.write_text(YANTAI, "utf-8")
    rc, out, _ = run(capsys, "household", "show", str(f), "--lang", "en")
    assert "✓ holder must be in the employee scheme: me is in the employee scheme" in out
    assert "no employee scheme" not in out and "✗" not in out
    assert "Yantai's policy file does not describe the employee scheme" in out
    rc, out, _ = run(capsys, "household", "show", str(f), "--json")
    d = json.loads(out)
    assert d["problems"] == [] and d["premiums"] == {"total": None, "open": ["me", "gp"]}
    me = d["members"][0]["enrolment"]
    assert me["premium"]["amount"] is None and me["premium"]["missing"] == ["employee.premium"]
    rc, out, _ = run(capsys, "household", "check", str(f), "--lang", "en")
    assert rc == 0 and "0 problem(s), 0 broken rule(s)" in out


def test_rule_names_say_what_the_rule_asks():
    # 须为 "must be": the name heads a ✗ line as well as a ✓ line
    h = household(member("me", "self", "liaoyang", "resident", "adult"),
                  member("mum", "parent", "liaoyang", "resident", "adult", insured="false"),
                  binding("me", "mum"))
    chk = H.check(h, policies())
    names = {r.rule: t(f"rule_name.{r.rule}", "en") for r in chk.broken}
    assert names["holder_scheme"] == "holder must be in the employee scheme"
    for key, zh, en in (("holder_scheme", "账户持有人须为职工医保", "holder must be in the employee scheme"),
                        ("beneficiary_insured", "被绑定人须参保", "relative must be insured"),
                        ("relations", "可绑定的亲属关系", "relations that may be bound")):
        assert (t(f"rule_name.{key}", "zh"), t(f"rule_name.{key}", "en")) == (zh, en)
