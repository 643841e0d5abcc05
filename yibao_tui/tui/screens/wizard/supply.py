"""Fill in a figure no source gives, from the breakdown: the value, per what (where it matters),
where it came from (required). Saved to the user's own supplied figures (storage/supplied.py:
the file ``yibao supplied`` and ``yibao estimate`` use), marked "用户提供 / supplied by you".

The figure must be one the policy leaves unknown: ``apply_supplied`` refuses a cited one, and the
form says so. A care figure is narrowed to the visit's hospital grade (the figure was learnt at
that hospital). Typing a figure again replaces the earlier one. Dismisses True when saved; the
caller recomputes (the app's PolicyCache is refreshed here so the new figure is used at once).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from yibao_tui.core.engine.ranges import figure_path
from yibao_tui.core.msg import Msg
from yibao_tui.core.vocab import PERIODS
from yibao_tui.text import render, t
from yibao_tui.tui.screens.localized import Localized
from yibao_tui.tui.widgets.plain import plain
from yibao_tui.views.unknowns import describe, name


def fillable(missing, scheme):
    """The missing names a value can fill (deductibles, rates, first-paid shares, cross-region
    rates, 大病 figures; caps not applied)."""
    return [m for m in missing if figure_path(m, scheme) is not None]


def needs_per(path):
    """A deductible or a care kind's cap: per visit, quarter or year."""
    leaf = path.rsplit(".", 1)[1]
    return ".care." in path and leaf in ("deductible", "cap")


class SupplyScreen(Localized, ModalScreen):
    CSS_PATH = "modal.tcss"
    DEFAULT_CLASSES = "wizard-modal"  # modal.tcss is scoped to these dialogs
    BINDINGS = (Binding("escape", "cancel", "key.close", id="supply.cancel"),
                Binding("ctrl+s", "save", "supply.key.save", id="supply.save"))

    def __init__(self, policy, sel, missing):
        super().__init__()
        self.policy = policy
        self.sel = sel
        self.figures = fillable(missing, sel.scheme)


    def compose(self):
        lang = self.lang
        with Vertical(id="dialog"):
            yield Static(plain(t("supply.title", lang, city=self.policy.name)), classes="dialog-title")
            if not self.figures:
                yield Static(t("supply.none", lang))
                yield Static(t("supply.hint_none", lang), classes="hint")
                return
            yield Static(t("supply.figure", lang))
            yield Select([(plain(name(self.policy, m, lang)), m) for m in self.figures],
                         value=self.figures[0], allow_blank=False, id="figure", compact=True)
            yield Static(plain(describe(self.policy, self.figures[0], lang)), id="describe", classes="hint")
            yield Static(t("supply.value", lang), classes="gap")
            yield self._input("value", t("supply.value_ph", lang))
            yield Static(t("supply.per", lang), id="per-label")
            yield Select([(render(Msg("per." + p), lang), p) for p in PERIODS], value="visit",
                         allow_blank=False, id="per", compact=True)
            yield Static(t("supply.note", lang))
            yield self._input("note", t("supply.note_ph", lang))
            yield Static("", id="exp-msg")
            yield Static(t("supply.hint", lang), classes="hint")

    def _input(self, id, placeholder):
        w = Input("", placeholder=placeholder, id=id, compact=True)
        w.cursor_blink = False  # stable snapshots
        return w

    def on_mount(self):
        if self.figures:
            self._show_per(self.figures[0])
            self.query_one("#value", Input).focus()

    def _show_per(self, path):
        for sel in ("#per", "#per-label"):
            self.query_one(sel).display = needs_per(path)

    def on_select_changed(self, event: Select.Changed):
        if event.select.id == "figure" and event.value in self.figures:
            self.query_one("#describe", Static).update(plain(describe(self.policy, event.value, self.lang)))
            self._show_per(event.value)

    def on_input_submitted(self, event: Input.Submitted):
        event.stop()
        if event.input.id == "value":
            self.query_one("#note", Input).focus()
        else:
            self.action_save()

    def say(self, msg):
        self.query_one("#exp-msg", Static).update(plain(msg))

    def entry(self):
        """The ``[[supplied]]`` entry the form describes, or raises ValueError(message)."""
        from yibao_tui.storage.supplied import value_of

        lang = self.lang
        path = self.query_one("#figure", Select).value  # the name ``missing`` gives it
        try:
            value = value_of(self.query_one("#value", Input).value)
        except ValueError:
            raise ValueError(t("supply.bad_value", lang)) from None
        note = self.query_one("#note", Input).value.strip()
        if not note:
            raise ValueError(t("supply.need_note", lang))
        e = {"city": self.policy.city, "year": self.policy.year, "path": path, "value": value,
             "note": note}
        if needs_per(path):
            e["per"] = self.query_one("#per", Select).value
        if ".care." in path and self.sel.grade:
            e["grades"] = [self.sel.grade]
        return e

    def action_save(self):
        if not self.figures:
            return
        from yibao_tui.core.policy import load
        from yibao_tui.core.supplied import SuppliedError, apply_supplied, parse
        from yibao_tui.storage import supplied as store

        try:
            e = self.entry()
        except ValueError as err:
            self.say(str(err))
            return
        try:
            # Checked against the file as the source gives it (the app's copy may hold earlier
            # figures of yours): it must fill a figure no source gives.
            apply_supplied(load(self.policy.path), parse([e], "supplied"))
        except SuppliedError as err:
            self.say(render(err.why, self.lang))
            return
        try:
            written = store.replace(e)
        except (store.SuppliedFileError, OSError) as err:
            self.say(t("supply.failed", self.lang, err=getattr(err, "msg", None) or str(err)))
            return
        cache = getattr(self.app, "catalog", None)
        if cache is not None and hasattr(cache, "refresh"):
            if cache.fill is None:  # the app was started without them: use them from now on
                cache.fill = store.fill
            cache.refresh()
        self.app.notify(t("supply.saved", self.lang, n=written, path=store.supplied_path()), timeout=6)
        self.dismiss(True)

    def action_cancel(self):
        self.dismiss(False)

    async def relabel(self):
        pass  # keeps its language until closed: rebuilding would lose what was typed
