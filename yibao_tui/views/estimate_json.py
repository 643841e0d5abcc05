"""An estimate document as JSON (``yibao estimate --json``, households, the slip check): a
contract — keys, types and order stay. Read from the document's figures and rows: a figure's
value is its decimal string (null where it waits on a figure no source gives) and its qualifier
says the rest — ``<key>_range`` beside a null where ranges were worked out (the pair, or null
where no range can be given), a cap not applied in ``unchecked``. Labels, arithmetic and notes
are given in both languages; a source stays its file name."""

from __future__ import annotations

import os
from decimal import ROUND_HALF_UP, Decimal
from json.encoder import encode_basestring as quoted  # the C one (ensure_ascii=False)

from yibao_tui import __version__
from yibao_tui.core.policy.years import asked_year

FORMAT = 1  # the JSON documents' format: raised when a key changes meaning or goes
RANGED = ("fund", "serious_illness", "self_pay")
RANGE = "range"  # views.document.RANGE: a qualifier's kind (not imported: the fast path stays light)


_FEN = Decimal("0.01")


def dec(d):
    """The one way every JSON document writes money: a decimal string to the fen, rounded
    half-up ("370.00", "5760.00", "-3000.00": a plain ASCII minus, as JSON numbers have; never
    "-0.00"); null for a figure no source gives. Every ``*_json`` view and JSON command uses it."""
    if d is None:
        return None
    q = (d if type(d) is Decimal else Decimal(d)).quantize(_FEN, ROUND_HALF_UP)
    return str(q if q else abs(q))


def step_json(row):
    """A row of the breakdown (``RowMethods``: its machine values and both languages)."""
    return step_values_json(row.machine(), row.bilingual())


def step_values_json(machine, bilingual):
    key, value, source, quote, supplied = machine
    (label_zh, label_en), (text_zh, text_en), (note_zh, note_en) = bilingual
    return {
        "key": key,
        "label": {"zh": label_zh, "en": label_en},
        "arithmetic": text_en,
        "arithmetic_zh": text_zh,
        "amount": dec(value),
        "source": source,
        "quote": quote,
        # The note in English, and beside it in Chinese (a screen shows one language only).
        "note": note_en,
        "note_zh": note_zh,
        "supplied": supplied,
    }


def figures_json(figs, ranged, missing, unchecked):
    """{fund, serious_illness, self_pay, total, [<key>_range …], missing, unchecked}."""
    out = {f.key: dec(f.value) for f in figs}
    if ranged:  # placed after the amounts, where a reader looks for them
        for f in figs:
            if f.key in RANGED and f.value is None:
                q = f.qualifier
                out[f.key + "_range"] = [dec(q.low), dec(q.high)] if q.kind == RANGE else None
    out["missing"] = missing
    out["unchecked"] = unchecked
    return out


def visit_json(sec):
    """One visit (a ``views.estimate.VisitSection``): where every figure is exact, from its
    machine values without typing them (the common visit of a long year)."""
    if sec.exact:
        f, s, p, t = sec.values
        out = {"fund": dec(f), "serious_illness": dec(s), "self_pay": dec(p), "total": dec(t),
               "missing": sec.missing, "unchecked": sec.unchecked}
    else:
        out = figures_json(sec.figures, sec.meta["ranged"], sec.missing, sec.unchecked)
    out["claim"] = sec.claim
    out["steps"] = [step_values_json(m, b) for m, b in sec.row_values()]
    out["policy"] = policy_json(sec.policy, sec.result.claim.date)
    return out


def policy_json(policy, on=None):
    """The policy a visit's figures rest on, so a saved estimate can be reproduced: {city, year,
    file, sha256 (of the file's bytes), draft, asked_year}; ``asked_year`` (the year of day
    ``on``, None: today) only where the file does not cover that day (core/policy/years.py).
    One dict per policy and day, shared (a long year asks the same few)."""
    key = (id(policy), on)
    hit = _POLICY_JSON.get(key)
    if hit is None or hit[0] is not policy:
        out = {"city": policy.city, "year": policy.year,
               "file": policy.path and os.path.basename(policy.path),
               "sha256": policy.sha256, "draft": policy.draft}
        asked = asked_year(policy, on)
        if asked is not None:
            out["asked_year"] = asked
        if len(_POLICY_JSON) >= 1024:
            _POLICY_JSON.clear()
        hit = _POLICY_JSON[key] = (policy, out)
    return hit[1]


_POLICY_JSON = {}  # (id(policy), day) -> (policy, its JSON): the policy held, so its id stays its


def stamped(obj):
    """A JSON document the command line prints, with its ``format`` and the tool's ``version``
    last (the keys before them stay as they were); a list is left as it is."""
    if not isinstance(obj, dict):
        return obj
    obj["format"] = FORMAT
    obj["version"] = __version__
    return obj


def year_json(sec):
    """A year's figures (the ``year`` section of ``views.estimate.year_document``)."""
    m = sec.meta
    return figures_json(sec.figures, m["ranged"], m["missing"], m["unchecked"])


def estimate_json(doc, curve=None):
    """``yibao estimate --json``: one visit's JSON, or {"claims": […], "year": {…}}; then city,
    policy_year, notices, caveats (and ``curve`` with --curve)."""
    if doc.kind == "visit":
        out = visit_json(doc.section("visit"))
    else:
        out = {"claims": [visit_json(s) for s in doc.of_kind("visit")],
               "year": year_json(doc.section("year"))}
    out.update(doc.meta)
    if curve is not None:  # --curve only: the contract is otherwise unchanged
        out["curve"] = curve
    return stamped(out)


def visit_result_json(policy, res, rng=None, ranged=False, lang="en"):
    """A visit's JSON straight from an engine result (households, the slip check): its section
    built and rendered."""
    from yibao_tui.views.estimate import VisitSection

    return visit_json(VisitSection(policy, None, res, lang, rng, ranged))


def dumps(obj):
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, the same text, in half its time (no
    generator per container): ``yibao estimate --json`` writes its document through it. Strings,
    ints, booleans, None, lists and dicts with string keys; anything else falls back to json."""
    out = []
    try:
        _emit(obj, out.append, "\n")
    except TypeError:
        import json

        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(out)


def _emit(o, put, nl):
    t = type(o)
    if t is str:
        put(quoted(o))
    elif o is None or t is bool:
        put("null" if o is None else "true" if o else "false")
    elif t is int:
        put(int.__repr__(o))
    elif t is dict or t is list or t is tuple:
        if not o:
            put("{}" if t is dict else "[]")
            return
        inner = nl + "  "
        sep = ("{" if t is dict else "[") + inner
        for k in o:
            put(sep)
            if t is dict:
                if type(k) is not str:
                    raise TypeError(k)
                put(quoted(k))
                put(": ")
                _emit(o[k], put, inner)
            else:
                _emit(k, put, inner)
            sep = "," + inner
        put(nl + ("}" if t is dict else "]"))
    else:
        raise TypeError(o)
