"""Policy files: find, parse and strictly validate ``policies/<city>-<year>.toml``.

This package is on the ``yibao estimate`` fast path: it imports only tomllib, decimal and os,
and loads just the city asked for. The schema is documented in ``policies/README.md``.

- ``model``: ``Policy`` (one city's validated policy for a year, the root of its view) and
  ``PolicyError``;
- ``view``: the typed, read-only view every other module reads a policy through (``Scheme``,
  ``Care``, ``SeriousIllness`` …): the TOML layout is known here alone;
- ``select``: the one rule for which row applies (``Where``, ``matches``, ``pick``);
- ``files``: where policy files are and loading one (``find``, ``load``, ``load_city`` …);
- ``validate``: the strict validator; the vocabulary it checks against is ``core.vocab``;
- ``years``: the days a file covers and the one rule for a day no file covers (``year_notices``);
- ``cache``: ``PolicyCache``, the one policy cache (import it from there: it is not loaded here).
"""

from __future__ import annotations

from yibao_tui.core.policy.files import (
           DEFAULT_DIR_ENV,
           bundled_dir,
           cities,
           find,
           later_year,
           load,
           load_city,
           policy_files,
           search_dirs,
)
from yibao_tui.core.policy.model import Policy, PolicyError
from yibao_tui.core.policy.select import ANYONE, Where, matches, pick
from yibao_tui.core.policy.view import Care, Scheme
from yibao_tui.core.vocab import (
           ALL_CATEGORIES,
           CARE_KINDS,
           CATEGORIES,
           CROSS_REGION,
           EDGES,
           FIRST_PAY_PARTS,
           GRADES,
           PERIODS,
           SCHEMES,
           SI_BASES,
)

__all__ = ["ALL_CATEGORIES", "ANYONE", "CARE_KINDS", "CATEGORIES", "CROSS_REGION", "DEFAULT_DIR_ENV",
           "EDGES", "FIRST_PAY_PARTS", "GRADES", "PERIODS", "SCHEMES", "SI_BASES", "Care", "Policy",
           "PolicyError", "Scheme", "Where", "bundled_dir", "cities", "find", "later_year", "load",
           "load_city", "matches", "pick", "policy_files", "search_dirs"]
