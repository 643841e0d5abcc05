"""A year for the family: the engine per member, then the account drawdown in visit order."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from yibao_tui.core import household as H
from yibao_tui.storage import store
from yibao_tui.text import render

from .conftest import D, examples
from .hh_helpers import binding, household, member, policies


def visit(month, care, grade, amount, oop="0"):
    return H.Visit(month=month, care=care, grade=grade, amount=D(amount), out_of_policy=D(oop))


def test_family_year_hand_worked():
    h = household(
        member("me", "self", "liaoyang", birth_year=1995, account_balance="300"),
        member("dad", "parent", "liaoyang", "employee", "retired", birth_year=1960,
               account_balance="0"),
        member("mum", "parent", "liaoyang", "resident", "adult", birth_year=1962),
        binding("me", "mum"), binding("dad", "mum"))
    h.member("mum").visits += [visit(1, "outpatient", "2", "500"),
                               visit(2, "outpatient", "2", "300", oop="50")]
    h.member("me").visits += [visit(2, "outpatient", "3", "700")]
    hy = H.run_year(h, policies())
    assert not hy.check.problems and not hy.check.broken
    # dad → mum is derived: two parents of the head, assumed married → spouse, allowed in 辽阳.
    rel = next(r for r in hy.check.rules["dad"] if r.rule == "relations")
    assert rel.status == "ok" and "spouse" in render(rel.msg, "en")

    mum1, me1, mum2 = hy.rows  # month 1; month 2 in member order (me before mum)
    assert (mum1.member, me1.member, mum2.member) == ("mum", "me", "mum")
    # mum, Jan: resident outpatient grade 2, deductible 100 a year: (500 − 100) × 50% = 200;
    # self-pay 300, all in-policy. me's account: 300 opening + 1 × 100 (age 30, under 35) = 400
    # → pays 300, 100 left.
    assert (mum1.fund, mum1.self_pay, mum1.account, mum1.cash) == (D(200), D(300), D(300), D(0))
    assert mum1.draws == [("me", D(300))]
    # me, Feb: employee outpatient grade 3, deductible 500 a year: (700 − 500) × 50% = 100;
    # self-pay 600. Account 100 + 100 (Feb credit) = 200 → pays 200, cash 400.
    assert (me1.fund, me1.self_pay, me1.account, me1.cash) == (D(100), D(600), D(200), D(400))
    # mum, Feb: deductible already met: 300 × 50% = 150; self-pay 300 − 150 + 50 out-of-policy
    # = 200, of which 150 in-policy. me's account is empty; dad's: 0 + 2 × 300 = 600 → pays 150.
    # The 50 out-of-policy is cash (the account pays in-policy self-pay only).
    assert (mum2.fund, mum2.self_pay, mum2.payable) == (D(150), D(200), D(150))
    assert mum2.draws == [("dad", D(150))] and mum2.cash == D(50)

    t = hy.totals
    # fund 200 + 100 + 150 = 450; account 300 + 200 + 150 = 650; cash 0 + 400 + 50 = 450;
    # total 500 + 700 + 350 = 1,550 = fund 450 + self-pay 1,100.
    assert (t.fund, t.serious_illness, t.account, t.cash, t.self_pay, t.total) == \
        (D(450), D(0), D(650), D(450), D(1100), D(1550))
    assert hy.members[2].totals.account == D(450) and hy.members[2].totals.cash == D(50)
    me, dad = hy.accounts["me"], hy.accounts["dad"]
    # me: 300 + 12 × 100 − (300 + 200) = 1,000; dad: 0 + 12 × 300 − 150 = 3,450.
    assert (me.credited, me.drawn, me.closing) == (D(1200), D(500), D(1000))
    assert (dad.credited, dad.drawn, dad.closing) == (D(3600), D(150), D(3450))
    assert dad.credit_row["quote"].startswith("退休人员每月划入300元")


def test_demo_year_hand_worked():
    hy = H.run_year(store.load_demo().household, policies())
    t = hy.totals
    # me (王伟, active, age 40) is credited 150 (35–45 band) + his own 2 % of the 6,000 wage
    # = 120 ("个人承担2%,个人部分划入医保个人账户"): 270 a month (issue #10 item 2).
    # spouse Feb 200 → fund (200 − 100) × 60% = 60, self-pay 140 from me (800 + 2 × 270 = 1,340
    #   → 1,200 left).
    # me Mar 1,000 → fund (1,000 − 500) × 50% = 250, self-pay 750 from me (1,200 + 270 = 1,470
    #   → 720 left).
    # mum May 20,000 inpatient grade 3 retired → fund (20,000 − 800) × 85% = 16,320; self-pay
    #   3,680 in-policy + 1,500 out-of-policy. Her account 500 + 5 × 300 = 2,000, then me's
    #   720 + 2 × 270 = 1,260: account 3,260, cash 5,180 − 3,260 = 1,920.
    # kid May 200 → fund 60, self-pay 140; me's account is empty: cash 140.
    # account 140 + 750 + 3,260 = 4,150; cash 1,920 + 140 = 2,060.
    assert (t.fund, t.account, t.cash, t.total) == (D(16690), D(4150), D(2060), D(22900))
    me = hy.accounts["me"]
    assert (me.monthly, me.share) == (D(150), D(120))
    # 12 × 270 = 3,240 credited, 1,440 more than the flat 150 alone; 800 + 3,240 − 2,150 = 1,890
    assert (me.credited, me.drawn, me.closing) == (D(3240), D(2150), D(1890))
    # mum is retired: no contribution of her own, so no share is credited
    assert hy.accounts["mum"].share == 0 and hy.accounts["mum"].share_row is None
    assert hy.accounts["mum"].closing == D(2100)  # 500 + 3,600 − 2,000


def test_employee_share_without_a_wage_is_unknown_not_zero():
    # 辽阳 active employee, age 30 (100 a month), no wage entered: the 2 % credit is unknown.
    # Only the known 100 is credited (a lower bound), and a note says the share is unknown.
    h = household(member("me", "self", "liaoyang", birth_year=1995, account_balance="0"))
    h.member("me").visits.append(visit(3, "outpatient", "3", "700"))
    hy = H.run_year(h, policies())
    acc = hy.accounts["me"]
    assert acc.share is None and acc.share_row["quote"] == "个人承担2%,个人部分划入医保个人账户"
    # (700 − 500) × 50% = 100 fund; self-pay 600; account 3 × 100 = 300 → pays 300, cash 300
    (row,) = hy.rows
    assert (row.fund, row.account, row.cash) == (D(100), D(300), D(300))
    assert any("own contribution is unknown" in render(n, "en") for n in hy.notes)


def test_employee_share_is_rounded_to_the_fen():
    # wage 6,543.21 × 2% = 130.8642 → 130.86 a month; age 30 → 100 + 130.86 = 230.86 a month
    m = H.Member("a", "a", "self", "liaoyang", "employee", "active", birth_year=1995)
    p = policies().get("liaoyang")
    assert H.monthly_share(p, m, D("6543.21"))[0] == D("130.86")
    retired = H.Member("b", "b", "self", "liaoyang", "employee", "retired", birth_year=1950)
    assert H.monthly_share(p, retired, D("6000"))[0] == 0  # no row for retirees


def test_credit_band_edges():
    p = policies().get("liaoyang")
    for age, monthly in ((34, 100), (35, 150), (44, 150), (45, 200), (60, 200)):
        m = H.Member("a", "a", "self", "liaoyang", "employee", "active", birth_year=2025 - age)
        assert H.monthly_credit(p, m, 2025)[0] == monthly, age
    m = H.Member("a", "a", "self", "liaoyang", "employee", "active")
    assert H.monthly_credit(p, m, 2025)[0] is None  # no birth year: unknown, not guessed


def test_unknown_credit_uses_the_balance_only():
    h = household(member("me", "self", "tieling", account_balance="100"))
    h.member("me").visits.append(visit(6, "outpatient", "3", "1000"))
    hy = H.run_year(h, policies())
    (row,) = hy.rows
    # 铁岭 grade 3 active: deductible 300, (1,000 − 300) × 50% = 350; self-pay 650; account 100.
    assert (row.fund, row.account, row.cash) == (D(350), D(100), D(550))
    assert any("credit unknown" in render(n, "en") for n in hy.notes)


def test_estimate_one_visit_for_a_member_carries_the_year():
    h = store.load_demo().household
    row, _ = H.estimate_member_visit(h, "me", visit(6, "outpatient", "3", "1000"), policies())
    # The year's deductible (500) was met in March: 1,000 × 50% = 500 fund, self-pay 500.
    # me's account after May is 0; June credit 150 + 120 (2 % of the 6,000 wage) = 270
    # → account 270, cash 230.
    assert (row.fund, row.self_pay, row.account, row.cash) == (D(500), D(500), D(270), D(230))
    assert len(h.member("me").visits) == 1  # the household itself is unchanged


amounts = st.decimals(min_value=0, max_value=60000, places=2, allow_nan=False,
                      allow_infinity=False)
visits = st.lists(st.tuples(st.integers(0, 3), st.integers(1, 12),
                            st.sampled_from([("outpatient", "1"), ("outpatient", "3"),
                                             ("inpatient", "2"), ("inpatient", "3")]),
                            amounts, amounts.map(lambda d: (d / 10).quantize(Decimal("0.01")))),
                  max_size=12)


@settings(max_examples=examples(60), deadline=None)
@given(visits, st.lists(amounts, min_size=2, max_size=2))
def test_account_plus_cash_is_self_pay_and_balances_stay_positive(vs, balances):
    h = household(
        member("me", "self", "liaoyang", birth_year=1980, account_balance=f'"{balances[0]}"'),
        member("mum", "parent", "liaoyang", "employee", "retired", birth_year=1950,
               account_balance=f'"{balances[1]}"'),
        member("sp", "spouse", "liaoyang", "resident", "adult", birth_year=1982),
        member("kid", "child", "liaoyang", "resident", "student", birth_year=2015),
        binding("me", "mum", "sp", "kid"))
    for who, month, (care, grade), amount, oop in vs:
        h.members[who].visits.append(visit(month, care, grade, amount, oop))
    hy = H.run_year(h, policies())
    for r in hy.rows:
        assert r.account + r.cash == r.self_pay
        assert Decimal(0) <= r.account <= r.payable
        assert all(x > 0 for _, x in r.draws)
    for acc in hy.accounts.values():
        assert acc.closing >= 0
        assert acc.opening + acc.credited - acc.drawn == acc.closing
        assert sum(x for *_, x in acc.draws) == acc.drawn
    assert hy.totals.account + hy.totals.cash == hy.totals.self_pay
