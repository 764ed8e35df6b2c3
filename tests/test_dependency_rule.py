"""The core stays free of platforms and storage (DESIGN.md, "the dependency rule"), and the
project keeps its layout: adapters apart, storage on the ports only, content alone, no cycles."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from collections.abc import Collection, Mapping
from pathlib import Path

import bot

FORBIDDEN = ("discord", "slack_bolt", "slack_sdk", "aiohttp", "sqlalchemy", "storage", "adapters")


def composition_root(name: str) -> bool:
    """Whether module ``name`` is the composition root, ``bot.cli``: the one module of the core
    that may import the store and the adapters."""
    return name == "bot.cli"


def core_modules() -> list[str]:
    names = [
        m.name
        for m in pkgutil.walk_packages(bot.__path__, prefix="bot.")
        if not composition_root(m.name)
    ]
    return ["bot", *sorted(names)]


def test_core_modules_are_found() -> None:
    modules = core_modules()
    assert {"bot.practice", "bot.scheduler", "bot.rules.streak", "bot.ports"} <= set(modules)


def test_importing_the_core_loads_no_platform_or_storage() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})))\n"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert json.loads(result.stdout) == []


def test_content_imports_nothing_from_the_project() -> None:
    code = (
        "import content, content.loader, content.schema, json, sys\n"
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('bot', 'storage', 'adapters'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


# ---------------------------------------------------------------------- the layout, statically
#
# The import statements of every module of the project, read with ``ast`` (module-level ones and
# those inside functions and ``if TYPE_CHECKING:`` blocks alike), so a lazy import cannot hide.

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "storage", "adapters", "content")
PROJECT = ("bot", "storage", "adapters", "content")
# What storage may use of the core: the domain, the ports and the notices the outbox stores
# (``bot.ports`` is written in terms of ``bot.messages`` too).
STORAGE_MAY_IMPORT = ("bot.model", "bot.ports", "bot.messages")


def project_modules() -> dict[str, Path]:
    """Every module of the project by dotted name (a package by its ``__init__.py``)."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, modules: Collection[str]) -> set[str]:
    """The modules ``name`` imports: every ``import a.b`` as ``a.b`` and every ``from a import
    b`` as ``a.b`` when that is a module of the project, else as ``a`` (relative ones resolved)."""
    found: set[str] = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.add(submodule if submodule in modules else target)
    return found


def import_graph() -> dict[str, set[str]]:
    """Each project module with everything it imports (inside the project or not)."""
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def top(name: str) -> str:
    return name.split(".")[0]


def cycles(graph: Mapping[str, Collection[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            step = next((w for w in edges if w in graph), None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph[step]))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def a_cycle(graph: Mapping[str, Collection[str]], component: list[str]) -> list[str]:
    """One import cycle through the component's first module, as ``a, b, …, a``."""
    inside = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for step in sorted(graph[node]):
            if step == start:
                return [*paths[node], start]
            if step in inside and step not in paths:
                paths[step] = [*paths[node], step]
                queue.append(step)
    return component


def test_the_import_graph_is_read() -> None:
    graph = import_graph()
    assert "storage.tx.channels" in graph["storage.store"]
    assert "bot.ports" in graph["storage.tx.groups"]
    assert "storage.rows" in graph["storage.tx.context"]


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert a_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]


def test_no_import_cycles() -> None:
    graph = import_graph()
    inside = {name: {m for m in imported if m in graph} for name, imported in graph.items()}
    found = [
        f"{', '.join(component)} (one cycle: {' -> '.join(a_cycle(inside, component))})"
        for component in cycles(inside)
    ]
    assert not found, "modules that import each other:\n" + "\n".join(found)


def test_the_core_imports_no_platform_or_storage() -> None:
    bad = {
        name: sorted(m for m in imported if top(m) in FORBIDDEN)
        for name, imported in import_graph().items()
        if top(name) == "bot" and not composition_root(name)
    }
    assert {name: found for name, found in bad.items() if found} == {}


def test_adapters_import_neither_storage_nor_each_other() -> None:
    bad = {}
    for name, imported in import_graph().items():
        if top(name) != "adapters" or name == "adapters":
            continue
        own = ".".join(name.split(".")[:2])  # adapters.slack, adapters.discord, …
        wrong = sorted(
            m
            for m in imported
            if top(m) == "storage" or (top(m) == "adapters" and not (m + ".").startswith(own + "."))
        )
        if wrong:
            bad[name] = wrong
    assert bad == {}


def test_storage_imports_only_the_domain_and_the_ports_of_the_core() -> None:
    bad = {
        name: sorted(
            m
            for m in imported
            if top(m) in PROJECT and top(m) != "storage" and m not in STORAGE_MAY_IMPORT
        )
        for name, imported in import_graph().items()
        if top(name) == "storage"
    }
    assert {name: found for name, found in bad.items() if found} == {}


def test_content_imports_nothing_of_the_project_statically() -> None:
    bad = {
        name: sorted(m for m in imported if top(m) in PROJECT and top(m) != "content")
        for name, imported in import_graph().items()
        if top(name) == "content"
    }
    assert {name: found for name, found in bad.items() if found} == {}


def test_adapters_never_reach_into_the_store() -> None:
    # Adapters call use cases and render their replies: a store transaction opened in an
    # adapter is a core decision made in the wrong place.
    found = []
    for name, path in project_modules().items():
        if top(name) != "adapters":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("store", "transaction"):
                found.append(f"{name}:{node.lineno} .{node.attr}")
    assert found == [], found
