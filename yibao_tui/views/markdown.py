"""The estimate as Markdown: the TUI's export (saved and copied to the clipboard)."""

from __future__ import annotations

from yibao_tui.core.money import shown
from yibao_tui.text import render, t, term
from yibao_tui.views.estimate import fund_text
from yibao_tui.views.missing import gaps
from yibao_tui.views.sources import source_title
from yibao_tui.views.steps import money_text, step_label, step_text

_ALWAYS_ORDER = ("fund", "serious_illness", "self_pay", "total")


def _cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def markdown(policy, sel, res, lang, rng=None, curve=None):
    """The breakdown as Markdown (the export): steps, totals, sources by title, caveats.
    ``rng``: the visit's ranges over unknown figures ({amount: (low, high)}); worked out here from
    ``sel``'s person when not given and a figure is missing. ``curve``: a ``core.engine.curve``
    Curve of this visit, whose break-point table then follows the totals."""
    L = lambda k: term(k, lang)  # noqa: E731
    care_def = policy.care(sel.scheme, sel.care)
    care = render(care_def.label, lang)
    where = f"{care} · {render(policy.grades[res.claim.grade], lang)}"
    if res.claim.disease:
        dz = care_def.diseases[res.claim.disease]
        where += f" · {render(dz, lang)}"
    if sel.cross_region:
        where += " · " + "、".join(L(s) for s in sel.cross_region)
    out = [f"# {t('md.title', lang)} — {render(policy.name, lang)} {policy.year}", "",
           f"- {t('md.person', lang)}: {L(sel.scheme)} · {L(sel.category)}",
           f"- {t('md.care', lang)}: {where}", "",
           f"## {t('md.steps', lang)}", "",
           f"| {t('col.step', lang)} | {t('col.arith', lang)} | {t('col.amount', lang)} |",
           "| --- | --- | ---: |"]
    cites = []
    for st in res.steps:
        mark = ""
        if st.quote or st.note:
            cites.append(st)
            mark = f" [{len(cites)}]"
        amt = "" if st.amount is None and st.key not in _ALWAYS else money_text(st.amount, lang)
        out.append(f"| {_cell(step_label(st, lang))}{mark} | {_cell(step_text(st, lang))} | {amt} |")
    figures = [fund_text(v, res, lang) if k == "fund" else money_text(v, lang)
               for k, v in zip(_ALWAYS_ORDER, shown(res, policy), strict=True)]
    out += ["", "**" + " · ".join(f"{t(k, lang)} {v}" for k, v in zip(_ALWAYS_ORDER, figures,
                                                                       strict=True)) + "**", ""]
    out += _range_md(policy, sel, res, lang, rng)
    for line in gaps(policy, res.missing, res.unchecked, lang):
        out += [line, ""]
    if curve is not None:
        from yibao_tui.views.curve import curve_document, curve_markdown

        out += curve_markdown(curve_document(curve, lang))
    if cites:
        out += [f"## {t('md.sources', lang)}", ""]
        for i, st in enumerate(cites, 1):
            line = f"{i}. {step_label(st, lang)}"
            if st.quote:
                line += t("md.quote", lang, source=source_title(policy, st.source), quote=st.quote)
            out.append(line)
            if st.note:
                out.append(f"   - {t('note', lang)}: {render(st.note, lang)}")
        out.append("")
    if policy.caveats:
        out += [f"## {t('md.caveats', lang)}", ""]
        out += [f"- {render(c, lang)}" for c in policy.caveats]
        out.append("")
    out += [f"_{t('md.disclaimer', lang)}_", ""]
    return "\n".join(out)


_ALWAYS = ("fund", "self_pay", "serious_illness")


def _range_md(policy, sel, res, lang, rng):
    """The range line (views.estimate.range_lines) as a paragraph, or nothing."""
    if not res.missing:
        return []
    if rng is None:
        from yibao_tui.core.engine.ranges import visit_range

        rng = visit_range(policy, sel.person(), res.claim)
    from yibao_tui.views.estimate import range_lines

    return [line + "\n" for line in range_lines(policy, res, rng, lang, indent="")]
