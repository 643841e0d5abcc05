"""One document per result, rendered four ways (issue #17): plain text, Markdown, JSON and the
app's widgets show the same rows, the same amounts and the same qualifier on each row; no
renderer words a separator of its own (the English export has no Chinese one).

The document is 沈阳 adult, inpatient grade 3, 10,000 (policies/shenyang-2024.toml):
deductible “三级 300 600 75% 75%” → 600; (10,000 − 600) × 75 % = 7,050.00 from the fund, at most
(沈阳 gives no fund cap: not applied); the 大病 threshold is unknown, so serious illness runs
0.00 – 1,770.00 (threshold 10,000 − 7,050 = 2,950 or more: nothing; threshold 0: 2,950 × 60 % =
1,770.00) and you pay 2,950.00 − that: 1,180.00 – 2,950.00.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yibao_tui.core import policy as pol
from yibao_tui.core.engine import Claim, Person, estimate
from yibao_tui.core.engine.ranges import visit_range
from yibao_tui.tui.widgets.document_text import document_text
from yibao_tui.tui.widgets.visit_panes import totals_text
from yibao_tui.views.document import AT_MOST, EXACT, RANGE, UNKNOWN
from yibao_tui.views.estimate import visit_document
from yibao_tui.views.estimate_json import estimate_json
from yibao_tui.views.markdown import markdown
from yibao_tui.views.text import text_lines

from .conftest import POLICIES, examples

ADULT = Person("resident", "adult")
WIDE = 300  # no wrapping: a row is one line in every layout


def shenyang_document(lang="en", cross_region=()):
    p = pol.load_city("shenyang", dirs=[str(POLICIES)])
    claim = Claim("inpatient", Decimal(10000), grade="3", cross_region=cross_region)
    res = estimate(p, ADULT, claim)
    return p, visit_document(p, ADULT, res, lang, visit_range(p, ADULT, claim), ranged=True)


def four_ways(doc):
    """The document as the CLI prints it, as exported, as JSON, and as the app's panes show it."""
    text = "\n".join(text_lines(doc, WIDE))
    md = markdown(doc)
    data = json.loads(json.dumps(estimate_json(doc)))
    widgets = document_text(doc, WIDE).plain + "\n" + totals_text(doc).plain
    return text, md, data, widgets


def line_of(out, label):
    """The line a row starts on (a label over 24 cells runs on under itself in plain text)."""
    return next(ln for ln in out.splitlines() if ln.strip().startswith(label[:14]))


def json_qualifier(data, key):
    """A figure's qualifier as the JSON says it: a null with its range, a null without one, a
    figure with a cap not applied (the fund, at most), or a figure."""
    if data[key] is None:
        return RANGE if data.get(f"{key}_range") else UNKNOWN
    return AT_MOST if key == "fund" and data["unchecked"] else EXACT


