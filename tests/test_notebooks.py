"""The committed notebooks: deterministic baselines, the parameters convention, thin cells."""

import ast

import nbformat
import pytest

from videorace.pipeline import config
from videorace.pipeline.notebooks import notebook_names, volatile_metadata

NOTEBOOKS = notebook_names()


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.fixture(params=NOTEBOOKS)
def nb(request):
    return nbformat.read(config.NOTEBOOKS_DIR / f"{request.param}.ipynb", as_version=4)


def test_no_volatile_metadata(nb):
    assert volatile_metadata(nb) == []


def test_runs_on_the_project_kernel(nb):
    assert nb.metadata.kernelspec.name == config.KERNEL_NAME


def test_committed_with_outputs_and_no_errors(nb):
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "refresh the notebook: a cell was never run"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]


def test_title_then_parameters_then_validation(nb):
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert "**Question.**" in nb.cells[0].source
    params = nb.cells[1]
    assert params.cell_type == "code" and "parameters" in params.metadata.get("tags", [])
    names = []
    for line in params.source.splitlines():
        node = ast.parse(line).body[0]
        assert isinstance(node, ast.AnnAssign), f"{line!r}: expected 'name: type = literal  # help'"
        ast.literal_eval(node.value)  # literals only
        assert line.partition("#")[2].strip(), f"parameter {node.target.id} has no comment"
        names.append(node.target.id)
    used = {n.id for n in ast.walk(ast.parse(nb.cells[2].source)) if isinstance(n, ast.Name)}
    assert set(names) <= used, f"the validation cell ignores {set(names) - used}"


def test_cells_are_thin(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            statements = sum(isinstance(n, ast.stmt) for n in ast.walk(ast.parse(cell.source)))
            assert statements <= 12, f"cell {i} has {statements} statements: move logic to the package"


def test_ends_with_sources(nb):
    assert "report.sources(" in nb.cells[-1].source


def test_a_changed_figure_in_the_data_fails_nbval_naming_notebook_and_cell(data_copy):
    """The regression mechanism itself: nbval over a committed notebook, pointed at data with one
    number changed, must fail and say which notebook and cell."""
    import os
    import subprocess
    import sys

    metrics = data_copy / "metrics.csv"
    metrics.write_text(metrics.read_text().replace("videos_generated,16000000,",
                                                   "videos_generated,17000000,"))
    env = {**os.environ, config.DATA_DIR_ENV: str(data_copy)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n0", "-p", "no:randomly",
                             "notebooks/05_market_and_predictions.ipynb"], cwd=config.PROJECT_DIR,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "FAILED notebooks/05_market_and_predictions.ipynb::Cell" in result.stdout
    # which side is which, and the way to accept an intended change
    assert "is the committed baseline" in result.stdout and "make refresh" in result.stdout
    assert str(data_copy) in result.stdout  # the data the new output came from


def test_refresh_strips_what_papermill_adds(tmp_path):
    """papermill's run metadata (per notebook and per cell) is what refresh strips. Any notebook
    gets it, so a stub one (tests/stubs) runs here, as refresh runs one: through ``execute`` in a
    kernel started the ordinary way, not forked from a zygote."""
    from videorace.pipeline.notebooks import execute, strip_volatile

    out = tmp_path / "run.ipynb"
    execute(config.PROJECT_DIR / "tests/stubs/notebooks/01_alpha.ipynb", out, {"value": 2},
            env={config.DATA_DIR_ENV: str(config.DATA_DIR)})
    nb = nbformat.read(out, as_version=4)
    assert volatile_metadata(nb), "papermill should have added run metadata"
    assert volatile_metadata(strip_volatile(nb)) == []
    # a parameter set's baseline (notebooks/sets/) keeps one id for papermill's injected cell,
    # which papermill draws at random on every run
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert [c.id for c in injected] == ["injected-parameters"]


def test_parameters_are_never_rebound(nb):
    """A parameter keeps the value papermill injected: validated values get their own names."""
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    params = {n.target.id for n in ast.parse(nb.cells[at].source).body}
    rebound = {n.id for c in nb.cells[at + 1:] if c.cell_type == "code"
               for n in ast.walk(ast.parse(c.source))
               if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id in params}
    assert rebound == set()


def test_no_warning_or_error_stream_in_the_outputs(nb):
    """A warning printed to stderr carries the machine's paths (and says something is wrong, such
    as a glyph missing from the chart font): none may be part of the baseline."""
    streams = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
               if o.output_type == "stream" and o.name == "stderr"]
    assert streams == []
