"""A save found the file on disk not as expected: what happened and what can be done."""

from __future__ import annotations

from yibao_tui.core import household as H
from yibao_tui.core.safe import safe
from yibao_tui.storage import store
from yibao_tui.text import t
from yibao_tui.tui.dialogs.choice import Choice
from yibao_tui.tui.dialogs.save_as import SaveAsForm
from yibao_tui.views.household import format_problem

# store.ChangedOnDisk.kind: (title, question, the answers that make sense besides cancel)
CHANGED_KINDS = {
    "changed": ("hh.changed.title", "hh.changed.q",
                (("reload", "r", "hh.changed.reload"), ("saveas", "a", "hh.changed.saveas"))),
    "deleted": ("hh.gone.title", "hh.gone.q",
                (("again", "s", "hh.gone.again"), ("saveas", "a", "hh.changed.saveas"))),
    "exists": ("hh.taken.title", "hh.taken.q", (("saveas", "a", "hh.taken.saveas"),)),
}


class ChangedForm(Choice):
    """A save found the file on disk not as expected (``store.ChangedOnDisk.kind``); nothing was
    written. Each case says what happened and offers what makes sense there:

    - "changed" since it was loaded: reload it (dropping the edits here) or save as;
    - "deleted" since it was loaded: save again where it was, or save as;
    - "exists": a new household's file was created meanwhile by someone else: save as.

    Dismisses True when the edits were saved."""

    def __init__(self, error):
        super().__init__()
        self.error = error
        kind = getattr(error, "kind", "changed")
        self.TITLE_KEY, self.question_key, choices = CHANGED_KINDS.get(kind, CHANGED_KINDS["changed"])
        self.CHOICES = (*choices, ("cancel", "c", "hh.unsaved.cancel"))

    def question(self):
        return t(self.question_key, self.lang, path=safe(self.error.path))

    def answer(self, a):
        lang = self.lang
        if a == "reload":
            try:
                self.session.reload()
            except H.HouseholdError as e:
                self.say("\n".join(format_problem(p, lang) for p in e.problems))
                return
            except store.StoreError as e:
                self.say(str(e))
                return
            self.app.notify(t("hh.reloaded", lang, path=self.session.path))
            self.dismiss(False)
        elif a == "again":
            try:
                self.session.save_again()
            except (store.StoreError, OSError) as e:
                self.say(t("hh.save_failed", lang, err=str(e)))
                return
            self.app.notify(t("hh.saved", lang, path=self.session.path))
            self.dismiss(True)
        elif a == "saveas":
            def saved(ok):
                if ok:
                    self.dismiss(True)  # not returned: the callback's result would be awaited

            self.app.push_screen(SaveAsForm(), saved)
        else:
            self.dismiss(False)
