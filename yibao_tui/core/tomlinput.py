"""The one input layer for every TOML file the app reads (policy, claims, household, supplied).

``loads(text, name)`` returns the document (floats as Decimal) or raises ``TomlInputError`` —
never anything else (no RecursionError, ValueError, InvalidOperation). Before any logic runs it
refuses: invalid TOML (with its line), a document over MAX_BYTES, nesting deeper than MAX_DEPTH
(counted on the text before tomllib parses it: tomllib recurses, and ten thousand ``[`` raise
RecursionError), nan and ±inf, integers outside TOML's 64 bits, numbers with an absurd exponent,
strings or keys over MAX_STRING characters, and control characters in any string or key (C0 but
tab and newline, DEL, C1, bidi overrides: a file must not retitle or script the user's terminal).
Bounds that depend on meaning (a yuan amount under 1e12) are the caller's.

Each problem is (file, line or None, Msg); the Msg's values name the key path, and show the value
with its control characters escaped (``escape``), so printing a problem is always safe.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from decimal import Decimal

from yibao_tui.core.msg import Msg, MsgError
from yibao_tui.core.safe import control_chars, safe, safe_lines
from yibao_tui.core.tomlscan import depth_line, token

MAX_BYTES = 1 << 20  # characters of a document: 100x the largest file we ship
MAX_DEPTH = 32  # tables and arrays inside each other; real files use 4
MAX_STRING = 1 << 16  # characters of one string or key
MAX_EXPONENT = 64  # |adjusted exponent| of a number: no figure needs 10**64; 1e400 is an attack
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # TOML integers are 64-bit
_NONFINITE = {"NaN": "nan", "-NaN": "-nan", "sNaN": "nan", "-sNaN": "-nan", "Infinity": "inf",
              "-Infinity": "-inf", "nan": "nan", "-nan": "-nan", "inf": "inf", "-inf": "-inf"}
_SHOWN = 60  # characters of a value shown in a message

class TomlInputError(MsgError):
    """A TOML file that cannot be used. ``problems``: every (file, line or None, Msg) found;
    ``msg``/``name``/``line``/``key``/``value`` describe the first. ``problem`` is that one as a
    (file, line, Msg) tuple, the shape household problems already have."""

    def __init__(self, problems):
        self.problems = list(problems)
        self.name, self.line, msg = self.problems[0]
        self.key = msg.args.get("at")
        self.value = msg.args.get("value")
        super().__init__(msg)

    @property
    def problem(self):
        return self.problems[0]

    @property
    def code(self):
        return self.msg.key


def problem_msg(problem):
    """A (file, line or None, Msg) problem as one Msg: ``file:line: what`` (``at_file``)."""
    name, line, msg = problem
    msg = Msg.of(msg)
    return (Msg("at_file", file=name, line=line, msg=msg) if line
            else Msg("at_file_noline", file=name, msg=msg))


def escape(s, limit=_SHOWN):
    """``s`` safe to print on one line, at most ``limit`` characters (``core.safe.safe``)."""
    return safe(s, limit)


printable = safe_lines  # a whole message, tab and newline kept (``core.safe.safe_lines``)


def keypath(path):
    """A key path as a person reads it: ``member[2].name``; odd keys quoted, controls escaped."""
    out = ""
    for k in path:
        if isinstance(k, int):
            out += f"[{k}]"
        else:
            k = k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else '"' + escape(k) + '"'
            out += ("." if out else "") + k
    return out


def find_controls(doc, single_line_keys=()):
    """(path, value, chars) for every string value or key in ``doc`` (a parsed document) that
    holds control characters. Keys named in ``single_line_keys`` (e.g. {"name"}) also refuse tab
    and newline. Iterative: any depth is safe."""
    found = []
    for path, v in _walk(doc):
        if isinstance(v, str):
            last = path[-1] if path else None
            cs = control_chars(v, single_line=last in single_line_keys)
            if cs:
                found.append((path, v, cs))
        elif isinstance(v, dict):
            for k in v:
                cs = control_chars(k, single_line=True)
                if cs:
                    found.append(((*path, k), k, cs))
    return found


def _walk(doc):
    """(path, value) for every node, depth-first, without recursion."""
    stack = [((), doc)]
    while stack:
        path, v = stack.pop()
        yield path, v
        if isinstance(v, dict):
            stack.extend(((*path, k), x) for k, x in reversed(v.items()))
        elif isinstance(v, list):
            stack.extend(((*path, i), x) for i, x in reversed(list(enumerate(v))))


_HUGE_NUMBER = r"[0-9_]{4000,}|[0-9_.]*[eE][+-]?[0-9_]{10,}"  # compiled only on this error path


def _key_before(text, m):
    """The key written before a match on its line (``x = 1e99999…`` → ``x``), for a message."""
    head = text[text.rfind("\n", 0, m.start()) + 1: m.start()] if m else ""
    k = re.search(r"([A-Za-z0-9_.-]+)\s*=[^=]*$", head)
    return escape(k.group(1), 40) if k else "?"


def _line_of(e, text):
    m = re.search(r"line (\d+)", str(e))
    if m:
        return int(m.group(1))
    return (len(text.splitlines()) or 1) if "end of document" in str(e) else None  # the last line


def _reason(e):
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)\s*$", "", str(e))


def loads(text, name="input.toml", *, max_depth=MAX_DEPTH, max_bytes=MAX_BYTES, max_string=MAX_STRING,
          single_line_keys=(), schema=None):
    """The document in ``text`` (str, or UTF-8 bytes) as a dict, numbers with a fraction or
    exponent as Decimal; raise TomlInputError listing the problems (see the module docstring).
    ``single_line_keys``: keys whose strings also must not hold tab or newline (e.g. {"name"}).
    ``schema(doc)``: the caller's type check, run on a document that passed, giving
    [(key path, Msg why)]; each becomes ``file:line: key: why`` (Msg ``toml.schema``)."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > max_bytes:
            raise TomlInputError([(name, None, Msg("toml.too_big", size=len(text), limit=max_bytes))])
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as e:
            line = bytes(text[: e.start]).count(b"\n") + 1
            raise TomlInputError([(name, line, Msg("toml.utf8", reason=e.reason, start=e.start))]) \
                from None
    if len(text) > max_bytes:
        raise TomlInputError([(name, None, Msg("toml.too_big", size=len(text), limit=max_bytes))])
    line = depth_line(text, max_depth)
    if line is not None:
        raise TomlInputError([(name, line, Msg("toml.too_deep", limit=max_depth))])
    try:
        doc = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        msg = Msg("toml.invalid", reason=escape(_reason(e), 200))
        raise TomlInputError([(name, _line_of(e, text), msg)]) from None
    except RecursionError:  # the scan should have caught it; never let it through
        raise TomlInputError([(name, None, Msg("toml.too_deep", limit=max_depth))]) from None
    except (ValueError, ArithmeticError):  # an int over 4300 digits, Decimal('1e99999999999999999999')
        m = re.search(_HUGE_NUMBER, text)
        line = text.count("\n", 0, m.start()) + 1 if m else None
        value = escape(m.group(), 40) if m else "?"
        raise TomlInputError([(name, line, Msg("toml.number_range", at=_key_before(text, m),
                                               value=value, limit=MAX_EXPONENT))]) from None
    problems = check(doc, max_depth=max_depth, max_string=max_string, single_line_keys=single_line_keys)
    if not problems and schema is not None:
        problems = [(tuple(path), Msg("toml.schema", at=keypath(path), why=why) if path else why)
                    for path, why in schema(doc)]
    if problems:
        at = _Locator(text)
        found = [(name, at.line(path), msg) for path, msg in problems]
        found.sort(key=lambda p: (p[1] is None, p[1] or 0))  # by line; stable for the rest
        raise TomlInputError(found)
    return doc


