"""The binding dialog: a holder and the relatives who may spend the holder's account."""

from __future__ import annotations

from textual.widgets import Select, Static

from yibao_tui.core import household as H
from yibao_tui.text import t
from yibao_tui.tui.screens.household.forms.base import Form, value_of
from yibao_tui.tui.session import EditError
from yibao_tui.tui.widgets.plain import plain


class BindForm(Form):
    """家庭共济: a relative may spend a holder's personal account. Any pair may be entered; the
    rules of the holder's city then say ok / broken / unknown, with their quotes."""

    TITLE_KEY = "hh.bind.title"

    def fields(self):
        lang, h = self.lang, self.session.household
        members = [(plain(m.name), m.id) for m in h.members]  # names: never markup
        holder = next((m.id for m in h.members if m.scheme == "employee" and m.insured), None)
        yield Static(t("hh.bind.explain", lang), classes="hint")
        yield from self.row("hh.f.holder", Select(members, value=holder or Select.NULL,
                                                  id="f-holder", compact=True,
                                                  prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.beneficiary", Select(members, id="f-ben", compact=True,
                                                       prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.rel_override", Select(
            [(t(f"relation.{r}", lang), r) for r in H.RELATIONS], id="f-rel",
            compact=True, prompt=t("hh.f.derived", lang)))

    def action_submit(self):
        lang, s = self.lang, self.session
        holder = value_of(self.query_one("#f-holder", Select))
        ben = value_of(self.query_one("#f-ben", Select))
        rel = value_of(self.query_one("#f-rel", Select))
        if holder is None or ben is None:
            self.say(t("hh.bad.pair", lang))
            return
        if holder == ben:
            self.say(t("hh.bad.self_bind", lang))
            return
        if (holder, ben) in s.pairs():
            self.say(t("hh.bad.bound_twice", lang))
            return
        try:
            broken = s.bind(holder, ben, rel)
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(broken)
