"""``yibao`` with no subcommand: the Textual wizard.

Start-up stays close to a bare Textual app: only the first step's screen is imported; the others
(and compare, export, help) are imported when first shown.
"""

from __future__ import annotations

import importlib
import os
from decimal import Decimal

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen

from yibao_tui.core.policy.cache import PolicyCache
from yibao_tui.core.safe import safe_lines
from yibao_tui.inputs.options import Parser, UsageError, add_visit_opts, amount_arg
from yibao_tui.inputs.policy import policy_dirs
from yibao_tui.text import LANGS, label, t
from yibao_tui.text.names import NotAccepted, name_to_id, resolve_names
from yibao_tui.tui.palette import YibaoCommands
from yibao_tui.tui.screens.localized import localize
from yibao_tui.tui.screens.wizard import STEPS
from yibao_tui.tui.settings import Settings
from yibao_tui.tui.wizard import MONEY_PARTS, Selection, care_kinds

BENCH_ENV = "YIBAO_BENCH_EXIT"  # benchmarks/tui_startup.py: exit after the first frame


class YibaoApp(App):
    TITLE = "医保报销估算"
    CSS_PATH = "app.tcss"
    # Ctrl+P: the app's own actions first (tui/palette), then Textual's keys panel and screenshot
    COMMANDS = App.COMMANDS | {YibaoCommands}
    COMMAND_PALETTE_DISPLAY = "^p"
    # Every binding has an id (``scope.action``): the config file's [keymap] remaps it by that id
    # (Textual's set_keymap; ``yibao docs config`` lists them).
    BINDINGS = (
        Binding("f1", "help", "key.help", id="app.help"),
        Binding("question_mark", "help", "key.help", show=False, id="app.help"),
        Binding("f2", "toggle_lang", "key.lang", id="app.lang"),
        Binding("ctrl+q", "quit", "key.quit", priority=True, id="app.quit"),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True, id="app.palette"),
    )

    def __init__(self, lang="zh", prefill=None, dirs=None, bench_exit=False, profiles=None,
                 households=None):
        super().__init__()
        self.profiles = profiles  # households dir override (None: $YIBAO_PROFILES / data dir)
        self.households = households  # open the household screens at start: True or a name
        self.hh = None  # the household being edited (hh_session.Session), kept across screens
        self.lang = lang if lang in LANGS else "zh"
        self.sel = Selection()
        self.prefill = prefill or {}
        self.dirs = dirs
        self.catalog = None
        self.step = None
        self.bench_exit = bench_exit
        self.news = None  # a line for the next breakdown's status line (compare's switch)
        self.said_since_change = False  # a toast raised since the last change of screen
        localize(self, self.lang)

    def notify(self, message, *, markup=False, **kw):
        """Every notification as plain text through the one escape function (``core.safe``):
        it may name a household, a member, a note or a path from a file, so it is never read as
        markup (``[/]`` in a name would raise), whatever the caller (a Widget passes True)."""
        self.said_since_change = True
        super().notify(safe_lines(message), markup=False, **kw)

    def screen_changed(self, _screen):
        """Toasts go with the screen they were said on: a change of screen takes them away,
        but for those said since the last change (a form's "saved" as it closes, an error found
        while opening the next screen), which stay until the next."""
        if not self.said_since_change:
            self.clear_notifications()
        self.said_since_change = False

    @property
    def policy(self):
        return self.catalog.get(self.sel.city) if self.catalog else None

    def action_command_palette(self):
        """Ctrl+P: Textual's palette, its prompt in the app's language (not "Search for
        commands…" on a Chinese screen)."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=t("palette.placeholder", self.lang)))

    def get_system_commands(self, screen):
        """Textual's own palette commands but theme and quit, which the app's provider offers in
        the app's language."""
        for cmd in super().get_system_commands(screen):
            if cmd.callback not in (self.action_change_theme, self.action_quit):
                yield cmd

    def on_mount(self):
        self.title = t("title", self.lang)
        self.settings = Settings(self)
        self.settings.apply()
        self.screen_change_signal.subscribe(self, self.screen_changed)
        from yibao_tui.storage import supplied  # your own figures, used by every estimate

        self.catalog = PolicyCache(self.dirs, fill=supplied.fill)
        step, err = self.apply_prefill()
        self.goto(step)
        if err:
            self.notify(t("err.prefill", self.lang, msg=err), severity="error", timeout=6)
        if self.households:
            self.call_after_refresh(self.open_households, self.households)

    def first_frame(self, screen):
        """The first step's screen is mounted; the benchmark stops once it is drawn."""
        if self.bench_exit:
            screen.call_after_refresh(self.exit)

    # ── navigation ──

    def goto(self, step):
        module = importlib.import_module(f".screens.wizard.{step}", __package__)
        screen = module.SCREEN()
        if self.step is None:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)
        self.step = step

    def back(self):
        i = STEPS.index(self.step)
        if i > 0:
            self.goto(STEPS[i - 1])

    def choose_city(self, city):
        self.sel.city = city
        self.goto("person")

    def choose_person(self, scheme, category):
        self.sel.scheme, self.sel.category = scheme, category
        self.goto("care")

    def choose_care(self, care, grade, disease):
        self.sel.care, self.sel.grade, self.sel.disease = care, grade, disease
        self.goto("breakdown")

    # ── actions ──

    async def action_toggle_lang(self):
        self.lang = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)]
        localize(self, self.lang)
        self.title = t("title", self.lang)
        # What is on view (the top screen, and each one under a dialog) is worded again now; a
        # screen covered by another is worded when it comes back (a rebuild of every screen in
        # the stack made F2 slow, deep in the households).
        on_view = True
        for screen in reversed(self.screen_stack):
            if hasattr(screen, "relabel"):
                if on_view:
                    await screen.relabel()
                else:
                    screen.relabel_pending = True
            on_view = on_view and isinstance(screen, ModalScreen)
        self.refresh_bindings()

    def action_help(self):
        from yibao_tui.tui.screens.wizard.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen())

    # ── households (imported only when first opened) ──

    def action_households(self):
        self.open_households()

    def open_households(self, name=True):
        """Push the household list over the wizard; with a household open (or ``name``), its
        detail too."""
        from yibao_tui.tui.screens.household.households import (
            HouseholdBase,
            HouseholdListScreen,
            open_session,
        )

        if any(isinstance(s, HouseholdBase) for s in self.screen_stack):
            return
        if isinstance(name, str):
            self.hh = open_session(self, name) or self.hh
        self.push_screen(HouseholdListScreen())
        if self.hh is not None:
            from yibao_tui.tui.screens.household.detail import HouseholdScreen

            self.push_screen(HouseholdScreen())

    async def open_household(self, path):
        """The palette's "open household: NAME": the household screens on that file; unsaved
        edits of the one open are asked about first (save / discard / cancel)."""
        from yibao_tui.tui.screens.household.households import HouseholdBase
        from yibao_tui.tui.screens.household.saving import confirm_unsaved

        async def go():
            while isinstance(self.screen, HouseholdBase):
                await self.pop_screen()
            self.hh = None
            self.open_households(path)

        confirm_unsaved(self, lambda: self.call_later(go))

    async def estimate_member(self, member):
        """The wizard, prefilled from a member (and their first visit): the household screens
        close, the Session stays on the app, so F5 comes back to it with any unsaved edits."""
        from yibao_tui.tui.screens.household.households import HouseholdBase

        pre = {"city": member.city, "scheme": member.scheme, "category": member.category,
               "cross_region": []}
        if member.visits:
            v = member.visits[0]
            pre.update(care=v.care, grade=v.grade, disease=v.disease, amount=v.amount,
                       out_of_policy=v.out_of_policy or None, class_b=v.class_b or None,
                       special_drugs=v.special_drugs or None, cross_region=v.cross_region)
        self.prefill = pre
        self.sel = Selection()
        step, err = self.apply_prefill()
        while isinstance(self.screen, HouseholdBase):
            await self.pop_screen()
        self.goto(step)
        if err:
            self.notify(t("err.prefill", self.lang, msg=err), severity="error", timeout=8)

    async def action_quit(self):
        """Unsaved household edits are asked about first (save / discard / cancel)."""
        if self.hh is None or not self.hh.dirty:
            self.exit()
            return
        from yibao_tui.tui.screens.household.detail import confirm_unsaved

        confirm_unsaved(self, self.exit)

    # ── prefill ──

    def apply_prefill(self):
        """Take the flags as choices; return the first step still to do and any error message."""
        p, sel, lang = self.prefill, self.sel, self.lang
        for part in MONEY_PARTS:
            if p.get(part) is not None:
                sel.values[part] = p[part]
                sel.text[part] = amount_text(p[part])
        sel.cross_region = list(p.get("cross_region") or [])

        def bad(flag, value, accepted):
            return t("err.value", lang, flag=flag, value=value, accepted=", ".join(accepted) or "-")

        if not p.get("city"):
            return "city", None
        city = p["city"]
        if self.catalog.get(city) is None:  # the city's name (沈阳 / Shenyang)?
            city = next((c for c, pp in self.catalog.policies.items()
                         if name_to_id("city", city, [c], {c: pp.name})), None)
        if city is None:
            return "city", bad("city", p["city"], [
                f"{c} ({label(pp.name, lang)})" for c, pp in self.catalog.policies.items()])
        sel.city = city
        policy = self.policy
        try:  # the policy's own names for its care kinds and grades
            p["care"], p["grade"] = resolve_names(policy, p.get("scheme"), p.get("care"),
                                                  p.get("grade"))
        except NotAccepted as e:
            return "care", str(e)
        if not p.get("scheme") or not p.get("category"):
            sel.scheme, sel.category = p.get("scheme"), p.get("category")
            return "person", None
        if p["scheme"] not in policy.scheme_ids:
            return "person", bad("scheme", p["scheme"], policy.scheme_ids)
        cats = policy.scheme(p["scheme"]).categories
        if p["category"] not in cats:
            return "person", bad("category", p["category"], cats)
        sel.scheme, sel.category = p["scheme"], p["category"]
        kinds = care_kinds(policy, sel.scheme, sel.category)
        if not p.get("care"):
            return "care", None
        if p["care"] not in kinds:
            return "care", bad("care", p["care"], kinds)
        sel.care = p["care"]
        care = policy.care(sel.scheme, sel.care)
        grade = p.get("grade") or (care.grades[0] if len(care.grades) == 1 else None)
        if grade is None:
            return "care", None
        if grade not in care.grades:
            return "care", bad("grade", grade, care.grades)
        sel.grade = grade
        diseases = care.diseases
        if p.get("disease") is not None:
            if p["disease"] not in diseases:
                return "care", bad("disease", p["disease"], diseases)
            sel.disease = p["disease"]
        elif care.disease_required:
            return "care", None
        return "breakdown", None


