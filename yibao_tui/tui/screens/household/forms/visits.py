"""A member's visits: pick one to edit or delete."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from yibao_tui.text import t
from yibao_tui.tui.screens.household.forms.base import Form
from yibao_tui.tui.screens.household.forms.visit import VisitForm
from yibao_tui.tui.session import EditError, visit_msg
from yibao_tui.tui.widgets.plain import plain
from yibao_tui.views.household import visit_text


class VisitsForm(Form):
    """The member's visits: Enter (or e) edits the highlighted one in the visit form, d deletes
    it. Dismisses with the number of changes made."""

    HINT_KEY = "hh.visits.hint"
    BINDINGS = (Binding("d", "delete", "hh.key.delete", id="visits.delete"),
                Binding("e", "edit", "hh.key.edit", id="visits.edit"),
                Binding("u", "undo", "hh.key.undo", id="visits.undo"))

    def __init__(self, member):
        super().__init__()
        self.member = member
        self.changed = 0

    def title_text(self):
        return t("hh.visits.title", self.lang, name=self.member.name)

    def fields(self):
        yield OptionList(*self.options(), id="choices", compact=True)

    def current(self):
        """The member as the session has them now (every edit replaces the household)."""
        return self.session.household.member(self.member.id)

    def options(self):
        m = self.current()
        policy = self.app.hh.policies.get(m.city)
        return [Option(plain(visit_text(v, self.lang, policy, m.scheme))) for v in m.visits]

    def refill(self, at):
        ol = self.query_one("#choices", OptionList)
        ol.clear_options()
        ol.add_options(self.options())
        if ol.option_count:
            ol.highlighted = min(at, ol.option_count - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected):
        event.stop()
        self.edit(event.option_index)

    def action_edit(self):
        i = self.query_one("#choices", OptionList).highlighted
        if i is not None:
            self.edit(i)

    def edit(self, i):
        def done(visit):
            if visit is not None:
                self.changed += 1
                self.refill(i)

        self.app.push_screen(VisitForm(self.current(), i), done)

    def action_delete(self):
        """d: delete the highlighted visit, after a question naming it (u brings it back)."""
        from yibao_tui.tui.dialogs.confirm import ConfirmationModal

        i = self.query_one("#choices", OptionList).highlighted
        if i is None:
            return
        m = self.current()
        visit = visit_msg(m.visits[i], self.app.hh.policies.get(m.city), m.scheme)
        question = t("hh.confirm.visit", self.lang, name=self.member.name, visit=visit)

        def answered(yes):
            if not yes:
                return
            try:
                self.session.delete_visit(self.member.id, i)
            except EditError as e:
                self.say("\n".join(e.texts(self.lang)))
                return
            self.changed += 1
            self.refill(i)
            self.say("")
            self.app.notify(t("hh.undo.hint", self.lang,
                              done=t("hh.visit_deleted", self.lang, visit=visit)))

        self.app.push_screen(ConfirmationModal(question, "hh.confirm.yes_delete"), answered)

    def action_undo(self):
        what = self.session.undo()
        if what is None:
            self.app.notify(t("hh.undo.none", self.lang), severity="warning")
            return
        self.changed += 1
        self.refill(self.query_one("#choices", OptionList).highlighted or 0)
        self.app.notify(t("hh.undone", self.lang, what=what))

    def action_submit(self):
        self.dismiss(self.changed)

    def action_cancel(self):
        self.dismiss(self.changed)
