"""Every notebook parameter: overridden to a valid value the notebook runs, and a bad value stops
it at the validation cell with an error naming that parameter."""

import nbformat
import pytest

from tests.conftest import run_cli
from videorace.pipeline import config
from videorace.pipeline.notebooks import defaults, notebook_names
from videorace.analysis.params import ParameterError

# A valid, non-default value for every parameter of every notebook.
OVERRIDES = {
    "01_funding": {"cny_per_usd": 7.2, "several_low_cny": 300_000_000,
                   "several_high_cny": 500_000_000, "over_factor": 2.0,
                   "reference_event": "vidu:unveiled"},
    "02_release_timeline": {"reference_event": "vidu:unveiled", "window_start": "2024-02-01",
                            "window_end": "2024-09-30",
                            "organizations": ["openai", "shengshu", "kuaishou", "zhipu"],
                            "countries": ["CN", "US"], "openness": ["closed_app", "api"]},
    "03_clip_length_resolution": {"fps": 30, "aspect_ratio": "4:3",
                                  "models": ["kling", "sora", "vidu"],
                                  "availability": ["demo", "claimed", "public"],
                                  "countries": ["CN", "US"], "openness": ["closed_app"]},
    "04_token_cost": {"architecture": "mochi_1", "fps": 30, "height_px": 720, "steps": 50,
                      "guidance_passes": 1, "attempts_per_kept_clip": 3.0, "params_b": 20.0,
                      "gpu": "a100", "utilisation": 0.3, "usd_per_gpu_hour": 1.8, "chunk_s": 10.0},
    "06_catch_up": {"dimensions": ["clip_s", "height_px"], "comparator": "western",
                    "comparator_models": ["sora", "runway_gen3_alpha"], "availability": "demo",
                    "window_start": "2024-03-01", "window_end": "2024-10-31"},
    "05_market_and_predictions": {"cutoff_date": "2024-09-30", "lag_threshold_days": 90,
                                  "verification": ["disputed", "unverified"],
                                  "show_unit_slip": False},
}


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
    "01_funding": {"Shengshu round (chosen reading)": "USD 42-69 m",
                   # AIsphere 2024-03-11 and Shengshu 2024-03-12 against Vidu's 2024-04-27
                   "rounds dated to the day": "46 to 47 days before Vidu's unveiling"},
    # Vidu unveiled 2024-04-27; Kling's beta on 2024-06-06 is the first event after it: 40 days
    "02_release_timeline": {"first shown after it": "Kling, 40 days",
                            "first usable after it": "Kling, 40 days"},
    # Kling 120 s at its stated 30 fps vs Vidu's public 8 s at 30 fps, same frame: 3,600 / 240
    "03_clip_length_resolution": {"pixel ratio, largest to smallest clip": "x15"},
    # Mochi geometry, 180 s at 30 fps: (5,400 - 1) / 6 -> 900 + 1 = 901 latent frames x
    # (720 / 16 = 45) x (1,280 / 16 = 80) = 3,243,600 tokens
    "04_token_cost": {"Kling 180 s, one sequence (mochi_1)": "3,243,600 tokens, $7,137"},
    # Sora's 60 s demo (2024-02-15) first matched by Kling's 120 s claim (2024-06-06):
    # Feb 15 -> Feb 29 = 14, + March 31 + April 30 + May 31 + 6 = 112 days
    "06_catch_up": {"longest clip (s)": "China 180 s, Comparators 60 s (China ahead); on the "
                                        "comparators' best, China matched it 112 days later"},
    # see tests/test_notebook_edges.py::test_market_notebook_overridden_results
    "05_market_and_predictions": {"verdicts on measurable dimensions":
                                  "2 held, 2 open, 2 already true when stated, 4 not testable"},
}


#: Built through papermill: between them every type a parameter has (str, int, float, bool, list).
THROUGH_THE_BUILD = ("04_token_cost", "05_market_and_predictions")


def test_overridden_parameters_in_process(monkeypatch):
    """Each notebook with all its parameters overridden reports the key figures worked out above."""
    from tests.notebook_run import run

    for name, params in OVERRIDES.items():
        assert EXPECTED[name].items() <= run(name, monkeypatch, **params).key_figures().items(), name


def test_overridden_parameters_through_the_build(tmp_path, monkeypatch):
    """Through the build (papermill, parallel), notebooks with all their parameters overridden
    publish the same key figures as an in-process run with those values, so the build passes
    every type of parameter through unchanged. Every architecture of the token-cost notebook runs
    in-process in tests/test_tokens_notebook.py."""
    import json

    from tests.notebook_run import run

    lines = []
    for name, params in ((n, OVERRIDES[n]) for n in THROUGH_THE_BUILD):
        values = ", ".join(f"{k} = {json.dumps(v)}" for k, v in params.items())
        lines.append(f'[[report]]\nnotebook = "{name}"\nset = "overridden"\ntitle = "t"\n'
                     f"parameters = {{ {values} }}\n")
    manifest = tmp_path / "all.toml"
    manifest.write_text("\n".join(lines))
    out = tmp_path / "out"
    result = run_cli("build", "--manifest", manifest, "--out", out)
    assert result.returncode == 0, result.stderr
    state = json.loads((out / ".build-state.json").read_text())
    for name in THROUGH_THE_BUILD:
        published = dict(state[f"{name}__overridden"]["key_figures"])
        assert published == run(name, monkeypatch, **OVERRIDES[name]).key_figures(), name


def test_a_misspelt_parameter_through_papermill_stops_in_the_validation_cell(tmp_path):
    """``papermill ... -p fsp 30`` only warns; the notebook's own check stops it in the cell after
    the injected one, naming the closest declared parameter, before any work is done."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(config.NOTEBOOKS_DIR / "03_clip_length_resolution.ipynb"),
         str(tmp_path / "out.ipynb"), "-p", "fsp", "30", "-k", config.KERNEL_NAME],
        capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "parameter fsp: this notebook declares no such parameter. Did you mean 'fps'?" in result.stderr
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    ran = [c for c in executed.cells if c.cell_type == "code" and c.get("execution_count")]
    assert len(ran) == 3  # parameters, papermill's injected cell, the validation cell that stopped


def test_declared_only_reads_the_cell_run_before():
    from videorace.analysis.params import UndeclaredParameter, declared_only

    declared = {"fps": int, "aspect_ratio": str}
    declared_only({"__annotations__": declared, "In": ["", "fps = 30\naspect_ratio = '4:3'", "now"]})
    declared_only({"__annotations__": declared, "In": ["", "fps: int = 24", "now"]})  # the parameters cell
    declared_only({"__annotations__": declared})  # no history (a plain exec): nothing to check
    with pytest.raises(UndeclaredParameter, match="parameter fsp: .* Did you mean 'fps'"):
        declared_only({"__annotations__": declared, "In": ["", "fps = 30\nfsp = 30", "now"]})
    with pytest.raises(UndeclaredParameter, match=r"no such parameter\. It declares fps, aspect_ratio"):
        declared_only({"__annotations__": declared, "In": ["", "zzz = 1", "now"]})
