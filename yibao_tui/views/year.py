"""The family year as Documents, shown by the CLI (``household year``) and the TUI's year screen:
each visit with what the fund, serious-illness insurance, the accounts and cash paid (and whose
account), per-member and household totals, the accounts, and the notes."""

from __future__ import annotations

from yibao_tui.core.money import yuan
from yibao_tui.core.safe import safe
from yibao_tui.text import care_name, grade_name, render, t
from yibao_tui.views.document import (
    AT_LEAST,
    AT_MOST,
    Document,
    Figure,
    Row,
    Section,
    policy_notices,
    qualify,
)
from yibao_tui.views.estimate import headline, range_lines
from yibao_tui.views.household import MARK, source_title
from yibao_tui.views.steps import step_text

PARTS = ("fund", "serious_illness", "self_pay", "account", "cash")
YEAR_KEYS = ("fund", "serious_illness", "account", "cash", "self_pay", "total")  # JSON's order
RANGED = ("fund", "serious_illness", "self_pay")


BOUND = {"fund": AT_MOST, "self_pay": AT_LEAST}  # where a cap was not applied (``unchecked``)


def year_figures(tot, rng, lang, unchecked=()):
    """A year's totals (a member's or the family's) as figures: a range where an amount waits on
    a figure no source gives and ``rng`` ({amount: (low, high)}) bounds it, else unknown; the
    fund at most and the self-pay at least where a cap in ``unchecked`` was not applied."""
    out = []
    for k in YEAR_KEYS:
        v = getattr(tot, k)
        pair = rng.get(k) if rng and v is None and k in RANGED else None
        q = qualify(v, (), unchecked if k in BOUND else (), pair, BOUND.get(k))
        out.append(Figure(k, v, q, lang, label_key=f"hh.yr.{k}"))
    return out


def _part(r, res, k, lang):
    """A visit's amount in its line: "≤ 7,050.00" where a cap was not applied."""
    v, unchecked = getattr(r, k), getattr(res, "unchecked", ())
    if v is None or not unchecked or k not in BOUND:
        return _y(v, lang)
    return Figure(k, v, qualify(v, (), unchecked, None, BOUND[k]), lang).cell


def _y(d, lang):
    return t("unknown", lang) if d is None else yuan(d)


def _name(h, mid):
    try:
        return safe(h.member(mid).name)
    except KeyError:
        return safe(mid)


def totals_text(tot, lang, figs=None):
    """The totals in a sentence; with their ``figs`` (``year_figures``), each with its qualifier
    (至多 7,050.00)."""
    if figs is not None:
        f = {x.key: x.text for x in figs}
        return t("hh.yr.totals", lang, fund=f["fund"], si=f["serious_illness"],
                 account=f["account"], cash=f["cash"], total=f["total"])
    return t("hh.yr.totals", lang, fund=_y(tot.fund, lang), si=_y(tot.serious_illness, lang),
             account=_y(tot.account, lang), cash=_y(tot.cash, lang), total=_y(tot.total, lang))


def visit_row(h, hy, r, lang, detail=None, res=None):
    """One visit: when, who, what care and its total; what each paid; whose account it drew on;
    its notes; a visit outside cover, cited. ``detail(my, r, res)`` adds the cited breakdown.
    ``res``: the visit's engine result where the row does not keep it (a streamed year)."""
    res = r.result if res is None else res
    v = r.visit
    my = next(x for x in hy.members if x.member.id == r.member)
    # The care and grade as the member's city names them (the wizard's names).
    care = care_name(my.policy, my.member.scheme, v.care, lang)
    care += f" {grade_name(my.policy, v.grade, lang)}" if v.grade else ""
    row = Row(f"{t('hh.month', lang, m=v.month)} {_name(h, r.member)} {care}",
              f"{t('total', lang)} {_y(r.total, lang)}", key=f"{r.member}.{r.index}")
    row.extra.append(" · ".join(f"{t('hh.yr.' + k, lang)} {_part(r, res, k, lang)}" for k in PARTS))
    colon = t("hh.colon", lang)
    row.extra += [f"↳ {t('hh.yr.drawn', lang, who=_name(h, hid))}{colon}{_y(x, lang)}"
                  for hid, x in r.draws]
    row.extra += [f"※ {render(n, lang)}" for n in r.notes]
    cover = next((st for st in res.steps if st.key == "cover"), None)
    if cover is not None:
        row.extra.append(f"✗ {step_text(cover, lang)}")
        if cover.quote:
            row.extra.append(f"  ↳ {source_title(my.policy, cover.source)}{colon}“{cover.quote}”")
    if v.slip:  # the slip kept with the visit, checked (views.slip)
        from yibao_tui.views.slip import household_slip_line

        row.extra.append(household_slip_line(h, hy, r, lang))
    if detail is not None:
        row.extra += detail(my, r, res)
    return row


def account_row(h, hy, acc, policies, lang):
    credit = (t("hh.yr.credit", lang, v=yuan(acc.monthly)) if acc.monthly is not None
              else t("hh.yr.credit_unknown", lang))
    if acc.share_row is not None:  # the employee's own share (辽阳 2 %)
        credit += t("hh.yr.share", lang, v=_y(acc.share, lang))
    crow = acc.credit_row or {}
    policy = policies.get(h.member(acc.holder).city) if policies is not None else None
    row = Row("", t("hh.yr.account_line", lang, who=_name(h, acc.holder), opening=yuan(acc.opening),
                     credited=yuan(acc.credited), credit=credit, drawn=_y(acc.drawn, lang),
                     closing=_y(acc.closing, lang)), key=acc.holder,
               source=source_title(policy, crow.get("source")), source_file=crow.get("source"),
               quote=crow.get("quote"), note=render(acc.credit_note, lang))
    srow = acc.share_row or {}
    if srow.get("quote"):
        colon = t("hh.colon", lang)
        row.extra.append(f"↳ {source_title(policy, srow.get('source'))}{colon}“{srow['quote']}”")
    if acc.share_note:
        row.extra.append(f"※ {render(acc.share_note, lang)}")
    for mid, x in acc.premiums:  # premiums paid from the account, in drawn
        row.extra.append(f"↳ {t('hhy.premium_drawn', lang, ben=_name(h, mid), v=_y(x, lang))}")
    return row


