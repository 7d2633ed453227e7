"""Set-up from the Makefile: the Python version the pins need is checked
before anything is created, a failed install leaves no environment a later run would trust, `make
lab` takes a port, `make lock` resolves in a fresh environment, `make clean-reports` keeps what git
tracks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def project(tmp_path: Path, requirements: str) -> Path:
    """A copy of the Makefile and pyproject.toml with the given requirements.txt."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "requirements.txt").write_text(requirements)
    return tmp_path


def make(where: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-C", str(where), *args],
                          capture_output=True, text=True, timeout=300)


def setup_with_fake_python(tmp_path: Path, name: str, script: str) -> tuple[Path, object]:
    """``make setup`` in a project copy (under ``tmp_path/p``) with ``PYTHON`` a shell script."""
    fake = tmp_path / name
    fake.write_text("#!/bin/sh\n" + script)
    fake.chmod(0o755)
    (tmp_path / "p").mkdir()
    where = project(tmp_path / "p", "pandas==3.1.1\n")
    return where, make(where, "setup", f"PYTHON={fake}")


def test_an_old_python_is_refused_with_a_clear_message_before_anything_is_made(tmp_path):
    where, result = setup_with_fake_python(
        tmp_path, "python3.10", 'case "$2" in *platform*) echo 3.10.12;; *) exit 1;; esac\n')
    assert result.returncode != 0
    assert "is Python 3.10.12; the pinned requirements need Python 3.11 or newer" in result.stderr
    assert not (where / ".venv").exists()


def test_a_failed_install_removes_the_half_made_environment(tmp_path):
    """A .venv left by an interrupted or failed first run (no stamp) whose pip install fails is
    removed, not reused by the next run."""
    where = project(tmp_path, "pandas==3.1.1\n")
    python = where / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\necho 'ERROR: no matching distribution' >&2\nexit 1\n")
    python.chmod(0o755)
    result = make(where, "setup", f"PYTHON={sys.executable}")
    assert result.returncode != 0
    assert "the install failed; removed .venv" in result.stderr
    assert not (where / ".venv").exists()


def test_a_failed_venv_creation_leaves_no_venv(tmp_path):
    """A Python that passes the version check but cannot make an environment (Debian without
    python3-venv makes half of one) leaves nothing behind."""
    where, result = setup_with_fake_python(
        tmp_path, "python3", 'case "$1" in -m) mkdir -p .venv/bin; exit 1;; esac\nexit 0\n')
    assert result.returncode != 0 and "could not create .venv" in result.stderr
    assert not (where / ".venv").exists()


def test_the_first_install_shows_progress(tmp_path):
    recipe = make(project(tmp_path, "pandas==3.1.1\n"), "-n", "setup", "PYTHON=python3").stdout
    assert ("pip install --disable-pip-version-check --progress-bar on -r requirements.txt -e ."
            in recipe)
    assert "--quiet" not in recipe and "setup: installing the pinned requirements" in recipe


def test_make_lab_takes_a_port():
    result = make(ROOT, "-n", "lab", "PORT=8890", "--assume-old=.venv/.installed-requirements")
    assert "--port=8890" in result.stdout


def test_make_lock_resolves_in_a_fresh_environment_not_from_dot_venv():
    """The lock is what requirements.in resolves to in a new environment (in a temporary
    directory), never a freeze of .venv; requirements.txt is replaced only at the end."""
    recipe = make(ROOT, "-n", "lock").stdout
    assert '-m venv "$tmp/venv"' in recipe
    assert '"$tmp/venv/bin/python" -m pip install --disable-pip-version-check -r requirements.in' \
        in recipe
    assert '"$tmp/venv/bin/python" -m pip freeze' in recipe and ".venv/bin" not in recipe
    assert "> requirements.txt" not in recipe  # never truncated before the resolve succeeded
    assert '&& mv "$tmp/requirements.txt" requirements.txt' in recipe


def test_make_clean_reports_keeps_tracked_files(tmp_path):
    """Every generated file and folder goes (reports, take-aways, state, failures, hidden files);
    what git tracks in reports/ stays; and with no reports/ at all it does nothing."""
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "reports"], capture_output=True,
                             text=True).stdout.split()
    assert tracked == ["reports/README.md"]  # the file the recipe keeps, by name
    where = project(tmp_path, "")
    assert make(where, "clean-reports").returncode == 0
    reports = where / "reports"
    for name in ("README.md", "01_a.html", "01_a_files/chart.png", "_failed/01_a.log",
                 ".build-state.json", "index.html"):
        (reports / name).parent.mkdir(parents=True, exist_ok=True)
        (reports / name).write_text("x")
    result = make(where, "clean-reports")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in reports.iterdir()] == ["README.md"]


def test_notebook_diffs_are_reviewable_cell_by_cell(tmp_path):
    """make's set-up registers nbdime as git's diff driver for *.ipynb (.gitattributes): a changed
    chart then shows as a changed output, not as a 100,000-character line of base64."""
    assert "*.ipynb diff=jupyternotebook" in (ROOT / ".gitattributes").read_text()
    assert 'git config diff.jupyternotebook.command "$(CURDIR)/$(BIN)/git-nbdiffdriver diff"' in \
        (ROOT / "Makefile").read_text()
    repo = tmp_path / "repo"
    repo.mkdir()
    git = lambda *a: subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c",
                                     "user.email=t@t", *a], capture_output=True, text=True)
    git("init", "-q")
    git("config", "diff.jupyternotebook.command", f"{ROOT / '.venv/bin/git-nbdiffdriver'} diff")
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    notebook = ROOT / "notebooks" / "05_market_and_predictions.ipynb"
    text = notebook.read_text(encoding="utf-8")
    (repo / "nb.ipynb").write_text(text, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "baseline")
    start = text.index('"image/png": "') + len('"image/png": "')
    (repo / "nb.ipynb").write_text(text[:start] + "AAAA" + text[start + 4:], encoding="utf-8")
    plain = max(len(line) for line in git("diff", "--no-ext-diff").stdout.splitlines())
    diff = git("diff").stdout
    assert plain > 10_000  # what a reviewer saw before
    assert "image/png" in diff and max(len(line) for line in diff.splitlines()) < 1000


def test_requirements_txt_works_as_constraints_for_an_installed_copy():
    """`pip install . -c requirements.txt` installs the package against the pins; pip refuses a
    constraints file with an unnamed requirement such as '-e .', so the lock holds only exact
    name==version pins (make installs the package itself with -e .)."""
    import re

    text = (ROOT / "requirements.txt").read_text()
    pins = [line for line in (raw.split("#")[0].strip() for raw in text.splitlines()) if line]
    assert len(pins) > 50
    pin = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*==[\w.+!-]+")
    assert [line for line in pins if not pin.fullmatch(line)] == []


def test_a_working_environment_is_used_whatever_python3_the_scheduler_finds():
    """The version check guards making .venv only: once it is installed, a scheduler whose PATH
    has an older (or no) python3 still builds (a review found cron failing daily)."""
    result = make(ROOT, "setup", "PYTHON=/nonexistent/python3.10")  # .venv is up to date
    assert result.returncode == 0 and "setup:" not in result.stderr, result.stderr