def test_the_same_rows_amounts_and_qualifiers_four_ways():
    _p, doc = shenyang_document()
    text, md, data, widgets = four_ways(doc)
    sec = doc.section("visit")
    steps = {s["key"]: s for s in data["steps"]}
    assert [r.key for r in sec.rows] == [s["key"] for s in data["steps"]]
    for row in sec.rows:
        # text and the panes: the label and the amount as shown, on one line
        for out in (text, widgets):
            assert line_of(out, row.label).rstrip().endswith(row.amount), (row.key, out)
        # Markdown: the table row, its amount in the last cell
        cells = [c.strip() for c in line_of(md, f"| {row.label}").strip("|").split("|")]
        assert cells[0].startswith(row.label) and cells[-1] == row.amount
        # JSON: the same step, its machine value and words
        s = steps[row.key]
        assert s["label"]["en"] == row.label and s["arithmetic"] == row.text
        assert s["amount"] == (None if row.value is None else str(row.value))
    # The totals: each figure with its qualifier, the same in every rendering.
    figs = {f.key: f for f in sec.figures}
    assert {k: f.qualifier.kind for k, f in figs.items()} == {
        "fund": AT_MOST, "serious_illness": RANGE, "self_pay": RANGE, "total": EXACT}
    assert (figs["fund"].text, figs["serious_illness"].range_text, figs["self_pay"].range_text) \
        == ("at most 7,050.00", "0.00 – 1,770.00", "1,180.00 – 2,950.00")
    for key, f in figs.items():
        assert json_qualifier(data, key) == f.qualifier.kind
        if f.qualifier.kind == RANGE:
            assert data[f"{key}_range"] == [str(f.qualifier.low), str(f.qualifier.high)]
            for out in (text, md, widgets):
                assert f"{f.label} {f.range_text}" in out
        else:
            assert data[key] == str(f.value)
            for out in (text, md, widgets):
                assert f"{f.label} {f.text}" in out
    # The fund's own step carries the figure's qualifier too (≤ in a cell), not a bare 7,050.00.
    fund_row = next(r for r in sec.rows if r.key == "fund")
    assert fund_row.qualifier.kind == AT_MOST and fund_row.amount == "≤ 7,050.00"
    assert data["unchecked"] == ["resident.fund_cap"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_cited_row_is_cited_four_ways(lang):
    _p, doc = shenyang_document(lang)
    text, md, _data, widgets = four_ways(doc)
    for row in doc.section("visit").rows:
        if row.quote:
            for out in (text, md, widgets):
                assert f"“{row.quote}”" in out and row.source in out


CHINESE_SEPARATORS = "、，：；（）。！？"


def test_the_english_export_has_no_chinese_separator():
    # Registered and not settled directly: two statuses, listed in the claim's title. The
    # English export used to print "registered cross-region、not settled directly".
    p, doc = shenyang_document("en", cross_region=("registered",))
    p2 = pol.load_city("liaoyuan", dirs=[str(POLICIES)])
    claim = Claim("inpatient", Decimal(20000), grade="2", cross_region=("registered", "not-direct"))
    res = estimate(p2, ADULT, claim)
    doc2 = visit_document(p2, ADULT, res, "en", visit_range(p2, ADULT, claim), ranged=True)
    for policy, d in ((p, doc), (p2, doc2)):
        md = markdown(d)
        assert "registered cross-region, not settled directly" in md or policy is p
        # What the sources say stays in their words: quotes and titles are taken out first.
        ours = re.sub(r"“[^”]*”", "", md)
        for src in policy.sources.values():
            ours = ours.replace(src["title"], "")
        assert not [c for c in ours if c in CHINESE_SEPARATORS], ours
        # The Chinese export uses the Chinese list separator.
    zh = markdown(visit_document(p2, ADULT, res, "zh"))
    assert "已备案异地就医、应直接结算未直接结算" in zh


def test_the_text_layer_words_every_qualifier():
    from yibao_tui.views.document import Figure, Qualifier

    for lang, at_most, at_least in (("zh", "至多 1.00", "至少 1.00"), ("en", "at most 1.00",
                                                                        "at least 1.00")):
        one = Decimal("1.00")
        assert Figure("fund", one, Qualifier(AT_MOST, high=one), lang).text == at_most
        assert Figure("self_pay", one, Qualifier("at_least", low=one), lang).text == at_least
        assert Figure("fund", one, Qualifier(AT_MOST, high=one), lang).cell == "≤ 1.00"
        rng = Figure("fund", None, Qualifier(RANGE, Decimal(0), one), lang)
        assert rng.range_text == "0.00 – 1.00" and rng.cell == Figure("fund", None, lang=lang).text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30)


@settings(max_examples=examples(300), deadline=None)
@given(json_values)
def test_the_json_writer_writes_what_json_dumps_writes(value):
    from yibao_tui.views.estimate_json import dumps

    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_the_json_writer_leaves_what_it_does_not_write_to_json():
    from yibao_tui.views.estimate_json import dumps

    assert dumps({"f": 1.5, 1: [()]}) == json.dumps({"f": 1.5, 1: [()]}, ensure_ascii=False, indent=2)
