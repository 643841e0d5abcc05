"""Dated rows in enrolment tables (issue 18): a premium row with ``from`` holds from that day,
matched against the first day of the year the premium pays for (``premium(on=…)``: the
household's year, ``yibao premium --year``; the file's first day when no year is asked)."""

from __future__ import annotations

import datetime as dt
import json

from yibao_tui.cli import main
from yibao_tui.core import enrolment as enr
from yibao_tui.core.policy import load_city

from .conftest import POLICIES

OLD_ROW = '[[resident.premium]]\ncategories = ["student"]\nvalue = 260\n'
# A test fixture, never bundled: "students pay 300 from 2025-01-01", before the undated 260 row.
NEW_ROW = ('[[resident.premium]]\ncategories = ["student"]\nvalue = 300\nfrom = 2025-01-01\n'
           'source = "004_0cd4e3e6d5e11989.txt"\nquote = "在校学生为260元"\n\n')


def dated_dir(tmp_path):
    d = tmp_path / "pol"
    d.mkdir(mode=0o700)
    text = (POLICIES / "shenyang-2024.toml").read_text(encoding="utf-8")
    assert text.count(OLD_ROW) == 1
    (d / "shenyang-2024.toml").write_text(text.replace(OLD_ROW, NEW_ROW + OLD_ROW), encoding="utf-8")
    return d


def test_premium_row_dated_by_the_year_it_pays_for(tmp_path):
    p = load_city("shenyang", dirs=[str(dated_dir(tmp_path))])
    # No day asked: the file's first day, 2024-01-01, before the row's 2025-01-01 → 260.
    assert enr.premium(p, "student").amount == 260
    assert enr.premium(p, "student", on=dt.date(2024, 12, 31)).amount == 260
    # From 2025-01-01 the dated row holds (first matching row wins) → 300.
    assert enr.premium(p, "student", on=dt.date(2025, 1, 1)).amount == 300
    assert enr.premium(p, "adult", on=dt.date(2025, 1, 1)).amount != 300  # students only


def test_premium_cli_year_picks_the_dated_row(tmp_path, capsys):
    d = str(dated_dir(tmp_path))
    args = ["premium", "--city", "shenyang", "--category", "student", "--policies", d, "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["members"][0]["premium"] == "260.00"
    # 2025 on the 2024 file (the newest): the 2025 row → 300.
    assert main([*args, "--year", "2025"]) == 0
    assert json.loads(capsys.readouterr().out)["members"][0]["premium"] == "300.00"


KID = """schema = 1
name = "t"
year = {year}

[[member]]
id = "kid"
name = "kid"
relation = "self"
birth_year = 2010
city = "shenyang"
scheme = "resident"
category = "student"
"""


def test_household_premium_is_the_household_year_s_row(tmp_path):
    from yibao_tui.core import household as H
    from yibao_tui.core.policy.cache import PolicyCache

    d = str(dated_dir(tmp_path))
    for year, amount in ((2024, 260), (2025, 300)):  # 2025 on the 2024 file: the 2025 row
        h = H.parse(KID.format(year=year), "t.toml")
        me = H.enrolment_summary(h, PolicyCache([d], year)).members[0]
        assert me.policy.year == 2024 and me.premium.amount == amount
