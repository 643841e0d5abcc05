"""Step 1: the home city (参保地), whose policy applies."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from yibao_tui.core.msg import problem_msg
from yibao_tui.text import label, render, t
from yibao_tui.tui.screens.wizard.base import WizardScreen
from yibao_tui.tui.widgets.marked_list import MarkedList
from yibao_tui.tui.widgets.plain import plain


class CityScreen(WizardScreen):
    STEP = "city"
    CSS_PATH = "wizard.tcss"

    def body(self):
        lang, cat = self.lang, self.app.catalog
        yield Static(t("city.prompt", lang), classes="prompt")
        options = []
        for city, p in cat.policies.items():
            row = Text()
            row.append(label(p.name, lang), style="bold")
            row.append(f"  {label(p.province, lang)} · {t('city.year', lang, year=p.year)}", style="dim")
            options.append(Option(plain(row), id=city))
        yield MarkedList(*options, id="choices")
        if not options:
            yield Static(t("city.none", lang), classes="error")
        failed = cat.failed()
        if failed:
            lines = [t("city.errors", lang)]
            for name, problems in failed:
                lines.append(f"• {name}")
                lines += [f"    {render(problem_msg(p, with_file=False), lang)}" for p in problems[:5]]
                if len(problems) > 5:
                    lines.append(f"    … (+{len(problems) - 5})")
            yield Static("\n".join(lines), classes="error", id="load-errors", markup=False)

    def setup(self):
        ol = self.query_one("#choices", OptionList)
        ids = [o.id for o in ol.options]
        if self.sel.city in ids:
            ol.highlighted = ids.index(self.sel.city)
        elif ids:
            ol.highlighted = 0
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected):
        self.app.choose_city(event.option_id)


SCREEN = CityScreen
