"""core/tomlinput: the one TOML input layer — a dict with Decimals, or TomlInputError, nothing else."""

import string
from decimal import Decimal

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yibao_tui.core import tomlinput as T

from .conftest import examples


def problems(text, **kw):
    with pytest.raises(T.TomlInputError) as ei:
        T.loads(text, "f.toml", **kw)
    return ei.value


def test_valid_document_numbers_as_decimal():
    d = T.loads('a = 1\nb = [1, 2.5]\n[t]\nx = "y"\nnote = "两行\\n第二行\\t制表"\n', "f.toml")
    assert d == {"a": 1, "b": [1, Decimal("2.5")], "t": {"x": "y", "note": "两行\n第二行\t制表"}}
    assert isinstance(d["b"][1], Decimal)


def test_bytes_are_utf8_and_bad_bytes_name_the_line():
    assert T.loads(b'name = "\xe7\x8e\x8b"', "f.toml") == {"name": "王"}
    e = problems(b"x = 1\n\xff = 2")
    assert (e.code, e.name, e.line) == ("toml.utf8", "f.toml", 2)


def test_invalid_toml_has_its_line_and_reason():
    e = problems("x = 1\ny = \nz = 2")
    assert (e.code, e.line) == ("toml.invalid", 2)
    assert "line" not in e.msg.args["reason"]  # the line is in .line, once
    assert problems('x = "open').line == 1


@pytest.mark.parametrize("text", [
    "a = " + "[" * 10_000 + "]" * 10_000,  # tomllib raises RecursionError on this
    "a = " + "{b = " * 5_000 + "1" + "}" * 5_000,
    "a" + ".a" * 50_000 + " = 1",  # tomllib is quadratic in the parts of a dotted key
    "[" + "a." * 50_000 + "a]",
])
def test_deep_nesting_is_refused_before_parsing(text):
    e = problems(text)
    assert (e.code, e.line) == ("toml.too_deep", 1)


def test_depth_from_headers_and_dotted_keys_together():
    e = problems("[" + ".".join(["a"] * 20) + "]\n" + ".".join(["b"] * 20) + " = 1\n")
    assert e.code == "toml.too_deep" and e.key.startswith("a.a.a")


def test_brackets_in_strings_and_comments_do_not_count():
    text = 'x = """\n' + "[" * 100 + '\n"""\ny = "' + "{" * 100 + "\" # " + "[" * 100 + "\nz = '" \
        + "[" * 100 + "'\n"
    assert T.loads(text, "f.toml")["y"] == "{" * 100


def test_nan_and_inf_anywhere_with_key_path_and_line():
    text = 'a = 1\n[[m]]\nname = "x"\n[[m]]\nname = "y"\n[m.sub]\nv = [1,\n  nan]\nw = -inf\n'
    e = problems(text)
    assert [(p[1], p[2].key, p[2].args["at"], p[2].args["value"]) for p in e.problems] == [
        (8, "toml.not_finite", "m[1].sub.v[1]", "nan"),  # the element's own line
        (9, "toml.not_finite", "m[1].sub.w", "-inf"),
    ]


def test_number_ranges():
    assert problems("x = 1e400").code == "toml.number_range"
    assert problems("x = 99999999999999999999").code == "toml.int_range"  # TOML ints are 64-bit
    assert problems("x = 1" + "0" * 5000).code == "toml.number_range"  # ValueError in tomllib
    assert problems("x = 1e99999999999999999999").line == 1  # InvalidOperation in Decimal
    assert T.loads("x = 1e12\ny = 0e999\nz = 9223372036854775807", "f")["z"] == 2**63 - 1


def test_size_limits():
    assert problems("x = 1\n" * 10, max_bytes=20).code == "toml.too_big"
    e = problems('s = "' + "x" * 100 + '"', max_string=50)
    assert (e.code, e.key, e.line) == ("toml.string_long", "s", 1)


