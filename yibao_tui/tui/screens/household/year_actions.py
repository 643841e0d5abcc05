"""The household screen's year keys: p a member's enrolment entry, t the household's year, R the
rollover (asks first; undone by u like a delete). Mixed into ``detail.HouseholdScreen``, which
supplies ``session``, ``current_member``, ``_edit`` and ``run_delete``."""

from __future__ import annotations

from yibao_tui.text import render, t


class YearActions:
    def action_enrolment(self):
        """p: the highlighted member's enrolment entry for the household's year."""
        from yibao_tui.tui.screens.household.forms import EnrolmentForm

        m = self.current_member()
        if m is None or not m.insured:
            return
        self.app.push_screen(EnrolmentForm(m), lambda done: done and self._edit())

    def action_set_year(self):
        from yibao_tui.tui.screens.household.forms import YearForm

        def done(year):
            if year is not None:
                self._edit()
                self.app.notify(t("hhy.year_set", self.lang, year=year))

        self.app.push_screen(YearForm(), done)

    def action_rollover(self):
        """R: the same family in the next year, after a question; u undoes it."""
        from yibao_tui.tui.dialogs.confirm import ConfirmationModal

        h = self.session.household
        question = t("hhy.confirm.rollover", self.lang, name=h.name, frm=h.year, to=h.year + 1)

        def answered(yes):
            if yes:
                self.run_delete(self.rolled)

        self.app.push_screen(ConfirmationModal(question, "hhy.confirm.yes_rollover"), answered)

    def rolled(self):
        """The rollover made, worded: what changed, what to confirm."""
        ro = self.session.rollover()
        lines = [render(m, self.lang) for m in ro.changes]
        lines += [f"? {render(m, self.lang)}" for m in ro.confirm]
        return "\n".join(lines)
