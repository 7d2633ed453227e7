import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from videorace.pipeline import config


def run_cli(*args, cwd=None, env=None):
    """Run ``python -m videorace ARGS`` as a user would; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "videorace", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or config.PROJECT_DIR, env=env, timeout=600)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ to plant defects in."""
    target = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def full_out(tmp_path_factory) -> Path:
    """Every report in reports.toml, built once for the offline and browser checks."""
    out = tmp_path_factory.mktemp("full")
    result = run_cli("build", "--out", out)
    assert result.returncode == 0, result.stderr
    return out
