"""Shared-server safety (issue #9): the trust check, private dirs whatever the umask, reading only
regular files, the lock, the writer's symlink and replace rules, stale temp files, and the
temp-file/symlink race run with two uids."""

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from yibao_tui.cli import main
from yibao_tui.core import household as H
from yibao_tui.storage import files, store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and uids")

DEMO = store.demo_path().read_text("utf-8")
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534
as_root = pytest.mark.skipif(not ROOT, reason="needs root: files owned by another uid (the CI runs as root)")


def _mode(p):
    return stat.S_IMODE(os.lstat(p).st_mode)


def _nothing_written(d):
    return not os.path.exists(d) or not [n for n in os.listdir(d) if n != ".lock"]


@contextlib.contextmanager
def _umask(m):
    old = os.umask(m)
    try:
        yield
    finally:
        os.umask(old)


# ───────────────────────────── the trust check ─────────────────────────────

def test_world_writable_profile_dir_is_refused(tmp_path):
    d = tmp_path / "households"
    d.mkdir()
    d.chmod(0o777)
    with pytest.raises(store.UnsafeDirError, match="writable by group or others") as ei:
        store.save_new(H.parse(DEMO), d, "fam")
    assert ei.value.why == "writable" and str(d) in str(ei.value)
    assert _nothing_written(d)
    with pytest.raises(store.UnsafeDirError):
        store.list_all(d)


def test_group_writable_profile_dir_is_refused(tmp_path):
    d = tmp_path / "households"
    d.mkdir(mode=0o770)
    d.chmod(0o770)
    with pytest.raises(store.UnsafeDirError):
        store.save_new(H.parse(DEMO), d, "fam")
    assert _nothing_written(d)


def test_writable_parent_is_refused_but_sticky_root_tmp_is_not(tmp_path):
    parent = tmp_path / "shared"
    parent.mkdir()
    d = parent / "households"
    d.mkdir(mode=0o700)
    parent.chmod(0o777)  # others could rename households/ away and put their own in its place
    with pytest.raises(store.UnsafeDirError, match="its parent") as ei:
        store.save_new(H.parse(DEMO), d, "fam")
    assert ei.value.path == str(parent)
    assert _nothing_written(d)
    parent.chmod(0o700)
    assert store.save_new(H.parse(DEMO), d, "fam").path.exists()  # tmp_path is under sticky /tmp


@as_root
def test_dir_owned_by_another_uid_is_refused(tmp_path):
    d = tmp_path / "households"
    d.mkdir(mode=0o700)
    os.chown(d, NOBODY, NOBODY)
    with pytest.raises(store.UnsafeDirError, match=f"owned by uid {NOBODY}") as ei:
        store.save_new(H.parse(DEMO), d, "fam")
    assert ei.value.why == "owner"
    assert _nothing_written(d)
    with pytest.raises(store.UnsafeDirError):
        store.list_all(d)


def test_symlinked_dir_to_an_unsafe_place_is_refused(tmp_path):
    bad = tmp_path / "open"
    bad.mkdir()
    bad.chmod(0o777)
    link = tmp_path / "households"
    link.symlink_to(bad)
    with pytest.raises(store.UnsafeDirError, match="through the symlink") as ei:
        store.save_new(H.parse(DEMO), link, "fam")
    assert str(link) in str(ei.value) and str(bad) in str(ei.value)
    assert _nothing_written(bad)
    # A symlink to a safe place is fine (home directories often are symlinks).
    good = tmp_path / "mine"
    good.mkdir(mode=0o700)
    link2 = tmp_path / "households2"
    link2.symlink_to(good)
    assert store.save_new(H.parse(DEMO), link2, "fam").path.exists()


def test_not_a_directory_is_refused(tmp_path):
    f = tmp_path / "households"
    f.write_text("x")
    with pytest.raises(store.StoreError):
        store.save_new(H.parse(DEMO), f, "fam")
    assert f.read_text() == "x"


def test_cli_exits_2_with_one_line(tmp_path, capsys, monkeypatch):
    d = tmp_path / "households"
    d.mkdir()
    d.chmod(0o777)
    monkeypatch.setenv(store.ENV, str(d))
    for argv in (["household", "list"], ["household", "init"]):
        assert main(argv) == 2
        _out, err = capsys.readouterr()
        assert len(err.strip().splitlines()) == 1 and str(d) in err and "writable" in err
    assert _nothing_written(d)


