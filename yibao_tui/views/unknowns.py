"""Unknown figures in words: what each ``missing`` / ``unchecked`` name stands for and who would
know it (the hospital's notice, the city's 医保 office, and where a policy file cites one, the
place its source names: 沈阳's "ybj.shenyang.gov.cn"). The wizard's and the views' "missing"
lines call ``describe``; the range line calls ``name``. Never a number or office no source gives.
"""

from __future__ import annotations

from yibao_tui.core.msg import Msg
from yibao_tui.text import render, t

_CARE_LEAVES = ("deductible", "rate", "cap")


def _figure(policy, path):
    """(Msg naming the figure, kind): kind "care", "city" or "visit" picks who would know it."""
    parts = path.split(".")
    if parts == ["visit", "day"]:
        return Msg("unk.fig.day"), "visit"
    scheme, rest = parts[0], parts[1:]
    if len(rest) >= 3 and rest[0] == "care":
        care = _care_name(policy, scheme, rest[1])
        if len(rest) == 3 and rest[2] in _CARE_LEAVES:
            return Msg("unk.fig." + rest[2], care=care), "care"
        if len(rest) == 4 and rest[2] == "first_pay":
            return Msg("unk.fig.first_pay", care=care, part=rest[3]), "care"
    if rest == ["fund_cap"]:
        return Msg("unk.fig.fund_cap"), "city"
    if len(rest) == 2 and rest[0] == "serious_illness" and rest[1] in ("threshold", "rate", "cap"):
        return Msg("unk.fig.si." + rest[1]), "city"
    if len(rest) == 2 and rest[0] == "cross_region":
        return Msg("unk.fig.cross_region", status=rest[1]), "city"
    if rest == ["enrolment", "cover"]:
        return Msg("unk.fig.cover"), "city"
    return Msg("unk.fig.other", path=path), "city"


def _care_name(policy, scheme, care):
    c = policy.care(scheme, care)
    return care if c is None else c.label


def name(policy, path, lang):
    """The figure in plain words: "大病保险起付标准", "the inpatient deductible"."""
    return render(_figure(policy, path)[0], lang)


def who(policy, path):
    """Who would know it, as Msgs, nearest first."""
    kind = _figure(policy, path)[1]
    if kind == "visit":
        return [Msg("unk.ask.records")]
    out = [Msg("unk.ask.hospital")] if kind == "care" else []
    out.append(Msg("unk.ask.office", city=policy.name))
    ask = policy.ask
    if ask:  # a place the city's own source names (validated and quoted in the policy file)
        out.append(Msg("unk.ask.policy", where={"zh": ask["zh"], "en": ask["en"]},
                       title=policy.source_title(ask.get("source"))))
    return out


def describe(policy, path, lang):
    """"大病保险起付标准：资料未给出；可问沈阳医保经办机构或…" — the figure in words and who would
    know it, in one language."""
    fig, _ = _figure(policy, path)
    return t("unk.describe", lang, figure=fig, who=Msg("unk.who", items=who(policy, path)))


def stuck(policy, missing, lang):
    """The figures in ``missing`` no value can fill (a cover start, a visit's day), in words."""
    from yibao_tui.core.engine.ranges import figure_path

    return [name(policy, m, lang) for m in missing if figure_path(m, m.partition(".")[0]) is None]
