"""A typed, read-only view of a validated policy: the only code that knows the TOML layout.

``Policy`` (model.py) is the root: ``policy.scheme("resident")`` is a ``Scheme``;
``scheme.care("inpatient")`` a ``Care``; their tables are rows (validated dicts: a figure with
its ``source``, ``quote`` and ``note``) picked by the one selector rule (select.py). Nodes are
made on first use and kept, and so is the row each table gives for a ``Where`` (a year of
100,000 visits asks the same few questions): reading costs a dict lookup, nothing is copied.
Rows are shared with the policy: read them, never change them (``Policy.with_rows`` makes a
changed copy, with a fresh view).

A figure's *path* names a table of rows as the engine's ``missing`` names and ``[[supplied]]``
entries do: ``resident.care.inpatient.deductible``, ``resident.fund_cap``,
``resident.serious_illness.cap``.
"""

from __future__ import annotations

from yibao_tui.core.policy.select import ANYONE, pick
from yibao_tui.core.vocab import CARE_KINDS, CROSS_REGION

MappingProxyType = type(type.__dict__)  # types.MappingProxyType, without importing types

REMEMBER = 4096  # answers a node keeps (bounded: dated lookups will add the date to the key)


# The tables of rows each node has (policies/README.md gives their row keys); asking for
# another name is a KeyError, never a silent empty table.
SCHEME_TABLES = frozenset({"fund_cap", "cross_region", "premium", "grants", "optional_plans"})
CARE_TABLES = frozenset({"deductible", "rate", "cap", "first_pay", "repeat_stays",
                         "deductible_exempt", "deductible_once_a_year"})
SI_TABLES = frozenset({"threshold", "rate", "cap"})


def _table(node, name, names):
    if name not in names:
        raise KeyError(f"no table {name!r} here (tables: {', '.join(sorted(names))})")
    return node.get(name, ())


def _remember(memo, key, value):
    if len(memo) >= REMEMBER:
        memo.clear()
    memo[key] = value
    return value


