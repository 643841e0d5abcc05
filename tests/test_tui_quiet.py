"""widgets/quiet: a Static is laid out again only when its lines may change (a keystroke in a
money box changes figures, not heights), and not redrawn at all for the same text."""

from __future__ import annotations

from rich.text import Text

from yibao_tui.tui.widgets.quiet import same_content, same_height


def test_same_lines_need_no_layout():
    # 2 lines each, all within 20 cells: the pane keeps its height
    assert same_height(Text("基金 1,000.00\n自付 0.00"), Text("基金 1,005.00\n自付 5.00"), 20)


def test_a_line_more_or_a_wrapped_line_needs_a_layout():
    assert not same_height(Text("a"), Text("a\nb"), 20)  # 1 line → 2
    # "基金支付 12,345.00" is 4×2 + 1 + 9 = 18 cells: it wraps in 17, so its height may change
    assert not same_height(Text("x"), Text("基金支付 12,345.00"), 17)
    assert same_height(Text("x"), Text("基金支付 12,345.00"), 18)


def test_unknown_width_or_not_text_needs_a_layout():
    assert not same_height(Text("a"), Text("b"), 0)  # not laid out yet
    assert not same_height("a", Text("b"), 20)


def test_same_content_compares_the_style_too():
    assert same_content(Text("a", style="bold"), Text("a", style="bold"))
    # Rich's == finds these equal (it compares the plain text and spans only)
    assert not same_content(Text("a", style="bold"), Text("a", style="green"))
    assert not same_content(Text("a"), Text("b"))
    assert same_content("", Text("", style="green"))  # both show nothing
    assert not same_content("a", Text("a"))  # a str is markup to a Static: redrawn
