"""Policy years: which days a policy file covers, and the one rule for a day no file covers.

A file covers a span of days: its top-level ``effective = { from, until }`` (``to`` is read as
``until``), else its calendar ``year``. A visit's day is its date; a visit without one is today
(``today()``, replaced in tests). The rule (``year_notices``), said the same on every view:

- a day after the file's span: the file's figures are used, and the asked year is said
  ("2026 — 沈阳's newest policy on file is 2024; its figures are used"); where the city has a
  later file too (``policy.later``, set by the loader), the asked year is one between the two
  ("2025 — no 沈阳 policy for 2025 is on file; 2024's figures are used");
- a day before it: the same, "oldest" — unless a dated value (a row's ``from``) says the figure
  was different then and no row gives it: then the estimate is refused (``before_refusal``);
- a draft file (``draft = true``, written by ``yibao policies new``) says it is a draft.

What is missing is then the year, never a figure: "资料未给出" stays for figures no source gives.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right

from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.select import holds


def today():
    """The day an undated visit is on (tests replace this function)."""
    return _dt.date.today()


def span(policy):
    """(first day, last day) the file covers: ``effective``'s, or its calendar year."""
    eff = policy.effective or {}
    start = eff.get("from") or _dt.date(policy.year, 1, 1)
    end = eff.get("until") or eff.get("to") or _dt.date(policy.year, 12, 31)
    return start, end


def day(on):
    """The day a visit is on: its date, or today."""
    return today() if on is None else on


def asked_year(policy, on=None):
    """The year asked for when the file does not cover day ``on`` (None: today); else None."""
    on = day(on)
    start, end = span(policy)
    return None if start <= on <= end else on.year


def year_notices(policy, days=(None,)):
    """THE rule, as the ``Msg``s every view says first (notices): for each year of ``days`` (a
    visit's dates; None is today) the file does not cover, whose figures are used instead; and
    ``policy.draft`` when the file is a draft. [] for a day the file covers."""
    start, end = span(policy)
    out, seen = [], set()
    for on in days:
        on = day(on)
        if start <= on <= end or on.year in seen:
            continue
        seen.add(on.year)
        key = ("policy.year.oldest" if on < start else "policy.year.newest"
               if getattr(policy, "later", None) is None or on.year >= policy.later
               else "policy.year.between")
        out.append(Msg(key, asked=on.year, city=policy.name, year=policy.year))
    out.sort(key=lambda m: m.args["asked"])
    if getattr(policy, "draft", False):
        out.append(Msg("policy.year.draft", city=policy.name, year=policy.year))
    return out


def before_refusal(policy, on=None):
    """Why day ``on`` (before the file's span) cannot be estimated with this file, or None: a
    dated row says its figure holds only from a later day, and no row of its table for the same
    people holds on ``on`` (the figure was different, and no file gives it)."""
    on = day(on)
    if on >= span(policy)[0]:
        return None
    for path, rows in dated_tables(policy):
        for r in rows:
            start = r.get("from")
            if start is None or start <= on:
                continue
            same = _selectors(r)
            if not any(_selectors(o) == same and holds(o, on) for o in rows):
                return Msg("policy.year.differed", path=path, start=start, day=on,
                           city=policy.name, year=policy.year)
    return None


def _selectors(row):
    return tuple(row.get(k) and tuple(row[k]) for k in ("grades", "categories", "diseases",
                                                        "flags", "part", "status"))


def dated_tables(policy):
    """[(figure path, rows)] of every table with a dated row, in the file's order."""
    out = []
    stack = [("", policy.data)]
    while stack:
        path, node = stack.pop()
        for k, v in node.items():
            p = f"{path}.{k}" if path else k
            if isinstance(v, dict):
                stack.append((p, v))
            elif isinstance(v, list) and any(isinstance(r, dict) and ("from" in r or "until" in r)
                                             for r in v):
                out.append((p, v))
    return out


def epoch(policy, on):
    """The day standing for ``on`` when rows are picked: the latest edge of the policy's dated
    values (a ``from``, the day after an ``until``) not after ``on`` (``date.min`` before the
    first, and for a policy without dated values). Every day between two edges picks the same
    rows, so a year of visits on 365 days asks the same few questions (the view remembers them)."""
    edges = _EDGES.get(policy.sha256) if policy.sha256 else None
    if edges is None:
        edges = edges_of(policy)
        if policy.sha256:
            if len(_EDGES) >= 64:
                _EDGES.clear()
            _EDGES[policy.sha256] = edges
    if not edges:
        return _dt.date.min
    i = bisect_right(edges, on)
    return edges[i - 1] if i else _dt.date.min


_EDGES = {}  # a policy file's sha256 -> its dated values' edges, sorted


def edges_of(policy):
    """The sorted days on which some dated value starts or stops holding."""
    out = set()
    for _path, rows in dated_tables(policy):
        for r in rows:
            if not isinstance(r, dict):
                continue
            if r.get("from") is not None:
                out.add(r["from"])
            if r.get("until") is not None and r["until"] < _dt.date.max:
                out.add(r["until"] + _dt.timedelta(days=1))
    return sorted(out)
