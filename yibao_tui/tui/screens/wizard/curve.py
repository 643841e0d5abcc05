"""The cost curve (issue #14): how fund / 大病 / self-pay grow with the bill, from 0 to about 3×
the current amount, the current amount marked, the break points numbered on the axis and named in
words below, then one plain line: "每多花1,000元，您多付300元（当前区间）".

Opened from the breakdown (imported only then: start-up is unchanged). The curve is worked out by
``core.engine.curve`` from the current choice; the words come from ``views.curve``. From compare,
``for_choices`` shows two choices' self-pay on one plot (two grades, two cities).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from yibao_tui.core.engine import EstimateError
from yibao_tui.core.engine.curve import curve as make_curve
from yibao_tui.text import render, t
from yibao_tui.tui.screens.localized import Localized, localize
from yibao_tui.tui.widgets.curve_plot import CHOICES, LETTERS, MARKS, UNKNOWN, CurvePlot
from yibao_tui.tui.widgets.footer import QuietFooter
from yibao_tui.tui.widgets.plain import plain
from yibao_tui.tui.widgets.stacked_bar import SEGMENTS
from yibao_tui.views.curve import break_words, curve_document, per1000_line, short
from yibao_tui.views.estimate import claim_title, header


class CurveScreen(Localized, Screen):
    CSS_PATH = "curve.tcss"
    BINDINGS = (Binding("escape", "app.pop_screen", "key.back", id="curve.back"),
                Binding("g", "app.pop_screen", "key.close", show=False, id="curve.close"))

    def __init__(self, curve=None, context=None, other=None, names=None):
        """``curve``: a core Curve to show; by default the app's current choice's. ``other`` a
        second one to compare (``names`` the two choices' names): their self-pay as two lines."""
        super().__init__()
        self.curve, self.context, self.error = curve, context, None
        self.other, self.names = other, names
        if self.curve is None:
            app = self.app
            try:
                self.curve = make_curve(app.policy, app.sel.person(), [app.sel.claim()])
            except EstimateError as e:
                self.error = e.msg

    def compose(self):
        lang, app = self.app.lang, self.app
        yield Header(icon="¥")
        context = self.context
        if context is None:
            context = (f"{header(app.policy, app.sel.person(), lang)} · "
                       f"{claim_title(app.policy, app.sel.scheme, app.sel.claim(), lang)}")
        yield Static(plain(context), id="curve-context")
        c = self.curve
        if c is None:
            yield Static(plain(t("curve.error", lang, why=render(self.error, lang))), id="curve-line")
            yield QuietFooter()
            return
        if self.other is not None:
            yield from self.compared(c, lang)
            return
        yield CurvePlot(c, id="curve-plot")
        g = {k: glyph for k, glyph, _c in SEGMENTS}
        yield Static(plain(t("curve.legend", lang, f=g["fund"], s=g["serious_illness"], p=g["self_pay"],
                             u=UNKNOWN, a=short(c.current))), id="curve-legend")
        # The words are the curve's document: its break points (numbered as on the axis), the
        # jumps and what is unknown, and the line for the current amount.
        from yibao_tui.views.document import policy_notices

        doc = curve_document(c, lang, notices=policy_notices(self.app.policy, lang=lang))
        sec = doc.section("curve")
        marks = "  ".join(f"{MARKS[i] if i < len(MARKS) else '+'} {r.label}"
                          for i, r in enumerate(sec.rows))
        notes = [f"! {n}" for n in doc.notices] + (sec.lines if sec.rows else sec.lines[1:])
        yield Static(plain(marks or sec.lines[0]), id="curve-marks")
        box = Static(plain("\n".join(notes)), id="curve-notes")
        box.display = bool(notes)
        yield box
        yield Static(plain(doc.section("per1000").lines[0]), id="curve-line")
        yield QuietFooter()

    def compared(self, c, lang):
        o, (n1, n2) = self.other, self.names
        yield CurvePlot(c, other=o, id="curve-plot")
        yield Static(plain(t("curve.legend2", lang, a=CHOICES[0][0], x=n1, b=CHOICES[1][0], y=n2,
                             n=short(c.current))), id="curve-legend")
        marks = [t("curve.named", lang, name=name, text="  ".join(
                    f"{m} {break_words(b, lang)}" for m, b in zip(chars, cv.breaks, strict=False)))
                 for name, cv, chars in ((n1, c, MARKS), (n2, o, LETTERS))]
        yield Static(plain("\n".join(marks)), id="curve-marks")
        yield Static(plain("\n".join(t("curve.named", lang, name=name, text=per1000_line(cv, lang))
                                     for name, cv in ((n1, c), (n2, o)))), id="curve-line")
        yield QuietFooter()

    def on_mount(self):
        self.title = t("title", self.app.lang)
        self.sub_title = t("curve.sub" if self.other is None else "curve.sub2", self.app.lang)

    async def relabel(self):
        localize(self, self.app.lang)
        await self.recompose()
        self.on_mount()


def for_choices(app, first, second):
    """The curve screen for two of compare's rows ((name, policy, grade, Result or None,
    message)): both choices' self-pay on one plot, over the same bills. None (and a notice)
    when the second has no figure."""
    lang = app.lang
    name2, policy2, _g2, res2, err2 = second
    if res2 is None:
        app.notify(t("curve.no_other", lang, name=name2, why=err2 or t("unknown", lang)),
                   severity="warning", timeout=8)
        return None
    name1, policy1, _g1, res1, _e1 = first
    person = app.sel.person()
    try:
        c1 = make_curve(policy1, person, [res1.claim])
        c2 = make_curve(policy2, person, [res2.claim], to=c1.points[-1].amount)
    except EstimateError as e:
        app.notify(render(e.msg, lang), severity="warning", timeout=8)
        return None
    return CurveScreen(c1, other=c2, names=(name1, name2))
