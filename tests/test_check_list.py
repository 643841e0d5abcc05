"""Cross-region boxes must show their state without colour (NO_COLOR users)."""

import asyncio

from textual.app import App
from textual.widgets.selection_list import Selection

from yibao_tui.tui.widgets.check_list import CheckList


class _Probe(App):
    def compose(self):
        yield CheckList(Selection("on", "a", True), Selection("off", "b", False))


def test_ticked_shows_x_unticked_is_blank():
    async def run():
        app = _Probe()
        async with app.run_test(size=(30, 5)) as pilot:
            box = app.query_one(CheckList)
            lines = ["".join(s.text for s in box.render_line(y)) for y in (0, 1)]
            assert lines[0].startswith("▐X▌") and "on" in lines[0]
            assert lines[1].startswith("▐ ▌") and "off" in lines[1]
            box.select("b")
            await pilot.pause()
            assert "".join(s.text for s in box.render_line(1)).startswith("▐X▌")

    asyncio.run(run())
