"""A TOML file the user named on the command line (a claims file, a slip, ``--supplied FILE``),
through the reading door (``storage.reading``): a regular file, bounded, the input layer, then
the caller's schema; any refusal is one UsageError line naming the option or the file, the line
and the value (``file:line: key: what``).
"""

from __future__ import annotations

from yibao_tui.inputs.options import UsageError, shown


def read_toml(path, option, max_bytes=None, schema=None):
    """The document (numbers with a fraction as Decimal), or UsageError. ``max_bytes``: the size
    limit (tomlinput.MAX_BYTES unless given: a claims file of a busy year is bigger);
    ``schema(doc)`` → [(key path, Msg)] as in ``tomlinput.loads``."""
    from yibao_tui.core import tomlinput  # here: a cached policy needs no TOML parser
    from yibao_tui.storage.reading import read_toml as door
    from yibao_tui.storage.trust import UnsafePathError

    try:
        return door(path, limit=max_bytes or tomlinput.MAX_BYTES, schema=schema)
    except FileNotFoundError:
        raise UsageError(f"{option}: no such file: {shown(path)}") from None
    except UnsafePathError as e:  # a place someone else could have changed it: says which
        raise UsageError(f"{option}: {e}") from None
    except OSError as e:
        raise UsageError(f"{option}: cannot read {shown(path)}: {e.strerror or e}") from None
    except tomlinput.TomlInputError as e:
        from yibao_tui.text import render

        more = len(e.problems) - 1
        raise UsageError(render(tomlinput.problem_msg(e.problem), "en")
                         + (f" (and {more} more)" if more else "")) from None
