"""Notebooks under git: make's set-up registers nbdime as git's diff and merge
driver for *.ipynb, a merge whose two sides changed the same output leaves a notebook that still
opens, and `make clean` takes the drivers away with the .venv that holds them, so `git diff` does
not die on a removed program."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "05_market_and_predictions.ipynb"
IMAGE = '"image/png": "'


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
                           *args], capture_output=True, text=True, timeout=60)


def repository(where: Path) -> Path:
    """A git repository holding the project's .gitattributes and one real notebook, committed."""
    where.mkdir()
    git(where, "init", "-q", "-b", "main")
    shutil.copy(ROOT / ".gitattributes", where / ".gitattributes")
    shutil.copy(NOTEBOOK, where / "nb.ipynb")
    git(where, "add", ".")
    git(where, "commit", "-qm", "baseline")
    return where


def with_image_start(repo: Path, text: str) -> None:
    """Overwrite the first four base64 characters of the notebook's first PNG with ``text``."""
    nb = (repo / "nb.ipynb").read_text(encoding="utf-8")
    start = nb.index(IMAGE) + len(IMAGE)
    (repo / "nb.ipynb").write_text(nb[:start] + text + nb[start + 4:], encoding="utf-8")


def setup_git_step() -> str:
    """The git step of make's set-up, as make would run it (dry run: nothing is installed)."""
    recipe = subprocess.run(["make", "--no-print-directory", "-n", "-C", str(ROOT), "-W",
                             "requirements.txt", ".venv/.installed-requirements"],
                            capture_output=True, text=True, timeout=60).stdout
    step = re.search(r"^git rev-parse.*?(?=^\S|\Z)", recipe, re.M | re.S)
    assert step, recipe
    return step.group(0)


def test_setup_makes_nbdime_merge_a_notebook_into_one_that_still_opens(tmp_path):
    repo = repository(tmp_path / "repo")
    subprocess.run(["sh", "-c", setup_git_step()], cwd=repo, check=True, timeout=60)
    assert git(repo, "config", "--get", "diff.jupyternotebook.command").stdout.strip() == \
        f"{ROOT}/.venv/bin/git-nbdiffdriver diff"
    assert "git-nbmergedriver merge" in git(repo, "config", "--get",
                                            "merge.jupyternotebook.driver").stdout
    git(repo, "checkout", "-qb", "other")
    with_image_start(repo, "BBBB")
    git(repo, "commit", "-qam", "the chart as re-run on one branch")
    git(repo, "checkout", "-q", "main")
    with_image_start(repo, "CCCC")
    git(repo, "commit", "-qam", "the chart as re-run on the other")
    merge = git(repo, "merge", "other")
    assert merge.returncode != 0 and "CONFLICT" in merge.stdout  # a real conflict, reported
    # git's own line merge writes conflict markers between JSON lines: the notebook no longer
    # opens; nbdime's keeps it a notebook, so `make refresh` or JupyterLab can settle it
    merged = json.loads((repo / "nb.ipynb").read_text(encoding="utf-8"))
    assert len(merged["cells"]) == len(json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"])


def test_make_clean_unregisters_the_drivers_so_git_diff_still_works(tmp_path):
    repo = repository(tmp_path / "repo")
    shutil.copy(ROOT / "Makefile", repo / "Makefile")
    git(repo, "config", "diff.jupyternotebook.command", f"{repo}/.venv/bin/git-nbdiffdriver diff")
    git(repo, "config", "merge.jupyternotebook.driver", f"{repo}/.venv/bin/git-nbmergedriver")
    with_image_start(repo, "DDDD")
    assert git(repo, "diff").returncode != 0  # what a removed .venv did to git diff
    subprocess.run(["make", "--no-print-directory", "-C", str(repo), "clean"], check=True,
                   capture_output=True, timeout=60)
    assert git(repo, "config", "--get-regexp", "jupyternotebook").stdout == ""
    diff = git(repo, "diff")
    assert diff.returncode == 0 and "DDDD" in diff.stdout
