"""Plain-text and JSON views of an estimate (no Textual, no Rich: used on the fast path)."""

from __future__ import annotations

import unicodedata

from yibao_tui.core.money import money, shown, yuan
from yibao_tui.core.policy import LABELS
from yibao_tui.text import month_text
from yibao_tui.views.estimate import step_label, step_text


def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s, n):
    return s + " " * max(0, n - width(s))


def rpad(s, n):
    return " " * max(0, n - width(s)) + s


def label(key, lang):
    zh, en = LABELS.get(key, (key, key))
    return zh if lang == "zh" else en


def dec(d):
    return None if d is None else str(d)


def step_json(step):
    return {
        "key": step.key,
        "label": {"zh": step_label(step, "zh"), "en": step_label(step, "en")},
        "arithmetic": step_text(step, "en"),
        "arithmetic_zh": step_text(step, "zh"),
        "amount": None if step.amount is None else f"{money(step.amount)}",
        "source": step.source,
        "quote": step.quote,
        "note": step.note,
        "supplied": step.supplied,
    }


def visit_json(policy, res):
    f, s, p, t = shown(res, policy)
    c = res.claim
    return {
        "fund": dec(f),
        "serious_illness": dec(s),
        "self_pay": dec(p),
        "total": dec(t),
        "missing": res.missing,
        "unchecked": res.unchecked,
        "claim": {
            "care": c.care,
            "grade": c.grade,
            "disease": c.disease,
            "amount": dec(money(c.amount, policy)),
            "date": c.date.isoformat() if c.date else None,
        },
        "steps": [step_json(st) for st in res.steps],
    }


def header(policy, person, lang):
    zh = lang == "zh"
    cat = label(person.category, lang)
    sch = label(person.scheme, lang)
    city = policy.name["zh" if zh else "en"]
    return f"{city} {policy.year} · {sch} · {cat}"


def clip(s, n):
    """Cut ``s`` to ``n`` terminal cells, marking the cut."""
    if width(s) <= n:
        return s
    out = ""
    for ch in s:
        if width(out + ch) > n - 1:
            break
        out += ch
    return out + "…"


def claim_title(policy, scheme, claim, lang):
    """普通门诊 · 三级 · 高血压 · 2025-03-01"""
    i = "zh" if lang == "zh" else "en"
    care = policy.care(scheme, claim.care)
    parts = [care["label"][i], policy.grades[claim.grade][i] if claim.grade else ""]
    if claim.disease:
        parts.append(care.get("diseases", {}).get(claim.disease, {}).get(i, claim.disease))
    if claim.date:
        # a household visit records its month only (dated the 1st internally)
        parts.append(month_text(claim.date, lang) if claim.month_only
                     else claim.date.isoformat())
    return " · ".join(p for p in parts if p)


def visit_lines(policy, scheme, res, lang="zh", cols=100, sources=True):
    lines = [claim_title(policy, scheme, res.claim, lang)]
    lw = 24
    aw = max(20, cols - lw - 18)
    unknown = "未知" if lang == "zh" else "unknown"
    for st in res.steps:
        amt = yuan(st.amount) if st.amount is not None else unknown if st.unknown else ""
        lines.append(f"  {pad(clip(step_label(st, lang), lw), lw)} {pad(clip(step_text(st, lang), aw), aw)}"
                     f" {rpad(amt, 13)}")
        if sources and st.quote:
            lines.append(f"    ↳ {st.source}: “{st.quote}”")
        elif sources and st.supplied:
            lines.append("    ↳ " + ("用户提供" if lang == "zh" else "supplied by you"))
        if sources and st.note:
            lines.append(f"    ※ {st.note}")
    return lines


def totals_line(policy, res, lang="zh"):
    f, s, p, t = shown(res, policy)
    unk = "未知" if lang == "zh" else "unknown"

    def v(x):
        return unk if x is None else yuan(x)

    if lang == "zh":
        return f"统筹基金 {v(f)} · 大病保险 {v(s)} · 个人自付 {v(p)} · 合计 {v(t)}"
    return f"fund {v(f)} · serious illness {v(s)} · you pay {v(p)} · total {v(t)}"


def footer_lines(policy, res_list, lang="zh"):
    lines = []
    missing = list(dict.fromkeys(m for r in res_list for m in r.missing))
    unchecked = list(dict.fromkeys(m for r in res_list for m in r.unchecked))
    if missing:
        lines.append(("缺少数据（相关金额未知）：" if lang == "zh"
                      else "Missing figures (amounts that depend on them are unknown): ")
                     + ", ".join(missing))
    if unchecked:
        lines.append(("未核对的限额（资料未给出，未套用）：" if lang == "zh"
                      else "Caps not checked (no source gives them; not applied): ")
                     + ", ".join(unchecked))
    if policy.caveats:
        lines.append("说明：" if lang == "zh" else "Caveats:")
        for c in policy.caveats:
            lines.append(f"  - {c['zh' if lang == 'zh' else 'en']}")
    return lines