def amount_text(value):
    """An amount as the money box shows it: whole yuan without a point (a household's
    ``20000.00`` is "20,000", not a figure cut to "20,000.0" in the box), else its fen."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return str(value.quantize(Decimal("0.01")))


def parse_args(argv):
    """The wizard's flags: the same as ``yibao estimate`` for one visit, all optional."""
    p = Parser(prog="yibao", description="Open the wizard, prefilled by any of these flags.")
    add_visit_opts(p, flags=False)
    a = p.parse_args(argv)
    prefill = {k: getattr(a, k) for k in ("city", "scheme", "category", "care", "grade", "disease")}
    for part in MONEY_PARTS:
        raw = getattr(a, part)
        prefill[part] = amount_arg(raw, "--" + part.replace("_", "-")) if raw else None
    prefill["cross_region"] = a.cross_region
    return a, prefill


def build(argv, profiles=None, households=None):
    a, prefill = parse_args(argv)
    return YibaoApp(lang=a.lang, prefill=prefill, dirs=policy_dirs(a.policies),
                    bench_exit=bool(os.environ.get(BENCH_ENV)), profiles=profiles,
                    households=households)


NO_TERMINAL = ("the full-screen app needs a terminal (stdin and stdout); without one use "
               "'yibao estimate …' or 'yibao household year FILE --json' (see 'yibao --help')")


def require_terminal():
    """UsageError unless stdin and stdout are terminals: redirected, the app would write escape
    sequences into a file and wait for keys that never come (as ``yibao ask`` refuses)."""
    import sys

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(NO_TERMINAL)


def main(argv=None):
    """Run the wizard; bad flags raise UsageError (``inputs.options``: cli.main prints it, exit 2),
    so does a missing terminal."""
    app = build(list(argv or []))
    if not app.bench_exit:  # the benchmark runs headless on purpose
        require_terminal()
    app.run(headless=app.bench_exit)
    return app.return_code or 0


__all__ = ["UsageError", "YibaoApp", "main"]
