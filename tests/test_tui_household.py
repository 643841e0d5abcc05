"""Pilot tests of the household screens: list, detail, forms, year, saving and its dialogs.

``YIBAO_PROFILES`` points at a temporary directory, so the user's own households are never seen.
Figures are worked by hand from policies/liaoyang-2025.toml (arithmetic in the comments).
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from decimal import Decimal

import pytest

from tests.test_tui import SIZE, aio, screen_name, wait_until
from yibao_tui.storage import store
from yibao_tui.text import t
from yibao_tui.tui.app import build


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    d = tmp_path / "households"
    monkeypatch.setenv(store.ENV, str(d))
    return d


def notes(app):
    return [str(n.message) for n in app._notifications]


async def fill(pilot, **values):
    """Set the form's fields by id (Select values, Input text), letting each change settle:
    choosing a city or scheme refills the lists after it."""
    from textual.widgets import Input, Select, SelectionList

    for wid, v in values.items():
        w = pilot.app.screen.query_one(f"#f-{wid}")
        if isinstance(w, (Input, Select)):
            w.value = v
        elif isinstance(w, SelectionList):
            for f in v:
                w.select(f)
        await pilot.pause()


async def add_member(pilot, **values):
    await pilot.press("a")
    await pilot.pause()
    assert screen_name(pilot.app) == "MemberForm"
    await fill(pilot, **values)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def open_first(pilot):
    await pilot.press("f5")
    await pilot.pause()
    assert screen_name(pilot.app) == "HouseholdListScreen"
    await pilot.press("enter")
    await pilot.pause()
    assert screen_name(pilot.app) == "HouseholdScreen"


async def select_member(pilot, mid):
    from textual.widgets import DataTable

    mt = pilot.app.screen.query_one("#members", DataTable)
    mt.focus()
    ids = [m.id for m in pilot.app.hh.household.members]
    mt.move_cursor(row=ids.index(mid))
    await pilot.pause()


async def bind(pilot, holder, ben):
    await pilot.press("b")
    await pilot.pause()
    assert screen_name(pilot.app) == "BindForm"
    await fill(pilot, holder=holder, ben=ben)
    await pilot.press("ctrl+s")
    await pilot.pause()


# ───────────────────────────── the whole flow ─────────────────────────────

@aio
async def test_copy_demo_add_bind_year_save_reopen(profiles):
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        s = app.hh
        assert s.demo  # the bundled demo, read-only until an edit copies it in
        assert not profiles.exists() or not any(profiles.iterdir())

        # A parent in 辽阳's resident scheme, adult.
        await add_member(pilot, id="dad", name="爸爸", relation="parent", birth="1960",
                         city="liaoyang", scheme="resident", category="adult")
        assert screen_name(app) == "HouseholdScreen", app.screen.query_one("#form-msg").content
        assert not s.demo and s.path == profiles / "demo.toml" and s.dirty
        assert any("demo.toml" in n for n in notes(app))  # the copy is announced
        assert stat.S_IMODE(os.stat(s.path).st_mode) == 0o600

        # Bad input is an inline message, never a traceback: the id is taken, the year is odd.
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, id="dad", name="x", birth="18")
        await pilot.press("ctrl+s")
        await pilot.pause()
        msg = str(app.screen.query_one("#form-msg").content)
        assert screen_name(app) == "MemberForm"
        assert "dad" in msg and "1900" in msg
        await pilot.press("escape")
        await pilot.pause()

        # A visit in January: outpatient, grade 1, 200.
        await select_member(pilot, "dad")
        await pilot.press("v")
        await pilot.pause()
        assert screen_name(app) == "VisitForm"
        await fill(pilot, month=1, care="outpatient", grade="1", amount="200")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        assert s.household.member("dad").visits[0].amount == Decimal("200")

        # A valid binding: dad is the head's parent, and 辽阳 lists 父母.
        await bind(pilot, "me", "dad")
        assert ("me", "dad") in s.pairs()
        assert not [r for r in s.rules_for("me", "dad") if r.status == "broken"]
        assert "已绑定" in notes(app)[-1]

        # One that breaks a rule: a sibling, not in 辽阳's closed list (配偶、父母、子女).
        await add_member(pilot, id="sis", name="姐姐", relation="sibling", city="liaoyang",
                         scheme="resident", category="adult")
        await bind(pilot, "me", "sis")
        last = notes(app)[-1]
        assert "可绑定的亲属关系" in last  # the rule, by name
        assert "可用于支付参保人本人及配偶、父母、子女的医药费用" in last  # and its source quote
        detail = str(app.screen.query_one("#hh-detail-text").content)
        assert "✗ 可绑定的亲属关系" in detail
        assert "? 可绑定人数" in detail  # unknown in 辽阳's sources: flagged, not assumed

        # The year. dad, 辽阳 resident adult outpatient grade 1, 200 in January:
        #   yearly deductible 100 → (200 − 100) × 60% = 60.00 fund; self-pay 200 − 60 = 140.00.
        #   His bound holder 王伟 (me) has 800.00 on 1 January + 150.00 credited for January
        #   (age 40: 35–45 band) + 120.00 (his own 2 % of the 6,000 wage) = 1,070.00, the first
        #   visit of the year → 140.00 from the account, 0.00 cash.
        await pilot.press("y")
        await pilot.pause()
        assert screen_name(app) == "YearScreen"
        dad = next(m for m in app.screen.hy.members if m.member.id == "dad")
        assert (dad.totals.fund, dad.totals.serious_illness, dad.totals.account, dad.totals.cash) \
            == (Decimal("60.00"), Decimal("0.00"), Decimal("140.00"), Decimal("0.00"))
        assert dad.rows[0].draws == [("me", Decimal("140.00"))]
        from textual.widgets import DataTable

        table = app.screen.query_one("#year", DataTable)
        row = table.get_row("dad")
        assert [c.plain for c in row[1:]] == ["60.00", "0.00", "140.00", "0.00", "200.00"]
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not s.dirty
        assert stat.S_IMODE(os.stat(s.path).st_mode) == 0o600
        assert (profiles / "demo.toml.bak").exists()

    # Quit, come back: everything is as it was left.
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        h = app.hh.household
        assert [m.id for m in h.members] == ["me", "spouse", "mum", "kid", "dad", "sis"]
        assert app.hh.pairs() == [("me", "spouse"), ("me", "mum"), ("me", "kid"), ("me", "dad"),
                                  ("me", "sis")]
        dad = h.member("dad")
        assert (dad.relation, dad.birth_year, dad.scheme, dad.category) == \
            ("parent", 1960, "resident", "adult")
        await pilot.press("y")
        await pilot.pause()
        dad = next(m for m in app.screen.hy.members if m.member.id == "dad")
        assert dad.totals.fund == Decimal("60.00") and dad.totals.account == Decimal("140.00")


@aio
async def test_new_household_from_scratch(profiles):
    app = build(["--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, hname="Zhao family", year="2025")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        # The first member is the head: relation "self" is offered first.
        await pilot.press("a")
        await pilot.pause()
        from textual.widgets import Select

        assert app.screen.query_one("#f-relation", Select).value == "self"
        await fill(pilot, id="me", name="Zhao", city="liaoyang", scheme="employee",
                   category="active", balance="1,000.50")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.hh.household.member("me").account_balance == Decimal("1000.50")
        await pilot.press("ctrl+s")
        await pilot.pause()
        path = profiles / "zhao-family.toml"
        assert path.exists() and stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert 'account_balance = 1000.50' in path.read_text(encoding="utf-8")
        await pilot.press("escape")
        await pilot.pause()
        # Back on the list, which now shows the new file (and no demo).
        assert screen_name(app) == "HouseholdListScreen"
        assert [ld.name for ld in app.screen.loaded] == ["zhao-family"]


# ───────────────────────────── unsaved changes ─────────────────────────────

@aio
async def test_quit_with_unsaved_changes_asks(profiles):
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await add_member(pilot, id="dad", name="爸爸", relation="parent", city="liaoyang",
                         scheme="resident", category="adult")
        assert app.hh.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert screen_name(app) == "UnsavedForm"
        await pilot.press("c")  # cancel: still editing
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen" and app.hh.dirty
        await pilot.press("escape")  # back to the list asks as well
        await pilot.pause()
        assert screen_name(app) == "UnsavedForm"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")  # save, then quit
        await pilot.pause()
        assert not app.is_running
    assert "dad" in (profiles / "demo.toml").read_text(encoding="utf-8")


@aio
async def test_discard_leaves_the_file(profiles):
    ld = store.copy_demo(profiles)
    before = ld.path.read_bytes()
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await select_member(pilot, "kid")
        await pilot.press("d", "y")  # delete 小明 (and his binding), yes
        await pilot.pause()
        assert "kid" not in [m.id for m in app.hh.household.members]
        assert ("me", "kid") not in app.hh.pairs()
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("d")  # discard
        await pilot.pause()
        assert not app.is_running
    assert ld.path.read_bytes() == before


# ───────────────────────────── changed on disk ─────────────────────────────

async def _edit_then_change_on_disk(pilot, path):
    await open_first(pilot)
    await add_member(pilot, id="dad", name="爸爸", relation="parent", city="liaoyang",
                     scheme="resident", category="adult")
    # Someone else (another yibao, an editor) changes the file meanwhile.
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited elsewhere\n", encoding="utf-8")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert screen_name(pilot.app) == "ChangedForm"
    assert str(path) in str(pilot.app.screen.query_one("#question").content)


@aio
async def test_changed_on_disk_save_as(profiles):
    path = store.copy_demo(profiles).path
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await _edit_then_change_on_disk(pilot, path)
        theirs = path.read_bytes()
        await pilot.press("a")  # save under another name
        await pilot.pause()
        assert screen_name(app) == "SaveAsForm"
        await fill(pilot, file="mine")
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        assert app.hh.path == profiles / "mine.toml" and not app.hh.dirty
        assert path.read_bytes() == theirs  # not overwritten
        assert "dad" in (profiles / "mine.toml").read_text(encoding="utf-8")


@aio
async def test_changed_on_disk_reload(profiles):
    path = store.copy_demo(profiles).path
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await _edit_then_change_on_disk(pilot, path)
        theirs = path.read_bytes()
        await pilot.press("r")  # reload: the edits here are dropped
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        assert "dad" not in [m.id for m in app.hh.household.members]
        assert not app.hh.dirty
        assert path.read_bytes() == theirs
        # A save now goes through: it is the version on disk.
        await add_member(pilot, id="dad", name="爸爸", relation="parent", city="liaoyang",
                         scheme="resident", category="adult")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen" and not app.hh.dirty
        assert "dad" in path.read_text(encoding="utf-8")


@aio
async def test_new_household_whose_file_appears_meanwhile(profiles):
    # A new household's file name is chosen when it is created; another program (or a second
    # yibao) creates that file before the first save. The dialog says it already exists (not
    # "changed since loaded"), offers no reload (there is nothing of ours to reload), and saves
    # under another name without touching the other file.
    from textual.widgets import OptionList

    app = build(["--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, hname="Zhao family", year="2025")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await add_member(pilot, id="me", name="Zhao", city="liaoyang", scheme="employee",
                         category="active")
        path = profiles / "zhao-family.toml"
        assert app.hh.path == path and not path.exists()
        theirs = store.save_new(store.load_demo().household, profiles, "zhao-family").path
        assert theirs == path
        before = path.read_bytes()

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "ChangedForm"
        scr = app.screen
        assert str(scr.query_one(".dialog-title").content) == "That file already exists"
        q = str(scr.query_one("#question").content)
        assert str(path) in q and "already exists" in q and "changed" not in q
        options = [str(o.prompt) for o in scr.query_one("#choices", OptionList).options]
        assert options == ["a  Save this household under another file name",
                           "c  Cancel, keep editing"]
        await pilot.press("r")  # no reload here
        await pilot.pause()
        assert screen_name(app) == "ChangedForm" and app.hh.dirty

        await pilot.press("a")
        await pilot.pause()
        assert screen_name(app) == "SaveAsForm"
        await pilot.press("enter")  # the offered name: zhao-family-2
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        assert app.hh.path == profiles / "zhao-family-2.toml" and not app.hh.dirty
        assert "Zhao" in app.hh.path.read_text(encoding="utf-8")
        assert path.read_bytes() == before  # theirs, untouched


@aio
async def test_file_deleted_meanwhile_is_saved_again(profiles):
    path = store.copy_demo(profiles).path
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await add_member(pilot, id="dad", name="爸爸", relation="parent", city="liaoyang",
                         scheme="resident", category="adult")
        path.unlink()  # deleted elsewhere
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "ChangedForm"
        from textual.widgets import OptionList

        assert "删除" in str(app.screen.query_one(".dialog-title").content)
        options = [str(o.prompt) for o in app.screen.query_one("#choices", OptionList).options]
        assert [o[0] for o in options] == ["s", "a", "c"]  # no reload: nothing is there to read
        await pilot.press("s")  # save again where it was
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen" and not app.hh.dirty
        assert "dad" in path.read_text(encoding="utf-8")


# ───────────────────────────── broken files ─────────────────────────────

@aio
async def test_corrupt_file_listed_and_left_alone(profiles):
    store.copy_demo(profiles)
    bad = profiles / "broken.toml"
    raw = b'schema = 1\nname = "x"\nyear = 2025\n[[member]\nid = "a"\n\xff\n'
    bad.write_bytes(raw)
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        scr = app.screen
        assert [ld.name for ld in scr.loaded] == ["demo"]  # the rest still load
        text = str(scr.query_one("#hh-broken").content)
        assert "broken.toml" in text
        # file, reason: in Chinese by default, in English after F2
        assert "broken.toml: 不是UTF-8文本：第53字节无法解码" in text
        await pilot.press("f2")
        await pilot.pause()
        text = str(app.screen.query_one("#hh-broken").content)
        assert "broken.toml:" in text and "not UTF-8" in text
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("enter")  # opens demo.toml (the only openable row)
        await pilot.pause()
        await add_member(pilot, id="dad", name="爸爸", relation="parent", city="liaoyang",
                         scheme="resident", category="adult")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert bad.read_bytes() == raw
    assert not (profiles / "broken.toml.bak").exists()


@aio
async def test_bad_toml_reports_the_line(profiles):
    profiles.mkdir(parents=True)
    bad = profiles / "bad.toml"
    raw = 'schema = 1\nname = "x"\nyear = 2025\n\n[[member]]\nid = "a"\nname = \n'
    bad.write_text(raw, encoding="utf-8")
    app = build(["--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        text = str(app.screen.query_one("#hh-broken").content)
        assert "bad.toml:7:" in text
        assert app.screen.loaded == []  # no demo when the user has files, even broken ones
    assert bad.read_text(encoding="utf-8") == raw


# ───────────────────────────── elsewhere ─────────────────────────────

@aio
async def test_estimate_for_member_opens_the_wizard(profiles):
    # 李娜 (spouse): 辽阳 resident adult, her first visit outpatient grade 1, 200
    # → (200 − 100 yearly deductible) × 60% = 60.00.
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await select_member(pilot, "spouse")
        await pilot.press("x")
        await pilot.pause()
        assert screen_name(app) == "BreakdownScreen"
        sel = app.sel
        assert (sel.city, sel.scheme, sel.category, sel.care, sel.grade) == \
            ("liaoyang", "resident", "adult", "outpatient", "1")
        assert app.screen.result.fund == Decimal("60.00")
        # F5 goes back to the same household.
        await pilot.press("f5")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"


@aio
async def test_cli_opens_a_household_by_name(profiles):
    store.copy_demo(profiles)
    app = build(["--lang", "en"], households="demo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        assert app.hh.path == profiles / "demo.toml" and not app.hh.demo
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HouseholdListScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "CityScreen"  # the wizard is underneath


@aio
async def test_language_switch_on_household_screens(profiles):
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("f2")
        await pilot.pause()
        from textual.widgets import DataTable

        cols = [str(c.label) for c in app.screen.query_one("#members", DataTable).columns.values()]
        assert "Relation" in cols


@aio
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_footer_keeps_help_and_language_at_80_columns(profiles, lang):
    # The household screens have more keys than 80 columns hold: some stay off the footer and
    # are listed in help instead, so F1 and F2 are always on it, whole.
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    def shown(app):
        keys = app.screen.query_one(Footer).query(FooterKey)
        cut = [k.key for k in keys if k.region.right > SIZE[0] or not k.region.width]
        assert not cut, cut
        return {k.key for k in keys}

    app = build(["--lang", lang])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert {"f1", "f2"} <= shown(app)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        assert {"f1", "f2", "a", "v", "w"} <= shown(app)
        await pilot.press("tab")  # the bindings table
        await pilot.pause()
        assert {"f1", "f2"} <= shown(app)
        # Help lists the keys the footer leaves out.
        await pilot.press("f1")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        for k in ("hh.help.edit", "hh.help.delete", "hh.help.visits"):
            assert t(k, lang) in text
        await pilot.press("f2")  # the language switches over help too
        await pilot.pause()
        assert app.lang == ("en" if lang == "zh" else "zh")
        await pilot.press("escape")
        await pilot.pause()
        assert {"f1", "f2"} <= shown(app)
        await pilot.press("y")
        await pilot.pause()
        assert {"f1", "f2"} <= shown(app)


def test_wizard_start_imports_no_household_module():
    code = ("import sys; import yibao_tui.tui.app; "
            "print(sorted(m for m in sys.modules if m.startswith('yibao_tui.') and "
            "not m.startswith('yibao_tui.text.catalog') and "  # strings only
            "('household' in m or 'store' in m or 'session' in m)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@aio
async def test_visits_list_deletes_one(profiles):
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await select_member(pilot, "kid")
        await pilot.press("V")
        await pilot.pause()
        assert screen_name(app) == "VisitsForm"
        await pilot.press("d")
        await pilot.pause()
        assert screen_name(app) == "ConfirmationModal"
        assert "5月 普通门诊 一级 200.00" in str(app.screen.query_one("#confirm-q").content)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        assert app.hh.household.member("kid").visits == [] and app.hh.dirty
        assert not app.hh.demo  # the edit copied the demo in first


@aio
async def test_delete_asks_first_and_u_brings_it_back(profiles):
    from textual.widgets import Button, DataTable

    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        s = app.hh
        await select_member(pilot, "kid")
        # No (Esc): the question names him and what goes with him; nothing changes.
        await pilot.press("d")
        await pilot.pause()
        assert screen_name(app) == "ConfirmationModal"
        q = str(app.screen.query_one("#confirm-q").content)
        assert "小明" in q and "1 次就诊和 1 个共济绑定" in q
        assert app.screen.focused is app.screen.query_one("#confirm-no", Button)  # Enter keeps
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen" and "kid" in [m.id for m in s.household.members]
        assert s.demo and not s.dirty
        # Yes (the button): he goes, with his visit and his binding; the notice offers u.
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert "kid" not in [m.id for m in s.household.members] and ("me", "kid") not in s.pairs()
        assert "u 撤销" in notes(app)[-1]
        assert "u 撤销" in str(app.screen.query_one("#hh-status").content)
        # u: he is back as he was, and the notice says who came back.
        await pilot.press("u")
        await pilot.pause()
        assert [m.id for m in s.household.members] == ["me", "spouse", "mum", "kid"]
        assert ("me", "kid") in s.pairs() and len(s.household.member("kid").visits) == 1
        assert "已撤销" in notes(app)[-1] and "小明" in notes(app)[-1]
        assert s.undo_point is None
        # Unbinding asks too: n keeps the binding.
        app.screen.query_one("#bindings", DataTable).focus()
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert "解除 王伟 → 李娜" in str(app.screen.query_one("#confirm-q").content)
        await pilot.press("n")
        await pilot.pause()
        assert ("me", "spouse") in s.pairs()


@aio
async def test_member_form_wage_paid_and_visit_form_parts(profiles):
    from textual.widgets import Input, Select

    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        s = app.hh
        # A new member: head and spouse are taken, so the box starts on 子女 and offers neither.
        await pilot.press("a")
        await pilot.pause()
        rel = app.screen.query_one("#f-relation", Select)
        assert rel.value == "child"
        assert {"self", "spouse"}.isdisjoint(v for _label, v in rel._options)
        await pilot.press("escape")
        await pilot.pause()
        # 王伟's wage and payment date, into his 2025 enrolment entry; a bad date is inline.
        await select_member(pilot, "me")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#f-wage", Input).value == "6,000.00"  # from the file
        await fill(pilot, wage="7,000", paid="2023-12-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "MemberForm"
        assert "2024-01-01" in str(app.screen.query_one("#form-msg").content)
        await fill(pilot, paid="2024-12-20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        import datetime as dt

        (entry,) = s.household.member("me").enrolment
        assert entry == {"year": 2025, "wage": Decimal("7000"), "paid": dt.date(2024, 12, 20)}
        # A visit with a class-B part, as the wizard takes it; parts over the amount are inline.
        await pilot.press("v")
        await pilot.pause()
        await fill(pilot, month=6, care="outpatient", grade="1", amount="300", class_b="200",
                   special_drugs="150")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "乙类与特殊药品部分之和" in str(app.screen.query_one("#form-msg").content)
        await fill(pilot, special_drugs="", out_of_policy="abc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "目录外费用：“abc”不是以元为单位的金额" in str(app.screen.query_one("#form-msg").content)
        await fill(pilot, out_of_policy="")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        v = s.household.member("me").visits[-1]
        assert (v.amount, v.class_b, v.special_drugs, v.out_of_policy) == (Decimal(300), Decimal(200), 0, 0)
        assert "6月 普通门诊 一级 300.00（其中乙类 200.00）" in str(
            app.screen.query_one("#hh-detail-text").content)


# ───────────────────────────── the editing model, without the screens ─────────────────────────────

def _session(profiles):
    from yibao_tui.tui.session import Session

    return Session.from_loaded(store.copy_demo(profiles), profiles)


def test_session_rename_follows_bindings(profiles):
    import dataclasses

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
    from yibao_tui.text import render

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



def unwrapped(content):
    """A pane's text without its whitespace: the panes wrap to the window (a quote may run over
    two lines), so what a test looks for is found whatever the width."""
    return re.sub(r"\s+", "", str(content))

@aio
async def test_member_pane_shows_premium_and_cover_with_quotes(profiles):
    # Demo: 李娜, 辽阳 resident adult, paid 2024-10-15 — inside the collection window (每年9月-12月),
    # so covered from 2025-01-01; premium 380 a year ("2025年个人缴费380元/年").
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await select_member(pilot, "spouse")
        text = unwrapped(app.screen.query_one("#hh-detail-text").render())
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


@aio
async def test_bindings_pane_says_the_broken_rule_in_chinese(profiles):
    # 辽阳 000 lists 配偶、父母、子女 and nothing else: a sibling breaks the relation rule.
    profiles.mkdir(parents=True)
    (profiles / "sib.toml").write_text(SIBLING, "utf-8")
    app = build([], households="sib")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        from textual.widgets import DataTable

        app.screen.query_one("#bindings", DataTable).focus()
        await pilot.pause()
        detail = unwrapped(app.screen.query_one("#hh-detail-text").content)
        assert "✗可绑定的亲属关系：姐姐是王伟的兄弟姐妹：辽阳只允许绑定配偶、父母、子女" in detail
        assert "“可用于支付参保人本人及配偶、父母、子女的医药费用”" in detail  # the source, quoted
        assert "allows only" not in detail and "is insured" not in detail  # no English in zh
        await pilot.press("f2")  # English on request
        await pilot.pause()
        detail = unwrapped(app.screen.query_one("#hh-detail-text").content)
        assert "姐姐is王伟'ssibling:Liaoyangallowsonlyspouse,parent,child" in detail


@aio
async def test_visits_list_edits_one(profiles):
    # 王伟 (me): 辽阳 employee active, his one visit in the demo is March, outpatient grade 3,
    # 1,000. Edited to grade 2, 1,200: yearly deductible 500, grade-2 rate 60%
    # → (1200 − 500) × 60% = 420.00 fund.
    from textual.widgets import Input, OptionList, Select

    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await select_member(pilot, "me")
        await pilot.press("V")
        await pilot.pause()
        assert screen_name(app) == "VisitsForm"
        await pilot.press("enter")  # the highlighted visit opens in the visit form
        await pilot.pause()
        assert screen_name(app) == "VisitForm"
        scr = app.screen
        assert "修改" in str(scr.query_one(".dialog-title").content)
        # Prefilled from the visit.
        assert scr.query_one("#f-month", Select).value == 3
        assert scr.query_one("#f-care", Select).value == "outpatient"
        assert scr.query_one("#f-grade", Select).value == "3"
        assert scr.query_one("#f-amount", Input).value == "1,000.00"

        # Validated like a new visit: a bad amount is an inline message, nothing changes.
        await fill(pilot, amount="12x")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "VisitForm"
        assert "政策范围内费用" in str(scr.query_one("#form-msg").content)
        assert app.hh.demo and not app.hh.dirty

        await fill(pilot, grade="2", amount="1200")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(app) == "VisitsForm"  # back on the list, which shows the change
        ol = app.screen.query_one("#choices", OptionList)
        assert "二级 1,200.00" in str(ol.get_option_at_index(0).prompt)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "HouseholdScreen"
        s = app.hh
        assert s.dirty and not s.demo  # the edit copied the demo in first
        visits = s.household.member("me").visits
        assert len(visits) == 1
        v = visits[0]
        assert (v.month, v.care, v.grade, v.amount) == (3, "outpatient", "2", Decimal("1200"))
        assert "二级 1,200.00" in str(app.screen.query_one("#hh-detail-text").render())
        me = next(m for m in s.run_year().members if m.member.id == "me")
        assert me.totals.fund == Decimal("420.00")


def test_member_pane_never_says_may_spend_for_a_broken_binding():
    # 辽阳 binds only 配偶、父母、子女: 姐姐's binding is broken, so her pane must not offer
    # 王伟's account; it names the rule instead (the year's test, usable_binding).
    from yibao_tui.core import household as H
    from yibao_tui.core.policy.cache import PolicyCache
    from yibao_tui.views.household import member_document
    from yibao_tui.views.text import document_lines

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


GRAND = SIBLING.replace('relation = "sibling"', 'relation = "grandparent"').replace(
    "[[binding]]", """[[member]]
