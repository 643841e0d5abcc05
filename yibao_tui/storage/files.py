"""Private, atomic writes: the app runs on shared servers, and a save must never half-happen."""

from __future__ import annotations

import contextlib
import os
import tempfile


def write_private(path, data):
    """Write ``data`` (bytes or str) to ``path`` with mode 0600: a temp file in the same
    directory (so the rename stays on one file system), fsync, then an atomic rename."""
    path = os.fspath(path)
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:  # mkstemp creates the file 0600 already; chmod guards against an odd umask handling
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
