"""The one rule for which policy row applies: a ``Where`` (what is asked for) against a row's
selectors (``grades``, ``categories``, ``diseases``, ``flags``) and dates (``from``, ``until``).

Every table read by selectors goes through ``matches``: the engine's figure rows, caps and
serious-illness rows, enrolment premiums and cover rules, the personal account's credit rows.
A dated value is a row with ``from`` and/or ``until`` (TOML dates, both days included): it holds
on those days only, and the visit's date (``Where.on``) picks it. Which file covers a date, and
what is said when none does, is core/policy/years.py.
"""

from __future__ import annotations

NO_FLAGS = frozenset()


class Where:
    """What a row is picked for: a hospital grade, the person's category, a disease and the
    person's flags (groups such as 低保), and the day (``on``, a ``datetime.date``). ``None`` is
    "not given": a row that selects on it (or is dated) does not apply. ``key`` is all of it as
    a tuple: the view remembers each table's row by it. Read-only once made."""

    __slots__ = ("category", "disease", "flags", "grade", "key", "on")

    def __init__(self, grade=None, category=None, disease=None, flags=NO_FLAGS, on=None):
        self.grade = grade
        self.category = category
        self.disease = disease
        self.flags = flags if isinstance(flags, frozenset) else frozenset(flags)
        self.on = on
        self.key = (grade, category, disease, self.flags, on)

    def __repr__(self):
        return f"Where{(self.grade, self.category, self.disease, sorted(self.flags), self.on)!r}"


ANYONE = Where()  # nothing given: only rows without selectors apply


def matches(row, where):
    """Whether ``row`` applies to ``where``: each selector the row carries holds the value asked
    for (``flags``: the person has any one of them). A row without selectors applies to all."""
    g = row.get("grades")
    if g is not None and where.grade not in g:
        return False
    c = row.get("categories")
    if c is not None and where.category not in c:
        return False
    d = row.get("diseases")
    if d is not None and where.disease not in d:
        return False
    f = row.get("flags")
    if f is not None and where.flags.isdisjoint(f):
        return False
    if "from" in row or "until" in row:
        return holds(row, where.on)
    return True


def holds(row, on):
    """Whether a row's dates (``from``, ``until``: both days included) hold on day ``on``."""
    if on is None:
        return False
    start, end = row.get("from"), row.get("until")
    return (start is None or start <= on) and (end is None or on <= end)


def pick(rows, where):
    """The first row of ``rows`` that ``matches``, as (index, row); (None, None) if none does.
    Specific rows come first in the files (a disease before a grade), so first wins."""
    for i, r in enumerate(rows):
        if matches(r, where):
            return i, r
    return None, None
