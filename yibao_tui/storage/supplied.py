"""The user's own supplied figures: one file in the user data dir, beside the households.

The same ``[[supplied]]`` format ``yibao estimate --supplied FILE`` reads (core/supplied.py), so
a figure the user learns once (from the hospital's notice, the 医保 office) is used by every
estimate from then on and always marked "用户提供 / supplied by you" with its note. A supplied
figure fills an unknown row only: ``apply_supplied`` refuses to touch a cited one.

- Where: ``$YIBAO_SUPPLIED`` (a file), else ``<user data dir>/supplied.toml`` (platformdirs, the
  directory the households dir is in).
- Read through the reading door (``storage.reading``: its directory trust-checked, a bounded
  read of a regular file never through a symlink, the input layer, then ``schema``).
- Written through the writing door (``storage.files.write_private``: 0600, atomic, never through
  a symlink) into a directory created 0700 and passing the trust check; every change (add,
  remove, replace) reads, changes and writes under the file's lock (``files.Lock``), so
  concurrent changes each keep theirs.
"""

from __future__ import annotations

import os
import sys
from decimal import Decimal

from yibao_tui.core.amount import MAX_AMOUNT
from yibao_tui.core.msg import Msg
from yibao_tui.core.safe import safe

ENV = "YIBAO_SUPPLIED"
APP = "yibao-tui"  # as storage.store.APP
MAX_BYTES = 1 << 20
_KEYS_ORDER = ("city", "year", "path", "grades", "categories", "diseases", "flags", "part", "value",
               "per", "note")
HEADER = ("# Figures you supplied where no source gives one (yibao supplied list|add|remove).\n"
          "# Every estimate uses them, marked \"用户提供 / supplied by you\"; a cited figure always wins.\n")


class SuppliedFileError(Exception):
    """The user's file cannot be read or written: ``path`` and ``why`` (an OSError's text, or a
    Msg: the file's first problem, ``file:line: key: what``). ``msg`` is both as a Msg for the
    face to word (``text.render``); ``str()`` is plain, for a log."""

    def __init__(self, path, why):
        self.path = os.fspath(path)
        self.why = why
        self.msg = Msg("supplied.file.error", path=safe(self.path), why=why)
        super().__init__(f"{safe(self.path)}: {why if isinstance(why, str) else why.key}")


