"""One report, executed in one of the build's threads: papermill into a temporary notebook, nbconvert
into a temporary HTML file the build publishes. Everything a report writes is named after it, and
nothing here touches the process's working directory, environment or streams, so reports can run
side by side. A failure leaves the executed copy (when a cell failed) and a log (the cell, the
exception, the traceback, the kernel's log) in ``_failed/`` and is returned as one line."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from videorace import __version__
from videorace.analysis.markup import TAKEAWAY_DIR_ENV, TAKEAWAY_LINK_ENV
from videorace.pipeline import config
from videorace.pipeline.manifest import Report
from videorace.pipeline.state import FAILED_DIR, TMP_PREFIX, atomic_write


def run_report(report: Report, out: str, data_dir: str, data_hash: str,
               notebooks_dir: str = str(config.NOTEBOOKS_DIR), warm=None) -> dict:
    """Execute one report and write its HTML to a temporary file in ``out``; the build publishes.
    ``warm`` is the build's kernel zygote (``zygote.start``), or None.

    Returns a dict: status ('ok' or 'failed'), seconds, the temp HTML path or the failure message,
    and the key figures the notebook displayed.
    """
    import nbformat

    from videorace.pipeline import notebooks
    started = time.perf_counter()
    out_dir = Path(out)
    kernel_log = out_dir / f"{TMP_PREFIX}{os.getpid()}-{report.key}.log"
    executed = out_dir / f"{TMP_PREFIX}{os.getpid()}-{report.key}.ipynb"
    files = out_dir / f"{TMP_PREFIX}{os.getpid()}-{report.files_dir}"
    shutil.rmtree(files, ignore_errors=True)
    env = {config.DATA_DIR_ENV: str(data_dir), config.READS_ENV: ",".join(report.reads),
           TAKEAWAY_DIR_ENV: str(files), TAKEAWAY_LINK_ENV: report.files_dir}
    source = Path(notebooks_dir) / f"{report.notebook}.ipynb"
    try:
        ran_with = notebooks.defaults(report.notebook, Path(notebooks_dir))  # as papermill reads it
        nb = notebooks.execute(source, executed, report.parameters, env=env, kernel_log=kernel_log,
                               warm=warm)
    except Exception as err:  # a cell raised, the kernel died, the notebook is unreadable
        shutil.rmtree(files, ignore_errors=True)
        return {"status": "failed", "seconds": time.perf_counter() - started,
                **record_failure(report, err, out_dir, executed, kernel_log)}
    executed.unlink(missing_ok=True)
    kernel_log.unlink(missing_ok=True)
    nb = nbformat.from_dict(nb)
    warned = notebooks.take_stderr(nb)
    split = time_split(nb, time.perf_counter() - started)
    header = {"title": report.title, "notebook": report.notebook, "set": report.set,
              "parameters": report.parameters, "data_hash": data_hash,
              "defaults": {k: v for k, v in ran_with.items() if k not in report.parameters},
              "data_dir": config.display_path(Path(data_dir)), "version": __version__}
    exported = time.perf_counter()
    html = notebooks.to_html(nb, header)
    tmp_html = out_dir / f"{TMP_PREFIX}{os.getpid()}-{report.html_name}"
    atomic_write(tmp_html, html)
    split["export_s"] = round(time.perf_counter() - exported, 2)
    return {"status": "ok", "seconds": time.perf_counter() - started, "tmp": str(tmp_html),
            "files": str(files) if files.is_dir() else "",
            "key_figures": key_figures(nb), "answer": answer(nb), "split": split,
            "warnings": warned}


def record_failure(report: Report, err: Exception, out_dir: Path, executed: Path,
                   kernel_log: Path) -> dict:
    """Leave a failure in ``_failed/``: the executed copy when a cell raised (papermill's
    ``PapermillExecutionError``) and a log either way; returns its one-line message and the
    failed copy's path (empty when there is none)."""
    from papermill.exceptions import PapermillExecutionError

    failed = out_dir / FAILED_DIR
    failed.mkdir(exist_ok=True)
    copy = failed / f"{report.key}.ipynb"
    if isinstance(err, PapermillExecutionError):
        os.replace(executed, copy)
        atomic_write(failed / f"{report.key}.log", failure_log(report, err, kernel_log))
        kernel_log.unlink(missing_ok=True)
        return {"message": f"cell {err.exec_count}: " + f"{err.ename}: {err.evalue}".strip(),
                "failed_copy": str(copy)}
    executed.unlink(missing_ok=True)  # still one line, still safe
    atomic_write(failed / f"{report.key}.log", crash_log(report, err, kernel_log))
    kernel_log.unlink(missing_ok=True)
    copy.unlink(missing_ok=True)  # an older failure's
    cell = running_cell(err)
    return {"message": (f"cell {cell[0]}: " if cell else "")
            + f"{type(err).__name__}: {err}".splitlines()[0], "failed_copy": ""}


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def failure_log(report: Report, err, kernel_log: Path) -> str:
    """``_failed/<report>.log``: the failing cell's source, the exception and its traceback (as
    the kernel printed them, without terminal colours), then whatever the kernel logged."""
    traceback = ANSI.sub("", "\n".join(err.traceback or []))
    return _log(report, [f"failed in cell {err.exec_count} (cell index {err.cell_index}):", "",
                         (err.source or "").rstrip(), "", f"{err.ename}: {err.evalue}", "",
                         "Traceback:", traceback.rstrip()], kernel_log)


