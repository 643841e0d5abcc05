"""Pilot tests of the household screens: list, detail, forms, year, saving and its dialogs, and
names with markup in them (issue #22) — the wiring, walked in two journeys (an app run costs far
more than an assert). The rules, figures, wording and file effects are unit tests without
Textual: tests/test_session_household.py, tests/test_household_*.py.

``YIBAO_PROFILES`` points at a temporary directory, so the user's own households are never seen.
The one figure here (x's 60.00) is worked by hand from policies/liaoyang-2025.toml.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from tests.test_tui import SIZE, aio, screen_name, wait_until
from yibao_tui.storage import store
from yibao_tui.text import t
from yibao_tui.tui.app import build


def notes(app):
    return [str(n.message) for n in app._notifications]


async def fill(pilot, **values):
    """Set the form's fields by id (Select values, Input text), letting each choice settle:
    choosing a city or scheme refills the lists after it (typed text changes nothing else, so
    one pause at the end lets it settle)."""
    from textual.widgets import Input, Select, SelectionList

    for wid, v in values.items():
        w = pilot.app.screen.query_one(f"#f-{wid}")
        if isinstance(w, Input):
            w.value = v
            continue
        if isinstance(w, Select):
            w.value = v
        elif isinstance(w, SelectionList):
            for f in v:
                w.select(f)
        await pilot.pause()
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


async def keys(pilot, *ks):
    """Press ``ks`` and let what they open settle."""
    await pilot.press(*ks)
    await pilot.pause()


async def on(pilot, name):
    """Wait for the screen ``name`` (a pushed screen mounts a frame or two after its key)."""
    await wait_until(pilot, lambda: screen_name(pilot.app) == name)


def form_msg(app):
    return str(app.screen.query_one("#form-msg").content)


def detail(app):
    return str(app.screen.query_one("#hh-detail-text").content)


def footer_keys(app):
    """The footer's keys, each checked whole inside 80 columns (the household screens have more
    keys than 80 columns hold: some stay off the footer and are listed in help instead)."""
    from textual.widgets import Footer

    shown = [w for w in app.screen.query_one(Footer).walk_children()
             if type(w).__name__ == "FooterKey"]
    cut = [k.key for k in shown if k.region.right > SIZE[0] or not k.region.width]
    assert not cut, cut
    return {k.key for k in shown}


def unwrapped(content):
    """A pane's text without its whitespace: the panes wrap to the window (a quote may run over
    two lines), so what a test looks for is found whatever the width."""
    return re.sub(r"\s+", "", str(content))


# The rules, figures, wording and file effects behind these journeys are unit tests of the
# session, the views and the store (tests/test_session_household.py, tests/test_household_*.py);
# here, the wiring: each key reaches its screen or dialog, and each answer is applied. An app run
# costs far more than an assert, so each test walks one journey.

def _stack(app):
    """The screens open, from the wizard's first one up (Esc goes down it)."""
    names = [type(x).__name__ for x in app.screen_stack]
    return names[names.index("CityScreen"):]


