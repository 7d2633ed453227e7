"""The report pipeline on stub notebooks: incremental, safe on failure and on SIGKILL, serialised
by its lock. What the published reports contain is in tests/test_reports.py."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_here
from videorace.pipeline import config
from videorace.pipeline import state as build_state

STUBS = config.PROJECT_DIR / "tests" / "stubs"
#: The pipeline's behaviour is tested on two one-cell stub notebooks (tests/stubs), whose kernels
#: import nothing heavy; the real notebooks are built once per session (conftest.full_out).
SMALL = ["--notebooks", STUBS / "notebooks", "--manifest", STUBS / "reports.toml", "-j", "1"]
def published(out: Path) -> dict[str, bytes]:
    """The reports (the index is rewritten after every build, failed or not: test_unattended)."""
    return {p.name: p.read_bytes() for p in out.glob("*.html") if p.name != "index.html"}


def complete(html: bytes) -> bool:
    return html.rstrip().endswith(b"</html>")


@pytest.fixture(scope="module")
def small_out(tmp_path_factory):
    """Two reports published once; tests that change them work on copies of the data."""
    out = tmp_path_factory.mktemp("small")
    result = run_here("build", "--out", out, *SMALL)
    assert result.returncode == 0, result.stderr
    return out


def test_noop_rebuild_rebuilds_nothing(small_out):
    # the first no-op build turns the index's "first build" into "nothing changed" (test_changes.py)
    assert run_here("build", "--out", small_out, *SMALL).returncode == 0
    before = published(small_out)
    result = run_here("build", "--out", small_out, *SMALL)
    assert result.returncode == 0
    assert "0 built, 2 up to date" in result.stderr
    assert published(small_out) == before


def test_changing_one_data_file_rebuilds_only_reports_that_read_it(small_out, data_copy):
    # the published reports were built from data/; the same bytes elsewhere are the same inputs
    assert "0 built, 2 up to date" in run_here("build", "--out", small_out, "--data", data_copy,
                                              *SMALL).stderr
    caps = data_copy / "capabilities.csv"  # read by 01_alpha only (tests/stubs/reports.toml)
    caps.write_text(caps.read_text().replace("Clips of 4 s or 8 s.", "Clips of 4 or 8 s."))
    result = run_here("build", "--out", small_out, "--data", data_copy, *SMALL)
    assert result.returncode == 0, result.stderr
    assert "built  01_alpha" in result.stderr
    assert "02_beta" not in result.stderr.replace("up to date", "")
    assert "1 built, 1 up to date" in result.stderr


def test_force_rebuilds_all(small_out):
    result = run_here("build", "--out", small_out, "--force", *SMALL)
    assert "2 built, 0 up to date" in result.stderr


def test_failing_notebook_keeps_the_last_good_report(small_out, tmp_path):
    before = published(small_out)
    manifest = tmp_path / "bad.toml"
    manifest.write_text('[[report]]\nnotebook = "02_beta"\nset = "default"\n'
                        'title = "t"\nparameters = { fail = true }\n')
    result = run_here("build", "--out", small_out, "--notebooks", STUBS / "notebooks",
                     "--manifest", manifest, "--only", "02_beta", "-j", "1")
    assert result.returncode == 1
    failed = [ln for ln in result.stderr.splitlines() if " FAILED 02_beta" in ln]
    assert len(failed) == 1
    assert "ValueError: stub failure on purpose" in failed[0]
    assert "Traceback" not in result.stderr
    assert published(small_out) == before
    assert (small_out / "_failed" / "02_beta.ipynb").is_file()
    state = json.loads((small_out / build_state.STATE_FILE).read_text())
    assert state["02_beta"]["status"] == "failed"
    # the next good build clears the failure
    assert run_here("build", "--out", small_out, *SMALL).returncode == 0
    assert not (small_out / "_failed" / "02_beta.ipynb").exists()


def test_sigkill_mid_build_leaves_published_reports_whole(small_out, tmp_path):
    before = published(small_out)
    slow = tmp_path / "slow.toml"  # both stubs sleep, so the kill lands while they execute
    slow.write_text((STUBS / "reports.toml").read_text().replace(
        'title = "Alpha"', 'title = "Alpha"\nparameters = { pause_s = 20.0 }').replace(
        'title = "Beta"', 'title = "Beta"\nparameters = { pause_s = 20.0 }'))
    proc = subprocess.Popen([sys.executable, "-m", "videorace", "build", "--force", "--out",
                             str(small_out), "--notebooks", str(STUBS / "notebooks"),
                             "--manifest", str(slow)], cwd=config.PROJECT_DIR,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.time() + 60  # wait until the workers have started writing temporary files
    while not list(small_out.glob(f"{build_state.TMP_PREFIX}*")) and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(0.3)  # by then both kernels are in their 20 s pause (a kernel starts in ~0.1 s)
    import os
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    after = published(small_out)
    assert set(after) == set(before)
    assert all(complete(html) for html in after.values())
    result = run_here("build", "--out", small_out, *SMALL)
    assert result.returncode == 0, result.stderr
    assert not list(small_out.glob(f"{build_state.TMP_PREFIX}*"))
    assert all(complete(html) for html in published(small_out).values())


def locked_by_another(path: Path) -> bool:
    """Whether another open of ``path`` holds the build lock (a probe that takes it releases it
    at once)."""
    import fcntl

    if not path.exists():
        return False
    with open(path, "a+") as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(probe, fcntl.LOCK_UN)
    return False


def test_two_builds_at_once_end_consistent(tmp_path):
    """Two builds of one folder at once, in two processes: one of its own, started first, and one
    in the test's process (``run_here``), started once the first holds the lock, so it must wait
    for it. Both end well and leave one consistent folder."""
    out = tmp_path / "out"
    args = ["build", "--out", str(out), "--only", "02_beta", "-j", "1", "--force",
            *map(str, SMALL)]
    first = subprocess.Popen([sys.executable, "-m", "videorace", *args], cwd=config.PROJECT_DIR,
                             stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not locked_by_another(out / build_state.LOCK_FILE) and first.poll() is None:
        assert time.time() < deadline, "the first build never took the lock"
        time.sleep(0.01)
    second = run_here(*args)
    first_err = first.communicate(timeout=300)[1]
    assert [first.returncode, second.returncode] == [0, 0], (first_err, second.stderr)
    assert "waiting" in second.stderr, "the second build should have waited for the lock"
    state = json.loads((out / build_state.STATE_FILE).read_text())
    assert state["02_beta"]["status"] == "ok"
    assert complete((out / "02_beta.html").read_bytes())
    assert complete((out / "index.html").read_bytes())
    assert not list(out.glob(f"{build_state.TMP_PREFIX}*"))


def test_a_misspelt_parameter_is_refused_before_anything_runs(tmp_path):
    """'fsp' for 'fps': papermill would run at the default 24 fps and publish a report headed
    'fsp = 30'. The build refuses the manifest, naming the notebook, the name and the closest one."""
    manifest = tmp_path / "typo.toml"
    manifest.write_text('[[report]]\nnotebook = "03_clip_length_resolution"\nset = "x"\n'
                        'title = "t"\nparameters = { fsp = 30 }\n')
    out = tmp_path / "out"
    result = run_here("build", "--manifest", manifest, "--out", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert ("report #1: parameters: 03_clip_length_resolution has no parameter 'fsp'; did you "
            "mean 'fps'?") in result.stderr
    assert [p.name for p in out.glob("*.html")] == ["index.html"]  # no report, only the notice
    assert "did you mean" in (out / "index.html").read_text(encoding="utf-8")


def one_cell_notebook(path: Path, source: str, tags: tuple[str, ...] = ()) -> None:
    """Write a notebook of one code cell on the project's kernel to ``path``."""
    import nbformat

    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    nbformat.write(nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": {
        "name": config.KERNEL_NAME, "display_name": "Python", "language": "python"}}), path)


