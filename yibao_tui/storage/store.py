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
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from yibao_tui.core import tomlinput
from yibao_tui.core.household import HouseholdError, parse
from yibao_tui.core.msg import Msg
from yibao_tui.storage import files
from yibao_tui.storage.files import write_private
from yibao_tui.storage.household_file import dumps

ENV = "YIBAO_PROFILES"
APP = "yibao-tui"
SUFFIX = ".toml"
DEMO_NAME = "demo"


class StoreError(Exception):
    """A store operation that cannot be done; the message says why and what to do."""


class UnsafeDirError(StoreError, files.UnsafeDirError):
    """A households directory that fails the trust check (``files.trusted_dir``: owned by another
    user, writable by group/others, not a directory, or reached through a symlink to such a place);
    nothing was read or written. ``path``/``why``/``detail`` as in ``files.UnsafePathError``; the
    CLI shows ``str()`` in one line and exits 2 (it is a StoreError)."""

    @classmethod
    def of(cls, e):
        return cls(e.path, e.why, **e.detail)


class UnsafeFileError(StoreError, files.UnsafePathError):
    """A household file (or ``.lock``) that is a symlink, not a regular file, too big, or was
    swapped under a save; ``path``/``why``/``detail`` as in ``files.UnsafePathError``."""

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
        if self.kind == "exists":
            msg = f"{self.path} already exists; not overwritten. Load it, or choose another name."
        elif self.kind == "deleted":
            msg = (f"{self.path} was deleted since it was loaded. "
                   "Save under another name (or the same name again).")
        else:
            msg = (f"{self.path} changed on disk since it was loaded; not overwritten. "
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
    import platformdirs

    return Path(platformdirs.user_data_dir(APP)) / "households"


def ensure_dir(d):
    """Create the directory and its missing parents 0700 whatever the umask, then the trust check
    (``check_dir``). An existing directory is left as it is: if it is unsafe, UnsafeDirError."""
    d = Path(d)
    if not d.is_dir():
        anc = d.parent
        while not anc.exists() and anc.parent != anc:
            anc = anc.parent
        try:  # never create inside a place someone else controls
            files.trusted_parent(anc)
        except files.UnsafeDirError as e:
            raise UnsafeDirError.of(e) from None
        try:
            files.make_private_dirs(d)
        except OSError as e:
            raise StoreError(f"cannot create {d}: {e.strerror}") from None
    check_dir(d)
    return d


def check_dir(d):
    """The trust check for a households directory (``files.trusted_dir``) as a StoreError."""
    try:
        files.trusted_dir(d)
    except files.UnsafeDirError as e:
        raise UnsafeDirError.of(e) from None
    return Path(d)


def _read_regular(path, limit=MAX_BYTES):
    """(bytes, stat) of a regular file, never following a final symlink and never blocking on a
    FIFO (O_NONBLOCK), at most ``limit`` bytes. FileNotFoundError passes; others are StoreErrors."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as e:
        if os.path.islink(path):
            raise UnsafeFileError(path, "symlink", doing="read") from None
        raise StoreError(f"cannot read {path}: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFileError(path, "not_regular", doing="read")
        if st.st_size > limit:
            raise UnsafeFileError(path, "too_big", limit=limit, doing="read")
        chunks, n = [], 0
        while n <= limit:  # read to EOF, not to st_size: the file may be growing
            b = os.read(fd, min(1 << 16, limit + 1 - n))
            if not b:
                break
            chunks.append(b)
            n += len(b)
        if n > limit:
            raise UnsafeFileError(path, "too_big", limit=limit, doing="read")
        return b"".join(chunks), st
    except UnsafeFileError:
        raise
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror}") from None
    finally:
        os.close(fd)


def demo_path():
    return Path(__file__).resolve().parent.parent / "data" / "demo-household.toml"


def fingerprint(path):
    try:
        data, st = _read_regular(path)
    except FileNotFoundError:
        return None
    return Fingerprint(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())


def read(path):
    """Load one household file. Raises HouseholdError (file, line, reason) or StoreError.

    Only a regular file, opened without following a symlink or blocking on a FIFO, of at most
    MAX_BYTES (UnsafeFileError otherwise)."""
    path = Path(path)
    try:
        data, st = _read_regular(path)
    except FileNotFoundError:
        raise StoreError(f"no such household file: {path}") from None
    fp = Fingerprint(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())
    shown = tomlinput.escape(path.name, 200)  # problems name the file: printed, so made safe
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
        raise StoreError(f"cannot list {d}: {e.strerror}") from None
    for n in names:
        try:
            loaded.append(read(d / n))
        except HouseholdError as e:
            broken.append(Broken(d / n, e.problems))
        except StoreError as e:
            broken.append(Broken(d / n, [(tomlinput.escape(n, 200), None, tomlinput.escape(e, 400))]))
    if include_demo and not loaded and not broken:
        loaded.append(load_demo())
    return loaded, broken


def resolve(name, d=None):
    """A path as given, else ``NAME[.toml]`` in the households dir, else the bundled demo."""
    p = Path(name)
    if p.is_file():
        return p
    d = households_dir(d)
    for cand in (d / name, d / f"{name}{SUFFIX}"):
        if cand.is_file():
            return cand
    if name in (DEMO_NAME, f"{DEMO_NAME}{SUFFIX}", demo_path().name, demo_path().stem):
        return demo_path()
    raise StoreError(f"no household '{name}' (looked for {p} and in {d})")


def slug(name):
    """A file name for a household name (ASCII letters, digits, - and _; else 'household')."""
    s = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")
    return s[:40] or "household"




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
    lock = Path(d) / ".lock"
    flags = os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(lock, flags, 0o600)
    except OSError as e:
        if os.path.islink(lock):  # a planted symlink would make us create files where it points
            raise UnsafeFileError(lock, "symlink") from None
        raise StoreError(f"cannot open {lock}: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFileError(lock, "not_regular")
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            raise UnsafeFileError(lock, "lock_owner", uid=st.st_uid, me=os.geteuid())
        try:
            import fcntl
        except ImportError:  # Windows: the atomic rename still holds; the check is best effort
            fcntl = None
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_atomic(path, data):
    try:
        write_private(path, data)
    except files.UnsafePathError as e:
        raise UnsafeFileError.of(e) from None
    except OSError as e:  # a read-only or full directory: say so (the old file is untouched)
        raise StoreError(f"cannot write {path}: {e.strerror or e}; nothing was changed") from None




def save(household, path, expected=None):
    """Write ``household`` to ``path`` atomically and return the new Fingerprint.

    ``expected`` is the Fingerprint the caller loaded; None means "a new file". If the file on
    disk is not that version, nothing is written and ChangedOnDisk is raised.
    """
    path = Path(path)
    if path.resolve() == demo_path():
        raise StoreError("the demo household is read-only; copy it in first (copy_demo)")
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
            _write_atomic(path.with_name(path.name + ".bak"), _read_regular(path)[0])
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
