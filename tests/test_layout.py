"""The package's layout: layers that import only downwards, small modules and functions, no hidden
global state, and a non-editable install that builds reports."""

import ast
import doctest
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from videorace import layers
from videorace.pipeline import config

ROOT = config.PROJECT_DIR
SOURCES = layers.package_sources(ROOT)


def test_layers_import_only_downwards():
    assert layers.violations(SOURCES) == []


def test_the_checker_catches_a_forbidden_import():
    """A data module importing the analysis, even inside a function, and an analysis module
    importing the pipeline, are both reported with their line; the allowed directions are not."""
    planted = {
        "videorace/data/x.py": "import os\n\ndef f():\n    from videorace.analysis import plots\n",
        "videorace/analysis/y.py": "from videorace.data import load\nimport videorace.pipeline.build\n",
        "videorace/pipeline/z.py": "from videorace.analysis import report\nfrom videorace import data\n",
    }
    assert layers.violations(planted) == [
        "videorace/analysis/y.py:2: analysis imports videorace.pipeline.build "
        "(analysis may import only data, analysis)",
        "videorace/data/x.py:4: data imports videorace.analysis.plots (data may import only data)",
    ]
    assert doctest.testmod(layers).failed == 0


def test_no_import_circle_and_no_private_name_crosses_a_module():
    assert layers.cycles(SOURCES) == []
    assert layers.private_imports(SOURCES) == []


def test_the_circle_and_private_checks_catch_what_they_look_for():
    """The catch-up's old compute <-> scores circle, through an import inside a function, and a
    package re-exporting its own submodules, which is no circle."""
    planted = {
        "videorace/analysis/catchup/__init__.py": "from videorace.analysis.catchup.compute import x\n",
        "videorace/analysis/catchup/compute.py": "def f():\n    from videorace.analysis.catchup.scores import s\n",
        "videorace/analysis/catchup/scores.py": "from videorace.analysis.catchup.compute import _events\n",
    }
    assert layers.cycles(planted) == [["videorace.analysis.catchup.compute",
                                       "videorace.analysis.catchup.scores"]]
    assert layers.private_imports(planted) == [
        "videorace/analysis/catchup/scores.py:1: videorace.analysis.catchup.compute._events"]
    del planted["videorace/analysis/catchup/compute.py"]
    assert layers.cycles(planted) == []


def test_every_module_is_in_a_layer():
    loose = [p for p in SOURCES if layers.layer_of(p) is None
             and p not in ("videorace/__init__.py", "videorace/__main__.py", "videorace/layers.py")]
    assert loose == []


def _functions(tree):
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


@pytest.mark.parametrize("path", sorted(SOURCES))
def test_modules_and_functions_are_small(path):
    text = SOURCES[path]
    assert len(text.splitlines()) <= 400, f"{path} has {len(text.splitlines())} lines"
    long = [(f.name, f.end_lineno - f.lineno + 1) for f in _functions(ast.parse(text))
            if f.end_lineno - f.lineno + 1 > 60]
    assert long == [], f"{path}: functions over 60 lines: {long}"


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield ast.unparse(node.func)


#: The one module allowed to set environment variables: the kernel zygote, whose forked child
#: becomes a kernel process and must take the report's environment as its own.
SETS_UP_PROCESSES = {"videorace/pipeline/zygote.py"}


@pytest.mark.parametrize("path", sorted(set(SOURCES) - SETS_UP_PROCESSES))
def test_no_hidden_global_state(path):
    """No backend switch at import, no environment mutation in library code."""
    tree = ast.parse(SOURCES[path])
    calls = set(_calls(tree))
    assert "matplotlib.use" not in calls, f"{path} switches matplotlib's backend"
    mutations = {"os.environ.update", "os.environ.pop", "os.putenv", "os.environ.setdefault"}
    assert not calls & mutations, f"{path} changes the environment: {calls & mutations}"
    stores = [n for n in ast.walk(tree) if isinstance(n, ast.Subscript)
              and isinstance(n.ctx, ast.Store) and ast.unparse(n.value) == "os.environ"]
    assert not stores, f"{path} assigns to os.environ"


def test_a_non_editable_install_builds_a_report(tmp_path):
    """pip installs the package (no dependencies: they are in this venv) into a target directory;
    that copy, not the checkout, builds a report (a stub notebook: what is tested is the installed
    package) from another working directory, with the notebooks, manifest, data and output given
    as options. The nbconvert template must travel as package data for the report to render."""
    target = tmp_path / "site"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                          "--no-build-isolation", "--no-compile", "--target", str(target), str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    assert pip.returncode == 0, pip.stderr
    assert (target / "videorace/pipeline/templates/videorace_report/index.html.j2").is_file()
    env = {**os.environ, "PYTHONPATH": str(target)}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = elsewhere / "out"
    result = subprocess.run(
        [sys.executable, "-m", "videorace", "build", "--only", "01_alpha", "-j", "1",
         "--notebooks", str(ROOT / "tests/stubs/notebooks"),
         "--manifest", str(ROOT / "tests/stubs/reports.toml"),
         "--data", str(ROOT / "data"), "--out", str(out)],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    where = subprocess.run([sys.executable, "-c", "import videorace; print(videorace.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True)
    assert Path(where.stdout.strip()).is_relative_to(target)  # the installed copy ran
    assert "Stub report 01_alpha" in (out / "01_alpha.html").read_text()
    # without options, an installed copy works in the current directory, never in the package
    shutil.copytree(ROOT / "tests/stubs/notebooks", elsewhere / "notebooks")
    shutil.copytree(ROOT / "data", elsewhere / "data")
    plain = subprocess.run([sys.executable, "-m", "videorace", "build", "-j", "1"], cwd=elsewhere,
                           env=env, capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    assert "no reports.toml" in plain.stderr and "01_alpha, 02_beta" in plain.stderr
    assert (elsewhere / "reports" / "01_alpha.html").is_file()
    assert not (target / "reports").exists() and not (target / "data").exists()


def test_every_console_script_names_a_function_that_exists():
    """pyproject's [project.scripts] entries resolve (``videorace`` once pointed at a module the
    layout had moved, and the installed command failed on import)."""
    import importlib
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts
    for name, target in scripts.items():
        module, _, attr = target.partition(":")
        assert callable(getattr(importlib.import_module(module), attr)), f"{name} = {target}"
