"""A visit's document (``views.estimate.visit_document``) as the breakdown shows it: the totals
line with its glyphs and the figures' qualifiers, the selected step's citation, what the
estimate leaves out (``i``), a comparison's side panel; the steps table is
``widgets.steps_table``. Styling only: every word comes from the document. Light: the
breakdown's first frame is drawn with these alone."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from yibao_tui.text import t
from yibao_tui.tui.widgets.stacked_bar import SEGMENTS, UNKNOWN

Q_STYLE = {"at_most": "bold yellow", "at_least": "bold yellow", "range": "bold red",
           "unknown": "bold red", "exact": "bold"}


def totals_text(doc, width=None):
    """The visit's figures in one line (glyph, label, figure with its qualifier), then its range
    and what is unknown in words; the last line points at ``i``. ``width``: the line's cells;
    where the figures do not fit, the line breaks between them, never inside one (a label and
    its figure stay together: "total" never ends a line whose figure starts the next)."""
    lang, sec = doc.lang, doc.section("visit")
    figs = {f.key: f for f in sec.figures}
    units = []
    for key, glyph, colour in SEGMENTS:
        f = figs[key]
        units.append(Text.assemble((glyph + " ", colour), f"{f.label} ",
                                   (f.text, Q_STYLE[f.qualifier.kind])))
    tot = figs["total"]
    units.append(Text(f"{tot.label} {tot.text}", style="bold"))
    if tot.value is not None and any(figs[k].value is None for k, _g, _c in SEGMENTS):
        # the bar's legend "?=未知", one word: a line never breaks between the glyph and its name
        units.append(Text(f"{UNKNOWN[1]}={t('unknown', lang)}", style=UNKNOWN[2]))
    text, used = Text(), 0
    for unit in units:
        w = unit.cell_len
        if used and width and used + 2 + w > width:
            text.append("\n")
            used = 0
        elif used:
            text.append("  ")
            used += 2
        text.append_text(unit)
        used += w
    for line in sec.lines:
        text.append("\n" + line, style="bold")
    unknowns = doc.section("unknowns").lines
    for line in unknowns[:-1]:  # the last says what to do: under i
        text.append("\n" + line, style="red" if sec.missing else "yellow")
    caveats = doc.section("caveats").lines
    if unknowns or caveats:
        text.append("\n" + t("more.line", lang, n=len(caveats)), style="dim")
    return text


def more_text(doc):
    """What the estimate leaves out (the city's caveats) and what to do about unknown figures."""
    text = Text(t("more.title", doc.lang), style="bold")
    for c in doc.section("caveats").lines:
        text.append(f"\n•{c}")  # no space: a CJK line folds in place
    unknowns = doc.section("unknowns").lines
    if unknowns:
        text.append("\n" + unknowns[-1], style="italic")
    return text


def detail_text(doc, row):
    """The selected step: its working, its source and quote, the reading chosen."""
    w = doc.words
    text = Text()
    text.append(row.label, style="bold")
    text.append("  " + row.text)
    if row.quote:
        text.append(f"\n{w['source']} {row.source}{w['colon']}", style="dim")
        text.append(f"“{row.quote}”", style="italic")
    elif row.supplied:
        text.append(f"\n{w['source']} {w['est.supplied']}", style="dim")
    if row.note:
        text.append(f"\n{w['note']}{w['colon']}{row.note}")
    if not (row.quote or row.note or row.supplied):
        text.append("\n" + w["no_source"], style="dim")
    return text


def side_panel(name, doc, why=""):
    """An option of a comparison: its name, the steps with an amount, the total, and what is
    unknown; or why it has no figure."""
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(Text(name, style="bold"), "")
    for n in doc.notices if doc is not None else ():  # the option's policy year, a draft
        grid.add_row(Text("! " + n, style="yellow"), "")
    if doc is None:
        return Group(grid, Text(why, style="dim"))
    sec = doc.section("visit")
    for r in sec.rows:
        if r.amount:
            grid.add_row(r.label, r.amount)
    tot = sec.figure("total")
    grid.add_row(Text(tot.label, style="bold"), tot.text)
    gaps = doc.section("unknowns").lines
    if gaps:
        return Group(grid, Text("\n".join(gaps), style="red" if sec.missing else "yellow"))
    return grid


def bar_parts(doc):
    """(fund, serious illness, self-pay, total) and the ranges of the unknown ones, for the bar."""
    figs = doc.section("visit").figures
    rng = {f.key: (f.qualifier.low, f.qualifier.high) for f in figs if f.qualifier.kind == "range"}
    return tuple(f.value for f in figs), rng or None