@pytest.mark.parametrize("source, parameters, expected", [
    # a notebook without a parameters cell builds at no parameters, and refuses any
    ("print(1)", "", "1 built"),
    ("print(1)", "parameters = { fps = 30 }",
     "01_plain has no parameter 'fps' (its parameters: none, it has no parameters cell)"),
    ("fps = 24\nstart = fps * 2", "parameters = { fps = 30 }",
     "01_plain.ipynb: parameter start: expected a literal default (a number, string, list...), "
     "found fps * 2"),
    (None, "", "01_plain.ipynb: expected a notebook whose parameters cell is Python, found "
     "JSONDecodeError"),
])
def test_notebooks_without_plain_parameters_are_named_not_a_traceback(tmp_path, source,
                                                                      parameters, expected):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    path = notebooks / "01_plain.ipynb"
    if source is None:
        path.write_text("{ not json")
    else:
        one_cell_notebook(path, source, ("parameters",) if "fps" in source else ())
    manifest = tmp_path / "reports.toml"
    manifest.write_text(f'[[report]]\nnotebook = "01_plain"\nset = "default"\n{parameters}\n')
    result = run_here("build", "--notebooks", notebooks, "--manifest", manifest,
                      "--out", tmp_path / "out")
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert result.returncode == (0 if expected == "1 built" else 2)


