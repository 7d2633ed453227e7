"""Paths given on the command line are taken from the current directory (issue #23, item 13): a
relative --out works (kernels run in another directory), validate takes --data like build, and no
message says "None"."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_here
from videorace.data import paths

STUBS = Path(__file__).parent / "stubs"


def test_a_relative_out_directory_builds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_here("build", "--out", "myreports", "--notebooks", STUBS / "notebooks",
                      "--manifest", STUBS / "reports.toml", "--data", paths.DATA_DIR, "-j", "1")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "myreports" / "01_alpha.html").is_file()
    assert "FAILED" not in result.stderr


def test_data_dir_resolves_against_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert paths.data_dir("mine") == tmp_path / "mine"
    assert paths.data_dir().is_absolute()


def test_validate_takes_data_like_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = run_here("validate", "--data", paths.DATA_DIR)
    assert good.returncode == 0 and "all tables valid" in good.stdout
    bad = run_here("validate", "--data", "missing")
    assert bad.returncode == 1 and "--data missing" in bad.stderr and str(tmp_path) in bad.stderr


def test_no_message_says_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "absent"))
    result = run_here("build", "--out", "r")
    assert result.returncode == 2 and "None" not in result.stderr and "absent" in result.stderr