@pytest.mark.parametrize("esc, shown", [
    ("\\u001b]0;pwned\\u0007", "\\x1b"),  # OSC: retitles the terminal
    ("\\u001b[2J", "\\x1b"), ("\\u009b31m", "\\x9b"),  # CSI, C1 CSI
    ("\\u007f", "\\x7f"), ("\\u0000", "\\x00"), ("\\r", "\\r"),
    ("abc\\u202edef", "\\u202e"), ("\\u2066x\\u2069", "\\u2066"),
])
def test_control_characters_in_strings_are_refused_and_escaped(esc, shown):
    e = problems(f'[[member]]\nname = "ok"\n[[member]]\nname = "{esc}"\n')
    assert (e.code, e.key, e.line) == ("toml.control", "member[1].name", 4)
    assert shown in e.msg.args["chars"]
    assert not T.control_chars(e.value, single_line=True)  # safe to print


def test_control_characters_in_keys_and_single_line_keys():
    e = problems('"k\\u001b[31m" = 1\n')
    assert e.code == "toml.control" and "\\x1b" in e.key and not T.control_chars(e.key)
    assert T.loads('name = "a\\tb"', "f")  # tab is text in a note …
    assert problems('name = "a\\nb"', single_line_keys={"name"}).key == "name"  # … not in a name


def test_find_controls_and_escape():
    doc = {"m": [{"name": "ok"}, {"name": "\x1b]0;x\x07", "note": "a\nb"}], "k\u202e": 1}
    assert sorted((p, cs) for p, _, cs in T.find_controls(doc, {"name"})) == [
        (("k\u202e",), ["\u202e"]), (("m", 1, "name"), ["\x1b", "\x07"])]
    assert T.escape("\x1b[2Jx" * 30, 10) == "\\x1b[2Jx\\x1b[2Jx…"  # 10 characters of the text
    assert T.keypath(("m", 1, "a b")) == 'm[1]."a b"'


def test_error_carries_a_msg_and_a_household_style_problem():
    e = problems("x = nan")
    assert isinstance(e.msg, T.Msg) and e.problem == ("f.toml", 1, e.msg)
    assert (e.name, e.line, e.key, e.value) == ("f.toml", 1, "x", "nan")


# ───────────────────────────── properties ─────────────────────────────

_toml_chars = st.sampled_from([*'[]{}"\'#=.,\n\t \\abc01-+_:eEinf', "\x1b", "\u202e", "nan", "inf",
                               '"""', "'''", "[[", "]]"])


def _never_anything_else(text):
    try:
        d = T.loads(text, "f.toml")
    except T.TomlInputError as e:
        assert e.problems and all(isinstance(p[2], T.Msg) for p in e.problems)
        for _, _, m in e.problems:  # every value shown is safe to print
            for v in m.args.values():
                assert not isinstance(v, str) or not T.control_chars(v)
        return
    assert isinstance(d, dict)


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_gives_a_dict_or_TomlInputError(text):
    _never_anything_else(text)


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_toml_chars, max_size=200).map("".join))
def test_toml_like_text_gives_a_dict_or_TomlInputError(text):
    _never_anything_else(text)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(["[", "{a=", "{", "[[", "a.", '"a".']), min_size=1, max_size=3000),
       st.integers(0, 3))
def test_generated_deep_nestings_never_escape(opens, lines):
    text = "\n" * lines + "x = " + "".join(opens) + "1"
    _never_anything_else(text)
    depth = sum(o.count("[") + o.count("{") for o in opens)
    if depth > T.MAX_DEPTH:
        e = problems(text)
        assert e.code in ("toml.too_deep", "toml.invalid")


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(1, 200))
def test_deep_but_valid_arrays_are_judged_by_depth(n):
    text = "x = " + "[" * n + "]" * n
    if n <= T.MAX_DEPTH:
        assert T.loads(text, "f")
    else:
        assert problems(text).code == "toml.too_deep"


