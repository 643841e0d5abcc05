"""``yibao household list | show FILE | check FILE | year FILE [--json] | init``.

Imported only when a household command runs (the ``estimate`` fast path never loads it).
"""

from __future__ import annotations

import os
import sys
from decimal import Decimal

from yibao_tui.cli.args import Parser, UsageError
from yibao_tui.core import household as H
from yibao_tui.core.amount import FEN
from yibao_tui.core.engine import yuan
from yibao_tui.core.policy import LABELS
from yibao_tui.storage import store
from yibao_tui.text import render as text
from yibao_tui.text import renders as texts
from yibao_tui.text import t
from yibao_tui.views.household import format_problem
from yibao_tui.views.render import pad, rpad, visit_lines

MARK = {"ok": "✓", "broken": "✗", "unknown": "?"}
STAGE_LABELS = {"channel": ("办理渠道", "where to bind"), "materials": ("所需材料", "what to bring"),
                "bind": ("绑定步骤", "to bind"), "unbind": ("解绑步骤", "to unbind"),
                "use": ("使用", "using the account")}


def _add_common(p, lang=True):
    p.add_argument("--profiles", metavar="DIR",
                   help=f"households directory (default: the user data dir; also ${store.ENV})")
    p.add_argument("--policies", metavar="DIR", help="extra policies directory")
    if lang:
        p.add_argument("--lang", choices=("zh", "en"), default="zh")


def build_parser():
    p = Parser(prog="yibao household",
                description="Household profiles: the family, bound accounts, a year of care.")
    sub = p.add_subparsers(dest="what", required=True, parser_class=Parser)
    ls = sub.add_parser("list", help="the households on file (the demo when you have none)")
    _add_common(ls)
    for name, helptext in (("show", "members, bindings with their rules, the bind checklist"),
                           ("check", "validate a household against its cities' rules"),
                           ("year", "run the year of visits for the whole family")):
        c = sub.add_parser(name, help=helptext)
        c.add_argument("file", metavar="FILE", help="a path, a name in the households dir, or 'demo'")
        _add_common(c)
        if name in ("show", "year"):
            c.add_argument("--json", action="store_true", help="machine-readable output")
        if name == "year":
            c.add_argument("--detail", action="store_true", help="every visit's cited breakdown")
    i = sub.add_parser("init", help="copy the demo household into your households dir to edit")
    _add_common(i, lang=False)
    u = sub.add_parser("tui", help="the household screens of the full-screen app")
    u.add_argument("file", metavar="NAME", nargs="?",
                   help="open this household (a path, a name in the households dir, or 'demo')")
    _add_common(u)
    return p


def main(argv):
    a = build_parser().parse_args(argv)
    return {"list": cmd_list, "show": cmd_show, "check": cmd_check, "year": cmd_year,
            "init": cmd_init, "tui": cmd_tui}[a.what](a)


def _zh(a):
    return getattr(a, "lang", "zh") == "zh"


def _unusable(a):
    return (f"{a.file}：无法使用；文件未改动。" if _zh(a)
            else f"{a.file}: cannot be used; the file is left as it is.")


def _open(a):
    lang = "zh" if _zh(a) else "en"
    try:
        path = store.resolve(a.file, a.profiles)
        loaded = store.read(path)
    except store.StoreError as e:
        raise UsageError(str(e)) from None
    except H.HouseholdError as e:
        print("\n".join(format_problem(p, lang) for p in e.problems), file=sys.stderr)
        print(_unusable(a), file=sys.stderr)
        return None, None
    from yibao_tui.core.policy import search_dirs
    from yibao_tui.core.policy.cache import PolicyCache

    policies = H.with_supplied(loaded.household,
                               PolicyCache(search_dirs(a.policies), loaded.household.year))
    problems = [p for _, p in H.enrolment_problems(loaded.household, policies)]
    if problems:
        print("\n".join(format_problem(p, lang) for p in problems), file=sys.stderr)
        print(_unusable(a), file=sys.stderr)
        return None, None
    return loaded, policies


# ───────────────────────────── list / init ─────────────────────────────

