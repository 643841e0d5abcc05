"""The user's own supplied figures: one file in the user data dir, beside the households.

The same ``[[supplied]]`` format ``yibao estimate --supplied FILE`` reads (core/supplied.py), so
a figure the user learns once (from the hospital's notice, the 医保 office) is used by every
estimate from then on and always marked "用户提供 / supplied by you" with its note. A supplied
figure fills an unknown row only: ``apply_supplied`` refuses to touch a cited one.

- Where: ``$YIBAO_SUPPLIED`` (a file), else ``<user data dir>/supplied.toml`` (platformdirs, the
  directory the households dir is in).
- Written with ``storage.files.write_private`` (0600, atomic, never through a symlink) into a directory
  created 0700 and passing ``files.trusted_dir``. Read only when it exists.
"""

from __future__ import annotations

import os
import sys
from decimal import Decimal

ENV = "YIBAO_SUPPLIED"
APP = "yibao-tui"  # as storage.store.APP
MAX_BYTES = 1 << 20
_KEYS_ORDER = ("city", "year", "path", "grades", "categories", "diseases", "flags", "part", "value",
               "per", "note")
HEADER = ("# Figures you supplied where no source gives one (yibao supplied list|add|remove).\n"
          "# Every estimate uses them, marked \"用户提供 / supplied by you\"; a cited figure always wins.\n")


class SuppliedFileError(Exception):
    """The user's file cannot be read or written: ``path`` and ``why`` (an OSError's text or a
    TOML error), for the face to word."""

    def __init__(self, path, why):
        self.path = os.fspath(path)
        self.why = why
        super().__init__(f"{self.path}: {why}")


def data_dir():
    """The user data dir (platformdirs' ``user_data_dir``). On Linux and the BSDs that is the XDG
    rule, worked out here without importing platformdirs: ``yibao estimate`` checks for this file
    on every run and must stay light (benchmarks/engine.py; tests/test_supplied_store.py checks it
    agrees with platformdirs)."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return os.path.join(base, APP)
    import platformdirs

    return platformdirs.user_data_dir(APP)


def supplied_path(override=None):
    if override:
        return os.fspath(override)
    if os.environ.get(ENV):
        return os.environ[ENV]
    return os.path.join(data_dir(), "supplied.toml")


def read(path=None):
    """The raw entries (dicts, numbers as Decimal) of the user's file; [] when it does not exist.
    Checked by the caller with ``core.supplied.parse``."""
    path = supplied_path(path)
    if not os.path.lexists(path):
        return []
    import tomllib

    try:
        if os.path.islink(path) or not os.path.isfile(path):
            raise SuppliedFileError(path, "not a regular file")
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise SuppliedFileError(path, "too large")
        data = tomllib.loads(raw.decode("utf-8"), parse_float=Decimal)
    except OSError as e:
        raise SuppliedFileError(path, e.strerror or str(e)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise SuppliedFileError(path, str(e)) from None
    entries = data.get("supplied", [])
    extra = [k for k in data if k != "supplied"]
    if extra or not isinstance(entries, list):
        raise SuppliedFileError(path, f"unknown key '{extra[0] if extra else 'supplied'}' "
                                      "(the file holds [[supplied]] entries)")
    return entries


def value_of(text):
    """A typed figure: yuan ("800", "1,000") or a rate ("60%" → 0.6, or "0.6"). ValueError if
    it is no finite number."""
    from decimal import InvalidOperation

    t = str(text).strip()
    pct = t.endswith("%")
    try:
        v = Decimal(t.rstrip("%").strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(text) from None
    if not v.is_finite():
        raise ValueError(text)
    v = v / 100 if pct else v
    return int(v) if v == v.to_integral_value() and not pct else v


def replace(entry, path=None):
    """Add ``entry``, dropping an earlier one for the same figure (city, year, path, part and
    selectors): typing a figure again edits it. Returns its number."""
    def same(e):
        keys = ("city", "year", "path", "part", "grades", "categories", "diseases", "flags")
        return all(e.get(k) == entry.get(k) for k in keys)

    entries = [e for e in read(path) if not same(e)]
    entries.append({k: v for k, v in entry.items() if not k.startswith("_") and v is not None})
    write(entries, path)
    return len(entries)


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
    """Replace the file with ``entries`` (raw dicts, as ``read`` gives), atomically, 0600."""
    from yibao_tui.storage import files  # not on the read path: ``yibao estimate`` stays light

    path = supplied_path(path)
    d = os.path.dirname(os.path.abspath(path))
    try:
        if not os.path.isdir(d):
            anc = os.path.dirname(d)
            while not os.path.exists(anc) and os.path.dirname(anc) != anc:
                anc = os.path.dirname(anc)
            files.trusted_parent(anc)  # never create inside a place someone else controls
            files.make_private_dirs(d)
        files.trusted_dir(d)
        files.write_private(path, dumps(entries))
    except files.UnsafePathError:
        raise
    except OSError as e:
        raise SuppliedFileError(path, e.strerror or str(e)) from None
    return path


def add(entry, path=None):
    """Append one entry; returns its number (1-based) in the file."""
    entries = read(path)
    entries.append({k: v for k, v in entry.items() if not k.startswith("_") and v is not None})
    write(entries, path)
    return len(entries)


def remove(n, path=None):
    """Remove entry ``n`` (1-based); returns it. IndexError when there is no such entry."""
    entries = read(path)
    if not 1 <= n <= len(entries):
        raise IndexError(n)
    gone = entries.pop(n - 1)
    write(entries, path)
    return gone


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
