"""``python -m videorace run``: papermill's command line, with a user's mistake in one line."""

from tests.conftest import run_here
from tests.test_build import STUBS
from videorace.pipeline import config


def test_a_misspelt_parameter_is_one_line_naming_the_closest_before_any_kernel(tmp_path):
    result = run_here("run", config.NOTEBOOKS_DIR / "03_clip_length_resolution.ipynb",
                      tmp_path / "out.ipynb", "-p", "fsp", "30")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "run: 03_clip_length_resolution.ipynb has no parameter 'fsp'; did you mean 'fps'? (its "
        "parameters: fps, aspect_ratio, models, availability, countries, window_end, openness)"]
    assert not (tmp_path / "out.ipynb").exists()


def test_a_notebook_that_stops_is_its_cell_and_error_without_papermills_traceback(tmp_path):
    result = run_here("run", STUBS / "notebooks" / "01_alpha.ipynb", tmp_path / "out.ipynb",
                      "-p", "fail", "True", "--no-progress-bar", "--log-level", "ERROR")
    assert result.returncode == 1
    said = [ln for ln in result.stderr.splitlines() if ln.startswith("run:")]
    assert said == [f"run: {STUBS / 'notebooks' / '01_alpha.ipynb'} stopped in cell 3: ValueError: "
                    "stub failure on purpose"], result.stderr
    assert "Traceback" not in result.stderr and "PapermillExecutionError" not in result.stderr


def test_the_build_help_says_where_each_default_is_for_a_checkout_and_an_installed_copy():
    from videorace.pipeline.cli import parser

    build = parser()._subparsers._group_actions[0].choices["build"]
    helps = {a.dest: a.help for a in build._actions}
    for dest, name in (("notebooks", "notebooks/"), ("data", "data/"), ("manifest", "reports.toml")):
        assert f"{name} of the checkout around the package; an installed copy: of the current " \
               "directory" in helps[dest], helps[dest]
