"""The Textual faces offer the care kinds of the core's one rule (``Scheme.care_kinds``): the
wizard's care step and the household visit form, for a category a care kind leaves out. (The rule
itself, and that every face offers what the check takes: tests/test_policy_view.py.)"""

from __future__ import annotations

import pytest

from tests.test_tui import SIZE, aio, screen_name
from yibao_tui.core.vocab import CARE_KINDS
from yibao_tui.tui.app import build

# 辽阳's resident outpatient care offered to adults and students only (the restriction
# tests/test_policy_view.py's RESTRICTED makes: no bundled file restricts a care kind by category),
# written here so that collecting or running this file does not import that one.
RESTRICTED = '[resident.care.outpatient]\ncategories = ["adult", "student"]\n'
# A minor in 辽阳, the household's child.
KIDS = """schema = 1
name = "kids"
year = 2025

[[member]]
id = "me"
name = "Parent"
relation = "self"
birth_year = 1985
city = "liaoyang"
scheme = "resident"
category = "adult"

[[member]]
id = "little"
name = "Little one"
relation = "child"
birth_year = 2015
city = "liaoyang"
scheme = "resident"
category = "minor"
"""


@pytest.fixture
def restricted(tmp_path, monkeypatch):
    """A policies dir with 辽阳's file restricted, and a households dir holding KIDS."""
    from tests.conftest import POLICIES
    from yibao_tui.storage import store

    d = tmp_path / "policies"
    d.mkdir()
    text = (POLICIES / "liaoyang-2025.toml").read_text(encoding="utf-8")
    assert text.count("[resident.care.outpatient]\n") == 1
    (d / "liaoyang-2025.toml").write_text(text.replace("[resident.care.outpatient]\n", RESTRICTED),
                                          encoding="utf-8")
    profiles = tmp_path / "households"
    profiles.mkdir()
    (profiles / "kids.toml").write_text(KIDS, encoding="utf-8")
    monkeypatch.setenv(store.ENV, str(profiles))
    return d


@aio
async def test_care_step_and_visit_form_offer_the_rules_kinds(restricted):
    from textual.widgets import OptionList, Select
    from textual.widgets.select import InvalidSelectValueError

    from yibao_tui.core.policy import load_city
    from yibao_tui.tui.screens.household.forms.visit import VisitForm
    from yibao_tui.tui.screens.household.households import open_session

    rule = load_city("liaoyang", dirs=[str(restricted)]).scheme("resident").care_kinds("minor")
    assert rule == ("inpatient",)
    # Prefilled with a care the rule leaves out: the care step, never the breakdown of a care
    # the minor cannot use; it offers the rule's kinds.
    app = build(["--policies", str(restricted), "--city", "liaoyang", "--scheme", "resident",
                 "--category", "minor", "--care", "outpatient", "--grade", "1", "--amount", "100",
                 "--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "CareScreen"
        kinds = app.screen.query_one("#kinds", OptionList)
        assert tuple(o.id for o in kinds.options) == rule
        # The household visit form for the minor (opened here on the household's session: v on
        # the member's row opening it is tests/test_tui_household.py's) offers the same.
        app.hh = open_session(app, "kids")
        app.push_screen(VisitForm(app.hh.household.member("little")))
        await pilot.pause()
        assert screen_name(app) == "VisitForm"
        care = app.screen.query_one("#f-care", Select)
        offered = []
        for kind in CARE_KINDS:  # a Select takes only a value it offers
            try:
                care.value = kind
            except InvalidSelectValueError:
                continue
            offered.append(kind)
        assert tuple(offered) == app.hh.policies.get("liaoyang").scheme("resident").care_kinds("minor")
        assert tuple(offered) == rule
