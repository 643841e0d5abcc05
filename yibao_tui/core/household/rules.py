"""Binding rules (家庭共济): who may spend whose account, and checking a household."""

from __future__ import annotations

from dataclasses import dataclass

from yibao_tui.core.engine import EstimateError
from yibao_tui.core.engine import check as engine_check
from yibao_tui.core.household.enrolment import enrolment_problems
from yibao_tui.core.household.model import city_msg, scheme_msg
from yibao_tui.core.household.premium_draw import RULE, premium_rules
from yibao_tui.core.household.supplied import with_supplied
from yibao_tui.core.msg import Msg, problem_msg

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
    return None, Msg("rel.unknown", b=_rel(b), h=_rel(h), ben=beneficiary.name,
                     holder=holder.name)


def _rel(r):
    """A relation id for a Msg: its name in the catalogue ("relation.<id>")."""
    return Msg(f"relation.{r}")


@dataclass
class RuleResult:
    rule: str
    status: str  # "ok" | "broken" | "unknown"
    # What was found, e.g. "Gege is 王伟's sibling: 辽阳 allows only spouse, parent, child" (the
    # rule's name is catalogue "rule_name.<rule>")
    msg: Msg
    holder: str
    beneficiary: str | None = None
    source: str | None = None
    quote: str | None = None
    note: str | None = None  # the policy row's note, as written there (already bilingual)


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
    city_name = hp.name if hp else holder.city  # {zh, en}: the face picks
    rules = (hp.binding if hp else None) or None
    if hp is None:
        err = Msg.of(policies.errors.get(holder.city)) or Msg("policy.missing", city=holder.city)
        out.append(_res("policy", "unknown", Msg("rule.policy_none", err=err), hid))
    elif rules is None:
        out.append(_res("policy", "unknown", Msg("rule.policy_silent", city=city_name), hid))
    # Holder must be in the employee scheme: the account only exists there.
    row = (rules or {}).get("holder_scheme", {})
    if holder.scheme != "employee":
        out.append(_res("holder_scheme", "broken", Msg("rule.holder_scheme", holder=holder.name,
                                                       scheme=scheme_msg(holder.scheme)), hid, row=row))
    elif not holder.insured:
        out.append(_res("holder_scheme", "broken", Msg("rule.holder_uninsured", holder=holder.name),
                        hid, row=row))
    else:
        out.append(_res("holder_scheme", "ok", Msg("rule.holder_ok", holder=holder.name), hid,
                        row=row))
    out += _max_rule(household, holder, rules, city_name)
    for bid in binding.beneficiaries:
        out += _beneficiary_rules(household, binding, holder, household.member(bid), hp, rules,
                                  policies)
    return out


def _max_rule(household, holder, rules, city_name):
    """How many relatives one holder may bind, across every binding of the holder in the file,
    in file order. Past the limit (铁岭 "可绑定10名近亲属") the binding that breaks it is the
    one past the limit: each such relative is named and broken, the first ``max`` stay usable."""
    hid = holder.id
    bound = list(dict.fromkeys(b for x in household.bindings if x.holder == hid
                               for b in x.beneficiaries))
    row = (rules or {}).get("max_beneficiaries")
    if rules is None or row is None:
        return []
    if "unknown" in row:
        return [_res("max_beneficiaries", "unknown",
                     Msg("rule.max_unknown", n=len(bound), city=city_name), hid, row=row)]
    most = int(row["value"])  # a whole number (the validator checks it)
    if len(bound) <= most:
        return [_res("max_beneficiaries", "ok", Msg("rule.max_ok", n=len(bound), max=most), hid,
                     row=row)]
    return [_res("max_beneficiaries", "broken",
                 Msg("rule.max_over", ben=household.member(bid).name, k=k, holder=holder.name,
                     city=city_name, max=most), hid, bid, row)
            for k, bid in enumerate(bound[most:], most + 1)]


def _beneficiary_rules(household, binding, holder, ben, hp, rules, policies):
    """The rules one beneficiary of a binding meets, breaks or cannot be told: how they are
    related to the holder, where they are insured, whether they are insured."""
    city_name = hp.name if hp else holder.city  # {zh, en}: the face picks
    out = _relation_rule(binding, holder, ben, rules, city_name)
    if rules is not None:
        out.append(_region_rule(holder, ben, hp, rules["region"], policies, city_name))
        out.append(_insured_rule(holder, ben, rules["beneficiary_insured"], city_name))
    return out


def _relation_rule(binding, holder, ben, rules, city_name):
    """[the relation rule's result] (none where the city states no rules and the relation is
    known)."""
    hid, bid = holder.id, ben.id
    rel, how = relation_between(holder, ben, binding.relations.get(bid))
    if rel is None:
        return [_res("relations", "broken", how, hid, bid)]
    if rules is None:
        return []
    rel_txt = (Msg("rel.is_how", ben=ben.name, holder=holder.name, rel=_rel(rel), how=how)
               if how else Msg("rel.is", ben=ben.name, holder=holder.name, rel=_rel(rel)))
    row = next((r for r in rules["relations"] if rel in r["relations"]), None)
    if row is not None and "unknown" not in row:
        return [_res("relations", "ok", rel_txt, hid, bid, row)]
    if row is not None:
        return [_res("relations", "unknown", Msg("rule.rel_unknown", rel=rel_txt, city=city_name),
                     hid, bid, row)]
    other = rules["other_relations"]
    if "unknown" in other:
        return [_res("relations", "unknown", Msg("rule.rel_open", rel=rel_txt, city=city_name),
                     hid, bid, other)]
    allowed = [x for r in rules["relations"] if "unknown" not in r for x in r["relations"]]
    return [_res("relations", "broken", Msg("rule.rel_broken", rel=rel_txt, city=city_name,
                                            allowed=[_rel(x) for x in allowed]), hid, bid, other)]


