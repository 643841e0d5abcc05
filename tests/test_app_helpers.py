"""The app's small pure helpers, tested without running the app."""

from decimal import Decimal

import pytest

from yibao_tui.tui.app import amount_text


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("20000.00"), "20000"),  # a household's amount: "20,000" in the box, not "20,000.0"
    (Decimal("12.5"), "12.50"),
    (Decimal("3E+4"), "30000"),
    (Decimal("0"), "0"),
])
def test_amount_text(value, text):
    assert amount_text(value) == text


@pytest.mark.parametrize(("lang", "legend"), [("zh", "?=未知"), ("en", "?=unknown")])
def test_totals_legend_is_one_word(lang, legend):
    # "? 未知" broke between the glyph and its name at 80 columns: one word now
    from rich.console import Console

    from yibao_tui.tui.widgets.visit_panes import totals_text

    from .test_document import shenyang_document

    text = totals_text(shenyang_document(lang)[1])
    assert legend in text.plain
    console = Console(width=78, color_system=None)
    with console.capture() as cap:
        console.print(text)
    assert any(legend in line for line in cap.get().splitlines())


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 50, 60, 70, 78, 100])
def test_totals_line_breaks_between_figures_never_inside_one(lang, width):
    # Issue #23: at 80 columns the English line broke between "total" and its figure. Given
    # its width, the line breaks between figures: every line fits, and each label keeps its
    # figure (the total's label is never a line's last word).
    from rich.console import Console

    from yibao_tui.text import t
    from yibao_tui.tui.widgets.visit_panes import totals_text

    from .test_document import shenyang_document

    doc = shenyang_document(lang)[1]
    text = totals_text(doc, width)
    console = Console(width=width, color_system=None)
    with console.capture() as cap:
        console.print(text)
    first = doc.section("visit").lines[0] if doc.section("visit").lines else None
    figure_lines = cap.get().splitlines()[: text.plain.split("\n").index(first)] if first else []
    assert figure_lines and all(len(ln.rstrip()) <= width for ln in figure_lines)
    assert figure_lines == text.plain.split("\n")[: len(figure_lines)]  # no wrap but ours
    total = next(f for f in doc.section("visit").figures if f.key == "total")
    assert any(f"{t('total', lang)} {total.text}" in ln for ln in figure_lines)
