"""Household results as Documents, one per result, shown by the CLI and the TUI alike: the
members, each binding's rules (✓ ✗ ? with their quotes), the bind checklist per holder, problems.

Members are shown by name, cities by name and sources by title (the file name stays in JSON).
"""

from __future__ import annotations

from yibao_tui.core.household import problem_msg, usable_binding
from yibao_tui.core.money import yuan
from yibao_tui.core.msg import Msg
from yibao_tui.core.safe import safe
from yibao_tui.text import care_name, grade_name, render, t, term
from yibao_tui.views.document import Document, Row, Section
from yibao_tui.views.sources import source_title

MARK = {"ok": "✓", "broken": "✗", "unknown": "?"}
STAGES = ("channel", "materials", "bind", "unbind", "use")


def format_problem(p, lang="en"):
    """A (file, line, reason) problem as ``file:line: reason`` in ``lang``."""
    return render(problem_msg(p), lang)


def store_error_text(e, lang="en"):
    """A household store's refusal (``storage.store.StoreError``) in ``lang``: its ``msg``
    worded where it has one, else its text."""
    msg = getattr(e, "msg", None)
    return render(msg, lang) if msg is not None else str(e)


def format_problems(problems, lang="en"):
    return "\n".join(format_problem(p, lang) for p in problems)


def city_name(policies, city, lang):
    """A member's city by its name (辽阳 / Liaoyang); the id when no policy is on file."""
    p = policies.get(city) if policies is not None else None
    return render(p.name, lang) if p is not None else city


def _name(h, mid):
    try:
        return safe(h.member(mid).name)
    except KeyError:
        return safe(mid)


# ───────────────────────────── members ─────────────────────────────

def member_bits(h, m, policies, lang):
    """What one member is, in a few words: relation, age, city, scheme and category."""
    bits = [t(f"relation.{m.relation}", lang)]
    age = m.age(h.year)
    if age is not None:
        bits.append(t("hh.age", lang, age=age))
    bits.append(city_name(policies, m.city, lang))
    bits.append(f"{term(m.scheme, lang)} {term(m.category, lang)}" if m.insured and m.scheme
                else t("hh.not_insured", lang))
    return bits


def members_section(h, policies, lang):
    """The members list: each by name, and what each is."""
    rows = []
    for m in h.members:
        bits = member_bits(h, m, policies, lang)
        if m.flags:
            p = policies.get(m.city)
            bits.append(t("doc.list", lang, what=[render(p.flags[f], lang) if p and f in p.flags
                                                         else safe(f) for f in m.flags]))
        if m.account_balance is not None:
            bits.append(t("hh.balance", lang, v=yuan(m.account_balance)))
        if m.visits:
            bits.append(t("hh.n_visits", lang, n=len(m.visits)))
        rows.append(Row(safe(m.name), " · ".join(bits), key=m.id))
    return Section(t("hh.members", lang), rows)


# ───────────────────────────── binding rules and the checklist ─────────────────────────────

def rule_row(h, r, policy, lang, who=True):
    """One rule result: mark, the rule's name (→ the relative, when ``who``), what was found,
    its source by title and quote, the policy row's note."""
    name = t(f"rule_name.{r.rule}", lang)
    if who and r.beneficiary:
        name += f" → {_name(h, r.beneficiary)}"
    return Row(name, render(r.msg, lang), key=r.rule, mark=MARK[r.status], status=r.status,
               source=source_title(policy, r.source), source_file=r.source, quote=r.quote,
               note=render(r.note, lang))


def rules_section(h, rules, policy, lang, who=True, title=None):
    return Section(title, [rule_row(h, r, policy, lang, who) for r in rules])


def checklist_section(h, chk, policies, holder, lang):
    """What binding involves in the holder's city, stage by stage, each step cited."""
    m = h.member(holder)
    p = policies.get(m.city)
    items = chk.checklists.get(holder) or {}
    sec = Section(t("hh.checklist", lang, city=city_name(policies, m.city, lang)))
    if not items:
        sec.lines.append(t("hh.checklist.none", lang))
    for stage in STAGES:
        for it in items.get(stage, ()):
            sec.rows.append(Row(t(f"hh.stage.{stage}", lang), render(it, lang), key=stage,
                                mark="[ ]", source=source_title(p, it.get("source")),
                                source_file=it.get("source"), quote=it.get("quote")))
    return sec


def binding_document(h, chk, policies, holder, ben, rules, lang):
    """One bound pair (the TUI's bindings pane): its rules, then the holder city's checklist."""
    p = policies.get(h.member(holder).city)
    return Document(f"{_name(h, holder)} → {_name(h, ben)}", lang,
                    [rules_section(h, rules, p, lang, who=False),
                     checklist_section(h, chk, policies, holder, lang)], compact=True)


