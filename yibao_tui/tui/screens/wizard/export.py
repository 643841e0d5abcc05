"""Export the breakdown to a Markdown file (atomic, mode 0600, never through a symlink) and send
it to the terminal's clipboard (OSC 52: not every terminal accepts it). An existing file is
replaced only when Enter is pressed again for the same path (the dialog says so); Esc cancels.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from yibao_tui.text import t
from yibao_tui.tui.screens.localized import Localized, localize
from yibao_tui.tui.wizard import default_export_name, export
from yibao_tui.views.markdown import markdown


class ExportScreen(Localized, ModalScreen):
    CSS_PATH = "modal.tcss"
    DEFAULT_CLASSES = "wizard-modal"  # modal.tcss is scoped to these dialogs
    BINDINGS = (Binding("escape", "app.pop_screen", "key.close", id="export.close"),)

    def __init__(self, doc):
        """``doc``: the breakdown's document (``views.estimate.visit_document``)."""
        super().__init__()
        self.doc = doc
        self.confirm = None  # the path the user was asked about: Enter again replaces it

    def compose(self):
        lang = self.app.lang
        with Vertical(id="dialog"):
            yield Static(t("exp.title", lang), classes="dialog-title")
            yield Static(t("exp.path", lang))
            path = Input(default_export_name(self.app.sel), id="path", compact=True)
            path.cursor_blink = False
            yield path
            yield Static("", id="exp-msg", markup=False)  # it may quote a path: no markup
            yield Static(t("exp.hint", lang), classes="hint")

    def on_mount(self):
        self.query_one("#path").focus()

    async def relabel(self):
        localize(self, self.app.lang)
        value = self.query_one("#path", Input).value
        await self.recompose()
        self.query_one("#path", Input).value = value
        self.on_mount()

    def on_input_changed(self, event: Input.Changed):
        if self.confirm is not None and event.value.strip() != self.confirm:
            self.confirm = None  # another name: ask again if that one exists too
            self.query_one("#exp-msg", Static).update("")

    def on_input_submitted(self, event: Input.Submitted):
        from yibao_tui.core.safe import safe as escape

        lang = self.app.lang
        msg = self.query_one("#exp-msg", Static)
        path = event.value.strip()
        if not path:
            msg.update(t("exp.empty", lang))
            return
        text = markdown(self.doc)
        try:
            written = export(path, text, replace=self.confirm == path)
        except FileExistsError:
            self.confirm = path
            msg.update(t("exp.exists", lang, path=escape(path, 200)))
            return
        except OSError as e:  # a symlink or a special file is refused here too (never followed)
            self.confirm = None
            msg.update(t("exp.failed", lang, err=escape(e.strerror or str(e), 300)))
            return
        self.app.copy_to_clipboard(text)
        self.dismiss()
        self.app.notify(t("exp.done", lang, path=escape(written, 200)), timeout=6, markup=False)