def cmd_list(a):
    d = store.households_dir(a.profiles)
    try:
        loaded, broken = store.list_all(d)
    except store.StoreError as e:
        raise UsageError(str(e)) from None
    zh = _zh(a)
    print(f"家庭档案目录：{d}" if zh else f"Households in {d}")
    for ld in loaded:
        h = ld.household
        tag = ("  （内置示例：你还没有家庭档案；'yibao household init' 复制一份，或用 'yibao ask' 新建）"
               if zh else "  (bundled demo: you have no households yet; 'yibao household init' "
               "copies it in, 'yibao ask' creates one)") if ld.demo else ""
        who = ", ".join(m.name for m in h.members)
        print(f"  {pad(ld.name, 16)} {h.name} · {h.year} · {len(h.members)} "
              f"{'人' if zh else 'members'} ({who}) · {len(h.bindings)} "
              f"{'组共济绑定' if zh else 'binding(s)'}{tag}")
    for b in broken:
        print(f"  {pad(b.path.name, 16)} " + ("无法读取（文件未改动）：" if zh
                                            else "cannot be read (left untouched): "), file=sys.stderr)
        for p in b.problems:
            print(f"    {format_problem(p, 'zh' if zh else 'en')}", file=sys.stderr)
    return 0


def cmd_init(a):
    d = store.households_dir(a.profiles)
    try:
        ld = store.copy_demo(d)
    except store.StoreError as e:
        raise UsageError(str(e)) from None
    print(f"copied the demo household to {ld.path}")
    return 0


# ───────────────────────────── premiums and cover ─────────────────────────────

def _d(d):
    return None if d is None else d.isoformat()


def enrolment_json(es):
    """The household's premiums, cover starts and cap adjustments (``H.enrolment_summary``):
    {"members": {id: {...}}, "total": …, "open": [ids]}. Each message in English, and beside it
    the same in Chinese (``premium_note_zh``, ``notices_zh`` …)."""
    members = {}
    for r in es.members:
        e = r.entry or {}
        d = {"entry": None if r.entry is None else {
                 k: (_d(v) if k in H._ENROL_DATES else _amt(v) if k == "wage" else v)
                 for k, v in e.items() if k != "note"},
             "premium": None, "premium_note": text(r.premium_note),
             "premium_note_zh": text(r.premium_note, "zh"), "cover": None,
             "cover_note": text(r.cover_note), "cover_note_zh": text(r.cover_note, "zh"),
             "history": None, "si_cap": None, "notices": texts(r.notices),
             "notices_zh": texts(r.notices, "zh"), "error": text(r.error),
             "error_zh": text(r.error, "zh")}
        pr = r.premium
        if pr is not None:
            d["premium"] = {"amount": _amt(pr.amount), "employer": _amt(pr.employer),
                            "tier": pr.tier, "missing": pr.missing,
                            "choices": [{"tier": t, "amount": _amt(v)} for t, v, _ in pr.choices],
                            "lines": [ln.as_dict() for ln in pr.lines]}
        c = r.cover
        if c is not None:
            d["cover"] = {"paid": _d(c.paid), "start": _d(c.start), "in_window": c.in_window,
                          "cover_year": c.cover_year, "missing": c.missing,
                          "source": (c.rule or {}).get("source"), "quote": (c.rule or {}).get("quote"),
                          "lines": [ln.as_dict() for ln in c.lines]}
        if r.history is not None:
            d["history"] = {k: r.history[k] for k in ("continuous", "claim_free", "lapsed",
                                                      "counted_from")}
            d["history"]["notes"] = texts(r.history["notes"])
            d["history"]["notes_zh"] = texts(r.history["notes"], "zh")
        a = r.si_cap
        if a is not None:
            d["si_cap"] = {"continuous_years": r.history["continuous"],
                           "claim_free_years": r.history["claim_free"],
                           "lapsed_years": r.history["lapsed"],
                           "increase": _amt(a.increase), "decrease": _amt(a.decrease),
                           "net": _amt(a.net), "base": _amt(a.base), "base_supplied": a.base_supplied,
                           "adjusted_cap": _amt(a.adjusted), "missing": a.missing,
                           "lines": [ln.as_dict() for ln in a.lines]}
        members[r.member.id] = d
    return {"members": members, "total": _amt(es.total), "open": es.open}


