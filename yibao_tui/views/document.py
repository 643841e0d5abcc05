"""A result as a document: what every face shows, built once per result in ``views``.

A view function (``views.estimate.visit_document``, ``views.year``, ``views.compare``,
``views.slip``, ``views.curve``, ``views.enrolment`` …) turns a core result into a ``Document``
in one language. The four renderers only lay it out — plain text (``views.text``), Markdown
(``views.markdown``), JSON (``views.*_json``) and the Textual widgets (``tui.widgets``) — so a
wording, a qualifier or a figure changes in one place:

- a ``Document`` has a title, notices (said first), and ``Section``s, each of a ``kind``
  ("visit", "totals", "unknowns", "caveats", "sources" …) that a renderer may style;
- a ``Section`` has rows (a step, a rule, an enrolment line), figures (its totals) and lines;
- a ``Figure`` is an amount with its ``Qualifier``: exact, at most, at least, a range low–high or
  unknown, and why (the figures missing, the caps not applied). Its words (``text``, ``cell``,
  ``range_text``) are made here from the text layer, only when read: the JSON renderer reads
  ``value`` / ``qualifier`` and never words a figure;
- a ``Row`` carries its words (label, working, amount), its citation and machine values
  (``value``, ``key``, ``source_file``) for JSON. ``said(field, lang)`` words a field in the
  other language where JSON gives both.

Every user- or file-provided string a renderer shows has passed ``core.safe`` here or in the
view function: renderers print what they are given.
"""

from __future__ import annotations

from yibao_tui.core.money import yuan
from yibao_tui.text import render, t

EXACT, AT_MOST, AT_LEAST, RANGE, UNKNOWN = "exact", "at_most", "at_least", "range", "unknown"
KINDS = (EXACT, AT_MOST, AT_LEAST, RANGE, UNKNOWN)


class Qualifier:
    """How far a figure is known, and why.

    ``kind``: EXACT; AT_MOST (``high`` is the bound: a cap no source gives was not applied);
    AT_LEAST (``low``); RANGE (``low`` – ``high`` over the figures no source gives); UNKNOWN (no
    bound can be given). ``missing``: the figure paths it waits on; ``unchecked``: the caps not
    applied; ``loose``: the bound is honest but wider than it need be (said so where shown).
    """

    __slots__ = ("high", "kind", "loose", "low", "missing", "unchecked")

    def __init__(self, kind=EXACT, low=None, high=None, missing=(), unchecked=(), loose=False):
        self.kind = kind
        self.low = low
        self.high = high
        self.missing = tuple(missing)
        self.unchecked = tuple(unchecked)
        self.loose = loose

    def __eq__(self, other):
        return isinstance(other, Qualifier) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __repr__(self):
        return f"Qualifier({self.kind!r}, {self.low}, {self.high}, {self.missing}, {self.unchecked})"


EXACT_Q = Qualifier()  # shared: most figures are exact


def qualify(value, missing=(), unchecked=(), pair=None, bound=None):
    """The qualifier of a figure shown as ``value`` (None when it waits on a missing figure):
    a range over ``pair`` (low, high) where one can be given, unknown where not; ``bound``
    (AT_MOST / AT_LEAST) when a cap in ``unchecked`` was not applied; else exact."""
    if value is None:
        if pair is not None:
            return Qualifier(RANGE, pair[0], pair[1], missing, unchecked)
        return Qualifier(UNKNOWN, missing=missing, unchecked=unchecked)
    if unchecked and bound == AT_MOST:
        return Qualifier(AT_MOST, high=value, missing=missing, unchecked=unchecked)
    if unchecked and bound == AT_LEAST:
        return Qualifier(AT_LEAST, low=value, missing=missing, unchecked=unchecked)
    return EXACT_Q


