"""The household's supplied figures (``[[supplied]]``) filled into its cities' policies."""

from __future__ import annotations

from yibao_tui.core.household.unlisted import unlisted_schemes, with_unlisted
from yibao_tui.core.msg import Msg


class SuppliedPolicies:
    """``Policies`` with the household's ``[[supplied]]`` figures filled in for each city
    (supplied.apply_supplied): engine steps then say "supplied by you / 用户提供". A city whose
    entries cannot be applied gets no policy (``get`` is None) and the reason in ``errors``."""

    def __init__(self, inner, household):
        self.inner = inner
        self.household = household
        self.year = inner.year
        self.cache = {}
        self.errors = inner.errors
        self.problems = []  # (file, line, reason)

    def get(self, city):
        if city not in self.cache:
            h = self.household
            mine = [(k, e) for k, e in enumerate(h.supplied) if e.get("city") == city]
            # The household's own figures first, then the user's (the cache's fill): a figure
            # this household was told wins over one given for every estimate.
            fill = getattr(self.inner, "fill", None) if mine else None
            p = self.inner.get(city, filled=False) if fill else self.inner.get(city)
            if p is not None:  # a scheme its file does not describe: every figure unknown
                p = with_unlisted(p, unlisted_schemes(h, city))
            if p is not None and mine:
                from yibao_tui.core.supplied import SuppliedError, apply_supplied
                from yibao_tui.core.supplied import parse as parse_supplied

                # One entry at a time, so a problem is known to be that entry's (by index,
                # never read back from the message).
                for k, e in mine:
                    where, entry = Msg("where.supplied", k=k + 1), f"supplied {k + 1}"
                    try:
                        (pe,) = parse_supplied([e], entry)
                        pe["_where"] = entry
                        p = apply_supplied(p, [pe])
                    except SuppliedError as err:
                        why, _ = supplied_why(err, where, entry)
                        line = h.supplied_lines[k] if k < len(h.supplied_lines) else None
                        self.problems.append((h.source_name or "household", line, why))
                        self.errors = dict(self.inner.errors)
                        self.errors[city] = Msg("policy.supplied_bad", why=why)
                        p = None
                        break
                if p is not None and fill is not None:
                    p = fill(p)
            self.cache[city] = p
        return self.cache[city]


def with_supplied(household, policies):
    """The policies a household's estimates use: its supplied figures filled in."""
    if isinstance(policies, SuppliedPolicies):
        if policies.household is household:
            return policies
        policies = policies.inner
    if not household.supplied and not any(
            (p := policies.get(m.city)) is not None and m.insured and m.scheme
            and m.scheme not in p.scheme_ids for m in household.members):
        return policies
    return SuppliedPolicies(policies, household)



def supplied_why(err, where, entry=None):
    """(reason Msg, the entry's key at fault or None) of a supplied.SuppliedError for the entry
    ``where`` (a Msg): the error's own reason and key, never read back from its text."""
    return Msg("file.supplied_bad", what=where, why=err.why), err.key
