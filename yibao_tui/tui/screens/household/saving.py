"""Saving the open household, and asking about unsaved changes before leaving it."""

from __future__ import annotations

from yibao_tui.storage import store
from yibao_tui.text import t


def save_session(app, after=None, then=None):
    """ctrl+s: save; a file changed, deleted or already there on disk opens the dialog that says
    which, with what can be done about it (reload, save again, save as)."""
    s = app.hh
    lang = app.lang
    try:
        s.save()
    except store.ChangedOnDisk as e:
        from yibao_tui.tui.dialogs.changed import ChangedForm

        def chosen(ok):
            if after:
                after()
            if ok and then:
                then()

        app.push_screen(ChangedForm(e), chosen)
        return False
    except (store.StoreError, OSError) as e:
        from yibao_tui.views.household import store_error_text

        app.notify(t("hh.save_failed", lang, err=store_error_text(e, lang)), severity="error",
                   timeout=10)
        return False
    app.notify(t("hh.saved", lang, path=s.path))
    if after:
        after()
    if then:
        then()
    return True


def confirm_unsaved(app, proceed):
    """Run ``proceed`` now if nothing is unsaved; else ask save / discard / cancel first."""
    s = app.hh
    if s is None or not s.dirty:
        proceed()
        return
    from yibao_tui.tui.dialogs.unsaved import UnsavedForm

    def chosen(choice):
        if choice == "save":
            save_session(app, then=proceed)
        elif choice == "discard":
            s.dirty = False
            proceed()

    app.push_screen(UnsavedForm(), chosen)
