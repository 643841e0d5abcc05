"""Every binding rule both ways, read from the policy files (not code)."""

import pytest

from yibao_tui.core import household as H
from yibao_tui.text import render

from .hh_helpers import binding, household, member, policies


def rules(h):
    chk = H.check(h, policies())
    return chk, {(r.rule, r.beneficiary): r for rs in chk.rules.values() for r in rs}


def one(h, rule, ben):
    return rules(h)[1][(rule, ben)]


# ── holder must be in the employee scheme ──

def test_employee_holder_ok():
    h = household(member("me", "self", "liaoyang"), member("mum", "parent", "liaoyang"),
                  binding("me", "mum"))
    r = one(h, "holder_scheme", None)
    assert r.status == "ok" and r.quote == "居民医保没有个人账户"


def test_resident_holder_broken_with_quote():
    h = household(member("me", "self", "liaoyang", "resident", "adult"),
                  member("mum", "parent", "liaoyang"), binding("me", "mum"))
    r = one(h, "holder_scheme", None)
    assert r.status == "broken" and "no personal account" in render(r.msg, "en")
    assert r.source == "000_c22fcc7e60de8440.txt" and r.quote


# ── relation ──

@pytest.mark.parametrize(("city", "rel", "status"), [
    ("liaoyang", "spouse", "ok"), ("liaoyang", "parent", "ok"), ("liaoyang", "child", "ok"),
    ("liaoyang", "grandparent", "broken"), ("liaoyang", "sibling", "broken"),
    ("tieling", "parent", "ok"), ("tieling", "grandchild", "broken"),
    ("yantai", "grandparent", "ok"), ("yantai", "grandchild", "ok"),
    # 003 is cut off before the base list, and its list ends with 等: not assumed either way.
    ("yantai", "spouse", "unknown"), ("yantai", "sibling", "unknown"),
])
def test_relation_rule(city, rel, status):
    h = household(member("me", "self", city), member("r", rel, city), binding("me", "r"))
    r = one(h, "relations", "r")
    assert r.status == status, render(r.msg, "en")
    if status != "unknown" or city != "yantai" or rel != "spouse":
        assert r.quote, "a rule that decides names its source quote"


def test_liaoyang_grandparent_error_names_the_rule_and_quote():
    h = household(member("me", "self", "liaoyang"), member("gp", "grandparent", "liaoyang"),
                  binding("me", "gp"))
    r = one(h, "relations", "gp")
    assert "allows only spouse, parent, child" in render(r.msg, "en")
    assert r.quote == "可用于支付参保人本人及配偶、父母、子女的医药费用"


def test_relation_is_derived_between_two_non_heads():
    # The head's child holds the account; the head's parent is the child's grandparent.
    h = household(member("me", "self", "yantai", "resident", "adult"),
                  member("kid", "child", "yantai"), member("gp", "parent", "yantai", "resident", "adult"),
                  binding("kid", "gp"))
    r = one(h, "relations", "gp")
    assert r.status == "ok" and "grandparent" in render(r.msg, "en")


def test_ambiguous_relation_must_be_set():
    h = household(member("me", "self", "liaoyang"), member("gp", "grandparent", "liaoyang"),
                  member("p", "parent", "liaoyang"), binding("gp", "p"))
    assert one(h, "relations", "p").status == "broken"
    h = household(member("me", "self", "liaoyang"), member("gp", "grandparent", "liaoyang"),
                  member("p", "parent", "liaoyang"), binding("gp", "p", relations={"p": "child"}))
    assert one(h, "relations", "p").status == "ok"


# ── how many ──

def test_tieling_up_to_ten():
    bens = [f"c{i}" for i in range(10)]
    parts = [member("me", "self", "tieling")] + [member(b, "child", "tieling") for b in bens]
    r = one(household(*parts, binding("me", *bens)), "max_beneficiaries", None)
    assert r.status == "ok" and r.quote == "职工医保个人账户可绑定10名近亲属"
    # 001: "可绑定10名近亲属": the 11th is the broken binding, named; the first 10 stay usable
    # (issue #21 item 6: with 11 bound nobody was drawn on)
    parts.append(member("c10", "child", "tieling"))
    chk, found = rules(household(*parts, binding("me", *bens, "c10")))
    assert ("max_beneficiaries", None) not in found
    r = found[("max_beneficiaries", "c10")]
    assert r.status == "broken" and r.quote == "职工医保个人账户可绑定10名近亲属"
    assert render(r.msg, "en") == ("c10 is the relative no. 11 bound to me; Tieling allows at most "
                                   "10: the first 10 may still be drawn on")
    assert [b for b in [*bens, "c10"] if H.usable_binding(chk, "me", b)] == bens