class Figure:
    """An amount as a document shows it: ``key`` (fund, serious_illness, self_pay, total …), its
    machine ``value`` (Decimal, rounded as shown; None when not one figure) and ``qualifier``.
    Worded in ``lang`` only when read. ``spans``: its cell shows a range itself (a table of
    options or of a year's members, where no range line follows); else the cell says unknown
    and the range is said beside it (``range_text``)."""

    __slots__ = ("key", "label_key", "lang", "qualifier", "spans", "value")

    def __init__(self, key, value, qualifier=EXACT_Q, lang="zh", label_key=None, spans=False):
        self.key = key
        self.value = value
        self.qualifier = qualifier
        self.lang = lang
        self.label_key = label_key  # the catalogue key of its name, when not ``key`` itself
        self.spans = spans

    @property
    def label(self):
        return t(self.label_key or self.key, self.lang)

    @property
    def text(self):
        """The figure in a sentence: 7,050.00 · 至多 7,050.00 · 至少 2,950.00 · 未知 (a range is
        said beside it, ``range_text``)."""
        return self._worded("q.")

    @property
    def cell(self):
        """The figure in a table cell: as ``text``, the bound marked short (≤ 7,050.00)."""
        return self._worded("q.cell.")

    @property
    def range_text(self):
        """1,180.00 – 2,950.00 for a range, else None."""
        q = self.qualifier
        if q.kind != RANGE:
            return None
        if q.low == q.high:  # the same at every value of the figure: one amount
            return yuan(q.low)
        return t("range.amount", self.lang, lo=q.low, hi=q.high)

    def _worded(self, prefix):
        q, lang = self.qualifier, self.lang
        if self.value is None:
            if self.spans and q.kind == RANGE and prefix == "q.cell.":
                return yuan(q.low) if q.low == q.high else t("range.cell", lang, lo=q.low, hi=q.high)
            return t("unknown", lang)
        if q.kind in (AT_MOST, AT_LEAST):
            return t(prefix + q.kind, lang, v=yuan(self.value))
        return yuan(self.value)


def money_cell(value, lang, unknown=True):
    """A step's amount in a cell: 1,234.00; 未知 where it waits on a figure (``unknown``); else
    blank."""
    if value is not None:
        return yuan(value)
    return t("unknown", lang) if unknown else ""


class RowMethods:
    """What every row offers beside its fields (``Row``, and a visit's ``StepRow``, which reads
    its fields from the engine's step)."""

    __slots__ = ()

    def cell(self, field):
        """What the row shows under a column: a field ("label", "text", "amount") or one of
        its figures ("fig:fund"), "—" where it has none."""
        if field.startswith("fig:"):
            key = field[4:]
            f = next((x for x in self.figures if x.key == key), None)
            return "—" if f is None else f.cell
        return getattr(self, field) or ""

    @property
    def cited(self):
        return bool(self.quote or self.note or self.supplied)

    def said(self, field, lang):
        """``field`` (label, text, note) worded in ``lang`` (JSON gives both languages)."""
        if self.words and field in self.words:
            return render(self.words[field], lang)
        return getattr(self, field)

    def machine(self):
        """(key, value, source file, quote, supplied): the row's machine values, for JSON."""
        return self.key, self.value, self.source_file, self.quote, self.supplied

    def bilingual(self):
        """(label, text, note), each as (zh, en): what JSON gives in both languages."""
        said = self.said
        return tuple((said(f, "zh"), said(f, "en")) for f in ("label", "text", "note"))


class Row(RowMethods):
    """One line: a step of the breakdown, a rule, an enrolment line, a comparison's option.

    ``amount`` is the figure as shown; ``figure`` (optional) the same with its qualifier, which a
    total's row carries; ``figures`` several, each in its column (a comparison's option);
    ``value`` the machine value. ``words``: the untranslated label / text /
    note (Msgs) for ``said``; ``extra``: further lines under the row (already worded); ``meta``:
    machine values for JSON that no field holds."""

    __slots__ = ("amount", "extra", "figure", "figures", "key", "label", "mark", "meta", "note",
                 "quote", "source", "source_file", "status", "strong", "supplied", "text", "value",
                 "words")

    def __init__(self, label="", text="", amount="", key="", mark="", status="", source=None,
                 source_file=None, quote=None, note=None, supplied=False, strong=False,
                 extra=None, value=None, figure=None, words=None):
        self.label = label
        self.text = text
        self.amount = amount if figure is None or amount else figure.cell
        self.key = key
        self.mark = mark  # ✓ ✗ ? [ ] for a rule
        self.status = status  # ok | broken | unknown, beside the mark (for colour)
        self.source = source  # the source document's title
        self.source_file = source_file  # its file name (JSON and tests)
        self.quote = quote
        self.note = note
        self.supplied = supplied  # a figure the user gave, not a source
        self.strong = strong  # a total
        self.extra = [] if extra is None else extra
        self.value = value if figure is None else figure.value
        self.figure = figure
        self.figures = ()  # several figures in columns (a comparison's option)
        self.words = words
        self.meta = None  # machine values for JSON that no field holds

    @property
    def qualifier(self):
        return self.figure.qualifier if self.figure is not None else None


