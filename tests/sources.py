"""The package's own source, read, parsed and walked once a run (per xdist worker): the rule
tests (architecture, code rules, doors, imports, catalogue keys) all read the same ~200 files,
and parsing them is a second each time (the suite's time, issue #23). The trees are shared:
a test walks them and never changes them."""

from __future__ import annotations

import ast
import functools

from .conftest import ROOT

PKG = ROOT / "yibao_tui"


@functools.cache
def files(under=PKG):
    """Every ``*.py`` under ``under`` (a Path; the package by default), sorted."""
    return tuple(sorted(under.rglob("*.py")))


@functools.cache
def text(path):
    return path.read_text(encoding="utf-8")


@functools.cache
def tree(path):
    return ast.parse(text(path))


@functools.cache
def nodes(path):
    """Every node of ``path``'s tree, in ``ast.walk``'s order."""
    return tuple(ast.walk(tree(path)))
