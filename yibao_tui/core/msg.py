"""A message for a person to read, as data: a catalogue key and its values.

Core code says *what* happened (``Msg("rule.max_ok", n=3, max=10)``); the text layer
(``yibao_tui.text.render``) words it in Chinese or English when it is shown. Nothing here formats:
core stays free of language switches, and an error can be recognised by its key, never by
matching English text.
"""

from __future__ import annotations


class Msg:
    __slots__ = ("args", "key")

    def __init__(self, key, **args):
        self.key = key
        self.args = args

    @classmethod
    def of(cls, v):
        """``v`` as a Msg: a Msg as is, None as None, other text as written ("verbatim")."""
        if v is None or isinstance(v, Msg):
            return v
        return cls("verbatim", s=v if isinstance(v, (dict, tuple)) else str(v))

    def __repr__(self):
        return f"Msg({self.key!r}, {self.args!r})"

    def __eq__(self, other):
        return isinstance(other, Msg) and (self.key, self.args) == (other.key, other.args)

    def __hash__(self):
        return hash((self.key, tuple(sorted(self.args))))


def problem_msg(p, with_file=True):
    """A problem in a file, ``(file, line or None, Msg)`` (the shape every file's problems take:
    the TOML input layer's, the policy checker's, a household's), as one Msg: ``file:line: what``
    (``line N: what`` without the file, for a list already headed by it)."""
    name, line, msg = p
    msg = Msg.of(msg)
    if not with_file:
        return Msg("at_line", line=line, msg=msg) if line else msg
    return (Msg("at_file", file=name, line=line, msg=msg) if line
            else Msg("at_file_noline", file=name, msg=msg))


class MsgError(ValueError):
    """An error a person reads: ``msg`` says why (a Msg). ``str()`` is the key and values, for
    logs; the faces word it with ``text.render(e.msg, lang)``."""

    def __init__(self, msg):
        self.msg = msg
        super().__init__(repr(msg))
