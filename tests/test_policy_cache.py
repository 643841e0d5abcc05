"""The parsed-policy cache (storage/policy_cache.py): the same policy as parsing the file, kept
by the file's sha256 with the households' trust rules; a corrupt, foreign or stale entry is
ignored and replaced, never trusted."""

from __future__ import annotations

import os
import pickle
import stat

import pytest

from yibao_tui.core import tomlinput
from yibao_tui.core.policy import files
from yibao_tui.inputs.policy import policy_dirs
from yibao_tui.storage import policy_cache as pc

from .conftest import POLICIES

CITIES = sorted(p.name for p in POLICIES.glob("*.toml"))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("YIBAO_CACHE", str(d))
    policy_dirs()  # the input layer hands the cache to core
    yield pc.ParsedPolicies(str(d))
    files.use_cache(None)


def entry(cache, name):
    files.load(str(POLICIES / name))
    return cache.path(files.cache_key(name, (POLICIES / name).read_bytes()))


@pytest.mark.parametrize("name", CITIES)
def test_cached_policy_is_the_parsed_policy(cache, name):
    files.use_cache(None)
    parsed = files.load(str(POLICIES / name))
    files.use_cache(cache)
    first = files.load(str(POLICIES / name))  # parsed, then kept
    assert os.path.exists(cache.path(files.cache_key(name, (POLICIES / name).read_bytes())))
    again = files.load(str(POLICIES / name))  # from the cache
    assert again.data == parsed.data == first.data
    assert again.sha256 == parsed.sha256 and again.draft == parsed.draft


def test_the_same_bytes_under_another_name_are_checked_again(cache, tmp_path):
    # The name is checked too (city and year): a cached parse of liaoyang-2025.toml's bytes must
    # not let them pass as liaoyang-2024.toml.
    files.load(str(POLICIES / "liaoyang-2025.toml"))
    renamed = tmp_path / "liaoyang-2024.toml"
    renamed.write_bytes((POLICIES / "liaoyang-2025.toml").read_bytes())
    with pytest.raises(files.PolicyError):
        files.load(str(renamed))


def test_entries_are_private(cache):
    path = entry(cache, "shenyang-2024.toml")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700


def test_a_corrupt_entry_is_ignored_and_replaced(cache):
    path = entry(cache, "shenyang-2024.toml")
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_TRUNC), "wb") as f:  # the test plants it
        f.write(b"\x80\x04garbage")
    digest = os.path.basename(path).split(".")[0]
    assert cache.get(digest) is None
    p = files.load(str(POLICIES / "shenyang-2024.toml"))
    assert p.city == "shenyang" and cache.get(digest) == p.data  # parsed again and kept


class Boom:
    def __reduce__(self):
        return (os.system, ("echo planted",))


def test_a_foreign_entry_never_runs(cache, capfd):
    path = entry(cache, "shenyang-2024.toml")
    digest = os.path.basename(path).split(".")[0]
    planted = pickle.dumps((pc.FORMAT, cache.stamp, digest, {"x": Boom()}))
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_TRUNC), "wb") as f:
        f.write(planted)
    assert cache.get(digest) is None
    assert "planted" not in capfd.readouterr().out


def test_a_stale_or_mislabelled_entry_is_ignored(cache):
    path = entry(cache, "shenyang-2024.toml")
    digest = os.path.basename(path).split(".")[0]
    for fmt, stamp, got in ((pc.FORMAT, ("old",), digest), (pc.FORMAT + 1, cache.stamp, digest),
                            (pc.FORMAT, cache.stamp, "0" * 64)):
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_TRUNC), "wb") as f:
            f.write(pickle.dumps((fmt, stamp, got, {"city": "forged"})))
        assert cache.get(digest) is None


def test_a_directory_others_can_write_is_not_read(cache):
    path = entry(cache, "shenyang-2024.toml")
    digest = os.path.basename(path).split(".")[0]
    os.chmod(os.path.dirname(path), 0o777)
    assert cache.get(digest) is None
    os.chmod(os.path.dirname(path), 0o700)
    assert cache.get(digest) is not None


def test_off_means_no_cache(monkeypatch):
    monkeypatch.setenv("YIBAO_CACHE", "off")
    assert pc.parsed_policies() is None


def test_core_reads_no_more_than_the_input_layer():
    assert files.MAX_BYTES == tomlinput.MAX_BYTES
