"""The one catalogue: every string in Chinese and English, formatted at display time."""

import datetime as dt
import re
import string

import pytest

from yibao_tui.core import household as H
from yibao_tui.core.msg import Msg
from yibao_tui.text import month_text, render
from yibao_tui.text.catalog import CATALOG

from .hh_helpers import binding, household, member, policies


def _fields(template):
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name}


def test_both_languages_take_the_same_values():
    # One test over the catalogue, naming each key that differs (a test a key was 1,200 tests'
    # setup for a set comparison each: the suite's time, issue #23).
    differ = {k: (sorted(_fields(zh) - _fields(en)), sorted(_fields(en) - _fields(zh)))
              for k, (zh, en) in sorted(CATALOG.items()) if _fields(zh) != _fields(en)}
    assert differ == {}, "fields only in zh, only in en"
    assert len(CATALOG) > 1000


def test_values_are_picked_and_joined_by_language():
    m = Msg("rule.rel_broken", rel=Msg("rel.is", ben="姐姐", holder="王伟", rel=("兄弟姐妹", "sibling")),
            city="辽阳", allowed=[("配偶", "spouse"), ("父母", "parent")])
    assert render(m, "zh") == "姐姐是王伟的兄弟姐妹：辽阳只允许绑定配偶、父母"
    assert render(m, "en") == "姐姐 is 王伟's sibling: 辽阳 allows only spouse, parent"
    assert render(Msg("enrol.tier", year=2025, tiers=[1, 2]), "zh").endswith("tier = 1或2")
    assert month_text(dt.date(2024, 5, 1), "zh") == "2024年5月"
    assert month_text(dt.date(2024, 5, 1), "en") == "May 2024"
    assert Msg.of(None) is None and Msg.of(m) is m and render(Msg.of("资料 source"), "zh") == "资料 source"
    with pytest.raises(KeyError):
        render(Msg("no-such-message"), "en")


def test_every_rule_result_reads_in_chinese():
    # A household touching each rule: a resident holder, an uninsured relative, a relative in
    # another city, an in-law whose relation to the holder cannot be derived.
    h = household(member("me", "self", "liaoyang"),
                  member("sis", "sibling", "shenyang", "resident", "adult"),
                  member("gp", "grandparent", "liaoyang", scheme=None, insured="false"),
                  member("sp", "spouse", "liaoyang", "resident", "adult"),
                  binding("me", "sis", "gp"), binding("sp", "gp"))
    chk = H.check(h, policies())
    texts = [render(r.msg, "zh") for rs in chk.rules.values() for r in rs]
    assert len(texts) == 13 and not any(re.search(r"\{[a-z_]+(:[a-z]+)?\}", t) for t in texts)
    assert not any(w in t for t in texts for w in (" is ", " bound", "allows", "sources"))
