"""Households: the list of household files (the bundled demo while the user has none).

Opened from the wizard with F5 / h, or ``yibao household tui [NAME]``. This module and the other
household screens are imported only then, so the wizard starts as before. Broken files are
listed with file, line and reason and never opened (nor written).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from yibao_tui.core import household as H
from yibao_tui.storage import store
from yibao_tui.text import t
from yibao_tui.tui.screens.household.base import HouseholdBase  # app.py imports it from here
from yibao_tui.tui.session import EditError, Session
from yibao_tui.tui.widgets.plain import PlainTable
from yibao_tui.views.household import format_problem, store_error_text


class HouseholdListScreen(HouseholdBase):
    SUBTITLE = "hh.list.title"
    HELP_KEYS = ("hh.help.open", "hh.help.new", "hh.help.refresh", "hh.help.back_list")
    BINDINGS = (
        Binding("escape", "back", "key.back", id="households.back"),
        Binding("n", "new", "hh.key.new", id="households.new"),
        Binding("r", "refresh", "hh.key.refresh", id="households.refresh"),
    )

    def body(self):
        yield Static(id="hh-where", classes="status")
        yield PlainTable(id="hh-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="hh-notes"):
            yield Static(id="hh-broken", classes="error")
            yield Static(id="hh-hint", classes="hint")

    def setup(self):
        self.fill()

    def fill(self):
        lang = self.lang
        d = store.households_dir(self.app.profiles)
        try:
            self.loaded, self.broken = store.list_all(d)
        except store.StoreError as e:
            self.loaded, self.broken = [], []
            self.app.notify(store_error_text(e, lang), severity="error")
        self.query_one("#hh-where", Static).update(Text(t("hh.list.where", lang, dir=d)))
        table = self.query_one("#hh-table", DataTable)
        table.clear(columns=True)
        for key, w in (("hh.col.file", 14), ("hh.col.name", 34), ("hh.col.year", 5),
                       ("hh.col.members", 7), ("hh.col.bindings", 6)):
            table.add_column(t(key, lang), width=w)
        for i, ld in enumerate(self.loaded):
            h = ld.household
            name = Text(h.name)
            if ld.demo:
                name.append(" " + t("hh.demo_tag", lang), style="italic")
            table.add_row(ld.name, name, str(h.year), str(len(h.members)),
                          str(sum(len(b.beneficiaries) for b in h.bindings)), key=str(i))
        broken = self.query_one("#hh-broken", Static)
        if self.broken:
            lines = [t("hh.list.broken", lang)]
            for b in self.broken:
                lines.append(f"• {b.path.name}")
                lines += [f"    {format_problem(p, lang)}" for p in b.problems[:5]]
            broken.update(Text("\n".join(lines)))
            broken.display = True
        else:
            broken.display = False
        demo = any(ld.demo for ld in self.loaded)
        self.query_one("#hh-hint", Static).update(
            t("hh.list.hint_demo" if demo else "hh.list.hint", lang))
        table.focus()

    def on_screen_resume(self):
        # Back from a household: it may have been saved, saved as, or created.
        if hasattr(self, "loaded"):
            self.fill()

    def action_back(self):
        self.app.pop_screen()

    def action_refresh(self):
        self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected):
        self.action_open()

    def action_open(self):
        table = self.query_one("#hh-table", DataTable)
        if not self.loaded:
            return
        ld = self.loaded[table.cursor_row]
        self.app.hh = Session.from_loaded(ld, self.app.profiles, self.app.dirs)
        self.open_detail()

    def open_detail(self):
        from yibao_tui.tui.screens.household.detail import HouseholdScreen

        self.app.push_screen(HouseholdScreen())

    def action_new(self):
        from yibao_tui.tui.screens.household.forms import NewHouseholdForm

        def made(session):
            if session is not None:
                self.app.hh = session
                self.open_detail()

        self.app.push_screen(NewHouseholdForm(), made)


def open_session(app, name):
    """``yibao household tui NAME``: the Session for NAME, or None with a message shown."""
    try:
        ld = store.read(store.resolve(name, app.profiles))
    except H.HouseholdError as e:
        app.notify("\n".join(format_problem(p, getattr(app, "lang", "zh")) for p in e.problems),
                   severity="error", timeout=10)
        return None
    except store.StoreError as e:
        app.notify(store_error_text(e, getattr(app, "lang", "zh")), severity="error", timeout=10)
        return None
    except EditError as e:
        app.notify("\n".join(e.texts(getattr(app, "lang", "zh"))), severity="error", timeout=10)
        return None
    return Session.from_loaded(ld, app.profiles, app.dirs)


SCREEN = HouseholdListScreen