def enrolment_lines(es, policies, year, zh, cols=100):
    from yibao_tui.cli.enrol import lines_text

    lang = "zh" if zh else "en"
    out = [f"{year}年参保缴费与待遇起始：" if zh else f"Premiums and cover for {year}:"]
    for r in es.members:
        m = r.member
        p = r.policy
        city = p.name["zh" if zh else "en"] if p else m.city
        out.append(f"  {m.name} ({m.id}) · {city}")
        if r.error:
            out.append(f"    ✗ {text(r.error, lang)}")
            continue
        out += [f"    ! {n}" for n in texts(r.notices, lang)]
        if not m.insured:
            out.append("    未参保" if zh else "    not insured")
            continue
        out += ["  " + ln for ln in lines_text(r.premium.lines, lang, cols - 2)]
        if r.premium_note:
            out.append(f"      ※ {text(r.premium_note, lang)}")
        if r.cover is not None and r.cover.lines:
            out += ["  " + ln for ln in lines_text(r.cover.lines, lang, cols - 2)]
        start = r.cover.start if r.cover is not None else None
        if start is not None:
            out.append(f"    → {'待遇起始日' if zh else 'cover starts'} {start.isoformat()}")
        else:
            out.append(f"    → {'待遇起始日：未知' if zh else 'cover start: unknown'}"
                       + (f" — {text(r.cover_note, lang)}" if r.cover_note else ""))
        if r.si_cap is not None:
            h = r.history
            out.append(("    大病保险限额调整（按参保记录）：" if zh else
                        "    serious-illness cap adjustment (from the enrolment history):")
                       + (f" 连续{h['continuous']}年 · 零报销{h['claim_free']}年 · 断保{h['lapsed']}年"
                          if zh else f" {h['continuous']} continuous year(s) · {h['claim_free']} "
                          f"claim-free · {h['lapsed']} lapsed"))
            out += [f"      ※ {n}" for n in texts(h["notes"], lang)]
            out += ["  " + ln for ln in lines_text(r.si_cap.lines, lang, cols - 2)]
    if es.total is not None:
        out.append(f"全家每年个人缴费合计：{yuan(es.total)}" if zh
                   else f"Household premiums a year: {yuan(es.total)}")
    else:
        who = ", ".join(es.open)
        out.append(f"全家每年个人缴费合计：未知（待定：{who}）" if zh
                   else f"Household premiums a year: unknown (open: {who})")
    return out


def _cols():
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 100


def cmd_tui(a):
    """The wizard app opened on the household list (or straight on NAME)."""
    from yibao_tui.tui.app import build

    argv = ["--lang", a.lang] + (["--policies", a.policies] if a.policies else [])
    app = build(argv, profiles=a.profiles, households=a.file or True)
    app.run()
    return app.return_code or 0


# ───────────────────────────── show / check ─────────────────────────────

def _member_line(m, year, policies, zh):
    rel = t(f"relation.{m.relation}", "zh" if zh else "en")
    p = policies.get(m.city)
    city = p.name["zh" if zh else "en"] if p else m.city
    age = m.age(year)
    parts = [f"{m.id}", m.name, rel, city]
    if age is not None:
        parts.append(f"{age}岁" if zh else f"age {age}")
    if m.insured:
        i = 0 if zh else 1
        parts.append(f"{LABELS[m.scheme][i]} {LABELS[m.category][i]}")
    else:
        parts.append("未参保" if zh else "not insured")
    if m.flags:
        parts.append(",".join(m.flags))
    if m.account_balance is not None:
        parts.append(f"个人账户年初余额 {yuan(m.account_balance)}" if zh
                      else f"account balance {yuan(m.account_balance)}")
    if m.visits:
        parts.append(f"{len(m.visits)} {'次就诊' if zh else 'visits'}")
    return "  " + " · ".join(parts)


def _rule_lines(chk, holder, zh):
    out = []
    lang = "zh" if zh else "en"
    for r in chk.rules.get(holder, []):
        who = f" → {r.beneficiary}" if r.beneficiary else ""
        out.append(f"    {MARK[r.status]} {t('rule_name.' + r.rule, lang)}{who}" + ("：" if zh else ": ")
                   + text(r.msg, lang))
        if r.quote:
            out.append(f"        ↳ {r.source}: “{r.quote}”")
        if r.note:
            out.append(f"        ※ {r.note}")
    return out


def _checklist_lines(items, zh):
    out = []
    for stage, rows in items.items():
        out.append(f"    {STAGE_LABELS[stage][0 if zh else 1]}:")
        for it in rows:
            out.append(f"      [ ] {it['zh' if zh else 'en']}")
            out.append(f"          ↳ {it['source']}: “{it['quote']}”")
    return out


