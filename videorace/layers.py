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
