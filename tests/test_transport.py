"""Kernels started by the build, refresh and the tests run with CurveZMQ keys:
ipykernel's warning that a kernel "is running over TCP without encryption" no longer lands in
every kernel's log (and so in every _failed/<report>.log and on refresh's terminal)."""

from __future__ import annotations

import pytest
import zmq

from tests.conftest import run_here
from tests.test_build import one_cell_notebook
from videorace.pipeline import kernels

WARNINGS = ("without encryption", "Message signing is disabled")


@pytest.mark.skipif(not zmq.has("curve"), reason="libzmq built without CurveZMQ")
def test_the_project_kernel_managers_encrypt():
    for manager in (kernels.QuickKernelManager, kernels.QuickAsyncKernelManager):
        assert manager().transport_encryption == "auto"


@pytest.mark.skipif(not zmq.has("curve"), reason="libzmq built without CurveZMQ")
def test_a_build_kernel_logs_no_transport_warning(tmp_path):
    """The kernel's own stderr is kept in a failed report's log: it shows the cell's marker line,
    which proves the log is the kernel's, and no warning about plain-text transport."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    one_cell_notebook(notebooks / "01_fails.ipynb",
                      "import os\nos.write(2, b'KERNEL-STDERR\\n')\nraise ValueError('on purpose')")
    manifest = tmp_path / "reports.toml"
    manifest.write_text("")
    out = tmp_path / "out"
    result = run_here("build", "--notebooks", notebooks, "--manifest", manifest, "--out", out)
    assert result.returncode != 0
    log = (out / "_failed" / "01_fails.log").read_text()
    assert "ValueError: on purpose" in log and "KERNEL-STDERR" in log
    assert not [w for w in WARNINGS if w in log + result.stderr], log
