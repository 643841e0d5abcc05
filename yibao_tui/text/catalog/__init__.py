"""The one catalogue: every user-facing string by key, as a (zh, en) pair.

Kept in sections by who uses them; a key lives in one section only (checked here, at import).
"""

from . import ask, engine, enrolment, household, household_file, household_ui, labels, ui

SECTIONS = (ui, household_ui, household, household_file, engine, enrolment, ask, labels)


def _merge():
    out = {}
    for mod in SECTIONS:
        for k, v in mod.STRINGS.items():
            if k in out:
                raise KeyError(f"catalogue key {k!r} is defined twice ({mod.__name__})")
            out[k] = v
    return out


CATALOG = _merge()
