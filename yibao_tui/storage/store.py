"""Household files on disk: one TOML file per household under the user data dir.

- Where: ``--profiles DIR``, else ``$YIBAO_PROFILES``, else ``<user data dir>/households``
  (platformdirs). The directory is created 0700; files are written 0600.
- Saves are atomic: a temp file in the same directory, fsync, rename, fsync the directory. The
  version being replaced is kept as ``NAME.toml.bak``.
- A save names the ``Fingerprint`` (mtime, size, sha256) of the version it was loaded from; if the
  file on disk is no longer that version the save is refused with ``ChangedOnDisk`` (reload, or
  save under another name). The check and the rename happen under a lock on ``.lock`` in the
  directory, so two processes cannot both win.
- A file that cannot be read (bad TOML, newer schema, a broken rule) is reported with file,
  line and reason and never written to; the other households still load.
- The demo household ships inside the package (``data/demo-household.toml``). Listing shows it
  while the user has no households of their own; ``copy_demo`` copies it in to edit.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from yibao_tui.core.household import HouseholdError, parse
from yibao_tui.core.msg import Msg
from yibao_tui.core.safe import safe
from yibao_tui.storage import files, trust
from yibao_tui.storage.household_file import dumps
from yibao_tui.storage.reading import ReadRefused, read_bytes, shown_name

ENV = "YIBAO_PROFILES"
APP = "yibao-tui"
SUFFIX = ".toml"
DEMO_NAME = "demo"


class StoreError(Exception):
    """A store operation that cannot be done; the message says why and what to do. ``msg``,
    where set, is the same as a ``Msg`` the faces word in the app's language
    (``views.household.store_error_text``); ``str()`` is the English text."""

    msg = None


class NotFound(StoreError):
    """No household by that file or name: ``msg`` names what was looked for and where."""

    def __init__(self, name, d):
        self.msg = Msg("hhy.not_found", name=safe(name, 200), dir=safe(d))
        super().__init__(f"no household '{safe(name, 200)}' (no such file, and no household of "
                         f"that name in {safe(d)})")


class AmbiguousName(StoreError):
    """More than one household of that name: ``paths`` are their files; never guessed."""

    def __init__(self, name, paths):
        self.paths = list(paths)
        files_ = ", ".join(safe(p.name, 120) for p in self.paths)
        self.msg = Msg("hhy.ambiguous", name=safe(name, 200), files=files_)
        super().__init__(f"{len(self.paths)} households are named '{safe(name, 200)}': "
                         f"{files_}; give the file")


class UnsafeDirError(StoreError, trust.UnsafeDirError):
    """A households directory that fails the trust check (``trust.trusted_dir``: owned by another
    user, writable by group/others, not a directory, or reached through a symlink to such a place);
    nothing was read or written. ``path``/``why``/``detail`` as in ``trust.UnsafePathError``; the
    CLI shows ``str()`` in one line and exits 2 (it is a StoreError)."""

    @classmethod
    def of(cls, e):
        return cls(e.path, e.why, **e.detail)


class UnsafeFileError(StoreError, trust.UnsafePathError):
    """A household file (or ``.lock``) that is a symlink, not a regular file, too big, or was
    swapped under a save; ``path``/``why``/``detail`` as in ``trust.UnsafePathError``."""

    @classmethod
    def of(cls, e):
        return cls(e.path, e.why, **e.detail)


# A household is a few KB; tomllib builds the whole document in memory and the reader reports
# problems by line, so a cap bounds memory and time (a 40 GB sparse file, a log someone named
# x.toml) and keeps the households screen responsive. Generous: 100x the largest real file.
MAX_BYTES = 1 << 20


class ChangedOnDisk(StoreError):
    """A save that found the file on disk not as expected; nothing was written.

    ``kind`` says how: "changed" (not the version loaded), "deleted" (gone since it was loaded)
    or "exists" (a new household's file was created meanwhile by someone else). ``exists``
    is False for the last.
    """

    def __init__(self, path, exists=True, deleted=False):
        self.path = Path(path)
        self.exists = exists
        self.kind = "exists" if not exists else "deleted" if deleted else "changed"
        shown = safe(self.path)
        if self.kind == "exists":
            msg = f"{shown} already exists; not overwritten. Load it, or choose another name."
        elif self.kind == "deleted":
            msg = (f"{shown} was deleted since it was loaded. "
                   "Save under another name (or the same name again).")
        else:
            msg = (f"{shown} changed on disk since it was loaded; not overwritten. "
                   "Reload it, or save under another name.")
        super().__init__(msg)


@dataclass(frozen=True)
class Fingerprint:
    mtime_ns: int
    size: int
    sha256: str

    def same_content(self, other):
        return other is not None and self.sha256 == other.sha256


@dataclass
class Loaded:
    path: Path
    household: object
    fingerprint: Fingerprint | None
    demo: bool = False  # the bundled demo: read-only, copy it in to edit

    @property
    def name(self):
        return self.path.stem


@dataclass
class Broken:
    path: Path
    problems: list  # (file, line, reason)


def households_dir(override=None):
    if override:
        return Path(override)
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    from yibao_tui.storage.supplied import data_dir  # one XDG rule for every file we keep

    return Path(data_dir()) / "households"


def ensure_dir(d):
    """Create the directory and its missing parents 0700 whatever the umask, only inside a place
    no one else controls, then the trust check (``trust.private_dir``). An existing directory is
    left as it is: if it is unsafe, UnsafeDirError."""
    try:
        trust.private_dir(d)
    except trust.UnsafeDirError as e:
        raise UnsafeDirError.of(e) from None
    except OSError as e:
        raise StoreError(f"cannot create {safe(d)}: {e.strerror or e}") from None
    return Path(d)


def check_dir(d):
    """The trust check for a households directory (``trust.trusted_dir``) as a StoreError."""
    try:
        trust.trusted_dir(d)
    except trust.UnsafeDirError as e:
        raise UnsafeDirError.of(e) from None
    return Path(d)


def _read(path):
    """(bytes, stat) of a household file through the reading door (``storage.reading``): a
    regular file, never through a final symlink, never blocking on a FIFO, at most MAX_BYTES.
    FileNotFoundError passes; other refusals are StoreErrors."""
    try:
        return read_bytes(path, MAX_BYTES, nofollow=True)
    except FileNotFoundError:
        raise
    except ReadRefused as e:
        raise UnsafeFileError(path, e.why, limit=e.limit, doing="read") from None
    except trust.UnsafePathError as e:  # a file named (or listed) that others could change
        raise StoreError(str(e)) from None
    except OSError as e:
        raise StoreError(f"cannot read {safe(path)}: {e.strerror or e}") from None


def demo_path():
    return Path(__file__).resolve().parent.parent / "data" / "demo-household.toml"


def fingerprint(path):
    try:
        data, st = _read(path)
    except FileNotFoundError:
        return None
    return Fingerprint(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())


def read(path):
    """Load one household file. Raises HouseholdError (file, line, reason) or StoreError.

    Only a regular file, opened without following a symlink or blocking on a FIFO, of at most
    MAX_BYTES (UnsafeFileError otherwise)."""
    path = Path(path)
    try:
        data, st = _read(path)
    except FileNotFoundError:
        e = StoreError(f"no such household file: {safe(path)}")
        e.msg = Msg("hhy.no_file", path=safe(path))
        raise e from None
    fp = Fingerprint(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())
    shown = shown_name(path)  # problems name the file: printed, so made safe
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise HouseholdError([(shown, None, Msg("file.utf8", reason=e.reason, start=e.start))]) \
            from None
    h = parse(text, shown)  # through core/tomlinput: never RecursionError or ValueError
    return Loaded(path, h, fp, demo=path == demo_path())


def load_demo():
    return read(demo_path())


def list_all(d=None, include_demo=True):
    """(loaded, broken): every ``*.toml`` in the households dir, by name. The demo is added when
    the user has no households of their own (loaded or broken)."""
    d = households_dir(d)
    loaded, broken = [], []
    if os.path.lexists(d):
        check_dir(d)  # a directory someone else controls could plant files: refuse to list it
    try:
        names = sorted(n for n in os.listdir(d) if n.endswith(SUFFIX) and not n.startswith("."))
    except FileNotFoundError:
        names = []
    except OSError as e:
        raise StoreError(f"cannot list {safe(d)}: {e.strerror}") from None
    for n in names:
        try:
            loaded.append(read(d / n))
        except HouseholdError as e:
            broken.append(Broken(d / n, e.problems))
        except StoreError as e:
            broken.append(Broken(d / n, [(shown_name(n), None, safe(e, 400))]))
    if include_demo and not loaded and not broken:
        loaded.append(load_demo())
    return loaded, broken


def resolve(name, d=None):
    """A household's file: a path as given, else the file ``NAME[.toml]`` in the households
    dir, else the one household there whose name is ``name`` (or whose file is named after it),
    else the bundled demo. Two households of that name raise AmbiguousName (never guessed); none,
    NotFound.

    By name, the households dir is trust-checked first (``check_dir``), as listing it is: a
    directory someone else controls could hold a planted file of that name."""
    p = Path(name)
    if p.is_file():
        return p
    d = households_dir(d)
    for cand in (d / name, d / f"{name}{SUFFIX}", d / f"{slug(name)}{SUFFIX}"):
        if cand.is_file():
            check_dir(d)
            return cand
    if os.path.isdir(d):
        found = find_named(name, d)
        if len(found) > 1:
            raise AmbiguousName(name, found)
        if found:
            return found[0]
    if name in (DEMO_NAME, f"{DEMO_NAME}{SUFFIX}", demo_path().name, demo_path().stem):
        return demo_path()
    raise NotFound(name, d)


def find_named(name, d=None):
    """The files in the households dir whose household is named ``name`` (spaces and case
    around it ignored), in file order; files that cannot be read are skipped."""
    want = _name_key(name)
    loaded, _broken = list_all(d, include_demo=False)
    return [ld.path for ld in loaded if _name_key(ld.household.name) == want]


def _name_key(name):
    return unicodedata.normalize("NFKC", str(name)).strip().casefold()


def slug(name):
    """A file name for a household name: its letters (Chinese too) and digits, with - for
    anything else (spaces, punctuation, path separators, control characters); never a dot file
    and at most 40 characters; 'household' when nothing is left."""
    s = unicodedata.normalize("NFKC", str(name)).lower()
    s = re.sub(r"[^\w-]+", "-", s).strip("-_")
    return s[:40].strip("-") or "household"


def free_path(name, d=None):
    """A path for a new household that does not exist yet (name, name-2, name-3 …)."""
    base = households_dir(d)
    s = slug(name)
    p = base / f"{s}{SUFFIX}"
    n = 2
    while p.exists():
        p = base / f"{s}-{n}{SUFFIX}"
        n += 1
    return p


@contextmanager
def _locked(d):
    """The households dir's lock (``files.Lock`` on ``.lock``), its refusals as StoreErrors."""
    lock = files.Lock(Path(d) / ".lock")
    try:
        lock.acquire()
    except trust.UnsafePathError as e:
        raise UnsafeFileError.of(e) from None
    except OSError as e:
        raise StoreError(f"cannot open {safe(lock.path)}: {e.strerror}") from None
    try:
        yield
    finally:
        lock.release()


def _write_atomic(path, data):
    try:
        files.write_private(path, data)
    except trust.UnsafePathError as e:
        raise UnsafeFileError.of(e) from None
    except OSError as e:  # a read-only or full directory: say so (the old file is untouched)
        raise StoreError(f"cannot write {safe(path)}: {e.strerror or e}; nothing was changed") from None


def save(household, path, expected=None):
    """Write ``household`` to ``path`` atomically and return the new Fingerprint.

    ``expected`` is the Fingerprint the caller loaded; None means "a new file". If the file on
    disk is not that version, nothing is written and ChangedOnDisk is raised.
    """
    path = Path(path)
    if path.resolve() == demo_path():
        e = StoreError("the demo household is read-only; copy it in first (copy_demo)")
        e.msg = Msg("hhy.demo_read_only")
        raise e
    text = dumps(household)
    parse(text, path.name)  # never write what we could not read back
    data = text.encode("utf-8")
    d = ensure_dir(path.parent)
    with _locked(d):
        current = fingerprint(path)
        if current is None:
            if expected is not None:
                raise ChangedOnDisk(path, deleted=True)
        elif expected is None:
            raise ChangedOnDisk(path, exists=False)
        elif not current.same_content(expected):
            raise ChangedOnDisk(path)
        files.clean_stale(d)  # temp files a killed save left behind
        if current is not None:
            _write_atomic(path.with_name(path.name + ".bak"), _read(path)[0])
        _write_atomic(path, data)
    return fingerprint(path)


def save_new(household, d=None, name=None):
    """Save a new household under a free file name in the households dir; returns Loaded."""
    d = ensure_dir(households_dir(d))
    path = free_path(name or household.name, d)
    fp = save(household, path, None)
    return Loaded(path, household, fp)


def copy_demo(d=None, name=DEMO_NAME):
    """Copy the bundled demo into the households dir (as ``demo.toml``); returns Loaded."""
    demo = load_demo()
    return save_new(demo.household, d, name)