def accounts_section(h, hy, policies, lang, title=True):
    return Section(t("hh.yr.accounts", lang) if title and hy.accounts else None,
                   [account_row(h, hy, a, policies, lang) for a in hy.accounts.values()])


def notes_section(h, hy, lang, title=True):
    """Problems, broken (not drawn on) and unknown binding rules, and the year's notes."""
    chk = hy.check
    sec = Section(t("hh.yr.notes", lang) if title else None)
    sec.rows += [Row("", render(msg, lang), mark="✗", status="broken") for _, msg in chk.problems]
    for r in chk.broken + chk.unknown:
        # A holder-level rule (how many bound …) is the holder's alone.
        who = _name(h, r.holder) + (f" → {_name(h, r.beneficiary)}" if r.beneficiary else "")
        text = render(r.msg, lang) + (f" {t('hh.yr.not_drawn', lang)}" if r.status == "broken" else "")
        sec.rows.append(Row(f"{who}{t('hh.colon', lang)}{t('rule_name.' + r.rule, lang)}", text,
                            mark=MARK[r.status], status=r.status))
    sec.lines += [f"※ {render(n, lang)}" for n in hy.notes]
    return sec


def members_section(h, hy, lang):
    """Each member's year and the family's: the totals in words and as figures (a range where an
    amount waits on a figure no source gives), a member that could not be estimated marked."""
    per = Section(t("hh.yr.per_member", lang), kind="members")
    for my in hy.members:
        if my.error:
            per.rows.append(Row(safe(my.member.name), render(my.error, lang), mark="✗",
                                status="broken", key=my.member.id))
        elif my.member.visits:
            figs = year_figures(my.totals, my.ranges and my.ranges.year, lang,
                                my.year.unchecked if my.year is not None else ())
            row = Row(safe(my.member.name), totals_text(my.totals, lang, figs), key=my.member.id)
            row.figures = figs
            if my.ranges is not None:
                row.extra += range_lines(my.policy, my.year, my.ranges.year, lang)
            per.rows.append(row)
    rng = hy.ranges
    figs = year_figures(hy.totals, rng, lang, [u for my in hy.members if my.year
                                               for u in my.year.unchecked])
    family = Row(t("hh.yr.household", lang), totals_text(hy.totals, lang, figs), strong=True,
                 key="*")
    family.figures = figs
    if rng is not None:  # the family's headline where amounts are open: the greatest self-pay
        family.extra.append(headline(rng, lang))
    per.rows.append(family)
    return per


def year_document(h, hy, policies, lang, detail=None, enrolment=None):
    """``household year``: every visit in order, per-member and household totals, the accounts,
    the enrolment (a Document from ``views.household_enrolment``) and the notes."""
    doc = Document(t("hh.year.head", lang, name=safe(h.name), year=h.year), lang, compact=True,
                   notices=year_notices(h, hy, lang))
    from yibao_tui.core.household.year_stream import visit_results

    doc.sections.append(Section(t("hh.yr.visits", lang), [
        visit_row(h, hy, r, lang, detail, res) for r, res, _ in visit_results(hy)]))
    per = members_section(h, hy, lang)
    doc.sections += [per, accounts_section(h, hy, policies, lang)]
    if enrolment is not None:
        doc.sections.append(Section(enrolment.title))
        doc.sections += enrolment.sections
    if hy.notes or hy.check.problems or hy.check.broken or hy.check.unknown:
        doc.sections.append(notes_section(h, hy, lang))
    return doc


def member_year_document(h, hy, mid, policies, lang):
    """One member's year (the TUI's pane under the totals): the visits, then their account."""
    my = next(x for x in hy.members if x.member.id == mid)
    doc = Document("", lang, compact=True)
    if my.error:
        doc.sections.append(Section(None, [Row("", render(my.error, lang), mark="✗",
                                                status="broken")]))
        return doc
    sec = Section(None, [visit_row(h, hy, r, lang) for r in my.rows])
    acc = hy.accounts.get(mid)
    if acc is not None:
        sec.rows.append(account_row(h, hy, acc, policies, lang))
    doc.sections.append(sec)
    return doc


def household_year_document(h, hy, policies, lang):
    """The household's year (the TUI's pane on the household row): all visits, the accounts,
    the problems, broken bindings and notes."""
    visits = Section(None, [visit_row(h, hy, r, lang) for r in hy.rows])
    if not hy.rows:
        visits.lines.append(t("hh.yr.no_visits", lang))
    notes = notes_section(h, hy, lang, title=False)
    notes.rows = [r for r in notes.rows if r.status != "unknown"]
    return Document("", lang, [visits, accounts_section(h, hy, policies, lang, title=False), notes],
                    compact=True, notices=year_notices(h, hy, lang))


def year_notices(h, hy, lang):
    """Each member's policy's year (and a draft), said once: the one rule
    (``views.document.policy_notices``) on the member's visits' days, else on the household's
    year's first day."""
    import datetime as dt

    said = []
    for my in hy.members:
        if my.policy is None:
            continue
        days = [r.date for r in my.rows] or [dt.date(h.year, 1, 1) if h.year else None]
        said += [n for n in policy_notices(my.policy, days, lang) if n not in said]
    return said
