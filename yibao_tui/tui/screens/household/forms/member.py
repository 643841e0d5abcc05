"""The member dialog: name, relation, city and, from its policy, scheme, category and flags."""

from __future__ import annotations

import dataclasses

from textual.widgets import Input, Select, SelectionList
from textual.widgets.selection_list import Selection

from yibao_tui.core import household as H
from yibao_tui.text import label, t, term
from yibao_tui.tui.screens.household.forms.base import ID_RE, Form, text_input, value_of
from yibao_tui.tui.session import EditError
from yibao_tui.tui.wizard import parse_money


class MemberForm(Form):
    """Add (``member`` None) or edit a member. City, scheme, category and flags offer only what
    the chosen city's policy defines."""

    def __init__(self, member):
        super().__init__()
        self.member = member

    def title_text(self):
        if self.member is None:
            return t("hh.member.add", self.lang)
        return t("hh.member.edit", self.lang, name=self.member.name)

    def fields(self):
        lang, m = self.lang, self.member
        h = self.session.household
        cities = self.app.catalog.policies
        has_head = any(x.relation == "self" for x in h.members if m is None or x.id != m.id)
        rel = m.relation if m else ("spouse" if has_head else "self")
        city = m.city if m else (h.members[0].city if h.members else next(iter(cities), None))
        yield from self.row("hh.f.id", text_input(m.id if m else self.free_id(), "f-id"))
        yield from self.row("hh.f.name", text_input(m.name if m else "", "f-name"))
        yield from self.row("hh.f.relation", Select(
            [(t(f"relation.{r}", lang), r) for r in H.HEAD_RELATIONS],
            value=rel, allow_blank=False, id="f-relation", compact=True))
        yield from self.row("hh.f.birth_year", text_input(m.birth_year if m else "", "f-birth",
                                                          placeholder="1985"))
        yield from self.row("hh.f.city", Select(
            [(label(p.name, lang), c) for c, p in cities.items()],
            value=city if city in cities else Select.NULL, id="f-city", compact=True,
            prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.scheme", Select([], id="f-scheme", compact=True,
                                                  prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.category", Select([], id="f-category", compact=True,
                                                    prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.flags", SelectionList[str](id="f-flags", compact=True))
        yield from self.row("hh.f.balance", text_input(
            m.account_balance if m and m.account_balance is not None else "", "f-balance",
            placeholder="0.00"))

    def free_id(self):
        ids = {m.id for m in self.session.household.members}
        n = len(ids) + 1
        while f"m{n}" in ids:
            n += 1
        return f"m{n}"

    def on_mount(self):
        m = self.member
        self.fill_city(m.scheme if m else None, m.category if m else None, m.flags if m else ())
        super().on_mount()

    def policy(self):
        city = value_of(self.query_one("#f-city", Select))
        return self.session.policies.get(city) if city else None  # the household's year

    def fill_city(self, scheme=None, category=None, flags=()):
        """The city decides the schemes and flags on offer; keep what still fits."""
        lang, p = self.lang, self.policy()
        sch = self.query_one("#f-scheme", Select)
        schemes = list(p.schemes) if p else []
        sch.set_options([(term(s, lang), s) for s in schemes])
        if scheme in schemes:
            sch.value = scheme
        elif len(schemes) == 1:
            sch.value = schemes[0]
        fl = self.query_one("#f-flags", SelectionList)
        fl.clear_options()
        for f, lab in (p.flags.items() if p else ()):
            fl.add_option(Selection(label(lab, lang), f, f in flags))
        fl.parent.display = bool(p and p.flags)  # the row only where the city lists groups
        self.fill_scheme(category)

    def fill_scheme(self, category=None):
        lang, p = self.lang, self.policy()
        scheme = value_of(self.query_one("#f-scheme", Select))
        cat = self.query_one("#f-category", Select)
        cats = list(p.schemes[scheme]["categories"]) if p and scheme in p.schemes else []
        cat.set_options([(term(c, lang), c) for c in cats])
        if category in cats:
            cat.value = category
        # Only the employee scheme has a personal account.
        self.query_one("#f-balance", Input).parent.display = scheme == "employee"

    def on_select_changed(self, event: Select.Changed):
        if event.select.id == "f-city":
            self.fill_city(value_of(self.query_one("#f-scheme", Select)),
                           value_of(self.query_one("#f-category", Select)),
                           self.query_one("#f-flags", SelectionList).selected)
        elif event.select.id == "f-scheme":
            self.fill_scheme(value_of(self.query_one("#f-category", Select)))

    def action_submit(self):
        lang, s, old = self.lang, self.session, self.member
        h = s.household
        mid = self.query_one("#f-id", Input).value.strip()
        name = self.query_one("#f-name", Input).value.strip()
        birth = self.query_one("#f-birth", Input).value.strip()
        city = value_of(self.query_one("#f-city", Select))
        scheme = value_of(self.query_one("#f-scheme", Select))
        category = value_of(self.query_one("#f-category", Select))
        rel = value_of(self.query_one("#f-relation", Select))
        flags = list(self.query_one("#f-flags", SelectionList).selected)
        bal_text = self.query_one("#f-balance", Input).value
        errs = []
        if not ID_RE.match(mid):
            errs.append(t("hh.bad.id", lang))
        elif any(x.id == mid for x in h.members if old is None or x.id != old.id):
            errs.append(t("hh.bad.id_taken", lang, id=mid))
        if not name:
            errs.append(t("hh.bad.name", lang))
        by = None
        if birth:
            if not (birth.isdigit() and 1900 <= int(birth) <= h.year):
                errs.append(t("hh.bad.birth", lang, year=h.year))
            else:
                by = int(birth)
        if city is None:
            errs.append(t("hh.bad.city", lang))
        if scheme is None or category is None:
            errs.append(t("hh.bad.scheme", lang))
        bal = None
        if scheme == "employee" and bal_text.strip():
            bal, err = parse_money(bal_text)
            if err:
                errs.append(t("hh.f.balance", lang) + "：" + t(err, lang, max="100,000,000"))
        if errs:
            self.say("\n".join(errs))
            return
        fields = dict(id=mid, name=name, relation=rel, birth_year=by, city=city, scheme=scheme,
                      category=category, flags=flags, account_balance=bal)
        member = dataclasses.replace(old, **fields) if old else H.Member(**fields)
        try:
            s.put_member(member, replace=old.id if old else None)
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(member)
