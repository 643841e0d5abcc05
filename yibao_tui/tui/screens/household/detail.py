"""One household: members, bound accounts with each rule's status, the city's checklist.

Edits go through ``hh_session.Session`` (kept on the app, so leaving to estimate and coming back
keeps unsaved edits). Esc with unsaved changes asks save / discard / cancel.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from yibao_tui.core.engine import yuan
from yibao_tui.text import render, t, term
from yibao_tui.tui.screens.household.base import HouseholdBase
from yibao_tui.tui.screens.household.saving import confirm_unsaved, save_session
from yibao_tui.tui.screens.household.year_actions import YearActions
from yibao_tui.tui.widgets.document_text import document_text
from yibao_tui.tui.widgets.plain import PlainTable
from yibao_tui.tui.widgets.quiet import set_text
from yibao_tui.views.household import MARK, binding_document, city_name, member_document, source_title
from yibao_tui.views.household_enrolment import member_enrolment_document

MARK_STYLE = {"ok": "green", "broken": "bold red", "unknown": "yellow"}


# From this width the table has room for the relations' full names (祖父母/外祖父母); below it,
# the catalogue's short ones ((外)祖父母), so a name is never cut mid-word.
WIDE = 100


def rel_label(rel, lang, wide=True):
    return t(f"relation.{rel}" if wide else f"hh.rel_short.{rel}", lang)


def city_label(session, city, lang):
    return city_name(session.policies, city, lang)


def member_row(session, m, lang, wide=True):
    if m.insured and m.scheme:
        scheme = t(f"hh.scheme.{m.scheme}", lang)
        cat = term(m.category, lang) if m.category else ""
    else:
        scheme, cat = t("hh.not_insured", lang), ""
    bal = "" if m.account_balance is None else yuan(m.account_balance)
    return (m.name, rel_label(m.relation, lang, wide), city_label(session, m.city, lang), scheme, cat,
            Text(bal, justify="right"), Text(str(len(m.visits)), justify="right"))


def worst(rules):
    for s in ("broken", "unknown"):
        if any(r.status == s for r in rules):
            return s
    return "ok"


class HouseholdScreen(YearActions, HouseholdBase):
    SUBTITLE = "hh.detail.title"
    HELP_KEYS = ("hh.help.edit", "hh.help.delete", "hh.help.undo", "hh.help.tab", "hh.help.bind",
                 "hh.help.visit", "hh.help.visits", "hhy.help.enrolment", "hh.help.estimate",
                 "hh.help.year", "hhy.help.past", "hhy.help.set_year", "hhy.help.rollover",
                 "hh.help.save", "hh.help.back")
    BINDINGS = (
        Binding("escape", "back", "key.back", id="household.back"),
        Binding("a", "add_member", "hh.key.add", id="household.add_member"),
        # Off the footer so F1 help and F2 language fit in 80 columns; listed in help (F1).
        Binding("e", "edit_member", "hh.key.edit", show=False, id="household.edit_member"),
        Binding("d", "delete", "hh.key.delete", show=False, id="household.delete"),
        # Off the footer too (it is full at 80 columns): the status line says what u brings back.
        Binding("u", "undo", "hh.key.undo", show=False, id="household.undo"),
        Binding("ctrl+z", "undo", "hh.key.undo", show=False, id="household.undo"),
        Binding("b", "bind", "hh.key.bind", id="household.bind"),
        Binding("v", "add_visit", "hh.key.visit", id="household.add_visit"),
        Binding("V", "visits", "hh.key.visits", show=False, id="household.visits"),
        Binding("x", "estimate", "hh.key.estimate", id="household.estimate"),
        Binding("y", "year", "hh.key.year", id="household.year"),
        Binding("p", "enrolment", "hhy.key.enrolment", show=False, id="household.enrolment"),
        Binding("t", "set_year", "hhy.key.set_year", show=False, id="household.set_year"),
        Binding("R", "rollover", "hhy.key.rollover", show=False, id="household.rollover"),
        # w (write) beside Ctrl+S, which is a common tmux prefix
        Binding("w", "save", "key.save", id="household.save"),
        Binding("ctrl+s", "save", "key.save", show=False, id="household.save"),
    )

    @property
    def session(self):
        return self.app.hh

    def body(self):
        yield Static(id="hh-status", classes="status")
        yield PlainTable(id="members", cursor_type="row", zebra_stripes=True)
        yield PlainTable(id="bindings", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="hh-detail"):
            yield Static(id="hh-detail-text")

    def setup(self):
        self.was_demo = self.session.demo
        self.fill()
        self.query_one("#members").focus()

    # ── display ──

    def fill(self, member_row_at=None, binding_row_at=None):
        lang, s = self.lang, self.session
        mt = self.query_one("#members", DataTable)
        bt = self.query_one("#bindings", DataTable)
        m_row = mt.cursor_row if member_row_at is None else member_row_at
        b_row = bt.cursor_row if binding_row_at is None else binding_row_at
        # Columns as wide as their content (no fixed widths cutting 祖父母/外祖父母 or
        # "grandparent"); short relation names below WIDE columns.
        self.wide = self.app.size.width >= WIDE
        mt.clear(columns=True)
        for key in ("hh.col.name", "hh.col.relation", "hh.col.city", "hh.col.scheme",
                    "hh.col.category"):
            mt.add_column(t(key, lang))
        for key in ("hh.col.balance", "hh.col.visits"):
            mt.add_column(Text(t(key, lang), justify="right"))
        for m in s.household.members:
            mt.add_row(*member_row(s, m, lang, self.wide), key=m.id)
        bt.clear(columns=True)
        for key in ("hh.col.holder", "hh.col.beneficiary", "hh.col.rules"):
            bt.add_column(t(key, lang))
        for hid, bid in s.pairs():
            rules = s.rules_for(hid, bid)
            w = worst(rules)
            first = next((r for r in rules if r.status == w), None)
            status = Text(f"{MARK[w]} {t('hh.status.' + w, lang)}", style=MARK_STYLE[w])
            if first is not None and w != "ok":
                status.append(f" · {t('rule_name.' + first.rule, lang)}")
            bt.add_row(s.household.member(hid).name, s.household.member(bid).name, status,
                       key=f"{hid}>{bid}")
        if s.household.members:
            mt.move_cursor(row=min(max(m_row, 0), len(s.household.members) - 1), animate=False)
        if s.pairs():
            bt.move_cursor(row=min(max(b_row, 0), len(s.pairs()) - 1), animate=False)
        self.show_status()
        self.show_detail()

    def show_status(self):
        lang, s = self.lang, self.session
        h = s.household
        text = Text()
        text.append(f"{h.name} · {h.year}", style="bold")
        if s.demo:
            text.append("  " + t("hh.demo_note", lang), style="italic")
        elif s.path is not None:
            text.append(f"  {s.path.name}", style="dim")
        if s.dirty:
            text.append("  ● " + t("hh.unsaved", lang), style="bold yellow")
        if s.undo_point is not None:
            text.append("  " + t("hh.undo.status", lang), style="italic")  # short: 80 columns
        set_text(self.query_one("#hh-status", Static), text)

    def show_detail(self):
        focused = self.focused.id if self.focused is not None else "members"
        text = self.binding_detail() if focused == "bindings" else self.member_detail()
        set_text(self.query_one("#hh-detail-text", Static), text)

    def current_member(self):
        mt = self.query_one("#members", DataTable)
        ms = self.session.household.members
        return ms[mt.cursor_row] if ms and 0 <= mt.cursor_row < len(ms) else None

    def current_pair(self):
        bt = self.query_one("#bindings", DataTable)
        pairs = self.session.pairs()
        return pairs[bt.cursor_row] if pairs and 0 <= bt.cursor_row < len(pairs) else None

    def cols(self):
        return max(40, self.app.size.width - 4)

    def member_detail(self):
        lang, s = self.lang, self.session
        m = self.current_member()
        if m is None:
            return Text(t("hh.no_members", lang), style="dim")
        h = s.household
        text = document_text(member_document(h, m, s.policies, s.check, lang), self.cols())
        enrol = member_enrolment_document(s.enrolment, m, h.year, lang)
        if enrol is not None:
            text.append("\n")
            document_text(enrol, self.cols(), into=text)
        return text

    def binding_detail(self):
        lang, s = self.lang, self.session
        pair = self.current_pair()
        if pair is None:
            return Text(t("hh.no_bindings", lang), style="dim")
        hid, bid = pair
        doc = binding_document(s.household, s.check, s.policies, hid, bid, s.rules_for(hid, bid), lang)
        return document_text(doc, self.cols())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted):
        self.show_detail()

    def on_resize(self):  # Textual also runs HouseholdBase's (the size notice)
        if getattr(self, "wide", None) is not None and self.wide != (self.app.size.width >= WIDE):
            # across WIDE: the relations' full or short names; after the resize has settled
            # (refilled inside it, the rules column kept the header's width)
            self.call_after_refresh(self.fill)

    def on_descendant_focus(self, event):
        if getattr(event.widget, "id", None) in ("members", "bindings"):
            self.last_table = event.widget.id
        self.show_detail()

    def on_screen_resume(self):
        """Back from a dialog: the table that had focus has it again (unless the dialog's
        answer moved it), on the row it was on, so ↑/↓ move at once and every key acts on the
        highlighted row."""
        if self.focused is None or self.focused.id not in ("members", "bindings"):
            self.query_one(f"#{getattr(self, 'last_table', 'members')}", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected):
        if event.data_table.id == "members":
            self.action_edit_member()

    # ── edits ──

    def _edit(self, fn=None):
        """Run an edit (or note one a dialog made) and redraw; the first edit of the bundled
        demo copies it into the households dir, and the user is told where."""
        out = fn() if fn else None
        if self.was_demo and not self.session.demo:
            self.app.notify(t("hh.copied", self.lang, path=self.session.path), timeout=8)
        self.was_demo = self.session.demo
        self.fill()
        return out

    def action_add_member(self):
        from yibao_tui.tui.screens.household.forms import MemberForm

        def done(member):
            if member is not None:
                self._edit()
                mt = self.query_one("#members", DataTable)
                mt.move_cursor(row=len(self.session.household.members) - 1, animate=False)

        self.app.push_screen(MemberForm(None), done)

    def action_edit_member(self):
        from yibao_tui.tui.screens.household.forms import MemberForm

        m = self.current_member()
        if m is None:
            return

        def done(member):
            if member is not None:
                self._edit()

        self.app.push_screen(MemberForm(m), done)

    def action_delete(self):
        """d: delete the highlighted member (with their visits and bindings) or, on the bindings
        table, unbind — each after a question naming what goes; u brings it back."""
        from yibao_tui.tui.dialogs.confirm import ConfirmationModal

        lang, h = self.lang, self.session.household
        focused = self.focused.id if self.focused is not None else "members"
        if focused == "bindings":
            pair = self.current_pair()
            if pair is None:
                return
            holder, ben = (h.member(x).name for x in pair)
            question = t("hh.confirm.unbind", lang, holder=holder, ben=ben)
            yes = "hh.confirm.yes_unbind"

            def edit():
                self.session.unbind(*pair)
                return t("hh.unbound", lang, holder=holder, ben=ben)
        else:
            m = self.current_member()
            if m is None:
                return
            n_bound = sum(1 for p in self.session.pairs() if m.id in p)
            question = t("hh.confirm.member", lang, name=m.name, visits=len(m.visits), bound=n_bound)
            yes = "hh.confirm.yes_delete"

            def edit():
                self.session.delete_member(m.id)
                return t("hh.deleted", lang, name=m.name)

        def answered(yes_):
            if yes_:
                self.run_delete(edit)

        self.app.push_screen(ConfirmationModal(question, yes), answered)

    def run_delete(self, edit):
        from yibao_tui.tui.session import EditError

        try:
            done = self._edit(edit)
        except EditError as e:
            self.app.notify(t("hh.cannot", self.lang, msg="; ".join(e.texts(self.lang))),
                            severity="error", timeout=8)
            return
        self.app.notify(t("hh.undo.hint", self.lang, done=done))

    def action_undo(self):
        what = self.session.undo()
        if what is None:
            self.app.notify(t("hh.undo.none", self.lang), severity="warning")
            return
        self.fill()
        self.app.notify(t("hh.undone", self.lang, what=what))

    def action_bind(self):
        from yibao_tui.tui.screens.household.forms import BindForm

        if len(self.session.household.members) < 2:
            self.app.notify(t("hh.bind.need_two", self.lang), severity="warning")
            return

        def done(broken):
            if broken is None:
                return
            self._edit()
            bt = self.query_one("#bindings", DataTable)
            bt.focus()
            bt.move_cursor(row=len(self.session.pairs()) - 1, animate=False)
            self.show_detail()
            if broken:
                r = broken[0]
                h = self.session.household
                policy = self.session.policies.get(h.member(r.holder).city)
                msg = t("hh.bind.broken", self.lang, rule=t(f"rule_name.{r.rule}", self.lang),
                        msg=render(r.msg, self.lang))
                if r.quote:
                    msg += (f"\n↳ {source_title(policy, r.source)}{t('hh.colon', self.lang)}"
                            f"“{r.quote}”")
                self.app.notify(msg, severity="warning", timeout=10)
            else:
                self.app.notify(t("hh.bind.ok", self.lang))

        self.app.push_screen(BindForm(), done)

    def action_add_visit(self):
        from yibao_tui.tui.screens.household.forms import VisitForm

        m = self.current_member()
        if m is None:
            return
        if not m.insured:
            self.app.notify(t("hh.visit.not_insured", self.lang, name=m.name), severity="warning")
            return

        def done(visit):
            if visit is not None:
                self._edit()

        self.app.push_screen(VisitForm(m), done)

    def action_visits(self):
        from yibao_tui.tui.screens.household.forms import VisitsForm

        m = self.current_member()
        if m is None or not m.visits:
            return

        def done(changed):
            if changed:
                self._edit()

        self.app.push_screen(VisitsForm(m), done)

    # ── elsewhere ──

    async def action_estimate(self):
        m = self.current_member()
        if m is None:
            return
        if not m.insured:
            self.app.notify(t("hh.visit.not_insured", self.lang, name=m.name), severity="warning")
            return
        await self.app.estimate_member(m)

    def action_year(self):
        from yibao_tui.tui.screens.household.year import YearScreen

        self.app.push_screen(YearScreen())

    def action_save(self):
        save_session(self.app, after=self.fill)

    def action_back(self):
        def leave():
            self.app.hh = None
            self.app.pop_screen()

        confirm_unsaved(self.app, leave)


__all__ = ["SCREEN", "HouseholdScreen", "confirm_unsaved", "save_session"]  # the old names stay here

SCREEN = HouseholdScreen
