"""The words of a document's figures and layout (views.document): a figure's qualifier, the one
citation form, and the headings the renderers lay a document out with."""

STRINGS = {
    # A figure with its qualifier (views.document.Figure): in a sentence, and short in a cell.
    "q.at_most": ("至多 {v}", "at most {v}"),
    "q.at_least": ("至少 {v}", "at least {v}"),
    "q.cell.at_most": ("≤ {v}", "≤ {v}"),
    "q.cell.at_least": ("≥ {v}", "≥ {v}"),
    # A source and the words that carry the figure: the one citation form.
    "doc.cite": ("{source}：“{quote}”", "{source}: “{quote}”"),
    "doc.cited": ("（见来源原文 {n}）", " (see source {n})"),
    "doc.list": ("{what:list}", "{what:list}"),
    "doc.sources_of": ("{titles:list}", "{titles:list}"),
    "doc.unknowns": ("未知数额", "Unknown figures"),
    "doc.steps": ("计算明细", "Breakdown"),
    "doc.totals": ("合计", "Totals"),
}
