"""Dialogs of the household screens: member, visit, binding, new household, unsaved changes,
file changed on disk. Choices come from the city's policy; bad input gets an inline message.

Each form dismisses with its result (None when cancelled); edits are applied to the app's
Session here, so a dialog that stays open can show why an edit was refused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from yibao_tui.core import household as H
from yibao_tui.core.engine import EstimateError, yuan
from yibao_tui.core.engine import check as engine_check
from yibao_tui.core.policy import LABELS
from yibao_tui.storage import store
from yibao_tui.text import label, t
from yibao_tui.tui.screens.base import localize
from yibao_tui.tui.session import EditError, Session
from yibao_tui.tui.wizard import care_kinds, parse_money
from yibao_tui.views.household import format_problem

ID_RE = H._ID


class Form(ModalScreen):
    """A dialog: title, rows of label + field, an inline message, a hint. ctrl+s or Enter in a
    text field submits; Esc cancels."""

    CSS_PATH = "household.tcss"
    BINDINGS = (Binding("escape", "cancel", "key.close"),
                Binding("ctrl+s", "submit", "hh.key.ok"))
    TITLE_KEY = ""
    HINT_KEY = "hh.form.hint"

    def __init__(self):
        super().__init__()
        localize(self, self.app.lang)

    @property
    def lang(self):
        return self.app.lang

    @property
    def session(self):
        return self.app.hh

    def compose(self):
        with VerticalScroll(id="dialog"):
            yield Static(self.title_text(), classes="dialog-title")
            yield from self.fields()
            yield Static("", id="form-msg")
            yield Static(t(self.HINT_KEY, self.lang), classes="hint")

    def title_text(self):
        return t(self.TITLE_KEY, self.lang)

    def fields(self):
        return ()

    def row(self, key, widget):
        with Horizontal(classes="form-row"):
            yield Label(t(key, self.lang), classes="form-label")
            yield widget

    def on_mount(self):
        first = next(iter(self.query("Input, Select, OptionList")), None)
        if first is not None:
            first.focus()

    def say(self, msg):
        box = self.query_one("#form-msg", Static)
        box.update(Text(msg))
        box.display = bool(msg)

    def action_cancel(self):
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted):
        event.stop()
        self.action_submit()

    def action_submit(self):
        raise NotImplementedError

    async def relabel(self):
        pass  # a dialog keeps its language until closed: rebuilding would lose what was typed


def text_input(value, id, placeholder=""):
    w = Input("" if value is None else str(value), placeholder=placeholder, id=id, compact=True)
    w.cursor_blink = False  # stable snapshots
    return w


def value_of(select):
    v = select.value
    return None if v is Select.NULL or v == Select.NULL else v


# ───────────────────────────── member ─────────────────────────────

class MemberForm(Form):
    """Add (``member`` None) or edit a member. City, scheme, category and flags offer only what
    the chosen city's policy defines."""

    def __init__(self, member):
        super().__init__()
        self.member = member

    def title_text(self):
        if self.member is None:
            return t("hh.member.add", self.lang)
        return t("hh.member.edit", self.lang, name=self.member.name)

    def fields(self):
        lang, m = self.lang, self.member
        h = self.session.household
        cities = self.app.catalog.policies
        has_head = any(x.relation == "self" for x in h.members if m is None or x.id != m.id)
        rel = m.relation if m else ("spouse" if has_head else "self")
        city = m.city if m else (h.members[0].city if h.members else next(iter(cities), None))
        yield from self.row("hh.f.id", text_input(m.id if m else self.free_id(), "f-id"))
        yield from self.row("hh.f.name", text_input(m.name if m else "", "f-name"))
        yield from self.row("hh.f.relation", Select(
            [(t(f"relation.{r}", lang), r) for r in H.HEAD_RELATIONS],
            value=rel, allow_blank=False, id="f-relation", compact=True))
        yield from self.row("hh.f.birth_year", text_input(m.birth_year if m else "", "f-birth",
                                                          placeholder="1985"))
        yield from self.row("hh.f.city", Select(
            [(label(p.name, lang), c) for c, p in cities.items()],
            value=city if city in cities else Select.NULL, id="f-city", compact=True,
            prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.scheme", Select([], id="f-scheme", compact=True,
                                                  prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.category", Select([], id="f-category", compact=True,
                                                    prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.flags", SelectionList[str](id="f-flags", compact=True))
        yield from self.row("hh.f.balance", text_input(
            m.account_balance if m and m.account_balance is not None else "", "f-balance",
            placeholder="0.00"))

    def free_id(self):
        ids = {m.id for m in self.session.household.members}
        n = len(ids) + 1
        while f"m{n}" in ids:
            n += 1
        return f"m{n}"

    def on_mount(self):
        m = self.member
        self.fill_city(m.scheme if m else None, m.category if m else None, m.flags if m else ())
        super().on_mount()

    def policy(self):
        city = value_of(self.query_one("#f-city", Select))
        return self.session.policies.get(city) if city else None  # the household's year

    def fill_city(self, scheme=None, category=None, flags=()):
        """The city decides the schemes and flags on offer; keep what still fits."""
        lang, p = self.lang, self.policy()
        sch = self.query_one("#f-scheme", Select)
        schemes = list(p.schemes) if p else []
        sch.set_options([(label(LABELS[s], lang), s) for s in schemes])
        if scheme in schemes:
            sch.value = scheme
        elif len(schemes) == 1:
            sch.value = schemes[0]
        fl = self.query_one("#f-flags", SelectionList)
        fl.clear_options()
        for f, lab in (p.flags.items() if p else ()):
            fl.add_option(Selection(label(lab, lang), f, f in flags))
        fl.parent.display = bool(p and p.flags)  # the row only where the city lists groups
        self.fill_scheme(category)

    def fill_scheme(self, category=None):
        lang, p = self.lang, self.policy()
        scheme = value_of(self.query_one("#f-scheme", Select))
        cat = self.query_one("#f-category", Select)
        cats = list(p.schemes[scheme]["categories"]) if p and scheme in p.schemes else []
        cat.set_options([(label(LABELS[c], lang), c) for c in cats])
        if category in cats:
            cat.value = category
        # Only the employee scheme has a personal account.
        self.query_one("#f-balance", Input).parent.display = scheme == "employee"

    def on_select_changed(self, event: Select.Changed):
        if event.select.id == "f-city":
            self.fill_city(value_of(self.query_one("#f-scheme", Select)),
                           value_of(self.query_one("#f-category", Select)),
                           self.query_one("#f-flags", SelectionList).selected)
        elif event.select.id == "f-scheme":
            self.fill_scheme(value_of(self.query_one("#f-category", Select)))

    def action_submit(self):
        lang, s, old = self.lang, self.session, self.member
        h = s.household
        mid = self.query_one("#f-id", Input).value.strip()
        name = self.query_one("#f-name", Input).value.strip()
        birth = self.query_one("#f-birth", Input).value.strip()
        city = value_of(self.query_one("#f-city", Select))
        scheme = value_of(self.query_one("#f-scheme", Select))
        category = value_of(self.query_one("#f-category", Select))
        rel = value_of(self.query_one("#f-relation", Select))
        flags = list(self.query_one("#f-flags", SelectionList).selected)
        bal_text = self.query_one("#f-balance", Input).value
        errs = []
        if not ID_RE.match(mid):
            errs.append(t("hh.bad.id", lang))
        elif any(x.id == mid for x in h.members if old is None or x.id != old.id):
            errs.append(t("hh.bad.id_taken", lang, id=mid))
        if not name:
            errs.append(t("hh.bad.name", lang))
        by = None
        if birth:
            if not (birth.isdigit() and 1900 <= int(birth) <= h.year):
                errs.append(t("hh.bad.birth", lang, year=h.year))
            else:
                by = int(birth)
        if city is None:
            errs.append(t("hh.bad.city", lang))
        if scheme is None or category is None:
            errs.append(t("hh.bad.scheme", lang))
        bal = None
        if scheme == "employee" and bal_text.strip():
            bal, err = parse_money(bal_text)
            if err:
                errs.append(t("hh.f.balance", lang) + "：" + t(err, lang, max="100,000,000"))
        if errs:
            self.say("\n".join(errs))
            return
        fields = dict(id=mid, name=name, relation=rel, birth_year=by, city=city, scheme=scheme,
                      category=category, flags=flags, account_balance=bal)
        member = dataclasses.replace(old, **fields) if old else H.Member(**fields)
        try:
            s.put_member(member, replace=old.id if old else None)
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(member)


# ───────────────────────────── visit ─────────────────────────────

class VisitForm(Form):
    """A visit for the member's year: care and grade as their city's policy offers them.

    With ``index``, the member's visit at that place is edited: the form starts from it, and
    what the form does not show (class-B part, cross-region status, day …) is kept."""

    def __init__(self, member, index=None):
        super().__init__()
        self.member = member
        self.index = index
        self.visit = member.visits[index] if index is not None else None
        self.policy = self.app.hh.policies.get(member.city)

    def title_text(self):
        if self.visit is not None:
            return t("hh.visit.edit", self.lang, name=self.member.name)
        return t("hh.visit.add", self.lang, name=self.member.name)

    def fields(self):
        lang, m, p, v = self.lang, self.member, self.policy, self.visit
        kinds = care_kinds(p, m.scheme, m.category) if p else []
        care = v.care if v is not None and v.care in kinds else (kinds[0] if kinds else None)
        # The care kind's grades up front: a grade is always chosen (no blank entry).
        grades = p.schemes[m.scheme]["care"][care]["grades"] if care else []
        grade = v.grade if v is not None and v.grade in grades else (grades[0] if grades else None)
        yield from self.row("hh.f.month", Select(
            [(t("hh.month", lang, m=i), i) for i in range(1, 13)],
            value=v.month if v is not None else 1, allow_blank=False, id="f-month", compact=True))
        yield from self.row("hh.f.care", Select(
            [(label(LABELS[k], lang), k) for k in kinds], value=care or Select.NULL,
            id="f-care", compact=True, prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.grade", Select(
            [(label(p.grades[g], lang), g) for g in grades], id="f-grade", compact=True,
            value=grade or Select.NULL, prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.disease", Select([], id="f-disease", compact=True,
                                                   prompt=t("disease.none", lang)))
        yield from self.row("in.amount", text_input(
            "" if v is None else yuan(v.amount), "f-amount", placeholder="0.00"))
        yield from self.row("in.out_of_policy", text_input(
            "" if v is None or not v.out_of_policy else yuan(v.out_of_policy), "f-oop",
            placeholder="0.00"))

    def on_mount(self):
        self.fill_care(self.visit.disease if self.visit is not None else None)
        super().on_mount()

    def care(self):
        k = value_of(self.query_one("#f-care", Select))
        return self.policy.schemes[self.member.scheme]["care"][k] if k else None

    def fill_care(self, disease=None):
        lang, care = self.lang, self.care()
        grade = self.query_one("#f-grade", Select)
        grades = care["grades"] if care else []
        keep = value_of(grade)
        grade.set_options([(label(self.policy.grades[g], lang), g) for g in grades])
        if grades:
            grade.value = keep if keep in grades else grades[0]
        dis = self.query_one("#f-disease", Select)
        diseases = (care or {}).get("diseases", {})
        dis.set_options([(label(v, lang), k) for k, v in diseases.items()])
        if disease in diseases:
            dis.value = disease
        dis.parent.display = bool(diseases)  # the row only where the care has diseases

    def on_select_changed(self, event: Select.Changed):
        if event.select.id == "f-care":
            self.fill_care(value_of(self.query_one("#f-disease", Select)))

    def action_submit(self):
        lang, m = self.lang, self.member
        care = value_of(self.query_one("#f-care", Select))
        grade = value_of(self.query_one("#f-grade", Select))
        disease = value_of(self.query_one("#f-disease", Select))
        month = value_of(self.query_one("#f-month", Select))
        amount, err = parse_money(self.query_one("#f-amount", Input).value)
        oop, err2 = parse_money(self.query_one("#f-oop", Input).value)
        errs = []
        if care is None or grade is None:
            errs.append(t("hh.bad.care", lang))
        if err or amount is None:
            errs.append(t("in.amount", lang) + "：" + t(err or "enter_amount", lang,
                                                       max="100,000,000"))
        if err2:
            errs.append(t("in.out_of_policy", lang) + "：" + t(err2, lang, max="100,000,000"))
        if errs:
            self.say("\n".join(errs))
            return
        fields = dict(month=month, care=care, amount=amount, grade=grade, disease=disease,
                      out_of_policy=oop or H.ZERO)
        visit = (H.Visit(**fields) if self.visit is None
                 else dataclasses.replace(self.visit, **fields))
        year = self.session.household.year
        try:
            engine_check(self.policy, m.person(year), visit.claim(year))
            if self.index is None:
                self.session.add_visit(m.id, visit)
            else:
                self.session.put_visit(m.id, self.index, visit)
        except EstimateError as e:
            self.say(t("cannot", lang, msg=e.text(lang)))
            return
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(visit)


class VisitsForm(Form):
    """The member's visits: Enter (or e) edits the highlighted one in the visit form, d deletes
    it. Dismisses with the number of changes made."""

    HINT_KEY = "hh.visits.hint"
    BINDINGS = (Binding("d", "delete", "hh.key.delete"),
                Binding("e", "edit", "hh.key.edit"))

    def __init__(self, member):
        super().__init__()
        self.member = member
        self.changed = 0

    def title_text(self):
        return t("hh.visits.title", self.lang, name=self.member.name)

    def fields(self):
        yield OptionList(*self.options(), id="choices", compact=True)

    def current(self):
        """The member as the session has them now (every edit replaces the household)."""
        return self.session.household.member(self.member.id)

    def options(self):
        lang = self.lang
        out = []
        for v in self.current().visits:
            care = label(LABELS[v.care], lang) + (f" {label(LABELS[v.grade], lang)}"
                                                  if v.grade else "")
            extra = " + " + t("hh.oop", lang, v=yuan(v.out_of_policy)) if v.out_of_policy else ""
            out.append(Option(f"{t('hh.month', lang, m=v.month)} {care} {yuan(v.amount)}{extra}"))
        return out

    def refill(self, at):
        ol = self.query_one("#choices", OptionList)
        ol.clear_options()
        ol.add_options(self.options())
        if ol.option_count:
            ol.highlighted = min(at, ol.option_count - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected):
        event.stop()
        self.edit(event.option_index)

    def action_edit(self):
        i = self.query_one("#choices", OptionList).highlighted
        if i is not None:
            self.edit(i)

    def edit(self, i):
        def done(visit):
            if visit is not None:
                self.changed += 1
                self.refill(i)

        self.app.push_screen(VisitForm(self.current(), i), done)

    def action_delete(self):
        i = self.query_one("#choices", OptionList).highlighted
        if i is None:
            return
        try:
            self.session.delete_visit(self.member.id, i)
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.changed += 1
        self.refill(i)

    def action_submit(self):
        self.dismiss(self.changed)

    def action_cancel(self):
        self.dismiss(self.changed)


# ───────────────────────────── binding ─────────────────────────────

class BindForm(Form):
    """家庭共济: a relative may spend a holder's personal account. Any pair may be entered; the
    rules of the holder's city then say ok / broken / unknown, with their quotes."""

    TITLE_KEY = "hh.bind.title"

    def fields(self):
        lang, h = self.lang, self.session.household
        members = [(f"{m.name} ({m.id})", m.id) for m in h.members]
        holder = next((m.id for m in h.members if m.scheme == "employee" and m.insured), None)
        yield Static(t("hh.bind.explain", lang), classes="hint")
        yield from self.row("hh.f.holder", Select(members, value=holder or Select.NULL,
                                                  id="f-holder", compact=True,
                                                  prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.beneficiary", Select(members, id="f-ben", compact=True,
                                                       prompt=t("hh.f.choose", lang)))
        yield from self.row("hh.f.rel_override", Select(
            [(t(f"relation.{r}", lang), r) for r in H.RELATIONS], id="f-rel",
            compact=True, prompt=t("hh.f.derived", lang)))

    def action_submit(self):
        lang, s = self.lang, self.session
        holder = value_of(self.query_one("#f-holder", Select))
        ben = value_of(self.query_one("#f-ben", Select))
        rel = value_of(self.query_one("#f-rel", Select))
        if holder is None or ben is None:
            self.say(t("hh.bad.pair", lang))
            return
        if holder == ben:
            self.say(t("hh.bad.self_bind", lang))
            return
        if (holder, ben) in s.pairs():
            self.say(t("hh.bad.bound_twice", lang))
            return
        try:
            broken = s.bind(holder, ben, rel)
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(broken)


# ───────────────────────────── new household / save as ─────────────────────────────

class NewHouseholdForm(Form):
    TITLE_KEY = "hh.new.title"

    def fields(self):
        yield from self.row("hh.f.hh_name", text_input("", "f-hname"))
        yield from self.row("hh.f.year", text_input(str(dt.date.today().year), "f-year"))

    def action_submit(self):
        lang = self.lang
        name = self.query_one("#f-hname", Input).value.strip()
        year = self.query_one("#f-year", Input).value.strip()
        errs = []
        if not name:
            errs.append(t("hh.bad.hh_name", lang))
        if not (year.isdigit() and 2000 <= int(year) <= 2100):
            errs.append(t("hh.bad.year", lang))
        if errs:
            self.say("\n".join(errs))
            return
        try:
            s = Session.new(name, int(year), self.app.profiles, self.app.dirs)
        except EditError as e:
            self.say("\n".join(e.texts(self.lang)))
            return
        self.dismiss(s)


class SaveAsForm(Form):
    TITLE_KEY = "hh.saveas.title"

    def fields(self):
        d = store.households_dir(self.app.profiles)
        yield Static(t("hh.saveas.where", self.lang, dir=d), classes="hint")
        yield from self.row("hh.f.file", text_input(self.session.path.stem + "-2"
                                                    if self.session.path else "", "f-file"))

    def action_submit(self):
        name = self.query_one("#f-file", Input).value.strip()
        if not name:
            self.say(t("exp.empty", self.lang))
            return
        try:
            path = self.session.save_as(name)
        except (store.StoreError, OSError) as e:
            self.say(t("hh.save_failed", self.lang, err=str(e)))
            return
        self.app.notify(t("hh.saved", self.lang, path=path))
        self.dismiss(True)


# ───────────────────────────── questions ─────────────────────────────

class Choice(Form):
    """A question with a few answers, each on a key; Esc cancels."""

    HINT_KEY = "hh.choice.hint"
    CHOICES = ()  # (answer id, key, i18n key)

    def fields(self):
        yield Static(self.question(), id="question")
        yield OptionList(*[Option(f"{k}  {t(lab, self.lang)}", id=a) for a, k, lab in self.CHOICES],
                         id="choices", compact=True)

    def question(self):
        return ""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected):
        self.answer(event.option_id)

    def on_key(self, event):
        for a, k, _lab in self.CHOICES:
            if event.key == k:
                event.stop()
                self.answer(a)

    def answer(self, a):
        self.dismiss(a)

    def action_submit(self):
        ol = self.query_one("#choices", OptionList)
        if ol.highlighted is not None:
            self.answer(ol.options[ol.highlighted].id)


class UnsavedForm(Choice):
    """Leaving with unsaved changes: save / discard / cancel."""

    TITLE_KEY = "hh.unsaved.title"
    CHOICES = (("save", "s", "hh.unsaved.save"), ("discard", "d", "hh.unsaved.discard"),
               ("cancel", "c", "hh.unsaved.cancel"))

    def question(self):
        return t("hh.unsaved.q", self.lang, name=self.session.household.name)

    def answer(self, a):
        self.dismiss(None if a == "cancel" else a)


# store.ChangedOnDisk.kind: (title, question, the answers that make sense besides cancel)
CHANGED_KINDS = {
    "changed": ("hh.changed.title", "hh.changed.q",
                (("reload", "r", "hh.changed.reload"), ("saveas", "a", "hh.changed.saveas"))),
    "deleted": ("hh.gone.title", "hh.gone.q",
                (("again", "s", "hh.gone.again"), ("saveas", "a", "hh.changed.saveas"))),
    "exists": ("hh.taken.title", "hh.taken.q", (("saveas", "a", "hh.taken.saveas"),)),
}


class ChangedForm(Choice):
    """A save found the file on disk not as expected (``store.ChangedOnDisk.kind``); nothing was
    written. Each case says what happened and offers what makes sense there:

    - "changed" since it was loaded: reload it (dropping the edits here) or save as;
    - "deleted" since it was loaded: save again where it was, or save as;
    - "exists": a new household's file was created meanwhile by someone else: save as.

    Dismisses True when the edits were saved."""

    def __init__(self, error):
        super().__init__()
        self.error = error
        kind = getattr(error, "kind", "changed")
        self.TITLE_KEY, self.question_key, choices = CHANGED_KINDS.get(kind, CHANGED_KINDS["changed"])
        self.CHOICES = (*choices, ("cancel", "c", "hh.unsaved.cancel"))

    def question(self):
        return t(self.question_key, self.lang, path=self.error.path)

    def answer(self, a):
        lang = self.lang
        if a == "reload":
            try:
                self.session.reload()
            except H.HouseholdError as e:
                self.say("\n".join(format_problem(p, lang) for p in e.problems))
                return
            except store.StoreError as e:
                self.say(str(e))
                return
            self.app.notify(t("hh.reloaded", lang, path=self.session.path))
            self.dismiss(False)
        elif a == "again":
            try:
                self.session.save_again()
            except (store.StoreError, OSError) as e:
                self.say(t("hh.save_failed", lang, err=str(e)))
                return
            self.app.notify(t("hh.saved", lang, path=self.session.path))
            self.dismiss(True)
        elif a == "saveas":
            def saved(ok):
                if ok:
                    self.dismiss(True)  # not returned: the callback's result would be awaited

            self.app.push_screen(SaveAsForm(), saved)
        else:
            self.dismiss(False)