_DATES = (dt.date, dt.time, dt.datetime)


def check(doc, *, max_depth=MAX_DEPTH, max_string=MAX_STRING, single_line_keys=()):
    """(path, Msg) for every problem in a parsed document; ``loads`` adds file and line. Depth
    first, in document order, without recursion; a clean leaf (short printable text, a 64-bit
    int, a bool, a date) is passed over without building its key path (100,000 claims)."""
    out = []
    stack = [((), doc)]
    while stack:
        path, v = stack.pop()
        if len(path) > max_depth:
            out.append((path, Msg("toml.too_deep", at=keypath(path), limit=max_depth)))
            break
        t = type(v)
        if t is dict:
            for k in v:
                if not (len(k) <= max_string and k.isprintable()):
                    out += _text_problems((*path, k), k, max_string, True)
            kids = list(v.items())
        elif t is list:
            kids = list(enumerate(v))
        elif t is Decimal or t is float:
            d = Decimal(v)
            if not d.is_finite():
                out.append((path, Msg("toml.not_finite", at=keypath(path), value=_NONFINITE[str(v)])))
            elif d and abs(d.adjusted()) > MAX_EXPONENT:
                out.append((path, Msg("toml.number_range", at=keypath(path), value=escape(v),
                                      limit=MAX_EXPONENT)))
            continue
        elif t is int:
            if not INT_MIN <= v <= INT_MAX:
                out.append((path, Msg("toml.int_range", at=keypath(path), value=escape(v))))
            continue
        elif t is str:
            out += _text_problems(path, v, max_string, bool(path) and path[-1] in single_line_keys)
            continue
        else:
            continue
        deep = len(path) >= max_depth
        for k, x in reversed(kids):
            tx = type(x)
            if not deep and (tx is bool or tx in _DATES or (tx is int and INT_MIN <= x <= INT_MAX)
                             or (tx is str and len(x) <= max_string and x.isprintable())):
                continue
            stack.append(((*path, k), x))
    return out


