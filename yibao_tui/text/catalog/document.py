"""The words of a document's figures (views.document): a figure's qualifier, the one citation
form, a list in the language's own join."""

STRINGS = {
    # A figure with its qualifier (views.document.Figure): in a sentence, and short in a cell.
    "q.at_most": ("至多 {v}", "at most {v}"),
    "q.at_least": ("至少 {v}", "at least {v}"),
    "q.cell.at_most": ("≤ {v}", "≤ {v}"),
    "q.cell.at_least": ("≥ {v}", "≥ {v}"),
    # A source and the words that carry the figure: the one citation form.
    "doc.cite": ("{source}：“{quote}”", "{source}: “{quote}”"),
    "doc.list": ("{what:list}", "{what:list}"),
    "doc.sources_of": ("{titles:list}", "{titles:list}"),
}
