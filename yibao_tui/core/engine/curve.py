"""The cost curve (issue #14): one bill's fund / 大病 / self-pay as its in-policy amount grows, with
the exact amounts where a slope or a value changes.

Pure. The engine is piecewise linear in a claim's amount (a jump where a bill-size tier changes:
沈阳 特三级 at 15,000), so the breaks are known from the rows that apply to this person and claim:
the deductible, band edges counted above it, where a cap is reached (``scale_point``, the scale's
inverse), the 大病 threshold, its band edges and cap counted in the base it reads, and tier edges
(both sides: 15,000.00 and 15,000.01). Those candidates are then checked against the engine itself:
every segment between two points is tested for linearity (two interior points); one that is not
is split where the lines from its two ends meet (a break the rows did not name: ``change``), so no
break is missed; points where nothing changes (collinear neighbours) are merged away.

The curve varies claim ``index`` of a year (default: the last; later claims are left out) with the
earlier claims as they are, and gives that visit's own figures (as shown). A figure that waits on
an unknown one is None at that point (the curve is known where it is known).
"""

from __future__ import annotations

import itertools
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from yibao_tui.core.engine.check import check
from yibao_tui.core.engine.lookup import scale_point, where
from yibao_tui.core.engine.model import ZERO, Claim
from yibao_tui.core.engine.ranges import year_ranges
from yibao_tui.core.engine.year import estimate_year
from yibao_tui.core.money import shown

AMOUNTS = ("fund", "serious_illness", "self_pay")
FEN = Decimal("0.01")
TOL = Decimal("0.000001")  # yuan: unrounded engine figures agree far closer than this
_DEPTH = 40


class Break:
    """Where a slope or a value changes: ``what`` is deductible | band | tier | cap | fund_cap |
    si_threshold | si_band | si_cap | change (found by the check, not named by a row); ``n`` the band
    that starts there; ``after`` the other side of a jump (the next fen)."""

    __slots__ = ("after", "amount", "n", "what")

    def __init__(self, amount, what, n=None, after=None):
        self.amount, self.what, self.n, self.after = amount, what, n, after

    def __repr__(self):
        return f"Break({self.amount}, {self.what!r}, n={self.n})"


class Point:
    """The bill's figures at one amount: ``shown`` (fund, serious_illness, self_pay, rounded as the
    estimate shows them; None where unknown), ``raw`` (unrounded, for slopes) and ``range``
    ({payer: (low, high)} over the unknown figures, ``ranges.year_ranges``, where one is unknown
    and a range can be given; else None), ``total`` the bill (with any out-of-policy cost)."""

    __slots__ = ("amount", "range", "raw", "shown", "total")

    def __init__(self, amount, raw, shown_, rng=None, total=None):
        self.amount, self.raw, self.shown, self.range, self.total = amount, raw, shown_, rng, total

    def __getattr__(self, name):
        if name in AMOUNTS:
            return self.shown[AMOUNTS.index(name)]
        raise AttributeError(name)


class Curve:
    """``breaks`` (sorted), ``points`` (at the start, each break, both sides of a jump, the end),
    ``current`` the claim's own amount, ``unknown`` the payers unknown somewhere on it."""

    __slots__ = ("breaks", "current", "points", "unknown")

    def __init__(self, breaks, points, current):
        self.breaks, self.points, self.current = breaks, points, current
        self.unknown = [a for i, a in enumerate(AMOUNTS) if any(p.raw[i] is None for p in points)]

    def segment(self, at):
        """(a, b) points of the segment holding ``at`` (the one after it when ``at`` is a point)."""
        pts = self.points
        for a, b in itertools.pairwise(pts):
            if a.amount <= at < b.amount and b.amount - a.amount > FEN:
                return a, b
        for a, b in itertools.pairwise(pts):
            if a.amount <= at <= b.amount:
                return a, b
        return pts[-2], pts[-1]

    def slope(self, at):
        """{payer: share of one more yuan} in the segment holding ``at`` (None where unknown)."""
        a, b = self.segment(at)
        w = b.amount - a.amount
        return {k: None if a.raw[i] is None or b.raw[i] is None else (b.raw[i] - a.raw[i]) / w
                for i, k in enumerate(AMOUNTS)}


def default_end(amount):
    """About 3× the bill, rounded up to a round figure (0 → 10,000)."""
    x = Decimal(amount) * 3
    if x <= 0:
        return Decimal(10000)
    unit = Decimal(10) ** max(0, len(str(int(x))) - 2)
    return (x / unit).to_integral_value(ROUND_CEILING) * unit


