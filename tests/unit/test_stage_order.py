"""The house's stage order: imports only point down the stage list, and no modules import each other in a loop.

The order, top to bottom, is the one the README's architecture section draws. A module may import modules of its
own stage or of any stage below it; ``benchmarks/`` may import anything in ``pipeline`` but not each other in a
loop. Imports inside functions count: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.base.paths import REPO_ROOT

#: Top to bottom. ``cli`` is the command line; ``base`` and ``text`` are what every stage may use.
STAGES = ("__main__", "cli", "orchestration", "release", "publish", "checks", "derive", "raw", "parse",
          "reference", "schema", "text", "base")
TOP_LEVEL_FILES = {"__init__.py", "__main__.py", "cli.py"}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every first-party module a file imports, anywhere in it (``from a.b import c`` counts ``a.b.c`` when that
    is a module). The benchmark scripts import their siblings by bare name (``import variants``)."""
    sibling = "benchmarks." if path.parent.name == "benchmarks" else ""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        for name in names:
            if name.split(".")[0] == "pipeline" and _exists(name):
                found.add(name)
            elif sibling and _exists(sibling + name):
                found.add(sibling + name)
    return found


def _exists(module: str) -> bool:
    base = REPO_ROOT.joinpath(*module.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "pipeline" and len(parts) > 1 else None


def graph() -> dict[str, set[str]]:
    files = sorted(REPO_ROOT.glob("pipeline/**/*.py")) + sorted(REPO_ROOT.glob("benchmarks/*.py"))
    return {module_name(f): imports_of(f) for f in files}


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    rank = {stage: i for i, stage in enumerate(STAGES)}
    wrong = []
    for module, targets in edges.items():
        here = stage_of(module)
        for target in targets:
            there = stage_of(target)
            if here is None or there is None or here == there:
                continue
            if rank[there] < rank[here]:
                wrong.append(f"{module} -> {target}")
    return sorted(wrong)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt == node or nxt not in edges:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_import_points_down_the_stage_order() -> None:
    assert upward_imports(graph()) == []


def test_no_modules_import_each_other_in_a_loop() -> None:
    assert cycles(graph()) == []


def test_the_top_of_the_package_holds_only_stage_folders_and_the_command_line() -> None:
    top = REPO_ROOT / "pipeline"
    files = {p.name for p in top.iterdir() if p.is_file() and p.suffix == ".py"}
    folders = {p.name for p in top.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert files == TOP_LEVEL_FILES
    assert folders == set(STAGES) - {"__main__", "cli"}


def test_the_checks_fail_on_an_upward_import_and_on_a_loop() -> None:
    edges = {"pipeline.parse.x": {"pipeline.publish.y"}, "pipeline.publish.y": {"pipeline.parse.x"}}
    assert upward_imports(edges) == ["pipeline.parse.x -> pipeline.publish.y"]
    assert cycles(edges) == [["pipeline.parse.x", "pipeline.publish.y"]]
