"""A policy file's types, checked before the validator's rules read a value (issue #22).

``source = [[1]]``, ``grades = [[1]]``, ``categories = [{}]``, ``relations = [[1]]`` reached rules
that put the value in a set or looked it up: "TypeError: unhashable type" ended ``policies
check`` and every estimate. Here every key that holds text anywhere in the file must hold text,
and every list of names must hold names; each problem is (key path, Msg) as the validator's, so
it reads ``file:line: key: what``. A file with one is refused before the rules run.
"""

from __future__ import annotations

from yibao_tui.core.msg import Msg

# Keys that hold one piece of text wherever they appear, and that the rules use as a key (a
# source's file name, a care kind): the validator words the other text keys' types itself.
TEXT = frozenset({"source", "same_as"})
# Keys that, when they hold a list, list names (text); ``relations`` may also be an array of
# tables (``[[binding.relations]]``).
NAMES = frozenset({"grades", "categories", "covers", "base", "diseases", "flags", "situations",
                   "relations"})
TABLES_TOO = frozenset({"relations"})
_MAX_PROBLEMS = 50


def wrong_types(doc):
    """[(key path, Msg)] for each value of the wrong type in the parsed policy ``doc``."""
    out = []
    _walk(doc, "", out)
    return out[:_MAX_PROBLEMS]


def _join(path, k):
    return f"{path}.{k}" if path else str(k)


def _walk(node, path, out):
    if isinstance(node, dict):
        for k, v in node.items():
            _key(k, v, _join(path, k), out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _walk(v, f"{path}[{i}]", out)


def _key(k, v, path, out):
    if k in TEXT and not isinstance(v, str):
        out.append((path, Msg("policy.type.text")))
        return
    if k in NAMES and not isinstance(v, (list, dict)):
        out.append((path, Msg("policy.type.names")))
        return
    if k in NAMES and isinstance(v, list):
        tables = (k in TABLES_TOO and f"{k}[" not in path  # the tables' own list holds names
                  and all(isinstance(x, dict) for x in v))
        if not tables and not all(isinstance(x, str) for x in v):
            out.append((path, Msg("policy.type.names")))
            return
    _walk(v, path, out)
