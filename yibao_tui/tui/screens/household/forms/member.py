"""The member dialog: name, relation, city and, from its policy, scheme, category and flags."""

from __future__ import annotations

import dataclasses
import datetime as dt

from textual.widgets import Input, Select, SelectionList
from textual.widgets.selection_list import Selection

from yibao_tui.core import household as H
from yibao_tui.core.money import yuan
from yibao_tui.text import label, t, term
from yibao_tui.tui.screens.household.forms.base import ID_RE, Form, money_box, text_input, value_of
from yibao_tui.tui.session import EditError
from yibao_tui.tui.widgets.plain import plain


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
        rels = h.open_relations(m.id if m else None)
        rel = m.relation if m else h.new_relation()  # one still free: 子女 once both are there
        _j, entry = H.this_year_entry(h, m) if m else (None, None)
        entry = entry or {}
        city = m.city if m else (h.members[0].city if h.members else next(iter(cities), None))
        yield from self.row("hh.f.id", text_input(m.id if m else self.free_id(), "f-id"))
        yield from self.row("hh.f.name", text_input(m.name if m else "", "f-name"))
        yield from self.row("hh.f.relation", Select(
            [(t(f"relation.{r}", lang), r) for r in rels],
            value=rel, allow_blank=False, id="f-relation", compact=True))
        yield from self.row("hh.f.birth_year", text_input(m.birth_year if m else "", "f-birth",
                                                          placeholder="1985"))
        yield from self.row("hh.f.city", Select(
            [(plain(label(p.name, lang)), c) for c, p in cities.items()],
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
        # This year's enrolment entry (enrolment = [{ year, wage, paid }]): the premium and the
        # account's 2 % share need the wage; the cover start needs the payment date.
        yield from self.row("hh.f.wage", text_input(
            "" if entry.get("wage") is None else yuan(entry["wage"]), "f-wage", placeholder="6000"))
        paid = entry.get("paid")
        yield from self.row("hh.f.paid", text_input(
            paid.isoformat() if paid else "", "f-paid", placeholder=f"{h.year - 1}-10-15"),
            year=h.year)

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
        schemes = list(p.scheme_ids) if p else []
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
        sch = p.scheme(scheme) if p else None
        cats = list(sch.categories) if sch else []
        cat.set_options([(term(c, lang), c) for c in cats])
        if category in cats:
            cat.value = category
        # Only the employee scheme has a personal account, and a wage-based premium.
        self.query_one("#f-balance", Input).parent.display = scheme == "employee"
        self.query_one("#f-wage", Input).parent.display = scheme == "employee"

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
        bal = wage = None
        if scheme == "employee":
            bal = money_box(bal_text, "hh.f.balance", lang, errs)
            wage = money_box(self.query_one("#f-wage", Input).value, "hh.f.wage", lang, errs)
        paid = self.paid_date(errs)
        if errs:
            self.say("\n".join(errs))
            return
        fields = dict(id=mid, name=name, relation=rel, birth_year=by, city=city, scheme=scheme,
                      category=category, flags=flags, account_balance=bal)
        fields["enrolment"] = [dict(e) for e in old.enrolment] if old else []
        member = dataclasses.replace(old, **fields) if old else H.Member(**fields)
        self.put_entry(member, wage=wage, paid=paid)
        try:
            s.put_member(member, replace=old.id if old else None)
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(member)

    def paid_date(self, errs):
        """The payment date box: a date in the household's year or the one before (a year's
        premium is paid in it or ahead of it), or None when empty."""
        lang, year = self.lang, self.session.household.year
        text = self.query_one("#f-paid", Input).value.strip()
        if not text:
            return None
        try:
            d = dt.date.fromisoformat(text)
        except ValueError:
            d = None
        if d is None or not dt.date(year - 1, 1, 1) <= d <= dt.date(year, 12, 31):
            errs.append(t("hh.bad.paid", lang, year=year, prev=year - 1))
            return None
        return d

    def put_entry(self, member, **values):
        """Write the wage and payment date into the member's entry for the household's year
        (made when there is something to write; an emptied box removes its key)."""
        h = self.session.household
        _j, e = H.this_year_entry(h, member)
        if e is None:
            if all(v is None for v in values.values()):
                return
            e = {"year": h.year}
            member.enrolment.append(e)
        for k, v in values.items():
            if v is None:
                e.pop(k, None)
            else:
                e[k] = v
