"""The one bounded reader: the bytes of a regular file, at most a limit, never blocking.

Every file the app reads comes through here — policy files from core (core/policy/files.load),
everything else through storage's reading door (storage/reading.py), which puts the trust check
in front. Stdlib only: it is on the ``yibao estimate`` fast path.

- opened with O_NONBLOCK and checked with ``fstat`` on the descriptor: a FIFO or device named
  ``x.toml`` cannot hang the app, and what is checked is what is read;
- ``nofollow``: a final symlink is refused (O_NOFOLLOW), for files the app keeps itself;
- at most ``limit`` bytes, read to EOF (not to the size ``fstat`` gave: the file may grow).
"""

from __future__ import annotations

import errno
import os
import stat

_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
          | getattr(os, "O_BINARY", 0))
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CHUNK = 1 << 16
_WORDS = {"symlink": "is a symbolic link", "not_regular": "not a regular file",
          "too_big": "over {limit} bytes"}


class ReadRefused(OSError):
    """A file the reader will not read. ``why``: "symlink" (with ``nofollow``), "not_regular"
    (a FIFO, device or directory) or "too_big" (over ``limit`` bytes); ``path`` and ``limit``.
    An OSError whose ``strerror`` says why in plain English, so a caller that only catches
    OSError still reports it."""

    def __init__(self, path, why, limit=None):
        code = {"symlink": errno.ELOOP, "too_big": errno.EFBIG}.get(why, errno.EINVAL)
        super().__init__(code, _WORDS.get(why, why).format(limit=limit))
        self.path = os.fspath(path)
        self.why = why
        self.limit = limit


def read_bounded(path, limit, *, nofollow=False):
    """(bytes, stat of the descriptor) of the regular file at ``path``, at most ``limit`` bytes.

    Raises FileNotFoundError, ReadRefused, or another OSError (permission, I/O)."""
    try:
        fd = os.open(path, _FLAGS | (_O_NOFOLLOW if nofollow else 0))
    except OSError as e:
        if nofollow and e.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
            raise ReadRefused(path, "symlink") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadRefused(path, "not_regular")
        if st.st_size > limit:
            raise ReadRefused(path, "too_big", limit)
        chunks, n = [], 0
        while n <= limit:
            b = os.read(fd, min(_CHUNK, limit + 1 - n))
            if not b:
                break
            chunks.append(b)
            n += len(b)
        if n > limit:
            raise ReadRefused(path, "too_big", limit)
        return b"".join(chunks), st
    finally:
        os.close(fd)
