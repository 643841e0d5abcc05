"""Reading a household file (or its dict form): every problem with its line."""

from __future__ import annotations

import re

from yibao_tui.core import tomlinput
from yibao_tui.core.household.lines import Lines
from yibao_tui.core.household.model import ID_CARD_RE, SCHEMA, Binding, Household, HouseholdError, is_int
from yibao_tui.core.household.reader_member import MemberReader
from yibao_tui.core.household.reader_types import wrong_types
from yibao_tui.core.household.supplied import supplied_why
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.sections.household import RELATIONS

_TOP_KEYS = {"schema", "name", "year", "note", "member", "binding", "supplied", "past"}
_PAST_KEYS = {"year", "note", "member", "binding", "supplied"}
_PAST_HEADER = re.compile(r"^\s*\[\[\s*past\s*\]\]")
_BINDING_KEYS = {"holder", "beneficiaries", "relations", "note"}


# Strings a person reads on one line (names, ids, vocabulary): no tab or newline either.
SINGLE_LINE_KEYS = frozenset({"name", "id", "relation", "city", "scheme", "category", "care", "grade",
                              "disease", "holder", "path", "per", "part"})


def parse(text, name="household.toml"):
    """Read a household file through the one input layer (core/tomlinput: types, finiteness,
    nesting, control characters); raise HouseholdError listing every problem with its line."""
    try:
        data = tomlinput.loads(text, name, single_line_keys=SINGLE_LINE_KEYS)
    except tomlinput.TomlInputError as e:
        raise HouseholdError(e.problems) from None
    return Reader(name, text).read(data)


def validate(d, name="household"):
    """Read a household's dict form (``to_dict``) as a file would be read: the same checks,
    without writing TOML (an edit "would read back"). Raises HouseholdError (lines unknown)."""
    bad = tomlinput.check(d, single_line_keys=SINGLE_LINE_KEYS)
    if bad:
        raise HouseholdError([(name, None, msg) for _path, msg in bad])
    return Reader(name, "").read(d)


