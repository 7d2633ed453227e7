"""Where the notebooks, the manifest and the reports are, and which kernel runs the notebooks."""

from __future__ import annotations

from pathlib import Path

from videorace.data.paths import DATA_DIR, DATA_DIR_ENV, PROJECT_DIR, READS_ENV, data_dir  # noqa: F401

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
REPORTS_DIR = PROJECT_DIR / "reports"
MANIFEST = PROJECT_DIR / "reports.toml"

#: The Jupyter kernel every notebook runs on: installed into the project's own virtual environment
#: by ``make`` so that papermill and nbval never pick up another Python on the machine.
KERNEL_NAME = "videorace"


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the project when inside it, else absolute."""
    try:
        return str(path.resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)
