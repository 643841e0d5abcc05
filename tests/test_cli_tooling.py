"""What a packager and a shell user expect of a Python tool: ``--version``, shell completion,
the documents files refer to, honest requirements and Textual's public API only."""

import ast
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

from yibao_tui.cli import main

from . import sources
from .conftest import ROOT


def run(capsys, *argv):
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_version(capsys):
    rc, out, _ = run(capsys, "--version")
    assert rc == 0
    assert re.fullmatch(r"yibao \d+\.\d+\.\d+\S*\n", out)


def test_help_has_examples(capsys):
    rc, out, _ = run(capsys, "--help")
    assert rc == 0 and "examples:" in out and "yibao completion bash" in out
    with pytest.raises(SystemExit):
        main(["estimate", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "--amount 10000 --json" in out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(capsys, shell):
    rc, out, _ = run(capsys, "completion", shell)
    assert rc == 0
    # every command, an estimate option, and a vocabulary's words
    for word in ("estimate", "household", "supplied", "amount", "two-disease", "shenyang"):
        assert word in out


def test_completion_bash_completes(capsys, tmp_path):
    if not shutil.which("bash"):
        pytest.skip("no bash here")
    main(["completion", "bash"])
    script = tmp_path / "c.bash"
    script.write_text(capsys.readouterr().out)

    def complete(*words):
        cmd = (f"source {script}; COMP_WORDS=(yibao {' '.join(words)}); "
               f"COMP_CWORD={len(words)}; _yibao; echo \"${{COMPREPLY[*]}}\"")
        return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True,
                              check=True).stdout.split()

    assert complete("hou") == ["household"]
    assert complete("household", "") == ["list", "show", "check", "year", "init", "rollover", "tui", "--help"]
    assert complete("estimate", "--care", "in") == ["inpatient"]
    assert "--amount" in complete("estimate", "--am")


def test_completion_bad_shell(capsys):
    assert main(["completion", "tcsh"]) == 2
    assert "tcsh" in capsys.readouterr().err


def test_docs_command(capsys):
    rc, out, _ = run(capsys, "docs")
    assert rc == 0 and "household" in out and "config" in out
    rc, out, _ = run(capsys, "docs", "household")
    assert rc == 0 and out.startswith("# Household profiles")


def test_household_file_names_a_command_that_prints_its_format():
    from yibao_tui.storage.household_file import HEADER

    assert "yibao docs household" in HEADER
    demo = (ROOT / "yibao_tui" / "data" / "demo-household.toml").read_text(encoding="utf-8")
    assert "Format: `yibao docs household`" in demo.splitlines()[0]


def test_license_file_is_the_metadata_license():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_every_requirement_has_a_lower_bound_and_textual_is_8():
    # .ci/run installs exactly these lower bounds (.ci/lowest.py) and runs the fast tests
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = meta["dependencies"] + meta["optional-dependencies"]["test"]
    assert all(">=" in r for r in reqs), reqs
    assert "textual>=8.0,<9" in meta["dependencies"]
    out = subprocess.run([sys.executable, str(ROOT / ".ci" / "lowest.py")], capture_output=True,
                         text=True, check=True).stdout.split()
    assert "textual==8.0" in out and len(out) == len(reqs)


def _private(dotted):
    return any(p.startswith("_") and not p.startswith("__") for p in dotted.split("."))


def test_no_private_textual_import():
    # Textual 8's public API only: a private module (textual.widgets._toggle_button) may change
    # in any release
    found = []
    for path in sources.files():
        for node in sources.nodes(path):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {n}" for n in names
                      if n.startswith("textual") and _private(n)]
    assert found == []


def test_lang_before_the_command(capsys):
    # `yibao --lang en household list` (the "done when"): the language reaches the command
    assert main(["--lang", "en", "household", "list", "--profiles", "/nonexistent/yibao-hh"]) == 0
    en = capsys.readouterr().out
    assert main(["household", "list", "--profiles", "/nonexistent/yibao-hh", "--lang", "en"]) == 0
    assert capsys.readouterr().out == en
    assert main(["--lang", "zh", "household", "list", "--profiles", "/nonexistent/yibao-hh"]) == 0
    assert capsys.readouterr().out != en
