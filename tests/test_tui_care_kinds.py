"""The Textual faces offer the care kinds of the core's one rule (``Scheme.care_kinds``): the
wizard's care step and the household visit form, for a category a care kind leaves out."""

from __future__ import annotations

from textual.widgets import OptionList, Select
from textual.widgets.select import InvalidSelectValueError

from tests.test_policy_view import restricted, restricted_policy  # noqa: F401 (a fixture)
from tests.test_tui import SIZE, aio, screen_name
from tests.test_tui_household import add_member, open_first, profiles, select_member  # noqa: F401
from yibao_tui.core.vocab import CARE_KINDS
from yibao_tui.tui.app import build


@aio
async def test_care_step_offers_the_rules_kinds(restricted):  # noqa: F811
    rule = restricted_policy(restricted).scheme("resident").care_kinds("minor")
    assert rule == ("inpatient",)
    app = build(["--policies", str(restricted), "--city", "liaoyang", "--scheme", "resident",
                 "--category", "minor"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "CareScreen"
        kinds = app.screen.query_one("#kinds", OptionList)
        assert tuple(o.id for o in kinds.options) == rule


@aio
async def test_prefilled_care_the_rule_leaves_out_is_refused_on_the_care_step(restricted):  # noqa: F811
    app = build(["--policies", str(restricted), "--city", "liaoyang", "--scheme", "resident",
                 "--category", "minor", "--care", "outpatient", "--grade", "1", "--amount", "100",
                 "--lang", "en"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_name(app) == "CareScreen"  # never the breakdown of a care it cannot use


@aio
async def test_visit_form_offers_the_rules_kinds(restricted, profiles):  # noqa: F811
    app = build(["--policies", str(restricted)])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await add_member(pilot, id="little", name="Little one", relation="child", birth="2015",
                         city="liaoyang", scheme="resident", category="minor")
        assert screen_name(app) == "HouseholdScreen", app.screen.query_one("#form-msg").content
        await select_member(pilot, "little")
        await pilot.press("v")
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
        policy = app.hh.policies.get("liaoyang")
        assert tuple(offered) == policy.scheme("resident").care_kinds("minor") == ("inpatient",)
