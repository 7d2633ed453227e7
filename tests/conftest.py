import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from videorace.pipeline import config

collect_ignore = ["stubs"]  # the build tests' stub notebooks have no committed outputs

#: Every Jupyter kernel started during the suite (by nbval, the build, JupyterLab) runs the
#: IPython startup file below, which appends a line to this log; the summary prints the count.
KERNEL_LOG_ENV = "VIDEORACE_TEST_KERNEL_LOG"
STARTUP = """import os
with open(os.environ["{env}"], "a") as log:
    log.write(f"{{os.getpid()}}\\n")
"""


def pytest_configure(config):
    """In the controlling process only: a private IPython directory whose startup file logs each
    kernel (xdist's workers inherit the environment)."""
    if hasattr(config, "workerinput") or os.environ.get(KERNEL_LOG_ENV):
        return
    home = Path(tempfile.mkdtemp(prefix="videorace-ipython-"))
    (home / "profile_default" / "startup").mkdir(parents=True)
    (home / "profile_default" / "startup" / "00-count.py").write_text(
        STARTUP.format(env=KERNEL_LOG_ENV))
    os.environ["IPYTHONDIR"] = str(home)
    os.environ[KERNEL_LOG_ENV] = str(home / "kernels.log")
    config._videorace_ipython = home


#: The order in which xdist hands out test files (pyproject.toml: --dist loadfile
#: --no-loadscope-reorder), for two cores kept busy to the end: the browser checks first, as their
#: fixture starts the session's full build (``full_out``, both cores for about 20 s) and their own
#: work is long; the other files that read that build last, so that none of them waits for it;
#: in between the longest files first. A file not named here runs in between too.
FIRST = ("test_browser.py",)
LONGEST = ("test_build.py", "test_notebooks.py", "test_tokens_notebook.py", "test_bad_input.py",
           "test_changes.py", "test_notebook_edges.py", "test_layout.py", "test_timeline.py",
           "test_validate_properties.py")
LAST = ("test_parameters.py", "test_report_text.py", "test_reports.py")


#: Files whose tests start kernels, builds, browsers or installs, or run a property test of many
#: examples: marked ``slow``, so `make check` (``-m "not slow"``) runs the rest in seconds.
SLOW = {"test_browser.py", "test_build.py", "test_notebooks.py", "test_tokens_notebook.py",
        "test_bad_input.py", "test_changes.py", "test_notebook_edges.py", "test_validate_properties.py",
        "test_parameters.py", "test_report_text.py", "test_reports.py", "test_setup.py", "test_lab.py",
        "test_interactive.py", "test_unattended.py", "test_template.py", "test_kernels.py",
        "test_funding.py", "test_funding_overrides.py", "test_figures.py", "test_reads.py",
        "test_paths.py", "test_licence.py", "test_notebook_git.py", "test_update.py", "test_ci.py",
        "test_schedules.py", "test_transport.py", "test_datapackage.py"}
#: In files otherwise quick, the tests that run a notebook (named ``test_notebook_...``) or
#: install the package.
SLOW_TESTS = ("test_notebook_", "test_a_non_editable_install", "test_installed")


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in SLOW or item.name.startswith(SLOW_TESTS):
            item.add_marker(pytest.mark.slow)

    def rank(item):
        name = item.path.name
        if name in FIRST:
            return 0
        if name in LAST:
            return 3
        return 1 if name in LONGEST else 2

    items.sort(key=rank)  # stable: each file's tests keep their order


def pytest_terminal_summary(terminalreporter, config):
    home = getattr(config, "_videorace_ipython", None)
    if home is None:
        return
    log = home / "kernels.log"
    launched = len(log.read_text().splitlines()) if log.is_file() else 0
    terminalreporter.write_line(f"kernel launches in the suite: {launched}")
    shutil.rmtree(home, ignore_errors=True)


def run_cli(*args, cwd=None, env=None):
    """Run ``python -m videorace ARGS`` as a user would; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "videorace", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd or config.PROJECT_DIR, env=env, timeout=600)


def run_here(*args, own_zygote: bool = False) -> subprocess.CompletedProcess:
    """``python -m videorace ARGS`` run in this process, with its output captured, for the tests
    of what a build does: the CLI's own process would pay about 1.5 s of imports per call that
    this process has already paid. A build forks its kernels from this process's zygote
    (``warm_kernels.shared_zygote``) rather than starting one of its own, unless ``own_zygote``;
    otherwise it keeps nothing between calls (its kernels and threads end with it). What needs a
    process of its own (SIGKILL, two builds at once, an installed copy) still uses ``run_cli``.
    An exception escapes as the test's error, as a traceback on stderr would fail it."""
    import contextlib
    import io

    from tests import warm_kernels
    from videorace.pipeline import cli, zygote

    out, err = io.StringIO(), io.StringIO()
    start = zygote.start
    if not own_zygote:
        shared = warm_kernels.shared_zygote()
        zygote.start = lambda modules=(), data_dir=None: shared
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main([str(a) for a in args])
    finally:
        zygote.start = start
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ to plant defects in."""
    target = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, target)
    return target


SESSION_MANIFEST = "session.toml"


def session_manifest(folder: Path) -> Path:
    """reports.toml plus the overridden parameter sets (tests/overrides.py), so one session build
    serves the browser, text and parameter checks."""
    from tests.overrides import manifest_entries

    path = folder / SESSION_MANIFEST
    path.write_text(config.MANIFEST.read_text(encoding="utf-8") + "\n" + manifest_entries(),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def full_out(tmp_path_factory) -> Path:
    """Every report in reports.toml and the overridden sets of tests/overrides.py, built once
    per test run for the build, parameter, offline and browser checks: under xdist the first
    worker to ask builds it into the run's shared temporary folder and the others wait on the
    lock, then reuse it. The build runs in that worker's process (``run_here``), with its
    kernels forked from the worker's zygote: a process of its own would import the pipeline and
    start a zygote again, 2.5 s of CPU; what the command line adds is tested elsewhere."""
    import fcntl

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder all workers of this run share
    out, done = shared / "full_build", shared / "full_build.ok"
    with open(shared / "full_build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            session_manifest(shared)
            result = run_here("build", "--out", out, "--manifest", shared / SESSION_MANIFEST)
            assert result.returncode == 0, result.stderr
            done.write_text("built\n")
    return out
