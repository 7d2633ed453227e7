"""Where things live. Every other module asks here instead of building paths itself."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_DIR / "data"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
REPORTS_DIR = PROJECT_DIR / "reports"
MANIFEST = PROJECT_DIR / "reports.toml"

#: Environment variable that points the notebooks (and ``videorace.data.load``) at another copy of
#: the data. ``python -m videorace build --data DIR`` sets it for the kernels it starts.
DATA_DIR_ENV = "VIDEORACE_DATA_DIR"

#: Set by the build for each report's kernel: the tables the notebook declared it reads
#: (``reads`` in reports.toml). ``videorace.data.load`` then hands out only those tables, so an
#: undeclared read fails loudly instead of leaving a stale report after that table changes.
READS_ENV = "VIDEORACE_READS"

#: The Jupyter kernel every notebook runs on: installed into the project's own virtual environment
#: by ``make`` so that papermill and nbval never pick up another Python on the machine.
KERNEL_NAME = "videorace"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory: the argument, else ``$VIDEORACE_DATA_DIR``, else ``data/``."""
    if override:
        return Path(override)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else DATA_DIR