# [a-z][a-z0-9_]{0,6}, built (from_regex made most of this property's time)
_key = st.builds(str.__add__, st.sampled_from(string.ascii_lowercase),
                 st.text(string.ascii_lowercase + string.digits + "_", max_size=6))
_leaf = st.one_of(st.integers(-5, 5), st.decimals(allow_nan=False, allow_infinity=False, places=2,
                                                  min_value=-1000, max_value=1000),
                  st.text("abc 王", max_size=5), st.booleans())


def _fresh(draw, node):
    """A key not yet in ``node``: a clash gets ``_`` added (still a bare key). Not a filter: a
    lambda filter made per draw cost most of this property's time."""
    k = draw(_key)
    while k in node:
        k += "_"
    return k


@st.composite
def _doc_with_one_bad_number(draw):
    """A nested document with one nan/±inf somewhere, and the path to it."""
    doc = draw(st.dictionaries(_key, _leaf, min_size=1, max_size=3))
    node, path = doc, []
    for _ in range(draw(st.integers(0, 6))):
        k = _fresh(draw, node)
        if draw(st.booleans()):
            node[k] = draw(st.dictionaries(_key, _leaf, max_size=2))
            node, path = node[k], [*path, k]
        else:  # an array of tables: the bad value in one of its tables
            tables = draw(st.lists(st.dictionaries(_key, _leaf, max_size=2), min_size=1, max_size=3))
            i = draw(st.integers(0, len(tables) - 1))
            node[k] = tables
            node, path = tables[i], [*path, k, i]
    k = _fresh(draw, node)
    bad = draw(st.sampled_from([Decimal("nan"), Decimal("inf"), Decimal("-inf")]))
    if draw(st.booleans()):
        node[k] = bad
        path = [*path, k]
    else:
        node[k] = [Decimal(1), bad]
        path = [*path, k, 1]
    return doc, tuple(path)


@settings(max_examples=examples(200), deadline=None)
@given(_doc_with_one_bad_number())
def test_generated_nan_inf_are_reported_with_their_key_path(case):
    doc, path = case
    text = tomli_w.dumps(doc)
    e = problems(text)
    assert e.code == "toml.not_finite"
    assert e.key == T.keypath(path)
    assert e.line is not None
    assert e.value in text.splitlines()[e.line - 1]  # the line of the value itself


@settings(max_examples=examples(1000), deadline=None)
@given(text=st.text(alphabet='[]{}"\'#.a= \n\\', max_size=120))
def test_the_fast_depth_check_never_passes_what_the_full_scan_refuses(text):
    from yibao_tui.core import tomlscan

    if tomlscan.shallow(text, 3):
        assert tomlscan.scan_depth(text, 3) is None


def test_the_fast_depth_check_counts_closers_as_the_full_scan_does():
    from yibao_tui.core import tomlscan

    assert not tomlscan.shallow("][[[[", 3) and tomlscan.scan_depth("][[[[", 3) == 1


_KEY = st.text("ab_-1", min_size=1, max_size=3)
_GAP = st.sampled_from(["", " ", "\t", " \t"])


@settings(max_examples=examples(200))
@given(st.lists(st.tuples(st.lists(_KEY, min_size=1, max_size=3), _GAP), min_size=1, max_size=6,
                unique_by=lambda kv: kv[0][0]))
def test_a_dotted_key_is_found_on_its_line_however_it_is_spaced(rows):
    # Each row a dotted bare key written with spaces or tabs around its dots ("a . b = 1"), after
    # a [t] header: the line finder (how a problem gets its line) gives each key's own line, as
    # tomllib reads the key (the first part of each row differs, so no two rows clash).
    lines = ["[t]"] + [(gap + "." + gap).join(parts) + " = 1" for parts, gap in rows]
    finder = T.line_finder("\n".join(lines))
    for n, (parts, _gap) in enumerate(rows, 2):
        assert finder.line(("t", *parts)) == n
