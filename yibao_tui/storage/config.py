"""The user's settings for the app: a theme and a keymap, in one TOML file.

- Where: ``$YIBAO_CONFIG`` (a file), else ``<user config dir>/config.toml`` (platformdirs:
  ``~/.config/yibao-tui/config.toml`` on Linux). ``yibao docs config`` describes it.
- Read through the reading door (trusted directory, bounded, the TOML input layer, the schema
  below); written through the writing door (0600 in a 0700 directory, atomic) under the file's
  lock. A file that fails is reported and never written: the app then runs on its defaults.

::

    theme = "textual-light"          # any theme the palette's "theme" lists

    [keymap]                         # binding id = keys, comma separated (yibao docs config)
    "household.save" = "ctrl+s,w"
    "breakdown.compare" = "x"
"""

from __future__ import annotations

import os

from yibao_tui.core.msg import Msg

ENV = "YIBAO_CONFIG"
APP = "yibao-tui"
MAX_BYTES = 64 * 1024
HEADER = "# yibao-tui settings. Format: `yibao docs config`.\n"


class ConfigError(Exception):
    """The config file cannot be used: ``path`` and ``why`` (a Msg); it is left as it is."""

    def __init__(self, path, why):
        super().__init__(f"{path}: {why!r}")
        self.path, self.why = path, why


def config_path(override=None):
    if override:
        return os.fspath(override)
    if os.environ.get(ENV):
        return os.environ[ENV]
    import platformdirs  # not on the estimate path: only the app reads its config

    return os.path.join(platformdirs.user_config_dir(APP), "config.toml")


def schema(doc):
    """[(key path, Msg why)]: ``theme`` a string, ``keymap`` a table of strings; nothing else."""
    for k, v in doc.items():
        if k == "theme":
            if not isinstance(v, str):
                return [((k,), Msg("config.file.str"))]
        elif k == "keymap":
            if not isinstance(v, dict):
                return [((k,), Msg("config.file.keymap"))]
            for b, keys in v.items():
                if not isinstance(keys, str) or not keys.strip():
                    return [((k, b), Msg("config.file.keys"))]
        else:
            return [((k,), Msg("config.file.key"))]
    return []


def read(path=None):
    """The settings as a dict ({} when there is no file); ConfigError when the file cannot be
    used (an untrusted directory, a symlink, not TOML, a wrong type)."""
    path = config_path(path)
    if not os.path.lexists(path):
        return {}
    from yibao_tui.core.tomlinput import TomlInputError, problem_msg
    from yibao_tui.storage.reading import read_toml

    try:
        return read_toml(path, limit=MAX_BYTES, kept=True, schema=schema)
    except TomlInputError as e:
        raise ConfigError(path, problem_msg(e.problem)) from None
    except OSError as e:
        raise ConfigError(path, e.strerror or str(e)) from None


def dumps(doc):
    import tomli_w

    return HEADER + tomli_w.dumps({k: doc[k] for k in ("theme", "keymap") if k in doc})


def update(**changes):
    """Set top-level settings (``theme="…"``) keeping the rest of the file, under its lock;
    ConfigError (nothing written) when the file on disk cannot be read."""
    from yibao_tui.storage import files, trust

    path = config_path()
    try:
        trust.private_dir(os.path.dirname(os.path.abspath(path)))
        lock = files.Lock(files.lock_for(path)).acquire()
    except OSError as e:
        raise ConfigError(path, e.strerror or str(e)) from None
    try:
        doc = read(path)
        doc.update(changes)
        try:
            files.write_private(path, dumps(doc))
        except OSError as e:
            raise ConfigError(path, e.strerror or str(e)) from None
        return doc
    finally:
        lock.release()
