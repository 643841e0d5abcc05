"""Private, atomic writes and the directory trust check: the app runs on shared servers, a save
must never half-happen, and a directory someone else controls must never steer where we write.

The rules (docs/trust.md says why):
- ``write_private`` works relative to an fd of the directory, creates its temp file itself with
  O_CREAT|O_EXCL|O_NOFOLLOW (0600, set on the fd), refuses a destination that is a symlink or not a
  regular file, checks after the rename that the name holds the inode it wrote, and fsyncs the
  directory. ``replace=False`` refuses to replace an existing file (FileExistsError).
- ``trusted_dir`` is ssh's StrictModes for the directories the app keeps files in.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time

STALE_AFTER = 3600  # seconds: a temp file of ours this old was left by a killed process
_TOKEN = 8  # random characters in a temp name: .NAME.<token>.tmp
_TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class UnsafePathError(PermissionError):
    """A path we refuse to use: ``path`` and ``why`` (a code), ``detail`` (values for the message).

    A PermissionError, so a face that already catches OSError around a write shows it.
    ``why``: "not_dir", "owner", "writable", "symlink", "not_regular", "swapped".
    """

    doing = None  # what was refused, for the message: "read", "dir", else a write

    def __init__(self, path, why, **detail):
        self.path = os.fspath(path)
        self.why = why
        self.detail = detail
        super().__init__(_explain(self.path, why, {"doing": self.doing, **detail}))


class UnsafeDirError(UnsafePathError):
    """A directory that fails the trust check (``trusted_dir``); nothing was read or written."""

    doing = "dir"


def _explain(path, why, d):
    via = f" (reached through the symlink {d['link']})" if d.get("link") else ""
    what = {
        "not_dir": "is not a directory",
        "owner": f"is owned by uid {d.get('uid')}, not by you (uid {d.get('me')})",
        "writable": f"is writable by group or others (mode {d.get('mode')}); "
                    f"fix with: chmod go-w {path}",
        "symlink": "is a symbolic link, which the app never follows",
        "not_regular": "is not a regular file (a FIFO, device or directory)",
        "too_big": f"is bigger than {d.get('limit')} bytes",
        "unreadable": f"cannot be examined ({d.get('err')})",
        "lock_owner": f"is owned by uid {d.get('uid')}, not by you (uid {d.get('me')})",
        "swapped": "was replaced while it was being written (another user can write to this "
                   "directory); the replacement was removed",
    }.get(why, why)
    done = {"read": "not read", "dir": "nothing was read or written"}.get(d.get("doing"),
                                                                     "nothing was written")
    if why in ("owner", "writable", "not_dir", "unreadable") and d.get("checking") and d["checking"] != path:
        return f"{d['checking']}: refusing to use it: its parent {path}{via} {what}; {done}"
    return f"{path}{via}: refusing to use it: it {what}; {done}"


# ───────────────────────────── the trust check ─────────────────────────────

def _home():
    h = os.path.expanduser("~")
    try:
        return os.path.realpath(h) if os.path.isabs(h) else None
    except OSError:
        return None


def trusted_dir(d, uid=None):
    """Refuse (UnsafeDirError) a directory we would keep files in unless, like ssh's StrictModes
    (OpenSSH ``safe_path``): after resolving symlinks it is a directory owned by the user and not
    writable by group or others; and each parent up to the user's home (inclusive) or ``/`` is
    owned by the user or root and not writable by group or others — except a root-owned sticky
    directory (``/tmp``), where nobody else can rename or remove what we own. Returns the real path.
    Without POSIX ownership (Windows) there is nothing to check.
    """
    if not hasattr(os, "geteuid"):
        return os.path.realpath(d)
    me = os.geteuid() if uid is None else uid
    given = os.fspath(d)
    real, link = _real(given)
    st = _stat_dir(real, given, link)
    if st.st_uid != me:
        raise UnsafeDirError(real, "owner", uid=st.st_uid, me=me, link=link)
    if st.st_mode & 0o022:
        raise UnsafeDirError(real, "writable", mode=oct(stat.S_IMODE(st.st_mode)), link=link)
    _parents(real, me, real, link, first=os.path.dirname(real))
    return real


def trusted_parent(d, uid=None):
    """The parent rules of ``trusted_dir`` for ``d`` itself and its parents: may we create a
    directory in ``d``? (A root-owned sticky ``/tmp`` is fine: nobody else can replace what we
    create in it.) Returns the real path."""
    if not hasattr(os, "geteuid"):
        return os.path.realpath(d)
    me = os.geteuid() if uid is None else uid
    given = os.fspath(d)
    real, link = _real(given)
    _stat_dir(real, given, link)
    _parents(real, me, real, link, first=real)
    return real


def _real(given):
    real = os.path.realpath(given)
    return real, (given if os.path.abspath(given) != real else None)


def _stat_dir(real, given, link):
    try:
        st = os.stat(real)
    except OSError:
        raise UnsafeDirError(given, "not_dir", link=link) from None
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafeDirError(given, "not_dir", link=link)
    return st


def _parents(real, me, checking, link, first):
    """Check ``first`` and each directory above it, up to the home directory or ``/``."""
    home = _home()
    p = first
    while True:
        try:
            pst = os.stat(p)
        except OSError as e:
            raise UnsafeDirError(p, "unreadable", err=e.strerror, checking=checking, link=link) from None
        if pst.st_uid not in (me, 0):
            raise UnsafeDirError(p, "owner", uid=pst.st_uid, me=me, checking=checking, link=link)
        sticky_root = pst.st_uid == 0 and pst.st_mode & stat.S_ISVTX
        if pst.st_mode & 0o022 and not sticky_root:
            raise UnsafeDirError(p, "writable", mode=oct(stat.S_IMODE(pst.st_mode)), checking=checking,
                                 link=link)
        parent = os.path.dirname(p)
        if p == home or parent == p:
            return
        p = parent


def make_private_dirs(d):
    """Create ``d`` and its missing parents with mode 0700 whatever the umask (mkdir, then fchmod
    each level we created). Existing levels are left as they are. Returns the list created."""
    d = os.path.abspath(os.fspath(d))
    missing = []
    p = d
    while not os.path.lexists(p):
        missing.append(p)
        parent = os.path.dirname(p)
        if parent == p:
            break
        p = parent
    made = []
    for p in reversed(missing):
        try:
            os.mkdir(p, 0o700)
        except FileExistsError:
            continue  # made meanwhile by someone else: the trust check judges it
        if hasattr(os, "fchmod"):  # POSIX: exact, whatever the umask; on the fd, not by path
            fd = os.open(p, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC)
            try:
                os.fchmod(fd, 0o700)
            finally:
                os.close(fd)
        made.append(p)
    return made


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
    remove what was renamed in (unlink never follows a symlink) and refuse."""
    st = at.lstat(base)
    if os.name == "posix" and (st.st_dev, st.st_ino) != (ours.st_dev, ours.st_ino):
        with contextlib.suppress(OSError):
            at.unlink(base)
        raise UnsafePathError(path, "swapped")
