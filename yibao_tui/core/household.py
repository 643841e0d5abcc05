"""Households: the family, who may spend whose personal account, and a year of care for all.

Pure apart from loading policy files through a ``Policies`` cache (no UI, no writes; the store
is ``store.py``). The API a screen needs:

- ``parse(text, name) -> Household`` (raises ``HouseholdError`` with file, line and reason),
  ``dumps(household) -> str``; ``Household.member(id)``, ``new_member(...)``.
- ``check(household, policies) -> Check``: problems (errors that stop a year), binding rule
  results (ok / broken / unknown, each with its source quote) and the bind checklist per holder.
- ``run_year(household, policies) -> HouseholdYear``: every member's year through the engine,
  then the personal-account drawdown in visit order across the household.
- ``estimate_member_visit(household, member_id, visit, policies)``: one visit, prefilled from
  the member, with the year state (deductibles, caps, balances) of the visits before it.
- ``enrolment_summary(household, policies) -> EnrolmentSummary``: each member's premium, cover
  start and (烟台) serious-illness cap adjustment for the year, cited, and the premium total;
  ``enrolment_problems`` lists entries the members' policies cannot take, with file and line.
- ``with_supplied(household, policies)``: the policies with the household's ``[[supplied]]``
  figures filled in (``check``, ``run_year`` and ``enrolment_summary`` use it themselves).

File format (TOML, ``schema = 1``) is documented in ``docs/household.md`` and the demo
``data/demo-household.toml``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from yibao_tui.core import enrolment as enr
from yibao_tui.core import policy as pol
from yibao_tui.core.amount import MAX_AMOUNT, AmountError, parse_amount
from yibao_tui.core.engine import ZERO, Claim, EstimateError, Person, estimate_year, shown
from yibao_tui.core.engine import check as engine_check
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy import CARE_KINDS, CATEGORIES, CROSS_REGION, GRADES, LABELS, SCHEMES
from yibao_tui.core.sections.household import RELATIONS

SCHEMA = 1
HEAD_RELATIONS = ("self", *RELATIONS)
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_ID_CARD = re.compile(r"\d{17}[\dXx]")

RELATION_LABELS = {
    "self": ("本人", "self"), "spouse": ("配偶", "spouse"), "parent": ("父母", "parent"),
    "child": ("子女", "child"), "grandparent": ("祖父母/外祖父母", "grandparent"),
    "grandchild": ("孙子女/外孙子女", "grandchild"), "sibling": ("兄弟姐妹", "sibling"),
    "parent-in-law": ("配偶的父母", "parent-in-law"), "child-in-law": ("子女的配偶", "child-in-law"),
    "other": ("其他", "other"),
}
RULE_LABELS = {
    "policy": ("共济规定", "binding rules on file"),
    "holder_scheme": ("账户持有人须为职工医保", "holder is in the employee scheme"),
    "relations": ("可绑定的亲属关系", "relation may be bound"),
    "max_beneficiaries": ("可绑定人数", "number of relatives bound"),
    "region": ("共济地域", "where the relative is insured"),
    "beneficiary_insured": ("被绑定人须参保", "relative is insured"),
}


def _city(p):
    """A policy's city and year as a (zh, en) pair, for a Msg: (烟台2025年, Yantai 2025)."""
    return f"{p.name['zh']}{p.year}年", p.label("en")


def _scheme(s):
    """A scheme for a Msg: its Chinese name, and in English the id as the sentences use it."""
    return (LABELS[s][0] if s in LABELS else str(s)), str(s)


