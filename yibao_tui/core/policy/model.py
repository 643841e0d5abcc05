"""A loaded policy (``Policy``) and the error a file that cannot be used raises."""

from __future__ import annotations

from yibao_tui.core.msg import MsgError, problem_msg
from yibao_tui.core.vocab import SCHEMES


class PolicyError(MsgError):
    """A policy file that cannot be used. ``problems``: every (file, line or None, Msg) found,
    the shape of the TOML input layer's problems (the checker's Msg is ``check.at``: the key
    path and what is wrong); ``msg`` is the first as one Msg (``file:line: key: what``). The
    faces word them: ``text.render(core.msg.problem_msg(p), lang)``."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(problem_msg(self.problems[0]) if self.problems else None)


class Policy:
    """One city's policy for one year, validated. Figures stay in plain dicts and lists."""

    __slots__ = ("caveats", "checked", "city", "data", "effective", "flags", "grades", "name",
                 "path", "province", "rounding", "schemes", "sources", "year")

    def __init__(self, data, path):
        self.data = data
        self.path = path
        self.city = data["city"]
        self.year = data["year"]
        self.name = data["name"]
        self.province = data["province"]
        self.effective = data.get("effective", {})
        self.checked = data.get("checked")
        self.rounding = data["rounding"]
        self.sources = data.get("sources", {})
        self.grades = data["grades"]
        self.flags = data.get("flags", {})
        self.caveats = data.get("caveats", [])
        self.schemes = {s: data[s] for s in SCHEMES if s in data}

    def source_title(self, file):
        """The title of a cited source file (what a person reads); the file name when the
        policy lists no title for it (None stays None)."""
        if file is None:
            return None
        return (self.sources.get(file) or {}).get("title") or file

    def care(self, scheme, care):
        return self.schemes[scheme]["care"][care]