class Reader(MemberReader):
    def __init__(self, name, text):
        self.name = name
        self.at = Lines(text)
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
        """The household in ``d`` (a parsed file), or HouseholdError listing every problem."""
        schema = self.schema(d.get("schema"))
        wrong = wrong_types(d, self.at)  # before any rule reads a value (no TypeError deeper)
        if wrong:
            raise HouseholdError([(self.name, line, msg) for line, msg in wrong])
        self.keys(d, _TOP_KEYS, None, Msg("where.household"))
        name = d.get("name")
        if not (isinstance(name, str) and name.strip()):
            self.err(self.at.top("name"), Msg("file.name"))
            name = ""
        year = d.get("year")
        if not (is_int(year) and 2000 <= year <= 2100):
            self.err(self.at.top("year"), Msg("file.year"))
            year = 2000
        self.year = year
        members = self.members(d.get("member", []), year)
        bindings = self.bindings(d.get("binding", []), {m.id for m in members})
        self.paid_from(members)
        supplied, supplied_lines = self.supplied(d.get("supplied", []), {m.city for m in members})
        self.id_cards(d)
        past = self.past(d.get("past", []), name, year)
        if self.problems:
            raise HouseholdError(self.problems)
        note = d.get("note") if isinstance(d.get("note"), str) else None
        return Household(name=name, year=year, members=members, bindings=bindings, note=note,
                         schema=schema, supplied=supplied, source_name=self.name,
                         supplied_lines=supplied_lines, past=past)

    def paid_from(self, members):
        """An enrolment entry's ``paid_from`` names another member of the household."""
        ids = {m.id for m in members}
        for i, m in enumerate(members):
            for j, e in enumerate(m.enrolment):
                who = e.get("paid_from")
                if who is not None and (who not in ids or who == m.id):
                    line = (m.enrolment_lines[j].get("paid_from")
                            if j < len(m.enrolment_lines) else None)
                    self.err(line or self.at.member(i), Msg("hhy.paid_from_member",
                                                            name=m.name, who=who))

    def past(self, rows, name, year):
        """``[[past]]``: earlier years kept after a rollover, each read as a household of its own
        (the same checks; problems named by the year, at the ``past`` line), years before this one
        and each once. Returned as written."""
        line = self.at.top("past") or self.at.first(_PAST_HEADER)
        if not isinstance(rows, list):
            self.err(line, Msg("file.table", what=Msg("hhy.where_past", year="?")))
            return []
        out, seen = [], set()
        for r in rows:
            y = r.get("year") if isinstance(r, dict) else None
            where = Msg("hhy.where_past", year=y if is_int(y) else "?")
            if not self.keys(r, _PAST_KEYS, line, where):
                continue
            if not (is_int(y) and y < year) or y in seen:
                self.err(line, Msg("hhy.past_year", what=where, year=year))
                continue
            seen.add(y)
            try:
                Reader(self.name, "").read({**r, "schema": SCHEMA, "name": name})
            except HouseholdError as e:
                self.problems += [(f, line, Msg("hhy.past_problem", what=where, msg=m))
                                  for f, _line, m in e.problems]
                continue
            out.append(r)
        return out

    def schema(self, schema):
        """The file's schema, one this version reads; else HouseholdError at once (nothing else
        of a file in another format can be read)."""
        line = self.at.top("schema")
        if not is_int(schema):
            raise HouseholdError([(self.name, line, Msg("file.schema_missing"))])
        if schema > SCHEMA:
            raise HouseholdError([(self.name, line,
                                   Msg("file.schema_newer", schema=schema, known=SCHEMA))])
        if schema < 1:
            raise HouseholdError([(self.name, line, Msg("file.schema_bad", schema=schema))])
        return schema

    def members(self, rows, year):
        """The members that read: ids unique, one head (户主), at most one spouse."""
        if not isinstance(rows, list):
            self.err(self.at.top("member"), Msg("file.members"))
            rows = []
        members = [m for m in (self.member(i, r, year) for i, r in enumerate(rows)) if m is not None]
        seen_ids = set()
        for i, m in enumerate(members):
            if m.id in seen_ids:
                self.err(self.at.member(i, "id"), Msg("file.id_twice", mid=m.id))
            seen_ids.add(m.id)
        heads = [i for i, m in enumerate(members) if m.relation == "self"]
        if members and len(heads) != 1:
            self.err(self.at.member(heads[1] if len(heads) > 1 else 0, "relation"),
                     Msg("file.head", n=len(heads)))
        # Relations are to the head (户主), who has one spouse: a second 配偶 is a slip in the
        # file (a sibling's or child's spouse is child-in-law or other), not something to guess.
        spouses = [m for m in members if m.relation == "spouse"]
        if len(spouses) > 1:
            self.err(self.at.member(members.index(spouses[1]), "relation"),
                     Msg("file.spouse_twice", name=spouses[1].name, first=spouses[0].name))
        return members

    def bindings(self, rows, ids):
        """The bindings that read; no beneficiary bound twice to one holder."""
        if not isinstance(rows, list):
            self.err(self.at.top("binding"), Msg("file.bindings"))
            rows = []
        bindings, seen = [], set()
        for i, r in enumerate(rows):
            b = self.binding(i, r, ids)
            if b is None:
                continue
            for ben in b.beneficiaries:
                if (b.holder, ben) in seen:
                    self.err(self.at.binding(i, "beneficiaries"),
                             Msg("file.bound_twice", ben=ben, holder=b.holder))
                seen.add((b.holder, ben))
            bindings.append(b)
        return bindings

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
            where, entry = Msg("where.supplied", k=k + 1), f"supplied {k + 1}"
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
                parse_supplied([e], entry)
            except SuppliedError as err:
                why, key = supplied_why(err, where, entry)
                self.err(self.at.supplied(k, key) if key in e else line, why)
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
        elif isinstance(node, str) and ID_CARD_RE.search(node):
            self.err(self.at.first(ID_CARD_RE) or line, Msg("file.id_card"))

    def binding(self, i, r, ids):
        line = self.at.binding(i)
        where = Msg("where.binding", i=i + 1)
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

