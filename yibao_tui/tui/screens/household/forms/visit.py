"""The visit dialog: one visit of a member, checked against the member's policy."""

from __future__ import annotations

import dataclasses

from textual.widgets import Input, Select

from yibao_tui.core import household as H
from yibao_tui.core.engine import EstimateError, yuan
from yibao_tui.core.engine import check as engine_check
from yibao_tui.text import care_name, label, render, t
from yibao_tui.tui.screens.household.forms.base import Form, money_box, text_input, value_of
from yibao_tui.tui.session import EditError
from yibao_tui.tui.wizard import care_kinds

# The wizard's money boxes, in its order: the in-policy amount, the class-B and special-drug
# parts of it, and out-of-policy cost (so the same bill gives the same figure in both).
PARTS = (("amount", "in.amount"), ("class_b", "in.class_b"), ("special_drugs", "in.special_drugs"),
         ("out_of_policy", "in.out_of_policy"))


class VisitForm(Form):
    """A visit for the member's year: care and grade as their city's policy offers them.

    With ``index``, the member's visit at that place is edited: the form starts from it, and
    what the form does not show (cross-region status, stay, day …) is kept."""

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
        grades = p.care(m.scheme, care).grades if care else ()
        grade = v.grade if v is not None and v.grade in grades else (grades[0] if grades else None)
        yield from self.row("hh.f.month", Select(
            [(t("hh.month", lang, m=i), i) for i in range(1, 13)],
            value=v.month if v is not None else 1, allow_blank=False, id="f-month", compact=True))
        yield from self.row("hh.f.care", Select(
            [(care_name(p, m.scheme, k, lang), k) for k in kinds], value=care or Select.NULL,
            id="f-care", compact=True, prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.grade", Select(
            [(label(p.grades[g], lang), g) for g in grades], id="f-grade", compact=True,
            value=grade or Select.NULL, prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.disease", Select([], id="f-disease", compact=True,
                                                   prompt=t("disease.none", lang)))
        for part, key in PARTS:
            x = getattr(v, part) if v is not None else None
            empty = x is None or (not x and part != "amount")  # a part of 0 is left blank
            yield from self.row(key, text_input("" if empty else yuan(x), f"f-{part}",
                                                placeholder="0.00"))

    def on_mount(self):
        self.fill_care(self.visit.disease if self.visit is not None else None)
        super().on_mount()

    def care(self):
        k = value_of(self.query_one("#f-care", Select))
        return self.policy.care(self.member.scheme, k) if k else None

    def fill_care(self, disease=None):
        lang, care = self.lang, self.care()
        grade = self.query_one("#f-grade", Select)
        grades = care.grades if care else ()
        keep = value_of(grade)
        grade.set_options([(label(self.policy.grades[g], lang), g) for g in grades])
        if grades:
            grade.value = keep if keep in grades else grades[0]
        dis = self.query_one("#f-disease", Select)
        diseases = care.diseases if care else {}
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
        errs = []
        if care is None or grade is None:
            errs.append(t("hh.bad.care", lang))
        money = {part: money_box(self.query_one(f"#f-{part}", Input).value, key, lang, errs)
                 for part, key in PARTS}
        amount = money["amount"]
        if amount is None and not self.query_one("#f-amount", Input).value.strip():
            errs.append(t("enter_amount", lang))
        elif amount is not None and (money["class_b"] or 0) + (money["special_drugs"] or 0) > amount:
            errs.append(t("bad.parts", lang))
        if errs:
            self.say("\n".join(errs))
            return
        fields = dict(month=month, care=care, grade=grade, disease=disease,
                      **{k: x or H.ZERO for k, x in money.items()})
        fields["amount"] = amount
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