id = "pil"
name = "岳母"
relation = "parent-in-law"
city = "liaoyang"
scheme = "resident"
category = "adult"

[[binding]]""")


@aio
async def test_relation_column_fits_its_names(profiles):
    from rich.cells import cell_len
    from textual.widgets import DataTable

    profiles.mkdir(parents=True)
    (profiles / "g.toml").write_text(GRAND, "utf-8")
    app = build([], households="g")
    async with app.run_test(size=SIZE) as pilot:
        # the household screen fills its table once it is shown (late on a loaded machine)
        await wait_until(pilot, lambda: len(app.screen.query("#members")) == 1
                         and len(app.screen.query_one("#members").ordered_columns) > 1)

        def shown():
            mt = app.screen.query_one("#members", DataTable)
            col = mt.ordered_columns[1]
            cells = [str(mt.get_row_at(i)[1]) for i in range(mt.row_count)]
            return cells, col.get_render_width(mt) - 2 * mt.cell_padding

        short, full = "(外)祖父母", "祖父母/外祖父母"
        cells, width = shown()  # 80 columns: the short names, whole
        assert short in cells and width >= max(map(cell_len, cells))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        cells, width = shown()  # wide: the full names, whole
        assert full in cells and width >= max(map(cell_len, cells))
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert short in shown()[0]
        # Refilled after the resize: the rules column is not cut to its header's width.
        assert "不符合&#160;·&#160;可绑定的亲属关系" in app.export_screenshot()
        await pilot.press("f2")  # English at 80 columns: "grandparent" whole, not "grandparen"
        await pilot.pause()
        cells, width = shown()
        assert "grandparent" in cells and width >= max(map(cell_len, cells))
