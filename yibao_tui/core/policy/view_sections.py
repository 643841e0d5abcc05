"""The view of the enrolment and household sections of a scheme (see view.py): loaded only when
one is read, so the estimate's fast path does not pay for them. The sections' schema is in
core/policy/sections/."""

from __future__ import annotations

MappingProxyType = type(type.__dict__)  # types.MappingProxyType (as in view.py)


class Enrolment:
    """``[<scheme>.enrolment]``: the collection window row (集中缴费期), the cover rules tried in
    order, and the situations a member may be in ({id: {zh, en}})."""

    __slots__ = ("cover_rules", "situations", "window")

    def __init__(self, table):
        self.window = table["collection_window"]
        self.cover_rules = tuple(table["cover"])
        self.situations = MappingProxyType(table.get("situations", {}))


class PersonalAccount:
    """``[employee.personal_account]``: ``monthly_credit`` and ``employee_share`` rows, and the
    row saying what the account ``pays`` (None when the file has none)."""

    __slots__ = ("_t", "pays")

    def __init__(self, table):
        self._t = table
        self.pays = table.get("pays")

    def rows(self, table):
        """``monthly_credit`` or ``employee_share`` rows (empty when the file has none)."""
        if table not in ("monthly_credit", "employee_share"):
            raise KeyError(f"no table {table!r} here (tables: employee_share, monthly_credit)")
        return tuple(self._t.get(table, ()))


class SiAdjustments:
    """烟台's cap adjustments: ``continuous``, ``claim_free``, ``lapse``, ``increase_limit``,
    ``decrease_limit`` rows (each None when the file has none)."""

    __slots__ = ("claim_free", "continuous", "decrease_limit", "increase_limit", "lapse")

    def __init__(self, table):
        for k in self.__slots__:
            setattr(self, k, table.get(k))
