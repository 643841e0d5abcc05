"""The settings file (storage/config): read through the reading door, written through the
writing door, never written when it failed to read; and every key binding has an id the keymap
can name (docs/config.md lists them) and a description for the footer and the palette."""

import ast
import os
import re
import stat

import pytest

from yibao_tui.storage import config
from yibao_tui.text import t

from . import sources
from .conftest import ROOT


def test_no_file_is_no_settings():
    assert config.read() == {}


def test_update_keeps_the_keymap_and_writes_0600(tmp_path, monkeypatch):
    path = tmp_path / "cfg" / "config.toml"
    monkeypatch.setenv(config.ENV, str(path))
    path.parent.mkdir(mode=0o700)
    path.write_text('[keymap]\n"household.save" = "ctrl+s,w"\n', encoding="utf-8")
    config.update(theme="textual-light")
    assert config.read() == {"theme": "textual-light", "keymap": {"household.save": "ctrl+s,w"}}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_text(encoding="utf-8").startswith("# yibao-tui settings. Format: `yibao docs config`.")


def test_update_creates_a_private_directory(tmp_path, monkeypatch):
    path = tmp_path / "new" / "yibao-tui" / "config.toml"
    monkeypatch.setenv(config.ENV, str(path))
    config.update(theme="high-contrast")
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert config.read()["theme"] == "high-contrast"


@pytest.mark.parametrize(("text", "why"), [
    ("theme = 3\n", "theme: must be text"),
    ("colour = \"red\"\n", "colour: unknown key"),
    ("keymap = \"x\"\n", "keymap: must be a table"),
    ("[keymap]\n\"app.help\" = 9\n", "keymap.\"app.help\": must be keys as text"),
    ("theme = \"a\"\ntheme = \"b\"\n", "config.toml:2"),
])
def test_a_bad_file_is_refused_and_left_as_it_is(tmp_path, monkeypatch, text, why):
    path = tmp_path / "config.toml"
    monkeypatch.setenv(config.ENV, str(path))
    path.write_text(text, encoding="utf-8")
    with pytest.raises(config.ConfigError) as e:
        config.read()
    from yibao_tui.text import render

    assert why in render(e.value.why, "en")
    with pytest.raises(config.ConfigError):
        config.update(theme="textual-light")  # never written over
    assert path.read_text(encoding="utf-8") == text


def test_a_symlinked_file_is_refused(tmp_path, monkeypatch):
    real = tmp_path / "real.toml"
    real.write_text('theme = "nord"\n', encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    monkeypatch.setenv(config.ENV, str(link))
    with pytest.raises(config.ConfigError):
        config.read()


# ───────────────────────── binding ids ─────────────────────────

def bindings():
    """(file, line, key, description key, id) of every Textual Binding in the app."""
    out = []
    for path in sources.files(ROOT / "yibao_tui" / "tui"):
        for node in sources.nodes(path):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                kw = {k.arg: getattr(k.value, "value", None) for k in node.keywords}
                out.append((path.relative_to(ROOT), node.lineno, args[0],
                            args[2] if len(args) > 2 else None, kw.get("id")))
    return out


def test_every_binding_has_an_id_and_a_description():
    found = bindings()
    assert len(found) > 40
    assert [b for b in found if not b[4] or not b[3]] == []
    for _f, _l, _key, desc, _id in found:
        assert t(desc, "zh") != desc and t(desc, "en") != desc  # a catalogue key, worded


def test_config_doc_lists_every_binding_id():
    doc = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([\w.]+)` \|", doc, re.M))
    assert listed == {b[4] for b in bindings()}
