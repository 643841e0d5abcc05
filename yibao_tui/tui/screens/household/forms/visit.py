"""The visit dialog: one visit of a member, checked against the member's policy."""

from __future__ import annotations

import dataclasses

from textual.widgets import Input, Select

from yibao_tui.core import household as H
from yibao_tui.core.engine import EstimateError, yuan
from yibao_tui.core.engine import check as engine_check
from yibao_tui.text import label, render, t, term
from yibao_tui.tui.screens.household.forms.base import Form, text_input, value_of
from yibao_tui.tui.session import EditError
from yibao_tui.tui.wizard import care_kinds, parse_money


class VisitForm(Form):
    """A visit for the member's year: care and grade as their city's policy offers them.

    With ``index``, the member's visit at that place is edited: the form starts from it, and
    what the form does not show (class-B part, cross-region status, day …) is kept."""

    def __init__(self, member, index=None):
        super().__init__()
        self.member = member
        self.index = index
        self.visit = member.visits[index] if index is not None else None
        self.policy = self.app.hh.policies.get(member.city)

    def title_text(self):
        if self.visit is not None:
            return t("hh.visit.edit", self.lang, name=self.member.name)
        return t("hh.visit.add", self.lang, name=self.member.name)

    def fields(self):
        lang, m, p, v = self.lang, self.member, self.policy, self.visit
        kinds = care_kinds(p, m.scheme, m.category) if p else []
        care = v.care if v is not None and v.care in kinds else (kinds[0] if kinds else None)
        # The care kind's grades up front: a grade is always chosen (no blank entry).
        grades = p.schemes[m.scheme]["care"][care]["grades"] if care else []
        grade = v.grade if v is not None and v.grade in grades else (grades[0] if grades else None)
        yield from self.row("hh.f.month", Select(
            [(t("hh.month", lang, m=i), i) for i in range(1, 13)],
            value=v.month if v is not None else 1, allow_blank=False, id="f-month", compact=True))
        yield from self.row("hh.f.care", Select(
            [(term(k, lang), k) for k in kinds], value=care or Select.NULL,
            id="f-care", compact=True, prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.grade", Select(
            [(label(p.grades[g], lang), g) for g in grades], id="f-grade", compact=True,
            value=grade or Select.NULL, prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.disease", Select([], id="f-disease", compact=True,
                                                   prompt=t("disease.none", lang)))
        yield from self.row("in.amount", text_input(
            "" if v is None else yuan(v.amount), "f-amount", placeholder="0.00"))
        yield from self.row("in.out_of_policy", text_input(
            "" if v is None or not v.out_of_policy else yuan(v.out_of_policy), "f-oop",
            placeholder="0.00"))

    def on_mount(self):
        self.fill_care(self.visit.disease if self.visit is not None else None)
        super().on_mount()

    def care(self):
        k = value_of(self.query_one("#f-care", Select))
        return self.policy.schemes[self.member.scheme]["care"][k] if k else None

    def fill_care(self, disease=None):
        lang, care = self.lang, self.care()
        grade = self.query_one("#f-grade", Select)
        grades = care["grades"] if care else []
        keep = value_of(grade)
        grade.set_options([(label(self.policy.grades[g], lang), g) for g in grades])
        if grades:
            grade.value = keep if keep in grades else grades[0]
        dis = self.query_one("#f-disease", Select)
        diseases = (care or {}).get("diseases", {})
        dis.set_options([(label(v, lang), k) for k, v in diseases.items()])
        if disease in diseases:
            dis.value = disease
        dis.parent.display = bool(diseases)  # the row only where the care has diseases

    def on_select_changed(self, event: Select.Changed):
        if event.select.id == "f-care":
            self.fill_care(value_of(self.query_one("#f-disease", Select)))

    def action_submit(self):
        lang, m = self.lang, self.member
        care = value_of(self.query_one("#f-care", Select))
        grade = value_of(self.query_one("#f-grade", Select))
        disease = value_of(self.query_one("#f-disease", Select))
        month = value_of(self.query_one("#f-month", Select))
        amount, err = parse_money(self.query_one("#f-amount", Input).value)
        oop, err2 = parse_money(self.query_one("#f-oop", Input).value)
        errs = []
        if care is None or grade is None:
            errs.append(t("hh.bad.care", lang))
        if err or amount is None:
            errs.append(t("in.amount", lang) + "：" + t(err or "enter_amount", lang,
                                                       max="100,000,000"))
        if err2:
            errs.append(t("in.out_of_policy", lang) + "：" + t(err2, lang, max="100,000,000"))
        if errs:
            self.say("\n".join(errs))
            return
        fields = dict(month=month, care=care, amount=amount, grade=grade, disease=disease,
                      out_of_policy=oop or H.ZERO)
        visit = (H.Visit(**fields) if self.visit is None
                 else dataclasses.replace(self.visit, **fields))
        year = self.session.household.year
        try:
            engine_check(self.policy, m.person(year), visit.claim(year))
            if self.index is None:
                self.session.add_visit(m.id, visit)
            else:
                self.session.put_visit(m.id, self.index, visit)
        except EstimateError as e:
            self.say(t("cannot", lang, msg=render(e.msg, lang)))
            return
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(visit)
