"""The cost curve (core.engine.curve) as a Document of break points in words ("起付线 600",
"第2段 30,600起", "封顶"), the plain line for the current amount ("每多花1,000元，您多付300元
（当前区间）"), and the JSON of ``yibao estimate --curve``."""

from __future__ import annotations

from decimal import Decimal

from yibao_tui.core.engine.curve import AMOUNTS
from yibao_tui.core.money import yuan
from yibao_tui.text import t
from yibao_tui.views.document import RANGE, Document, Figure, Row, Section, qualify
from yibao_tui.views.estimate_json import dec

THOUSAND = Decimal(1000)


def short(d):
    """30,600 · 5,266.67: yuan without a zero fen part."""
    s = yuan(d)
    return s[:-3] if s.endswith(".00") else s


def break_words(b, lang):
    return t("curve.break." + b.what, lang, a=short(b.amount), n=b.n)


def _value(pt, i, lang):
    v = pt.shown[i]
    if v is not None:
        return short(v)
    rng = pt.range and pt.range.get(AMOUNTS[i])
    if rng:
        return f"{short(rng[0])}–{short(rng[1])}"
    return t("unknown", lang)


def at_text(pt, lang):
    """基金 21,000 · 大病 4,560 · 自付 5,040 (a range or 未知 where unknown)."""
    f, s, p = (_value(pt, i, lang) for i in range(3))
    return t("curve.at", lang, f=f, s=s, p=p)


def point_at(c, amount):
    return next((p for p in c.points if p.amount == amount), None)


def per1000_line(c, lang, at=None):
    """每多花1,000元，您多付300元（当前区间）: self-pay's slope where ``at`` (default the current
    amount) lies."""
    sl = c.slope(c.current if at is None else at)["self_pay"]
    if sl is None:
        return t("curve.per1000.unknown", lang)
    return t("curve.per1000", lang, p=short(sl * THOUSAND))


def curve_rows(c, lang):
    rows = []
    for b in c.breaks:
        pt = point_at(c, b.amount)
        rows.append(Row(label=break_words(b, lang), text=at_text(pt, lang) if pt else "",
                        amount=short(b.amount), key=b.what))
    return rows


def jump_lines(c, lang):
    out = []
    for b in c.breaks:
        if b.after is None:
            continue
        lo, hi = point_at(c, b.amount), point_at(c, b.after)
        if lo is None or hi is None or None in (lo.fund, hi.fund):
            continue
        out.append(t("curve.jump", lang, a=short(b.amount), lo=short(lo.fund), hi=short(hi.fund),
                     d=short(hi.fund - lo.fund)))
    return out


def point_figures(pt, lang):
    """A point's fund, serious illness and self-pay as figures: a range where one is unknown
    and its bounds are known, else unknown."""
    out = []
    for k, v in zip(AMOUNTS, pt.shown, strict=True):
        pair = (pt.range and pt.range.get(k)) or None if v is None else None
        out.append(Figure(k, v, qualify(v, pair=pair), lang))
    return out


def curve_document(c, lang, what="", notices=()):
    """The break points as a Document: one row each (words, the amount, the figures there), then
    the jumps' both sides, what is unknown, and the plain line for the current amount. ``meta``
    holds the curve's machine values: its breaks, and every point's figures with qualifiers.
    ``notices``: said first (the policy's year: ``views.document.policy_notices``)."""
    rows = curve_rows(c, lang)
    lines = jump_lines(c, lang)
    if not rows:
        lines.append(t("curve.none", lang, a=short(c.points[-1].amount)))
    if c.unknown:
        lines.append(t("curve.unknown", lang, what=[t(k, lang) for k in c.unknown]))
    cols = [(t("curve.col.break", lang), "label"), (t("curve.col.amount", lang), "amount"),
            (t("curve.col.at", lang), "text")]
    meta = {"breaks": c.breaks, "points": [(p.amount, point_figures(p, lang)) for p in c.points],
            "current": c.current.quantize(Decimal("0.01")), "unknown": c.unknown}
    return Document(title=t("curve.title", lang, what=what), lang=lang, kind="curve", meta=meta,
                    notices=list(notices),
                    sections=[Section(title=t("curve.md.title", lang), rows=rows, lines=lines,
                                      kind="curve", bullets=True, columns=cols),
                              Section(kind="per1000", bullets=True, lines=[per1000_line(c, lang)])])


def _dec(d):
    return dec(d)  # the one JSON money writer


def curve_json(doc):
    """``"curve"`` of ``yibao estimate --curve --json``, from a curve document: breaks ({amount,
    what}, with ``band`` for a band's start and ``after`` for the other side of a jump), points
    ({amount, fund, serious_illness, self_pay}: decimal strings, null where unknown, with
    ``<payer>_range`` then), ``current`` (the visit's own amount) and ``unknown`` (payers unknown
    somewhere on it)."""
    m = doc.meta
    breaks = []
    for b in m["breaks"]:
        e = {"amount": _dec(b.amount), "what": b.what}
        if b.n is not None:
            e["band"] = b.n
        if b.after is not None:
            e["after"] = _dec(b.after)
        breaks.append(e)
    points = []
    for amount, figs in m["points"]:
        e = {"amount": _dec(amount)}
        e.update({f.key: _dec(f.value) for f in figs})
        for f in figs:
            if f.value is None:
                q = f.qualifier
                e[f.key + "_range"] = [_dec(q.low), _dec(q.high)] if q.kind == RANGE else None
        points.append(e)
    return {"breaks": breaks, "points": points, "current": _dec(m["current"]),
            "unknown": m["unknown"]}
