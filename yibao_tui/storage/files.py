"""The one writing door: every file the app writes goes through ``write_private``, and every
read-modify-write holds that file's ``Lock`` (docs/trust.md says why):

- ``write_private`` works relative to an fd of the directory, creates its temp file itself with
  O_CREAT|O_EXCL|O_NOFOLLOW (0600, set on the fd), refuses a destination that is a symlink or not a
  regular file, checks after the rename that the name holds the inode it wrote, and fsyncs the
  directory. ``replace=False`` refuses to replace an existing file (FileExistsError).
- ``Lock(path)`` (``lock_for(target)``: ``.NAME.lock`` beside it) is an exclusive flock on a
  regular file of ours, opened without following a symlink: two processes changing one file
  take turns, so neither loses the other's change.

Where the app may write is the trust check's business (storage/trust.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time

from yibao_tui.storage.trust import UnsafePathError

STALE_AFTER = 3600  # seconds: a temp file of ours this old was left by a killed process
_TOKEN = 8  # random characters in a temp name: .NAME.<token>.tmp
_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class ChangedMeanwhile(OSError):
    """Our file was renamed into place, then replaced by another save of the same user (not a
    swap by someone else): nothing was removed; the later save holds the name."""

    def __init__(self, path):
        from yibao_tui.core.safe import safe

        self.path = os.fspath(path)
        super().__init__(f"{safe(self.path)} was saved again by another of your processes "
                         "meanwhile; that later version is kept")


# ───────────────────────────── the writer ─────────────────────────────

def fsync_dir(d):
    """Make a rename in ``d`` (a path or a directory fd) durable; best effort where unsupported."""
    own = not isinstance(d, int)
    try:
        fd = os.open(d, os.O_RDONLY | _O_CLOEXEC) if own else d
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        if own:
            os.close(fd)


_DIR_FD = {os.open, os.lstat, os.unlink, os.rename, os.link} <= os.supports_dir_fd


class _At:
    """Names in one directory: relative to an fd of it where the OS can (so a parent swapped
    meanwhile cannot redirect us), else by joined path (Windows)."""

    def __init__(self, d):
        self.d = d
        self.fd = os.open(d, os.O_RDONLY | _O_DIRECTORY | _O_CLOEXEC) if _DIR_FD else None

    def close(self):
        if self.fd is not None:
            os.close(self.fd)

    def _p(self, n):
        return n if self.fd is not None else os.path.join(self.d, n)

    def open(self, n, flags, mode):
        return os.open(self._p(n), flags, mode, dir_fd=self.fd)

    def lstat(self, n):
        return os.lstat(self._p(n), dir_fd=self.fd)

    def unlink(self, n):
        os.unlink(self._p(n), dir_fd=self.fd)

    def replace(self, a, b):
        os.replace(self._p(a), self._p(b), src_dir_fd=self.fd, dst_dir_fd=self.fd)

    def link(self, a, b):
        os.link(self._p(a), self._p(b), src_dir_fd=self.fd, dst_dir_fd=self.fd, follow_symlinks=False)

    def listdir(self):
        return os.listdir(self.fd if self.fd is not None else self.d)

    def fsync(self):
        fsync_dir(self.fd if self.fd is not None else self.d)


def _temp_name(base):
    return f".{base}." + "".join(secrets.choice(_TOKEN_CHARS) for _ in range(_TOKEN)) + ".tmp"


def _temp_pattern(base=None):
    b = re.escape(base) if base is not None else r"[^/]+"
    return re.compile(rf"\.{b}\.[{_TOKEN_CHARS}]{{{_TOKEN}}}\.tmp\Z")


def clean_stale(d, base=None, older_than=STALE_AFTER, at=None):
    """Remove temp files of ours left by a killed save: ``.BASE.<token>.tmp`` (any BASE when None)
    that are regular files, owned by us and older than ``older_than`` seconds. Returns the names."""
    pat = _temp_pattern(base)
    me = os.geteuid() if hasattr(os, "geteuid") else None
    now = time.time()
    gone = []
    own = at is None
    try:
        at = at or _At(os.fspath(d))
    except OSError:
        return gone
    try:
        for n in at.listdir():
            if not pat.match(n):
                continue
            with contextlib.suppress(OSError):
                st = at.lstat(n)
                if stat.S_ISREG(st.st_mode) and me in (None, st.st_uid) and now - st.st_mtime > older_than:
                    at.unlink(n)
                    gone.append(n)
    except OSError:
        pass
    finally:
        if own:
            at.close()
    return gone


def _check_dest(at, base, path):
    """None if there is no file yet, else its stat; refuse a symlink or a non-regular file."""
    try:
        st = at.lstat(base)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        raise UnsafePathError(path, "symlink")
    if not stat.S_ISREG(st.st_mode):
        raise UnsafePathError(path, "not_regular")
    return st


def write_private(path, data, *, replace=True):
    """Write ``data`` (bytes or str) to ``path`` with mode 0600, atomically: a temp file of ours in
    the same directory (same file system), fsync, rename, check, fsync the directory.

    Refuses (UnsafePathError, a PermissionError) a destination that is a symlink or not a regular
    file, and removes what it renamed in if the temp file was swapped meanwhile ("swapped").
    ``replace=False`` refuses an existing file with FileExistsError (the export asks first, then
    calls again with ``replace=True``). Stale temp files of ours for this name are removed.
    Never chmods or opens by path after creating: everything is relative to a directory fd.
    """
    path = os.fspath(path)
    base = os.path.basename(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    at = _At(os.path.dirname(path) or ".")
    try:
        clean_stale(None, base, at=at)
        if _check_dest(at, base, path) is not None and not replace:
            raise FileExistsError(f"{path} already exists; not replaced")
        for _ in range(100):
            tmp = _temp_name(base)
            try:
                fd = at.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC
                             | getattr(os, "O_BINARY", 0), 0o600)
                break
            except FileExistsError:
                continue
        else:
            raise FileExistsError(f"{path}: cannot create a temp file")
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # exact, whatever the umask
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            ours = os.fstat(fd)
            _rename(at, tmp, base, replace, path)
            _verify(at, base, ours, path)
        except BaseException:
            with contextlib.suppress(OSError):
                st = at.lstat(tmp)
                if (st.st_dev, st.st_ino) == (os.fstat(fd).st_dev, os.fstat(fd).st_ino):
                    at.unlink(tmp)
            raise
        finally:
            os.close(fd)
        at.fsync()
    finally:
        at.close()
    return path


def _rename(at, tmp, base, replace, path):
    if replace:
        _check_dest(at, base, path)  # again, just before: the narrowest window we can give
        at.replace(tmp, base)
        return
    # No-replace: link(2) fails if the name exists, atomically (renameat2 is not in the stdlib).
    try:
        at.link(tmp, base)
    except FileExistsError:
        raise FileExistsError(f"{path} already exists; not replaced") from None
    except OSError:  # a file system without hard links: check, then rename (best effort)
        if _check_dest(at, base, path) is not None:
            raise FileExistsError(f"{path} already exists; not replaced") from None
        at.replace(tmp, base)
        return
    at.unlink(tmp)


def _verify(at, base, ours, path):
    """The name must now hold the inode we wrote: in a directory others can write to, our temp
    file can be swapped (for a symlink to a victim) between the write and the rename. If so,
    remove what was renamed in (unlink never follows a symlink) and refuse. A regular file of
    our own user there is another of our saves, renamed after ours: it is kept (ChangedMeanwhile)."""
    st = at.lstat(base)
    if os.name != "posix" or (st.st_dev, st.st_ino) == (ours.st_dev, ours.st_ino):
        return
    if stat.S_ISREG(st.st_mode) and st.st_uid == ours.st_uid:
        raise ChangedMeanwhile(path)
    with contextlib.suppress(OSError):
        at.unlink(base)
    raise UnsafePathError(path, "swapped")


# ───────────────────────────── the lock ─────────────────────────────

def lock_for(target):
    """The lock file of ``target``: ``.NAME.lock`` in the same directory."""
    target = os.fspath(target)
    return os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.lock")


class Lock:
    """An exclusive lock held on the file ``path`` (created 0600 when missing) while inside
    ``with``: one per target of a read-modify-write. The file must be a regular file of ours,
    opened without following a symlink (a planted ``.lock`` symlink would otherwise make us
    create a file where it points). Raises UnsafePathError ("symlink", "not_regular",
    "lock_owner") or OSError. Without fcntl (Windows) only the atomic rename protects."""

    def __init__(self, path):
        self.path = os.fspath(path)
        self.fd = None

    def acquire(self):
        flags = os.O_CREAT | os.O_RDWR | _O_NOFOLLOW | _O_CLOEXEC | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError:
            if os.path.islink(self.path):
                raise UnsafePathError(self.path, "symlink") from None
            raise
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise UnsafePathError(self.path, "not_regular")
            if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
                raise UnsafePathError(self.path, "lock_owner", uid=st.st_uid, me=os.geteuid())
            try:
                import fcntl
            except ImportError:
                fcntl = None
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def release(self):
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()
