"""``yibao ask``: the estimate as a sequence of questions (questionary), for terminals where a
full-screen app is unwelcome. City → scheme → category → care → grade → amount, or a member of
a household (prefilled, with the year so far and the bound accounts); prints the breakdown and
can save a new member, or the visit, into a household.

With no terminal (stdin not a TTY) it explains how to use ``yibao estimate`` and exits 2.
questionary is imported inside the functions: nothing here loads on the estimate path.
"""

from __future__ import annotations

import datetime as dt
import re
import sys

from yibao_tui.cli.args import Parser, UsageError
from yibao_tui.core import household as H
from yibao_tui.core import policy as pol
from yibao_tui.core.amount import MAX_AMOUNT, AmountError, parse_amount
from yibao_tui.core.engine import EstimateError, estimate
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy.cache import PolicyCache
from yibao_tui.inputs.policy import policy_dirs
from yibao_tui.storage import store
from yibao_tui.text import render, t, term

NO_TTY = """yibao ask needs an interactive terminal. Without one, use 'yibao estimate', e.g.:
  yibao estimate --city liaoyang --scheme employee --category retired \\
                 --care inpatient --grade 3 --amount 20000
  yibao household year FILE --json      a year for a whole household
See 'yibao estimate --help'."""


NEW = "\0new"  # questionary turns a None value into the title: use a sentinel


class Cancelled(Exception):
    pass


def build_parser():
    p = Parser(prog="yibao ask", description="Estimate one visit by answering questions.")
    p.add_argument("--profiles", metavar="DIR", help=f"households directory (also ${store.ENV})")
    p.add_argument("--policies", metavar="DIR", help="extra policies directory")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    return p


def main(argv):
    a = build_parser().parse_args(argv)
    if not sys.stdin.isatty():
        print(NO_TTY, file=sys.stderr)
        return 2
    return run(a.profiles, a.policies, a.lang)


class _Q:
    """Thin wrapper: every answer None (Ctrl-C) cancels the flow."""

    def __init__(self):
        import questionary

        self.q = questionary

    def _ask(self, question):
        ans = question.ask()
        if ans is None:
            raise Cancelled
        return ans

    def select(self, msg, choices, default=None):
        ch = [self.q.Choice(title, value=value) for title, value in choices]
        dflt = next((c for c in ch if c.value == default), None)
        return self._ask(self.q.select(msg, choices=ch, default=dflt))

    def text(self, msg, default="", validate=None):
        return self._ask(self.q.text(msg, default=default, validate=validate))

    def confirm(self, msg, default=True):
        return self._ask(self.q.confirm(msg, default=default))

    def checkbox(self, msg, choices):
        return self._ask(self.q.checkbox(msg, choices=[self.q.Choice(t, value=v)
                                                       for t, v in choices]))


def _amount_check(lang, optional=False, most=None):
    """A questionary validator by the one amount rule (core.amount), worded in ``lang``; an
    optional box may stay empty; ``most`` caps a part of the amount (class-B, special drugs)."""

    def check(s):
        if optional and not s.strip():
            return True
        try:
            d = parse_amount(s)
        except AmountError as e:
            return t(f"money.{e.code}", lang, v=s, max=f"{MAX_AMOUNT:,}")
        if most is not None and d > most:
            return t("bad.parts", lang)
        return True

    return check


def _amount(text):
    return parse_amount(text) if text.strip() else H.ZERO


def run(profiles=None, policies_dir=None, lang="zh", out=None):
    out = out or sys.stdout
    try:
        return _flow(_Q(), profiles, policies_dir, lang, out)
    except Cancelled:
        print(t("ask.cancelled", lang), file=out)
        return 130


def _flow(q, profiles, policies_dir, lang, out):
    """Who (a household's member or someone new) → their city's policy → the visit → its
    estimate, then, if asked, saved: the visit into the member's household, or the person."""
    f = _Flow(q, profiles, lang, out)
    dirs = policy_dirs(policies_dir)
    loaded, _broken = store.list_all(profiles, include_demo=False)
    home, member = f.who(loaded)
    year = home.household.year if home is not None else H.calendar.current_year()
    if member is not None:
        policies, policy = f.policy(dirs, year, member.city)
        city, scheme, category = member.city, member.scheme, member.category
    else:
        city = f.city(dirs)
        policies, policy = f.policy(dirs, year, city)
        scheme, category = f.scheme_and_category(policy)
    sch = policy.scheme(scheme)
    if sch is None:
        raise UsageError(f.tr("ask.no_scheme", city=_city_year(policy), scheme=scheme))
    visit = f.visit(sch, category, home is not None)
    if home is not None:
        return f.household_visit(home, member, visit, policies, policy, scheme)
    f.one_visit(policy, scheme, category, visit, year)
    if q.confirm(f.tr("ask.save_person"), default=False):
        f.save_person(loaded, policy, visit, year, {"city": city, "scheme": scheme,
                                                    "category": category})
    return 0


def _city_year(policy):
    return Msg("policy.city_year", name=policy.name, year=policy.year)


