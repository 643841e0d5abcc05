"""What the breakdown's keys open: compare, export, the slip check, the cost curve, a figure to
fill in. Each needs a result from the inputs on screen; without one the status line says why and
nothing opens (no figure from older inputs is ever carried on)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from yibao_tui.text import t
from yibao_tui.tui.widgets.quiet import set_display, set_text

# The steps of a figure no source gives that a value can fill (a deductible, a rate, a first-paid
# share, a cross-region rate, a 大病 figure): the breakdown's cursor starts on the first, so ``s``
# fills it in. (A cap not applied is said on its step but the fund is then an upper bound.)
FILLABLE_STEPS = frozenset({"not_given?", "first_pay?", "cr?", "si_figure?"})


class BreakdownKeys:
    def say(self, text, style="bold yellow"):
        """One line of news under the figures (not a toast over them); cleared by the next."""
        line = self.query_one("#status", Static)
        set_text(line, Text(text, style=style))  # nothing to redraw for the same line again
        set_display(line, bool(text))

    def _needs_result(self, key):
        """True when there is a result to act on; else the status line says why not."""
        if self.result is None:
            self.say(t("no_result", lang=self.lang, what=t(key, self.lang),
                       why=self.blocked or t("enter_amount", self.lang)))
        return self.result is not None

    def action_compare(self):
        if self._needs_result("key.compare"):
            from yibao_tui.tui.screens.wizard.compare import CompareScreen

            self.app.push_screen(CompareScreen())

    def action_export(self):
        if self._needs_result("key.export"):
            from yibao_tui.tui.screens.wizard.export import ExportScreen

            # The export done, news from before it (compare's "已改用：…") is old news.
            self.app.push_screen(ExportScreen(self.doc), lambda _: self.say(""))

    def action_slip(self):
        if self._needs_result("key.slip"):
            from yibao_tui.tui.screens.wizard.slip import SlipScreen

            self.app.push_screen(SlipScreen())

    def action_curve(self):
        if self._needs_result("key.curve"):
            from yibao_tui.tui.screens.wizard.curve import CurveScreen

            self.app.push_screen(CurveScreen())

    def action_yours(self):
        """Your figures for this city: one can be removed (asked first)."""
        from yibao_tui.tui.screens.wizard.yours import YoursScreen, mine

        if not mine(self.app.policy):
            self.say(t("yours.none", self.lang))
            return

        def done(removed):
            if removed:
                self.app.catalog.refresh()
                self.say(t("yours.removed", self.lang), style="bold")
                self.recompute()

        self.app.push_screen(YoursScreen(self.app.policy), done)

    def action_supply(self):
        """Fill in a figure no source gives (saved to your own supplied figures)."""
        if not self._needs_result("supply.key.open"):
            return
        from yibao_tui.tui.screens.wizard.supply import SupplyScreen, fillable

        steps = self.result.steps
        row = self.query_one("#steps").cursor_row
        if 0 <= row < len(steps) and steps[row].supplied:  # on a figure of yours: list them
            self.action_yours()
            return
        if not fillable([*self.result.missing, *self.result.unchecked], self.sel.scheme):
            if any(st.supplied for st in self.result.steps):  # yours: list them, to remove
                self.action_yours()
            else:
                self.say(t("supply.none", self.lang))
            return
        # What is missing first (the first unknown step's figure), then a cap not applied.
        self.app.push_screen(SupplyScreen(self.app.policy, self.sel,
                                          [*self.result.missing, *self.result.unchecked]),
                             lambda ok: ok and self.recompute())
