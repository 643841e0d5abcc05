"""The household file's types, checked before any rule reads a value (issue #22).

A value of the wrong type (``city = []``, ``holder = {a = 1}``, ``beneficiaries = [[1]]``) used
to reach the rules, which put it in a set or compared it: "TypeError: unhashable type" ended
every household command, and one such file took down ``household list`` for every other
household. Here each text key is checked to be text (lists of text to hold text) and each
problem is ``file:line: where: key: must be …``; a file with one is refused as a whole, before
the reader's rules run. The rules then only ever see the types they expect.
"""

from __future__ import annotations

from yibao_tui.core.msg import Msg

# Keys holding one piece of text, by table; and keys holding a list of text.
_TEXT = {
    "top": ("name", "note"),
    "member": ("id", "name", "relation", "city", "scheme", "category", "note"),
    "enrolment": ("city", "scheme", "note"),
    "visit": ("care", "disease", "note"),
    "binding": ("holder", "note"),
}
# (``flags`` and ``situations`` the rules check themselves, with their own words.)
_TEXT_LISTS = {"binding": ("beneficiaries",)}


def _is_text(v):
    return isinstance(v, str)


def _is_text_list(v):
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _table(t, kind, at, where, out):
    """Problems (line, Msg) of the text keys of one table ``t`` of ``kind``."""
    if not isinstance(t, dict):
        return  # the reader says "must be a table"
    for k in _TEXT.get(kind, ()):
        if k in t and not _is_text(t[k]):
            out.append((at(k), Msg("file.type.text", what=where, k=k)))
    for k in _TEXT_LISTS.get(kind, ()):
        if k in t and not _is_text_list(t[k]):
            out.append((at(k), Msg("file.type.text_list", what=where, k=k)))


def _visit(v, at, where, out):
    _table(v, "visit", at, where, out)
    if not isinstance(v, dict):
        return
    grade = v.get("grade")
    if grade is not None and (isinstance(grade, bool) or not isinstance(grade, (str, int))):
        out.append((at("grade"), Msg("file.type.text", what=where, k="grade")))
    cr = v.get("cross_region")
    if cr is not None and not (_is_text(cr) or _is_text_list(cr)):
        out.append((at("cross_region"), Msg("file.type.text_list", what=where, k="cross_region")))


def _list(t, k):
    v = t.get(k, [])
    return v if isinstance(v, list) else []


def wrong_types(d, lines):
    """[(line, Msg)]: each key of the household ``d`` holding a value of the wrong type; ``lines``
    a ``Lines`` of the file's text. [] when every value has its type (not yet its meaning)."""
    out = []
    _table(d, "top", lines.top, Msg("where.household"), out)
    for i, m in enumerate(_list(d, "member")):
        mid = m.get("id") if isinstance(m, dict) else None
        label = (Msg("where.member", mid=mid) if isinstance(mid, str)
                 else Msg("where.member_n", i=i + 1))
        _table(m, "member", lambda k, i=i: lines.member(i, k), label, out)
        if not isinstance(m, dict):
            continue
        for j, e in enumerate(_list(m, "enrolment")):
            _table(e, "enrolment", lambda k, i=i, j=j: lines.enrolment(i, j, k),
                   Msg("where.enrolment", what=label, j=j + 1), out)
        for j, v in enumerate(_list(m, "visit")):
            _visit(v, lambda k, i=i, j=j: lines.member(i, k, visit=j),
                   Msg("where.visit", what=label, j=j + 1), out)
    for i, b in enumerate(_list(d, "binding")):
        where = Msg("where.binding", i=i + 1)
        _table(b, "binding", lambda k, i=i: lines.binding(i, k), where, out)
        rels = b.get("relations") if isinstance(b, dict) else None
        if rels is not None and not (isinstance(rels, dict) and all(map(_is_text, rels.values()))):
            out.append((lines.binding(i, "relations"), Msg("file.type.relations", what=where)))
    return out