def _show_lines(ld, policies, chk, zh):
    h = ld.household
    out = [f"{h.name} · {h.year}" + (f"  ({ld.path})" if not ld.demo else
                                     ("  （内置示例）" if zh else "  (bundled demo)"))]
    out.append("成员：" if zh else "Members:")
    out += [_member_line(m, h.year, policies, zh) for m in h.members]
    if h.bindings:
        out.append("")
        out.append("个人账户家庭共济（绑定）：" if zh else "Bound accounts (家庭共济):")
    for holder in dict.fromkeys(b.holder for b in h.bindings):
        m = h.member(holder)
        bens = [x for b in h.bindings if b.holder == holder for x in b.beneficiaries]
        out.append(f"  {m.name} ({holder}) → " + ", ".join(f"{h.member(x).name} ({x})" for x in bens))
        out += _rule_lines(chk, holder, zh)
        items = chk.checklists.get(holder) or {}
        if items:
            p = policies.get(m.city)
            out.append(f"    {p.name['zh'] if zh else p.name['en']}"
                       + ("办理清单（不保存身份证号）：" if zh else " checklist (no ID numbers are stored):"))
            out += _checklist_lines(items, zh)
        else:
            out.append("    " + ("本市资料未写明办理渠道和步骤。" if zh
                                 else "The city's sources give no channels or steps for binding."))
    if chk.problems:
        out.append("")
        out.append("问题：" if zh else "Problems:")
        out += [f"  ✗ {text(msg, 'zh' if zh else 'en')}" for _, msg in chk.problems]
    return out


def cmd_show(a):
    ld, policies = _open(a)
    if ld is None:
        return 1
    chk = H.check(ld.household, policies)
    es = H.enrolment_summary(ld.household, policies)
    if a.json:
        import json

        sys.stdout.write(json.dumps(show_json(ld, chk, es), ensure_ascii=False, indent=2) + "\n")
        return 0
    zh = _zh(a)
    lines = _show_lines(ld, policies, chk, zh)
    lines += ["", *enrolment_lines(es, policies, ld.household.year, zh, _cols())]
    print("\n".join(lines))
    return 0


def show_json(ld, chk, es):
    h = ld.household
    enrol = enrolment_json(es)
    members = [{"id": m.id, "name": m.name, "relation": m.relation, "city": m.city,
                "scheme": m.scheme, "category": m.category, "age": m.age(h.year),
                "flags": list(m.flags), "insured": m.insured,
                "account_balance": _amt(m.account_balance), "visits": len(m.visits),
                "enrolment": enrol["members"][m.id]} for m in h.members]
    return {"household": {"name": h.name, "year": h.year, "file": str(ld.path), "demo": ld.demo},
            "members": members, "premiums": {"total": enrol["total"], "open": enrol["open"]},
            "bindings": _bindings_json(h, chk), "problems": [text(m) for _, m in chk.problems],
            "problems_zh": [text(m, "zh") for _, m in chk.problems]}


def cmd_check(a):
    ld, policies = _open(a)
    if ld is None:
        return 1
    zh = _zh(a)
    chk = H.check(ld.household, policies)
    for _, msg in chk.problems:
        print(f"✗ {text(msg, 'zh' if zh else 'en')}", file=sys.stderr)
    for holder in chk.rules:
        for line in _rule_lines(chk, holder, zh):
            print(line.strip() if line.strip()[:1] in MARK.values() else line[2:],
                  file=sys.stderr if "✗" in line else sys.stdout)
    n_b, n_u = len(chk.broken), len(chk.unknown)
    summary = (f"{ld.path.name}：{len(chk.problems)} 个问题，{n_b} 条规则不符合，{n_u} 条规则未知"
               if zh else f"{ld.path.name}: {len(chk.problems)} problem(s), {n_b} broken rule(s), "
               f"{n_u} unknown rule(s)")
    print(summary, file=sys.stderr if not chk.ok else sys.stdout)
    return 0 if chk.ok else 1


# ───────────────────────────── year ─────────────────────────────

def _amt(d):
    return None if d is None else str(Decimal(d).quantize(FEN))


def _y(d, zh):
    return ("未知" if zh else "unknown") if d is None else yuan(d)


def _totals_json(t):
    return {k: _amt(getattr(t, k)) for k in ("fund", "serious_illness", "account", "cash",
                                             "self_pay", "total")}