def curve(policy, person, claims, index=-1, to=None, cover=None):
    """The Curve of claim ``index`` from the least amount it can have (its first-paid parts) to
    ``to`` (default ``default_end``). Raises EstimateError as ``estimate`` does."""
    claims = list(claims)
    k = index % len(claims)
    claims = claims[:k + 1]
    claim = check(policy, person, claims[k])
    claims[k] = claim
    start = claim.class_b + claim.special_drugs
    end = Decimal(to) if to is not None else default_end(max(claim.amount, start))
    end = max(end, start + FEN)

    memo = {}

    def ev(x):
        if x not in memo:
            memo[x] = visit_at(policy, person, claims, k, x, cover)
        return memo[x]

    def raw(x):
        r = ev(x)
        return (r.fund, r.serious_illness, r.self_pay)

    named = [b for b in _row_breaks(policy, person, claims, k, ev, start, end) if start < b.amount < end]
    xs = sorted({start, end, *(b.amount for b in named), *(b.after for b in named if b.after)})
    xs = [x for x in xs if start <= x <= end]
    xs = _si_breaks(policy, person, claim, ev, xs, named, start, end)
    found = _refine(raw, xs)
    named += [Break(x, "change") for x in found if not any(b.amount == x or b.after == x for b in named)]
    xs = sorted(set(xs) | set(found))
    keep = _merge(raw, xs, {b.after for b in named if b.after} | {b.amount for b in named if b.after})
    breaks = sorted((b for b in named if b.amount in keep), key=lambda b: b.amount)
    pts = []
    for x in keep:
        shown_x = _fen(x)
        r = ev(shown_x)
        f, s, p, total = shown(r, policy)
        rng = None
        if None in (f, s, p):
            rng = year_ranges(policy, person, [*claims[:k], _with_amount(claims[k], shown_x)],
                              cover).visits[-1]
        pts.append(Point(shown_x, (r.fund, r.serious_illness, r.self_pay), (f, s, p), rng, total))
    for b in breaks:
        b.amount = _fen(b.amount)
        b.after = None if b.after is None else _fen(b.after)
    return Curve(breaks, pts, claim.amount)


def visit_at(policy, person, claims, k, x, cover=None):
    """The engine's Result for claim ``k`` with its amount replaced by ``x`` (earlier claims as
    they are, later ones left out)."""
    c = _with_amount(claims[k], x)
    return estimate_year(policy, person, [*claims[:k], c], cover).visits[-1]


def _fen(x):
    return x.quantize(FEN, ROUND_HALF_UP)


def _with_amount(claim, amount):
    c = Claim.__new__(Claim)
    for s in Claim.__slots__:
        setattr(c, s, getattr(claim, s))
    c.amount = Decimal(amount)
    return c


# ── candidates from the rows ──

def _row_breaks(policy, person, claims, k, ev, start, end):
    claim = claims[k]
    sch = policy.scheme(person.scheme)
    care = sch.care(claim.care)
    probe = ev(end)
    firsts = [s.amount for s in probe.steps if s.key in ("class_b", "special_drugs")]
    deds = [s.amount for s in probe.steps if s.key == "deductible"]
    if None in firsts or not deds or deds[-1] is None:
        return []  # nothing past here is known: the curve is unknown above its start
    first = sum(firsts, ZERO)
    ded = deds[-1]  # at the end, the most of the deductible this bill can take (a period's rest)
    out = [Break(first + ded, "deductible")] if ded else []
    w = where(person, claim, policy)
    _, row = care.rate(w)
    if row is None or "unknown" in row:
        return out
    eff = _effective(sch, claim, w)
    if eff is None:
        return out
    base = first + ded
    if "tiers" in row:
        scales = [[{"rate": eff(t["rate"])}] for t in row["tiers"]]
        for t in row["tiers"]:
            if "up_to" in t:
                hi = Decimal(t["up_to"])
                lo = hi if t.get("edge") == "inclusive" else hi - FEN
                out.append(Break(lo, "tier", after=lo + FEN))
    elif "bands" in row:
        bands = [dict(b, rate=eff(b["rate"])) for b in row["bands"]]
        scales = [bands]
        out += [Break(base + Decimal(b["up_to"]), "band", n=i)
                for i, b in enumerate(bands[:-1], 2) if "up_to" in b]
    else:
        scales = [[{"rate": eff(row["value"])}]]
    for s in probe.steps:
        if s.key in ("cap", "fund_cap") and "left" in s.args:
            for bands in scales:
                p = scale_point(bands, s.args["left"])
                if p is not None:
                    out.append(Break(base + p, s.key))
    return out


def _effective(sch, claim, w):
    """The engine's cross-region rule (visit._rate): a status sets the rate or lowers it."""
    adjust, setto = ZERO, None
    for status in claim.cross_region:
        cr = sch.cross_region(status, w)
        if cr is None or "unknown" in cr:
            return None
        if "set" in cr:
            setto = cr["set"] if setto is None else min(setto, cr["set"])
        elif cr["adjust"]:
            adjust += cr["adjust"]
    return lambda r: max(ZERO, (setto if setto is not None else r) + adjust)


