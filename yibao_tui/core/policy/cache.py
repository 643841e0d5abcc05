"""The one policy cache: each city's file loaded once, for a year or the newest.

Used by the wizard (newest policy of every city), households (the policy for the household's
year) and ``yibao ask``. A city that has no usable file gets None from ``get`` and its reason, a
``Msg``, in ``errors``.
"""

from __future__ import annotations

import os

from yibao_tui.core.msg import Msg, problem_msg
from yibao_tui.core.policy import (
    PolicyError,
    cities,
    find,
    later_year,
    load,
    policy_files,
    search_dirs,
)


class PolicyCache:
    def __init__(self, dirs=None, year=None, fill=None):
        self.dirs = search_dirs() if dirs is None else list(dirs)
        self.year = year  # None: the newest file of each city
        # fill(policy) -> policy: the user's own supplied figures filled in on load (a face
        # passes ``storage.supplied.fill``; core reads no user file). ``refresh`` after a change.
        self.fill = fill
        self.errors = {}  # city -> Msg: why it has no policy
        self._loaded = {}  # city -> Policy or None (filled)
        self._raw = {}  # city -> Policy or None, before the fill
        self._failed = {}  # city -> (file name, [problems])

    def get(self, city, filled=True):
        """The city's policy, the user's figures filled in (``filled=False``: as the file has it,
        for a caller that fills its own figures first: a household's ``[[supplied]]``)."""
        if city not in self._loaded:
            p = None
            found = find(city, self.year, self.dirs)
            if found is None:
                known = sorted(cities(self.dirs))
                self.errors[city] = Msg("policy.none", city=city,
                                        known=", ".join(known) if known else Msg("none"))
            else:
                try:
                    p = load(found[0])
                    p.later = later_year(city, found[1], self.dirs)  # said for a day between
                    self._raw[city] = p
                    if self.fill is not None:
                        p = self.fill(p)
                except PolicyError as e:
                    self.errors[city] = Msg("policy.bad", why=Msg(
                        "joined", parts=[problem_msg(x) for x in e.problems]))
                    self._failed[city] = (os.path.basename(found[0]), e.problems)
            self._loaded[city] = p
        return self._loaded[city] if filled else self._raw.get(city)

    def refresh(self):
        """Forget what was loaded (the user's supplied figures changed): the next ``get`` loads
        and fills again."""
        self._loaded.clear()
        self._raw.clear()
        self._failed.clear()
        self.errors.clear()

    def cities(self):
        """Every city with a policy file in the search dirs, in order."""
        return sorted({c for c, _y in policy_files(self.dirs)})

    @property
    def policies(self):
        """{city: Policy} for every city whose file loads, in city order."""
        out = {}
        for city in self.cities():
            p = self.get(city)
            if p is not None:
                out[city] = p
        return out

    def failed(self):
        """[(file name, [problems])] of the files that do not load (all cities are tried); a
        problem is (file, line or None, Msg), as ``PolicyError.problems``."""
        self.policies  # noqa: B018 (loads every city, collecting failures)
        return [self._failed[c] for c in self.cities() if c in self._failed]