class Section:
    """Rows, figures (totals) and plain lines under an optional title. ``kind`` says what the
    section is, for a renderer to style or place (visit, year, unknowns, caveats …).

    ``figures``: the section's totals (``Figure``), and ``summary`` the sentence that says them
    ("统筹基金 至多 7,050.00 · 大病保险 未知 · …"), worded once by the view; ``lines``: plain lines
    after it (a range, what is unknown), a list when ``bullets``."""

    __slots__ = ("bullets", "columns", "figures", "key", "kind", "lines", "meta", "rows", "summary",
                 "title")

    def __init__(self, title=None, rows=None, lines=None, kind="", figures=None, key="",
                 summary=None, bullets=False, meta=None, columns=None):
        self.title = title
        self.rows = [] if rows is None else rows
        self.lines = [] if lines is None else lines
        self.kind = kind
        self.figures = [] if figures is None else figures
        self.key = key
        self.summary = summary
        self.bullets = bullets
        self.meta = {} if meta is None else meta  # machine values for JSON
        self.columns = columns  # [(heading, row field)] of a table, when not the usual three

    def figure(self, key):
        return next((f for f in self.figures if f.key == key), None)


class LazySection(Section):
    """A section worded only when first read (what is unknown, the caveats …): the JSON of a
    100,000-visit year, or of one visit on the ``yibao estimate --json`` fast path, never asks,
    and so never loads the catalogue's other strings. ``build()`` returns the Section whose
    fields this one gives (all but ``kind``, which is known at once)."""

    __slots__ = ("_build", "_built")

    def __init__(self, kind, build):  # the other fields stay unset: read through __getattr__
        self.kind = kind
        self._build, self._built = build, None

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._built is None:
            self._built = self._build()
        return getattr(self._built, name)


class Document:
    """A result in one language: title, notices ("! …"), sections. ``words``: the headings and
    labels a renderer needs (column names, "Source", the colon), from ``chrome``. ``compact``: no
    blank line between sections (panes in the app, household documents). ``meta``: machine values
    for JSON that no row carries (a city id, a policy year, raw caveats)."""

    __slots__ = ("_title", "_words", "compact", "kind", "lang", "meta", "notices", "sections")

    def __init__(self, title, lang, sections=None, notices=None, kind="", compact=False, meta=None):
        self._title = title  # or a function giving it, worded when first read
        self.lang = lang
        self.sections = [] if sections is None else sections
        self.notices = [] if notices is None else notices
        self.kind = kind
        self.compact = compact
        self._words = None
        self.meta = {} if meta is None else meta  # machine values for JSON (city, year, files …)

    @property
    def words(self):
        """The headings and labels a renderer lays the document out with (``chrome``); the JSON
        renderer never asks, so the catalogue's screen strings stay unread on that path."""
        if self._words is None:
            self._words = chrome(self.lang)
        return self._words

    def cite(self, row):
        """A row's source and its words, the one citation form: ``title：“quote”``."""
        if not row.source:
            return f"“{row.quote}”"
        return t("doc.cite", self.lang, source=row.source, quote=row.quote)

    @property
    def title(self):
        if callable(self._title):
            self._title = self._title()
        return self._title

    def section(self, kind):
        """The first section of ``kind``, or None."""
        return next((s for s in self.sections if s.kind == kind), None)

    def of_kind(self, kind):
        return [s for s in self.sections if s.kind == kind]

    def rows(self):
        return [r for s in self.sections for r in s.rows]


_CHROME = {}
CHROME_KEYS = ("col.step", "col.arith", "col.amount", "col.step_arith", "source", "note",
               "colon", "est.supplied", "no_source", "md.sources")


def chrome(lang):
    """{key: words} a renderer lays a document out with, in ``lang`` (made once per language)."""
    out = _CHROME.get(lang)
    if out is None:
        out = _CHROME[lang] = {k: t(k, lang) for k in CHROME_KEYS}
    return out


def policy_notices(policy, days=(None,), lang="zh"):
    """What every document resting on ``policy`` says first, worded in ``lang``: the one rule for
    a day its file does not cover (``core.policy.years.year_notices``: "2026 — 沈阳's newest
    policy on file is 2024; its figures are used") and a draft file. ``days``: the visits'
    dates (None: an undated visit, today). [] when the file covers every day."""
    from yibao_tui.core.policy.years import year_notices

    return [render(m, lang) for m in year_notices(policy, days)]


def with_policy_notices(notices, policy, days=(None,), lang="zh"):
    """``notices`` with the policy's (``policy_notices``) first, none said twice."""
    said = policy_notices(policy, days, lang)
    return said + [n for n in notices if n not in said]
