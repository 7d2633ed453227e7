"""``python -m videorace run NOTEBOOK OUTPUT [papermill's options]``: papermill's own command line
(``-p NAME VALUE``, ``-r``, ``-f``, ``-y``, ``--help-notebook``...) on the project's kernel, with a
user's mistake said in one line instead of papermill's traceback: a parameter the notebook does
not declare is refused before any kernel starts, naming the closest declared one, and a notebook
that stops (a bad value) is reported as its cell and error."""

from __future__ import annotations

import sys
from pathlib import Path

from videorace.pipeline import config


def undeclared(params: dict) -> str | None:
    """The one-line problem with the ``-p``/``-r`` names papermill parsed (its click ``params``),
    or None: every name declared, or a notebook that cannot be read here (papermill says why)."""
    from videorace.pipeline.manifest import unknown_parameter
    from videorace.pipeline.notebooks import defaults

    names = {k: v for k, v in (*params.get("parameters", ()), *params.get("parameters_raw", ()))}
    source = Path(params.get("notebook_path") or "")
    if not names or source.suffix != ".ipynb" or not source.is_file():
        return None
    try:
        declared = defaults(source.stem, source.parent)
    except ValueError as err:
        return str(err)
    return unknown_parameter(source.name, names, declared)


def main(argv: list[str]) -> int:
    from papermill.cli import papermill
    from papermill.exceptions import PapermillExecutionError

    if not any(a in ("-k", "--kernel") or a.startswith("--kernel=") for a in argv):
        argv = [*argv, "-k", config.KERNEL_NAME]
    try:
        ctx = papermill.make_context("python -m videorace run", list(argv))
    except SystemExit as done:  # --help, or click's own one-line usage error
        return done.code or 0
    except Exception as err:  # click.UsageError and the like: click prints them in one line too
        print(f"run: {err}", file=sys.stderr)
        return 2
    problem = undeclared(ctx.params)
    if problem:
        print(f"run: {problem}", file=sys.stderr)
        return 2
    try:
        with ctx:
            papermill.invoke(ctx)
    except PapermillExecutionError as err:
        print(f"run: {ctx.params['notebook_path']} stopped in cell {err.exec_count}: "
              f"{err.ename}: {err.evalue}".strip(), file=sys.stderr)
        return 1
    except SystemExit as done:
        return done.code or 0
    return 0
