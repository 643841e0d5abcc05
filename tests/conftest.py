import datetime
import itertools
import os
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies"
# CI clones the repo with shared/ beside it; the seeds are the policy sources.
SEEDS = Path(os.environ.get("YIBAO_SEEDS", ROOT.parent / "shared" / "seeds"))


def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one worker more than the cores. A Pilot test spends about 45 % of its time
    asleep in Textual's ``wait_for_idle`` (at least 20 ms after every key and pause, by design:
    it waits for the app to go quiet), so a worker per core leaves the cores idle that long; the
    extra worker fills them (measured on 2 cores: 72 s → 59 s)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


def pytest_collection_finish(session):
    """What collection made (every test module, Textual, Hypothesis: a few million objects) is
    kept to the end: moved out of the garbage collector's sight, so each full collection during
    the Pilot tests no longer walks it (about a tenth of their CPU)."""
    import gc

    gc.collect()
    gc.freeze()


_CONFIGS = itertools.count()


@pytest.fixture(autouse=True)
def _no_user_policies(monkeypatch, tmp_path_factory):
    # A developer's own $YIBAO_POLICIES, or policy files of their own in the user data dir
    # (yibao policies path), must not change what the tests see.
    monkeypatch.delenv("YIBAO_POLICIES", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "no-user-data"))
    # Nor their own supplied figures (yibao supplied): every estimate reads that file by default.
    monkeypatch.setenv("YIBAO_SUPPLIED", str(ROOT / ".no-such-dir" / "supplied.toml"))
    # Nor their config (keymap, theme): each test has a path of its own in pytest's private temp
    # dir, made only if the test writes it (a theme picked in one test never reaches another).
    monkeypatch.setenv("YIBAO_CONFIG", str(tmp_path_factory.getbasetemp() / f"config-{next(_CONFIGS)}"
                                           / "config.toml"))
    # Nor their parsed-policy cache: one of this run's own (per xdist worker, in pytest's private
    # temp dir), so each policy file is parsed and checked once a run, not once an app or command
    # (the suite's time, issue #23). tests/test_policy_cache.py tests the cache with one of its own.
    monkeypatch.setenv("YIBAO_CACHE", str(tmp_path_factory.getbasetemp() / "policy-cache"))
    from yibao_tui.core.policy.files import use_cache
    from yibao_tui.storage.policy_cache import parsed_policies

    use_cache(parsed_policies())  # also for the tests that call core without a face's door
    # An undated visit is on today (core/policy/years.py): one fixed day, so what a test sees
    # (the year label, a dated value, a snapshot) does not change with the calendar.
    from yibao_tui.core.policy import years

    monkeypatch.setattr(years, "today", lambda: TODAY)


TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    """The households directory of this test (``$YIBAO_PROFILES``), not made yet."""
    from yibao_tui.storage import store

    d = tmp_path / "households"
    monkeypatch.setenv(store.ENV, str(d))
    return d


def config_file(text):
    """Write the test's config file (its directory private, as the app would make it)."""
    from yibao_tui.storage import config

    path = config.config_path()
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def pytest_collection_modifyitems(items):
    # Every test of the Textual app (Pilot or snapshot) is marked, so `-m "not pilot"` runs the
    # fast engine, view, CLI and file tests alone.
    for item in items:
        if item.fspath.basename.startswith("test_tui"):
            item.add_marker(pytest.mark.pilot)
    # The Pilot tests first: they are the long ones (journeys of several seconds), so the workers
    # start them early and finish together on the many short tests, not idle behind one journey.
    items.sort(key=lambda item: not item.get_closest_marker("pilot"))


# Hypothesis examples: every run takes a quarter of an expensive property's examples (CI's suite
# ≤ 60 s on 2 cores, issue #23); YIBAO_THOROUGH=1 (before a release, or a nightly run) takes them
# all. A failure found once is replayed from Hypothesis' database on every later run either way.
THOROUGH = os.environ.get("YIBAO_THOROUGH", "") not in ("", "0")


def examples(n, floor=50):
    """max_examples for a property: ``n`` when thorough, else a quarter of it (at least ``floor``)."""
    return n if THOROUGH else min(n, max(floor, n // 4))


def D(x):
    return Decimal(str(x))
