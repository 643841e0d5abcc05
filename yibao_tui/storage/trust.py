"""The one trust check: may the app use this directory (or a file in it)? ssh's StrictModes for
the places the app keeps files in (docs/trust.md says why and lists who is checked where).

- ``trusted_dir``: a directory we read from or write to: ours, not writable by group or others,
  and so is every parent up to the home directory (a root-owned sticky ``/tmp`` is accepted);
- ``trusted_parent``: may we create a directory in this one;
- ``private_dir``: the directory of one of our files, created 0700 when missing (only inside a
  trusted parent), then ``trusted_dir``.

Refusals are ``UnsafeDirError``/``UnsafePathError`` (PermissionErrors): the path, a ``why`` code
and a message with the path made safe to print (``core.safe``).
"""

from __future__ import annotations

import os
import stat

from yibao_tui.core.safe import safe

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


class UnsafeFileError(UnsafePathError):
    """A file the user named that someone else could have changed (``trusted_file``); not read."""

    doing = "read"


def _explain(path, why, d):
    """The refusal in one line; every path in it made safe to print (``core.safe``)."""
    shown = safe(path)
    via = f" (reached through the symlink {safe(d['link'])})" if d.get("link") else ""
    what = {
        "not_dir": "is not a directory",
        "owner": f"is owned by uid {d.get('uid')}, not by you (uid {d.get('me')})",
        "writable": f"is writable by group or others (mode {d.get('mode')}); "
                    f"fix with: chmod go-w {shown}",
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
    checking = d.get("checking")
    if why in ("owner", "writable", "not_dir", "unreadable") and checking and checking != path:
        return f"{safe(checking)}: refusing to use it: its parent {shown}{via} {what}; {done}"
    return f"{shown}{via}: refusing to use it: it {what}; {done}"


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


def trusted_file(path, uid=None):
    """Refuse (UnsafeFileError) a file the user named — a claims file, a slip, ``--supplied
    FILE``, a household FILE, a policy file — that someone else could have changed: like ssh's
    ``safe_path`` for ``authorized_keys``, after resolving symlinks the file must be owned by the
    user or root and not writable by group or others, and each directory above it (up to the home
    directory or ``/``) owned by the user or root and not writable by group or others — a
    root-owned sticky directory (``/tmp``) is fine: nobody else can replace a file we own in it.
    A missing file is FileNotFoundError (the caller says "no such file"). Returns the real path."""
    if not hasattr(os, "geteuid"):
        return os.path.realpath(path)
    me = os.geteuid() if uid is None else uid
    given = os.fspath(path)
    real, link = _real(given)
    st = os.stat(real)
    if st.st_uid not in (me, 0):
        raise UnsafeFileError(real, "owner", uid=st.st_uid, me=me, link=link)
    if st.st_mode & 0o022:
        raise UnsafeFileError(real, "writable", mode=oct(stat.S_IMODE(st.st_mode)), link=link)
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




def private_dir(d):
    """The directory ``d`` for one of our files: created with its missing parents 0700 when it
    does not exist — only under a parent that passes ``trusted_parent`` — then ``trusted_dir``.
    An existing directory is never chmod-ed. Returns the real path; UnsafeDirError or OSError."""
    d = os.path.abspath(os.fspath(d))
    if not os.path.isdir(d):
        anc = os.path.dirname(d)
        while not os.path.exists(anc) and os.path.dirname(anc) != anc:
            anc = os.path.dirname(anc)
        trusted_parent(anc)  # never create inside a place someone else controls
        make_private_dirs(d)
    return trusted_dir(d)
