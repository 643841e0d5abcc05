"""The wizard's model, without Textual: what was chosen, the policies on offer, the estimate for
the current choices, comparisons and the Markdown export. Screens only display this.
"""

from __future__ import annotations

import os

from yibao_tui.core.engine import Claim, EstimateError, Person, estimate
from yibao_tui.text import label, render, t, term

MONEY_PARTS = ("amount", "class_b", "special_drugs", "out_of_policy")


class Selection:
    """Everything chosen so far. Going back keeps it; a later screen drops what no longer fits."""

    def __init__(self):
        self.city = self.scheme = self.category = self.care = self.grade = self.disease = None
        self.text = dict.fromkeys(MONEY_PARTS, "")  # what was typed, for going back
        self.values = dict.fromkeys(MONEY_PARTS)  # each part's figure; None: empty or refused
        self.cross_region = []

    def person(self):
        return Person(self.scheme, self.category)

    def claim(self, grade=None):
        v = self.values
        return Claim(self.care, v["amount"], grade=grade or self.grade, disease=self.disease,
                     class_b=v["class_b"] or 0, special_drugs=v["special_drugs"] or 0,
                     out_of_policy=v["out_of_policy"] or 0, cross_region=self.cross_region)

    def ready(self):
        return None not in (self.city, self.scheme, self.category, self.care, self.grade)


def care_table(policy, sel):
    """The chosen care kind as the policy defines it (a ``core.policy`` ``Care``: label,
    grades, diseases …), or None."""
    return policy.care(sel.scheme, sel.care)


def care_kinds(policy, scheme, category):
    """The care kinds this person may choose: the core's one rule (``Scheme.care_kinds``), the
    same the engine's check holds a claim to, in the glossary's order."""
    sch = policy.scheme(scheme)
    return list(sch.care_kinds(category)) if sch is not None else []


def compute(policy, sel, grade=None, lang="en"):
    """(Result, None) or (None, message in ``lang``) for the current choices; never raises."""
    if policy is None or not sel.ready() or sel.values["amount"] is None:
        return None, None
    try:
        return estimate(policy, sel.person(), sel.claim(grade)), None
    except EstimateError as e:
        return None, render(e.msg, lang)


def alternatives(catalog, sel, lang):
    """The same expense at the other grades of this city, then in the other cities.

    [(label, policy, grade, Result or None, message or None)] with the current choice first.
    """
    cur = catalog.get(sel.city)
    out = []
    res, err = compute(cur, sel, lang=lang)
    city_name = label(cur.name, lang)
    out.append((f"{city_name} · {term(sel.grade, lang)} ({t('cmp.current', lang)})",
                cur, sel.grade, res, err))
    for g in care_table(cur, sel).grades:
        if g != sel.grade:
            r, e = compute(cur, sel, g, lang)
            out.append((f"{city_name} · {term(g, lang)}", cur, g, r, e))
    for city, p in catalog.policies.items():
        if city == sel.city:
            continue
        name = label(p.name, lang)
        why = not_offered(p, sel, lang)
        if why:
            out.append((name, p, None, None, why))
            continue
        care = care_table(p, sel)
        grades = care.grades
        g = sel.grade if sel.grade in grades else grades[-1]
        other = _copy(sel)
        other.city = city
        if other.disease not in care.diseases:
            other.disease = None
        r, e = compute(p, other, g, lang)
        out.append((f"{name} · {term(g, lang)}", p, g, r, e))
    return out


def not_offered(policy, sel, lang):
    """Why ``policy`` cannot take the current person and care (scheme, category or care kind
    not defined there), or None when it can."""
    name = label(policy.name, lang)
    sch = policy.scheme(sel.scheme)
    if sch is None:
        return t("cmp.no_scheme", lang, city=name, scheme=term(sel.scheme, lang))
    if sel.category not in sch.categories:
        return t("cmp.no_category", lang, city=name, scheme=term(sel.scheme, lang),
                 category=term(sel.category, lang))
    if sel.care not in care_kinds(policy, sel.scheme, sel.category):
        return t("cmp.not_offered", lang, city=name)
    return None


def carried(catalog, sel, city, grade, lang):
    """Compare's row chosen: the same choices and amounts at ``city`` and ``grade``.

    Returns (Selection, [notes]); what the city does not define is dropped and each drop is a
    note (the disease of the care kind; cross-region statuses its scheme does not list). The
    caller has checked ``not_offered`` first.
    """
    p = catalog.get(city)
    new = _copy(sel)
    new.city, new.grade = city, grade
    notes = []
    name = label(p.name, lang)
    care = care_table(p, sel)
    if sel.disease is not None and sel.disease not in care.diseases:
        new.disease = None
        old = care_table(catalog.get(sel.city), sel).diseases[sel.disease]
        notes.append(t("cmp.drop_disease", lang, city=name, disease=label(old, lang)))
    listed = p.scheme(sel.scheme).cross_region_statuses
    dropped = [s for s in sel.cross_region if s not in listed]
    if dropped:
        new.cross_region = [s for s in sel.cross_region if s in listed]
        notes.append(t("cmp.drop_cross", lang, city=name, what=dropped))
    return new, notes


def _copy(sel):
    c = Selection()
    c.__dict__.update({k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
                       for k, v in sel.__dict__.items()})
    return c


# ───────────────────────────── export ─────────────────────────────

def default_export_name(sel):
    parts = ["yibao", sel.city, sel.scheme, sel.category, sel.care, sel.grade]
    if sel.disease:
        parts.append(sel.disease)
    return "-".join(parts) + ".md"


def export(path, text, replace=False):
    """Write an export where the user asked (``~`` expanded): private and atomic, never through
    a symlink (storage/files.write_private). An existing file raises FileExistsError unless
    ``replace`` (the export dialog asks first). Returns the path written."""
    from yibao_tui.storage.files import write_private  # the storage door, when an export is made

    return write_private(os.path.abspath(os.path.expanduser(path)), text, replace=replace)
