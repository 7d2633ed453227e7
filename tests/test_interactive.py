"""JupyterLab use: re-running a notebook's setup cell after any later cell must
not be taken for an undeclared parameter. Only papermill's injected cell or the parameters cell,
run just before, is read as a list of parameters."""

from __future__ import annotations

import ast
import json

import pytest

from videorace.analysis import params
from videorace.pipeline import config

NOTEBOOK = config.NOTEBOOKS_DIR / "02_release_timeline.ipynb"


def namespace(*cells: str) -> dict:
    """IPython's namespace after ``cells`` ran (``In`` keeps an empty entry 0, like IPython's),
    with the annotated parameters ``window_start`` and ``fps``."""
    return {"In": ["", *cells], "__annotations__": {"window_start": str, "fps": float}}


def test_papermills_cell_with_an_undeclared_name_is_refused_with_the_closest_one():
    with pytest.raises(params.UndeclaredParameter, match="fps"):
        params.declared_only(namespace("# Parameters\nfsp = 30\n", "setup()"))


def test_papermills_cell_with_declared_names_passes():
    params.declared_only(namespace("# Parameters\nfps = 30\n", "setup()"))


def test_a_plain_assignment_in_the_parameters_cell_itself_is_refused():
    with pytest.raises(params.UndeclaredParameter):
        params.declared_only(namespace("fps: float = 24\nother = 1\n", "setup()"))


def test_any_other_cell_run_before_the_setup_cell_is_not_read_as_parameters():
    params.declared_only(namespace("chart = draw(frame)\nother = 1\n", "setup()"))


def test_rerunning_the_setup_cell_after_a_later_cell_in_a_kernel_as_lab_does():
    """Run every cell of a real notebook in one kernel, then the setup cell again, as a reader
    in JupyterLab does after changing something further down."""
    from jupyter_client.manager import start_new_kernel

    cells = [c["source"] if isinstance(c["source"], str) else "".join(c["source"])
             for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    setup = next(i for i, c in enumerate(cells) if "declared_only" in c)
    later = next(c for c in cells[setup + 1:]  # a later cell that assigns a name
                 if any(isinstance(n, ast.Assign) for n in ast.parse(c).body))
    km, kc = start_new_kernel(kernel_name="videorace", cwd=str(config.NOTEBOOKS_DIR))
    try:
        replies = [kc.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
                   for code in cells + [later, cells[setup]]]
        errors = [(i, r["content"].get("evalue")) for i, r in enumerate(replies)
                  if r["content"]["status"] != "ok"]
        assert errors == []
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_an_annotated_typo_typed_in_lab_is_refused_like_a_plain_one(tmp_path):
    """In JupyterLab (``__session__`` names the open notebook, here a copy in lab/) an annotated
    line declares its own name in ``__annotations__``; the names declared are the published
    notebook's, so the typo is refused with the closest name."""
    cell = 'comparator: str = "sora"\ncomparater: str = "western"\n'
    ns = {"In": ["", cell, "setup()"], "__session__": str(tmp_path / "lab" / "06_catch_up.ipynb"),
          "__annotations__": {"comparator": str, "comparater": str}}
    with pytest.raises(params.UndeclaredParameter, match="Did you mean 'comparator'"):
        params.declared_only(ns)
    ns["In"][1] = 'comparator: str = "western"\n'
    params.declared_only(ns)  # a declared name, another value: exploring as intended


def test_the_published_parameters_are_read_from_the_notebook_without_running_it():
    declared = params.published_parameters("/anywhere/lab/03_clip_length_resolution.ipynb")
    assert declared[:2] == ["fps", "aspect_ratio"]
    assert params.published_parameters(None) is None
    assert params.published_parameters("/x/no_such_notebook.ipynb") is None
