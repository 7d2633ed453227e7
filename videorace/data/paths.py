"""Where the data is. The data layer asks here; nothing here knows about notebooks or reports."""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout the package sits in (``videorace/data/paths.py`` -> the project directory).
PROJECT_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_DIR / "data"

#: Environment variable that points the notebooks (and ``videorace.data.load``) at another copy of
#: the data. ``python -m videorace build --data DIR`` sets it for the kernels it starts.
DATA_DIR_ENV = "VIDEORACE_DATA_DIR"

#: Set by the build for each report's kernel: the tables the notebook declared it reads
#: (``reads`` in reports.toml). ``videorace.data.load`` then hands out only those tables, so an
#: undeclared read fails loudly instead of leaving a stale report after that table changes.
READS_ENV = "VIDEORACE_READS"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory: the argument, else ``$VIDEORACE_DATA_DIR``, else the project's
    ``data/``, else ``./data`` (an installed package has no project around it)."""
    if override:
        return Path(override)
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    return DATA_DIR if DATA_DIR.is_dir() else Path.cwd() / "data"