class _Flow:
    """The questions of ``yibao ask``, one step each, in the chosen language."""

    def __init__(self, q, profiles, lang, out):
        self.q, self.profiles, self.lang, self.out = q, profiles, lang, out

    def tr(self, key, **kw):
        return t(key, self.lang, **kw)

    def say(self, text):
        print(text, file=self.out)

    def who(self, loaded):
        """(household, member) picked from the saved households, or (None, None): someone new."""
        if not loaded:
            return None, None
        choices = [(self.tr("ask.member", household=ld.household.name, name=m.name,
                            relation=Msg(f"relation.{m.relation}")), (i, m.id))
                   for i, ld in enumerate(loaded) for m in ld.household.members if m.insured]
        choices.append((self.tr("ask.someone_new"), NEW))
        pick = self.q.select(self.tr("ask.who"), choices)
        if pick == NEW:
            return None, None
        home = loaded[pick[0]]
        return home, home.household.member(pick[1])

    def city(self, dirs):
        known = sorted(pol.cities(dirs))
        if not known:
            raise UsageError(self.tr("ask.no_policies"))
        return self.q.select(self.tr("ask.city"), [(_city_title(c, dirs, self.lang), c)
                                                   for c in known])

    def policy(self, dirs, year, city):
        """(the policy cache, the city's policy for ``year``), your own figures filled in as
        ``yibao estimate`` fills them."""
        from yibao_tui.storage import supplied

        policies = PolicyCache(dirs, year, fill=supplied.fill)
        policy = policies.get(city)
        if policy is None:
            raise UsageError(_no_policy(policies, city, self.lang))
        return policies, policy

    def scheme_and_category(self, policy):
        scheme = self.q.select(self.tr("ask.scheme"), [(term(s, self.lang), s) for s in policy.scheme_ids])
        category = self.q.select(self.tr("ask.category"), [
            (term(c, self.lang), c) for c in policy.scheme(scheme).categories])
        return scheme, category

    def visit(self, sch, category, dated):
        """The visit: care kind, grade, disease where the care kind has some, the month (for a
        household's year), the amount and its parts."""
        lang = self.lang
        # The care kinds this category may use: the engine's check takes exactly these.
        care = self.q.select(self.tr("ask.care"), [(term(k, lang), k) for k in sch.care_kinds(category)])
        c = sch.care(care)
        grades = c.grades
        grade = grades[0] if len(grades) == 1 else self.q.select(
            self.tr("ask.grade"), [(term(g, lang), g) for g in grades])
        disease = None
        if c.diseases:
            ch = [(render(v, lang), k) for k, v in c.diseases.items()]
            if not c.disease_required:
                ch.insert(0, (self.tr("none"), NEW))
            disease = self.q.select(self.tr("ask.disease"), ch)
            disease = None if disease == NEW else disease
        month = _month(self.q, lang) if dated else None
        amount = _amount(self.q.text(self.tr("ask.amount"), validate=_amount_check(lang)))
        # The parts of it the wizard asks for too (optional): the same bill, the same figure.
        class_b = _amount(self.q.text(self.tr("ask.class_b"),
                                      validate=_amount_check(lang, True, amount)))
        special = _amount(self.q.text(self.tr("ask.special_drugs"),
                                      validate=_amount_check(lang, True, amount - class_b)))
        oop = _amount(self.q.text(self.tr("ask.out_of_policy"), default="0",
                                  validate=_amount_check(lang, True)))
        return H.Visit(month=month or 1, care=care, grade=grade, disease=disease, amount=amount,
                       class_b=class_b, special_drugs=special, out_of_policy=oop)

    def household_visit(self, home, member, visit, policies, policy, scheme):
        """The visit in the member's year (what the bound accounts pay), then saved if asked."""
        from yibao_tui.views.estimate import totals_line, visit_lines

        try:
            row, hy = H.estimate_member_visit(home.household, member.id, visit, policies)
        except EstimateError as e:  # HouseholdEstimateError too
            raise UsageError(render(e.msg, self.lang)) from None
        lang, res = self.lang, row.result
        self.say(self.tr("ask.title", who=member.name, policy=_city_year(policy)))
        self.notices(policy, res)
        self.say("\n".join(visit_lines(policy, scheme, res, lang)))
        self.say("  = " + totals_line(policy, res, lang))
        for hid, x in row.draws:
            self.say(self.tr("ask.draw", name=home.household.member(hid).name, amount=_yuan(x, lang)))
        self.say(self.tr("ask.cash", amount=_yuan(row.cash, lang)))
        for n in hy.notes:
            self.say(f"  ※ {render(n, lang)}")
        if self.q.confirm(self.tr("ask.save_visit", household=home.household.name), default=False):
            member.visits.append(visit)
            _save(self.q, home, self.out, lang)
        return 0

    def one_visit(self, policy, scheme, category, visit, year):
        """The visit on its own: the policy's own year, no household."""
        from yibao_tui.views.estimate import totals_line, visit_lines

        claim = visit.claim(year)
        claim.date = None  # one visit, no household year: the policy's own year applies
        try:
            res = estimate(policy, H.Person(scheme, category), claim)
        except EstimateError as e:
            raise UsageError(render(e.msg, self.lang)) from None
        lang = self.lang
        self.say(" · ".join([render(_city_year(policy), lang), term(scheme, lang),
                             term(category, lang)]))
        self.notices(policy, res)
        self.say("\n".join(visit_lines(policy, scheme, res, lang)))
        self.say("  = " + totals_line(policy, res, lang))

    def notices(self, policy, res):
        """What every view says first: the policy's year where its file does not cover the
        visit's day, a draft (``views.document.policy_notices``)."""
        from yibao_tui.views.document import policy_notices

        for n in policy_notices(policy, (res.claim.date,), self.lang):
            self.say(f"! {n}")

    def save_person(self, loaded, policy, visit, year, where):
        """A new member (``where``: city, scheme, category) into a saved household or a new
        one, with the visit if asked."""
        q, tr = self.q, self.tr
        targets = [(tr("ask.household_choice", name=ld.household.name, file=ld.path.name), i)
                   for i, ld in enumerate(loaded)]
        targets.append((tr("ask.new_household"), NEW))
        target = q.select(tr("ask.which_household"), targets)
        if target == NEW:
            hname = q.text(tr("ask.household_name"), validate=self.name_given)
            home = store.Loaded(store.free_path(hname, self.profiles),
                                H.Household(name=hname.strip(), year=policy.year), None)
        else:
            home = loaded[target]
        fields = self.member_fields(home.household, year, where["scheme"])
        if q.confirm(tr("ask.visit_too"), default=True):
            visit.month = _month(q, self.lang)
            fields["visits"] = [visit]
        try:
            H.new_member(home.household, city=where["city"], scheme=where["scheme"],
                         category=where["category"], **fields)
        except H.HouseholdError as e:
            raise UsageError("; ".join(render(p[2], self.lang) for p in e.problems)) from None
        _save(q, home, self.out, self.lang)

    def member_fields(self, h, year, scheme):
        """Name, id, relation, birth year and (employees) the account balance of a new member."""
        q, tr, lang = self.q, self.tr, self.lang
        name = q.text(tr("ask.name"), validate=self.name_given)
        taken = {m.id for m in h.members}
        mid = q.text(tr("ask.short_id"), default=_free_id(name, taken),
                     validate=lambda s: _valid_id(s, taken, lang))
        relation = q.select(tr("ask.relation"), [(tr(f"relation.{r}"), r) for r in h.open_relations()],
                            default=h.new_relation())  # one head, one spouse
        by = q.text(tr("ask.birth_year"), validate=lambda s: not s.strip() or (
            s.strip().isdigit() and 1900 <= int(s) <= year) or tr("ask.need_year"))
        balance = None
        if scheme == "employee":
            b = q.text(tr("ask.balance"), validate=_amount_check(lang, True))
            balance = parse_amount(b) if b.strip() else None
        return {"id": mid, "name": name.strip(), "relation": relation,
                "birth_year": int(by) if by.strip() else None, "account_balance": balance}

    def name_given(self, s):
        return bool(s.strip()) or self.tr("ask.need_name")