def problems_section(chk, lang, title=True):
    return Section(t("hh.problems", lang) if title else None,
                   [Row("", render(msg, lang), mark="✗", status="broken") for _, msg in chk.problems])


def show_document(ld, policies, chk, lang):
    """``household show``: the members, each holder's bound relatives with every rule and the
    checklist, the problems."""
    h = ld.household
    where = t("hh.demo_tag", lang) if ld.demo else f"({safe(ld.path)})"
    doc = Document(f"{safe(h.name)} · {h.year}  {where}", lang, [members_section(h, policies, lang)],
                   compact=True)
    for holder in dict.fromkeys(b.holder for b in h.bindings):
        m = h.member(holder)
        bens = [x for b in h.bindings if b.holder == holder for x in b.beneficiaries]
        title = t("hh.bound", lang, holder=safe(m.name), bens=[_name(h, x) for x in bens])
        doc.sections.append(rules_section(h, chk.rules.get(holder, []), policies.get(m.city),
                                          lang, title=title))
        doc.sections.append(checklist_section(h, chk, policies, holder, lang))
    if chk.problems:
        doc.sections.append(problems_section(chk, lang))
    return doc


def check_rows(ld, chk, policies, lang):
    """``household check``: every rule of every holder, as rows (broken ones go to stderr)."""
    h = ld.household
    return [rule_row(h, r, policies.get(h.member(holder).city), lang)
            for holder, rules in chk.rules.items() for r in rules]


def check_documents(ld, chk, policies, lang):
    """``household check``: each rule as a one-row document, so a broken one can go to stderr."""
    return [Document("", lang, [Section(None, [r])], compact=True)
            for r in check_rows(ld, chk, policies, lang)]


# ───────────────────────────── one member (the TUI's members pane) ─────────────────────────────

def visit_text(v, lang, policy=None, scheme=None):
    """One visit on a line: month, care and grade (as the member's city ``policy`` names them,
    the wizard's names), the amount with its class-B and special-drug parts, and out-of-policy
    cost (the figures the year uses)."""
    care = care_name(policy, scheme, v.care, lang)
    care += f" {grade_name(policy, v.grade, lang)}" if v.grade else ""
    text = f"{t('hh.month', lang, m=v.month)} {care} {yuan(v.amount)}"
    parts = [Msg(f"hh.part.{k}", v=yuan(getattr(v, k))) for k in ("class_b", "special_drugs")
             if getattr(v, k)]
    if parts:
        text += t("hh.parts", lang, parts=parts)
    if v.out_of_policy:
        text += f" + {t('hh.oop', lang, v=yuan(v.out_of_policy))}"
    return text


def member_document(h, m, policies, chk, lang):
    """One member: who, groups, account, whose account they may spend, problems, visits."""
    doc = Document(" · ".join([safe(m.name), *member_bits(h, m, policies, lang)]), lang, compact=True)
    sec = Section()
    p = policies.get(m.city)
    if m.flags:
        sec.lines.append(t("hh.flags", lang) + t("doc.list", lang, what=[
            render(p.flags[f], lang) if p and f in p.flags else safe(f) for f in m.flags]))
    if m.account_balance is not None:
        sec.lines.append(t("hh.balance", lang, v=yuan(m.account_balance)))
    # The year's own test (usable_binding): a broken binding is never "may spend" here.
    holders = h.holders_of(m.id)
    usable = [x for x in holders if usable_binding(chk, x, m.id)]
    if usable:
        sec.lines.append(t("hh.may_spend", lang, who=[_name(h, x) for x in usable]))
    for x in holders:
        if x in usable:
            continue
        r = next(r for r in chk.rules.get(x, ()) if r.status == "broken"
                 and r.beneficiary in (None, m.id))
        sec.rows.append(Row("", t("hh.bound_unusable", lang, who=_name(h, x),
                                  rule=t(f"rule_name.{r.rule}", lang), msg=render(r.msg, lang)),
                            mark="✗", status="broken"))
    sec.rows += [Row("", render(msg, lang), mark="✗", status="broken")
                 for mid, msg in chk.problems if mid == m.id]
    doc.sections.append(sec)
    visits = Section(t("hh.visits", lang) if m.visits else None)
    visits.lines += [visit_text(v, lang, p, m.scheme) for v in m.visits]
    if not m.visits:
        visits.lines.append(t("hh.no_visits", lang))
    doc.sections.append(visits)
    return doc
