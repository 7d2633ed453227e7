"""Execute notebooks with papermill, strip what varies between runs, and render self-contained HTML."""

from __future__ import annotations

import functools
import os
import sys
import threading
from pathlib import Path

from videorace.pipeline import config

#: Notebook-level and cell-level metadata that changes on every run (papermill timings,
#: execution timestamps) and so must never be committed: nbval's baseline is the outputs alone.
VOLATILE_NOTEBOOK_KEYS = ("papermill", "widgets")
VOLATILE_CELL_KEYS = ("papermill", "execution", "collapsed", "scrolled")
TEMPLATES = Path(__file__).parent / "templates"
#: Executed copies of the reports marked ``baseline = true`` in reports.toml: nbval's baselines
#: for those parameter sets (``refresh`` writes them).
SETS_DIR = config.NOTEBOOKS_DIR / "sets"


def notebook_names(directory: Path = config.NOTEBOOKS_DIR) -> list[str]:
    """Names (without .ipynb) of the notebooks in ``directory``, in order."""
    return sorted(p.stem for p in directory.glob("[0-9][0-9]_*.ipynb"))


def defaults(name: str, directory: Path = config.NOTEBOOKS_DIR) -> dict:
    """A notebook's default parameters, read from its ``parameters`` cell; {} when it has none.
    Raises ValueError, naming the notebook and what was expected, for a file that is not a
    notebook or a parameter whose default is not a literal."""
    import ast
    import json

    path = directory / f"{name}.ipynb"
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        tree = ast.parse("".join(cells[0]["source"])) if cells else ast.Module(body=[])
    except (ValueError, KeyError, TypeError, SyntaxError) as err:
        raise ValueError(f"{path.name}: expected a notebook whose parameters cell is Python, "
                         f"found {type(err).__name__}: {err}") from None
    found = {}
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and node.value is not None:
            try:
                found[target.id] = ast.literal_eval(node.value)
            except ValueError:
                raise ValueError(f"{path.name}: parameter {target.id}: expected a literal default "
                                 f"(a number, string, list...), found {ast.unparse(node.value)}"
                                 ) from None
    return found


def volatile_metadata(nb) -> list[str]:
    """Where ``nb`` carries metadata that varies between runs, as readable locations."""
    found = [f"metadata.{k}" for k in VOLATILE_NOTEBOOK_KEYS if k in nb.metadata]
    for i, cell in enumerate(nb.cells):
        found += [f"cells[{i}].metadata.{k}" for k in VOLATILE_CELL_KEYS if k in cell.metadata]
    return found


def strip_volatile(nb):
    """Remove run-specific metadata in place and pin the kernel to the project's own."""
    for k in VOLATILE_NOTEBOOK_KEYS:
        nb.metadata.pop(k, None)
    for cell in nb.cells:
        for k in VOLATILE_CELL_KEYS:
            cell.metadata.pop(k, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill draws a new random id on every run
    nb.metadata["kernelspec"] = {"name": config.KERNEL_NAME, "display_name": "Python (videorace)",
                                 "language": "python"}
    lang = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3",
                                    "file_extension": ".py", "mimetype": "text/x-python",
                                    "nbconvert_exporter": "python",
                                    "codemirror_mode": lang.get("codemirror_mode",
                                                                {"name": "ipython", "version": 3})}
    return nb


def execute(source: Path, output: Path, parameters: dict | None = None,
            env: dict[str, str] | None = None, kernel_log: Path | None = None, warm=None):
    """Run ``source`` with papermill on the project's kernel, in ``notebooks/``, writing ``output``.

    ``env`` entries are added to the kernel's environment only (for example the data directory);
    this process's own environment, and its working directory, are left alone, so several reports
    can run at once in threads of one process. The kernel's own output goes to ``kernel_log``
    (when given). ``warm`` is a ``zygote.Zygote`` to fork the kernel from; without one the kernel
    starts the ordinary way. Raises papermill's ``PapermillExecutionError`` when a cell fails;
    the failing notebook is still written.
    """
    import papermill

    return papermill.execute_notebook(
        str(source), str(output), parameters=parameters or {}, kernel_name=config.KERNEL_NAME,
        progress_bar=False, log_output=False, request_save_on_cell_execute=False,
        kernel_manager_class=kernel_manager_with(env or {}, source.parent, kernel_log, warm))