class HouseholdError(Exception):
    """A household file that cannot be used: ``problems`` are (file, line or None, reason)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(format_problem(p) for p in self.problems))


def _render(msg, lang):
    # TODO(layers): core must not word messages; the faces will, once errors carry only Msgs.
    from yibao_tui.text import render

    return render(msg, lang)


def format_problem(p, lang="en"):
    """``file:line: reason``; the reason is text (a file's problem) or a ``Msg``."""
    name, line, msg = p
    msg = _render(msg, lang) if isinstance(msg, Msg) else msg
    return f"{name}:{line}: {msg}" if line else f"{name}: {msg}"


def problem_msg(p):
    """A (file, line, reason) problem as one ``Msg``."""
    name, line, msg = p
    msg = Msg.of(msg)
    return (Msg("at_file", file=name, line=line, msg=msg) if line
            else Msg("at_file_noline", file=name, msg=msg))


# ───────────────────────────── model ─────────────────────────────

@dataclass
class Visit:
    month: int
    care: str
    amount: Decimal
    grade: str | None = None
    disease: str | None = None
    out_of_policy: Decimal = ZERO
    class_b: Decimal = ZERO
    special_drugs: Decimal = ZERO
    cross_region: list = field(default_factory=list)
    stay: int | None = None
    note: str | None = None
    day: int | None = None  # optional: the day of the month, where cover starts mid-month

    def claim(self, year):
        return Claim(self.care, self.amount, grade=self.grade, disease=self.disease,
                     class_b=self.class_b, special_drugs=self.special_drugs,
                     out_of_policy=self.out_of_policy, cross_region=self.cross_region,
                     date=dt.date(year, self.month, self.day or 1), stay=self.stay,
                     month_only=self.day is None)


@dataclass
class Member:
    id: str
    name: str
    relation: str
    city: str
    scheme: str | None = None
    category: str | None = None
    birth_year: int | None = None
    flags: list = field(default_factory=list)
    insured: bool = True
    account_balance: Decimal | None = None
    enrolment: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    note: str | None = None
    # Per enrolment entry, the line of the entry (key None) and of each of its keys in the file
    # it was read from (for problems); not saved.
    enrolment_lines: list = field(default_factory=list, repr=False, compare=False)

    def age(self, year):
        return None if self.birth_year is None else year - self.birth_year

    def person(self, year):
        return Person(self.scheme, self.category, age=self.age(year), flags=self.flags)


@dataclass
class Binding:
    holder: str
    beneficiaries: list
    relations: dict = field(default_factory=dict)  # beneficiary id -> relation, when not derivable
    note: str | None = None


@dataclass
class Household:
    name: str
    year: int
    members: list = field(default_factory=list)
    bindings: list = field(default_factory=list)
    note: str | None = None
    schema: int = SCHEMA
    supplied: list = field(default_factory=list)  # [[supplied]] entries as written (see supplied.py)
    # Where it was read from, and the line of each [[supplied]] entry (for problems); not saved.
    source_name: str | None = field(default=None, repr=False, compare=False)
    supplied_lines: list = field(default_factory=list, repr=False, compare=False)

    def member(self, mid):
        for m in self.members:
            if m.id == mid:
                return m
        raise KeyError(mid)

    def holders_of(self, mid):
        """Bound holders whose account ``mid`` may spend, in binding order."""
        return [b.holder for b in self.bindings if mid in b.beneficiaries]


# ───────────────────────────── reading ─────────────────────────────

class _Lines:
    """Finds the line a problem is on, from the headers in the text (best effort)."""

    def __init__(self, text):
        self.lines = text.splitlines()

    def _headers(self, header):
        pat = re.compile(r"^\s*\[\[\s*" + re.escape(header) + r"\s*\]\]")
        return [i for i, ln in enumerate(self.lines) if pat.match(ln)]

    def _key(self, start, key):
        pat = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=")
        for i in range(start, len(self.lines)):
            if i > start and self.lines[i].lstrip().startswith("["):
                break
            if pat.match(self.lines[i]):
                return i + 1
        return None

    def top(self, key):
        return self._key(0, key) if key else None

    def member(self, i, key=None, visit=None):
        heads = self._headers("member")
        if i >= len(heads):
            return None
        start = heads[i]
        if visit is not None:
            end = heads[i + 1] if i + 1 < len(heads) else len(self.lines)
            vs = [v for v in self._headers("member.visit") if start < v < end]
            if not vs:  # written inline by tomli-w: visit = [ { … }, … ]
                arr = self._key(start, "visit")
                if arr is None:
                    return start + 1
                items = [k for k in range(arr, end) if self.lines[k].lstrip().startswith("{")]
                return items[visit] + 1 if visit < len(items) else arr
            if visit >= len(vs):
                return start + 1
            start = vs[visit]
        return (self._key(start, key) if key else None) or start + 1

    def enrolment(self, i, j, key=None):
        """The line of member ``i``'s ``j``-th enrolment entry (or of its ``key``), written as
        ``[[member.enrolment]]`` tables or inline ``enrolment = [{ … }, …]``."""
        heads = self._headers("member")
        if i >= len(heads):
            return None
        start = heads[i]
        end = heads[i + 1] if i + 1 < len(heads) else len(self.lines)
        tables = [k for k in self._headers("member.enrolment") if start < k < end]
        if tables:
            if j >= len(tables):
                return start + 1
            return (self._key(tables[j], key) if key else None) or tables[j] + 1
        arr = self._key(start, "enrolment")
        if arr is None:
            return start + 1
        # The j-th "{" from the array's line on (entries hold no nested tables), then the key.
        seen = -1
        for k in range(arr - 1, end):
            text = self.lines[k]
            skip = text.index("=") + 1 if k == arr - 1 else 0
            for pos, ch in enumerate(text):
                if ch != "{" or pos < skip:
                    continue
                seen += 1
                if seen == j:
                    return self._inline_key(k, pos, key) if key else k + 1
        return arr

    def _inline_key(self, k, pos, key):
        pat = re.compile(r"(^|[{,\s])\"?" + re.escape(key) + r"\"?\s*=")
        first = self.lines[k][pos:]
        for n in range(k, min(k + 20, len(self.lines))):
            text = first if n == k else self.lines[n]
            head = text.split("}", 1)[0]
            if pat.search(head):
                return n + 1
            if "}" in text:
                break
        return k + 1

    def supplied(self, i, key=None):
        heads = self._headers("supplied")
        if i >= len(heads):
            return self.top("supplied")
        return (self._key(heads[i], key) if key else None) or heads[i] + 1

    def binding(self, i, key=None):
        heads = self._headers("binding")
        if i >= len(heads):
            return None
        return (self._key(heads[i], key) if key else None) or heads[i] + 1


_TOP_KEYS = {"schema", "name", "year", "note", "member", "binding", "supplied"}
_MEMBER_KEYS = {"id", "name", "relation", "birth_year", "city", "scheme", "category", "flags",
                "insured", "account_balance", "enrolment", "visit", "note"}
_VISIT_KEYS = {"month", "day", "care", "grade", "disease", "amount", "out_of_policy", "class_b",
               "special_drugs", "cross_region", "stay", "note"}
_BINDING_KEYS = {"holder", "beneficiaries", "relations", "note"}
_ENROL_KEYS = {"year", "city", "scheme", "claim_free", "note",
               # this year's payment (see enrolment.py; names as in `yibao cover`'s options)
               "paid", "tier", "wage", "situations", "born", "employee_until", "recognised"}
_ENROL_DATES = ("paid", "born", "employee_until", "recognised")


class MoneyError(ValueError):
    """An amount that cannot be read: ``msg`` says why (a ``Msg``); ``str()`` is the English."""

    def __init__(self, msg):
        self.msg = msg
        super().__init__(_render(msg, "en"))


def money(v):
    """A yuan amount from TOML (int, Decimal) or text (the rule: ``amount.parse_amount``); raise
    MoneyError (a ValueError) with the reason in both languages."""
    try:
        return parse_amount(v)
    except AmountError as e:
        raise MoneyError(Msg(f"money.{e.code}", v=v, max=f"{MAX_AMOUNT:,}")) from None


def _int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _month_days(y, m):
    return ((dt.date(y + (m == 12), m % 12 + 1, 1)) - dt.timedelta(days=1)).day


def parse(text, name="household.toml"):
    """Read a household file; raise HouseholdError listing every problem with its line."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        line = int(m.group(1)) if m else (len(text.splitlines()) or 1
                                          if "end of document" in str(e) else None)
        raise HouseholdError([(name, line, Msg("file.toml", e=str(e)))]) from None
    return _Reader(name, text).read(data)


class _Reader:
    def __init__(self, name, text):
        self.name = name
        self.at = _Lines(text)
        self.problems = []

    def err(self, line, msg):
        self.problems.append((self.name, line, msg))

    def keys(self, t, allowed, line, what):
        if not isinstance(t, dict):
            self.err(line, Msg("file.table", what=what))
            return False
        for k in t:
            if k not in allowed:
                self.err(line, Msg("file.unknown_key", what=what, k=k,
                                   allowed=", ".join(sorted(allowed))))
        return True

    def read(self, d):
        schema = d.get("schema")
        if not _int(schema):
            raise HouseholdError([(self.name, self.at.top("schema"), Msg("file.schema_missing"))])
        if schema > SCHEMA:
            raise HouseholdError([(self.name, self.at.top("schema"),
                                   Msg("file.schema_newer", schema=schema, known=SCHEMA))])
        if schema < 1:
            raise HouseholdError([(self.name, self.at.top("schema"),
                                   Msg("file.schema_bad", schema=schema))])
        self.keys(d, _TOP_KEYS, None, ("家庭档案", "household"))
        name = d.get("name")
        if not (isinstance(name, str) and name.strip()):
            self.err(self.at.top("name"), Msg("file.name"))
            name = ""
        year = d.get("year")
        if not (_int(year) and 2000 <= year <= 2100):
            self.err(self.at.top("year"), Msg("file.year"))
            year = 2000
        self.year = year
        members = []
        rows = d.get("member", [])
        if not isinstance(rows, list):
            self.err(self.at.top("member"), Msg("file.members"))
            rows = []
        for i, r in enumerate(rows):
            m = self.member(i, r, year)
            if m is not None:
                members.append(m)
        ids = [m.id for m in members]
        for i, mid in enumerate(ids):
            if mid in ids[:i]:
                self.err(self.at.member(i, "id"), Msg("file.id_twice", mid=mid))
        heads = [i for i, m in enumerate(members) if m.relation == "self"]
        if members and len(heads) != 1:
            self.err(self.at.member(heads[1] if len(heads) > 1 else 0, "relation"),
                     Msg("file.head", n=len(heads)))
        bindings = []
        rows = d.get("binding", [])
        if not isinstance(rows, list):
            self.err(self.at.top("binding"), Msg("file.bindings"))
            rows = []
        seen = set()
        for i, r in enumerate(rows):
            b = self.binding(i, r, set(ids))
            if b is None:
                continue
            for ben in b.beneficiaries:
                if (b.holder, ben) in seen:
                    self.err(self.at.binding(i, "beneficiaries"),
                             Msg("file.bound_twice", ben=ben, holder=b.holder))
                seen.add((b.holder, ben))
            bindings.append(b)
        supplied, supplied_lines = self.supplied(d.get("supplied", []), {m.city for m in members})
        self.id_cards(d)
        if self.problems:
            raise HouseholdError(self.problems)
        note = d.get("note") if isinstance(d.get("note"), str) else None
        return Household(name=name, year=year, members=members, bindings=bindings, note=note,
                         schema=schema, supplied=supplied, source_name=self.name,
                         supplied_lines=supplied_lines)

    def supplied(self, rows, cities):
        """``[[supplied]]`` entries: the format of supplied.py, each naming its city."""
        from yibao_tui.core.supplied import SuppliedError
        from yibao_tui.core.supplied import parse as parse_supplied

        if not isinstance(rows, list):
            self.err(self.at.top("supplied"), Msg("file.supplied"))
            return [], []
        out, lines = [], []
        for k, e in enumerate(rows):
            line = self.at.supplied(k)
            where = (f"第{k + 1}条用户提供的数据", f"supplied {k + 1}")
            if not isinstance(e, dict):
                self.err(line, Msg("file.entry_table", what=where))
                continue
            city = e.get("city")
            if not (isinstance(city, str) and city):
                self.err(line, Msg("file.supplied_city", what=where))
                continue
            if city not in cities:
                self.err(self.at.supplied(k, "city"),
                         Msg("file.supplied_nobody", what=where, city=city))
                continue
            try:
                parse_supplied([e], where[1])
            except SuppliedError as err:
                self.err(self.at.supplied(k, err.key) if err.key in e else line,
                         Msg("file.supplied_bad", what=where, why=err.why))
                continue
            out.append(e)
            lines.append(line)
        return out, lines

    def id_cards(self, node, line=None):
        if isinstance(node, dict):
            for v in node.values():
                self.id_cards(v, line)
        elif isinstance(node, list):
            for v in node:
                self.id_cards(v, line)
        elif isinstance(node, str) and _ID_CARD.search(node):
            for i, ln in enumerate(self.at.lines, 1):
                if _ID_CARD.search(ln):
                    line = i
                    break
            self.err(line, Msg("file.id_card"))

    def member(self, i, r, year):
        line = self.at.member(i)
        if not self.keys(r, _MEMBER_KEYS, line, (f"第{i + 1}位成员", f"member {i + 1}")):
            return None
        n0 = len(self.problems)

        def at(k):
            return self.at.member(i, k)

        mid = r.get("id")
        label = ((f"成员“{mid}”", f"member '{mid}'") if isinstance(mid, str)
                 else (f"第{i + 1}位成员", f"member {i + 1}"))
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
        where = (f"{label[0]}第{j + 1}条参保记录", f"{label[1]} enrolment {j + 1}")
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
        where = (f"{label[0]}第{j + 1}次就诊", f"{label[1]} visit {j + 1}")
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
        if not ok:
            return None
        if parts.get("class_b", ZERO) + parts.get("special_drugs", ZERO) > parts["amount"]:
            self.err(at("class_b"), Msg("file.visit_parts", what=where))
            return None
        return Visit(month=month, care=v["care"], grade=grade, disease=v.get("disease"),
                     cross_region=list(cr), stay=stay, note=v.get("note"), day=day, **parts)

    def binding(self, i, r, ids):
        line = self.at.binding(i)
        where = (f"第{i + 1}组家庭共济绑定", f"binding {i + 1}")
        if not self.keys(r, _BINDING_KEYS, line, where):
            return None
        n0 = len(self.problems)
        holder = r.get("holder")
        if holder not in ids:
            self.err(self.at.binding(i, "holder"), Msg("file.bind_holder", what=where, holder=holder))
        bens = r.get("beneficiaries")
        if not (isinstance(bens, list) and bens):
            self.err(self.at.binding(i, "beneficiaries"),
                     Msg("file.bind_bens", what=where))
            bens = []
        for b in bens:
            if b not in ids:
                self.err(self.at.binding(i, "beneficiaries"), Msg("file.bind_not_member", what=where, b=b))
            elif b == holder:
                self.err(self.at.binding(i, "beneficiaries"),
                         Msg("file.bind_self", what=where, b=b))
        if len(set(bens)) != len(bens):
            self.err(self.at.binding(i, "beneficiaries"), Msg("file.bind_twice", what=where))
        rels = r.get("relations", {})
        if not isinstance(rels, dict):
            self.err(self.at.binding(i, "relations"), Msg("file.bind_relations", what=where))
            rels = {}
        for k, rel in rels.items():
            if k not in bens:
                self.err(self.at.binding(i, "relations"), Msg("file.bind_rel_who", what=where, k=k))
            if rel not in RELATIONS:
                self.err(self.at.binding(i, "relations"), Msg("file.bind_rel", what=where, rel=rel,
                                                              accepted=", ".join(RELATIONS)))
        if len(self.problems) > n0:
            return None
        return Binding(holder=holder, beneficiaries=list(bens), relations=dict(rels),
                       note=r.get("note"))


# ───────────────────────────── writing ─────────────────────────────

def to_dict(h):
    out = {"schema": SCHEMA, "name": h.name, "year": h.year}
    if h.note:
        out["note"] = h.note
    members = []
    for m in h.members:
        d = {"id": m.id, "name": m.name, "relation": m.relation}
        if m.birth_year is not None:
            d["birth_year"] = m.birth_year
        d["city"] = m.city
        for k in ("scheme", "category"):
            if getattr(m, k) is not None:
                d[k] = getattr(m, k)
        if m.flags:
            d["flags"] = list(m.flags)
        if not m.insured:
            d["insured"] = False
        if m.account_balance is not None:
            d["account_balance"] = m.account_balance
        if m.enrolment:
            d["enrolment"] = [dict(e) for e in m.enrolment]
        if m.note:
            d["note"] = m.note
        if m.visits:
            d["visit"] = [_visit_dict(v) for v in m.visits]
        members.append(d)
    out["member"] = members
    bindings = []
    for b in h.bindings:
        d = {"holder": b.holder, "beneficiaries": list(b.beneficiaries)}
        if b.relations:
            d["relations"] = dict(b.relations)
        if b.note:
            d["note"] = b.note
        bindings.append(d)
    if bindings:
        out["binding"] = bindings
    if h.supplied:
        out["supplied"] = [dict(e) for e in h.supplied]
    return out


def _visit_dict(v):
    d = {"month": v.month, "care": v.care}
    if v.grade is not None:
        d["grade"] = v.grade
    if v.disease is not None:
        d["disease"] = v.disease
    d["amount"] = v.amount
    for k in ("out_of_policy", "class_b", "special_drugs"):
        if getattr(v, k):
            d[k] = getattr(v, k)
    if v.cross_region:
        d["cross_region"] = list(v.cross_region)
    if v.stay is not None:
        d["stay"] = v.stay
    if v.day is not None:
        d["day"] = v.day
    if v.note:
        d["note"] = v.note
    return d


HEADER = ("# yibao-tui household profile (schema 1). Format: docs/household.md.\n"
          "# Amounts in yuan. No ID-card numbers are stored.\n")


def dumps(h):
    import tomli_w

    return HEADER + tomli_w.dumps(to_dict(h))


# ───────────────────────────── supplied figures ─────────────────────────────

class SuppliedPolicies:
    """``Policies`` with the household's ``[[supplied]]`` figures filled in for each city
    (supplied.apply_supplied): engine steps then say "supplied by you / 用户提供". A city whose
    entries cannot be applied gets no policy (``get`` is None) and the reason in ``errors``."""

    def __init__(self, inner, household):
        self.inner = inner
        self.household = household
        self.year = inner.year
        self.cache = {}
        self.errors = inner.errors
        self.problems = []  # (file, line, reason)

    def get(self, city):
        if city not in self.cache:
            p = self.inner.get(city)
            h = self.household
            mine = [(k, e) for k, e in enumerate(h.supplied) if e.get("city") == city]
            if p is not None and mine:
                from yibao_tui.core.supplied import SuppliedError, apply_supplied
                from yibao_tui.core.supplied import parse as parse_supplied

                try:
                    entries = []
                    for k, e in mine:
                        (pe,) = parse_supplied([e], "")
                        pe["_where"] = f"supplied {k + 1}"
                        pe["_index"] = k
                        entries.append(pe)
                    p = apply_supplied(p, entries)
                except SuppliedError as err:
                    msg = err.msg
                    k = err.index if err.index is not None else mine[0][0]
                    line = h.supplied_lines[k] if k < len(h.supplied_lines) else None
                    self.problems.append((h.source_name or "household", line, msg))
                    self.errors = dict(self.inner.errors)
                    self.errors[city] = Msg("policy.supplied_bad", why=msg)
                    p = None
            self.cache[city] = p
        return self.cache[city]


def with_supplied(household, policies):
    """The policies a household's estimates use: its supplied figures filled in."""
    if isinstance(policies, SuppliedPolicies):
        if policies.household is household:
            return policies
        policies = policies.inner
    if not household.supplied:
        return policies
    return SuppliedPolicies(policies, household)


# ───────────────────────────── enrolment: premiums, cover, 烟台's cap ─────────────────────────────

def _enrol_msg(e):
    """An enrolment error's message, with its CLI option named as the household file's key."""
    m = e.msg
    how = m.args.get("how")
    if isinstance(how, Msg) and how.key == "enrolment.how.option":
        key = how.args["opt"].replace("-", "_")
        m = Msg(m.key, **{**m.args, "how": Msg("enrolment.how.entry", opt=key)})
    return m


def this_year_entry(household, m):
    """(index, entry) of the member's enrolment entry for the household's year in the member's
    city and scheme (an entry without city or scheme is the member's own), or (None, None)."""
    for j, e in enumerate(m.enrolment):
        if (e.get("year") == household.year and e.get("city", m.city) == m.city
                and e.get("scheme", m.scheme) == m.scheme):
            return j, e
    return None, None


def history(household, m, policy=None):
    """The member's enrolment history before the household's year, as whole years:
    ``lapsed`` years without any entry between the last earlier entry and this year (0 when no
    earlier entry is recorded), and for a policy with serious-illness adjustments ``continuous``
    (this year and the unbroken run of earlier years in the same city and scheme, from the
    year the policy counts from) and ``claim_free`` (earlier years in that city and scheme marked
    claim_free, from that year on). Returns a dict with a ``notes`` list (``Msg``) saying how."""
    year = household.year
    years = {e["year"] for e in m.enrolment if e.get("year") is not None}
    earlier = sorted(y for y in years if y < year)
    notes = []
    if earlier:
        lapsed = sum(1 for y in range(earlier[-1] + 1, year) if y not in years)
        notes.append(Msg("hist.lapsed", last=earlier[-1], n=lapsed))
    else:
        lapsed = 0
        notes.append(Msg("hist.none"))
    same = {e["year"]: e for e in m.enrolment
            if e.get("city", m.city) == m.city and e.get("scheme", m.scheme) == m.scheme}
    out = {"lapsed": lapsed, "continuous": None, "claim_free": None, "counted_from": None,
           "notes": notes}
    adj = ((policy.schemes.get(m.scheme) or {}).get("serious_illness_adjustments")
           if policy is not None else None)
    if adj is None:
        return out
    frm = (adj.get("continuous") or {}).get("counted_from", 0)
    n, y = 0, year
    while y >= frm and (y == year or y in same):
        n += 1
        y -= 1
    cf = sorted(y for y, e in same.items() if frm <= y < year and e.get("claim_free"))
    out.update(continuous=n, claim_free=len(cf), counted_from=frm or None)
    notes.append(Msg("hist.continuous", frm=frm, year=year, n=n, years=cf) if cf
                 else Msg("hist.continuous_none", frm=frm, year=year, n=n))
    return out


@dataclass
class MemberEnrolment:
    """One member's premium, cover start and (烟台) serious-illness cap adjustment for the
    household's year. Each part is None when it does not apply, with the reason in its note.
    Notes, notices and the error are ``Msg``s."""

    member: Member
    policy: object
    entry: dict | None = None  # this year's enrolment entry
    premium: object = None  # enrolment.Premium
    premium_note: Msg | None = None
    cover: object = None  # enrolment.Cover
    cover_note: Msg | None = None
    history: dict | None = None
    si_cap: object = None  # enrolment.CapAdjustment
    notices: list = field(default_factory=list)
    error: Msg | None = None


@dataclass
class EnrolmentSummary:
    members: list  # [MemberEnrolment] in file order
    total: Decimal | None  # what the household pays a year; None while a premium is open
    open: list  # member ids whose premium is unknown or a tier still to choose


def member_enrolment(household, m, policies):
    """The premium, cover start and cap adjustment of one member (see ``enrolment_summary``).
    Raises enrolment.EnrolmentError for a question the member's policy cannot take."""
    p = policies.get(m.city)
    me = MemberEnrolment(m, p)
    if p is None:
        me.error = Msg.of(policies.errors.get(m.city)) or Msg("policy.missing", city=m.city)
        return me
    if not m.insured:
        me.premium_note = me.cover_note = Msg("enrol.not_insured")
        return me
    year = household.year
    if p.year != year:
        me.notices.append(Msg("enrol.old_policy", year=year, city=(p.name["zh"], p.city),
                              pyear=p.year))
    _, e = this_year_entry(household, m)
    me.entry = e
    e = e or {}
    me.premium = enr.premium(p, m.category, m.flags, e.get("tier"), m.scheme, e.get("wage"), m.name)
    if m.scheme == "employee" and me.premium.amount is None and "wage" in me.premium.missing:
        me.premium_note = Msg("enrol.no_wage", year=year)
    elif me.premium.choices:
        me.premium_note = Msg("enrol.tier", year=year, tiers=[t for t, _, _ in me.premium.choices])
    me.history = history(household, m, p)
    enrol = (p.schemes.get(m.scheme) or {}).get("enrolment")
    if enrol is None:
        me.cover_note = Msg("enrol.no_rules", city=_city(p), scheme=_scheme(m.scheme))
    elif "paid" not in e:
        me.cover_note = Msg("enrol.no_paid", year=year)
    elif p.year != year:
        me.cover = enr.Cover(p, e["paid"])
        me.cover.missing.append(f"{m.scheme}.enrolment")
        me.cover_note = Msg("enrol.old_rules", pyear=p.year, year=year)
    else:
        me.cover = enr.cover_start(
            p, e["paid"], m.category, m.flags, situations=e.get("situations", ()),
            born=e.get("born"), lapsed_years=me.history["lapsed"],
            employee_until=e.get("employee_until"), recognised=e.get("recognised"),
            scheme=m.scheme)
        if me.cover.cover_year != year:
            raise enr.EnrolmentError(
                f"paid {e['paid']} pays for {me.cover.cover_year}, not {year} "
                f"(collection window {_window_text(enrol['collection_window'])})")
        if me.cover.start is None:
            me.cover_note = Msg("enrol.no_start")
    if (p.schemes.get(m.scheme) or {}).get("serious_illness_adjustments") is not None:
        h = me.history
        me.si_cap = enr.si_cap_adjustment(p, h["continuous"], h["claim_free"], h["lapsed"],
                                          scheme=m.scheme, year=year)
        for ln in me.si_cap.lines:  # the original cap is supplied in the file, not by --base
            if isinstance(ln.note, Msg) and ln.note.key == "enrolment.note.base_unknown":
                ln.note = Msg(ln.note.key, how=Msg("enrolment.how.supplied", city=m.city,
                                                   path=f"{m.scheme}.serious_illness.cap"))
    return me


_SELECTORS = ("grades", "categories", "diseases", "flags")
_ADJ_KEYS = ("continuous", "claim_free", "lapse")


def member_policy(policy, m, si_cap):
    """The policy a member's year is estimated with: the city's (supplied figures filled in)
    and, where the city adjusts the serious-illness cap by enrolment history (烟台) and the
    original cap is known (supplied), the member's adjusted cap (``si_cap``, an
    enrolment.CapAdjustment from ``member_enrolment``) in front of it, cited to the adjustment's
    quotes and marked as derived from the supplied base. A member with no adjustment keeps the
    base; one whose adjustment cannot be worked out gets an unknown cap. Only the cap list is
    copied; ``policy`` is not changed."""
    if policy is None or si_cap is None or si_cap.base is None:
        return policy  # no adjustments here, or the original cap unknown: the cap stays as is
    from yibao_tui.core.engine import pick

    sch = policy.schemes.get(m.scheme) or {}
    caps = (sch.get("serious_illness") or {}).get("cap") or []
    idx, base_row = pick(caps, flags=frozenset(m.flags))
    if base_row is None or "value" not in base_row:
        return policy
    if si_cap.adjusted is not None and not si_cap.net:
        return policy  # nothing to adjust: the (supplied) base as is
    row = {k: list(base_row[k]) for k in _SELECTORS if k in base_row}
    if si_cap.adjusted is None:
        row.update(unknown=True, note="烟台按参保历史调整大病保险最高支付限额，但调整额未知，调整后限额"
                   "未知。The cap is adjusted by enrolment history, and the adjustment is unknown.")
    else:
        used = [ln for ln in si_cap.lines
                if (ln.key in _ADJ_KEYS and ln.amount)
                or (ln.key == "increase_limit" and si_cap.up != si_cap.increase)
                or (ln.key == "decrease_limit" and si_cap.down != si_cap.decrease)]
        quotes = list(dict.fromkeys(ln.quote for ln in used if ln.quote))
        sources = list(dict.fromkeys(ln.source for ln in used if ln.source))
        adj = next(ln for ln in si_cap.lines if ln.key == "adjusted")
        row.update(value=si_cap.adjusted, per=base_row.get("per", "year"), supplied=True,
                   derived={"base": si_cap.base, "up": si_cap.up, "down": si_cap.down},
                   note=f"用户提供的原限额 + 调整：{_render(adj.text, 'zh')}"
                        f"（{'；'.join(_render(ln.text, 'zh') for ln in used)}）。"
                        f"Supplied base + adjustment: {_render(adj.text, 'en')} "
                        f"({'; '.join(_render(ln.text, 'en') for ln in used)}).")
        if sources:
            row["source"] = ", ".join(sources)
        if quotes:
            row["quote"] = " … ".join(quotes)
    data = dict(policy.data)
    data[m.scheme] = dict(data[m.scheme])
    si = data[m.scheme]["serious_illness"] = dict(data[m.scheme]["serious_illness"])
    si["cap"] = [*caps[:idx], row, *caps[idx:]]
    return pol.Policy(data, policy.path)


def _window_text(w):
    lo = w.get("from")
    return f"{lo.isoformat() if lo else '?'} – {w['to'].isoformat()}"


def enrolment_summary(household, policies):
    """Every member's premium (cited, or unknown with what is missing), cover start (with the
    rule quoted, or why unknown) and, for a city with serious-illness cap adjustments (烟台),
    the adjustment derived from the enrolment history; and the household's premium total."""
    policies = with_supplied(household, policies)
    rows = []
    for m in household.members:
        try:
            rows.append(member_enrolment(household, m, policies))
        except enr.EnrolmentError as e:
            rows.append(MemberEnrolment(m, policies.get(m.city),
                                        error=Msg("named", name=m.name, msg=_enrol_msg(e))))
    paying = [r for r in rows if r.premium is not None or r.error]
    open_ = [r.member.id for r in paying if r.error or r.premium.amount is None]
    total = None if open_ else enr.premium_total([r.premium for r in paying])
    return EnrolmentSummary(rows, total, open_)


def enrolment_problems(household, policies):
    """Problems in the enrolment entries and supplied figures that need the members' policies
    (a situation the city does not define, a tier it does not offer, a payment for another
    year, a supplied figure with nothing to fill): [(member id or None, (file, line, reason))];
    the reason is a ``Msg`` (``format_problem(p, lang)``) or, for a supplied figure, text."""
    name = household.source_name or "household"
    policies = with_supplied(household, policies)
    out = []
    for m in household.members:
        p = policies.get(m.city)
        if p is None or not m.insured or m.scheme not in p.schemes:
            continue
        j, e = this_year_entry(household, m)
        lines = m.enrolment_lines[j] if j is not None and j < len(m.enrolment_lines) else {}
        line = lines.get(None)
        where = {"id": m.id, "year": household.year}
        if e is not None and e.get("situations"):
            known = ((p.schemes[m.scheme].get("enrolment") or {}).get("situations") or {})
            for sit in e["situations"]:
                if sit not in known:
                    why = Msg("problem.situation", sit=sit, city=_city(p),
                              accepted=", ".join(known) if known else Msg("none"))
                    out.append((m.id, (name, lines.get("situations", line),
                                       Msg("problem.enrol_where", **where, msg=why))))
        if out and out[-1][0] == m.id:
            continue
        try:
            member_enrolment(household, m, policies)
        except enr.EnrolmentError as err:
            out.append((m.id, (name, line, Msg("problem.enrol_where", **where,
                                               msg=_enrol_msg(err)))))
    if isinstance(policies, SuppliedPolicies):
        for city in dict.fromkeys(e.get("city") for e in household.supplied):
            policies.get(city)
        out += [(None, p) for p in policies.problems]
    return out


# ───────────────────────────── binding rules ─────────────────────────────

_INVERSE = {"spouse": "spouse", "parent": "child", "child": "parent", "grandparent": "grandchild",
            "grandchild": "grandparent", "sibling": "sibling", "parent-in-law": "child-in-law",
            "child-in-law": "parent-in-law", "other": "other"}
# (holder's relation to the head, beneficiary's relation to the head) -> (what the beneficiary
# is to the holder, the assumption made (a Msg key) or None).
_DERIVED = {
    ("spouse", "child"): ("child", "rel.own_child"),
    ("spouse", "grandchild"): ("grandchild", "rel.own_grandchild"),
    ("spouse", "parent"): ("parent-in-law", None),
    ("spouse", "parent-in-law"): ("parent", None),
    ("child", "spouse"): ("parent", "rel.own_parent"),
    ("child", "parent"): ("grandparent", None),
    ("child", "parent-in-law"): ("grandparent", None),
    ("child", "child"): ("sibling", None),
    ("parent", "spouse"): ("child-in-law", None),
    ("parent", "child"): ("grandchild", None),
    ("parent", "parent"): ("spouse", "rel.parents_married"),
    ("parent", "sibling"): ("child", None),
    ("parent-in-law", "spouse"): ("child", None),
    ("parent-in-law", "child"): ("grandchild", "rel.own_child"),
    ("parent-in-law", "parent-in-law"): ("spouse", "rel.in_laws_married"),
    ("sibling", "parent"): ("parent", None),
    ("sibling", "sibling"): ("sibling", None),
    ("sibling", "child"): ("other", None),
    ("child", "sibling"): ("other", None),
}


def relation_between(holder, beneficiary, override=None):
    """What ``beneficiary`` is to ``holder``: (relation or None, note Msg or None)."""
    if override:
        return override, Msg("rel.set")
    h, b = holder.relation, beneficiary.relation
    if h == "self":
        return b, None
    if b == "self":
        return _INVERSE[h], None
    if (h, b) in _DERIVED:
        rel, how = _DERIVED[(h, b)]
        return rel, (Msg(how) if how else None)
    return None, Msg("rel.unknown", b=_rel(b), h=_rel(h), id=beneficiary.id)


def _rel(r):
    return RELATION_LABELS[r] if r in RELATION_LABELS else (str(r), str(r))


@dataclass
class RuleResult:
    rule: str
    status: str  # "ok" | "broken" | "unknown"
    msg: Msg  # what was found, e.g. "Gege is 王伟's sibling: 辽阳 allows only spouse, parent, child"
    holder: str
    beneficiary: str | None = None
    source: str | None = None
    quote: str | None = None
    note: str | None = None  # the policy row's note, as written there (already bilingual)

    def label(self, lang="en"):
        return RULE_LABELS[self.rule][0 if lang == "zh" else 1]

    def text(self, lang="en"):
        """The message in ``lang``."""
        return _render(self.msg, lang)

    @property
    def message(self):
        """The message in English (as in ``--json``'s ``message``)."""
        return _render(self.msg, "en")


def _res(rule, status, msg, holder, ben=None, row=None, note=None):
    row = row or {}
    return RuleResult(rule, status, msg, holder, ben, row.get("source"), row.get("quote"),
                      note if note is not None else row.get("note"))


def binding_rules(household, binding, policies):
    """Every rule for one binding: holder-level rules, then each beneficiary's."""
    out = []
    hid = binding.holder
    holder = household.member(hid)
    hp = policies.get(holder.city)
    city_name = hp.name["zh"] if hp else holder.city
    rules = (hp.data.get("binding") if hp else None) or None
    if hp is None:
        err = Msg.of(policies.errors.get(holder.city)) or Msg("verbatim", s="no policy")
        out.append(_res("policy", "unknown", Msg("rule.policy_none", err=err), hid))
    elif rules is None:
        out.append(_res("policy", "unknown", Msg("rule.policy_silent", city=city_name), hid))
    # Holder must be in the employee scheme: the account only exists there.
    row = (rules or {}).get("holder_scheme", {})
    if holder.scheme != "employee":
        out.append(_res("holder_scheme", "broken", Msg("rule.holder_scheme", holder=holder.name,
                                                       scheme=_scheme(holder.scheme)), hid, row=row))
    elif not holder.insured:
        out.append(_res("holder_scheme", "broken", Msg("rule.holder_uninsured", holder=holder.name),
                        hid, row=row))
    else:
        out.append(_res("holder_scheme", "ok", Msg("rule.holder_ok", holder=holder.name), hid,
                        row=row))
    # How many relatives one holder may bind (across every binding of this holder in the file).
    bound = sorted({b for x in household.bindings if x.holder == hid for b in x.beneficiaries})
    row = (rules or {}).get("max_beneficiaries")
    if rules is not None and row is not None:
        if "unknown" in row:
            out.append(_res("max_beneficiaries", "unknown",
                            Msg("rule.max_unknown", n=len(bound), city=city_name), hid, row=row))
        elif len(bound) > row["value"]:
            out.append(_res("max_beneficiaries", "broken", Msg("rule.max_broken", n=len(bound),
                            city=city_name, max=row["value"]), hid, row=row))
        else:
            out.append(_res("max_beneficiaries", "ok",
                            Msg("rule.max_ok", n=len(bound), max=row["value"]), hid, row=row))
    for bid in binding.beneficiaries:
        out += _beneficiary_rules(household, binding, holder, household.member(bid), hp, rules,
                                  policies)
    return out


def _beneficiary_rules(household, binding, holder, ben, hp, rules, policies):
    out = []
    hid, bid = holder.id, ben.id
    city_name = hp.name["zh"] if hp else holder.city
    # Relation.
    rel, how = relation_between(holder, ben, binding.relations.get(bid))
    if rel is None:
        out.append(_res("relations", "broken", how, hid, bid))
    elif rules is not None:
        rel_txt = (Msg("rel.is_how", ben=ben.name, holder=holder.name, rel=_rel(rel), how=how)
                   if how else Msg("rel.is", ben=ben.name, holder=holder.name, rel=_rel(rel)))
        row = next((r for r in rules["relations"] if rel in r["relations"]), None)
        if row is not None and "unknown" not in row:
            out.append(_res("relations", "ok", rel_txt, hid, bid, row))
        elif row is not None:
            out.append(_res("relations", "unknown", Msg("rule.rel_unknown", rel=rel_txt,
                                                        city=city_name), hid, bid, row))
        else:
            other = rules["other_relations"]
            if "unknown" in other:
                out.append(_res("relations", "unknown", Msg("rule.rel_open", rel=rel_txt,
                                                            city=city_name), hid, bid, other))
            else:
                allowed = [x for r in rules["relations"] if "unknown" not in r for x in r["relations"]]
                out.append(_res("relations", "broken", Msg("rule.rel_broken", rel=rel_txt,
                                city=city_name, allowed=[_rel(x) for x in allowed]),
                                hid, bid, other))
    # Where the beneficiary is insured.
    if rules is not None:
        row = rules["region"]
        if ben.city == holder.city:
            out.append(_res("region", "ok", Msg("rule.region_same", city=city_name), hid, bid))
        else:
            bp = policies.get(ben.city)
            bcity = bp.name["zh"] if bp else ben.city
            if "unknown" in row:
                out.append(_res("region", "unknown", Msg("rule.region_unknown", ben=ben.name,
                                bcity=bcity, holder=holder.name, city=city_name), hid, bid, row))
            elif bp is None:
                out.append(_res("region", "unknown", Msg("rule.region_no_policy", ben=ben.name,
                                bcity=ben.city), hid, bid, row))
            elif row["value"] == "city":
                out.append(_res("region", "broken", Msg("rule.region_city", ben=ben.name,
                                bcity=bcity, city=city_name), hid, bid, row))
            elif bp.province["zh"] == hp.province["zh"]:
                out.append(_res("region", "ok", Msg("rule.region_province", bcity=bcity,
                                city=city_name, prov=hp.province["zh"]), hid, bid, row))
            else:
                out.append(_res("region", "broken", Msg("rule.region_broken", ben=ben.name,
                                bcity=bcity, bprov=bp.province["zh"], city=city_name,
                                prov=hp.province["zh"]), hid, bid, row))
    # The beneficiary must be insured.
    if rules is not None:
        row = rules["beneficiary_insured"]
        if ben.insured:
            out.append(_res("beneficiary_insured", "ok", Msg("rule.insured", ben=ben.name), hid,
                            bid, None if "unknown" in row else row))
        elif "unknown" in row:
            out.append(_res("beneficiary_insured", "unknown", Msg("rule.uninsured_unknown",
                            ben=ben.name, city=city_name), hid, bid, row))
        else:
            out.append(_res("beneficiary_insured", "broken", Msg("rule.uninsured", ben=ben.name),
                            hid, bid, row))
    return out


def checklist(policy):
    """What binding involves in the holder's city: {stage: [item rows]} (may be empty)."""
    out = {}
    for item in ((policy.data.get("binding") or {}).get("checklist", []) if policy else []):
        out.setdefault(item["stage"], []).append(item)
    return out


# ───────────────────────────── checking a household ─────────────────────────────

@dataclass
class Check:
    problems: list  # (member id or None, Msg): things that stop an estimate
    rules: dict  # holder id -> [RuleResult]
    checklists: dict  # holder id -> {stage: [items]}

    @property
    def broken(self):
        return [r for rs in self.rules.values() for r in rs if r.status == "broken"]

    @property
    def unknown(self):
        return [r for rs in self.rules.values() for r in rs if r.status == "unknown"]

    @property
    def ok(self):
        return not self.problems and not self.broken


def check(household, policies):
    policies = with_supplied(household, policies)
    problems = [(mid, problem_msg(p)) for mid, p in enrolment_problems(household, policies)]
    for m in household.members:
        p = policies.get(m.city)
        if p is None:
            problems.append((m.id, Msg("named", name=m.name,
                                       msg=Msg.of(policies.errors.get(m.city)))))
            continue
        if m.flags:
            bad = [f for f in m.flags if f not in p.flags]
            if bad:
                msg = Msg("problem.flag", name=m.name, flag=bad[0], city=_city(p),
                          accepted=", ".join(p.flags) if p.flags else Msg("none"))
                # enrolment.py reports the same flag (in English): keep this one only
                problems = [x for x in problems if x[0] != m.id or "flag '" not in str(x[1])]
                problems.append((m.id, msg))
        if not m.insured:
            continue
        if m.scheme not in p.schemes:
            if m.visits:
                problems.append((m.id, Msg("problem.scheme", name=m.name, city=_city(p),
                                           scheme=_scheme(m.scheme),
                                           schemes=", ".join(p.schemes))))
            continue
        person = m.person(household.year)
        for j, v in enumerate(m.visits, 1):
            try:
                engine_check(p, person, v.claim(household.year))
            except EstimateError as e:
                problems.append((m.id, Msg("problem.visit", name=m.name, j=j, err=(e.text("zh"), str(e)))))
    rules, lists = {}, {}
    for b in household.bindings:
        rules.setdefault(b.holder, [])
        mine = binding_rules(household, b, policies)
        have = {(r.rule, r.beneficiary) for r in rules[b.holder]}
        rules[b.holder] += [r for r in mine if (r.rule, r.beneficiary) not in have]
        lists[b.holder] = checklist(policies.get(household.member(b.holder).city))
    return Check(problems, rules, lists)


def usable_binding(chk, holder, beneficiary):
    """A binding may be drawn on unless a rule is broken (unknown rules are flagged, not assumed
    broken: the family says the binding exists)."""
    return not any(r.status == "broken" and r.beneficiary in (None, beneficiary)
                   for r in chk.rules.get(holder, ()))


# ───────────────────────────── personal account ─────────────────────────────

def monthly_credit(policy, member, year):
    """(monthly credit or None, row or None, note Msg or None): the row that applies."""
    pa = (policy.schemes.get("employee") or {}).get("personal_account") if policy else None
    if pa is None:
        return None, None, Msg("credit.no_source")
    age = member.age(year)
    for r in pa["monthly_credit"]:
        cats = r.get("categories")
        if cats is not None and member.category not in cats:
            continue
        if ("age_from" in r or "age_below" in r) and age is None:
            return None, r, Msg("credit.needs_age")
        if "age_from" in r and age < r["age_from"]:
            continue
        if "age_below" in r and age >= r["age_below"]:
            continue
        if "unknown" in r:
            return None, r, Msg.of(r.get("note"))
        return r["value"], r, Msg.of(r.get("note"))
    return None, None, Msg("credit.no_row")


def monthly_share(policy, member, wage):
    """(monthly amount or None, row or None, note Msg or None): the employee's own contribution
    that goes to the personal account each month on top of ``monthly_credit`` (辽阳
    "个人承担2%,个人部分划入医保个人账户"): ``wage`` (the monthly contribution base, from the
    member's enrolment entry) × the row's rate, to the fen. ZERO where the policy has no
    ``employee_share`` row for the member (its sources say nothing of such a credit); None — not
    zero — where a row applies but the wage is not entered, or the row is unknown."""
    pa = (policy.schemes.get("employee") or {}).get("personal_account") if policy else None
    for r in (pa or {}).get("employee_share", ()):
        cats = r.get("categories")
        if cats is not None and member.category not in cats:
            continue
        if "unknown" in r:
            return None, r, Msg.of(r.get("note"))
        if wage is None:
            return None, r, Msg("credit.share_needs_wage")
        return (wage * r["rate"]).quantize(Decimal("0.01"), ROUND_HALF_UP), r, Msg.of(r.get("note"))
    return ZERO, None, None


def account_scope(policy):
    """(scope, row, note Msg or None): what the account may pay. Unknown → in-policy self-pay
    only."""
    pa = (policy.schemes.get("employee") or {}).get("personal_account") if policy else None
    row = (pa or {}).get("pays")
    if row is None:
        return "in-policy", None, Msg("scope.unknown")
    if "unknown" in row:
        return "in-policy", row, Msg.of(row.get("note"))
    return row["scope"], row, Msg.of(row.get("note"))


@dataclass
class Account:
    holder: str
    opening: Decimal
    monthly: Decimal | None
    credit_row: dict | None
    credit_note: Msg | None
    balance_entered: bool
    credited: Decimal = ZERO
    drawn: Decimal | None = ZERO
    balance: Decimal | None = None  # running; None once it depends on an unknown figure
    months_credited: int = 0
    draws: list = field(default_factory=list)  # (member id, visit row index, amount or None)
    # The employee's own share credited each month (``monthly_share``); None while unknown.
    share: Decimal | None = ZERO
    share_row: dict | None = None
    share_note: Msg | None = None

    def credit_to(self, month):
        # Each part known is credited; an unknown part is not, so the balance is then a lower
        # bound (run_year adds a note saying so) — never an unknown taken as a settled zero.
        per_month = sum((x for x in (self.monthly, self.share) if x is not None), ZERO)
        while self.months_credited < month:
            self.months_credited += 1
            self.credited += per_month
            if self.balance is not None:
                self.balance += per_month

    @property
    def closing(self):
        return self.balance


@dataclass
class VisitRow:
    member: str
    index: int  # the visit's position in the member's list
    visit: Visit
    result: object  # engine Result
    fund: Decimal | None
    serious_illness: Decimal | None
    self_pay: Decimal | None
    total: Decimal | None
    payable: Decimal | None  # self-pay the account may take (in-policy self-pay)
    draws: list = field(default_factory=list)  # (holder id, amount or None)
    account: Decimal | None = ZERO
    cash: Decimal | None = None
    notes: list = field(default_factory=list)  # [Msg]


@dataclass
class Totals:
    fund: Decimal | None = ZERO
    serious_illness: Decimal | None = ZERO
    account: Decimal | None = ZERO
    cash: Decimal | None = ZERO
    self_pay: Decimal | None = ZERO
    total: Decimal | None = ZERO

    def add(self, row):
        for k in ("fund", "serious_illness", "account", "cash", "self_pay", "total"):
            a, b = getattr(self, k), getattr(row, k)
            setattr(self, k, None if a is None or b is None else a + b)


@dataclass
class MemberYear:
    member: Member
    policy: object
    year: object = None  # engine YearResult
    error: Msg | None = None
    rows: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    cover: object = None  # enrolment.Cover the visits were checked against, if a payment is recorded


@dataclass
class HouseholdYear:
    household: Household
    check: Check
    members: list  # [MemberYear] in file order
    rows: list  # [VisitRow] in visit order across the household
    accounts: dict  # holder id -> Account
    totals: Totals
    notes: list  # [Msg]


def run_year(household, policies, chk=None):
    """Each member's year through the engine, then the account drawdown in visit order."""
    year = household.year
    policies = with_supplied(household, policies)
    chk = chk or check(household, policies)
    bad_members = {mid for mid, _ in chk.problems}
    members, rows = [], []
    for mi, m in enumerate(household.members):
        p = policies.get(m.city)
        my = MemberYear(m, p)
        members.append(my)
        if not m.visits:
            continue
        if m.id in bad_members:
            my.error = Msg("joined", parts=[msg for mid, msg in chk.problems if mid == m.id])
            continue
        order = sorted(range(len(m.visits)), key=lambda j: (m.visits[j].month, m.visits[j].day or 0))
        claims = [m.visits[j].claim(year) for j in order]
        try:
            me = member_enrolment(household, m, policies)
            my.cover = me.cover
            my.policy = p = member_policy(p, m, me.si_cap)
            my.year = estimate_year(p, m.person(year), claims, my.cover)
        except EstimateError as e:  # check() should have caught it
            my.error = Msg("named", name=m.name, msg=(e.text("zh"), str(e)))
            continue
        except enr.EnrolmentError as e:  # check() should have caught it
            my.error = Msg("named", name=m.name, msg=_enrol_msg(e))
            continue
        for j, res in zip(order, my.year.visits, strict=True):
            f, s, sp, t = shown(res, p)
            v = m.visits[j]
            payable = None if sp is None else max(ZERO, sp - v.out_of_policy)
            row = VisitRow(m.id, j, v, res, f, s, sp, t, payable)
            my.rows.append(row)
            rows.append((v.month, mi, j, row))
    rows.sort(key=lambda x: x[:3])
    rows = [r[3] for r in rows]

    accounts = {}
    for m in household.members:
        if m.scheme == "employee" and m.insured:
            p = policies.get(m.city)
            monthly, crow, cnote = monthly_credit(p, m, year)
            share, srow, snote = monthly_share(p, m, (this_year_entry(household, m)[1] or {})
                                               .get("wage"))
            opening = m.account_balance if m.account_balance is not None else ZERO
            accounts[m.id] = Account(m.id, opening, monthly, crow, cnote,
                                     m.account_balance is not None, balance=opening,
                                     share=share, share_row=srow, share_note=snote)
    notes = []
    for a in accounts.values():
        who = household.member(a.holder).name
        if not a.balance_entered:
            notes.append(Msg("note.balance_missing", who=who))
        if a.monthly is None:
            notes.append(Msg("note.credit_unknown", who=who, why=a.credit_note or "—"))
        if a.share is None:
            notes.append(Msg("note.share_unknown", who=who, why=a.share_note or "—"))

    for row in rows:
        m = household.member(row.member)
        sources = ([m.id] if m.id in accounts else []) + [
            h for h in household.holders_of(m.id)
            if h in accounts and h != m.id and usable_binding(chk, h, m.id)]
        skipped = [h for h in household.holders_of(m.id) if h in accounts and h not in sources]
        for h in skipped:
            row.notes.append(Msg("note.not_drawn", holder=h, ben=m.id))
        if not sources:
            row.account, row.cash = ZERO, row.self_pay
            continue
        drawn = ZERO
        for h in sources:
            acc = accounts[h]
            acc.credit_to(row.visit.month)
            scope, _srow, snote = account_scope(policies.get(household.member(h).city))
            if snote and snote not in notes:
                notes.append(snote)
            limit = row.self_pay if scope == "all" else row.payable
            if limit is None or acc.balance is None:
                # The self-pay or the balance depends on an unknown figure: so does the draw.
                row.draws.append((h, None))
                acc.draws.append((m.id, row.index, None))
                acc.balance = acc.drawn = None
                break
            amt = min(max(ZERO, limit - drawn), acc.balance)
            if amt <= 0:
                continue
            acc.balance -= amt
            acc.drawn = None if acc.drawn is None else acc.drawn + amt
            drawn += amt
            row.draws.append((h, amt))
            acc.draws.append((m.id, row.index, amt))
        if any(a is None for _, a in row.draws) or row.self_pay is None:
            row.account = row.cash = None
        else:
            row.account = sum((a for _, a in row.draws), ZERO)
            row.cash = row.self_pay - row.account
    for a in accounts.values():
        a.credit_to(12)

    total = Totals()
    for my in members:
        for r in my.rows:
            my.totals.add(r)
        if my.error is None:
            total.add(my.totals)
        else:
            for k in vars(total):
                setattr(total, k, None)
    return HouseholdYear(household, chk, members, rows, accounts, total, notes)


class HouseholdEstimateError(EstimateError):
    """A member's visits cannot be estimated: ``msg`` says why (a ``Msg``)."""

    def __init__(self, msg):
        self.msg = msg
        super().__init__(_render(msg, "en"))


def estimate_member_visit(household, member_id, visit, policies):
    """One more visit for a member, after the visits already on file up to its month.

    Returns (VisitRow, HouseholdYear); the household passed in is not changed."""
    h = copy.deepcopy(household)
    m = h.member(member_id)
    m.visits = [v for v in m.visits if v.month <= visit.month] + [visit]
    for other in h.members:
        if other.id != member_id:
            other.visits = [v for v in other.visits if v.month <= visit.month]
    hy = run_year(h, policies)
    my = next(x for x in hy.members if x.member.id == member_id)
    if my.error:
        raise HouseholdEstimateError(my.error)
    row = next(r for r in my.rows if r.index == len(m.visits) - 1)
    return row, hy


def new_member(household, **fields):
    """Add a member (validated like a file would be); returns it. Raises HouseholdError."""
    h = copy.deepcopy(household)
    m = Member(**fields)
    h.members.append(m)
    parse(dumps(h), "new member")  # the same checks as reading the file
    household.members.append(m)
    return m
