"""Reading a household file's members: their fields, enrolment entries and visits."""

from __future__ import annotations

import datetime as dt

from yibao_tui.core.engine import ZERO
from yibao_tui.core.household.model import (
    HEAD_RELATIONS,
    ID_RE,
    Member,
    Visit,
    is_int,
    money,
    month_days,
    scheme_msg,
)
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy import CARE_KINDS, CATEGORIES, CROSS_REGION, GRADES, SCHEMES
from yibao_tui.core.slip.model import SlipError, parse_slip

_MEMBER_KEYS = {"id", "name", "relation", "birth_year", "city", "scheme", "category", "flags",
                "insured", "account_balance", "enrolment", "visit", "note"}
_VISIT_KEYS = {"month", "day", "care", "grade", "disease", "amount", "out_of_policy", "class_b",
               "special_drugs", "cross_region", "stay", "note", "slip"}
_ENROL_KEYS = {"year", "city", "scheme", "claim_free", "note",
               # this year's payment (see enrolment.py; names as in `yibao cover`'s options)
               "paid", "tier", "wage", "situations", "born", "employee_until", "recognised",
               # whose personal account paid the premium (a bound employee's id; rules.py)
               "paid_from"}
ENROL_DATES = ("paid", "born", "employee_until", "recognised")


