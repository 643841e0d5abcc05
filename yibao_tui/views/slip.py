"""A slip check as a Document in one language: each box of the slip beside the estimate's figure,
the difference and the step that produced the figure; what would explain a difference; the
verdict. ``yibao slip`` prints it; the TUI's slip screen shows the same rows."""

from __future__ import annotations

from yibao_tui.core.money import money, pct, yuan
from yibao_tui.core.msg import Msg
from yibao_tui.text import render, t
from yibao_tui.views.document import (
    AT_MOST,
    Document,
    Figure,
    Row,
    Section,
    qualify,
    with_policy_notices,
)
from yibao_tui.views.estimate import VisitSection, claim_title, header
from yibao_tui.views.sources import source_title
from yibao_tui.views.steps import step_label, step_text

MARKS = {"match": ("✓", "ok"), "near": ("≈", "ok"), "differs": ("✗", "broken"),
         "unknown": ("?", "unknown"), "unchecked": ("", "")}


def signed(d):
    """+460.00 / −460.00 / 0.00: a difference as shown (``yuan``'s minus sign)."""
    return yuan(d) if d <= 0 else "+" + yuan(d)


def expected_figure(res, line, lang):
    """The estimate's figure for a box of the slip, with its qualifier (the fund at most where a
    cap was not applied)."""
    v = money(line.expected)
    unchecked = res.unchecked if line.field == "fund" else ()
    return Figure(line.field, v, qualify(v, res.missing if v is None else (), unchecked,
                                         bound=AT_MOST), lang)


def line_row(policy, res, line, lang):
    """A box of the slip beside the estimate's figure (its qualifier kept), the difference (the
    row's amount) and the step behind it. ``figures``: the slip's and the estimate's figures;
    ``meta`` keeps the core line (JSON's machine values)."""
    mark, st = MARKS[line.status]
    fig = expected_figure(res, line, lang)
    unchecked = line.status == "unchecked"
    expected = "—" if unchecked else fig.text
    if unchecked:
        amount = t("slip.status.unchecked", lang)
    else:
        amount = t("unknown", lang) if line.difference is None else signed(line.difference)
    step = line.step
    row = Row(label=t(f"slip.field.{line.field}", lang), amount=amount, key=line.field,
              text=t("slip.line", lang, slip=yuan(line.slip), expected=expected),
              mark=mark, status=st, value=line.slip,
              source=source_title(policy, step.source, lang) if step else None,
              source_file=step.source if step else None, quote=step.quote if step else None,
              note=t("slip.by", lang, label=step_label(step, lang), arith=step_text(step, lang))
              if step else None)
    row.figures = (Figure("slip", line.slip, lang=lang), fig)
    row.meta = {"line": line, "expected_text": expected}  # the core line: JSON's machine values
    return row


def implied_msg(policy, scheme, imp):
    """``结算单推算出首次住院起付线为1,000.00`` / ``the slip implies a first-stay deductible …``"""
    parts = imp.path.split(".")
    if parts[1] == "care":
        care = parts[2]
        if imp.leaf == "rate":
            what = Msg("slip.what.rate", care=care, grade=(imp.grades or ["?"])[0])
        elif policy.care(scheme, care).has("repeat_stays"):
            what = Msg("slip.what.first_stay")
        else:
            what = Msg("slip.what.deductible", care=care)
    else:
        what = Msg({"threshold": "slip.what.threshold", "rate": "slip.what.si_rate",
                    "cap": "slip.what.cap"}[imp.leaf])
    return Msg("slip.implies", what=what, v=pct(imp.value) if imp.is_rate else yuan(imp.value))


def change_msgs(policy, scheme, care, changes):
    """Each change of an explanation as a Msg, in the order the search tries them."""
    c = policy.care(scheme, care)
    out = []
    for k, v in changes.items():
        if k == "cross_region":
            out.append(Msg("slip.change.cross_region", v=list(v)) if v
                       else Msg("slip.change.cross_region_none"))
        elif k == "flags":
            out.append(Msg("slip.change.flags", v=[policy.flags[f] for f in v]) if v
                       else Msg("slip.change.flags_none"))
        elif k == "disease":
            out.append(Msg("slip.change.disease", v=c.diseases.get(v, v)))
        elif k == "deductible_left":
            out.append(Msg("slip.change.deductible_left", v=v) if v
                       else Msg("slip.change.deductible_met"))
        else:
            out.append(Msg(f"slip.change.{k}", v=v))
    return out