def year_json(ld, hy, es=None):
    from yibao_tui.views.render import visit_json

    h = ld.household
    visits = []
    for r in hy.rows:
        my = next(x for x in hy.members if x.member.id == r.member)
        v = visit_json(my.policy, r.result)
        v.update({"member": r.member, "month": r.visit.month, "index": r.index,
                  "account": _amt(r.account), "cash": _amt(r.cash),
                  "account_may_pay": _amt(r.payable),
                  "drawn_from": [{"holder": hid, "amount": _amt(x)} for hid, x in r.draws],
                  "notes": texts(r.notes), "notes_zh": texts(r.notes, "zh")})
        visits.append(v)
    members = []
    for my in hy.members:
        m = my.member
        d = {"id": m.id, "name": m.name, "relation": m.relation, "city": m.city,
             "scheme": m.scheme, "category": m.category, "age": m.age(h.year),
             "policy_year": my.policy.year if my.policy else None, "error": text(my.error),
             "error_zh": text(my.error, "zh"), "totals": _totals_json(my.totals)}
        acc = hy.accounts.get(m.id)
        if acc is not None:
            row = acc.credit_row or {}
            d["account"] = {"opening": _amt(acc.opening), "monthly_credit": _amt(acc.monthly),
                            "credited": _amt(acc.credited), "drawn": _amt(acc.drawn),
                            "closing": _amt(acc.closing), "balance_entered": acc.balance_entered,
                            "credit_source": row.get("source"), "credit_quote": row.get("quote"),
                            "credit_note": text(acc.credit_note),
                            "credit_note_zh": text(acc.credit_note, "zh")}
        members.append(d)
    enrol = enrolment_json(es) if es is not None else None
    if enrol is not None:
        for d in members:
            d["enrolment"] = enrol["members"][d["id"]]
    out = {"household": {"name": h.name, "year": h.year, "file": str(ld.path), "demo": ld.demo},
           "visits": visits, "members": members, "totals": _totals_json(hy.totals),
           "bindings": _bindings_json(h, hy.check),
           "problems": [text(m) for _, m in hy.check.problems],
           "problems_zh": [text(m, "zh") for _, m in hy.check.problems],
           "notes": texts(hy.notes), "notes_zh": texts(hy.notes, "zh")}
    if enrol is not None:
        out["premiums"] = {"total": enrol["total"], "open": enrol["open"]}
    return out


def _bindings_json(h, chk):
    bindings = []
    for holder, rules in chk.rules.items():
        bindings.append({
            "holder": holder,
            "beneficiaries": [x for b in h.bindings if b.holder == holder for x in b.beneficiaries],
            "rules": [{"rule": r.rule, "status": r.status, "beneficiary": r.beneficiary,
                       "message": text(r.msg, "en"), "message_zh": text(r.msg, "zh"), "source": r.source,
                       "quote": r.quote, "note": r.note}
                      for r in rules],
            "checklist": {k: [{"zh": i["zh"], "en": i["en"], "source": i["source"],
                               "quote": i["quote"]} for i in v]
                          for k, v in chk.checklists.get(holder, {}).items()},
        })
    return bindings


_COLS = (("fund", "统筹基金", "fund"), ("serious_illness", "大病保险", "serious ill."),
         ("self_pay", "个人自付", "self-pay"), ("account", "个人账户", "account"),
         ("cash", "现金", "cash"))


