"""Rules of the code a reader relies on, checked on the source (the guide's "architecture to
keep"; the layer rules are in test_architecture.py):

- no English sentence in a ``core`` string literal: core hands out ids, figures and ``Msg``s, and
  the text layer words them in Chinese and English (a sentence in core reaches a Chinese screen
  as English: "说明：The source gives no share for this part.");
- no function over 60 lines, but for a few named here, each with a comment saying why;
- in the engine, households and policy packages, no import of another module's ``_private`` name.
"""

from __future__ import annotations

import ast
import re

from . import sources
from .conftest import ROOT

PKG = ROOT / "yibao_tui"
CORE = PKG / "core"

# ───────────────────────── no English sentence in core ─────────────────────────

# A word of a sentence: letters (an apostrophe inside), not part of an id, key or path
# ("parent-in-law", "enrolment.how.option", "resident.care", "{x:y}").
_WORD = re.compile(r"(?<![\w{.\-/\\'])[A-Za-z][a-z]+(?:'[a-z]+)?(?![\w}\-/\\(.'])")
# A regular expression, not prose.
_REGEX = re.compile(r"\\[sdwSDWZAbB]|\(\?|\[\^|\\\(")
# Strings that look like prose but are not said to anyone, each with why.
_NOT_SAID = {
    # tomllib's own words, matched to strip "(at end of document)" off its error (tomlinput)
    "end of document": "matches tomllib's message",
    # OSError reasons of the bounded reader (core/boundedread); the policy loader words the refusal
    # ("policy.cannot_read") and the faces print them as the OS's reason, like strerror
    "not a regular file": "an OSError's strerror, as the OS gives one",
    "over {limit} bytes": "an OSError's strerror, as the OS gives one",
    "is a symbolic link": "an OSError's strerror, as the OS gives one",
    # the note of a synthetic figure at a range's corner: its steps are never shown
    "range corner": "internal: never shown",
    # the policy view's repr and its KeyError for a table a node lacks: a programmer's error
    # (a bug in a caller), never shown to a user
    "Where(grade={}, category={}, disease={}, flags={})": "a repr, for debugging",
    "no table {} here (tables: {})": "a programmer's KeyError",
    "no table {} here (tables: employee_share, monthly_credit)": "a programmer's KeyError",
}


def _literals(walked):
    """(line, text) of every string literal but docstrings and other bare string statements;
    an f-string as its literal parts with ``{}`` for each value. ``walked``: a tree's nodes."""
    bare, parts = set(), set()
    for n in walked:
        if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant):
            bare.add(id(n.value))
        elif isinstance(n, ast.JoinedStr):
            parts.update(id(v) for v in n.values)
    for n in walked:
        if isinstance(n, ast.JoinedStr):
            yield n.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}"
                                    for v in n.values)
        elif (isinstance(n, ast.Constant) and isinstance(n.value, str)
              and id(n) not in bare and id(n) not in parts):
            yield n.lineno, n.value


def is_sentence(s):
    """Two or more words of English prose, apart: what a person would read."""
    if _REGEX.search(s) or " " not in s.strip():
        return False
    return len(_WORD.findall(s)) >= 2


def english_sentences(source):
    return _sentences(tuple(ast.walk(ast.parse(source))))


def _sentences(walked):
    return [(line, s) for line, s in _literals(walked) if is_sentence(s) and s not in _NOT_SAID]


def test_the_sentence_finder_finds_sentences_and_nothing_else():
    said = ["The source gives no share for this part.", "must be a table", "no policy",
            "date value out of range", "unknown key (allowed: {})", "'{}' is not listed in [sources]"]
    not_said = ["parent-in-law", "enrolment.how.option", "resident.care.inpatient", "{x:y}",
                "file:line", "half-up", r"\s*\(at (line \d+)", "%Y-%m-%d", "check.at", "{} – {}",
                "起付线 500", "a", "2024-01-01"]
    assert [s for s in said if not is_sentence(s)] == []
    assert [s for s in not_said if is_sentence(s)] == []
    src = 'x = f"{a} is not listed"\n"""A docstring is fine."""\ny = "ids"  # ok\n'
    assert english_sentences(src) == [(1, "{} is not listed")]


def test_no_english_sentence_in_core():
    found = [f"{p.relative_to(ROOT)}:{line}: {s!r}" for p in sources.files(CORE)
             for line, s in _sentences(sources.nodes(p))]
    assert found == [], "core hands out Msgs; word these in yibao_tui/text/catalog/"


# ───────────────────────── functions a reader can hold ─────────────────────────

MAX_LINES = 60
# At most 4, each with a comment (on the lines just above its ``def``) saying why it stays long.
LONG = set()
# Split by another part of the same change (their branches): listed so this rule holds while
# they land; each entry must go once its function is short again.
SPLIT_ELSEWHERE: set[str] = set()


def _functions():
    for p in sources.files():
        lines = sources.text(p).split("\n")  # ast counts lines as this does
        for n in sources.nodes(p):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([n.lineno, *(d.lineno for d in n.decorator_list)])
                yield (f"{p.relative_to(ROOT)}:{n.name}", n.end_lineno - n.lineno + 1,
                       lines[max(0, first - 4):first - 1])


def test_no_function_over_60_lines():
    assert len(LONG) <= 4
    long = {name: (n, above) for name, n, above in _functions() if n > MAX_LINES}
    assert sorted(set(long) - LONG - SPLIT_ELSEWHERE) == [], "split them into named steps"
    why = {name for name, (_n, above) in long.items() if name in LONG
           and any(ln.strip().startswith("#") and len(ln.split()) >= 5 for ln in above)}
    assert sorted(set(long) & LONG - why) == [], "say why in a comment above the def"
    assert sorted(SPLIT_ELSEWHERE - set(long)) == [], "now short: take it off SPLIT_ELSEWHERE"


# ───────────────────────── no reaching into another module ─────────────────────────

OWN_PACKAGES = ("yibao_tui/core/engine", "yibao_tui/core/household", "yibao_tui/core/policy")


def test_no_import_of_another_modules_private_name():
    found = []
    for top in OWN_PACKAGES:
        for p in sources.files(ROOT / top):
            for n in sources.nodes(p):
                if isinstance(n, ast.ImportFrom):
                    found += [f"{p.relative_to(ROOT)}:{n.lineno}: {n.module}.{a.name}"
                              for a in n.names if a.name.startswith("_") and not a.name.startswith("__")]
    assert found == [], "give it a public name, or move it where it is used"