def test_unknown_parameter_names_the_closest_declared_one():
    from videorace.pipeline.manifest import unknown_parameter

    declared = {"fps": 24, "aspect_ratio": "16:9"}
    assert unknown_parameter("n", {"fps": 30}, declared) is None
    assert unknown_parameter("n", {"fsp": 30}, declared) == (
        "n has no parameter 'fsp'; did you mean 'fps'? (its parameters: fps, aspect_ratio)")
    assert "did you mean" not in unknown_parameter("n", {"zzz": 1}, declared)


def test_take_away_folders_are_swapped_whole(tmp_path):
    """A report's new take-away folder replaces the old one whole (no file of the old run left
    behind); a report that now writes none loses its old folder; nothing temporary remains."""
    from videorace.pipeline.publish import publish_files

    target = tmp_path / "r_files"
    target.mkdir()
    (target / "chart-2.png").write_text("old")
    fresh = tmp_path / f"{build_state.TMP_PREFIX}1-r_files"
    fresh.mkdir()
    (fresh / "chart-1.png").write_text("new")
    publish_files(str(fresh), target)
    assert sorted(p.name for p in target.iterdir()) == ["chart-1.png"] and not fresh.exists()
    publish_files("", target)
    assert not target.exists()
    assert not list(tmp_path.glob(f"{build_state.TMP_PREFIX}*"))


def test_report_kernels_leave_the_users_ipython_history_alone(tmp_path, monkeypatch):
    """A kernel would otherwise add a session per report, with every cell, to the user's own
    IPython history (zygote.KERNEL_ARGS)."""
    ipython_dir = tmp_path / "ipython"
    suite_dir = os.environ.get("IPYTHONDIR")  # conftest's, whose startup file counts kernels
    if suite_dir:
        shutil.copytree(Path(suite_dir) / "profile_default" / "startup",
                        ipython_dir / "profile_default" / "startup")
    monkeypatch.setenv("IPYTHONDIR", str(ipython_dir))
    assert run_here("build", "--out", tmp_path / "out", *SMALL).returncode == 0
    assert (ipython_dir / "profile_default").is_dir()  # the kernels did use this IPython dir
    assert not list(ipython_dir.rglob("history.sqlite"))