def _region_rule(holder, ben, hp, row, policies, city_name):
    """Where the beneficiary is insured: the holder's city, or (where the city allows it) the
    same province."""
    hid, bid = holder.id, ben.id
    if ben.city == holder.city:
        return _res("region", "ok", Msg("rule.region_same", city=city_name), hid, bid)
    bp = policies.get(ben.city)
    bcity = bp.name if bp else ben.city
    if "unknown" in row:
        return _res("region", "unknown", Msg("rule.region_unknown", ben=ben.name, bcity=bcity,
                                             holder=holder.name, city=city_name), hid, bid, row)
    if bp is None:
        return _res("region", "unknown", Msg("rule.region_no_policy", ben=ben.name,
                                             bcity=ben.city), hid, bid, row)
    if row["value"] == "city":
        return _res("region", "broken", Msg("rule.region_city", ben=ben.name, bcity=bcity,
                                            city=city_name), hid, bid, row)
    if bp.province == hp.province:
        return _res("region", "ok", Msg("rule.region_province", bcity=bcity, city=city_name,
                                        prov=hp.province), hid, bid, row)
    return _res("region", "broken", Msg("rule.region_broken", ben=ben.name, bcity=bcity,
                                        bprov=bp.province, city=city_name, prov=hp.province),
                hid, bid, row)


def _insured_rule(holder, ben, row, city_name):
    """The beneficiary must be insured."""
    hid, bid = holder.id, ben.id
    if ben.insured:
        return _res("beneficiary_insured", "ok", Msg("rule.insured", ben=ben.name), hid, bid,
                    None if "unknown" in row else row)
    if "unknown" in row:
        return _res("beneficiary_insured", "unknown", Msg("rule.uninsured_unknown", ben=ben.name,
                                                          city=city_name), hid, bid, row)
    return _res("beneficiary_insured", "broken", Msg("rule.uninsured", ben=ben.name), hid, bid, row)


def checklist(policy):
    """What binding involves in the holder's city: {stage: [item rows]} (may be empty)."""
    out = {}
    for item in ((policy.binding or {}).get("checklist", []) if policy else []):
        out.setdefault(item["stage"], []).append(item)
    return out



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
    enrol = enrolment_problems(household, policies)
    problems = []
    for m in household.members:
        p = policies.get(m.city)
        if p is None:
            problems.append((m.id, Msg("named", name=m.name,
                                       msg=Msg.of(policies.errors.get(m.city)))))
            continue
        if m.flags:
            bad = [f for f in m.flags if f not in p.flags]
            if bad:
                msg = Msg("problem.flag", name=m.name, flag=bad[0], city=city_msg(p),
                          accepted=", ".join(p.flags) if p.flags else Msg("none"))
                # enrolment.py stops at the same flag: report it once, cited to the city
                enrol = [x for x in enrol if x[0] != m.id or x[1][2].key != "problem.enrol_error"]
                problems.append((m.id, msg))
        if not m.insured:
            continue
        if m.scheme not in p.scheme_ids:
            if m.visits:
                problems.append((m.id, Msg("problem.scheme", name=m.name, city=city_msg(p),
                                           scheme=scheme_msg(m.scheme),
                                           schemes=", ".join(p.scheme_ids))))
            continue
        person = m.person(household.year)
        for j, v in enumerate(m.visits, 1):
            try:
                engine_check(p, person, v.claim(household.year))
            except EstimateError as e:
                problems.append((m.id, Msg("problem.visit", name=m.name, j=j, err=e.msg)))
    # Enrolment and supplied-figure problems first, as read from the file.
    problems = [(mid, problem_msg(p)) for mid, p in enrol] + problems
    rules, lists = {}, {}
    for b in household.bindings:
        rules.setdefault(b.holder, [])
        mine = binding_rules(household, b, policies)
        have = {(r.rule, r.beneficiary) for r in rules[b.holder]}
        rules[b.holder] += [r for r in mine if (r.rule, r.beneficiary) not in have]
        lists[b.holder] = checklist(policies.get(household.member(b.holder).city))
    for status, msg, hid, mid, row in premium_rules(household, policies):
        rules.setdefault(hid, []).append(_res(RULE, status, msg, hid, mid, row))
        lists.setdefault(hid, checklist(policies.get(household.member(hid).city)))
    return Check(problems, rules, lists)


def usable_binding(chk, holder, beneficiary):
    """A binding may be drawn on unless a rule is broken (unknown rules are flagged, not assumed
    broken: the family says the binding exists)."""
    return not any(r.status == "broken" and r.beneficiary in (None, beneficiary)
                   for r in chk.rules.get(holder, ()))

