"""No import cycles inside `wizard/`: each module's imports form a graph without loops.

The graph is read from the source with `ast`, so it sees what actually runs:
imports at module level and imports deferred into a function body alike (a
deferred import hides a cycle, it does not remove one). Two kinds of import are
not edges: those under `if TYPE_CHECKING:` (never executed) and those in the
function bodies of a `tasks` module, the entry points Celery calls, which import
their service when they run (the HackSoft Django-Styleguide pattern that lets a
service queue its own task).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "wizard"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> set[str]:
    """Every module name this import statement may load (submodules included)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join([*base, node.module] if node.module else base)
    else:
        target = node.module or ""
    return {target} | {f"{target}.{alias.name}" for alias in node.names}


class _ImportCollector(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, *, skip_function_bodies: bool) -> None:
        self.module = module
        self.is_package = is_package
        self.skip_function_bodies = skip_function_bodies
        self.found: list[tuple[str, int]] = []

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if not self.skip_function_bodies:
            self.generic_visit(node)

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        for name in _imported_names(node, self.module, self.is_package):
            self.found.append((name, node.lineno))

    visit_Import = _import
    visit_ImportFrom = _import


def import_graph(root: Path, package: str) -> dict[str, dict[str, int]]:
    """module -> {imported module inside the package: line of the first such import}."""
    paths = {
        _module_name(path, root): path
        for path in sorted((root / package).rglob("*.py"))
        if "migrations" not in path.parts
    }
    graph: dict[str, dict[str, int]] = {}
    for module, path in paths.items():
        collector = _ImportCollector(
            module,
            path.name == "__init__.py",
            skip_function_bodies=module.rsplit(".", 1)[-1] == "tasks",
        )
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        edges: dict[str, int] = {}
        for name, line in collector.found:
            if name in paths and name != module:
                edges.setdefault(name, line)
        graph[module] = edges
    return graph


def find_cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def _describe(component: list[str], graph: dict[str, dict[str, int]]) -> str:
    members = set(component)
    edges = [
        f"  {source} -> {target} (line {line})"
        for source in component
        for target, line in sorted(graph[source].items())
        if target in members
    ]
    return "\n".join(edges)


def test_wizard_has_no_import_cycles():
    graph = import_graph(ROOT, PACKAGE)
    assert len(graph) > 50, "the walker found too few modules: is ROOT right?"
    cycles = find_cycles(graph)
    assert not cycles, "import cycles in wizard/:\n" + "\n\n".join(
        _describe(component, graph) for component in cycles
    )


# --- the walker itself ---------------------------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("files", "cycle"),
    [
        pytest.param(
            {"pkg/__init__.py": "", "pkg/a.py": "from . import b\n", "pkg/b.py": "import pkg.a\n"},
            ["pkg.a", "pkg.b"],
            id="module-level",
        ),
        pytest.param(
            {
                "pkg/__init__.py": "",
                "pkg/a.py": "from pkg.b import thing\n",
                "pkg/b.py": "def f():\n    from .a import other\n",
            },
            ["pkg.a", "pkg.b"],
            id="deferred-into-a-function",
        ),
        pytest.param(
            {
                "pkg/__init__.py": "",
                "pkg/sub/__init__.py": "",
                "pkg/sub/a.py": "from ..c import x\n",
                "pkg/c.py": "from pkg.sub import a\n",
            },
            ["pkg.c", "pkg.sub.a"],
            id="relative-from-a-subpackage",
        ),
    ],
)
def test_the_walker_reports_a_cycle(tmp_path, files, cycle):
    root = _package(tmp_path, files)
    assert find_cycles(import_graph(root, "pkg")) == [cycle]


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            {
                "pkg/__init__.py": "",
                "pkg/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                "    from pkg.b import B\n",
                "pkg/b.py": "from pkg import a\n",
            },
            id="type-checking-only",
        ),
        pytest.param(
            {
                "pkg/__init__.py": "",
                "pkg/services.py": "from pkg.tasks import send\n",
                "pkg/tasks.py": "def send():\n    from pkg.services import work\n",
            },
            id="task-imports-its-service-when-it-runs",
        ),
    ],
)
def test_the_walker_allows(tmp_path, files):
    root = _package(tmp_path, files)
    assert find_cycles(import_graph(root, "pkg")) == []


def test_a_task_module_importing_its_service_at_module_level_is_a_cycle(tmp_path):
    root = _package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/services.py": "from pkg.tasks import send\n",
            "pkg/tasks.py": "from pkg.services import work\n",
        },
    )
    assert find_cycles(import_graph(root, "pkg")) == [["pkg.services", "pkg.tasks"]]