@aio
async def test_demo_edited_then_a_new_household_and_its_year(profiles, monkeypatch):
    """F5 lists the bundled demo, Enter opens it (F1 and F2 whole on the footer at 80 columns);
    the member form's answer reaches the session (its own checks inline) and the first edit
    copies the demo in, said in a notice; w saves; a save that finds the file changed meanwhile
    opens the dialog naming it, and r reloads; b's answer is said in a notice (a broken rule by
    name, with its quote) and shown in the pane; the relation column fits its names at any
    width; F1 lists the keys off the footer and F2 switches the language over it; Esc with
    unsaved edits asks, and d discards them. Then (issue 19) the list names the files it cannot
    read; n makes a new household (its year from the clock, its name shown as typed); t sets the
    household's year and p a member's enrolment entry, their own checks inline, focus back on the
    member table; the first save finds its file made meanwhile: the dialog says so, and save-as
    writes elsewhere. The rules and figures: tests/test_session_household.py,
    tests/test_household_years.py."""
    from rich.cells import cell_len
    from textual.widgets import DataTable, Input, OptionList, Select

    from yibao_tui.core import household as H
    from yibao_tui.core.household import calendar

    monkeypatch.setattr(calendar, "today", lambda: dt.date(2026, 12, 7))
    app = build([])
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "f5")
        await on(pilot, "HouseholdListScreen")
        assert {"f1", "f2"} <= footer_keys(app)
        await keys(pilot, "enter")
        await on(pilot, "HouseholdScreen")
        assert {"f1", "f2", "a", "v", "w"} <= footer_keys(app)
        s = app.hh
        assert s.demo

        # a: head and spouse are taken, so the relation starts on 子女 and offers neither.
        await keys(pilot, "a")
        await on(pilot, "MemberForm")
        rel = app.screen.query_one("#f-relation", Select)
        assert rel.value == "child"
        assert {"self", "spouse"}.isdisjoint(v for _label, v in rel._options)
        # Bad input is an inline message, never a traceback: the id is taken, the year is odd,
        # the payment date is not in the household's year or the one before.
        await fill(pilot, id="kid", name="姐姐", relation="sibling", birth="18", city="liaoyang",
                   scheme="employee", category="active", wage="7,000", paid="2023-12-01",
                   balance="1,000.50")
        await keys(pilot, "ctrl+s")
        assert screen_name(app) == "MemberForm"
        msg = form_msg(app)
        assert "kid" in msg and "1900" in msg and "2024-01-01" in msg
        await fill(pilot, id="sis", birth="1982", paid="2024-12-20")
        await keys(pilot, "ctrl+s")
        await on(pilot, "HouseholdScreen")
        sis = s.household.member("sis")
        assert (sis.name, sis.relation, sis.birth_year, sis.scheme, sis.category,
                sis.account_balance) == ("姐姐", "sibling", 1982, "employee", "active",
                                         Decimal("1000.50"))
        assert sis.enrolment == [{"year": 2025, "wage": Decimal("7000"),
                                  "paid": dt.date(2024, 12, 20)}]
        assert not s.demo and s.dirty
        assert any("demo.toml" in n for n in notes(app))  # the copy is announced
        # w saves (beside Ctrl+S, a common tmux prefix).
        path = s.path
        await keys(pilot, "w")
        assert not s.dirty and "姐姐" in path.read_text(encoding="utf-8")

        # Changed meanwhile (an edit here, another program's there): r reloads the file.
        # (Deleted meanwhile: tests/test_session_household.py; made meanwhile by another
        # program: tests/test_tui_household_years.py.)
        s.delete_member("mum")
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited elsewhere\n", "utf-8")
        theirs = path.read_bytes()
        await keys(pilot, "ctrl+s")
        await on(pilot, "ChangedForm")
        assert str(path) in str(app.screen.query_one("#question").content)
        await keys(pilot, "r")
        await on(pilot, "HouseholdScreen")
        assert "mum" in [m.id for m in s.household.members] and not s.dirty
        assert path.read_bytes() == theirs

        # b: 辽阳 lists 配偶、父母、子女 and nothing else: a sibling breaks the relation rule. The
        # notice names the rule and quotes its source; the bindings table shows the new row.
        await bind(pilot, "me", "sis")
        last = notes(app)[-1]
        assert "可绑定的亲属关系" in last
        assert "可用于支付参保人本人及配偶、父母、子女的医药费用" in last
        assert app.focused.id == "bindings"
        text = unwrapped(detail(app))
        assert "✗可绑定的亲属关系：姐姐是王伟的兄弟姐妹：辽阳只允许绑定配偶、父母、子女" in text
        assert "allows only" not in text
        assert {"f1", "f2"} <= footer_keys(app)

        # The relation column: short names at 80 columns, full ones when wide, each whole.
        s.put_member(H.Member(id="gp", name="奶奶", relation="grandparent", city="liaoyang",
                              scheme="resident", category="adult"))
        app.screen.fill()
        await pilot.pause()

        def shown():
            mt = app.screen.query_one("#members", DataTable)
            col = mt.ordered_columns[1]
            cells = [str(mt.get_row_at(i)[1]) for i in range(mt.row_count)]
            return cells, col.get_render_width(mt) - 2 * mt.cell_padding

        short, full = "(外)祖父母", "祖父母/外祖父母"
        cells, width = shown()
        assert short in cells and width >= max(map(cell_len, cells))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        cells, width = shown()
        assert full in cells and width >= max(map(cell_len, cells))
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert short in shown()[0]
        # Refilled after the resize: the rules column is not cut to its header's width.
        assert "不符合&#160;·&#160;可绑定的亲属关系" in app.export_screenshot()

        # F1: help lists the keys the footer leaves out; F2 switches the language over it.
        await keys(pilot, "f1")
        await on(pilot, "HelpScreen")
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        for k in ("hh.help.edit", "hh.help.delete", "hh.help.visits"):
            assert t(k, "zh") in text
        await keys(pilot, "f2")
        assert app.lang == "en"
        await keys(pilot, "escape")
        await on(pilot, "HouseholdScreen")
        # In English: the footer, the columns, "grandparent" whole at 80 columns, the pane.
        assert {"f1", "f2", "a", "v", "w"} <= footer_keys(app)
        mt = app.screen.query_one("#members", DataTable)
        assert "Relation" in [str(c.label) for c in mt.columns.values()]
        cells, width = shown()
        assert "grandparent" in cells and width >= max(map(cell_len, cells))
        bt = app.screen.query_one("#bindings", DataTable)
        bt.move_cursor(row=bt.row_count - 1)  # 王伟 → 姐姐
        await pilot.pause()
        assert "姐姐is王伟'ssibling:Liaoyangallowsonlyspouse,parent,child" in unwrapped(detail(app))

        # Esc with unsaved edits asks; d discards them (the file stays as it was).
        await keys(pilot, "escape")
        await on(pilot, "UnsavedForm")
        await keys(pilot, "d")
        await on(pilot, "HouseholdListScreen")
        assert app.hh is None and path.read_bytes() == theirs

        # Files it cannot read (written meanwhile; r refreshes): listed by file and line, the
        # rest still load.
        broken = profiles / "broken.toml"
        raw = b'schema = 1\nname = "x"\nyear = 2025\n[[member]\nid = "a"\n\xff\n'
        broken.write_bytes(raw)
        bad = profiles / "bad.toml"
        bad.write_text('schema = 1\nname = "x"\nyear = 2025\n\n[[member]]\nid = "a"\nname = \n',
                       "utf-8")
        bad_raw = bad.read_bytes()
        await keys(pilot, "r")
        assert [ld.name for ld in app.screen.loaded] == ["demo"]
        text = str(app.screen.query_one("#hh-broken").content)
        assert "broken.toml:" in text and "not UTF-8" in text and "bad.toml:7:" in text

        # n: a new household, its year from the clock.
        await keys(pilot, "n")
        await on(pilot, "NewHouseholdForm")
        assert app.screen.query_one("#f-year", Input).value == "2026"
        await fill(pilot, hname=HOSTILE)  # shown as typed, never read as markup (issue #22)
        await keys(pilot, "ctrl+s")
        await on(pilot, "HouseholdScreen")
        assert {"f1", "f2", "a", "v", "w"} <= footer_keys(app)  # in English too
        s = app.hh
        assert s.household.year == 2026 and s.dirty and not s.path.exists()
        assert HOSTILE in str(app.screen.query_one("#hh-status").content)
        # Its first member, put in through the session (the member form is walked in
        # tests/test_tui_household.py; the head offered first: tests/test_session_household.py).
        s.put_member(H.Member(id="nainai", name="奶奶", relation="self", city="yantai",
                              scheme="resident", category="adult"))
        app.screen.fill()

        # t: the household's year, 2026 → 2025 (a bad year is refused in the form).
        await keys(pilot, "t")
        await on(pilot, "YearForm")
        await fill(pilot, year="1999")
        await keys(pilot, "ctrl+s")
        assert screen_name(app) == "YearForm" and s.household.year == 2026
        await fill(pilot, year="2025")
        await keys(pilot, "ctrl+s")
        await on(pilot, "HouseholdScreen")
        assert s.household.year == 2025
        # p: the enrolment entry; a tier 烟台 does not offer is refused with the reader's words.
        await keys(pilot, "p")
        await on(pilot, "EnrolmentForm")
        await fill(pilot, paid="2024-11-20", tier="3")
        await keys(pilot, "ctrl+s")
        assert screen_name(app) == "EnrolmentForm" and "3" in form_msg(app)
        await fill(pilot, tier="1", history="2024")
        await keys(pilot, "ctrl+s")
        await on(pilot, "HouseholdScreen")
        assert s.household.member("nainai").enrolment == [
            {"year": 2024}, {"year": 2025, "paid": dt.date(2024, 11, 20), "tier": 1}]
        # "成年居民一档370元": the pane shows the premium the entry gives
        assert s.enrolment.members[0].premium.amount == Decimal("370")
        assert "370.00" in str(app.screen.query_one("#hh-detail-text").content)
        # focus is back on the member table after the dialog
        assert app.focused is not None and app.focused.id == "members"

        # The first save finds the file made meanwhile by another program: the dialog says it
        # exists (not "changed"), offers no reload, and saves under another name.
        path = s.path
        store.save_new(store.load_demo().household, profiles, path.stem)
        theirs = path.read_bytes()
        await keys(pilot, "ctrl+s")
        await on(pilot, "ChangedForm")
        scr = app.screen
        assert str(scr.query_one(".dialog-title").content) == "That file already exists"
        q = str(scr.query_one("#question").content)
        assert str(path) in q and "already exists" in q and "changed" not in q
        options = [str(o.prompt) for o in scr.query_one("#choices", OptionList).options]
        assert options == ["a  Save this household under another file name",
                           "c  Cancel, keep editing"]
        await keys(pilot, "r")  # no reload here
        assert screen_name(app) == "ChangedForm" and s.dirty
        await keys(pilot, "a")
        await on(pilot, "SaveAsForm")
        await keys(pilot, "enter")  # the offered name: <stem>-2
        await on(pilot, "HouseholdScreen")
        assert s.path == profiles / f"{path.stem}-2.toml" and not s.dirty
        assert "奶奶" in s.path.read_text(encoding="utf-8")
        assert path.read_bytes() == theirs  # theirs, untouched
        # Esc: back on the list, which now shows both files.
        await keys(pilot, "escape")
        await on(pilot, "HouseholdListScreen")
        assert sorted(ld.name for ld in app.screen.loaded) == sorted(["demo", path.stem, f"{path.stem}-2"])
        table = app.screen.query_one("#hh-table", DataTable)
        assert HOSTILE in [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
    assert broken.read_bytes() == raw and bad.read_bytes() == bad_raw


# Issue #22: a user's or a file's string reaches a widget as plain text, never as Textual markup
# (``[/x]`` raised MarkupError and ended the app, ``[@click=app.quit]`` made a name a button).
HOSTILE = "[/x] [b [@click=app.quit]q[/]"


def _plant_hostile(profiles):
    """The demo, copied in, with markup for names: the household's, 王伟's ([/王伟]: his name
    reaches the visits list's, the visit form's and the question's titles), 妈妈's ([/妈妈]) and
    小明's ([b)."""
    path = store.copy_demo(profiles).path
    text = path.read_text(encoding="utf-8")
    text = text.replace('name = "示例家庭 Demo family"', f'name = "{HOSTILE}"')
    text = text.replace('name = "妈妈"', 'name = "[/妈妈]"').replace('name = "小明"', 'name = "[b"')
    text = text.replace('name = "王伟"', 'name = "[/王伟]"')
    path.write_text(text, encoding="utf-8")
    return path


@aio
async def test_names_as_typed_delete_undo_bind_visits_year_estimate_and_quit(profiles):
    """Names with markup in them are shown as typed (the household's, a member's in the tables,
    the question and the notice); d asks first and names what goes, u brings it back; on the
    bindings table d unbinds and b binds again (said in a notice); V deletes and edits one visit
    (the visit form's own checks inline); after a dialog the member table has the focus and ↓
    moves at once; R asks, y shows the new year and [ the year kept, u undoes it; x opens the
    wizard for the highlighted member; Ctrl+Q with unsaved edits asks, and s saves, then
    quits."""
    from textual.widgets import Button, DataTable, Input, OptionList, Select

    from yibao_tui.views.year import members_section

    path = _plant_hostile(profiles)
    app = build([], households="demo")
    async with app.run_test(size=SIZE) as pilot:
        await on(pilot, "HouseholdScreen")
        assert _stack(app) == ["CityScreen", "HouseholdListScreen", "HouseholdScreen"]
        s = app.hh
        assert s.path == path and not s.demo
        # Names are shown as typed, never read as markup (issue #22).
        assert HOSTILE in str(app.screen.query_one("#hh-status").content)
        assert str(app.screen.query_one("#members", DataTable).get_row_at(2)[0]) == "[/妈妈]"

        # d on 小明: the question names him and what goes with him; No has the focus.
        await select_member(pilot, "kid")
        await keys(pilot, "d")
        await on(pilot, "ConfirmationModal")
        q = str(app.screen.query_one("#confirm-q").content)
        assert "删除成员 [b？其 1 次就诊和 1 个共济绑定" in q
        assert app.screen.focused is app.screen.query_one("#confirm-no", Button)  # Enter keeps
        # Yes (the button): he goes with his binding; the notice and the status offer u.
        await pilot.click("#confirm-yes")
        await on(pilot, "HouseholdScreen")
        assert "kid" not in [m.id for m in s.household.members] and ("me", "kid") not in s.pairs()
        assert "u 撤销" in notes(app)[-1]
        assert "u 撤销" in str(app.screen.query_one("#hh-status").content)
        await keys(pilot, "u")
        assert [m.id for m in s.household.members] == ["me", "spouse", "mum", "kid"]
        assert "已撤销" in notes(app)[-1] and "[b" in notes(app)[-1]
        # On the bindings table d unbinds, after asking (Esc would keep it); b binds again.
        app.screen.query_one("#bindings", DataTable).focus()
        await keys(pilot, "d")
        await on(pilot, "ConfirmationModal")
        assert "解除 [/王伟] → 李娜" in str(app.screen.query_one("#confirm-q").content)
        await keys(pilot, "y")
        await on(pilot, "HouseholdScreen")
        assert ("me", "spouse") not in s.pairs()
        await bind(pilot, "me", "spouse")
        assert ("me", "spouse") in s.pairs() and "已绑定" in notes(app)[-1]

        # V: 王伟's visits. d deletes the highlighted one after a question naming it; u there
        # brings it back.
        await select_member(pilot, "me")
        await keys(pilot, "V")
        await on(pilot, "VisitsForm")
        await keys(pilot, "d")
        await on(pilot, "ConfirmationModal")
        assert "删除[/王伟]的这次就诊：3月 普通门诊 三级 1,000.00" in str(
            app.screen.query_one("#confirm-q").content)
        await keys(pilot, "y")
        await on(pilot, "VisitsForm")
        assert s.household.member("me").visits == []
        await keys(pilot, "u")
        assert len(s.household.member("me").visits) == 1
        # Enter opens the highlighted visit in the visit form, filled from it.
        await keys(pilot, "enter")
        await on(pilot, "VisitForm")
        scr = app.screen
        assert "修改" in str(scr.query_one(".dialog-title").content)
        assert scr.query_one("#f-month", Select).value == 3
        assert scr.query_one("#f-care", Select).value == "outpatient"
        assert scr.query_one("#f-grade", Select).value == "3"
        assert scr.query_one("#f-amount", Input).value == "1,000.00"
        # Its own checks are inline, nothing changes: parts over the amount; bad figures.
        await fill(pilot, class_b="800", special_drugs="300", out_of_policy="abc")
        await keys(pilot, "ctrl+s")
        assert screen_name(app) == "VisitForm"
        assert "乙类与特殊药品部分之和" in form_msg(app)
        assert "目录外费用：“abc”不是以元为单位的金额" in form_msg(app)
        await fill(pilot, amount="12x")
        await keys(pilot, "ctrl+s")
        assert "政策范围内费用" in form_msg(app)
        assert s.household.member("me").visits[0].amount == Decimal("1000")
        await fill(pilot, grade="2", amount="1200", class_b="200", special_drugs="",
                   out_of_policy="")
        await keys(pilot, "ctrl+s")
        await on(pilot, "VisitsForm")  # back on the list, which shows the change
        ol = app.screen.query_one("#choices", OptionList)
        assert "二级 1,200.00" in str(ol.get_option_at_index(0).prompt)
        await keys(pilot, "escape")
        await on(pilot, "HouseholdScreen")
        (v,) = s.household.member("me").visits
        assert (v.month, v.grade, v.amount, v.class_b, v.special_drugs, v.out_of_policy) == \
            (3, "2", Decimal(1200), Decimal(200), 0, 0)
        assert "3月 普通门诊 二级 1,200.00（其中乙类 200.00）" in detail(app)  # the pane follows
        # After a dialog the member table has the focus again: ↓ moves at once.
        assert app.focused.id == "members"
        await keys(pilot, "down")  # 王伟 → 李娜
        assert app.screen.current_member().id == "spouse"

        # R: the next year, after a question; y shows it, [ the year kept, as the view gives it.
        await keys(pilot, "R")
        await on(pilot, "ConfirmationModal")
        await keys(pilot, "y")
        await on(pilot, "HouseholdScreen")
        assert s.household.year == 2026 and s.undo_point is not None
        await keys(pilot, "y")
        await on(pilot, "YearScreen")
        assert app.screen.year is None and app.screen.hy.rows == []
        assert HOSTILE in str(app.screen.query_one("#yr-head").content)
        assert {"f1", "f2"} <= footer_keys(app)
        await keys(pilot, "[")
        assert app.screen.year == 2025 and len(app.screen.hy.rows) == 4
        kept, _pols = s.year_view(2025)
        (r,) = [r for r in members_section(kept, app.screen.hy, "zh").rows if r.key == "me"]
        cells = {f.key: f.cell for f in r.figures}
        assert app.screen.query_one("#year", DataTable).get_row("mum")[0].plain == "[/妈妈]"
        row = app.screen.query_one("#year", DataTable).get_row("me")
        assert [c.plain for c in row[1:]] == [cells[k] for k in ("fund", "serious_illness",
                                                                 "account", "cash", "total")]
        await keys(pilot, "escape")
        await on(pilot, "HouseholdScreen")
        await keys(pilot, "u")  # the rollover undone: 2025 and its visits again
        assert s.household.year == 2025 and s.household.member("spouse").visits

        # x acts on the highlighted member: the wizard, prefilled from 李娜 and her first visit;
        # the household stays on the app with its edits (F5 reopens it, as a name at start does).
        # 辽阳 resident adult, outpatient grade 1, 200 → (200 − 100 yearly deductible) × 60% = 60.00.
        await keys(pilot, "x")
        await on(pilot, "BreakdownScreen")
        sel = app.sel
        assert (sel.city, sel.scheme, sel.category, sel.care, sel.grade) == \
            ("liaoyang", "resident", "adult", "outpatient", "1")
        assert app.screen.result.fund == Decimal("60.00")
        assert app.hh is s and s.dirty
        # Ctrl+Q with unsaved edits asks, from the wizard too; s saves, then quits.
        await keys(pilot, "ctrl+q")
        await on(pilot, "UnsavedForm")
        await keys(pilot, "s")
        await wait_until(pilot, lambda: not app.is_running)
    assert store.read(path).household.member("me").visits[0].amount == Decimal("1200")
