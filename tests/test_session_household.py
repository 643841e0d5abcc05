"""The household editing session (``tui/session.py``) and what the household screens show from
it, without Textual: edits, the demo copied on the first edit, saving and the changed-on-disk
cases, undo, years; the member and binding documents; the list's broken-file lines; the form's
money box. The Pilot tests (tests/test_tui_household*.py) keep only the wiring.

Figures are worked by hand from policies/liaoyang-2025.toml and yantai-2025.toml (arithmetic in
the comments).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import stat
import subprocess
import sys
from decimal import Decimal

import pytest

from yibao_tui.core import household as H
from yibao_tui.core.policy.cache import PolicyCache
from yibao_tui.storage import store
from yibao_tui.text import render
from yibao_tui.views.household import binding_document, format_problem, member_document
from yibao_tui.views.household_enrolment import member_enrolment_document
from yibao_tui.views.text import document_lines


def _session(profiles):
    from yibao_tui.tui.session import Session

    return Session.from_loaded(store.copy_demo(profiles), profiles)


def _demo_session(profiles):
    """The bundled demo, as the list opens it while the user has no household files."""
    from yibao_tui.tui.session import Session

    return Session.from_loaded(store.load_demo(), profiles)


def _mode(p):
    return stat.S_IMODE(os.stat(p).st_mode)


def flat(doc):
    """A document's text without whitespace (as the panes wrap it, a phrase may run over two
    lines)."""
    return re.sub(r"\s+", "", "\n".join(document_lines(doc, 200)))


def _member(mid, name, relation, scheme="resident", category="adult", **kw):
    return H.Member(id=mid, name=name, relation=relation, city="liaoyang", scheme=scheme,
                    category=category, **kw)


# ───────────────────────────── edits ─────────────────────────────

def test_session_rename_follows_bindings(profiles):
    s = _session(profiles)
    me = s.household.member("me")
    s.put_member(dataclasses.replace(me, id="wei"), replace="me")
    assert s.pairs() == [("wei", "spouse"), ("wei", "mum"), ("wei", "kid")]
    assert s.household.member("wei").visits  # kept
    assert s.dirty


def test_session_delete_member_drops_their_bindings(profiles):
    s = _session(profiles)
    s.delete_member("mum")
    assert s.pairs() == [("me", "spouse"), ("me", "kid")]
    s.delete_member("spouse")
    s.delete_member("kid")
    assert s.household.bindings == []  # an empty binding is not kept


def test_session_undo_brings_back_the_last_delete_only(profiles):
    s = _session(profiles)
    before = s.household
    s.delete_visit("kid", 0)
    s.unbind("me", "mum")
    assert render(s.undo(), "en") == "the binding 王伟 → 妈妈"
    assert ("me", "mum") in s.pairs() and s.household.member("kid").visits == []
    assert s.undo() is None  # one step: the visit stays deleted
    s.delete_member("spouse")
    s.add_visit("me", s.household.member("me").visits[0])  # a later edit: nothing to undo
    assert s.undo() is None
    s.delete_member("mum")
    s.save()
    assert render(s.undo(), "zh") == "成员 妈妈（及其就诊、绑定）"
    assert s.dirty  # saved without her: the file differs from what came back
    assert before.member("kid").visits  # the household read from disk is untouched


def test_session_refuses_what_would_not_read_back(profiles):
    from yibao_tui.tui.session import EditError

    s = _session(profiles)
    before = s.household
    with pytest.raises(EditError, match="exactly one member"):
        s.delete_member("me")  # the head
    assert s.household is before and not s.dirty


def test_session_bind_reports_broken_rules(profiles):
    s = _session(profiles)
    # spouse is in the resident scheme: no personal account to share.
    broken = s.bind("spouse", "kid")
    assert [r.rule for r in broken] == ["holder_scheme"]
    assert broken[0].quote == "居民医保没有个人账户"
    s.unbind("spouse", "kid")
    assert ("spouse", "kid") not in s.pairs()


def test_deleting_a_visit_names_it_and_u_brings_it_back(profiles):
    # The visits list's question and the undo notice name the visit as the member's city does
    # (5月 普通门诊 一级 200.00: was a Pilot check of the list's question).
    from yibao_tui.tui.session import visit_msg

    s = _session(profiles)
    kid = s.household.member("kid")
    assert render(visit_msg(kid.visits[0], s.policies.get("liaoyang"), "resident"), "zh") \
        == "5月 普通门诊 一级 200.00"
    s.delete_visit("kid", 0)
    assert s.household.member("kid").visits == [] and s.dirty
    assert render(s.undo(), "zh") == "小明的就诊（5月 普通门诊 一级 200.00）"
    assert len(s.household.member("kid").visits) == 1


# ───────────────────────── the demo, copied on the first edit ─────────────────────────

def test_first_edit_copies_the_demo_then_the_year_and_a_reopen(profiles):
    """Was the Pilot journey test_copy_demo_add_bind_year_save_reopen: the rules and figures."""
    s = _demo_session(profiles)
    assert s.demo and not profiles.exists()  # read-only until an edit copies it in
    # A parent in 辽阳's resident scheme, adult.
    s.put_member(_member("dad", "爸爸", "parent", birth_year=1960))
    assert not s.demo and s.path == profiles / "demo.toml" and s.dirty
    assert s.path.exists() and _mode(s.path) == 0o600 and _mode(profiles) == 0o700
    # A visit in January: outpatient, grade 1, 200.
    s.add_visit("dad", H.Visit(month=1, care="outpatient", grade="1", amount=Decimal("200")))
    # A valid binding: dad is the head's parent, and 辽阳 lists 父母.
    assert s.bind("me", "dad") == []
    assert not [r for r in s.rules_for("me", "dad") if r.status == "broken"]
    # One that breaks a rule: a sibling, not in 辽阳's closed list (配偶、父母、子女).
    s.put_member(_member("sis", "姐姐", "sibling"))
    broken = s.bind("me", "sis")
    assert [r.rule for r in broken] == ["relations"]
    assert broken[0].quote == "可用于支付参保人本人及配偶、父母、子女的医药费用"
    doc = binding_document(s.household, s.check, s.policies, "me", "sis",
                           s.rules_for("me", "sis"), "zh")
    text = "\n".join(document_lines(doc, 200))
    assert "✗ 可绑定的亲属关系" in text
    assert "? 可绑定人数" in text  # unknown in 辽阳's sources: flagged, not assumed

    # The year. dad, 辽阳 resident adult outpatient grade 1, 200 in January:
    #   yearly deductible 100 → (200 − 100) × 60% = 60.00 fund; self-pay 200 − 60 = 140.00.
    #   His bound holder 王伟 (me) has 800.00 on 1 January + 150.00 credited for January
    #   (age 40: 35–45 band) + 120.00 (his own 2 % of the 6,000 wage) = 1,070.00, the first
    #   visit of the year → 140.00 from the account, 0.00 cash.
    def dad_year(session):
        return next(m for m in session.run_year().members if m.member.id == "dad")

    dad = dad_year(s)
    assert (dad.totals.fund, dad.totals.serious_illness, dad.totals.account, dad.totals.cash) \
        == (Decimal("60.00"), Decimal("0.00"), Decimal("140.00"), Decimal("0.00"))
    assert dad.rows[0].draws == [("me", Decimal("140.00"))]

    s.save()
    assert not s.dirty and _mode(s.path) == 0o600
    assert (profiles / "demo.toml.bak").exists()  # the copy, kept before the save replaced it

    # Quit, come back: everything is as it was left.
    from yibao_tui.tui.session import Session

    again = Session.from_loaded(store.read(profiles / "demo.toml"), profiles)
    h = again.household
    assert [m.id for m in h.members] == ["me", "spouse", "mum", "kid", "dad", "sis"]
    assert again.pairs() == [("me", "spouse"), ("me", "mum"), ("me", "kid"), ("me", "dad"),
                             ("me", "sis")]
    d = h.member("dad")
    assert (d.relation, d.birth_year, d.scheme, d.category) == ("parent", 1960, "resident", "adult")
    dad = dad_year(again)
    assert dad.totals.fund == Decimal("60.00") and dad.totals.account == Decimal("140.00")


def test_an_edited_visit_keeps_its_place_and_gives_its_figure(profiles):
    # 王伟 (me): 辽阳 employee active, his one visit in the demo is March, outpatient grade 3,
    # 1,000. Edited to grade 2, 1,200: yearly deductible 500, grade-2 rate 60%
    # → (1200 − 500) × 60% = 420.00 fund.
    from yibao_tui.views.household import visit_text

    s = _demo_session(profiles)
    v = s.household.member("me").visits[0]
    s.put_visit("me", 0, dataclasses.replace(v, grade="2", amount=Decimal("1200")))
    assert s.dirty and not s.demo  # the edit copied the demo in first
    (v,) = s.household.member("me").visits
    assert (v.month, v.care, v.grade, v.amount) == (3, "outpatient", "2", Decimal("1200"))
    me = next(m for m in s.run_year().members if m.member.id == "me")
    assert me.totals.fund == Decimal("420.00")
    assert visit_text(v, "zh", s.policies.get("liaoyang"), "employee").startswith(
        "3月 普通门诊 二级 1,200.00")


def test_a_visit_with_a_class_b_part_is_shown_with_it(profiles):
    s = _session(profiles)
    s.add_visit("me", H.Visit(month=6, care="outpatient", grade="1", amount=Decimal(300),
                              class_b=Decimal(200)))
    h = s.household
    text = flat(member_document(h, h.member("me"), s.policies, s.check, "zh"))
    assert "6月普通门诊一级300.00（其中乙类200.00）" in text


# ───────────────────────────── saving ─────────────────────────────

def test_a_new_household_is_named_after_its_title_and_saved_0600(profiles):
    from yibao_tui.tui.screens.household.forms.base import money_box
    from yibao_tui.tui.session import Session

    s = Session.new("Zhao family", 2025, profiles)
    assert s.path == profiles / "zhao-family.toml" and s.dirty and s.fingerprint is None
    assert s.household.new_relation() == "self"  # the first member is the head
    errs = []
    bal = money_box("1,000.50", "hh.f.balance", "en", errs)
    assert bal == Decimal("1000.50") and errs == []
    s.put_member(H.Member(id="me", name="Zhao", relation="self", city="liaoyang",
                          scheme="employee", category="active", account_balance=bal))
    s.save()
    assert _mode(s.path) == 0o600 and not s.dirty
    assert "account_balance = 1000.50" in s.path.read_text(encoding="utf-8")


def test_a_new_households_file_made_meanwhile_is_kept_and_save_as_follows(profiles):
    # Another program creates the new household's file before its first save: the save refuses
    # ("exists"), and save-as writes elsewhere without touching theirs.
    from yibao_tui.tui.session import Session

    s = Session.new("Zhao family", 2025, profiles)
    s.put_member(H.Member(id="me", name="Zhao", relation="self", city="liaoyang",
                          scheme="employee", category="active"))
    theirs = store.save_new(store.load_demo().household, profiles, "zhao-family").path
    assert theirs == s.path
    before = theirs.read_bytes()
    with pytest.raises(store.ChangedOnDisk) as e:
        s.save()
    assert e.value.kind == "exists" and s.dirty
    assert s.save_as("zhao-family-2") == profiles / "zhao-family-2.toml"
    assert s.path == profiles / "zhao-family-2.toml" and not s.dirty
    assert "Zhao" in s.path.read_text(encoding="utf-8")
    assert theirs.read_bytes() == before


def test_changed_on_disk_reload_save_again_and_save_as(profiles):
    s = _session(profiles)
    path = s.path
    s.put_member(_member("dad", "爸爸", "parent"))
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited elsewhere\n", encoding="utf-8")
    theirs = path.read_bytes()
    with pytest.raises(store.ChangedOnDisk) as e:
        s.save()
    assert e.value.kind == "changed" and path.read_bytes() == theirs
    # Save as: theirs untouched, this session follows the new file.
    s.save_as("mine")
    assert s.path == profiles / "mine.toml" and not s.dirty
    assert path.read_bytes() == theirs and "dad" in s.path.read_text(encoding="utf-8")

    s = _session(profiles.parent / "other")
    path = s.path
    s.put_member(_member("dad", "爸爸", "parent"))
    s.delete_member("kid")
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited elsewhere\n", encoding="utf-8")
    theirs = path.read_bytes()
    # Reload: the edits here are dropped (and the undo with them); a save then goes through.
    s.reload()
    assert "dad" not in [m.id for m in s.household.members] and not s.dirty
    assert s.undo_point is None and path.read_bytes() == theirs
    s.put_member(_member("dad", "爸爸", "parent"))
    s.save()
    assert "dad" in path.read_text(encoding="utf-8") and not s.dirty

    # Deleted meanwhile: the save says so; saved again where it was.
    s.put_member(_member("sis", "姐姐", "sibling"))
    path.unlink()
    with pytest.raises(store.ChangedOnDisk) as e:
        s.save()
    assert e.value.kind == "deleted" and not path.exists()
    s.save_again()
    assert not s.dirty and "sis" in path.read_text(encoding="utf-8")


def test_the_changed_dialog_offers_what_each_case_allows():
    # What the save's dialog offers for each store.ChangedOnDisk.kind (the dialog appends
    # "c cancel" to each; walked for "changed" and "exists" in the Pilot tests).
    from yibao_tui.text import t
    from yibao_tui.tui.dialogs.changed import CHANGED_KINDS

    offers = {kind: [(a, k) for a, k, _label in choices]
              for kind, (_title, _q, choices) in CHANGED_KINDS.items()}
    assert offers == {"changed": [("reload", "r"), ("saveas", "a")],
                      "deleted": [("again", "s"), ("saveas", "a")],  # nothing there to reload
                      "exists": [("saveas", "a")]}
    title, question, _ = CHANGED_KINDS["deleted"]
    assert "删除" in t(title, "zh") and "/h/x.toml" in t(question, "zh", path="/h/x.toml")
    title, question, _ = CHANGED_KINDS["exists"]
    assert t(title, "en") == "That file already exists"
    q = t(question, "en", path="/h/x.toml")
    assert "/h/x.toml" in q and "already exists" in q and "changed" not in q


def test_broken_files_are_listed_by_line_and_never_written(profiles):
    store.copy_demo(profiles)
    bad = profiles / "broken.toml"
    raw = b'schema = 1\nname = "x"\nyear = 2025\n[[member]\nid = "a"\n\xff\n'
    bad.write_bytes(raw)
    loaded, broken = store.list_all(profiles)
    assert [ld.name for ld in loaded] == ["demo"]  # the rest still load
    (b,) = broken
    # The list screen shows "• file" then each problem: in Chinese by default, English after F2.
    assert format_problem(b.problems[0], "zh").startswith("broken.toml: 不是UTF-8文本：第53字节无法解码")
    en = format_problem(b.problems[0], "en")
    assert en.startswith("broken.toml:") and "not UTF-8" in en
    # Saving another household leaves it as it was, with no backup made of it.
    s = _session(profiles)
    s.put_member(_member("dad", "爸爸", "parent"))
    s.save()
    assert bad.read_bytes() == raw and not (profiles / "broken.toml.bak").exists()


def test_a_bad_toml_line_is_named_and_no_demo_is_offered_beside_it(tmp_path):
    d = tmp_path / "h"
    d.mkdir()
    raw = 'schema = 1\nname = "x"\nyear = 2025\n\n[[member]]\nid = "a"\nname = \n'
    (d / "bad.toml").write_text(raw, encoding="utf-8")
    loaded, broken = store.list_all(d)
    assert loaded == []  # no demo when the user has files, even broken ones
    assert format_problem(broken[0].problems[0], "en").startswith("bad.toml:7:")
    assert (d / "bad.toml").read_text(encoding="utf-8") == raw


# ───────────────────────────── the panes ─────────────────────────────

def test_member_pane_shows_premium_and_cover_with_quotes(profiles):
    # Demo: 李娜, 辽阳 resident adult, paid 2024-10-15 — inside the collection window (每年9月-12月),
    # so covered from 2025-01-01; premium 380 a year ("2025年个人缴费380元/年").
    s = _session(profiles)
    doc = member_enrolment_document(s.enrolment, s.household.member("spouse"), 2025, "zh")
    text = flat(doc)
    assert "380.00" in text and "2025年个人缴费380元/年" in text
    assert "2025-01-01" in text


SIBLING = """schema = 1
name = "兄妹"
year = 2025