def test_the_zygote_is_told_the_data_to_preload():
    """The build's zygote reads the build's data once (loading.preload) for its kernels: the data
    directory travels on its command line, and a zygote without one preloads nothing."""
    from videorace.pipeline import zygote

    cmd = zygote.command(("pandas", "videorace.data.loading"), Path("/some/data"))
    assert cmd[1:3] == ["-m", "videorace.pipeline.zygote"]
    assert zygote.arguments(cmd[3:]) == (["pandas", "videorace.data.loading"], "/some/data")
    assert zygote.arguments(zygote.command(("pandas",))[3:]) == (["pandas"], None)


def test_a_kernel_imports_next_to_nothing_after_the_fork(tmp_path):
    """What a kernel imports while it initialises, the zygote must have imported already
    (zygote.KERNEL_MODULES), or every report pays for it again: ipykernel's debugger alone
    brought 150 modules. sys.modules keeps import order, so in the kernel the modules after the
    zygote's last preloaded one are those imported since the fork."""
    from videorace.pipeline import zygote

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    one_cell_notebook(notebooks / "01_modules.ipynb", (
        "import sys\nmods = list(sys.modules)\n"
        f"last = max(mods.index(m) for m in {list(zygote.KERNEL_MODULES)!r})\n"
        "print('AFTER-FORK', ' '.join(mods[last + 1:]), 'END')"))
    manifest = tmp_path / "reports.toml"
    manifest.write_text("")
    out = tmp_path / "out"
    result = run_here("build", "--notebooks", notebooks, "--manifest", manifest, "--out", out,
                      own_zygote=True)  # the suite's shared zygote has imported more
    assert result.returncode == 0, result.stderr
    html = (out / "01_modules.html").read_text()
    after = html.split("AFTER-FORK", 1)[1].split("END", 1)[0].split()
    assert len(after) <= 8, f"imported by the kernel after the fork: {after}"


def test_a_default_changed_in_the_working_copy_is_named_by_the_build(tmp_path):
    """Exploring belongs in lab/ (make lab); a default changed in notebooks/ against the committed
    notebook is a change to what is published, and the build says which, old -> new."""
    import json

    repo = tmp_path / "repo"
    shutil.copytree(STUBS / "notebooks", repo / "notebooks")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "stubs"], check=True)
    path = repo / "notebooks" / "01_alpha.ipynb"
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    source = "".join(cell["source"])
    assert "value: int = 1" in source
    cell["source"] = source.replace("value: int = 1", "value: int = 7")
    path.write_text(json.dumps(nb))
    result = run_here("build", "--out", tmp_path / "out", "--notebooks", repo / "notebooks",
                      "--manifest", STUBS / "reports.toml", "-j", "1")
    assert result.returncode == 0, result.stderr
    said = [ln for ln in result.stderr.splitlines() if "its defaults differ" in ln]
    assert len(said) == 1 and "01_alpha.ipynb" in said[0] and "value: 1 -> 7" in said[0]
    html = (tmp_path / "out" / "01_alpha.html").read_text(encoding="utf-8")
    assert "<code>value = 7</code>" in html.split("</header>")[0]


def test_a_set_removed_from_the_manifest_is_removed_from_the_reports(tmp_path):
    out, more = tmp_path / "out", tmp_path / "more.toml"
    more.write_text((STUBS / "reports.toml").read_text() + '\n[[report]]\nnotebook = "01_alpha"\n'
                    'set = "extra"\ntitle = "Alpha, extra"\nparameters = { value = 2 }\n')
    assert run_here("build", "--out", out, "--notebooks", STUBS / "notebooks", "--manifest", more,
                    "-j", "1").returncode == 0
    assert (out / "01_alpha__extra.html").is_file()
    (out / "01_alpha__extra_files").mkdir(exist_ok=True)
    assert run_here("build", "--out", out, *SMALL).returncode == 0
    assert not (out / "01_alpha__extra.html").exists() and not (out / "01_alpha__extra_files").exists()
    assert "01_alpha__extra" not in json.loads((out / build_state.STATE_FILE).read_text())
    assert "01_alpha__extra" not in (out / "index.html").read_text(encoding="utf-8")
