"""Step 3: care kind (就医类型), hospital grade (医院级别) and, where the care needs one, disease."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from yibao_tui.text import city_year, label, t, term
from yibao_tui.tui.screens.wizard.base import WizardScreen
from yibao_tui.tui.widgets.marked_list import MarkedList
from yibao_tui.tui.widgets.plain import plain
from yibao_tui.tui.wizard import care_kinds

NO_DISEASE = "-"


class CareScreen(WizardScreen):
    """Three lists; the highlighted care kind decides the grades and diseases shown. Enter in a
    list chooses and moves to the next; Enter in the last one opens the breakdown."""

    STEP = "care"
    CSS_PATH = "wizard.tcss"

    def body(self):
        lang, policy = self.lang, self.app.policy
        kinds = care_kinds(policy, self.sel.scheme, self.sel.category)
        yield Static(plain(f"{city_year(policy, lang)} · {term(self.sel.scheme, lang)} · "
                           f"{term(self.sel.category, lang)}"), classes="prompt")
        # Reading order is focus order: care and grade side by side, the disease list under them.
        with Vertical(id="care-body"):
            with Horizontal(id="care-top"):
                care = MarkedList(*[Option(plain(label(self.care_def(k).label, lang)), id=k) for k in kinds],
                                  id="kinds")
                care.border_title = t("care.prompt", lang)
                yield care
                grades = MarkedList(id="grades")
                grades.border_title = t("grade.prompt", lang)
                yield grades
            dz = MarkedList(id="diseases")
            dz.border_title = t("disease.prompt", lang)
            yield dz
        yield Static(plain(t("care.hint", lang)), classes="hint")

    def setup(self):
        kinds = self.query_one("#kinds", OptionList)
        ids = [o.id for o in kinds.options]
        # The highlighted kind, once there is one (F2 rebuilds the screen: the highlight stays),
        # else the one chosen before, else the first.
        kept = getattr(self, "pending", None)
        self.pending = next(k for k in (kept, self.sel.care, ids[0]) if k in ids)
        kinds.highlighted = ids.index(self.pending)
        self.fill(self.pending)
        kinds.focus()

    async def relabel(self):
        """F2: the same highlights in the other language (grade and disease not chosen yet)."""
        lists = [self.query_one(f"#{i}", OptionList) for i in ("grades", "diseases")]
        kept = [x.highlighted_option.id if x.highlighted_option else None for x in lists]
        await super().relabel()
        for i, option_id in zip(("grades", "diseases"), kept, strict=True):
            box = self.query_one(f"#{i}", OptionList)
            ids = [o.id for o in box.options]
            if option_id in ids:
                box.highlighted = ids.index(option_id)

    def care_def(self, care):
        """The care kind as the policy defines it (a ``core.policy`` ``Care``)."""
        return self.app.policy.care(self.sel.scheme, care)

    def fill(self, care):
        """Grades and diseases of ``care``, keeping earlier choices where they still fit."""
        lang, policy, c = self.lang, self.app.policy, self.care_def(care)
        grades = self.query_one("#grades", OptionList)
        grades.clear_options()
        grades.add_options(Option(plain(label(policy.grades[g], lang)), id=g) for g in c.grades)
        grades.highlighted = c.grades.index(self.sel.grade) if self.sel.grade in c.grades else 0
        # Once laid out (a short window gives the list less height): the chosen grade in view.
        self.call_after_refresh(grades.scroll_to_highlight)
        dz = self.query_one("#diseases", OptionList)
        dz.clear_options()
        diseases = c.diseases
        dz.display = bool(diseases)
        opts = [] if c.disease_required else [Option(t("disease.none", lang), id=NO_DISEASE)]
        opts += [Option(plain(label(v, lang)), id=k) for k, v in diseases.items()]
        dz.add_options(opts)
        ids = [o.id for o in opts]
        dz.highlighted = ids.index(self.sel.disease) if self.sel.disease in ids else 0
        dz.border_title = t("disease.prompt", lang) + (
            t("disease.required", lang) if c.disease_required else "")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted):
        if event.option_list.id == "kinds" and event.option_id != self.pending:
            self.pending = event.option_id
            self.fill(self.pending)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected):
        which = event.option_list.id
        if which == "kinds":
            self.query_one("#grades").focus()
            return
        grades = self.query_one("#grades", OptionList)
        dz = self.query_one("#diseases", OptionList)
        if which == "grades" and dz.display:
            dz.focus()
            return
        disease = None
        if dz.display and dz.highlighted_option is not None:
            disease = dz.highlighted_option.id
        self.app.choose_care(self.pending, grades.highlighted_option.id,
                             None if disease == NO_DISEASE else disease)


SCREEN = CareScreen
