"""The package's three layers and the rule between them, checked by reading the imports.

``data`` (schema, validation, loading, dates) <- ``analysis`` (what the notebooks compute and show)
<- ``pipeline`` (executing notebooks into reports). A layer may import itself and the layers to its
left, never one to its right: data uses neither analysis nor pipeline; analysis does not use the
pipeline. ``tests/test_layout.py`` runs ``violations`` over the package, so a new cycle fails
``make test``.

>>> violations({"videorace/data/load.py": "from videorace.analysis import plots"})
['videorace/data/load.py:1: data imports videorace.analysis.plots (data may import only data)']
"""

from __future__ import annotations

import ast
from pathlib import Path

ORDER = ("data", "analysis", "pipeline")


def layer_of(module: str) -> str | None:
    """'data', 'analysis' or 'pipeline' for a module name or path inside the package."""
    parts = module.replace("/", ".").removesuffix(".py").split(".")
    if len(parts) >= 2 and parts[0] == "videorace" and parts[1] in ORDER:
        return parts[1]
    return None


def imported(source: str) -> list[tuple[int, str]]:
    """(line, module) of every ``videorace`` import in ``source``, inside functions too, with
    ``from videorace.x import y`` counted as ``videorace.x.y`` (y may be a module)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("videorace")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("videorace"):
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


def violations(sources: dict[str, str]) -> list[str]:
    """Every import in ``sources`` (path -> text) that points from a layer to a later one."""
    out = []
    for path, text in sorted(sources.items()):
        own = layer_of(path)
        if own is None:
            continue
        allowed = ORDER[:ORDER.index(own) + 1]
        for line, module in imported(text):
            target = layer_of(module)
            if target is not None and target not in allowed:
                out.append(f"{path}:{line}: {own} imports {module} "
                           f"({own} may import only {', '.join(allowed)})")
    return out


def package_sources(root: Path) -> dict[str, str]:
    """Every module of the package below ``root`` (the directory holding ``videorace/``)."""
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8")
            for p in sorted((root / "videorace").rglob("*.py"))}


def _module_of(path: str) -> str:
    """'videorace/analysis/catchup/compute.py' -> 'videorace.analysis.catchup.compute' (a
    package's ``__init__`` is the package)."""
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _target(module: str, known: set[str]) -> str | None:
    """The package module an imported name lives in: the longest known prefix of ``module``."""
    parts = module.split(".")
    for n in range(len(parts), 1, -1):
        if ".".join(parts[:n]) in known:
            return ".".join(parts[:n])
    return None


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """Module -> the package modules it imports (inside functions too). An import of a package's
    own submodule from its ``__init__`` is an edge like any other."""
    known = {_module_of(p) for p in sources}
    graph = {}
    for path, text in sources.items():
        own = _module_of(path)
        targets = {_target(m, known) for _, m in imported(text)}
        graph[own] = {t for t in targets if t and t != own}
    return graph


def cycles(sources: dict[str, str]) -> list[list[str]]:
    """Every import circle among the package's modules, each as the modules in order (a circle
    through a package's ``__init__`` counts only when the ``__init__`` is not merely re-exporting
    its own submodules), found by depth-first search; [] when there is none.

    >>> cycles({"videorace/a.py": "from videorace import b", "videorace/b.py": "import videorace.a"})
    [['videorace.a', 'videorace.b']]
    """
    graph = import_graph(sources)
    for module, targets in graph.items():  # a package re-exporting its submodules is no circle
        if any(p.endswith(module.replace(".", "/") + "/__init__.py") for p in sources):
            graph[module] = {t for t in targets if not t.startswith(module + ".")}
    found, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                loop = stack[stack.index(nxt):]
                found.append(loop)
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return found


def private_imports(sources: dict[str, str]) -> list[str]:
    """Every ``from videorace.x import _name`` of another module's private name."""
    out = []
    for path, text in sorted(sources.items()):
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("videorace"):
                out += [f"{path}:{node.lineno}: {node.module}.{a.name}" for a in node.names
                        if a.name.startswith("_") and not a.name.startswith("__")]
    return out
