"""A loaded policy (``Policy``), the root of its read-only view, and the error a file that
cannot be used raises."""

from __future__ import annotations

from yibao_tui.core.msg import MsgError, problem_msg
from yibao_tui.core.policy.view import Scheme, replace_rows, rows_at
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
    """One city's policy for one year, validated; the root of its view (view.py).

    The header is plain attributes (``city``, ``year``, ``name`` {zh, en}, ``grades`` and
    ``flags`` {id: {zh, en}}, ``sources``, ``caveats`` …); ``scheme(id)`` opens a scheme.
    ``data`` is the validated TOML itself: for the loader and the view, not for other code."""

    __slots__ = ("_schemes", "caveats", "checked", "city", "data", "draft", "effective", "flags",
                 "grades", "later", "name", "path", "province", "rounding", "scheme_ids", "sha256", "sources",
                 "year")

    def __init__(self, data, path, sha256=None):
        self.data = data
        self.path = path
        self.sha256 = sha256  # hex digest of the file's bytes: an estimate names what it rests on
        self.city = data["city"]
        self.year = data["year"]
        self.name = data["name"]
        self.province = data["province"]
        self.effective = data.get("effective", {})
        self.checked = data.get("checked")
        self.draft = data.get("draft") is True  # ``yibao policies new`` writes drafts: said on every view
        self.rounding = data["rounding"]
        self.sources = data.get("sources", {})
        self.grades = data["grades"]
        self.flags = data.get("flags", {})
        self.caveats = data.get("caveats", [])
        self.scheme_ids = tuple(s for s in SCHEMES if s in data)  # the schemes it describes
        self._schemes = {}
        # The year of the city's next file after this one, where the loader found one
        # (``files.later_year``): a day between the two is said as such (core/policy/years.py).
        self.later = None

    def __repr__(self):
        return f"Policy({self.city!r}, {self.year!r})"

    def scheme(self, scheme_id):
        """The scheme (``employee`` / ``resident``) as a ``view.Scheme``; None if not described."""
        s = self._schemes.get(scheme_id)
        if s is None:
            if scheme_id not in self.scheme_ids:
                return None
            s = self._schemes[scheme_id] = Scheme(self, scheme_id, self.data[scheme_id])
        return s

    def care(self, scheme_id, kind):
        """The care kind ``kind`` of a scheme as a ``view.Care``; None if not defined."""
        s = self.scheme(scheme_id)
        return None if s is None else s.care(kind)

    @property
    def ask(self):
        """``[ask]``: where a resident can ask about a figure ({zh, en, source, quote}), or None."""
        return self.data.get("ask")

    @property
    def binding(self):
        """``[binding]``: the city's rules for 家庭共济 ({rule: row}), or None when its sources
        say nothing of it (core/household/rules.py reads the rules)."""
        return self.data.get("binding")

    def source_title(self, file):
        """The title of a cited source file (what a person reads); the file name when the
        policy lists no title for it (None stays None)."""
        if file is None:
            return None
        return (self.sources.get(file) or {}).get("title") or file

    def rows_at(self, path):
        """The rows of a figure path (``resident.care.inpatient.deductible``), or None."""
        return rows_at(self.data, path)

    def with_rows(self, changes):
        """A copy of this policy with the tables at some paths replaced ({path: rows}): the
        user's supplied figures, a range's corner, a member's adjusted cap. Only the tables on
        the way are copied; this policy is not changed."""
        data = self.data
        for path, rows in changes.items():
            data = replace_rows(data, path, rows)
        out = Policy(data, self.path, self.sha256)
        out.later = self.later
        return out
