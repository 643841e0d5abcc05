"""yibao household list | show | check | year [--json] | init, and yibao ask."""

import io
import json
import os
import sys

import pytest

from yibao_tui.cli import main
from yibao_tui.core import household as H
from yibao_tui.storage import store
from yibao_tui.views.household import format_problem

from .hh_helpers import HEAD, binding, member

DEMO = store.demo_path().read_text("utf-8")


@pytest.fixture(autouse=True)
def _profiles(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "households"))
    return tmp_path / "households"


def run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_list_shows_the_demo_when_there_are_none(capsys):
    rc, out, _ = run(capsys, "household", "list", "--lang", "en")
    assert rc == 0 and "bundled demo" in out and "王伟" in out


def test_list_reports_broken_files_and_loads_the_rest(capsys, _profiles):
    store.copy_demo()
    (_profiles / "bad.toml").write_text("schema = 1\nname = [\n", "utf-8")
    rc, out, err = run(capsys, "household", "list", "--lang", "en")
    assert rc == 0 and "demo" in out and "bundled demo" not in out
    assert "bad.toml" in err and "bad.toml:2" in err and "left untouched" in err
    assert (_profiles / "bad.toml").read_text("utf-8") == "schema = 1\nname = [\n"


def test_profiles_option(capsys, tmp_path):
    rc, out, _ = run(capsys, "household", "init", "--profiles", str(tmp_path / "elsewhere"))
    assert rc == 0 and (tmp_path / "elsewhere" / "demo.toml").is_file()
    rc, out, _ = run(capsys, "household", "list", "--profiles", str(tmp_path / "elsewhere"))
    assert "bundled demo" not in out and "demo" in out


def test_show_has_rules_quotes_and_checklist(capsys, tmp_path):
    f = tmp_path / "t.toml"
    f.write_text(HEAD + member("me", "self", "tieling") + member("mum", "parent", "shenyang",
                                                                "resident", "adult")
                 + binding("me", "mum"), "utf-8")
    rc, out, _ = run(capsys, "household", "show", str(f), "--lang", "en")
    assert rc == 0
    assert "✓ where the relative is insured → mum" in out
    assert "推进个人账户省内跨统筹区家庭共济使用" in out
    assert "to unbind:" in out and "[ ]" in out and "no ID numbers are stored" in out


def test_check_exit_status_and_rule(capsys, tmp_path):
    f = tmp_path / "t.toml"
    f.write_text(HEAD + member("me", "self", "tieling") + member("mum", "parent", "liaoyuan",
                                                                "resident", "adult")
                 + binding("me", "mum"), "utf-8")
    before = f.read_bytes()
    rc, out, err = run(capsys, "household", "check", str(f), "--lang", "en")  # cities by name, in English
    # ✓ and ✗ lines and the summary all on stdout, in order; the verdict is the exit status
    # (issue #21 item 5: a pipe kept only the good news)
    assert rc == 1 and "✗ where the relative is insured → mum" in out and "Jilin" in out
    assert "1 broken rule(s)" in out and not err
    assert f.read_bytes() == before
    rc, out, _ = run(capsys, "household", "check", "demo", "--lang", "en")
    assert rc == 0 and "0 broken rule(s)" in out


def wide_terminal(monkeypatch):
    """Text wraps to the terminal: a wide one keeps each line whole here."""
    monkeypatch.setattr(os, "get_terminal_size", lambda *a: os.terminal_size((300, 24)))


def test_check_in_chinese_names_the_broken_rule_and_quotes_its_source(capsys, tmp_path, monkeypatch):
    # 辽阳 000: “可用于支付参保人本人及配偶、父母、子女的医药费用” — a closed list, so a sibling
    # may not be bound.
    wide_terminal(monkeypatch)
    f = tmp_path / "t.toml"
    f.write_text(HEAD + member("me", "self", "liaoyang")
                 + member("sis", "sibling", "liaoyang", "resident", "adult")
                 + binding("me", "sis"), "utf-8")
    rc, out, err = run(capsys, "household", "check", str(f), "--lang", "zh")
    assert rc == 1
    assert "✗ 可绑定的亲属关系 → sis：sis是me的兄弟姐妹：辽阳只允许绑定配偶、父母、子女" in out
    # The source by its title (the file name is in the JSON).
    title = "2025辽阳市医保政策全解读:参保、报销、异地就医一篇搞定"
    assert f"↳ {title}：“可用于支付参保人本人及配偶、父母、子女的医药费用”" in out + err
    assert "t.toml：0 个问题，1 条规则不符合" in out
    assert "allows only" not in out + err and not err
    # English on request, as before.
    rc, out, _ = run(capsys, "household", "check", str(f), "--lang", "en")
    assert "sis is me's sibling: Liaoyang allows only spouse, parent, child" in out
    # JSON keeps "message" in English and adds "message_zh" beside it.
    rc, out, _ = run(capsys, "household", "show", str(f), "--json")
    (b,) = json.loads(out)["bindings"]
    rel = next(r for r in b["rules"] if r["rule"] == "relations")
    assert rel["status"] == "broken"
    assert rel["message"] == "sis is me's sibling: Liaoyang allows only spouse, parent, child"
    assert rel["message_zh"] == "sis是me的兄弟姐妹：辽阳只允许绑定配偶、父母、子女"