def _text_problems(path, s, max_string, single_line):
    """A string value or key that is too long or holds control characters."""
    if len(s) <= max_string and (s.isprintable() or not control_chars(s, single_line)):
        return ()
    out = []
    if len(s) > max_string:
        out.append((path, Msg("toml.string_long", at=keypath(path), length=len(s), limit=max_string)))
    cs = control_chars(s, single_line=single_line)
    if cs:
        out.append((path, Msg("toml.control", at=keypath(path), value=escape(s),
                              chars=" ".join(safe(c) for c in dict.fromkeys(cs)))))
    return out


# ───────────────────────────── key path → line ─────────────────────────────

_HEADER = r"\s*(\[\[?)\s*(.*?)\s*\]\]?\s*(?:#.*)?$"  # these two: compiled when a line is wanted
_KEYLINE = (r"\s*((?:[A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
                      r"(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*'))*)\s*=")


_BARE = r"[A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*"  # bare keys, dotted: split on "."


def _split_key(k):
    """A TOML dotted key as its parts, by letting tomllib read ``k = 0``; None if it cannot.
    Bare keys (nearly all) are split directly: a tomllib parse a key made a line lookup slow."""
    if re.fullmatch(_BARE, k):
        return [part.strip(" \t") for part in k.split(".")]
    try:
        d = tomllib.loads(f"{k} = 0")
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    parts = []
    while isinstance(d, dict) and len(d) == 1:
        (kk, d), = d.items()
        parts.append(kk)
    return parts


def line_finder(text):
    """``finder.line(path)``: the line of a key path (a tuple of keys and indexes) in ``text``,
    best effort; how problems found in a parsed document (the policy checker's) get a line."""
    return _Locator(text)


class _Locator:
    """Finds the line of a key path from the headers and ``key =`` lines of the text (best
    effort: a path inside an inline table or array gives the line of its key). Lazy: built
    only when a problem needs a line."""

    def __init__(self, text):
        self.text = text
        self.lines = None

    def _build(self):
        self.lines = {}
        aot = {}  # header keys of [[arrays of tables]] → current index
        table = ()
        starts = [0]
        for ln in self.text.split("\n"):
            starts.append(starts[-1] + len(ln) + 1)
        for n, ln in enumerate(self._logical_lines(), 1):
            if ln is None:
                continue
            m = re.match(_HEADER, ln)
            if m and ln.lstrip().startswith("["):
                keys = _split_key(m.group(2))
                if keys is None:
                    continue
                keys = tuple(keys)
                if m.group(1) == "[[":
                    aot[keys] = aot.get(keys, -1) + 1
                    for k in [k for k in aot if len(k) > len(keys) and k[: len(keys)] == keys]:
                        del aot[k]
                table = self._doc_path(keys, aot)
                self.lines.setdefault(table, n)
                continue
            m = re.match(_KEYLINE, ln)
            if m:
                keys = _split_key(m.group(1))
                if keys:
                    self.lines.setdefault((*table, *keys), n)
                    if ln[m.end():].lstrip().startswith("["):
                        self._elements((*table, *keys), n, starts[n - 1] + m.end())

    def _elements(self, path, line, pos):
        """The line each element of the array value starting after ``pos`` begins on."""
        depth, i, want = 0, 0, False
        for m in token().finditer(self.text, pos):
            g = m.lastgroup
            if g == "n":
                line += 1
                continue
            if g == "c" or (g == "w" and not m.group().strip()):
                continue
            if want and not (g == "x" and depth == 1):
                self.lines.setdefault((*path, i), line)
                want = False
            if g == "o":
                depth += 1
                want = want or depth == 1
            elif g == "x":
                depth -= 1
                if depth <= 0:
                    return
            elif depth == 1 and m.group() == ",":
                i += 1
                want = True
            if g == "s":
                line += m.group().count("\n")

    @staticmethod
    def _doc_path(keys, aot):
        out = []
        for i, k in enumerate(keys):
            out.append(k)
            if keys[: i + 1] in aot:
                out.append(aot[keys[: i + 1]])
        return tuple(out)

    def _logical_lines(self):
        """Each physical line, or None for one that continues a multi-line string or array."""
        skip = set()
        line, depth = 1, 0
        for m in token().finditer(self.text):
            g = m.lastgroup
            if g == "n":
                line += 1
                if depth:
                    skip.add(line)
            elif g == "s":
                k = m.group().count("\n")
                skip.update(range(line + 1, line + k + 1))
                line += k
            elif g == "o":
                depth += 1
            elif g == "x":
                depth = max(0, depth - 1)
        return [None if n in skip else ln for n, ln in enumerate(self.text.split("\n"), 1)]

    def line(self, path):
        if self.lines is None:
            self._build()
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines[path] if path else None