[[member]]
id = "me"
name = "王伟"
relation = "self"
city = "liaoyang"
scheme = "employee"
category = "active"
birth_year = 1985

[[member]]
id = "sis"
name = "姐姐"
relation = "sibling"
city = "liaoyang"
scheme = "resident"
category = "adult"

[[binding]]
holder = "me"
beneficiaries = ["sis"]
"""


def test_bindings_pane_says_the_broken_rule_in_each_language():
    # 辽阳 000 lists 配偶、父母、子女 and nothing else: a sibling breaks the relation rule.
    h = H.parse(SIBLING, "sib.toml")
    pols = PolicyCache(None, 2025)
    chk = H.check(h, pols)
    rules = [r for r in chk.rules.get("me", ()) if r.beneficiary in (None, "sis")]

    def pane(lang):
        return flat(binding_document(h, chk, pols, "me", "sis", rules, lang))

    zh = pane("zh")
    assert "✗可绑定的亲属关系：姐姐是王伟的兄弟姐妹：辽阳只允许绑定配偶、父母、子女" in zh
    assert "“可用于支付参保人本人及配偶、父母、子女的医药费用”" in zh  # the source, quoted
    assert "allows only" not in zh and "is insured" not in zh  # no English in zh
    assert "姐姐is王伟'ssibling:Liaoyangallowsonlyspouse,parent,child" in pane("en")


def test_member_pane_never_says_may_spend_for_a_broken_binding():
    # 辽阳 binds only 配偶、父母、子女: 姐姐's binding is broken, so her pane must not offer
    # 王伟's account; it names the rule instead (the year's test, usable_binding).
    h = H.parse(SIBLING, "sib.toml")
    pols = PolicyCache(None, 2025)
    chk = H.check(h, pols)
    assert not H.usable_binding(chk, "me", "sis")
    for lang, yes, no in (("zh", "已绑定王伟的个人账户，但不能使用：不符合“可绑定的亲属关系”", "可使用"),
                          ("en", "Bound to 王伟's account but not usable: it breaks “relations "
                                 "that may be bound”", "May spend")):
        text = "\n".join(document_lines(member_document(h, h.member("sis"), pols, chk, lang), 200))
        assert yes in text and no not in text
        assert "(sis)" not in text and "(me)" not in text  # names, never the file's ids
    # A usable one still says so: the demo's 李娜 may spend 王伟's account.
    demo = store.load_demo().household
    text = "\n".join(document_lines(member_document(demo, demo.member("spouse"), pols,
                                                    H.check(demo, pols), "zh"), 200))
    assert "可使用王伟的个人账户" in text


def test_a_money_box_names_its_field_and_the_rule():
    from yibao_tui.tui.screens.household.forms.base import money_box

    errs = []
    assert money_box("", "in.out_of_policy", "zh", errs) is None and errs == []
    assert money_box("abc", "in.out_of_policy", "zh", errs) is None
    (msg,) = errs
    assert msg.startswith("目录外费用：“abc”不是以元为单位的金额")


# ───────────────────────────── years ─────────────────────────────

def test_the_year_and_an_enrolment_entry_edited(profiles):
    from yibao_tui.tui.session import EditError, Session

    s = Session.new("王家", 2026, profiles)
    s.put_member(H.Member(id="nainai", name="奶奶", relation="self", city="yantai",
                          scheme="resident", category="adult"))
    s.set_year(2025)
    assert s.household.year == 2025 and s.policies.year == 2025
    # A tier 烟台 does not offer is refused with the reader's words; nothing changes.
    before, dirty = s.household, s.dirty
    with pytest.raises(EditError) as e:
        s.put_enrolment("nainai", {"paid": dt.date(2024, 11, 20), "tier": 3})
    assert "3" in "; ".join(e.value.texts("en"))
    assert s.household is before and s.dirty == dirty
    s.put_enrolment("nainai", {"paid": dt.date(2024, 11, 20), "tier": 1}, history=[2024])
    m = s.household.member("nainai")
    assert m.enrolment == [{"year": 2024}, {"year": 2025, "paid": dt.date(2024, 11, 20), "tier": 1}]
    me = s.enrolment.members[0]
    # "成年居民一档370元"; paid in the window → covered from 2025-01-01
    assert me.premium.amount == Decimal("370") and me.cover.start == dt.date(2025, 1, 1)


def test_rollover_keeps_the_year_behind_and_is_undone(profiles):
    s = _session(profiles)
    s.rollover()
    h = s.household
    assert h.year == 2026 and not any(m.visits for m in h.members)
    assert h.member("me").account_balance == Decimal("1890.00")  # 2025's closing
    kept, pols = s.year_view(2025)  # the year screen's [ : the kept 2025, its four visits
    assert kept.year == 2025 and len(H.run_year(kept, pols).rows) == 4
    assert render(s.undo(), "en")
    assert s.household.year == 2025 and s.household.member("me").visits


# ───────────────────────────── import hygiene ─────────────────────────────

def test_wizard_start_imports_no_household_module():
    code = ("import sys; import yibao_tui.tui.app; "
            "print(sorted(m for m in sys.modules if m.startswith('yibao_tui.') and "
            "not m.startswith('yibao_tui.text.catalog') and "  # strings only
            "('household' in m or 'store' in m or 'session' in m)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
