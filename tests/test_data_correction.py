"""A data correction followed by the documented steps (docs/data.md: validate, refresh, test) comes
out green: no unit test holds a live figure from data/, only nbval's baselines do, and refresh
rewrites those. Run on a copy of the project, with a correction to a round's amount."""

import os
import shutil
import subprocess
import sys

from videorace.pipeline import config

#: What the copy needs to validate, refresh and test: never reports/, .venv/ or .git/.
COPIED = ("videorace", "notebooks", "data", "tests", "pyproject.toml", "Makefile", "reports.toml",
          "requirements.txt")


def test_a_correction_then_the_documented_steps_is_green(tmp_path):
    project = tmp_path / "project"
    for name in COPIED:
        source = config.PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, project / name,
                            ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        else:
            shutil.copy(source, project / name)
    rounds = project / "data" / "funding_rounds.csv"
    text = rounds.read_text(encoding="utf-8")
    assert ",900000000,CNY,several hundred million," in text
    rounds.write_text(text.replace(",900000000,CNY,several hundred million,",
                                   ",800000000,CNY,several hundred million,"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(project)}  # the copy's package, not the checkout's
    env.pop(config.DATA_DIR_ENV, None)

    def step(*args):
        done = subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"{args}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done

    assert step("-c", "import videorace; print(videorace.__file__)").stdout.startswith(str(project))
    step("-m", "videorace", "validate")
    # make refresh re-executes every notebook; funding_rounds is read by 01_funding alone
    # (reports.toml), so refreshing it is what this correction needs
    step("-m", "videorace", "refresh", "01_funding")
    step("-m", "pytest", "-q", "-n0", "notebooks/01_funding.ipynb", "tests/test_funding.py",
         "tests/test_funding_overrides.py")