def test_year_notes_in_chinese_by_default(capsys, tmp_path):
    f = tmp_path / "t.toml"
    f.write_text(HEAD + member("me", "self", "liaoyang", birth_year=1985), "utf-8")
    rc, out, _ = run(capsys, "household", "year", str(f))
    assert rc == 0 and "※ me：未填写个人账户年初余额，按0.00计" in out
    rc, out, _ = run(capsys, "household", "year", str(f), "--lang", "en")
    assert "※ me: opening account balance not entered; taken as 0.00" in out
    rc, out, _ = run(capsys, "household", "year", str(f), "--json")
    d = json.loads(out)
    assert "me: opening account balance not entered; taken as 0.00" in d["notes"]
    assert "me：未填写个人账户年初余额，按0.00计" in d["notes_zh"]


def test_corrupt_file_is_reported_with_line(capsys, tmp_path):
    f = tmp_path / "t.toml"
    f.write_bytes(DEMO.replace("month = 5", "month = 13", 1).encode())
    rc, _, err = run(capsys, "household", "year", str(f), "--lang", "en")
    assert rc == 1 and "t.toml:" in err and "month must be 1–12" in err and "left as it is" in err


def test_corrupt_file_problems_read_in_chinese_by_default_and_english_on_request(capsys, tmp_path):
    # A visit in month 13, a negative amount and an unknown key: each reason in Chinese with its
    # file:line, the same in English with --lang en; the file is never touched.
    f = tmp_path / "t.toml"
    text = (DEMO.replace("month = 5", "month = 13", 1).replace("amount = 1000.00", "amount = -5", 1)
            .replace('name = "王伟"', 'name = "王伟"\nshoe_size = 42', 1))
    raw = text.encode()
    f.write_bytes(raw)
    month_line = text.splitlines().index("month = 13") + 1
    # `check`: the file's problems are its result, on stdout; exit 1 (issue #21 item 5)
    rc, out, err = run(capsys, "household", "check", str(f))
    assert rc == 1 and not err
    assert f"t.toml:{month_line}: 成员“" in out and "月份（month）须为1–12（就诊按月份顺序计算）" in out
    assert "未知的键“shoe_size”" in out and "不是非负金额" in out
    assert "t.toml：无法使用；文件未改动。" in out
    assert "must be" not in out and "unknown key" not in out
    rc, out, err = run(capsys, "household", "check", str(f), "--lang", "en")
    assert rc == 1 and not err
    assert f"t.toml:{month_line}: member '" in out
    assert "month must be 1–12 (visits are taken in month order)" in out
    assert "unknown key 'shoe_size'" in out and "-5 is not a non-negative amount" in out
    assert "left as it is" in out and "月份" not in out
    assert f.read_bytes() == raw


def test_bad_toml_and_newer_schema_read_in_chinese(capsys, tmp_path):
    f = tmp_path / "t.toml"
    f.write_bytes(b"schema = 1\nname = [\n")
    rc, _, err = run(capsys, "household", "show", str(f))
    assert rc == 1 and "t.toml:2: 不是有效的TOML格式：" in err
    f.write_bytes(DEMO.replace("schema = 1", "schema = 9").encode())
    rc, out, _ = run(capsys, "household", "check", str(f))
    assert "schema 9 由较新版本的 yibao-tui 写入" in out and f.read_bytes() == DEMO.replace(
        "schema = 1", "schema = 9").encode()


def test_every_file_problem_has_both_languages(tmp_path):
    # Reasons are Msgs (or, from supplied.py, text inside one): no English left in the zh form
    # apart from key names and values.
    bad = (HEAD + member("me", "self", "liaoyang", birth_year=1800, flags='"x"', insured='"yes"')
           + member("me", "spouse", "", "nope") + binding("ghost", "me", "me")
           + "[[supplied]]\npath = \"x\"\n")
    with pytest.raises(H.HouseholdError) as e:
        H.parse(bad, "t.toml")
    assert len(e.value.problems) >= 8
    for name, line, msg in e.value.problems:
        zh, en = format_problem((name, line, msg), "zh"), format_problem((name, line, msg))
        assert zh != en and zh.startswith("t.toml:") and en.startswith("t.toml:")
        assert not any(w in zh for w in (" must ", " is not ", " missing", " twice"))


