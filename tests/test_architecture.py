"""The tree is the architecture (issue 19): packages by concern, imports in one direction, no
circles, small modules. Read from the source with `ast`, so a violation names its file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "binoche_cli"
# package -> the packages of ours it may import (leaf modules text and files: anyone).
ALLOWED = {
    "dataset": set(),
    "query": {"dataset"},
    "viewing": {"dataset", "query"},
    "output": {"dataset", "query", "viewing"},
    "about": {"dataset", "query", "viewing", "output", "cli"},
    "cli": {"dataset", "query", "viewing", "output", "about", "library"},
    "library": {"dataset", "query"},
}
LEAVES = {"text", "files", "__init__"}
MAX_LINES = 450
MAX_TOP_MODULES = 8


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_follow_the_one_direction(module: str) -> None:
    room = _room(module)
    if room in LEAVES or room == "__main__":
        return
    wrong = sorted(
        name
        for name in _imports(MODULES[module], top_level_only=False)
        if name.startswith("binoche_cli.")
        and _room(name) not in ALLOWED[room] | LEAVES | {room}
        and name in MODULES
    )
    assert not wrong, f"{module} ({room}/) imports {wrong}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_cli_imports_typer_and_only_output_and_cli_import_rich(module: str) -> None:
    names = _imports(MODULES[module], top_level_only=False)
    room = _room(module)
    if room != "cli":
        assert not {n for n in names if n.split(".")[0] in ("typer", "click")}, module
    if room in ("dataset", "query", "viewing", "library"):
        assert not {n for n in names if n.split(".")[0] == "rich"}, module


def test_no_import_circles() -> None:
    graph = {
        module: {n for n in _imports(path, top_level_only=True) if n in MODULES and n != module}
        for module, path in MODULES.items()
    }
    # A package's __init__ is imported on the way to any of its modules: count it as a parent.
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
                return True
            if nxt not in state and visit(nxt, [*trail, nxt]):
                return True
        state[node] = 2
        return False

    for start in sorted(graph):
        if start not in state and visit(start, [start]):
            break
    assert not cycle, " -> ".join(cycle)


def test_the_package_top_is_small() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module}: {lines} lines"


@pytest.mark.parametrize("module", [m for m in sorted(MODULES) if _room(m) in ("dataset", "query")])
def test_dataset_and_query_never_print(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    printing = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
    ]
    assert not printing, f"{module} prints at lines {printing}"
