"""A member's enrolment entry for the household's year: the payment date, tier, wage,
situations, whose account paid it, and the earlier years (enrolled, claim-free) that make the
history. Checked as the file reader checks them (its messages)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from yibao_tui.core import household as H
from yibao_tui.core.money import yuan
from yibao_tui.text import label, t
from yibao_tui.tui.screens.household.forms.base import Form, money_box, text_input, value_of
from yibao_tui.tui.session import EditError


def years_text(years):
    return ", ".join(str(y) for y in sorted(years))


def parse_years(text):
    """Years typed as "2023, 2024" (commas, spaces or 、); None when one is not a year."""
    out = set()
    for part in text.replace("、", ",").replace("，", ",").replace(" ", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not (part.isdigit() and 1950 <= int(part) <= 2100):
            return None
        out.add(int(part))
    return sorted(out)


class EnrolmentForm(Form):
    def __init__(self, member):
        super().__init__()
        self.member = member

    def title_text(self):
        return t("hhy.enrol.title", self.lang, name=self.member.name,
                 year=self.session.household.year)

    def fields(self):
        lang, m, s = self.lang, self.member, self.session
        h = s.household
        entry = H.this_year_entry(h, m)[1] or {}
        earlier = [e for e in m.enrolment if e.get("year", h.year) < h.year
                   and e.get("city", m.city) == m.city and e.get("scheme", m.scheme) == m.scheme]
        paid = entry.get("paid")
        yield from self.row("hh.f.paid", text_input(paid.isoformat() if paid else "", "f-paid",
                                                    placeholder=f"{h.year - 1}-10-15"), year=h.year)
        yield from self.row("hhy.f.tier", text_input(entry.get("tier", ""), "f-tier",
                                                     placeholder="1"))
        yield from self.row("hh.f.wage", text_input(
            "" if entry.get("wage") is None else yuan(entry["wage"]), "f-wage", placeholder="6000"))
        p = s.policies.get(m.city)
        sch = p.scheme(m.scheme) if p is not None and m.scheme else None
        sits = sch.enrolment.situations if sch is not None and sch.enrolment is not None else {}
        chosen = set(entry.get("situations", ()))
        yield from self.row("hhy.f.situations", SelectionList[str](
            *(Selection(label(v, lang), k, k in chosen) for k, v in sits.items()),
            id="f-situations", compact=True))
        payers = [(x.name, x.id) for x in h.members
                  if x.id != m.id and x.scheme == "employee" and x.insured]
        yield from self.row("hhy.f.paid_from", Select(
            payers, value=entry.get("paid_from") or Select.NULL, id="f-paid-from", compact=True,
            prompt=t("hhy.f.own_money", lang)))
        yield from self.row("hhy.f.history", text_input(
            years_text(e["year"] for e in earlier), "f-history"))
        yield from self.row("hhy.f.claim_free", text_input(
            years_text(e["year"] for e in earlier if e.get("claim_free")), "f-claim-free"))
        yield Static(t("hhy.enrol.explain", lang), classes="hint")

    def on_mount(self):
        m = self.member
        self.query_one("#f-wage", Input).parent.display = m.scheme == "employee"
        self.query_one("#f-situations").parent.display = bool(
            self.query_one("#f-situations", SelectionList).option_count)
        self.query_one("#f-paid-from").parent.display = m.scheme == "resident"
        super().on_mount()

    def values(self, errs):
        """The entry's values from the boxes (None: empty), bad input named in ``errs``."""
        lang, year = self.lang, self.session.household.year
        out = {}
        text = self.query_one("#f-paid", Input).value.strip()
        out["paid"] = None
        if text:
            try:
                out["paid"] = dt.date.fromisoformat(text)
            except ValueError:
                errs.append(t("hh.bad.paid", lang, year=year, prev=year - 1))
        tier = self.query_one("#f-tier", Input).value.strip()
        out["tier"] = int(tier) if tier.isdigit() else None
        if tier and not tier.isdigit():
            errs.append(t("hhy.bad.tier", lang))
        out["wage"] = (money_box(self.query_one("#f-wage", Input).value, "hh.f.wage", lang, errs)
                       if self.member.scheme == "employee" else None)
        out["situations"] = list(self.query_one("#f-situations", SelectionList).selected) or None
        out["paid_from"] = value_of(self.query_one("#f-paid-from", Select))
        return out

    def action_submit(self):
        lang, errs = self.lang, []
        values = self.values(errs)
        history = parse_years(self.query_one("#f-history", Input).value)
        free = parse_years(self.query_one("#f-claim-free", Input).value)
        if history is None or free is None:
            errs.append(t("hhy.bad.years", lang))
        if errs:
            self.say("\n".join(errs))
            return
        try:
            self.session.put_enrolment(self.member.id, values, history, free)
        except EditError as e:
            self.say("\n".join(e.texts(lang)))
            return
        self.dismiss(self.member.id)