def data_dir():
    """The user data dir (platformdirs' ``user_data_dir``). On Linux and the BSDs that is the XDG
    rule, worked out here without importing platformdirs: ``yibao estimate`` checks for this file
    on every run and must stay light (benchmarks/engine.py; tests/test_supplied_store.py checks it
    agrees with platformdirs)."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        # The XDG spec: a relative path is invalid and is ignored (it would put your figures
        # under whatever the current directory is); platformdirs does the same.
        base = os.environ.get("XDG_DATA_HOME", "").strip()
        if not os.path.isabs(base):
            base = os.path.expanduser("~/.local/share")
        return os.path.join(base, APP)
    import platformdirs

    return platformdirs.user_data_dir(APP)


def supplied_path(override=None):
    if override:
        return os.fspath(override)
    if os.environ.get(ENV):
        return os.environ[ENV]
    return os.path.join(data_dir(), "supplied.toml")


def schema(doc):
    """[(key path, Msg why)] for a ``[[supplied]]`` document (the reading door's schema check,
    for this file and for ``--supplied FILE``): only ``supplied``, a list of tables, each entry
    typed as ``core.supplied.parse`` and this check want it. [] when it is fine (or empty)."""
    from yibao_tui.core.supplied import SuppliedError, parse

    extra = [k for k in doc if k != "supplied"]
    if extra:
        return [((extra[0],), Msg("supplied.file.key"))]
    entries = doc.get("supplied", [])
    if entries == []:
        return []
    if not isinstance(entries, list):
        return [(("supplied",), Msg("supplied.file.entries"))]
    for i, e in enumerate(entries):
        for k, want in (("city", str), ("note", str), ("year", int)):
            v = e.get(k) if isinstance(e, dict) else None
            if v is not None and (not isinstance(v, want) or isinstance(v, bool)):
                return [(("supplied", i, k), Msg(f"supplied.file.{want.__name__}"))]
        v = e.get("value") if isinstance(e, dict) else None
        if isinstance(v, (int, Decimal)) and not isinstance(v, bool) and abs(v) > MAX_AMOUNT:
            return [(("supplied", i, "value"), Msg("supplied.file.too_big", max=MAX_AMOUNT))]
    try:
        parse(entries, "supplied")
    except SuppliedError as e:
        return [(tuple(x for x in ("supplied", e.index, e.key) if x is not None), e.why)]
    return []


def read(path=None):
    """The raw entries (dicts, numbers as Decimal) of the user's file; [] when it does not exist.
    Through the reading door; any refusal is a SuppliedFileError (the file is left as it is)."""
    path = supplied_path(path)
    if not os.path.lexists(path):
        return []
    from yibao_tui.core.tomlinput import TomlInputError, problem_msg
    from yibao_tui.storage.reading import read_toml

    try:
        data = read_toml(path, limit=MAX_BYTES, kept=True, schema=schema)
    except TomlInputError as e:
        raise SuppliedFileError(path, problem_msg(e.problem)) from None
    except OSError as e:  # an untrusted directory, a symlink, a FIFO, too big, unreadable
        raise SuppliedFileError(path, e.strerror or str(e)) from None
    return data.get("supplied", [])


def value_of(text):
    """A typed figure: yuan ("800", "1,000") or a rate ("60%" → 0.6, or "0.6"). ValueError if
    it is not a number by the one number rule (``core.amount.parse_number``: ASCII or full-width
    digits, no sign, no exponent, at most MAX_AMOUNT — ``١٢٣``, ``-0``, ``1e40`` are refused)."""
    from yibao_tui.core.amount import AmountError, parse_number

    try:
        v = parse_number(str(text))
    except AmountError:
        raise ValueError(text) from None
    pct = str(text).strip().endswith(("%", "％"))
    return int(v) if v == v.to_integral_value() and not pct else v


def replace(entry, path=None):
    """Add ``entry``, dropping an earlier one for the same figure (city, year, path, part and
    selectors): typing a figure again edits it. Returns its number."""
    keys = ("city", "year", "path", "part", "grades", "categories", "diseases", "flags")

    def change(entries):
        entries[:] = [e for e in entries if not all(e.get(k) == entry.get(k) for k in keys)]
        entries.append(_stored(entry))
        return len(entries)

    return _change(change, path)


def apply_user(policy, path=None):
    """``policy`` with the user's own figures filled in, and what was left out: (policy, skipped),
    ``skipped`` a list of (number in the file, Msg why) for entries of this city that fill no
    unknown figure (a later policy year may cite it: the cited one wins). Entries for other cities
    are ignored. Raises SuppliedFileError (unreadable) or core SuppliedError (malformed entry).
    The wizard, compare, ``yibao ask``, the household year and ``yibao estimate`` call this."""
    path = supplied_path(path)
    if not os.path.lexists(path):
        return policy, []  # the usual case: nothing imported, nothing read
    raw = read(path)
    if not raw:
        return policy, []
    from yibao_tui.core.supplied import SuppliedError, apply_supplied, parse

    skipped = []
    for e in parse(raw, os.path.basename(path)):
        try:
            policy = apply_supplied(policy, [e])
        except SuppliedError as err:
            skipped.append((e["_index"] + 1, err.why))
    return policy, skipped


def fill(policy):
    """``apply_user`` for a face that cannot stop to report (the TUI's PolicyCache(fill=…)): the
    policy with the user's figures, or as it is when the file cannot be used (``yibao supplied
    list`` and ``yibao estimate`` say why)."""
    try:
        return apply_user(policy)[0]
    except (SuppliedFileError, PermissionError):
        return policy
    except Exception as e:  # core SuppliedError (a malformed entry): never stop the app for it
        if not hasattr(e, "msg"):
            raise
        return policy


def write(entries, path=None):
    """Replace the file with ``entries`` (raw dicts, as ``read`` gives), atomically, 0600, in a
    private directory. A change made from what was read holds the lock: see ``_change``. What
    would not read back (a note holding control characters) is refused: nothing is written."""
    from yibao_tui.core.tomlinput import TomlInputError, loads, problem_msg
    from yibao_tui.storage import files, trust  # not on the read path: ``yibao estimate`` stays light

    path = supplied_path(path)
    text = dumps(entries)
    try:
        loads(text, os.path.basename(path), max_bytes=MAX_BYTES, schema=schema)
    except TomlInputError as e:
        raise SuppliedFileError(path, problem_msg(e.problem)) from None
    try:
        trust.private_dir(os.path.dirname(os.path.abspath(path)))
        files.write_private(path, text)
    except trust.UnsafePathError:
        raise
    except OSError as e:
        raise SuppliedFileError(path, e.strerror or str(e)) from None
    return path


def _change(change, path=None):
    """Read, ``change(entries)`` in place, write — all under the file's lock, so twelve
    concurrent ``supplied add`` keep twelve entries. Returns what ``change`` returns."""
    from yibao_tui.storage import files, trust

    path = supplied_path(path)
    try:
        trust.private_dir(os.path.dirname(os.path.abspath(path)))
        lock = files.Lock(files.lock_for(path)).acquire()
    except trust.UnsafePathError:
        raise
    except OSError as e:
        raise SuppliedFileError(path, e.strerror or str(e)) from None
    try:
        entries = read(path)
        out = change(entries)
        write(entries, path)
        return out
    finally:
        lock.release()


def _stored(entry):
    return {k: v for k, v in entry.items() if not k.startswith("_") and v is not None}


def add(entry, path=None):
    """Append one entry; returns its number (1-based) in the file."""
    def change(entries):
        entries.append(_stored(entry))
        return len(entries)

    return _change(change, path)


def remove(n, path=None):
    """Remove entry ``n`` (1-based); returns it. IndexError when there is no such entry (the
    file is not written then)."""
    def change(entries):
        if not 1 <= n <= len(entries):
            raise IndexError(n)
        return entries.pop(n - 1)

    return _change(change, path)


def dumps(entries):
    """TOML text for the entries, keys in a fixed order (strings, numbers, lists of strings)."""
    out = [HEADER]
    for e in entries:
        out.append("\n[[supplied]]\n")
        for k in sorted(e, key=lambda k: (_KEYS_ORDER.index(k) if k in _KEYS_ORDER else 99, k)):
            out.append(f"{k} = {_value(e[k])}\n")
    return "".join(out)


def _value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float, Decimal)):
        return format(v, "f") if isinstance(v, Decimal) else repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    # A TOML basic string: quote and backslash escaped, control characters (DEL too) as \uXXXX.
    return '"' + "".join(_ESC.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
                         for c in str(v)) + '"'


_ESC = {'"': '\\"', "\\": "\\\\"}
