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

from yibao_tui.cli.args import Parser, UsageError, amount_arg
from yibao_tui.core import household as H
from yibao_tui.core import policy as pol
from yibao_tui.core.engine import EstimateError, estimate
from yibao_tui.core.msg import Msg
from yibao_tui.core.policy import LABELS
from yibao_tui.core.policy.cache import PolicyCache
from yibao_tui.storage import store
from yibao_tui.text import render
from yibao_tui.text import render as text
from yibao_tui.text import t as _t

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


def _lab(key, lang):
    zh, en = LABELS.get(key, (key, key))
    return f"{zh} {en}" if lang == "zh" else en


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


def _valid_amount(text):
    try:
        amount_arg(text, "amount")
    except UsageError as e:
        return str(e)
    return True


def run(profiles=None, policies_dir=None, lang="zh", out=None):
    out = out or sys.stdout
    try:
        return _flow(_Q(), profiles, policies_dir, lang, out)
    except Cancelled:
        print("cancelled", file=out)
        return 130


def _flow(q, profiles, policies_dir, lang, out):
    dirs = pol.search_dirs(policies_dir)
    year = dt.date.today().year
    loaded, _broken = store.list_all(profiles, include_demo=False)
    member, home = None, None
    if loaded:
        choices = [(f"{ld.household.name} · {m.name} ({_t('relation.' + m.relation, 'en')})",
                    (i, m.id)) for i, ld in enumerate(loaded) for m in ld.household.members
                   if m.insured]
        choices.append(("新的人 Someone new", NEW))
        pick = q.select("为谁估算？ Who is this for?", choices)
        if pick != NEW:
            home = loaded[pick[0]]
            member = home.household.member(pick[1])
            year = home.household.year

    if member is not None:
        city, scheme, category = member.city, member.scheme, member.category
        policies = PolicyCache(dirs, year)
        policy = policies.get(city)
        if policy is None:
            raise UsageError(_no_policy(policies, city, lang))
    else:
        known = sorted(pol.cities(dirs))
        if not known:
            raise UsageError("no policy files found")
        city = q.select("参保城市 City", [(_city_title(c, dirs), c) for c in known])
        policies = PolicyCache(dirs, year)
        policy = policies.get(city)
        if policy is None:
            raise UsageError(_no_policy(policies, city, lang))
        scheme = q.select("险种 Scheme", [(_lab(s, lang), s) for s in policy.schemes])
        category = q.select("类别 Category",
                            [(_lab(c, lang), c) for c in policy.schemes[scheme]["categories"]])
    sch = policy.schemes.get(scheme)
    if sch is None:
        raise UsageError(f"{policy.label('en')} has no {scheme} scheme on file")

    care = q.select("就诊类型 Care", [(_lab(k, lang), k) for k in sch["care"]])
    c = sch["care"][care]
    grades = c["grades"]
    grade = grades[0] if len(grades) == 1 else q.select(
        "医院级别 Hospital grade", [(_lab(g, lang), g) for g in grades])
    disease = None
    if c.get("diseases"):
        ch = [(f"{v['zh']} {v['en']}", k) for k, v in c["diseases"].items()]
        if not c.get("disease_required"):
            ch.insert(0, ("无 none", NEW))
        disease = q.select("病种 Disease", ch)
        disease = None if disease == NEW else disease
    month = None
    if home is not None:
        month = int(q.select("月份 Month", [(f"{m}月", str(m)) for m in range(1, 13)],
                             default=str(dt.date.today().month)))
    amount = amount_arg(q.text("政策范围内费用（元） In-policy cost (yuan)", validate=_valid_amount))
    oop = amount_arg(q.text("目录外费用（元） Out-of-policy cost (yuan)", default="0",
                            validate=_valid_amount), "out-of-policy")

    visit = H.Visit(month=month or 1, care=care, grade=grade, disease=disease, amount=amount,
                    out_of_policy=oop)
    from yibao_tui.views.render import totals_line, visit_lines

    if home is not None:
        try:
            row, hy = H.estimate_member_visit(home.household, member.id, visit, policies)
        except H.HouseholdEstimateError as e:
            raise UsageError(render(e.msg, lang)) from None
        except EstimateError as e:
            raise UsageError(e.text(lang)) from None
        res = row.result
        print(f"{member.name} · {policy.label(lang)}", file=out)
        print("\n".join(visit_lines(policy, scheme, res, lang)), file=out)
        print("  = " + totals_line(policy, res, lang), file=out)
        for hid, x in row.draws:
            print(f"  个人账户 account of {home.household.member(hid).name}: {_yuan(x)}", file=out)
        print(f"  现金 cash: {_yuan(row.cash)}", file=out)
        for n in hy.notes:
            print(f"  ※ {render(n, lang)}", file=out)
        if q.confirm(f"把这次就诊存入“{home.household.name}”？ Save this visit to the household?",
                     default=False):
            member.visits.append(visit)
            _save(q, home, out)
        return 0

    person = H.Person(scheme, category)
    claim = visit.claim(year)
    claim.date = None  # one visit, no household year: the policy's own year applies
    try:
        res = estimate(policy, person, claim)
    except EstimateError as e:
        raise UsageError(e.text(lang)) from None
    print(f"{policy.label(lang)} · {_lab(scheme, lang)} · {_lab(category, lang)}", file=out)
    print("\n".join(visit_lines(policy, scheme, res, lang)), file=out)
    print("  = " + totals_line(policy, res, lang), file=out)

    if not q.confirm("把这个人存入家庭档案？ Save this person to a household?", default=False):
        return 0
    targets = [(f"{ld.household.name} ({ld.path.name})", i) for i, ld in enumerate(loaded)]
    targets.append(("新建家庭 A new household", NEW))
    t = q.select("存入哪个家庭？ Which household?", targets)
    if t == NEW:
        hname = q.text("家庭名称 Household name", validate=lambda s: bool(s.strip()) or "a name")
        home = store.Loaded(store.free_path(hname, profiles),
                            H.Household(name=hname.strip(), year=policy.year), None)
    else:
        home = loaded[t]
    h = home.household
    name = q.text("姓名或称呼 Name (no ID numbers)", validate=lambda s: bool(s.strip()) or "a name")
    taken = {m.id for m in h.members}
    mid = q.text("简短代号 Short id", default=_free_id(name, taken),
                 validate=lambda s: _valid_id(s, taken))
    rels = H.HEAD_RELATIONS if not any(m.relation == "self" for m in h.members) \
        else H.HEAD_RELATIONS[1:]
    relation = q.select("与户主关系 Relation to the head",
                        [(f"{_t('relation.' + r, 'zh')} {r}", r) for r in rels])
    by = q.text("出生年份（可不填） Birth year (optional)",
                validate=lambda s: not s.strip() or (s.strip().isdigit()
                                                     and 1900 <= int(s) <= year) or "a year")
    balance = None
    if scheme == "employee":
        b = q.text("个人账户余额（元，可不填） Personal-account balance (optional)",
                   validate=lambda s: not s.strip() or _valid_amount(s))
        balance = amount_arg(b, "balance") if b.strip() else None
    visits = []
    if q.confirm("也存入这次就诊？ Save this visit too?", default=True):
        visit.month = int(q.select("月份 Month", [(f"{m}月", str(m)) for m in range(1, 13)],
                                   default=str(dt.date.today().month)))
        visits.append(visit)
    try:
        H.new_member(h, id=mid, name=name.strip(), relation=relation, city=city, scheme=scheme,
                     category=category, birth_year=int(by) if by.strip() else None,
                     account_balance=balance, visits=visits)
    except H.HouseholdError as e:
        raise UsageError("; ".join(text(p[2], lang) for p in e.problems)) from None
    _save(q, home, out)
    return 0


