"""A result as a document, already in one language: what every face shows.

A view function (``views.estimate``, ``views.household`` …) turns a core result into a
``Document``; the renderers (plain text, Markdown, the Textual widgets) only lay it out, so a
wording or a figure changes in one place. JSON keeps its own, bilingual contract (``views.*_json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    """One line: a step of the breakdown, a rule, an enrolment line."""

    label: str
    text: str = ""  # the working (arithmetic) or what was found
    amount: str = ""  # the figure as shown (1,234.00, 未知 / unknown, a date), or blank
    key: str = ""  # a stable id (step key, rule id)
    mark: str = ""  # ✓ ✗ ? for a rule
    status: str = ""  # ok | broken | unknown, beside the mark (for colour)
    source: str | None = None  # the source document's title
    source_file: str | None = None  # its file name (JSON and tests)
    quote: str | None = None
    note: str | None = None
    supplied: bool = False  # a figure the user gave, not a source
    strong: bool = False  # a total
    extra: list = field(default_factory=list)  # further indented lines under the row

    @property
    def cited(self):
        return bool(self.quote or self.note or self.supplied)


@dataclass
class Section:
    title: str | None = None
    rows: list = field(default_factory=list)
    lines: list = field(default_factory=list)  # plain lines after the rows (totals, notes)


@dataclass
class Document:
    title: str
    lang: str
    sections: list = field(default_factory=list)
    notices: list = field(default_factory=list)  # said first ("! …")
