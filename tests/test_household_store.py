"""The store: atomic saves, backups, permissions, change detection, corrupt files untouched."""

import multiprocessing as mp
import os
import stat
import sys

import pytest

from yibao_tui.core import household as H
from yibao_tui.storage import store

DEMO = store.demo_path().read_text("utf-8")


def _mode(p):
    return stat.S_IMODE(os.stat(p).st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_permissions_0600_in_0700(tmp_path):
    d = tmp_path / "new" / "households"
    ld = store.save_new(H.parse(DEMO), d, "fam")
    assert _mode(d) == 0o700
    assert _mode(ld.path) == 0o600
    store.save(ld.household, ld.path, ld.fingerprint)
    assert _mode(ld.path) == 0o600
    assert _mode(ld.path.with_name(ld.path.name + ".bak")) == 0o600


def test_previous_version_is_kept_as_bak(tmp_path):
    ld = store.save_new(H.parse(DEMO), tmp_path, "fam")
    first = ld.path.read_bytes()
    ld.household.name = "renamed"
    store.save(ld.household, ld.path, ld.fingerprint)
    assert ld.path.with_name("fam.toml.bak").read_bytes() == first
    assert store.read(ld.path).household.name == "renamed"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_changed_on_disk_is_not_overwritten(tmp_path):
    ld = store.save_new(H.parse(DEMO), tmp_path, "fam")
    edited = ld.path.read_text("utf-8").replace("王伟", "王大伟")
    ld.path.write_text(edited, "utf-8")  # another program edits it
    ld.household.name = "mine"
    with pytest.raises(store.ChangedOnDisk, match="Reload it, or save under another name"):
        store.save(ld.household, ld.path, ld.fingerprint)
    assert ld.path.read_text("utf-8") == edited
    # … and saving under another name works.
    other = store.free_path("fam", tmp_path)
    store.save(ld.household, other, None)
    assert store.read(other).household.name == "mine"


def test_new_file_never_replaces_an_existing_one(tmp_path):
    ld = store.save_new(H.parse(DEMO), tmp_path, "fam")
    with pytest.raises(store.ChangedOnDisk, match="already exists"):
        store.save(ld.household, ld.path, None)


def test_corrupt_newer_and_rule_breaking_files_are_reported_and_untouched(tmp_path):
    good = store.save_new(H.parse(DEMO), tmp_path, "good").path
    files = {
        "corrupt.toml": b"schema = 1\nname = \"x\nyear = 2025\n",
        "newer.toml": DEMO.replace("schema = 1", "schema = 7").encode(),
        "badrule.toml": DEMO.replace('relation = "parent"', 'relation = "uncle"').encode(),
        "binary.toml": b"\xff\xfe\x00garbage",
    }
    for n, data in files.items():
        (tmp_path / n).write_bytes(data)
    loaded, broken = store.list_all(tmp_path)
    assert [ld.path for ld in loaded] == [good]
    reasons = {b.path.name: b.problems for b in broken}
    assert set(reasons) == set(files)
    assert reasons["corrupt.toml"][0][1] == 2  # the line of the unterminated string
    assert "newer" in str(reasons["newer.toml"][0][2])
    assert reasons["badrule.toml"][0][1] is not None and "uncle" in str(reasons["badrule.toml"][0][2])
    # Nothing can be saved over them without loading them first.
    for n, data in files.items():
        with pytest.raises(store.ChangedOnDisk):
            store.save(H.parse(DEMO), tmp_path / n, None)
        assert (tmp_path / n).read_bytes() == data


def test_demo_is_listed_only_when_there_are_none(tmp_path):
    loaded, broken = store.list_all(tmp_path / "nothing-yet")
    assert [ld.demo for ld in loaded] == [True] and not broken
    assert not (tmp_path / "nothing-yet").exists()  # listing writes nothing
    store.copy_demo(tmp_path / "h")
    loaded, _ = store.list_all(tmp_path / "h")
    assert [(ld.name, ld.demo) for ld in loaded] == [("demo", False)]


def test_demo_is_read_only():
    with pytest.raises(store.StoreError, match="read-only"):
        store.save(H.parse(DEMO), store.demo_path(), None)


def test_profiles_env_override(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path))
    assert store.households_dir() == tmp_path
    assert store.households_dir(str(tmp_path / "x")) == tmp_path / "x"


def _saver(path, fp, name, q):
    h = H.parse(DEMO)
    h.name = name
    try:
        store.save(h, path, fp)
        q.put(("saved", name))
    except store.ChangedOnDisk:
        q.put(("refused", name))


def test_concurrent_save_from_two_processes(tmp_path):
    ld = store.save_new(H.parse(DEMO), tmp_path, "fam")
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_saver, args=(ld.path, ld.fingerprint, n, q)) for n in ("A", "B")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    results = sorted(q.get(timeout=5) for _ in procs)
    # Both loaded the same version: exactly one save wins, the other is told.
    assert [r[0] for r in results] == ["refused", "saved"]
    winner = next(n for r, n in results if r == "saved")
    assert store.read(ld.path).household.name == winner
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def _hammer(path, name, n):
    for _ in range(n):
        while True:
            cur = store.read(path)
            cur.household.name = name
            try:
                store.save(cur.household, path, cur.fingerprint)
                break
            except store.ChangedOnDisk:
                continue


def test_many_concurrent_saves_leave_a_whole_file(tmp_path):
    ld = store.save_new(H.parse(DEMO), tmp_path, "fam")
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_hammer, args=(ld.path, n, 15)) for n in ("A", "B")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    assert store.read(ld.path).household.name in ("A", "B")
    assert store.read(ld.path.with_name("fam.toml.bak")).household.name in ("A", "B")


def test_changed_on_disk_says_which_case(tmp_path):
    ld = store.save_new(H.parse(DEMO), tmp_path, "fam")
    ld.path.write_text(ld.path.read_text("utf-8") + "\n# elsewhere\n", "utf-8")
    with pytest.raises(store.ChangedOnDisk) as e:
        store.save(ld.household, ld.path, ld.fingerprint)
    assert e.value.kind == "changed" and e.value.exists
    with pytest.raises(store.ChangedOnDisk) as e:
        store.save(ld.household, ld.path, None)
    assert e.value.kind == "exists" and not e.value.exists
    ld.path.unlink()
    with pytest.raises(store.ChangedOnDisk, match="deleted since it was loaded") as e:
        store.save(ld.household, ld.path, ld.fingerprint)
    assert e.value.kind == "deleted"
    assert not ld.path.exists()
