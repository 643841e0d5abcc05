"""Issue #20: the slip search tries a part the patient paid first (乙类 / 特殊药品先行自付),
solved exactly from the slip's figures, alone and with one other change."""

from yibao_tui.core.engine import Claim, Person

from .test_slip import as_json, changes, slip, text

ACTIVE = Person("employee", "active")
# 辽阳 employee inpatient, grade 3: “三级 800 80% 85%”; the city gives no class-B share.
LY_STAY = Claim("inpatient", 10000, grade="3")


def test_a_part_paid_first_explains_a_lower_fund():
    # Estimate (10000 − 800) × 80 % = 7,360.00; the slip says 7,200. A class-B part whose share
    # the patient paid first: (10000 − P − 800) × 80 % = 7,200 → P = 200.00 (2,000 at 10 %).
    chk = slip("liaoyang", ACTIVE, LY_STAY, fund=7200)
    assert chk.verdict == "differs"
    assert changes(chk)[0] == {"paid_first": "200.00"}
    assert as_json(chk)["explanations"][0]["matches"] == ["fund"]
    assert "200.00 paid first by you, e.g. a class-B share: ask for the itemised bill" in text(
        "liaoyang", ACTIVE, chk)
    assert "你先行自付了200.00" in text("liaoyang", ACTIVE, chk, "zh")


def test_a_part_paid_first_with_one_other_change():
    # Retired (“三级 800 80% 85%”: 85 %) and 200 paid first: (10000 − 200 − 800) × 85 % = 7,650.
    # No single change gives 7,650 (retired alone 7,820.00; paid first alone lowers 7,360).
    chk = slip("liaoyang", ACTIVE, LY_STAY, fund=7650)
    assert {"category": "retired", "paid_first": "200.00"} in changes(chk)


def test_not_offered_where_an_input_explains_the_slip():
    # The retired rate alone: (10000 − 800) × 85 % = 7,820.00 — nothing fitted beside it.
    chk = slip("liaoyang", ACTIVE, LY_STAY, fund=7820)
    assert changes(chk) == [{"category": "retired"}]