def running_cell(err: BaseException) -> tuple[int, int, str] | None:
    """(execution count, cell index, source) of the cell papermill was running when ``err`` was
    raised (a kernel that died mid-cell), read from papermill's cell loop in the traceback; None
    when the error came before or after the cells."""
    import traceback

    for frame, _ in traceback.walk_tb(err.__traceback__):
        if frame.f_code.co_name == "papermill_execute_cells" and "index" in frame.f_locals:
            index, client = frame.f_locals["index"], frame.f_locals.get("self")
            cells = client.nb.cells if client is not None else []
            count = sum(c.cell_type == "code" for c in cells[:index + 1])
            return count, index, cells[index].source if index < len(cells) else ""
    return None


def crash_log(report: Report, err: Exception, kernel_log: Path | None = None) -> str:
    """``_failed/<report>.log`` when no cell raised (the kernel died or never started, the notebook
    could not be read): the cell that was running when the kernel died, when one was, the
    exception and the build's traceback, then the kernel's log."""
    import traceback

    text = "".join(traceback.format_exception(type(err), err, err.__traceback__))
    cell = running_cell(err)
    where = ["failed outside the notebook's cells:"] if cell is None else [
        f"the kernel stopped in cell {cell[0]} (cell index {cell[1]}):", "", cell[2].rstrip()]
    return _log(report, [*where, "", f"{type(err).__name__}: {err}", "", text.rstrip()], kernel_log)


def _log(report: Report, body: list[str], kernel_log: Path | None) -> str:
    kernel = kernel_log.read_text(encoding="utf-8", errors="replace") \
        if kernel_log and kernel_log.exists() else ""
    return "\n".join([
        f"report: {report.key} (notebook {report.notebook}.ipynb, parameters {report.parameters})",
        *body, "", "Kernel log:", kernel.rstrip() or "(empty)", ""])


def import_once() -> None:
    """Import what ``run_report`` needs, and warm the HTML exporter, once, before the build's
    threads start: they would otherwise all import it at once, and the first report's export
    would compile the templates while the kernels compete for the cores. Here it fills the time
    the build waits for its zygote."""
    import nbconvert  # noqa: F401
    import nbformat  # noqa: F401
    import papermill  # noqa: F401

    from videorace.pipeline import notebooks

    notebooks.warm_exporter()


def key_figures(nb) -> list[list[str]]:
    """The [name, value] pairs ``report.key_figures`` attached to the outputs, in order."""
    from videorace.analysis.markup import KEY_FIGURES_KEY

    figures = []  # ordered pairs: the state file is written with sorted keys
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            figures += [[k, v] for k, v in output.get("metadata", {}).get(KEY_FIGURES_KEY, {}).items()]
    return figures


def answer(nb) -> dict:
    """What ``report.answer`` attached to the outputs ({"as_of", "rows"}); {} when nothing."""
    from videorace.analysis.markup import ANSWER_KEY

    found = [o["metadata"][ANSWER_KEY] for c in nb.cells for o in c.get("outputs", [])
             if ANSWER_KEY in o.get("metadata", {})]
    return found[-1] if found else {}


def time_split(nb, papermill_s: float) -> dict[str, float]:
    """Seconds of papermill's run spent before the first cell started (kernel start-up and its
    handshake) and running the cells, from the timestamps papermill stores in the notebook."""
    from datetime import datetime

    stamps = [c.metadata.get("papermill", {}) for c in nb.cells if c.cell_type == "code"]
    starts = [s["start_time"] for s in stamps if s.get("start_time")]
    ends = [s["end_time"] for s in stamps if s.get("end_time")]
    if not starts or not ends:
        return {"kernel_s": 0.0, "execute_s": round(papermill_s, 2)}
    first, last = datetime.fromisoformat(min(starts)), datetime.fromisoformat(max(ends))
    execute = (last - first).total_seconds()
    return {"kernel_s": round(max(papermill_s - execute, 0.0), 2), "execute_s": round(execute, 2)}
