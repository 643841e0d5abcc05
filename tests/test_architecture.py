"""The folders are the architecture: data → core → text, storage → views, inputs → faces
(harlequin keeps UI out of its core with a test like this one).

- no import cycles between modules (imports inside functions count too);
- core/ imports only core/ and the standard library (it is the ``yibao estimate`` fast path and
  the part every face trusts);
- the layers: text and storage import only core; views only core and text; inputs (what a run is
  given, below the faces) core, text and storage; the faces whatever is below them; tui never
  imports cli (cli launches the tui: ``yibao``, ``yibao household tui``);
- no import of another module's ``_private`` name (at most PRIVATE_IMPORTS_MAX remain);
- no module over 400 lines, at most 6 loose modules at the top of the package;
- no inline language switches outside the text layer: wording is chosen in yibao_tui/text/ only.

Which file may read or write how (the doors) is tests/test_doors.py's.
"""

from __future__ import annotations

import ast
import functools
import re
import sys

from . import sources
from .conftest import ROOT

PKG = ROOT / "yibao_tui"
MODULES = {}
for path in sources.files():
    rel = path.relative_to(ROOT).with_suffix("")
    name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
    MODULES[name] = path


def _imports(name, path):
    """Modules of the package that ``name`` imports, anywhere in the file; and other tops."""
    pkg = name if path.name == "__init__.py" else name.rpartition(".")[0]
    ours, others = set(), set()
    for node in sources.nodes(path):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = pkg.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets = [base, *(f"{base}.{a.name}" for a in node.names)]
        else:
            continue
        for t in targets:
            if t.split(".")[0] != "yibao_tui":
                others.add(t.split(".")[0])
                continue
            while t and t not in MODULES:
                t = t.rpartition(".")[0]
            if t and t != name:
                ours.add(t)
    return ours, others


@functools.cache
def _graph():
    """(graph, external): each module's imports of the package's modules, and of other tops; made
    when a test first asks, not when the file is collected."""
    graph, external = {}, {}
    for n, p in MODULES.items():
        graph[n], external[n] = _imports(n, p)
    return graph, external


def _ancestors(name):
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def test_no_import_cycles():
    # A package importing its own submodules (re-exports) is not a cycle; anything else is.
    graph = _graph()[0]
    seen, stack, on_stack, cycles = {}, [], set(), []

    def visit(v):
        seen[v] = True
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if v in _ancestors(w):
                continue
            if w in on_stack:
                cycles.append([*stack[stack.index(w):], w])
            elif w not in seen:
                visit(w)
        stack.pop()
        on_stack.discard(v)

    for v in sorted(graph):
        if v not in seen:
            visit(v)
    assert cycles == []


def test_core_is_pure():
    # _sha256 is Python 3.11's own C module (3.12 renamed it), tried first by core/policy/files
    # and absent from a newer Python's stdlib_module_names
    stdlib = set(sys.stdlib_module_names) | {"__future__", "_sha256"}
    graph, external = _graph()
    bad = {n: sorted(t for t in graph[n] if not t.startswith("yibao_tui.core"))
           + sorted(external[n] - stdlib)
           for n in MODULES if n.startswith("yibao_tui.core")}
    assert {n: v for n, v in bad.items() if v} == {}


def test_modules_are_small_and_few_are_loose():
    sizes = {n: len(sources.text(p).splitlines()) for n, p in MODULES.items()}
    assert {n: s for n, s in sizes.items() if s > 400} == {}
    loose = [n for n, p in MODULES.items() if n.count(".") == 1 and p.name != "__init__.py"]
    assert len(loose) <= 6, loose


SWITCH = re.compile(r"""if zh else|lang\s*==\s*["']zh["']|["']zh["']\s+if\s|\bzh\s*=\s*lang""")


def test_no_language_switch_outside_the_text_layer():
    found = [f"{p.relative_to(ROOT)}:{i}" for n, p in MODULES.items()
             if not n.startswith("yibao_tui.text")
             for i, line in enumerate(sources.text(p).splitlines(), 1)
             if SWITCH.search(line)]
    assert found == []


# ───────────────────────────── layers ─────────────────────────────

BELOW = {
    "core": {"core"},
    "text": {"core", "text"},
    "storage": {"core", "storage"},
    "views": {"core", "text", "views"},
    "inputs": {"core", "text", "storage", "inputs"},
    "tui": {"core", "text", "storage", "views", "inputs", "tui"},
    "cli": {"core", "text", "storage", "views", "inputs", "tui", "cli"},
}


def _layer(name):
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in BELOW else None


def test_every_package_is_a_known_layer():
    packages = {n.split(".")[1] for n, p in MODULES.items() if n.count(".") >= 1 and p.parent != PKG}
    assert packages <= set(BELOW), packages - set(BELOW)


def test_each_layer_imports_only_what_is_below_it():
    graph = _graph()[0]
    bad = {}
    for n in MODULES:
        layer = _layer(n)
        if layer is None:  # the package itself and __main__: the entry points
            continue
        wrong = sorted(t for t in graph[n] if _layer(t) is not None and _layer(t) not in BELOW[layer])
        if wrong:
            bad[n] = wrong
    assert bad == {}


def test_tui_never_imports_cli():
    graph = _graph()[0]
    assert {n: sorted(t for t in graph[n] if _layer(t) == "cli")
            for n in MODULES if _layer(n) == "tui" and any(_layer(t) == "cli" for t in graph[n])} == {}


# ───────────────────────────── private names ─────────────────────────────

# Others are removing theirs (core/engine, core/household, core/policy, core/enrolment): the
# limit is the (#17); the message lists every one left.
PRIVATE_IMPORTS_MAX = 5


def _private_imports(name, path):
    """``from x import _name`` of another module of the package, and ``m._name`` where ``m`` is
    a module of the package imported here (``H._ID``). A dunder is not private."""
    found, aliases = [], {}
    here = path.relative_to(ROOT)
    for node in sources.nodes(path):
        if isinstance(node, ast.Import):
            aliases.update({a.asname: a.name for a in node.names if a.asname and a.name in MODULES})
        if not isinstance(node, ast.ImportFrom):
            continue
        module = node.module or ""
        if not (module.startswith("yibao_tui") or node.level):
            continue
        for a in node.names:
            if f"{module}.{a.name}" in MODULES:
                aliases[a.asname or a.name] = f"{module}.{a.name}"
            elif _private(a.name):
                found.append(f"{here}:{node.lineno}: {module or '.'}.{a.name}")
    found += [f"{here}:{node.lineno}: {aliases[node.value.id]}.{node.attr}" for node in sources.nodes(path)
              if isinstance(node, ast.Attribute) and _private(node.attr)
              and isinstance(node.value, ast.Name) and node.value.id in aliases
              and aliases[node.value.id] != name]
    return found


def _private(n):
    return n.startswith("_") and not n.startswith("__")


def test_private_names_stay_private():
    found = [x for n, p in MODULES.items() for x in _private_imports(n, p)]
    assert len(found) <= PRIVATE_IMPORTS_MAX, (
        f"{len(found)} imports of another module's private name (at most {PRIVATE_IMPORTS_MAX}):\n"
        + "\n".join(found))
