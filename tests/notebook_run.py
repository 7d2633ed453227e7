"""Run a committed notebook's code cells in this process, with parameters overridden.

A kernel costs seconds to start; the notebooks' logic is in the package, so their cells can run in
the test process itself. Each call gets a fresh namespace, as a fresh kernel would; what the cells
display through ``videorace.analysis.report`` is captured so a test can assert on the text a reader sees.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402

from videorace.pipeline import config  # noqa: E402
from videorace.analysis import report  # noqa: E402


@dataclass
class Run:
    namespace: dict
    shown: list = field(default_factory=list)  # (object, metadata) per display call

    @property
    def text(self) -> str:
        """Everything displayed as Markdown, one block per call."""
        return "\n\n".join(getattr(obj, "data", "") or "" for obj, _ in self.shown
                           if type(obj).__name__ == "Markdown")

    @property
    def figures(self) -> list[list[dict]]:
        """What each chart shown through ``report.figure`` plots, in order."""
        return [obj[report.PLOTTED_MIME] for obj, _ in self.shown
                if isinstance(obj, dict) and report.PLOTTED_MIME in obj]

    def key_figures(self) -> dict:
        for _, metadata in self.shown:
            if metadata and report.KEY_FIGURES_KEY in metadata:
                return metadata[report.KEY_FIGURES_KEY]
        return {}


def code_cells(name: str) -> list[str]:
    nb = nbformat.read(config.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def run(name: str, monkeypatch, **overrides) -> Run:
    """Execute notebook ``name`` with ``overrides`` injected after its parameters cell, as papermill
    does. Raises whatever a cell raises."""
    cells = code_cells(name)
    run = Run(namespace={"__name__": "__main__"})

    def display(obj, *args, metadata=None, **kwargs):
        run.shown.append((obj, metadata))

    def figure(fig):  # what report.figure shows, less the PNG, which only costs time here
        from videorace.analysis import plots

        run.shown.append(({report.PLOTTED_MIME: plots.plotted_data(fig)}, None))
        plt.close(fig)

    monkeypatch.setattr(report, "display", display)
    monkeypatch.setattr(report, "figure", figure)
    exec(compile(cells[0], f"{name}:parameters", "exec"), run.namespace)
    unknown = set(overrides) - {n.target.id for n in ast.parse(cells[0]).body
                                if isinstance(n, ast.AnnAssign)}
    assert not unknown, f"{name} has no parameter(s) {sorted(unknown)}"
    run.namespace.update(overrides)
    try:
        for i, source in enumerate(cells[1:], start=1):
            exec(compile(source, f"{name}:cell{i}", "exec"), run.namespace)
    finally:
        plt.close("all")
    return run


NOT_NUMBERS = ("nan", "NaN", "NaT", "<NA>", "inf")  # "None" is English here


def assert_clean(run: Run) -> None:
    """No missing or infinite value reaches what the reader sees (the text or a key figure)."""
    shown = run.text + " " + " ".join(run.key_figures().values())
    words = re.split(r"[\s(),;:*]+", shown)
    bad = [w for w in words if w in NOT_NUMBERS]
    assert not bad, f"the text shows {bad}"