class Scheme:
    """One scheme (职工医保 ``employee`` / 居民医保 ``resident``) of a policy."""

    __slots__ = ("_care", "_kinds", "_memo", "_sections", "_t", "categories", "id", "label",
                 "policy")

    def __init__(self, policy, scheme_id, table):
        self.policy = policy
        self.id = scheme_id
        self.label = table["label"]  # {zh, en}
        self.categories = tuple(table["categories"])
        self._t = table
        self._care = {}  # kind -> Care, made on first use
        self._kinds = {}  # category -> the care kinds it may use
        self._sections = {}  # serious_illness, enrolment … -> view or None
        self._memo = {}  # (what, key) -> answer

    def __repr__(self):
        return f"Scheme({self.policy.city!r}, {self.id!r})"

    # ── care kinds ──

    def care(self, kind):
        """The care kind ``kind`` (``inpatient`` …) as this scheme defines it, or None."""
        c = self._care.get(kind)
        if c is None:
            t = self._t["care"].get(kind)
            if t is None:
                return None
            c = self._care[kind] = Care(self, kind, t)
        return c

    @property
    def care_ids(self):
        """Every care kind the scheme defines, in the file's order."""
        return tuple(self._t["care"])

    def care_kinds(self, category=None):
        """THE rule for the care kinds a category may use: those the scheme defines whose
        ``categories`` (absent: all the scheme's) hold ``category``, in the glossary's order.
        ``category`` None: every care kind defined. The engine's check refuses a claim for a
        care kind not listed here; every face offers exactly these."""
        kinds = self._kinds.get(category)
        if kinds is None:
            kinds = self._kinds[category] = tuple(
                k for k in CARE_KINDS if k in self._t["care"]
                and (category is None or self.care(k).allows(category)))
        return kinds

    # ── scheme-wide tables ──

    def rows(self, table):
        """A scheme-level table of rows: ``fund_cap``, ``cross_region``, ``premium``, ``grants``,
        ``optional_plans`` (empty when the file has none)."""
        return tuple(_table(self._t, table, SCHEME_TABLES))

    def fund_cap(self, kind):
        """The fund's annual cap (统筹基金年度最高支付限额) shared by ``kind``, as (index, row);
        (None, None) when no cap covers it."""
        hit = self._memo.get(("fund_cap", kind))
        if hit is None:
            hit = next(((i, r) for i, r in enumerate(self._t.get("fund_cap", ()))
                        if kind in r["covers"]), (None, None))
            _remember(self._memo, ("fund_cap", kind), hit)
        return hit

    def cross_region(self, status, where=ANYONE):
        """The cross-region row (异地就医) for ``status``, or None: a status with no row is
        unknown."""
        key = ("cross_region", status, where.key)
        hit = self._memo.get(key)
        if hit is None:
            rows = [r for r in self._t.get("cross_region", ()) if r["status"] == status]
            hit = _remember(self._memo, key, pick(rows, where))
        return hit[1]

    @property
    def cross_region_statuses(self):
        """The statuses this scheme gives a row for, in the vocabulary's order."""
        listed = {r["status"] for r in self._t.get("cross_region", ())}
        return tuple(s for s in CROSS_REGION if s in listed)

    def _section(self, key, make):
        if key not in self._sections:
            t = self._t.get(key)
            self._sections[key] = None if t is None else make(t)
        return self._sections[key]

    @property
    def serious_illness(self):
        """大病保险 as a ``SeriousIllness``, or None where the source describes none."""
        return self._section("serious_illness", SeriousIllness)

    # Enrolment and household sections: their views load only when read (not on the estimate's
    # fast path).

    @property
    def enrolment(self):
        """``[<scheme>.enrolment]`` (window, cover rules, situations) as ``Enrolment``, or None."""
        from yibao_tui.core.policy.view_sections import Enrolment

        return self._section("enrolment", Enrolment)

    @property
    def personal_account(self):
        """``[employee.personal_account]`` as ``PersonalAccount``, or None."""
        from yibao_tui.core.policy.view_sections import PersonalAccount

        return self._section("personal_account", PersonalAccount)

    @property
    def si_adjustments(self):
        """烟台's serious-illness cap adjustments as ``SiAdjustments``, or None."""
        from yibao_tui.core.policy.view_sections import SiAdjustments

        return self._section("serious_illness_adjustments", SiAdjustments)