def _si_base(res):
    """(before, added) of the 大病 base for this visit, or None when not counted."""
    for s in res.steps:
        if s.key == "si_base":
            return s.args["before"], s.amount
    return None


def _si_breaks(policy, person, claim, ev, xs, named, start, end):
    """The 大病 threshold, band edges and cap, read in the base it counts: that base is linear
    between the fund's breaks, so each is solved for within its segment."""
    si = policy.scheme(person.scheme).serious_illness
    if si is None or claim.care not in si.covers:
        return xs
    w = where(person, claim, policy)
    rows = {n: si.first(n, w) for n in ("threshold", "rate", "cap")}
    if any(r is None or "unknown" in r for r in rows.values()):
        return xs
    th = Decimal(rows["threshold"]["value"])
    bands = rows["rate"]["bands"] if "bands" in rows["rate"] else [{"rate": rows["rate"]["value"]}]
    targets = [(th, "si_threshold", None)]
    targets += [(th + Decimal(b["up_to"]), "si_band", i) for i, b in enumerate(bands[:-1], 2)
                if "up_to" in b]
    if "value" in rows["cap"]:
        p = scale_point(bands, rows["cap"]["value"])
        if p is not None:
            targets.append((th + p, "si_cap", None))
    added = []
    for a, b in itertools.pairwise(xs):
        if b - a <= FEN:
            continue
        ra, rb = _si_base(ev(a)), _si_base(ev(b))
        ba = ra[0] + ra[1] if ra else None
        bb = rb[0] + rb[1] if rb else None
        if ba is None and bb is None:
            continue
        before = (ra or rb)[0]
        ba = before if ba is None else ba
        bb = before if bb is None else bb
        if bb <= ba:
            continue
        for t, what, n in targets:
            if ba <= t < bb:
                x = a + (t - ba) * (b - a) / (bb - ba)
                if start < x < end:
                    named.append(Break(x, what, n=n))
                    added.append(x)
    return sorted(set(xs) | set(added))


# ── the check against the engine ──

def _line_ok(ya, ym, yb, wa, wb):
    """ym is on the line from ya to yb, at weights (wa, wb) of the way. A payer unknown inside is
    not checked (the curve is unknown there); one known inside but not at an end is not linear."""
    for a, m, b in zip(ya, ym, yb, strict=True):
        if m is None:
            continue
        if a is None or b is None:
            return False
        if abs(a * wa + b * wb - m) > TOL:
            return False
    return True


def _linear(raw, a, b):
    ya, yb = raw(a), raw(b)
    w = b - a
    return all(_line_ok(ya, raw(a + w * f), yb, 1 - f, f) for f in (Decimal(1) / 3, Decimal(2) / 3))


def _refine(raw, xs):
    """Breaks the candidates missed: every segment not linear is split where the lines from its
    two ends meet (or in half), until each piece is linear or a fen wide."""
    found = []

    def split(a, b, depth):
        if b - a <= FEN or depth > _DEPTH or _linear(raw, a, b):
            return
        h = (b - a) / 1024
        ya, yh, yk, yb = raw(a), raw(a + h), raw(b - h), raw(b)
        cut = None
        for p, q, r, s in zip(ya, yh, yk, yb, strict=True):
            if None in (p, q, r, s):
                continue
            sa, sb = (q - p) / h, (s - r) / h
            if sa != sb:
                x = (s - p + sa * a - sb * b) / (sa - sb)
                if a + FEN / 2 < x < b - FEN / 2 and not _line_ok(ya, raw(x), yb, (b - x) / (b - a),
                                                                  (x - a) / (b - a)):
                    cut = x
                    break
        if cut is None:
            cut = a + (b - a) / 2
        found.append(cut)
        split(a, cut, depth + 1)
        split(cut, b, depth + 1)

    for a, b in itertools.pairwise(xs):
        split(a, b, 0)
    return sorted(found)


def _merge(raw, xs, jumps):
    """Drop points where nothing changes: a point on the line through its kept neighbours."""
    keep = [xs[0]]
    for i in range(1, len(xs) - 1):
        x, nxt = xs[i], xs[i + 1]
        prev = keep[-1]
        if x in jumps or nxt - x <= FEN or x - prev <= FEN:
            keep.append(x)
            continue
        w = nxt - prev
        if not _line_ok(raw(prev), raw(x), raw(nxt), (nxt - x) / w, (x - prev) / w):
            keep.append(x)
    keep.append(xs[-1])
    return keep