def year_lines(ld, hy, zh, detail=False, cols=100, es=None):
    h = ld.household
    i = 0 if zh else 1
    lang = "zh" if zh else "en"
    out = [f"{h.name} · {h.year} " + ("全家一年" if zh else "a year for the family")]
    head = f"  {pad('月' if zh else 'mo', 3)} {pad('成员' if zh else 'member', 10)} " \
           f"{pad('就诊' if zh else 'visit', 22)} {rpad('费用' if zh else 'total', 11)}" + \
           "".join(f" {rpad(c[1 + i], 11)}" for c in _COLS)
    out.append(head)
    for r in hy.rows:
        m = h.member(r.member)
        care = LABELS[r.visit.care][i] + (f" {LABELS[r.visit.grade][i]}" if r.visit.grade else "")
        line = f"  {pad(str(r.visit.month), 3)} {pad(m.name, 10)} {pad(care, 22)} " \
               f"{rpad(_y(r.total, zh), 11)}" + \
               "".join(f" {rpad(_y(getattr(r, c[0]), zh), 11)}" for c in _COLS)
        out.append(line)
        for hid, x in r.draws:
            who = h.member(hid).name
            out.append(f"      ↳ {'个人账户' if zh else 'account of'} {who}: {_y(x, zh)}")
        out += [f"      ※ {n}" for n in texts(r.notes, lang)]
        cover = next((st for st in r.result.steps if st.key == "cover"), None)
        if cover is not None:
            out.append(f"      ✗ {cover.text('zh' if zh else 'en')}")
            if cover.quote:
                out.append(f"        ↳ {cover.source}: “{cover.quote}”")
        if detail:
            my = next(x for x in hy.members if x.member.id == r.member)
            lines = visit_lines(my.policy, my.member.scheme, r.result, "zh" if zh else "en", cols - 4)
            out += ["    " + ln for ln in lines]
    out.append("")
    out.append("每人合计：" if zh else "Per member:")
    for my in hy.members:
        tot = my.totals
        if my.error:
            out.append(f"  {pad(my.member.name, 10)} ✗ {text(my.error, lang)}")
            continue
        if not my.member.visits:
            continue
        out.append(f"  {pad(my.member.name, 10)} " + _tot(tot, zh))
    out.append(("全家合计：" if zh else "Household: ") + _tot(hy.totals, zh))
    if hy.accounts:
        out.append("")
        out.append("个人账户：" if zh else "Personal accounts:")
        for hid, acc in hy.accounts.items():
            m = h.member(hid)
            credit = (f"{'每月划入' if zh else 'credit'} {_y(acc.monthly, zh)}" +
                      ("" if zh else "/month") if acc.monthly is not None
                      else ("每月划入未知" if zh else "monthly credit unknown"))
            out.append(f"  {pad(m.name, 10)} {'年初' if zh else 'opening'} {yuan(acc.opening)}"
                       f" + {'划入' if zh else 'credited'} {yuan(acc.credited)} ({credit})"
                       f" − {'支付' if zh else 'drawn'} {_y(acc.drawn, zh)}"
                       f" = {'年末' if zh else 'closing'} {_y(acc.closing, zh)}")
            if acc.credit_row and acc.credit_row.get("quote"):
                out.append(f"      ↳ {acc.credit_row['source']}: “{acc.credit_row['quote']}”")
            if acc.credit_note:
                out.append(f"      ※ {text(acc.credit_note, lang)}")
    if es is not None:
        out.append("")
        out += enrolment_lines(es, None, h.year, zh, cols)
    if hy.notes or hy.check.problems or hy.check.broken or hy.check.unknown:
        out.append("")
        out.append("说明：" if zh else "Notes:")
        out += [f"  ✗ {text(msg, lang)}" for _, msg in hy.check.problems]
        sep = "：" if zh else ": "
        for r in hy.check.broken:
            out.append(f"  ✗ {r.holder} → {r.beneficiary or '*'}{sep}{t('rule_name.' + r.rule, lang)}{sep}"
                       f"{text(r.msg, lang)}" + ("（该绑定不计入）" if zh else " (binding not drawn on)"))
        for r in hy.check.unknown:
            out.append(f"  ? {r.holder} → {r.beneficiary or '*'}{sep}{t('rule_name.' + r.rule, lang)}{sep}"
                       f"{text(r.msg, lang)}")
        out += [f"  ※ {n}" for n in texts(hy.notes, lang)]
    return out


def _tot(t, zh):
    if zh:
        return (f"统筹基金 {_y(t.fund, zh)} · 大病保险 {_y(t.serious_illness, zh)} · "
                f"个人账户 {_y(t.account, zh)} · 现金 {_y(t.cash, zh)} · 合计 {_y(t.total, zh)}")
    return (f"fund {_y(t.fund, zh)} · serious illness {_y(t.serious_illness, zh)} · "
            f"account {_y(t.account, zh)} · cash {_y(t.cash, zh)} · total {_y(t.total, zh)}")


def cmd_year(a):
    ld, policies = _open(a)
    if ld is None:
        return 1
    hy = H.run_year(ld.household, policies)
    es = H.enrolment_summary(ld.household, policies)
    if a.json:
        import json

        sys.stdout.write(json.dumps(year_json(ld, hy, es), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(year_lines(ld, hy, _zh(a), a.detail, _cols(), es)) + "\n")
    return 1 if hy.check.problems else 0
