"""The `estimate` fast path stays light, and the wheel carries the policies."""

import json
import os
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT

ARGS = ["estimate", "--city", "shenyang", "--scheme", "resident", "--category", "adult",
        "--care", "inpatient", "--grade", "3", "--amount", "10000", "--json"]

PROBE = """
import builtins, json, sys
opened = []
real_open = builtins.open
def spy(f, *a, **k):
    opened.append(str(f))
    return real_open(f, *a, **k)
builtins.open = spy
import os
real_os_open = os.open
def os_spy(f, *a, **k):  # policy files are read with os.open (a FIFO must not hang)
    opened.append(str(f))
    return real_os_open(f, *a, **k)
os.open = os_spy
from yibao_tui.cli import main
import io, contextlib
with contextlib.redirect_stdout(io.StringIO()):
    rc = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in
               ("textual", "questionary", "rich", "prompt_toolkit", "platformdirs", "tomli_w")
               or m in ("yibao_tui.cli.completion", "yibao_tui.cli.docs", "importlib.metadata"))
print(json.dumps({"rc": rc, "heavy": heavy, "opened": opened}))
"""


def test_estimate_imports_no_ui_and_reads_one_city():
    r = subprocess.run([sys.executable, "-c", PROBE, *ARGS], capture_output=True, text=True,
                       cwd=ROOT, check=True)
    d = json.loads(r.stdout.strip().splitlines()[-1])
    assert d["rc"] == 0
    assert d["heavy"] == []
    policy_files = [f for f in d["opened"] if f.endswith(".toml")]
    assert [os.path.basename(f) for f in policy_files] == ["shenyang-2024.toml"]


@pytest.mark.skipif(os.environ.get("YIBAO_SKIP_WHEEL") == "1", reason="YIBAO_SKIP_WHEEL=1")
def test_wheel_ships_policies_and_runs_from_elsewhere(tmp_path, monkeypatch):
    # Build the wheel offline, unpack it, run from another dir. Built by the PEP 517 hook pip
    # would call (hatchling is a test extra), in-process: pip's own start is a second.
    from hatchling.build import build_wheel

    out = tmp_path / "dist"
    with monkeypatch.context() as m:
        m.chdir(ROOT)  # a build backend runs in the project's directory
        wheel = out / build_wheel(str(out))
    names = zipfile.ZipFile(wheel).namelist()
    for city in ("liaoyang-2025", "tieling-2025", "liaoyuan-2023", "yantai-2025", "shenyang-2024"):
        assert f"yibao_tui/policies/{city}.toml" in names
    assert "yibao_tui/data/demo-household.toml" in names  # the demo household ships too
    for doc in ("household", "slip", "trust", "config"):  # files and messages refer to them
        assert f"yibao_tui/docs/{doc}.md" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith("/LICENSE") for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("YIBAO_POLICIES", None)
    r = subprocess.run([sys.executable, "-m", "yibao_tui", "policies", "list", "--lang", "en"],
                       cwd=elsewhere, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for city in ("liaoyang", "tieling", "liaoyuan", "yantai", "shenyang"):
        assert f"\n{city} " in "\n" + r.stdout
    assert str(site) in r.stdout  # the wheel's copy, not the checkout's
    r = subprocess.run([sys.executable, "-m", "yibao_tui", *ARGS], cwd=elsewhere, env=env,
                       capture_output=True, text=True)
    assert json.loads(r.stdout)["fund"] == "7050.00"
    # a household file says "Format: `yibao docs household`": the wheel's copy prints
    r = subprocess.run([sys.executable, "-m", "yibao_tui", "docs", "household"], cwd=elsewhere,
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Household profiles")