def test_missing_file_is_a_usage_error(capsys):
    rc, _, err = run(capsys, "household", "show", "no-such-household", "--lang", "en")
    assert rc == 2 and "no household 'no-such-household'" in err and "Traceback" not in err
    rc, _, err = run(capsys, "household", "show", "no-such-household")  # the app's language
    assert rc == 2 and "找不到家庭“no-such-household”" in err and "no household" not in err


def test_year_json(capsys):
    rc, out, _ = run(capsys, "household", "year", "demo", "--json")
    assert rc == 0
    d = json.loads(out)
    # Worked in tests/test_household_year.py::test_demo_year_hand_worked (me: 150 + 2 % of 6,000
    # = 270 a month).
    assert d["totals"] == {"fund": "16690.00", "serious_illness": "0.00", "account": "4150.00",
                           "cash": "2060.00", "self_pay": "6210.00", "total": "22900.00"}
    mum = next(m for m in d["members"] if m["id"] == "mum")
    assert mum["totals"]["account"] == "3260.00" and mum["totals"]["cash"] == "1920.00"
    assert mum["account"]["monthly_credit"] == "300.00" and "monthly_share" not in mum["account"]
    me = next(m for m in d["members"] if m["id"] == "me")
    assert me["account"]["monthly_share"] == "120.00"
    assert me["account"]["share_quote"] == "个人承担2%,个人部分划入医保个人账户"
    v = next(v for v in d["visits"] if v["member"] == "mum")
    assert v["drawn_from"] == [{"holder": "mum", "amount": "2000.00"},
                               {"holder": "me", "amount": "1260.00"}]
    assert v["fund"] == "16320.00" and v["steps"][0]["source"] is None
    assert [m["id"] for m in d["members"]] == ["me", "spouse", "mum", "kid"]
    assert d["bindings"][0]["rules"][0]["quote"] == "居民医保没有个人账户"


def test_year_text(capsys, monkeypatch):
    wide_terminal(monkeypatch)
    rc, out, _ = run(capsys, "household", "year", "demo", "--lang", "en", "--detail")
    assert rc == 0
    assert "Household: fund 16,690.00 · serious illness 0.00 · account 4,150.00 · cash 2,060.00" in out
    # 800 + 12 × (150 + 120) = 3,240 credited − 2,150 drawn = 1,890
    assert "opening 800.00 + credited 3,240.00" in out and "closing 1,890.00" in out
    assert "credit 150.00/month + own contribution 120.00/month" in out
    assert "↳ account of 王伟: 1,260.00" in out
    # People by name, never the file's ids; a holder-level rule is the holder's alone.
    assert "? 王伟: number of relatives bound" in out and "→ *" not in out
    assert not {"(me)", "(kid)", "'kid'", "'me'"} & set(out.split())