class MemberReader:
    """The member part of ``reader.Reader`` (it supplies ``at``, ``err``, ``keys``, ``year``)."""

    def member(self, i, r, year):
        """Member ``i`` (its table ``r``), or None when it cannot be read at all: its identity,
        its cover, its account, then its enrolment entries and its visits."""
        if not self.keys(r, _MEMBER_KEYS, self.at.member(i), Msg("where.member_n", i=i + 1)):
            return None
        n0 = len(self.problems)
        mid = r.get("id")
        label = (Msg("where.member", mid=mid) if isinstance(mid, str)
                 else Msg("where.member_n", i=i + 1))
        name, rel, city = self.member_identity(i, r, label)
        insured, scheme, cat = self.member_cover(i, r, label)
        by, flags, bal = self.member_details(i, r, label, year, scheme)
        entries, lines = self.enrolment_entries(i, r, label, city, scheme)
        visits = self.visits(i, r, label, insured)
        if len(self.problems) > n0 and not isinstance(mid, str):
            return None  # kept when it has an id, so bindings to it are not reported as well
        return Member(id=mid, name=name, relation=rel, city=city, scheme=scheme, category=cat,
                      birth_year=by, flags=flags, insured=insured, account_balance=bal,
                      enrolment=entries, visits=visits, note=r.get("note"),
                      enrolment_lines=lines)

    def member_identity(self, i, r, label):
        """(name, relation to the head, city) of member ``i``; its id checked."""
        mid = r.get("id")
        if not (isinstance(mid, str) and ID_RE.match(mid)):
            self.err(self.at.member(i, "id"), Msg("file.member_id", what=label))
        name = r.get("name")
        if not (isinstance(name, str) and name.strip()):
            self.err(self.at.member(i, "name"), Msg("file.member_name", what=label))
        rel = r.get("relation")
        if rel not in HEAD_RELATIONS:
            self.err(self.at.member(i, "relation"), Msg("file.member_relation", what=label, rel=rel,
                                                        accepted=", ".join(HEAD_RELATIONS)))
        city = r.get("city")
        if not (isinstance(city, str) and city):
            self.err(self.at.member(i, "city"), Msg("file.member_city", what=label))
        return name, rel, city

    def member_cover(self, i, r, label):
        """(insured, scheme, category): an insured member's scheme and a category of it."""
        insured = r.get("insured", True)
        if not isinstance(insured, bool):
            self.err(self.at.member(i, "insured"), Msg("file.member_insured", what=label))
            insured = True
        scheme, cat = r.get("scheme"), r.get("category")
        if insured or scheme is not None:
            if scheme not in SCHEMES:
                self.err(self.at.member(i, "scheme"), Msg("file.member_scheme", what=label,
                                                          scheme=scheme, accepted=", ".join(SCHEMES)))
            elif cat not in CATEGORIES[scheme]:
                self.err(self.at.member(i, "category"), Msg(
                    "file.member_category", what=label, cat=cat,
                    accepted=", ".join(CATEGORIES[scheme]), scheme=scheme_msg(scheme)))
        return insured, scheme, cat

    def member_details(self, i, r, label, year, scheme):
        """(birth year, flags, personal-account balance) of member ``i``."""
        def at(k):
            return self.at.member(i, k)

        by = r.get("birth_year")
        if by is not None and not (is_int(by) and 1900 <= by <= year):
            self.err(at("birth_year"), Msg("file.member_birth", what=label, year=year))
        flags = r.get("flags", [])
        if not (isinstance(flags, list) and all(isinstance(f, str) for f in flags)):
            self.err(at("flags"), Msg("file.member_flags", what=label))
            flags = []
        bal = r.get("account_balance")
        if bal is not None:
            if scheme != "employee":
                self.err(at("account_balance"), Msg("file.member_account", what=label))
            try:
                bal = money(bal)
            except ValueError as e:
                self.err(at("account_balance"), Msg("file.member_amount", what=label,
                                                    k="account_balance", err=e.msg))
        return by, list(flags), bal

    def enrolment_entries(self, i, r, label, city, scheme):
        """(entries, their lines): member ``i``'s enrolment entries, read; one per year, city
        and scheme."""
        enrol = r.get("enrolment", [])
        if not isinstance(enrol, list):
            self.err(self.at.member(i, "enrolment"), Msg("file.member_enrolment", what=label))
            enrol = []
        entries, lines, seen = [], [], set()
        for j, e in enumerate(enrol):
            e = self.enrolment(i, j, e, label, city, scheme)
            if e is None:
                continue
            key = (e.get("year"), e.get("city", city), e.get("scheme", scheme))
            if key in seen:
                self.err(self.at.enrolment(i, j), Msg("file.enrol_twice", what=label,
                                                      year=key[0], city=key[1],
                                                      scheme=scheme_msg(key[2])))
            seen.add(key)
            entries.append(e)
            lines.append({k: self.at.enrolment(i, j, k) for k in (None, *e)})
        return entries, lines

    def visits(self, i, r, label, insured):
        """Member ``i``'s visits that read (a visit with a problem is left out, the problem
        reported); an uninsured member has none."""
        rows = r.get("visit", [])
        if not isinstance(rows, list):
            self.err(self.at.member(i, "visit"), Msg("file.member_visits", what=label))
            rows = []
        if rows and not insured:
            self.err(self.at.member(i, visit=0), Msg("file.member_uninsured", what=label))
        visits = (self.visit(i, j, v, label) for j, v in enumerate(rows))
        return [v for v in visits if v is not None]

    def enrolment(self, i, j, e, label, city, scheme):
        """One enrolment entry, checked; returned with dates as dates and the wage as Decimal."""
        where = Msg("where.enrolment", what=label, j=j + 1)
        if not self.keys(e, _ENROL_KEYS, self.at.enrolment(i, j), where):
            return None

        def at(k):
            return self.at.enrolment(i, j, k)

        n0 = len(self.problems)
        e = dict(e)
        year = e.get("year")
        if not (is_int(year) and 1950 <= year <= 2100):
            self.err(at("year"), Msg("file.enrol_year", what=where))
            year = None
        if "city" in e and not (isinstance(e["city"], str) and e["city"]):
            self.err(at("city"), Msg("file.enrol_city", what=where))
        if "scheme" in e and e["scheme"] not in SCHEMES:
            self.err(at("scheme"), Msg("file.enrol_scheme", what=where, scheme=e["scheme"],
                                       accepted=", ".join(SCHEMES)))
        if "claim_free" in e and not isinstance(e["claim_free"], bool):
            self.err(at("claim_free"), Msg("file.enrol_claim_free", what=where))
        for k in ENROL_DATES:
            if k not in e:
                continue
            v = e[k]
            if isinstance(v, str):
                try:
                    v = dt.date.fromisoformat(v.strip())
                except ValueError:
                    v = None
            if not isinstance(v, dt.date) or isinstance(v, dt.datetime):
                self.err(at(k), Msg("file.enrol_date", what=where, k=k, v=e[k]))
                continue
            e[k] = v
        paid = e.get("paid")
        if isinstance(paid, dt.date) and year is not None and not (
                dt.date(year - 1, 1, 1) <= paid <= dt.date(year, 12, 31)):
            self.err(at("paid"), Msg("file.enrol_paid", what=where, paid=paid, year=year))
        born = e.get("born")
        if isinstance(born, dt.date) and isinstance(paid, dt.date) and born > paid:
            self.err(at("born"), Msg("file.enrol_born", what=where, born=born, paid=paid))
        if "tier" in e and not (is_int(e["tier"]) and e["tier"] >= 1):
            self.err(at("tier"), Msg("file.enrol_tier", what=where))
        if "wage" in e:
            if e.get("scheme", scheme) != "employee":
                self.err(at("wage"), Msg("file.enrol_wage", what=where))
            try:
                e["wage"] = money(e["wage"])
            except ValueError as err:
                self.err(at("wage"), Msg("file.member_amount", what=where, k="wage", err=err.msg))
        if "paid_from" in e and not (isinstance(e["paid_from"], str) and ID_RE.match(e["paid_from"])):
            self.err(at("paid_from"), Msg("hhy.paid_from_id", what=where))
        sits = e.get("situations")
        if sits is not None and not (isinstance(sits, list)
                                     and all(isinstance(x, str) and x for x in sits)):
            self.err(at("situations"), Msg("file.enrol_situations", what=where))
        return e if len(self.problems) == n0 else None

    def visit(self, i, j, v, label):
        """Visit ``j`` of member ``i``, or None when it has a problem (reported)."""
        where = Msg("where.visit", what=label, j=j + 1)
        if not self.keys(v, _VISIT_KEYS, self.at.member(i, visit=j), where):
            return None

        def at(k):
            return self.at.member(i, k, visit=j)

        n0 = len(self.problems)
        month, grade = self.visit_kind(v, at, where)
        parts = self.visit_amounts(v, at, where)
        cr, stay, day, slip = self.visit_details(v, at, where, month, n0)
        if len(self.problems) > n0:
            return None
        if parts.get("class_b", ZERO) + parts.get("special_drugs", ZERO) > parts["amount"]:
            self.err(at("class_b"), Msg("file.visit_parts", what=where))
            return None
        return Visit(month=month, care=v["care"], grade=grade, disease=v.get("disease"),
                     cross_region=cr, stay=stay, note=v.get("note"), day=day, slip=slip, **parts)

    def visit_kind(self, v, at, where):
        """(month, grade): when and what kind of care, at which grade."""
        month = v.get("month")
        if not (is_int(month) and 1 <= month <= 12):
            self.err(at("month"), Msg("file.visit_month", what=where))
        if v.get("care") not in CARE_KINDS:
            self.err(at("care"), Msg("file.visit_care", what=where, care=v.get("care"),
                                     accepted=", ".join(CARE_KINDS)))
        grade = v.get("grade")
        if grade is not None:
            grade = str(grade)
            if grade not in GRADES:
                self.err(at("grade"), Msg("file.visit_grade", what=where, grade=grade,
                                          accepted=", ".join(GRADES)))
        return month, grade

    def visit_amounts(self, v, at, where):
        """{amount, out_of_policy, class_b, special_drugs: yuan} as the visit gives them."""
        parts = {}
        if "amount" not in v:
            self.err(at("care"), Msg("file.visit_amount", what=where))
        for k in ("amount", "out_of_policy", "class_b", "special_drugs"):
            if k in v:
                try:
                    parts[k] = money(v[k])
                except ValueError as e:
                    self.err(at(k), Msg("file.member_amount", what=where, k=k, err=e.msg))
        return parts

    def visit_details(self, v, at, where, month, n0):
        """(cross-region statuses, stay, day, slip). The day is checked against ``month`` while
        the visit has no problem yet (``n0``: the problems before it)."""
        cr = v.get("cross_region", [])
        cr = [cr] if isinstance(cr, str) else cr
        if not isinstance(cr, list) or any(s not in CROSS_REGION for s in cr):
            self.err(at("cross_region"), Msg("file.visit_cross", what=where,
                                             accepted=", ".join(CROSS_REGION)))
        stay = v.get("stay")
        if stay is not None and not (is_int(stay) and stay >= 1):
            self.err(at("stay"), Msg("file.visit_stay", what=where))
        day = v.get("day")
        if day is not None and len(self.problems) == n0 and not (
                is_int(day) and 1 <= day <= month_days(self.year, month)):
            self.err(at("day"), Msg("file.visit_day", what=where, month=month,
                                    days=month_days(self.year, month)))
        slip = v.get("slip")
        if slip is not None:
            try:
                slip = parse_slip(slip)
            except SlipError as e:
                self.err(at("slip"), Msg("file.visit_slip", what=where, err=e.msg))
        return (list(cr) if isinstance(cr, list) else []), stay, day, slip
