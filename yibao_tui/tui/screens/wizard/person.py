"""Step 2: scheme (险种) and category (人员类别), only those the city's policy defines."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from yibao_tui.text import city_year, t, term
from yibao_tui.tui.screens.wizard.base import WizardScreen
from yibao_tui.tui.widgets.marked_list import MarkedList
from yibao_tui.tui.widgets.plain import plain


class PersonScreen(WizardScreen):
    STEP = "person"
    CSS_PATH = "wizard.tcss"

    def body(self):
        lang = self.lang
        policy = self.app.policy
        yield Static(plain(f"{city_year(policy, lang)} — {t('person.prompt', lang)}"),
                     classes="prompt")
        options = []
        for scheme in policy.scheme_ids:
            head = Text()
            head.append(term(scheme, lang), style="bold")
            head.append(f" — {t('expl.' + scheme, lang)}", style="dim")
            options.append(Option(plain(head), id=f"head:{scheme}", disabled=True))
            for cat in policy.scheme(scheme).categories:
                row = Text()  # MarkedList indents it (and marks the highlighted row)
                row.append(term(cat, lang), style="bold")
                row.append(f" — {t('expl.' + cat, lang)}")
                options.append(Option(plain(row), id=f"{scheme}:{cat}"))
        yield MarkedList(*options, id="choices")

    def setup(self):
        ol = self.query_one("#choices", OptionList)
        ids = [o.id for o in ol.options]
        want = f"{self.sel.scheme}:{self.sel.category}"
        ol.highlighted = ids.index(want) if want in ids else next(
            i for i, o in enumerate(ol.options) if not o.disabled)
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected):
        scheme, cat = event.option_id.split(":")
        self.app.choose_person(scheme, cat)


SCREEN = PersonScreen