def test_umask_000_creates_0700_dirs_and_0600_files(tmp_path):
    top = tmp_path / "a"
    d = top / "b" / "households"
    with _umask(0):
        ld = store.save_new(H.parse(DEMO), d, "fam")
        store.save(ld.household, ld.path, ld.fingerprint)  # makes the .bak too
    assert [_mode(p) for p in (top, top / "b", d)] == [0o700] * 3
    assert _mode(ld.path) == 0o600 and _mode(ld.path.with_name("fam.toml.bak")) == 0o600
    with _umask(0):
        out = tmp_path / "export.md"
        files.write_private(out, "x")
    assert _mode(out) == 0o600


# ───────────────────────────── reading ─────────────────────────────

_LIST = textwrap.dedent("""
    import sys
    from yibao_tui.storage import store
    loaded, broken = store.list_all(sys.argv[1])
    print([ld.path.name for ld in loaded])
    for b in broken:
        print(b.path.name, "|", b.problems[0][2])
""")


def test_fifo_is_listed_as_broken_without_hanging(tmp_path):
    d = tmp_path / "households"
    good = store.save_new(H.parse(DEMO), d, "good").path
    os.mkfifo(d / "x.toml", 0o600)
    (d / "dir.toml").mkdir()
    (d / "big.toml").write_bytes(b"#" * (store.MAX_BYTES + 1))
    (d / "link.toml").symlink_to(good)
    # A subprocess with a timeout: a regression fails here instead of hanging the suite.
    r = subprocess.run([sys.executable, "-c", _LIST, str(d)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "['good.toml']"
    why = dict(ln.split(" | ", 1) for ln in lines[1:])
    assert set(why) == {"x.toml", "dir.toml", "big.toml", "link.toml"}
    assert "not a regular file" in why["x.toml"] and "not a regular file" in why["dir.toml"]
    assert f"bigger than {store.MAX_BYTES}" in why["big.toml"]
    assert "symbolic link" in why["link.toml"]


def test_read_refuses_a_fifo_at_once(tmp_path):
    os.mkfifo(tmp_path / "x.toml", 0o600)
    t = time.monotonic()
    with pytest.raises(store.UnsafeFileError, match="not a regular file"):
        store.read(tmp_path / "x.toml")
    assert time.monotonic() - t < 5


def test_planted_lock_symlink_is_not_followed(tmp_path):
    d = tmp_path / "households"
    d.mkdir(mode=0o700)
    victim = tmp_path / "victim"
    (d / ".lock").symlink_to(victim)  # dangling: O_CREAT would create the victim
    with pytest.raises(store.UnsafeFileError, match="symbolic link"):
        store.save_new(H.parse(DEMO), d, "fam")
    assert not os.path.lexists(victim)
    victim.write_text("keep")
    victim.chmod(0o644)
    with pytest.raises(store.UnsafeFileError):
        store.save_new(H.parse(DEMO), d, "fam")
    assert victim.read_text() == "keep" and _mode(victim) == 0o644
    assert not [n for n in os.listdir(d) if n.endswith(".toml")]


def test_lock_that_is_not_a_regular_file_is_refused(tmp_path):
    d = tmp_path / "households"
    d.mkdir(mode=0o700)
    os.mkfifo(d / ".lock", 0o600)
    with pytest.raises(store.UnsafeFileError, match="not a regular file"):
        store.save_new(H.parse(DEMO), d, "fam")


# ───────────────────────────── the writer ─────────────────────────────

def test_replace_false_refuses_an_existing_file(tmp_path):
    p = tmp_path / "important.txt"
    p.write_text("precious")
    with pytest.raises(FileExistsError):
        files.write_private(p, "export", replace=False)
    assert p.read_text() == "precious"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
    files.write_private(p, "export")  # the user said yes
    assert p.read_text() == "export"
    new = tmp_path / "new.md"
    files.write_private(new, "x", replace=False)
    assert new.read_text() == "x" and _mode(new) == 0o600


def test_writer_never_writes_through_a_symlink(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("keep")
    victim.chmod(0o644)
    link = tmp_path / "out.md"
    link.symlink_to(victim)
    for replace in (True, False):
        with pytest.raises(files.UnsafePathError, match="symbolic link"):
            files.write_private(link, "x", replace=replace)
    assert victim.read_text() == "keep" and _mode(victim) == 0o644 and link.is_symlink()
    # Through the store too: a household file that became a symlink is not saved over.
    d = tmp_path / "households"
    ld = store.save_new(H.parse(DEMO), d, "fam")
    ld.path.unlink()
    ld.path.symlink_to(victim)
    with pytest.raises(store.StoreError):
        store.save(ld.household, ld.path, ld.fingerprint)
    assert victim.read_text() == "keep"


def test_stale_temp_files_of_ours_are_cleaned(tmp_path):
    d = tmp_path / "households"
    ld = store.save_new(H.parse(DEMO), d, "fam")
    old = time.time() - 2 * files.STALE_AFTER
    stale = [d / ".fam.toml.abcd1234.tmp", d / ".other.toml.zz_99xyz.tmp", d / ".fam.toml.bak.q1w2e3r4.tmp"]
    fresh = d / ".fam.toml.fresh123.tmp"
    unrelated = d / ".fam.toml.notatemp"
    link = d / ".fam.toml.link1234.tmp"
    for p in [*stale, fresh, unrelated]:
        p.write_text("left by a kill")
        os.utime(p, (old, old))
    os.utime(fresh, None)
    link.symlink_to(ld.path)
    os.utime(link, (old, old), follow_symlinks=False)
    theirs = None
    if ROOT:
        theirs = d / ".fam.toml.theirs12.tmp"
        theirs.write_text("x")
        os.chown(theirs, NOBODY, NOBODY)
        os.utime(theirs, (old, old))
    store.save(ld.household, ld.path, ld.fingerprint)
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and unrelated.exists() and link.is_symlink()
    assert theirs is None or theirs.exists()  # not ours: left alone


def test_writer_cleans_its_own_stale_temp_files(tmp_path):
    p = tmp_path / "report.md"
    t = tmp_path / ".report.md.abcdefgh.tmp"
    t.write_text("old")
    os.utime(t, (0, 0))
    files.write_private(p, "x")
    assert not t.exists()


# ───────────────────────────── the race, with two uids ─────────────────────────────

def _attacker(shared, victim, seconds):
    """As uid 65534: replace every temp file in ``shared`` with a symlink to ``victim``."""
    try:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                names = os.listdir(shared)
            except OSError:
                continue
            for n in names:
                if n.endswith(".tmp"):
                    p = os.path.join(shared, n)
                    with contextlib.suppress(OSError):
                        os.unlink(p)
                        os.symlink(victim, p)
    finally:
        os._exit(0)


# Saves raced by the attacker: about one in four has its temp file swapped (26 of 100 when
# measured), so 100 find the race every run; YIBAO_THOROUGH=1 makes it 400.
SAVES = examples(400, floor=100)


# A fork, not a new process: uid 65534 cannot run root's Python. The child only calls os
# functions until it is killed, so Python 3.12+'s warning about forking a threaded process (the
# xdist worker's threads) does not apply to it.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@as_root
def test_race_temp_file_swapped_for_a_symlink_never_touches_the_victim(tmp_path):
    # A directory uid 65534 can write to (not sticky: it may unlink our files). The trust check
    # refuses it for households, so this exercises write_private itself: the last line of defence.
    shared = tempfile.mkdtemp(prefix="yibao-race-", dir="/tmp")
    os.chmod(shared, 0o777)
    victim = tmp_path / "victim"
    victim.write_text("do not touch")
    victim.chmod(0o644)
    profile = os.path.join(shared, "fam.toml")
    pid = os.fork()
    if pid == 0:
        _attacker(shared, str(victim), 60)
    swapped = 0
    try:
        time.sleep(0.1)
        for i in range(SAVES):
            try:
                files.write_private(profile, f"name = 'fam {i}'\n" + "x" * 4096)
            except files.UnsafePathError as e:
                assert e.why == "swapped"
                swapped += 1
            except FileNotFoundError:
                pass  # the attacker removed our temp file before the rename: nothing written
            assert _mode(victim) == 0o644 and victim.read_text() == "do not touch"
            pst = os.lstat(profile) if os.path.lexists(profile) else None
            assert pst is None or (stat.S_ISREG(pst.st_mode) and pst.st_uid == 0
                                   and stat.S_IMODE(pst.st_mode) == 0o600)
            st = os.lstat(victim)
            assert (st.st_uid, st.st_gid) == (0, 0)
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        with contextlib.suppress(OSError):
            st = os.lstat(profile)
            assert not stat.S_ISLNK(st.st_mode), "the profile became a symlink"
        shutil.rmtree(shared, ignore_errors=True)
    assert _mode(victim) == 0o644 and victim.read_text() == "do not touch"
    print(f"temp file swapped under {swapped} of {SAVES} saves; every one detected")


def test_creating_directly_in_sticky_tmp_is_fine_but_not_in_a_dir_of_someone_else(tmp_path):
    top = os.path.join("/tmp", f"yibao-new-{os.getpid()}-{time.monotonic_ns()}")
    try:
        ld = store.save_new(H.parse(DEMO), os.path.join(top, "households"), "fam")
        assert _mode(top) == 0o700 and ld.path.exists()
    finally:
        shutil.rmtree(top, ignore_errors=True)
    if ROOT:
        theirs = tmp_path / "theirs"
        theirs.mkdir(mode=0o755)
        os.chown(theirs, NOBODY, NOBODY)
        with pytest.raises(store.UnsafeDirError, match=f"owned by uid {NOBODY}"):
            store.save_new(H.parse(DEMO), theirs / "households", "fam")
        assert os.listdir(theirs) == []  # nothing created


def test_writer_without_dir_fds_by_joined_paths(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_DIR_FD", False)  # the Windows path, exercised here
    p = tmp_path / "out.md"
    files.write_private(p, "one")
    with pytest.raises(FileExistsError):
        files.write_private(p, "two", replace=False)
    files.write_private(p, "three")
    assert p.read_text() == "three" and _mode(p) == 0o600
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


@pytest.mark.parametrize("name, text, line, why", [
    ("deep.toml", "schema = 1\nname = " + "[" * 10_000 + "]" * 10_000 + "\n", 2,  # RecursionError
     "nested deeper than 32 levels"),
    ("bigint.toml", "schema = 1\nyear = 1" + "0" * 5000 + "\n", 2,  # ValueError in tomllib
     "year: the number 1000"),
    ("bigexp.toml", "schema = 1\nyear = 1e99999999999999999999\n", 2,  # InvalidOperation
     "year: the number 1e99999999999999999999 is out of range"),
])
def test_hostile_toml_is_listed_as_broken_not_a_crash(tmp_path, capsys, monkeypatch, name, text, line, why):
    d = tmp_path / "households"
    store.save_new(H.parse(DEMO), d, "good")
    (d / name).write_text(text, "utf-8")
    loaded, broken = store.list_all(d)
    assert [ld.name for ld in loaded] == ["good"]
    assert [(b.path.name, b.problems[0][1]) for b in broken] == [(name, line)]
    assert (d / name).read_text("utf-8") == text  # never changed
    monkeypatch.setenv(store.ENV, str(d))
    assert main(["household", "list", "--lang", "en"]) == 0
    _out, err = capsys.readouterr()
    assert f"{name}:{line}: " in err and why in err


_hostile_text = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from([*'[]{}"\'#=.,\n ', "schema = 1\n", "name = ", "year = 2025\n", "[[member]]\n",
                              "nan", "inf", "1e400", '"\\u001b]0;x\\u0007"', "[[", "{a=", "9" * 20]),
             max_size=60).map("".join).map(str.encode),
)


@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_hostile_text)
def test_any_bytes_as_a_household_file_are_loaded_or_listed_broken(tmp_path, data):
    d = tmp_path / "households"
    d.mkdir(mode=0o700, exist_ok=True)
    f = d / "x.toml"
    f.write_bytes(data)
    loaded, broken = store.list_all(d, include_demo=False)
    assert len(loaded) + len(broken) == 1
    assert all(b.problems for b in broken)
    assert f.read_bytes() == data  # never changed


@as_root
def test_lock_owned_by_another_uid_is_refused(tmp_path):
    d = tmp_path / "households"
    d.mkdir(mode=0o700)
    (d / ".lock").write_text("")
    os.chown(d / ".lock", NOBODY, NOBODY)
    with pytest.raises(store.UnsafeFileError, match=f"owned by uid {NOBODY}"):
        store.save_new(H.parse(DEMO), d, "fam")
    assert not [n for n in os.listdir(d) if n.endswith(".toml")]
