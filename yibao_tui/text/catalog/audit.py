"""Strings of the third audit's fixes (issue #21): birth cut-offs, verdicts on every stream."""

from __future__ import annotations

STRINGS = {
    "enrolment.label.born_cut_off": ("出生日期界限", "birth cut-off"),
    "enrolment.text.born_before_cut_off": (
        "{born}年出生，不在“{cut:d} 24时后出生”之列：不按{category:label}而按{otherwise:label}缴费",
        "born {born}, not after {cut:d} 24:00: pays as {otherwise:label}, not {category:label}"),
    "enrolment.text.born_unknown_cut_off": (
        "{category:label}标准只适用于{cut:d} 24时后出生者；"
        "此前出生的按{otherwise:label}缴费（未给出生年份，未核对）",
        "the {category:label} rate is for those born after {cut:d} 24:00 only; anyone born "
        "earlier pays as {otherwise:label} (no year of birth given: not checked)"),
    "enrol.scheme_not_on_file": (
        "{city}的资料未给出{scheme:label}的缴费和待遇：缴费、待遇起始日未知",
        "{city}'s sources do not describe its {scheme:label}: premium and cover start unknown"),
}
