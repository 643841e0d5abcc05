"""The one formatter: catalogue templates filled with values, in the language asked for.

Inside a template, ``{x}`` shows a value in the template's language: a ``Msg`` is worded, a
(zh, en) pair or {zh, en} table picked, anything else ``str()``. Format specs:

- ``y`` yuan (1,234.50; ``?`` when None), ``p`` a rate as a percentage (0.655 → 65.5%);
- ``list`` / ``or`` / ``semi`` join a list with 、 / 或 / ；(", " / " or " / "; ");
- ``ym`` a date's month (2024年5月 / May 2024), ``d`` an ISO date;
- ``label`` the name of a vocabulary id, ``labels`` a list of them joined;
- ``opt`` / ``opts`` a vocabulary id as a command-line value: named in Chinese, the id itself in
  English (what a script types; the engine's refusals).
"""

from __future__ import annotations

import datetime as dt

from yibao_tui.core.money import pct, yuan
from yibao_tui.core.msg import Msg
from yibao_tui.text.catalog import CATALOG

LANGS = ("zh", "en")
_JOIN = {"list": ("、", ", "), "or": ("或", " or "), "semi": ("；", "; ")}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def _i(lang):
    return 0 if lang == "zh" else 1


def label(pair, lang):
    """A (zh, en) tuple or {zh, en} table in ``lang``."""
    if isinstance(pair, dict):
        return pair["zh" if lang == "zh" else "en"]
    return pair[_i(lang)]


def term(key, lang):
    """The name of a vocabulary id (``label.<id>`` in the catalogue); an unknown id as is."""
    pair = CATALOG.get(f"label.{key}")
    return str(key) if pair is None else pair[_i(lang)]


def care_names(policy, scheme, kind):
    """A care kind's {zh, en} names as its city's policy gives them (沈阳 门诊统筹, 辽阳 “两病”
    门诊用药), the names the wizard shows: one name per care kind per city. The catalogue's
    ``label.<kind>`` only where the policy (or the scheme) does not define it."""
    care = None if policy is None else policy.care(scheme, kind)
    return _vocab(kind) if care is None else care.label


def grade_names(policy, grade):
    """A hospital grade's {zh, en} names as its city's policy gives them, else the catalogue's."""
    pair = None if policy is None else policy.grades.get(grade)
    return _vocab(grade) if pair is None else pair


def _vocab(key):
    return CATALOG.get(f"label.{key}") or (str(key), str(key))


def care_name(policy, scheme, kind, lang):
    """``care_names`` in ``lang``."""
    return label(care_names(policy, scheme, kind), lang)


def grade_name(policy, grade, lang):
    """``grade_names`` in ``lang``."""
    return label(grade_names(policy, grade), lang)


def city_year(policy, lang):
    """``辽阳 2025`` / ``Liaoyang 2025``: a policy by its city's name and year."""
    return t("policy.city_year", lang, name=policy.name, year=policy.year)


def month_text(d, lang="en"):
    """2024年5月 / May 2024: a date whose day is not known."""
    return f"{d.year}年{d.month}月" if lang == "zh" else f"{MONTHS_EN[d.month - 1]} {d.year}"


# Rendered Msgs, by key, language and the repr of the values: a year of 100,000 visits words the
# same step labels and arithmetic over and over (``estimate --json``). The repr keeps
# Decimal("1.0") and Decimal("1.00"), 1 and True apart; a value whose repr is its address
# ("<… at 0x…>") is never memoised. Bounded.
_MEMO = {}
_MEMO_MAX = 20_000


def render(v, lang="en"):
    """``v`` as text in ``lang``; None stays None."""
    if v is None:
        return None
    if isinstance(v, Msg):
        k = (v.key, lang, repr(v.args)) if v.args else (v.key, lang)
        hit = _MEMO.get(k)
        if hit is not None:
            return hit
        plain = " at 0x" not in k[-1]
        pair = CATALOG.get(v.key)
        if pair is None:
            raise KeyError(f"no catalogue string for {v.key!r}")
        out = pair[_i(lang)].format_map({k: _Fmt(x, lang) for k, x in v.args.items()})
        if plain:
            if len(_MEMO) >= _MEMO_MAX:
                _MEMO.clear()
            _MEMO[k] = out
        return out
    if isinstance(v, tuple) and len(v) == 2:
        return str(v[_i(lang)])
    if isinstance(v, dict) and "zh" in v and "en" in v:
        return str(v["zh" if lang == "zh" else "en"])
    return str(v)


def renders(vs, lang="en"):
    return [render(v, lang) for v in vs]


def t(key, lang="zh", **kw):
    """The catalogue string ``key`` in ``lang``, ``kw`` filling its {placeholders}. A key the
    catalogue lacks shows as is (Textual's own binding descriptions pass through here)."""
    if key not in CATALOG:
        return key
    return render(Msg(key, **kw), lang)


class _Fmt:
    __slots__ = ("lang", "v")

    def __init__(self, v, lang):
        self.v = v
        self.lang = lang

    def __format__(self, spec):
        v, lang = self.v, self.lang
        if spec == "y":
            return yuan(v)
        if spec == "p":
            return pct(v)
        if spec in _JOIN:
            return _JOIN[spec][_i(lang)].join(render(x, lang) for x in v)
        if spec == "ym":
            return month_text(v, lang)
        if spec == "d":
            return v.isoformat() if isinstance(v, dt.date) else str(v)
        if spec == "label":
            return term(v, lang)
        if spec == "labels":
            return _JOIN["list"][_i(lang)].join(term(x, lang) for x in v)
        if spec == "opt":
            return term(v, lang) if lang == "zh" else str(v)
        if spec == "opts":
            return _JOIN["list"][_i(lang)].join(term(x, lang) if lang == "zh" else str(x) for x in v)
        return format(render(v, lang), spec)
