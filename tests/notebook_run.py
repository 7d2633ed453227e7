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
import matplotlib.figure  # noqa: E402
import nbformat  # noqa: E402

from videorace.pipeline import config  # noqa: E402
from videorace import data  # noqa: E402
from videorace.analysis import report  # noqa: E402

REAL_LOAD = data.load


@dataclass
class Run:
    namespace: dict
    shown: list = field(default_factory=list)  # (object, metadata) per display call
    tables: list = field(default_factory=list)  # per report.table call: its columns under their headers

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


def cached_load(data_dir=None):
    """``data.load`` reading each data directory once per content (``loading.preload``, as the
    build's zygote does), then handing out fresh copies of the tables: the validation (a tenth of
    a run) is tested on its own, and no run can change another's tables."""
    from videorace.data import loading

    loading.preload(data_dir)
    return REAL_LOAD(data_dir)


def run(name: str, monkeypatch, **overrides) -> Run:
    """Execute notebook ``name`` with ``overrides`` injected after its parameters cell, as papermill
    does. Raises whatever a cell raises."""
    cells = code_cells(name)
    run = Run(namespace={"__name__": "__main__"})

    def display(obj, *args, metadata=None, **kwargs):
        run.shown.append((obj, metadata))

    def figure(fig, alt, data):  # what report.figure shows, less the PNG, which only costs time here
        from videorace.analysis import plots

        assert alt and len(data.columns), "a chart needs its alternative text and its data"
        run.shown.append(({report.PLOTTED_MIME: plots.plotted_data(fig)}, {"alt": alt}))
        plt.close(fig)

    shown_table = report.table

    def table(frame, columns, **kwargs):
        run.tables.append(frame[list(columns)].rename(columns=columns))
        shown_table(frame, columns, **kwargs)

    monkeypatch.setattr(report, "display", display)
    monkeypatch.setattr(report, "table", table)
    monkeypatch.setattr(report, "figure", figure)
    # Laying a figure out measures every text extent (half a run's time) and changes no plotted
    # number; the kernels of nbval and the build still lay every chart out.
    monkeypatch.setattr(matplotlib.figure.Figure, "tight_layout", lambda self, **kw: None)
    monkeypatch.setattr(data, "load", cached_load)
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


def edge_references(ds) -> list[str]:
    """The reference events a notebook's edge runs use, from the data: the earliest and the latest
    event, the first dated to each precision (a month, quarter or year reference gives ranges),
    and Sora's announcement. Every pair would be ~70 runs; these cover the distinct cases."""
    from videorace.analysis import timeline

    ev = timeline.best_dates(timeline.events(ds)).sort_values(["start", "end", "model_id"])
    picked = [ev.iloc[0], ev.iloc[-1]] + [rows.iloc[0] for _, rows in ev.groupby("precision")]
    refs = {f"{r.model_id}:{r.event}" for r in picked} | {"sora:announced"}
    return sorted(refs)