def _no_policy(policies, city, lang):
    """Why ``city`` has no usable policy, in ``lang``."""
    return text(policies.errors.get(city) or Msg("policy.missing", city=city), lang)


def _save(q, home, out):
    while True:
        try:
            fp = store.save(home.household, home.path, home.fingerprint)
        except store.ChangedOnDisk as e:
            print(f"! {e}", file=out)
            if not q.confirm("另存为新文件？ Save under another name?", default=True):
                print("not saved", file=out)
                return
            name = q.text("新文件名 New name", default=f"{home.path.stem}-copy")
            home.path, home.fingerprint = store.free_path(name, home.path.parent), None
            continue
        except store.StoreError as e:
            raise UsageError(str(e)) from None
        home.fingerprint = fp
        print(f"saved {home.path}", file=out)
        return


def _city_title(city, dirs):
    found = pol.find(city, None, dirs)
    try:
        p = pol.load(found[0])
    except pol.PolicyError:
        return city
    return f"{p.name['zh']} {p.name['en']} ({p.year})"


def _free_id(name, taken):
    base = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")[:20] or "member"
    i, cand = 2, base
    while cand in taken:
        cand = f"{base}-{i}"
        i += 1
    return cand


def _valid_id(s, taken):
    if not H._ID.match(s):
        return "lower-case letters, digits, - and _ (e.g. mum)"
    if s in taken:
        return f"'{s}' is taken"
    return True


def _yuan(d):
    from yibao_tui.core.engine import yuan

    return "未知 unknown" if d is None else yuan(d)