def test_tieling_limit_counts_bindings_in_file_order():
    # two bindings of one holder: 8 then 4 → relatives no. 11 and 12 (d2, d3) are past the limit
    first = [f"c{i}" for i in range(8)]
    second = [f"d{i}" for i in range(4)]
    parts = [member("me", "self", "tieling")] + [member(b, "child", "tieling")
                                                 for b in first + second]
    chk, found = rules(household(*parts, binding("me", *first), binding("me", *second)))
    over = sorted(b for (rule, b), r in found.items()
                  if rule == "max_beneficiaries" and r.status == "broken")
    assert over == ["d2", "d3"]
    assert [b for b in first + second if H.usable_binding(chk, "me", b)] == [*first, "d0", "d1"]


def test_liaoyang_limit_unknown():
    h = household(member("me", "self", "liaoyang"), member("mum", "parent", "liaoyang"),
                  binding("me", "mum"))
    assert one(h, "max_beneficiaries", None).status == "unknown"


# ── where the relative is insured ──

def test_tieling_parent_in_shenyang_ok():
    h = household(member("me", "self", "tieling"),
                  member("mum", "parent", "shenyang", "resident", "adult"), binding("me", "mum"))
    r = one(h, "region", "mum")
    assert r.status == "ok" and r.quote == "推进个人账户省内跨统筹区家庭共济使用"


def test_tieling_parent_in_liaoyuan_jilin_broken():
    h = household(member("me", "self", "tieling"),
                  member("mum", "parent", "liaoyuan", "resident", "adult"), binding("me", "mum"))
    r = one(h, "region", "mum")
    assert r.status == "broken" and "Jilin" in render(r.msg, "en") and "Liaoning" in render(r.msg, "en")
    assert "吉林" in render(r.msg, "zh") and "辽宁" in render(r.msg, "zh")


def test_yantai_holder_with_parent_in_liaoning_broken():
    h = household(member("me", "self", "yantai"),
                  member("mum", "parent", "shenyang", "resident", "adult"), binding("me", "mum"))
    r = one(h, "region", "mum")
    assert r.status == "broken" and r.quote == "共济地域由市内扩大到省内跨统筹地区"


def test_liaoyang_other_city_unknown():
    h = household(member("me", "self", "liaoyang"),
                  member("mum", "parent", "shenyang", "resident", "adult"), binding("me", "mum"))
    assert one(h, "region", "mum").status == "unknown"


# ── the relative must be insured ──

def test_tieling_uninsured_relative_broken():
    h = household(member("me", "self", "tieling"),
                  member("mum", "parent", "tieling", None, insured="false"), binding("me", "mum"))
    r = one(h, "beneficiary_insured", "mum")
    assert r.status == "broken" and r.quote == "绑定的家庭成员必须参加基本医保"
    h = household(member("me", "self", "tieling"), member("mum", "parent", "tieling"),
                  binding("me", "mum"))
    assert one(h, "beneficiary_insured", "mum").status == "ok"


def test_liaoyang_uninsured_relative_unknown():
    h = household(member("me", "self", "liaoyang"),
                  member("mum", "parent", "liaoyang", None, insured="false"), binding("me", "mum"))
    assert one(h, "beneficiary_insured", "mum").status == "unknown"


# ── cities whose sources say nothing ──

@pytest.mark.parametrize("city", ["shenyang", "liaoyuan"])
def test_city_without_binding_rules_is_unknown_not_assumed(city):
    h = household(member("me", "self", city), member("mum", "parent", city, "resident", "adult"),
                  binding("me", "mum"))
    chk, by = rules(h)
    assert by[("policy", None)].status == "unknown"
    assert "say nothing about binding" in render(by[("policy", None)].msg, "en")
    assert not chk.broken


def test_checklist_for_tieling_has_every_stage():
    p = policies().get("tieling")
    items = H.checklist(p)
    assert set(items) == {"channel", "materials", "bind", "unbind", "use"}
    assert all(i["quote"] for rows in items.values() for i in rows)
    assert H.checklist(policies().get("shenyang")) == {}


def test_broken_binding_is_not_drawn_on():
    h = household(member("me", "self", "liaoyang", account_balance="1000"),
                  member("gp", "grandparent", "liaoyang", "resident", "adult"),
                  binding("me", "gp"))
    h.member("gp").visits.append(H.Visit(month=1, care="outpatient", grade="1",
                                         amount=H.money("200")))
    hy = H.run_year(h, policies())
    (row,) = hy.rows
    assert row.account == 0 and row.cash == row.self_pay
    assert "breaks a rule" in render(row.notes[0], "en")