def explanation_msg(policy, scheme, care, e, n):
    parts = change_msgs(policy, scheme, care, e.changes) or [Msg("slip.expl.as_given")]
    parts += [implied_msg(policy, scheme, i) for i in e.implies]
    fields = [Msg(f"slip.field.{f}") for f in e.matches]
    return Msg("slip.expl.item", n=n, changes=Msg("slip.expl.parts", parts=parts), fields=fields)


def explanation_text(policy, scheme, care, e, n, lang):
    s = render(explanation_msg(policy, scheme, care, e, n), lang)
    if e.near:
        s += t("slip.expl.near", lang, fields=[Msg(f"slip.field.{f}") for f in e.near])
    if e.unknown:
        s += t("slip.expl.unknown", lang, fields=[Msg(f"slip.field.{f}") for f in e.unknown])
    for i in e.implies:
        s += t("slip.implies_save", lang, path=i.path)
    return s


def verdict_text(policy, scheme, chk, lang):
    if chk.verdict == "matches":
        zero = next((e for e in chk.explanations if not e.changes and e.implies), None)
        if zero is not None and any(ln.status == "unknown" for ln in chk.lines):
            return t("slip.verdict.matches_implied", lang,
                     items=[implied_msg(policy, scheme, i) for i in zero.implies])
        return t("slip.verdict.matches", lang)
    if chk.verdict == "differs":
        return t("slip.verdict.differs" if chk.explanations else "slip.verdict.differs_none", lang)
    pinned = {i.path for e in chk.explanations if not e.changes for i in e.implies}
    return t("slip.verdict.unknown", lang,
             items=[m for m in chk.result.missing if m not in pinned])


def slip_document(policy, person, chk, lang, notices=()):
    """``yibao slip``: the boxes beside the estimate, what would explain a difference, the
    verdict. ``meta``: the verdict, the explanations and the estimate's section (JSON). The
    policy's year is said first, as on every view (``views.document.with_policy_notices``)."""
    res = chk.result
    scheme, care = person.scheme, res.claim.care
    notices = with_policy_notices(notices, policy, (res.claim.date,), lang)
    doc = Document(title=f"{t('slip.title', lang)} · {header(policy, person, lang)}", lang=lang,
                   notices=notices, kind="slip")
    notes = []
    if any(ln.field in ("personal_account", "cash") for ln in chk.lines):
        notes.append(t("slip.account_note", lang))
    if res.unchecked and any(ln.field == "fund" for ln in chk.lines):
        notes.append(t("slip.at_most_note", lang, items=res.unchecked))
    doc.sections.append(Section(title=claim_title(policy, scheme, res.claim, lang), kind="slip",
                                rows=[line_row(policy, res, ln, lang) for ln in chk.lines],
                                lines=notes))
    if chk.explanations:
        doc.sections.append(Section(
            title=t("slip.explanations", lang), kind="explanations",
            lines=[explanation_text(policy, scheme, care, e, n, lang)
                   for n, e in enumerate(chk.explanations, 1)]))
    doc.sections.append(Section(kind="verdict", lines=[verdict_text(policy, scheme, chk, lang)]))
    doc.meta = {"verdict": chk.verdict, "explanations": chk.explanations,
                "estimate": VisitSection(policy, scheme, res, lang), "policy": policy,
                "day": res.claim.date}
    return doc


def household_slip_check(h, hy, r):
    """(the check of the slip a household visit carries, or None; the reason it cannot be
    checked, a Msg, or None)."""
    from yibao_tui.core.slip import SlipError
    from yibao_tui.core.slip.household import check_household_visit

    try:
        return check_household_visit(h, None, r.member, r.index, r.visit.slip, hy), None
    except SlipError as e:
        return None, e.msg


def household_slip_line(h, hy, r, lang, checked=None):
    """The year view's mark for a visit that carries its slip: ✓ matches, ≠ differs (which
    boxes, by how much), ? unknown. ``checked``: ``household_slip_check``'s answer, if made."""
    chk, why = checked or household_slip_check(h, hy, r)
    if chk is None:
        return t("slip.hh.cannot", lang, msg=why)
    if chk.verdict != "differs":
        return t(f"slip.hh.{chk.verdict}", lang)
    return t("slip.hh.differs", lang, lines=[
        Msg("slip.hh.line", field=Msg(f"slip.field.{ln.field}"), d=signed(ln.difference))
        for ln in chk.lines if ln.status == "differs"])
