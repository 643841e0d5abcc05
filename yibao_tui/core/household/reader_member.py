"""Reading a household file's members: their fields, enrolment entries and visits."""

from __future__ import annotations

import datetime as dt

from yibao_tui.core.engine import ZERO
from yibao_tui.core.household.model import (
    _ID,
    HEAD_RELATIONS,
    Member,
    Visit,
    _int,
    _month_days,
    _scheme,
    money,
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
               "paid", "tier", "wage", "situations", "born", "employee_until", "recognised"}
_ENROL_DATES = ("paid", "born", "employee_until", "recognised")


class _MemberReader:
    """The member part of ``reader._Reader`` (it supplies ``at``, ``err``, ``keys``, ``year``)."""

    def member(self, i, r, year):
        line = self.at.member(i)
        if not self.keys(r, _MEMBER_KEYS, line, Msg("where.member_n", i=i + 1)):
            return None
        n0 = len(self.problems)

        def at(k):
            return self.at.member(i, k)

        mid = r.get("id")
        label = (Msg("where.member", mid=mid) if isinstance(mid, str)
                 else Msg("where.member_n", i=i + 1))
        if not (isinstance(mid, str) and _ID.match(mid)):
            self.err(at("id"), Msg("file.member_id", what=label))
        name = r.get("name")
        if not (isinstance(name, str) and name.strip()):
            self.err(at("name"), Msg("file.member_name", what=label))
        rel = r.get("relation")
        if rel not in HEAD_RELATIONS:
            self.err(at("relation"), Msg("file.member_relation", what=label, rel=rel,
                                         accepted=", ".join(HEAD_RELATIONS)))
        city = r.get("city")
        if not (isinstance(city, str) and city):
            self.err(at("city"), Msg("file.member_city", what=label))
        insured = r.get("insured", True)
        if not isinstance(insured, bool):
            self.err(at("insured"), Msg("file.member_insured", what=label))
            insured = True
        scheme, cat = r.get("scheme"), r.get("category")
        if insured or scheme is not None:
            if scheme not in SCHEMES:
                self.err(at("scheme"), Msg("file.member_scheme", what=label, scheme=scheme,
                                           accepted=", ".join(SCHEMES)))
            elif cat not in CATEGORIES[scheme]:
                self.err(at("category"), Msg("file.member_category", what=label, cat=cat,
                                             accepted=", ".join(CATEGORIES[scheme]),
                                             scheme=_scheme(scheme)))
        by = r.get("birth_year")
        if by is not None and not (_int(by) and 1900 <= by <= year):
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
        enrol = r.get("enrolment", [])
        if not isinstance(enrol, list):
            self.err(at("enrolment"), Msg("file.member_enrolment", what=label))
            enrol = []
        entries, lines, seen = [], [], {}
        for j, e in enumerate(enrol):
            e = self.enrolment(i, j, e, label, city, scheme)
            if e is None:
                continue
            key = (e.get("year"), e.get("city", city), e.get("scheme", scheme))
            if key in seen:
                self.err(self.at.enrolment(i, j), Msg("file.enrol_twice", what=label,
                                                      year=key[0], city=key[1],
                                                      scheme=_scheme(key[2])))
            seen[key] = j
            entries.append(e)
            lines.append({k: self.at.enrolment(i, j, k) for k in (None, *e)})
        visits = []
        rows = r.get("visit", [])
        if not isinstance(rows, list):
            self.err(at("visit"), Msg("file.member_visits", what=label))
            rows = []
        if rows and not insured:
            self.err(self.at.member(i, visit=0), Msg("file.member_uninsured", what=label))
        for j, v in enumerate(rows):
            visits.append(self.visit(i, j, v, label))
        if len(self.problems) > n0 and not isinstance(mid, str):
            return None  # kept when it has an id, so bindings to it are not reported as well
        return Member(id=mid, name=name, relation=rel, city=city, scheme=scheme, category=cat,
                      birth_year=by, flags=list(flags), insured=insured, account_balance=bal,
                      enrolment=entries, visits=[v for v in visits if v is not None],
                      note=r.get("note"), enrolment_lines=lines)

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
        if not (_int(year) and 1950 <= year <= 2100):
            self.err(at("year"), Msg("file.enrol_year", what=where))
            year = None
        if "city" in e and not (isinstance(e["city"], str) and e["city"]):
            self.err(at("city"), Msg("file.enrol_city", what=where))
        if "scheme" in e and e["scheme"] not in SCHEMES:
            self.err(at("scheme"), Msg("file.enrol_scheme", what=where, scheme=e["scheme"],
                                       accepted=", ".join(SCHEMES)))
        if "claim_free" in e and not isinstance(e["claim_free"], bool):
            self.err(at("claim_free"), Msg("file.enrol_claim_free", what=where))
        for k in _ENROL_DATES:
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
        if "tier" in e and not (_int(e["tier"]) and e["tier"] >= 1):
            self.err(at("tier"), Msg("file.enrol_tier", what=where))
        if "wage" in e:
            if e.get("scheme", scheme) != "employee":
                self.err(at("wage"), Msg("file.enrol_wage", what=where))
            try:
                e["wage"] = money(e["wage"])
            except ValueError as err:
                self.err(at("wage"), Msg("file.member_amount", what=where, k="wage", err=err.msg))
        sits = e.get("situations")
        if sits is not None and not (isinstance(sits, list)
                                     and all(isinstance(x, str) and x for x in sits)):
            self.err(at("situations"), Msg("file.enrol_situations", what=where))
        return e if len(self.problems) == n0 else None

    def visit(self, i, j, v, label):
        where = Msg("where.visit", what=label, j=j + 1)
        if not self.keys(v, _VISIT_KEYS, self.at.member(i, visit=j), where):
            return None

        def at(k):
            return self.at.member(i, k, visit=j)

        ok = True
        month = v.get("month")
        if not (_int(month) and 1 <= month <= 12):
            self.err(at("month"), Msg("file.visit_month", what=where))
            ok = False
        if v.get("care") not in CARE_KINDS:
            self.err(at("care"), Msg("file.visit_care", what=where, care=v.get("care"),
                                     accepted=", ".join(CARE_KINDS)))
            ok = False
        grade = v.get("grade")
        if grade is not None:
            grade = str(grade)
            if grade not in GRADES:
                self.err(at("grade"), Msg("file.visit_grade", what=where, grade=grade,
                                          accepted=", ".join(GRADES)))
                ok = False
        parts = {}
        if "amount" not in v:
            self.err(at("care"), Msg("file.visit_amount", what=where))
            ok = False
        for k in ("amount", "out_of_policy", "class_b", "special_drugs"):
            if k in v:
                try:
                    parts[k] = money(v[k])
                except ValueError as e:
                    self.err(at(k), Msg("file.member_amount", what=where, k=k, err=e.msg))
                    ok = False
        cr = v.get("cross_region", [])
        cr = [cr] if isinstance(cr, str) else cr
        if not isinstance(cr, list) or any(s not in CROSS_REGION for s in cr):
            self.err(at("cross_region"), Msg("file.visit_cross", what=where,
                                             accepted=", ".join(CROSS_REGION)))
            ok = False
        stay = v.get("stay")
        if stay is not None and not (_int(stay) and stay >= 1):
            self.err(at("stay"), Msg("file.visit_stay", what=where))
            ok = False
        day = v.get("day")
        if day is not None and ok and not (_int(day) and 1 <= day <= _month_days(self.year, month)):
            self.err(at("day"), Msg("file.visit_day", what=where, month=month,
                                    days=_month_days(self.year, month)))
            ok = False
        slip = v.get("slip")
        if slip is not None:
            try:
                slip = parse_slip(slip)
            except SlipError as e:
                self.err(at("slip"), Msg("file.visit_slip", what=where, err=e.msg))
                ok = False
        if not ok:
            return None
        if parts.get("class_b", ZERO) + parts.get("special_drugs", ZERO) > parts["amount"]:
            self.err(at("class_b"), Msg("file.visit_parts", what=where))
            return None
        return Visit(month=month, care=v["care"], grade=grade, disease=v.get("disease"),
                     cross_region=list(cr), stay=stay, note=v.get("note"), day=day, slip=slip,
                     **parts)
