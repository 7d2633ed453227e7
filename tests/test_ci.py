"""What CI relies on: the browser checks cannot pass by skipping there."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("ci, expected", [
    ("true", "RuntimeError: CI must provide Chromium for the browser checks"),
    ("", "Skipped: Chromium is not installed (apt-get install chromium-headless-shell"),
])
def test_without_chromium_the_browser_checks_fail_under_ci_and_skip_elsewhere(ci, expected):
    """tests/test_browser.py, imported where no Chromium is on PATH (only this Python's own
    folder): under CI=true it raises, so pytest reports an error; elsewhere it skips with the
    install hint."""
    env = {**os.environ, "PATH": str(Path(sys.executable).parent), "CI": ci}
    result = subprocess.run([sys.executable, "-c", "import tests.test_browser"], env=env,
                            cwd=Path(__file__).parents[1], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
