"""Which inputs could the slip have been computed with? Every variant is an ordinary estimate
(``engine.estimate_year``, ``engine.check``): another grade of the city, another category of the
scheme, another stay number, each cross-region status (and the stacks the city's reductions
allow), each listed flag toggled, another disease of the care kind, and a yearly or quarterly
deductible already met — all of it (``deductible_left`` 0) or part (solved for) — by earlier
visits. First with no change and one change at a time (solving for a figure no source gives,
see ``slip.solve``, and for a part the patient paid first, ``slip.paid_first``), then, when
nothing explains the slip, pairs (a part paid first with each other change). A few hundred
estimates at most."""

from __future__ import annotations

import itertools
import re

from yibao_tui.core.engine import Claim, EstimateError, Person, check, estimate_year
from yibao_tui.core.engine.model import ZERO
from yibao_tui.core.slip import paid_first
from yibao_tui.core.slip.model import (
    OK,
    Explanation,
    Implied,
    SlipCheck,
    check_totals,
    figures,
    lines_for,
    parse_slip,
    status,
    targets,
)
from yibao_tui.core.slip.solve import ONE, nice, root, step_of
from yibao_tui.core.supplied import SuppliedError, apply_supplied, parse

# Figures the slip can pin when no source gives them (what a ``[[supplied]]`` entry can fill).
_SOLVABLE = re.compile(r"^(employee|resident)\.(care\.[a-z0-9-]+\.(deductible|rate)"
                       r"|serious_illness\.(threshold|rate|cap))$")
_PERIOD = {"ded_year": "year", "ded_quarter": "quarter"}


def check_slip(policy, person, claim, slip, prior=(), cover=None):
    """Compare a slip's figures with the estimate for ``person`` and ``claim``, and search the
    inputs that would explain a difference. ``slip``: {field: amount} (see ``parse_slip``).

    ``prior``: earlier visits this year (a household's, a claims file's), estimated first so the
    deductibles met and caps used carry into this one; a change applies to this visit only (a
    category or flag to the person, so to all). With earlier visits given, a deductible met by
    visits not among them is not searched. ``cover``: as ``estimate_year`` takes it.

    Raises SlipError (a figure over the total …) or EstimateError (a claim the policy cannot take).
    """
    if any(not hasattr(v, "is_finite") for v in slip.values()) or not slip:
        slip = parse_slip(slip)
    claim = check(policy, person, claim)
    check_totals(slip, claim.amount + claim.out_of_policy)
    s = _Search(policy, person, claim, slip, tuple(prior), cover)
    base = s.run({})
    base_st = s.statuses(base)
    explanations = [] if all(v in OK for v in base_st.values()) else s.explain(base, base_st)
    return SlipCheck(policy, base, lines_for(policy, base, slip), explanations,
                     _verdict(base_st, explanations), s.runs)


def _verdict(base_st, found):
    if all(v in OK for v in base_st.values()):
        return "matches"
    if "differs" in base_st.values():
        return "differs"
    # Only unknowns: the slip may pin them with the inputs as given ("matches" once they are
    # known), or only with another input ("differs"); else the estimate stays "unknown".
    if any(not e.changes and not e.unknown for e in found):
        return "matches"
    if not any(not e.changes for e in found) and any(not e.unknown for e in found):
        return "differs"
    return "unknown"