def kernel_manager_with(env: dict[str, str], cwd: Path, kernel_log: Path | None = None, warm=None):
    """A kernel manager class whose kernels start in ``cwd`` with ``env`` added to their
    environment and their output in ``kernel_log``, forked from ``warm`` when it is alive, and
    are waited for without jupyter_client's fixed pauses (``kernels``)."""
    from videorace.pipeline import kernels, zygote

    class KernelManagerWithEnv(kernels.QuickAsyncKernelManager):
        async def _async_pre_start_kernel(self, **kw):
            kw["env"] = {**(kw.get("env") or os.environ), **env}
            kw["cwd"] = str(cwd)
            return await super()._async_pre_start_kernel(**kw)

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kernel_cmd = [*kernel_cmd, *zygote.KERNEL_ARGS]
            if warm is not None and warm.alive() and kernel_log is not None:
                return zygote.adopt(self, warm, kernel_cmd, kw, str(kernel_log))
            if kernel_log is None:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            with open(kernel_log, "ab") as log:  # the kernel keeps its own copy of the descriptor
                kw["stdout"] = kw["stderr"] = log
                return await super()._async_launch_kernel(kernel_cmd, **kw)

    return KernelManagerWithEnv


#: The shared exporter serves one export at a time: nbconvert is not documented as thread-safe.
_EXPORTING = threading.Lock()


@functools.lru_cache(maxsize=1)
def _exporter():
    """The report exporter, made once per process: building one compiles its templates, which
    costs more than an export."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="videorace_report", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    return exporter


def warm_exporter() -> None:
    """Export a two-cell notebook (text, and an output with a picture and a table) and discard
    it: the first export compiles the templates and sets up the Markdown renderer, three times
    the cost of the next one."""
    import nbformat

    output = nbformat.v4.new_output("display_data", data={
        "text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "1",
        "image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/"
                     "iZk9HQAAAABJRU5ErkJggg=="})
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A\n\nSome *text*."),
                                         nbformat.v4.new_code_cell("1", outputs=[output])])
    to_html(nb, {"title": "warm-up", "notebook": "", "set": "", "parameters": {},
                 "data_hash": "", "data_dir": "", "version": ""})


def to_html(nb, header: dict) -> str:
    """Self-contained HTML: code hidden, images embedded, nothing loaded from a network. Threads
    calling it take turns (they share one exporter)."""
    with _EXPORTING:
        body, _ = _exporter().from_notebook_node(nb, resources={"videorace": header,
                                                                "metadata": {"name": header["title"]}})
    return body


def refresh(names: list[str] | None = None, baselines=()) -> int:
    """Re-execute notebooks in place at their defaults and strip volatile metadata: the one
    deliberate command that updates nbval's baselines (``git diff`` then shows what changed).
    ``baselines`` are the reports.toml entries marked ``baseline = true``: each of the named
    notebooks' is executed with its parameters into ``notebooks/sets/<report>.ipynb``, which
    nbval checks too (papermill's injected-parameters cell carries the set's parameters)."""
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    names = names or notebook_names()
    unknown = [n for n in names if n not in notebook_names()]
    if unknown:
        print(f"refresh: no notebook named {unknown[0]!r}; expected one of "
              + ", ".join(notebook_names()), file=sys.stderr)
        return 2
    jobs = [(config.NOTEBOOKS_DIR / f"{n}.ipynb", config.NOTEBOOKS_DIR / f"{n}.ipynb", {})
            for n in names]
    jobs += [(config.NOTEBOOKS_DIR / f"{r.notebook}.ipynb", SETS_DIR / f"{r.key}.ipynb",
              r.parameters) for r in baselines if r.notebook in names]
    for source, path, parameters in jobs:
        print(f"refresh: executing {path.relative_to(config.NOTEBOOKS_DIR)}", flush=True)
        path.parent.mkdir(exist_ok=True)
        try:
            nb = execute(source, path, parameters)
        except PapermillExecutionError as err:
            print(f"refresh: {path.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}",
                  file=sys.stderr)
            return 1
        nbformat.write(strip_volatile(nbformat.from_dict(nb)), str(path))
    return 0
