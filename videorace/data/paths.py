"""Where the data is. The data layer asks here; nothing here knows about notebooks or reports."""

from __future__ import annotations

import os
from pathlib import Path

#: The checkout the package sits in (``videorace/data/paths.py`` -> the project directory). An
#: installed copy (site-packages) has no checkout around it: its project directory is the current
#: directory, so it reads and writes there and never inside the package.
PACKAGE_PARENT = Path(__file__).resolve().parents[2]


def project_dir(package_parent: Path = PACKAGE_PARENT) -> Path:
    """The checkout around the package (``package_parent``, when it holds the project's
    pyproject.toml and Makefile), else the current directory, absolute."""
    if (package_parent / "pyproject.toml").is_file() and (package_parent / "Makefile").is_file():
        return package_parent
    return Path.cwd().resolve()


PROJECT_DIR = project_dir()
DATA_DIR = PROJECT_DIR / "data"

#: Environment variable that points the notebooks (and ``videorace.data.load``) at another copy of
#: the data. ``python -m videorace build --data DIR`` sets it for the kernels it starts.
DATA_DIR_ENV = "VIDEORACE_DATA_DIR"

#: Set by the build for each report's kernel: the tables the notebook declared it reads
#: (``reads`` in reports.toml). ``videorace.data.load`` then hands out only those tables, so an
#: undeclared read fails loudly instead of leaving a stale report after that table changes.
READS_ENV = "VIDEORACE_READS"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory, absolute: the argument (relative to the current directory), else
    ``$VIDEORACE_DATA_DIR``, else the project's ``data/`` (an installed copy: ``./data``)."""
    chosen = override or os.environ.get(DATA_DIR_ENV) or DATA_DIR
    return Path(chosen).resolve()