class Care:
    """One care kind of a scheme: where it is paid (``grades``), who may use it
    (``categories``, None: every category of the scheme), its diseases and figure tables."""

    __slots__ = ("_memo", "_t", "categories", "disease_required", "diseases", "grades", "id",
                 "label", "scheme")

    def __init__(self, scheme, kind, table):
        self.scheme = scheme
        self.id = kind
        self._t = table
        self.label = table["label"]  # {zh, en}
        self.grades = tuple(table["grades"])
        cats = table.get("categories")
        self.categories = None if cats is None else tuple(cats)
        self.diseases = MappingProxyType(table.get("diseases", {}))  # id -> {zh, en}
        self.disease_required = bool(table.get("disease_required"))
        self._memo = {}  # (table, where.key) -> (index, row)

    def __repr__(self):
        return f"Care({self.scheme.policy.city!r}, {self.scheme.id!r}, {self.id!r})"

    def allows(self, category):
        """Whether ``category`` may use this care kind (the rule ``Scheme.care_kinds`` lists)."""
        cats = self.categories if self.categories is not None else self.scheme.categories
        return category in cats

    def rows(self, table):
        """A figure table: ``deductible``, ``rate``, ``cap``, ``first_pay``, ``repeat_stays``,
        ``deductible_exempt``, ``deductible_once_a_year`` (empty when the file has none)."""
        return tuple(_table(self._t, table, CARE_TABLES))

    def has(self, table):
        """Whether the care kind has any row in ``table``."""
        return bool(_table(self._t, table, CARE_TABLES))

    def pick(self, table, where):
        """The first row of ``table`` for ``where`` as (index, row); (None, None) if none."""
        key = (table, where.key)
        hit = self._memo.get(key)
        if hit is None:
            hit = _remember(self._memo, key, pick(_table(self._t, table, CARE_TABLES), where))
        return hit

    def first(self, table, where):
        """The first row of ``table`` for ``where``, or None."""
        key = (table, where.key)
        hit = self._memo.get(key)
        if hit is None:
            hit = _remember(self._memo, key, pick(_table(self._t, table, CARE_TABLES), where))
        return hit[1]

    def first_pay(self, part, where):
        """The first-paid share row (先行自付) of ``part`` (class_b, special_drugs), or None."""
        key = ("first_pay", part, where.key)
        hit = self._memo.get(key)
        if hit is None:
            rows = [r for r in self._t.get("first_pay", ()) if r["part"] == part]
            hit = _remember(self._memo, key, pick(rows, where))
        return hit[1]

    def rate(self, where):
        """(rule, row): the rate row in effect for ``where``. ``rule`` is the row that sends the
        rate to another care kind's rows (辽阳 chronic "按住院比例", ``same_as``), else None."""
        row = self.first("rate", where)
        if row is not None and "same_as" in row:
            return row, self.scheme.care(row["same_as"]).first("rate", where)
        return None, row

    def repeat_stay(self, n):
        """The rule for the ``n``-th stay of the year (烟台: 2nd × 0.5, 3rd on 100), or None."""
        for r in self._t.get("repeat_stays", ()):
            if r.get("stay") == n or ("stay_from" in r and n >= r["stay_from"]):
                return r
        return None


class SeriousIllness:
    """大病保险: what it ``covers`` (care kinds), what counts toward its ``base``, and its
    ``threshold``, ``rate`` and ``cap`` rows. ``row`` is the table itself, cited where a step
    rests on it (its note says what the base counts)."""

    __slots__ = ("_memo", "base", "covers", "note", "row")

    def __init__(self, table):
        self.row = table
        self._memo = {}  # (name, where.key) -> (index, row)
        self.covers = tuple(table["covers"])
        self.base = tuple(table["base"])
        self.note = table.get("note")

    def rows(self, name):
        return tuple(_table(self.row, name, SI_TABLES))

    def pick(self, name, where):
        """The first ``threshold`` / ``rate`` / ``cap`` row for ``where`` as (index, row)."""
        key = (name, where.key)
        hit = self._memo.get(key)
        if hit is None:
            hit = _remember(self._memo, key, pick(_table(self.row, name, SI_TABLES), where))
        return hit

    def first(self, name, where):
        """The first ``threshold`` / ``rate`` / ``cap`` row for ``where``, or None."""
        return self.pick(name, where)[1]


# ── figure paths ──

def path_keys(path):
    """The keys of a figure path: ``resident.care.inpatient.deductible`` → resident, care,
    inpatient, deductible (a care kind's id may hold a hyphen, never a dot)."""
    scheme, _, rest = path.partition(".")
    return [scheme, *rest.split(".")]


def rows_at(data, path):
    """The rows at ``path`` in a policy's data, or None when there is no such table."""
    node = data
    for k in path_keys(path):
        node = node.get(k) if isinstance(node, dict) else None
        if node is None:
            return None
    return tuple(node) if isinstance(node, list) else None


def replace_rows(data, path, rows):
    """A copy of ``data`` with the table at ``path`` replaced by ``rows``: only the tables on
    the way are copied, the rest is shared. KeyError when the path's tables are missing."""
    keys = path_keys(path)
    out = node = dict(data)
    for k in keys[:-1]:
        node[k] = dict(node[k])
        node = node[k]
    node[keys[-1]] = list(rows)
    return out
