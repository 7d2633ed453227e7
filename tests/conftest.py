import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from videorace import config


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
