"""Issue #22 in the app: the wizard says what is wrong with a broken supplied-figures file
instead of dying with a traceback. (Names with markup in them, shown as typed on the household
screens and dialogs, are walked in tests/test_tui_household.py and
tests/test_tui_household_years.py.) Nothing is imported at collection: the imports are the
test's own."""

from __future__ import annotations


def test_a_broken_supplied_file_is_said_not_a_traceback(tmp_path, monkeypatch):
    from yibao_tui.core import policy as pol
    from yibao_tui.tui.screens.wizard.yours import mine

    f = tmp_path / "s" / "supplied.toml"
    monkeypatch.setenv("YIBAO_SUPPLIED", str(f))
    f.parent.mkdir(mode=0o700)
    f.write_text("supplied = [1, 2]\n", encoding="utf-8")
    p = pol.load_city("shenyang")
    assert mine(p) == []  # unreadable: nothing of yours is listed (the estimate says why)
    assert f.read_text(encoding="utf-8") == "supplied = [1, 2]\n"
