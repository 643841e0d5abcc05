"""The one rule for which policy row applies: a ``Where`` (what is asked for) against a row's
selectors (``grades``, ``categories``, ``diseases``, ``flags``).

Every table read by selectors goes through ``matches``: the engine's figure rows, caps and
serious-illness rows, enrolment premiums and cover rules, the personal account's credit rows.
Dated values (a row's ``from`` / ``until``, picked by the visit's date) will be one more field
of ``Where`` (``on``) and one more test in ``matches``: nothing else changes.
"""

from __future__ import annotations

NO_FLAGS = frozenset()


class Where:
    """What a row is picked for: a hospital grade, the person's category, a disease and the
    person's flags (groups such as 低保). ``None`` is "not given": a row that selects on it does
    not apply. ``key`` is all of it as a tuple: the view remembers each table's row by it.
    Read-only once made."""

    __slots__ = ("category", "disease", "flags", "grade", "key")

    def __init__(self, grade=None, category=None, disease=None, flags=NO_FLAGS):
        self.grade = grade
        self.category = category
        self.disease = disease
        self.flags = flags if isinstance(flags, frozenset) else frozenset(flags)
        self.key = (grade, category, disease, self.flags)

    def __repr__(self):
        return (f"Where(grade={self.grade!r}, category={self.category!r}, "
                f"disease={self.disease!r}, flags={sorted(self.flags)!r})")


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
    return f is None or not where.flags.isdisjoint(f)


def pick(rows, where):
    """The first row of ``rows`` that ``matches``, as (index, row); (None, None) if none does.
    Specific rows come first in the files (a disease before a grade), so first wins."""
    for i, r in enumerate(rows):
        if matches(r, where):
            return i, r
    return None, None