def test_estimate_path_does_not_import_household_or_questionary():
    import subprocess

    code = ("import sys; from yibao_tui.cli import main; "
            "main(['estimate','--city','liaoyang','--scheme','employee','--category','active',"
            "'--care','outpatient','--grade','3','--amount','1000']); "
            "bad=[m for m in ('questionary','textual','rich','yibao_tui.core.household',"
            "'yibao_tui.storage.store','platformdirs','tomli_w') if m in sys.modules]; "
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


# ───────────────────────────── yibao ask ─────────────────────────────

DOWN, ENTER = "\x1b[B", "\r"


def ask(keys, profiles):
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from yibao_tui.cli import ask as A

    out = io.StringIO()
    with create_pipe_input() as inp:
        inp.send_text(keys)
        with create_app_session(input=inp, output=DummyOutput()):
            rc = A.run(profiles=str(profiles), lang="en", out=out)
    return rc, out.getvalue()


def test_ask_without_a_terminal_says_how_to_use_estimate(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    rc, _, err = run(capsys, "ask")
    assert rc == 2 and "yibao estimate --city" in err


def test_ask_one_visit(_profiles):
    # city: liaoyang (first) → scheme employee → category: retired (down) → care: inpatient
    # (down) → grade 3 (down ×3) → amount 20000 → class-B, special drugs blank → out-of-policy
    # 0 → don't save.
    keys = (ENTER + ENTER + DOWN + ENTER + DOWN + ENTER + DOWN * 3 + ENTER + "20000\r"
            + ENTER * 2 + ENTER + "n")
    rc, out = ask(keys, _profiles)
    assert rc == 0
    # 辽阳 retired inpatient grade 3: (20,000 − 800) × 85% = 16,320; you pay 3,680.
    assert "fund 16,320.00" in out and "you pay 3,680.00" in out
    assert not _profiles.exists()


DEFAULT = object()  # the question's own default (a select's default, else its first choice)


class _Answers:
    """Stands in for questionary with the answers given in order: a select's value (one of its
    choices), a text (checked by the question's validate), a yes or no; DEFAULT takes the
    question's default, as Enter does. The keys reaching questionary are test_ask_one_visit's."""

    def __init__(self, *answers):
        self.answers, self.asked = list(answers), []

    def _next(self, msg):
        self.asked.append(msg)
        return self.answers.pop(0)

    def select(self, msg, choices, default=None):
        a, values = self._next(msg), [v for _t, v in choices]
        if a is DEFAULT:
            return default if default is not None else values[0]
        assert a in values, (msg, a, values)
        return a

    def text(self, msg, default="", validate=None):
        a = self._next(msg)
        a = default if a is DEFAULT else a
        assert validate is None or validate(a) is True, (msg, a)
        return a

    def confirm(self, msg, default=True):
        a = self._next(msg)
        return default if a is DEFAULT else a


def test_ask_saves_a_new_member_into_a_new_household_and_reuses_it(_profiles):
    from yibao_tui.cli import ask as A

    q = _Answers("liaoyang", "employee", "retired", "inpatient", "3", "20000",
                 "", "", DEFAULT,           # class-B, special drugs blank; out-of-policy 0
                 True,                      # save this person
                 A.NEW,                     # a new household (the only choice)
                 "Wang family", "Mum", DEFAULT,  # household name, name, id 'mum'
                 DEFAULT,                   # relation: self (the first one's)
                 "1955", "500",             # birth year, balance
                 True, DEFAULT)             # save the visit too, in the current month
    out = io.StringIO()
    assert A._flow(q, str(_profiles), None, "en", out) == 0 and q.answers == []
    assert "saved" in out.getvalue()
    (f,) = _profiles.glob("*.toml")
    h = store.read(f).household
    m = h.member("mum")
    assert (m.name, m.relation, m.city, m.scheme, m.category, m.birth_year) == \
        ("Mum", "self", "liaoyang", "employee", "retired", 1955)
    assert m.account_balance == H.money("500") and len(m.visits) == 1
    assert oct(f.stat().st_mode & 0o777) == "0o600"

    # Next time: pick the member (prefilled), outpatient grade 1, this month, 100 yuan, save
    # the visit.
    q = _Answers((0, "mum"), DEFAULT, DEFAULT, DEFAULT, "100", "", "", DEFAULT, True)
    out = io.StringIO()
    assert A._flow(q, str(_profiles), None, "en", out) == 0 and q.answers == []
    assert "account of Mum" in out.getvalue() and "saved" in out.getvalue()
    assert len(store.read(f).household.member("mum").visits) == 2
    assert f.with_name(f.name + ".bak").is_file()


class _ScriptedQ:
    """Stands in for questionary: records every question; picks the first choice (or the
    default), types the scripted text answers in order, says no to every yes/no."""

    def __init__(self, texts):
        self.texts, self.asked = list(texts), []

    def select(self, msg, choices, default=None):
        self.asked.append(msg)
        return default if default is not None else choices[0][1]

    def text(self, msg, default="", validate=None):
        self.asked.append(msg)
        ans = self.texts.pop(0)
        assert validate is None or validate(ans) is True, (msg, ans, validate(ans))
        return ans

    def confirm(self, msg, default=True):
        self.asked.append(msg)
        return False


def test_ask_asks_class_b_and_special_drugs_in_english_only(_profiles):
    import re

    from yibao_tui.cli import ask as A
    from yibao_tui.core.amount import parse_amount

    # 辽阳 employee active outpatient primary: 1,000 in-policy, 300 of it class-B.
    q = _ScriptedQ(["1000", "300", "", "0"])
    out = io.StringIO()
    assert A._flow(q, str(_profiles), None, "en", out) == 0
    assert "Of which class-B (yuan, optional)" in q.asked
    assert "Of which special drugs (yuan, optional)" in q.asked
    assert not [m for m in q.asked if re.search(r"[\u4e00-\u9fff]", m)]  # English only
    # Bad input is answered in the chosen language, by the one amount rule.
    check = A._amount_check("zh", optional=True, most=parse_amount("1000"))
    assert check("") is True and check("12x") == "“12x”不是以元为单位的金额"
    assert check("1200") == "乙类与特殊药品部分之和不能超过政策范围内费用。"
    assert A._amount_check("en")("-5") == "-5 is not a non-negative amount"


def test_ask_says_a_file_changed_on_disk_in_the_chosen_language(tmp_path):
    from yibao_tui.cli import ask as A

    home = store.save_new(H.parse(DEMO), tmp_path, "fam")
    home.path.write_text(DEMO.replace("王伟", "王大伟"), "utf-8")  # changed behind its back
    out = io.StringIO()
    A._save(_ScriptedQ([]), home, out, "zh")  # no to "save under another name?"
    assert "在打开后被修改过，未覆盖" in out.getvalue() and "on disk" not in out.getvalue()
    assert out.getvalue().rstrip().endswith("未保存")
