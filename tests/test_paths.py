"""Paths given on the command line are taken from the current directory: a
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


def installed_copy(tmp_path: Path) -> tuple[Path, Path, dict]:
    """The package alone in a site-packages-like folder (no checkout around it), an empty working
    directory elsewhere, and the environment that imports that copy."""
    import os
    import shutil

    site = tmp_path / "site-packages"
    shutil.copytree(Path(paths.__file__).resolve().parents[1], site / "videorace",
                    ignore=shutil.ignore_patterns("__pycache__"))
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop(paths.DATA_DIR_ENV, None)
    return site, work, env


def test_without_a_checkout_around_the_package_the_project_is_the_current_directory(tmp_path,
                                                                                  monkeypatch):
    site, work, _ = installed_copy(tmp_path)
    monkeypatch.chdir(work)
    assert paths.project_dir(site) == work and paths.project_dir(paths.PACKAGE_PARENT) != work


def package_files(site: Path) -> set[Path]:
    return {p for p in site.rglob("*") if "__pycache__" not in p.parts}


def test_an_installed_copy_resolves_every_default_in_the_current_directory(tmp_path):
    import subprocess
    import sys

    site, work, env = installed_copy(tmp_path)
    before = package_files(site)
    probe = ("import videorace; from videorace.pipeline import config; print(videorace.__file__); "
             "[print(p) for p in (config.PROJECT_DIR, config.DATA_DIR, config.data_dir(), "
             "config.NOTEBOOKS_DIR, config.REPORTS_DIR, config.MANIFEST)]")
    shown = subprocess.run([sys.executable, "-c", probe], cwd=work, env=env, capture_output=True,
                           text=True, check=True).stdout.split()
    assert Path(shown[0]).is_relative_to(site)  # the copy ran, not the checkout
    assert [Path(p) for p in shown[1:]] == [work, work / "data", work / "data", work / "notebooks",
                                            work / "reports", work / "reports.toml"]
    for command in ("codebook", "refresh"):  # nothing there: a message, not a traceback
        run = subprocess.run([sys.executable, "-m", "videorace", command], cwd=work, env=env,
                             capture_output=True, text=True)
        assert run.returncode != 0 and "Traceback" not in run.stderr, run.stderr
        assert f"found none in {work}" in run.stderr or f"found none at {work}" in run.stderr
    assert package_files(site) == before  # nothing written inside the package


def test_an_environment_without_the_project_kernel_is_told_how_to_install_it(tmp_path,
                                                                            monkeypatch):
    """An installed copy (pip install . -c requirements.txt) has no 'videorace' kernel until
    ipykernel installs one: build and refresh say so with the command, instead of failing every
    report with NoSuchKernel."""
    import sys

    from videorace.pipeline import config

    monkeypatch.setattr(config, "KERNEL_NAME", "videorace-not-installed")
    for command in (("build", "--out", tmp_path / "out"), ("refresh",)):
        result = run_here(*command)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "no Jupyter kernel named 'videorace-not-installed'; install it with: " \
            f"{sys.executable} -m ipykernel install --sys-prefix --name videorace-not-installed" \
            in result.stderr
    assert not (tmp_path / "out").exists()
