"""What an estimate could not know, in words: each figure path (``resident.serious_illness.
threshold``, ``employee.care.inpatient.first_pay.class_b`` …) worded from its pieces through the
catalogue (``fig.*``), never a table per path, with what the user can do about it. JSON keeps the
paths."""

from __future__ import annotations

from yibao_tui.core.engine.ranges import figure_path
from yibao_tui.text import label, t
from yibao_tui.text.catalog import CATALOG


def figure_words(policy, path, lang):
    """``path`` as a figure's name: 住院乙类先行自付比例, 大病保险起付标准 … (the path itself when
    the catalogue has no words for a piece)."""
    parts = path.split(".")
    if len(parts) >= 2 and parts[1] == "care" and len(parts) >= 4:
        scheme, care, fig = parts[0], parts[2], ".".join(parts[3:])
        key = f"fig.{fig}"
        if key not in CATALOG:
            return path
        care_def = policy.care(scheme, care)
        care_name = label(care_def.label, lang) if care_def else t(f"label.{care}", lang)
        return t("fig.in_care", lang, care=care_name, fig=t(key, lang))
    if len(parts) == 3 and parts[1] == "cross_region":
        return t("fig.cross_region", lang, status=parts[2])
    key = "fig." + ".".join(parts[1:] if parts[0] != "visit" else parts)
    return t(key, lang) if key in CATALOG else path


def gaps(policy, missing, unchecked, lang):
    """Lines for what is unknown (missing), a cap not applied (unchecked) and what to do."""
    city = label(policy.name, lang)
    lines = []
    if missing:
        lines.append(t("gap.missing", lang, city=city,
                       what=[figure_words(policy, m, lang) for m in missing]))
    if unchecked:
        lines.append(t("gap.unchecked", lang, city=city,
                       what=[figure_words(policy, m, lang) for m in unchecked]))
    fill = [m for m in [*missing, *unchecked] if figure_path(m, m.partition(".")[0])]
    if fill:  # the command that exists for it, with the first figure's path
        lines.append(t("gap.todo_cmd", lang, city=city, id=policy.city, path=fill[0]))
    elif missing or unchecked:
        lines.append(t("gap.todo", lang, city=city))
    return lines
