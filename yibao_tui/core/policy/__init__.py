"""Policy files: find, parse and strictly validate ``policies/<city>-<year>.toml``.

This package is on the ``yibao estimate`` fast path: it imports only tomllib, decimal and os,
and loads just the city asked for. The schema is documented in ``policies/README.md``.

- ``model``: ``Policy`` (one city's validated policy for a year) and ``PolicyError``;
- ``files``: where policy files are and loading one (``find``, ``load``, ``load_city`` …);
- ``validate``: the strict validator; the vocabulary it checks against is ``core.vocab``;
- ``cache``: ``PolicyCache``, the one policy cache (import it from there: it is not loaded here).
"""

from __future__ import annotations

from yibao_tui.core.policy.files import (
    DEFAULT_DIR_ENV,
    bundled_dir,
    cities,
    find,
    load,
    load_city,
    policy_files,
    search_dirs,
)
from yibao_tui.core.policy.model import Policy, PolicyError
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

__all__ = ["ALL_CATEGORIES", "CARE_KINDS", "CATEGORIES", "CROSS_REGION", "DEFAULT_DIR_ENV", "EDGES",
           "FIRST_PAY_PARTS", "GRADES", "LABELS", "PERIODS", "SCHEMES", "SI_BASES", "Policy",
           "PolicyError", "bundled_dir", "cities", "find", "load", "load_city", "policy_files",
           "search_dirs"]

# Deprecated: the same names are the catalogue's "label.<id>" (text/catalog/labels.py; words them:
# text.term(id, lang) or {x:label}). Kept only until engine, cli and tui stop importing it.
LABELS = {
    "employee": ("职工医保", "employee scheme"),
    "resident": ("城乡居民医保", "resident scheme"),
    "active": ("在职", "active"),
    "retired": ("退休", "retired"),
    "adult": ("成年居民", "adult"),
    "minor": ("未成年人", "minor"),
    "student": ("在校学生", "student"),
    "outpatient": ("普通门诊", "outpatient"),
    "inpatient": ("住院", "inpatient"),
    "chronic": ("门诊慢特病", "chronic outpatient"),
    "two-disease": ("两病门诊用药", "hypertension / diabetes drugs"),
    "emergency": ("急诊抢救", "emergency rescue"),
    "primary": ("基层", "primary"),
    "1": ("一级", "grade 1"),
    "2": ("二级", "grade 2"),
    "3": ("三级", "grade 3"),
    "3-special": ("特三级", "grade 3 special"),
    "registered": ("已备案异地就医", "registered cross-region"),
    "unregistered": ("未备案异地就医", "unregistered cross-region"),
    "long-term": ("长期异地居住", "long-term resident elsewhere"),
    "not-direct": ("应直接结算未直接结算", "not settled directly"),
    "self-referred": ("未办转诊自行异地就医", "self-referred, no transfer"),
    "class_b": ("乙类先行自付", "class-B share paid first"),
    "special_drugs": ("特殊药品先行自付", "special drugs share paid first"),
}
