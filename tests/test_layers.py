"""The core's folders are its layers, and imports only point down.

Every module of ``plugins/election_explainers/core`` lives in a layer package:
``data`` < ``index`` < ``render`` < ``publish``.  A module may import its own
layer and the ones below; no module imports MkDocs (or Material); and no two
modules import each other, however roundabout.  Every import counts: at the top,
under ``TYPE_CHECKING`` and inside functions, because each is a dependency a
reader has to understand (and a circle that only works because of import order).

The checks read the source with :mod:`ast`; nothing is imported.  The tests at
the end build a small core with each mistake and see the checks report it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "plugins" / "election_explainers" / "core"
LAYERS = ("data", "index", "render", "publish")  # lowest first
FORBIDDEN = ("mkdocs", "material")  # the core stays MkDocs-free: plugins adapt it

Graph = dict[str, dict[str, int]]  # module ("render.view") -> core module it imports -> line of the first import


def modules(core: Path) -> dict[str, Path]:
    """Every module of ``core`` by its dotted name inside core (``render.view``; ``__init__`` for packages)."""
    found = {}
    for path in sorted(core.rglob("*.py")):
        parts = path.relative_to(core).with_suffix("").parts
        found[".".join(parts)] = path
    return found


def _imported_names(path: Path, core: Path) -> list[tuple[str, int]]:
    """Every module name ``path`` imports, absolute (``election_explainers.core.data.models``), with its line."""
    package = ["election_explainers", "core", *path.relative_to(core).parent.parts]
    names: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.append((module, node.lineno))
            # ``from . import charts``: the names may be modules themselves
            names += [(f"{module}.{alias.name}", node.lineno) for alias in node.names]
    return names


def import_graph(core: Path) -> tuple[Graph, dict[str, list[tuple[str, int]]]]:
    """Which core modules each module imports, and what it imports from outside the package."""
    known = modules(core)
    graph: Graph = {name: {} for name in known}
    outside: dict[str, list[tuple[str, int]]] = {name: [] for name in known}
    for name, path in known.items():
        for imported, line in _imported_names(path, core):
            if imported.startswith("election_explainers.core."):
                target = imported.removeprefix("election_explainers.core.")
                # a name inside a module (``from .view import View``) is not a module: keep the module
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].setdefault(target, line)
            elif not imported.startswith("election_explainers"):
                outside[name].append((imported, line))
    return graph, outside


def layer_of(module: str) -> str | None:
    first = module.split(".")[0]
    return first if first in LAYERS and "." in module else None


def flat_modules(core: Path) -> list[str]:
    """Modules outside every layer (only core's own ``__init__`` may be)."""
    return [name for name in modules(core) if name != "__init__" and layer_of(name) is None]


def mkdocs_imports(core: Path) -> list[str]:
    _, outside = import_graph(core)
    return [
        f"core/{name.replace('.', '/')}.py:{line}: imports {imported}"
        for name, found in outside.items()
        for imported, line in found
        if imported.split(".")[0] in FORBIDDEN
    ]


def upward_imports(core: Path) -> list[str]:
    """Imports of a higher layer (or of a module outside every layer) from a layer."""
    graph, _ = import_graph(core)
    problems = []
    for name, targets in graph.items():
        layer = layer_of(name)
        if layer is None:
            continue
        for target, line in targets.items():
            target_layer = layer_of(target)
            if target_layer is None or LAYERS.index(target_layer) > LAYERS.index(layer):
                problems.append(f"core/{name.replace('.', '/')}.py:{line}: {layer} imports {target}")
    return problems


def cycles(graph: Graph) -> list[list[str]]:
    """The groups of modules that import one another (strongly connected, more than one, or importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan; the core is a few dozen modules deep at most
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
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, {}):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


# -- the core as it is -----------------------------------------------------------------


def test_every_core_module_is_in_a_layer() -> None:
    assert modules(CORE), CORE
    assert flat_modules(CORE) == []
    folders = sorted(p.name for p in CORE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == sorted(LAYERS)
    for layer in LAYERS:
        docstring = ast.get_docstring(ast.parse((CORE / layer / "__init__.py").read_text(encoding="utf-8")))
        assert docstring, f"core/{layer}/__init__.py says what the layer is"


def test_core_never_imports_mkdocs() -> None:
    assert mkdocs_imports(CORE) == []


def test_each_layer_imports_only_itself_and_the_layers_below() -> None:
    assert upward_imports(CORE) == []


def test_no_two_core_modules_import_each_other() -> None:
    graph, _ = import_graph(CORE)
    assert sum(len(targets) for targets in graph.values()) > 50  # the graph was read at all
    assert cycles(graph) == []


# -- the checks see each mistake -------------------------------------------------------


def _core(tmp_path: Path, files: dict[str, str]) -> Path:
    core = tmp_path / "election_explainers" / "core"
    for name, text in {"__init__.py": "", **files}.items():
        path = core / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for layer in LAYERS:
        (core / layer).mkdir(exist_ok=True)
        (core / layer / "__init__.py").touch()
    return core


def test_a_circle_through_a_function_and_type_checking_is_found(tmp_path: Path) -> None:
    core = _core(
        tmp_path,
        {
            "render/render.py": "from .view import View\n",
            "render/view.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import structured\n",
            "render/structured.py": "def f():\n    from election_explainers.core.render.render import Renderer\n",
            "data/dates.py": "",
            "data/models.py": "from .dates import PartialDate\n",
        },
    )
    graph, _ = import_graph(core)
    assert graph["render.view"] == {"render.structured": 3}
    assert cycles(graph) == [["render.render", "render.structured", "render.view"]]


def test_a_module_importing_itself_is_a_circle() -> None:
    assert cycles({"data.a": {"data.a": 1}, "data.b": {"data.a": 1}}) == [["data.a"]]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("from ..publish.feeds import absolute\n", "core/index/timeline.py:1: index imports publish.feeds"),
        ("def f():\n    from ..render import view\n", "core/index/timeline.py:2: index imports render.view"),
        ("from election_explainers.core.flat import x\n", "core/index/timeline.py:1: index imports flat"),
    ],
)
def test_an_import_of_a_higher_layer_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    core = _core(
        tmp_path,
        {
            "index/timeline.py": text,
            "publish/feeds.py": "",
            "render/view.py": "",
            "flat.py": "x = 1\n",
            "data/dates.py": "",
        },
    )
    assert upward_imports(core) == [problem]
    assert flat_modules(core) == ["flat"]


def test_lower_and_same_layer_imports_pass(tmp_path: Path) -> None:
    core = _core(
        tmp_path,
        {
            "publish/feeds.py": "from ..render.view import View\nfrom ..data import dates\nfrom .swap import x\n",
            "publish/swap.py": "x = 1\n",
            "render/view.py": "from ..index import timeline\n",
            "index/timeline.py": "",
            "data/dates.py": "",
        },
    )
    assert upward_imports(core) == []
    assert cycles(import_graph(core)[0]) == []


def test_mkdocs_anywhere_in_a_module_is_found(tmp_path: Path) -> None:
    core = _core(
        tmp_path,
        {"data/dates.py": "import json\ndef f():\n    import mkdocs.config\n    from material import plugins\n"},
    )
    assert mkdocs_imports(core) == [
        "core/data/dates.py:3: imports mkdocs.config",
        "core/data/dates.py:4: imports material",
        "core/data/dates.py:4: imports material.plugins",
    ]
