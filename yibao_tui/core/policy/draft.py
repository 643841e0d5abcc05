"""A draft policy file made from another (``yibao policies new``): next year of a city from its
newest file, or a new city from another city's file as a template.

The template's text is kept — its layout, comments, rows, quotes and notes — so the person
editing it sees the file they know. Changed: ``year`` (and ``city``, ``name`` for a new city),
the ``effective`` dates moved by the years between, ``draft = true``; one source, the notice the
person will save, replaces the template's ``[sources]`` and every row cites it; and every cited
table (every figure, and the source itself) is marked ``unchecked = YEAR``: not yet checked
against a source of that year (the strict check, strict.py, refuses it until the mark is gone).

Pure: text in, text out; the face reads the template and writes the draft through the doors.
"""

from __future__ import annotations

import re

from yibao_tui.core.msg import Msg, MsgError

_KEY = re.compile(r"^(\s*)([A-Za-z_][\w-]*)\s*=")
_DATE = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")


class DraftError(MsgError):
    """A template this module cannot turn into a draft (a quote not on a line of its own …)."""


def _shift(m, years):
    y, mo, d = int(m.group(1)) + years, m.group(2), m.group(3)
    if (mo, d) == ("02", "29") and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        d = "28"
    return f"{y:04d}-{mo}-{d}"


def _kv(key, value):
    """One TOML ``key = value`` line (``value`` already written as TOML)."""
    return f"{key} = {value}\n"


def _inline(table):
    """A {zh, en} table as an inline TOML table."""
    return "{ " + ", ".join(f"{k} = {_toml_str(v)}" for k, v in table.items()) + " }"


def _toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make(text, *, old_year, year, source, header, city=None, names=None):
    """The draft's text from the template's ``text`` (a policy for ``old_year``), for ``year``,
    citing ``source`` (the file name the new notice is saved under). ``header``: comment lines
    put first (the face words them). A new city: ``city`` (its id) and ``names`` ({zh, en})."""
    out = [f"# {line}".rstrip() + "\n" for line in header.splitlines()]
    top, in_sources, sources_done = True, False, False
    for line in text.splitlines(keepends=True):
        s = line.strip()
        if s.startswith("["):
            top = False
            in_sources = bool(re.match(r"\[\s*sources\s*[.\]]", s))
            if in_sources:
                if not sources_done:
                    out.append(f"[sources.{_toml_str(source)}]\n")
                    out.append(_kv("title", _toml_str(source)))
                    out.append(_kv("unchecked", year) + "\n")
                    sources_done = True
                continue
        if in_sources:
            continue
        m = _KEY.match(line)
        key = m.group(2) if m else None
        if key in ("unchecked", "draft") or (top and key in ("city", "name") and city):
            if top and key == "city":
                out.append(_kv("city", _toml_str(city)))
            elif top and key == "name":
                out.append(_kv("name", _inline(names)))
            continue  # a draft made from a draft is marked afresh
        if top and key == "year":
            out.append(_kv("year", year) + _kv("draft", "true"))
            continue
        if top and key == "effective":
            line = _DATE.sub(lambda d: _shift(d, year - old_year), line)
        if key == "source":
            line = m.group(1) + _kv("source", _toml_str(source))
        out.append(line)
        if key == "quote":
            out.append(m.group(1) + _kv("unchecked", year))
    return "".join(out)


def unmarked(data, year):
    """Key paths of the cited tables of a parsed draft not marked ``unchecked = year`` (a
    template whose quote is not on a line of its own): [] when every one is marked."""
    from yibao_tui.core.policy.strict import tables

    return [path for path, t in tables(data)
            if "quote" in t and t.get("unchecked") != year]


def check_made(data, year, source):
    """DraftError unless the parsed draft cites only ``source`` and marks every cited table."""
    missed = unmarked(data, year)
    if missed or list(data.get("sources", {})) != [source]:
        raise DraftError(Msg("pnew.not_marked", at=missed[0] if missed else "sources"))