def period_deductible(res):
    """(period key as the engine keys it, the full deductible, what this visit paid) for a yearly
    or quarterly deductible; None for a per-visit or unknown one."""
    st = next((s for s in res.steps if s.key == "deductible"), None)
    if st is None or st.tpl not in _PERIOD or st.amount is None:
        return None
    d = res.claim.date
    key = "year" if _PERIOD[st.tpl] == "year" else ((d.month - 1) // 3 + 1 if d else 1)
    return key, st.args["full"], st.amount


class _Search:
    def __init__(self, policy, person, claim, slip, prior=(), cover=None):
        self.policy = policy
        self.prior = prior
        self.cover = cover
        self.person = person
        self.claim = claim
        self.targets = targets(slip)
        self.total = claim.amount + claim.out_of_policy
        self.runs = 0
        self._memo = {}
        self._policies = {(): policy}
        self._first = {}  # (policy, care kind) -> the copy paying a class-B part first at 100 %

    # ── one variant: the inputs changed, figures the slip implies filled in ──
    def variant(self, changes):
        person = self.person
        if "category" in changes or "flags" in changes:
            person = Person(person.scheme, changes.get("category", person.category), person.age,
                            changes.get("flags", person.flags))
        c = Claim.__new__(Claim)
        for k in Claim.__slots__:  # every field, so one added later is kept
            setattr(c, k, getattr(self.claim, k))
        for k in ("grade", "stay", "disease"):
            if k in changes:
                setattr(c, k, changes[k])
        if "cross_region" in changes:
            c.cross_region = tuple(changes["cross_region"])
        return person, c

    def policy_with(self, implies):
        key = tuple((i.path, i.value, tuple(i.grades or ())) for i in implies)
        if key not in self._policies:
            try:
                entries = parse([i.entry(self._per(i)) for i in implies], "slip")
                self._policies[key] = apply_supplied(self.policy, entries)
            except SuppliedError:
                self._policies[key] = None
        return self._policies[key]

    def _per(self, implied):
        """A deductible entry needs its period: the unknown row's, else per visit (as the engine
        reads an unknown deductible)."""
        if implied.leaf != "deductible":
            return None
        rows = self.policy.rows_at(implied.path) or ()
        row = next((r for r in rows if "unknown" in r), {})
        return row.get("per", "visit")

    def run(self, changes, implies=()):
        """The estimate with ``changes`` (None when the policy cannot take the variant)."""
        key = (tuple((k, tuple(v) if isinstance(v, (list, tuple)) else v)
                     for k, v in sorted(changes.items())),
               tuple((i.path, i.value) for i in implies))
        if key in self._memo:
            return self._memo[key]
        pol = self.policy_with(implies) if implies else self.policy
        res = None
        if pol is not None:
            person, claim = self.variant(changes)
            if "paid_first" in changes:
                pol, claim = paid_first.with_paid_first(pol, person, claim, changes["paid_first"],
                                                        self._first)
            try:
                res = self._estimate(pol, person, claim)
                left = changes.get("deductible_left")
                if left is not None:
                    p = period_deductible(res)
                    res = None if p is None else self._estimate(
                        pol, person, claim, {(claim.care, p[0]): max(ZERO, p[1] - left)})
            except EstimateError:
                res = None
        self._memo[key] = res
        return res

    def _estimate(self, pol, person, claim, met=None):
        self.runs += 1
        return estimate_year(pol, person, [*self.prior, claim], self.cover,
                             deductible_met=met).visits[-1]

    def figs(self, res):
        return figures(self.policy, res)

    def statuses(self, res):
        figs = self.figs(res)
        return {f: status(v, figs[f]) for f, v in self.targets.items()}

    def _given(self, res):
        figs = self.figs(res)
        return tuple(figs[f] for f in self.targets)

    # ── the search ──
    def explain(self, base, base_st):
        found = []
        order = itertools.count()

        def consider(changes, res, implies=()):
            if res is None:
                return False
            st = self.statuses(res)
            if "differs" in st.values():
                return False
            if not any(base_st[f] not in OK and st[f] in OK for f in st):
                return False  # nothing the inputs as given got wrong comes out right
            found.append(Explanation(changes, implies, st, next(order)))
            return True

        self._try(consider, {}, base, left=True)
        singles = list(self.singles())
        for ch in singles:
            self._try(consider, ch, self.run(ch), left=False)
        if not found:  # an amount fitted to the slip: only where no input as listed explains it
            paid_first.search(self, consider, {}, self._open)
        if not found:  # pairs: not solved for unknowns (three guesses would explain anything)
            for ch in singles:  # a part paid first and one other change
                paid_first.search(self, consider, ch, self._open)
            for ch in singles:  # a single change and a deductible met by earlier visits
                res = self.run(ch)
                if res is not None:
                    self._left(consider, ch, res)
            for a, b in itertools.combinations(singles, 2):
                if a.keys() & b.keys():
                    continue
                ch = {**a, **b}
                consider(ch, self.run(ch))
        return _plausible(found)

    def _try(self, consider, ch, res, left):
        if res is None or consider(ch, res):
            return
        st = self.statuses(res)
        if "differs" not in st.values() and "unknown" in st.values():
            implies = self.solve_unknowns(ch, res)
            if implies:
                consider(ch, self.run(ch, implies), implies)
        if left:
            self._left(consider, ch, res)

    def singles(self):
        pol, person, claim = self.policy, self.person, self.claim
        sch = pol.scheme(person.scheme)
        care = sch.care(claim.care)
        for g in care.grades:
            if g != claim.grade:
                yield {"grade": g}
        for c in sch.categories:  # the categories that may use this care kind (the one rule)
            if c != person.category and claim.care in sch.care_kinds(c):
                yield {"category": c}
        rules = care.rows("repeat_stays")
        if rules:
            top = max(r.get("stay") or r.get("stay_from") for r in rules)
            for n in range(1, top + 1):
                if n != (claim.stay or 1):
                    yield {"stay": n}
        for opt in _cross_region_options(sch.rows("cross_region")):
            if set(opt) != set(claim.cross_region):
                yield {"cross_region": list(opt)}
        for f in pol.flags:
            yield {"flags": sorted(set(person.flags) ^ {f})}
        for d in care.diseases:
            if d != claim.disease:
                yield {"disease": d}

    def _open(self, res):
        """The slip's figures ``res`` gets wrong (not those it cannot give)."""
        st = self.statuses(res)
        return [f for f in self.targets if st[f] not in OK and st[f] != "unknown"]

    def _left(self, consider, ch, res):
        """A yearly or quarterly deductible already met by earlier visits: all of it, or the part
        that makes the slip's figures come out (``deductible_left``: what was still to pay)."""
        p = period_deductible(res)
        if p is None or not p[2] or self.prior:
            return
        full = p[1]
        c0 = {**ch, "deductible_left": ZERO}
        if consider(c0, self.run(c0)):
            return
        st = self.statuses(res)
        for f in (f for f in self.targets if st[f] not in OK and st[f] != "unknown"):
            def at(x, f=f):
                r = self.run({**ch, "deductible_left": x})
                return None if r is None else self.figs(r)[f]

            x = root(at, self.targets[f], ZERO, full)
            if x is None or x in (ZERO, full):
                continue
            for v in self._best(lambda v: self.run({**ch, "deductible_left": v}), x, False, f,
                                ZERO, full):
                if consider({**ch, "deductible_left": v}, self.run({**ch, "deductible_left": v})):
                    return

    def solve_unknowns(self, ch, res):
        """Figures no source gives that the slip pins, one at a time (each verified by re-running
        the engine with it supplied); [] when the slip pins none."""
        implies = []
        for _ in range(3):
            st = self.statuses(res)
            if "differs" in st.values():
                return []
            unknown = [f for f in self.targets if st[f] == "unknown"]
            if not unknown:
                break
            got = None
            for path in dict.fromkeys(m for m in res.missing if _SOLVABLE.match(m)):
                if any(i.path == path for i in implies):
                    continue
                for f in unknown:
                    got = self._solve_one(ch, implies, path, f)
                    if got:
                        break
                if got:
                    break
            if not got:
                break
            implies.append(got)
            res = self.run(ch, implies)
            if res is None:
                return []
        return implies

    def _solve_one(self, ch, implies, path, f):
        is_rate = path.endswith(".rate")
        grades = [self.variant(ch)[1].grade] if ".care." in path else None

        def with_x(x):
            return self.run(ch, [*implies, Implied(path, x, grades)])

        def at(x):
            r = with_x(x)
            return None if r is None else self.figs(r)[f]

        hi = ONE if is_rate else self.total
        x = root(at, self.targets[f], ZERO, hi)
        if x is None:
            return None
        # A rate cannot pass 100 %, but an amount has no top: 500 fits every deductible above it.
        for v in self._best(with_x, x, is_rate, f, ZERO, hi, open_top=not is_rate):
            return Implied(path, v, grades)
        return None

    def _best(self, run_at, x, is_rate, f, lo, hi, open_top=False):
        """Round values near ``x`` that give ``f`` to the fen and no other figure a difference, and
        that the slip pins (moving them either way changes a figure; past ``lo``, or ``hi`` unless
        ``open_top``, there is no other value to tell apart). A solved value that only comes
        within ±1 yuan is fitted, not pinned: not offered."""
        for v in nice(x, is_rate):
            if not lo <= v <= hi:
                continue
            r = run_at(v)
            if r is None:
                continue
            st = self.statuses(r)
            if "differs" in st.values() or st[f] != "match":
                continue
            here = self._given(r)
            d = step_of(is_rate)
            sides = [run_at(w) for w in (v - d, v + d) if lo <= w and (open_top or w <= hi)]
            if all(r is None or self._given(r) != here for r in sides):
                yield v


def _plausible(found):
    """Most plausible first; an explanation goes when a simpler one found says the same with fewer
    changes (another category that changes nothing …), or when it needs more than two changes and
    implied figures together (a grade whose rate is also unknown: two guesses for one slip)."""
    found = sorted((e for e in found if len(e.changes) + len(e.implies) <= 2), key=lambda e: e.rank)
    out = []
    for e in found:
        items = set(_frozen(e.changes))
        implied = {(i.path, i.value) for i in e.implies}
        if any(set(_frozen(o.changes)) < items and {(i.path, i.value) for i in o.implies} <= implied
               for o in out):
            continue
        out.append(e)
    return out


def _frozen(changes):
    return [(k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in changes.items()]


def _cross_region_options(rows):
    """No status, each status the city lists, and pairs where a reduction stacks (a known,
    non-zero ``adjust`` with another known status; two statuses that each set the rate do not)."""
    by = {}
    for r in rows:
        by.setdefault(r["status"], r)
    opts = [()] + [(s,) for s in by]
    known = [s for s in by if "unknown" not in by[s]]
    for a, b in itertools.combinations(known, 2):
        ra, rb = by[a], by[b]
        if (ra.get("adjust") or rb.get("adjust")) and not ("set" in ra and "set" in rb):
            opts.append((a, b))
    return opts
