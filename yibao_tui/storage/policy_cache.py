"""The parsed-policy cache: a policy file's validated contents, kept by the sha256 of its name and bytes, so
``yibao estimate`` (and the app's first frame) need not parse and check the TOML every run.

- Where: ``$YIBAO_CACHE`` (a directory; ``off`` or empty: no cache), else ``<user cache
  dir>/policies`` (XDG's ``~/.cache/yibao-tui`` worked out without platformdirs on Linux and the
  BSDs, as ``storage.supplied.data_dir``).
- Kept by the households' trust rules: the directory is made 0700 and must pass
  ``trust.trusted_dir``; an entry is read only if it is a regular file of ours, 0600, never
  through a symlink (``core.boundedread``); written through the writing door
  (``files.write_private``: atomic, 0600).
- An entry holds its format, the code's stamp (the tool's version and the policy code's file
  times: an edited validator never reads an entry an older one wrote), the file's digest and the
  data. Unpickled with only ``Decimal`` and ``date`` allowed; anything else — a corrupt, foreign,
  truncated or stale entry — is ignored (the file is parsed and checked as if there were no
  cache) and replaced, never trusted.
"""

from __future__ import annotations

import os
import stat
import sys

ENV = "YIBAO_CACHE"
APP = "yibao-tui"  # as storage.store.APP
FORMAT = 1
MAX_BYTES = 4 << 20
_ALLOWED = {("decimal", "Decimal"), ("datetime", "date")}


def cache_dir():
    """The cache directory, or None when the user turned the cache off (``YIBAO_CACHE=off``)."""
    given = os.environ.get(ENV)
    if given is not None:
        given = given.strip()
        return None if given in ("", "off") else given
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return os.path.join(base, APP, "policies")
    import platformdirs

    return os.path.join(platformdirs.user_cache_dir(APP), "policies")


def code_stamp():
    """The tool's version and the modification times of the code that parses and checks a
    policy file (core/policy, the input layer, the vocabulary): an entry made by other code is
    not used."""
    from yibao_tui import __version__
    from yibao_tui.core import policy

    here = os.path.dirname(policy.__file__)
    core = os.path.dirname(here)
    names = [os.path.join(here, n) for n in os.listdir(here) if n.endswith(".py")]
    sections = os.path.join(here, "sections")
    names += [os.path.join(sections, n) for n in os.listdir(sections) if n.endswith(".py")]
    names += [os.path.join(core, n) for n in ("tomlinput.py", "tomlscan.py", "vocab.py")]
    return (__version__, FORMAT, tuple(sorted((os.path.basename(n), os.stat(n).st_mtime_ns)
                                              for n in names)))


class ParsedPolicies:
    """``get(digest)`` → the validated data of the policy file with that sha256, or None;
    ``put(digest, data)`` keeps it. Never raises: a cache that cannot be used is no cache."""

    def __init__(self, d):
        self.dir = d
        self._stamp = None

    @property
    def stamp(self):
        if self._stamp is None:
            self._stamp = code_stamp()
        return self._stamp

    def path(self, digest):
        return os.path.join(self.dir, f"{digest}.pickle")

    def get(self, digest):
        try:
            return self._read(digest)
        except Exception:  # corrupt, foreign, stale, unreadable: ignored, never trusted
            return None

    def _read(self, digest):
        from yibao_tui.core.boundedread import read_bounded
        from yibao_tui.storage.trust import trusted_dir

        trusted_dir(self.dir)
        raw, st = read_bounded(self.path(digest), MAX_BYTES, nofollow=True)
        if hasattr(os, "geteuid") and (st.st_uid != os.geteuid() or stat.S_IMODE(st.st_mode) & 0o077):
            return None
        fmt, stamp, got, data = _loads(raw)
        if fmt != FORMAT or got != digest or stamp != self.stamp or not isinstance(data, dict):
            return None
        return data

    def put(self, digest, data):
        try:
            import pickle

            from yibao_tui.storage.files import write_private
            from yibao_tui.storage.trust import private_dir

            private_dir(self.dir)
            write_private(self.path(digest), pickle.dumps((FORMAT, self.stamp, digest, data),
                                                          protocol=4))
        except Exception:  # a cache that cannot be written: the next run parses again
            return


def _loads(raw):
    """Unpickle ``raw`` allowing only Decimal and date (an entry holds plain TOML data)."""
    import io
    from _pickle import Unpickler

    class Plain(Unpickler):
        def find_class(self, module, name):
            if (module, name) not in _ALLOWED:
                raise ValueError(f"{module}.{name} is not allowed in a policy cache")
            return super().find_class(module, name)

    return Plain(io.BytesIO(raw)).load()


def parsed_policies():
    """The cache for this run (``core.policy.files.use_cache`` takes it), or None when off."""
    d = cache_dir()
    return None if d is None else ParsedPolicies(d)
