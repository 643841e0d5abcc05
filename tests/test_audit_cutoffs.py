"""Issue #21 items 1–2: rules that depend on where care was given and on a birth date, worked
by hand from the seed texts (arithmetic in the comments)."""

from decimal import Decimal

import pytest

from yibao_tui.core import enrolment as enr
from yibao_tui.core import policy as pol
from yibao_tui.text import render

from .conftest import POLICIES


def city(name):
    return pol.load_city(name, dirs=[str(POLICIES)])


# 002: "大中小学及18周岁以下未成年人(2004年12月31日24时后出生)缴费标准为310元"; adults 360.
@pytest.mark.parametrize(("born", "expected"), [
    (2005, 310),   # born 2005: after 2004-12-31 24:00 → the minors' 310
    (2004, 360),   # born in 2004 (at the latest 2004-12-31): not after the cut-off → adult 360
    (1990, 360),
    (None, 310),   # not given: the row stands, with the condition said
])
def test_liaoyuan_minor_birth_cut_off(born, expected):
    r = enr.premium(city("liaoyuan"), "minor", born=born)
    assert r.amount == Decimal(expected)
    keys = [ln.key for ln in r.lines]
    if born is None or born <= 2004:
        assert keys[0] == "born_cut_off"  # the cut-off is said, never applied silently
        text = render(r.lines[0].text, "en")
        assert "2004-12-31" in text
        if born is not None:
            assert "adult" in text and str(born) in text
    else:
        assert "born_cut_off" not in keys


def test_liaoyuan_student_has_no_birth_cut_off():
    # the parenthesis binds "18周岁以下未成年人": a student of any age pays 310
    assert enr.premium(city("liaoyuan"), "student", born=1999).amount == Decimal(310)


def test_household_member_born_2004_entered_as_minor_pays_adult():
    from yibao_tui.core import household as H

    from .hh_helpers import member, policies

    h = H.parse("schema = 1\nname = \"t\"\nyear = 2023\n"
                + member("kid", "self", "liaoyuan", "resident", "minor", birth_year=2004), "t.toml")
    me = H.member_enrolment(h, h.members[0], policies(2023))
    # the tool's own age rule: 2023 − 2004 = 19, and the text's cut-off agrees: adult 360
    assert me.premium.amount == Decimal(360)
    assert me.premium.lines[0].key == "born_cut_off"
