"""The one reading door: every file the app reads comes in here, but policy files, which core
reads itself with the same bounded reader (docs/trust.md lists which door each kind takes).

In order, each step refusing before the next runs:

1. trusted location (``storage/trust.py``): a file the app keeps (``kept=True``: households in
   their directory, your supplied figures, a config) must sit in a directory passing
   ``trusted_dir``, and is never read through a symlink; a file the user named (a claims file,
   a slip, ``--supplied FILE``, a household FILE) must pass ``trusted_file``: it and every
   directory above it yours or root's and writable by nobody else (a sticky ``/tmp`` is fine);
2. a bounded read of a regular file (``core/boundedread.py``: no FIFO, no device, at most
   ``limit`` bytes);
3. the input layer (``core/tomlinput.loads``: UTF-8, size, depth, key parts, control characters,
   finite numbers within a magnitude);
4. a schema check (``schema(doc)`` → [(key path, Msg)]), each problem located by line, so every
   refusal reads ``file:line: key: what``.

Errors: FileNotFoundError; ``trust.UnsafePathError`` (a PermissionError: an untrusted place);
``boundedread.ReadRefused`` (an OSError: a symlink, not a regular file, too big); another
OSError; ``tomlinput.TomlInputError`` (the input layer's and the schema's problems, by line).
Nothing here is ever written: a file that fails is left as it is.
"""

from __future__ import annotations

import os

from yibao_tui.core import tomlinput
from yibao_tui.core.boundedread import ReadRefused, read_bounded
from yibao_tui.core.safe import safe

__all__ = ["ReadRefused", "read_bytes", "read_toml", "shown_name"]

NAME_SHOWN = 200  # characters of a file name in a problem line


def shown_name(path):
    """The file name as problems print it: made safe (``core.safe``), at most NAME_SHOWN."""
    return safe(os.path.basename(os.fspath(path)), NAME_SHOWN)


def read_bytes(path, limit, *, kept=False, nofollow=False):
    """(bytes, stat) of the file at ``path``: steps 1 and 2 above. ``kept``: a file the app keeps
    (its directory must pass the trust check; never through a symlink). ``nofollow``: refuse a
    final symlink for a file the user named too (a household: saving it would refuse it)."""
    from yibao_tui.storage import trust

    if kept:
        trust.trusted_dir(os.path.dirname(os.path.abspath(os.fspath(path))))
    else:  # named by the user: judged as ssh judges authorized_keys (docs/trust.md)
        trust.trusted_file(path)
    return read_bounded(path, limit, nofollow=kept or nofollow)


def read_toml(path, *, limit=tomlinput.MAX_BYTES, kept=False, nofollow=False, name=None,
              single_line_keys=(), schema=None):
    """The TOML document at ``path`` through all four steps (numbers with a fraction as Decimal).
    ``name``: the file as problems name it (default ``shown_name(path)``); ``single_line_keys``
    and ``schema`` as in ``tomlinput.loads``."""
    raw, _st = read_bytes(path, limit, kept=kept, nofollow=nofollow)
    return tomlinput.loads(raw, name or shown_name(path), max_bytes=limit,
                           single_line_keys=single_line_keys, schema=schema)