def _month(q, lang):
    return int(q.select(t("ask.month", lang), [(t("ask.month_n", lang, m=m), str(m)) for m in range(1, 13)],
                        default=str(dt.date.today().month)))


def _no_policy(policies, city, lang):
    """Why ``city`` has no usable policy, in ``lang``."""
    return render(policies.errors.get(city) or Msg("policy.missing", city=city), lang)


def _save(q, home, out, lang):
    while True:
        try:
            fp = store.save(home.household, home.path, home.fingerprint)
        except store.ChangedOnDisk as e:
            # What happened, in the chosen language (the dialog's wording in the TUI)
            q_key = {"deleted": "hh.gone.q", "exists": "hh.taken.q"}.get(e.kind, "hh.changed.q")
            print(f"! {t(q_key, lang, path=e.path)}", file=out)
            if not q.confirm(t("ask.save_as", lang), default=True):
                print(t("ask.not_saved", lang), file=out)
                return
            name = q.text(t("ask.new_file", lang), default=f"{home.path.stem}-copy")
            home.path, home.fingerprint = store.free_path(name, home.path.parent), None
            continue
        except store.StoreError as e:
            raise UsageError(str(e)) from None
        home.fingerprint = fp
        print(t("ask.saved", lang, path=home.path), file=out)
        return


def _city_title(city, dirs, lang):
    found = pol.find(city, None, dirs)
    try:
        p = pol.load(found[0])
    except pol.PolicyError:
        return city
    return t("ask.city_choice", lang, name=p.name, year=p.year)


def _free_id(name, taken):
    base = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")[:20] or "member"
    i, cand = 2, base
    while cand in taken:
        cand = f"{base}-{i}"
        i += 1
    return cand


def _valid_id(s, taken, lang):
    if not H.ID_RE.match(s):
        return t("ask.bad_id", lang)
    if s in taken:
        return t("ask.id_taken", lang, id=s)
    return True


def _yuan(d, lang):
    from yibao_tui.core.money import yuan

    return t("ask.unknown", lang) if d is None else yuan(d)
