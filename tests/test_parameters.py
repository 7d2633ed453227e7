"""Every notebook parameter: overridden to a valid value the notebook runs, and a bad value stops
it at the validation cell with an error naming that parameter."""

import nbformat
import pytest

from videorace.pipeline import config
from videorace.pipeline.notebooks import defaults, notebook_names
from videorace.analysis.params import ParameterError

from tests.overrides import OVERRIDES, THROUGH_THE_BUILD  # noqa: E402


def test_overrides_cover_every_parameter():
    for name in notebook_names():
        assert set(OVERRIDES[name]) == set(defaults(name)), name
        assert all(OVERRIDES[name][k] != v for k, v in defaults(name).items()), name


def validation_cells(name: str) -> str:
    """The notebook's parameters cell and the validation cell after it, as source."""
    nb = nbformat.read(config.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    return nb.cells[at].source, nb.cells[at + 1].source


CASES = [(name, param) for name in sorted(OVERRIDES) for param in sorted(OVERRIDES[name])]


@pytest.mark.parametrize("name,param", CASES)
def test_a_wrong_value_for_any_parameter_is_refused_by_name(name, param):
    params_src, check_src = validation_cells(name)
    namespace = {}
    exec(params_src, namespace)
    namespace[param] = object()  # of no type any parameter accepts
    with pytest.raises(ParameterError) as err:
        exec(check_src, namespace)
    assert err.value.name == param
    assert str(err.value).startswith(f"parameter {param}: expected ")


# What each overridden run must report, worked out by hand:
EXPECTED = {
    # Shengshu's round read as 300 to 500 million yuan at 7.2: 300 / 7.2 = 41.7, 500 / 7.2 = 69.4
    "01_funding": {"Shengshu round at the chosen rate": "USD 42-69 m",
                   # AIsphere 2024-03-11 and Shengshu 2024-03-12 against Vidu's 2024-04-27
                   "rounds dated to the day": "46 to 47 days before Vidu's unveiling",
                   # 2024-03-08 to 03-31 holds AIsphere (03-11), Shengshu (03-12) and the MiniMax and
                   # Moonshot rounds dated within 29 days before 03-11 (from 02-11, so they overlap)
                   # and Black Forest Labs' seed, dated only to 2024, so it may fall in the window
                   "closed rounds in the window": "5"},
    # Vidu unveiled 2024-04-27; Kling's beta on 2024-06-06 is the first event after it: 40 days
    "02_release_timeline": {"first new model shown after it": "Kling (40 days)",
                            "first new model usable after it": "Kling (40 days)"},
    # demonstrated or usable clips only (Kling's 120 s is a claim, no clip): Sora's 60 s demo at
    # 1920 x 1080 vs Kling's public 5 s at 720p (960 wide at 4:3), both at 30 fps:
    # 2,073,600 x 1,800 / (691,200 x 150) = 3,732,480,000 / 103,680,000 = 36
    "03_clip_length_resolution": {"pixel ratio, largest to smallest demonstrated or usable clip": "x36"},
    # Mochi geometry at 720p: CITIC's 60 frames -> (60 - 1) / 6 -> 10 + 1 = 11 latent frames x
    # 45 x 80 = 39,600 tokens; the full count's factor is checked in tests/test_tokens_notebook.py
    "04_token_cost": {"CITIC patches and tokens": "60,000 and 1,200,000"},
    # Demonstrated basis: Kling's 120 s is a claim with no clip, so China's best single clip by
    # October is Vidu's 16 s demo; Sora's 60 s demo (2024-02-15) is unmatched at the window's end:
    # Feb 15 -> Feb 29 = 14, + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 (March to October) = 259 days
    "06_catch_up": {"longest single clip (s) (demonstrated)": (
        "China 16 s, Comparators 60 s (the named models ahead); the comparators' best not matched "
        "by the end: at least 259 days behind")},
    # see tests/test_notebook_edges.py::test_market_notebook_overridden_results
    # Makers' own 1080p prices, API and subscription: China PixVerse's web plan USD 0.064 to its
    # API 0.24; the West Veo 3.1 Lite 0.08 to Veo 3.1 Fast 0.12 (prices.csv, resellers left out)
    "07_prices": {"maker list prices at 1080p, USD per second": "China 0.064 to 0.240; the West 0.080 to 0.120"},
    "05_market_and_predictions": {"overall verdicts on the predictions":
                                  "1 held, 1 not held, 1 open, 2 not testable"},
}


def test_overridden_parameters_in_process(monkeypatch):
    """Each notebook with all its parameters overridden reports the key figures worked out above."""
    from tests.notebook_run import run

    for name, params in OVERRIDES.items():
        assert EXPECTED[name].items() <= run(name, monkeypatch, **params).key_figures().items(), name


def test_overridden_parameters_through_the_build(full_out, monkeypatch):
    """Through the build (papermill, parallel), notebooks with all their parameters overridden
    publish the same key figures as an in-process run with those values, so the build passes
    every type of parameter through unchanged. They are built with the session's full build
    (conftest.full_out, set "overridden"). Every architecture of the token-cost notebook runs
    in-process in tests/test_tokens_notebook.py."""
    import json

    from tests.notebook_run import run

    state = json.loads((full_out / ".build-state.json").read_text())
    for name in THROUGH_THE_BUILD:
        published = dict(state[f"{name}__overridden"]["key_figures"])
        assert published == run(name, monkeypatch, **OVERRIDES[name]).key_figures(), name


def test_papermill_lists_every_parameter_with_its_help_text():
    """``papermill --help-notebook`` reads the parameters cell; a comment it cannot parse drops the
    parameter from the listing (over_factor's '(1 = exactly X)' did)."""
    from papermill.inspection import inspect_notebook

    for name in notebook_names():
        listed = inspect_notebook(str(config.NOTEBOOKS_DIR / f"{name}.ipynb"))
        assert set(listed) == set(defaults(name)), name
        assert all(p["help"].strip() for p in listed.values()), name
