"""Every notebook parameter: overridden to a valid value the notebook runs, and a bad value stops
it at the validation cell with an error naming that parameter."""

import nbformat
import pytest

from tests.conftest import run_cli
from videorace import config, data
from videorace.notebooks import defaults, notebook_names
from videorace.params import ParameterError

# A valid, non-default value for every parameter of every notebook.
OVERRIDES = {
    "01_funding": {"cny_per_usd": 7.2, "several_low_cny": 300_000_000,
                   "several_high_cny": 500_000_000, "over_factor": 2.0,
                   "reference_event": "vidu:unveiled"},
    "02_release_timeline": {"reference_event": "vidu:unveiled", "window_start": "2024-02-01",
                            "window_end": "2024-09-30",
                            "organizations": ["openai", "shengshu", "kuaishou", "zhipu"]},
    "03_clip_length_resolution": {"fps": 30, "aspect_ratio": "4:3",
                                  "models": ["kling", "sora", "vidu"],
                                  "availability": ["demo", "claimed", "public"]},
    "04_token_cost": {"architecture": "mochi_1", "fps": 30, "height_px": 720, "steps": 50,
                      "guidance_passes": 1, "attempts_per_kept_clip": 3.0, "params_b": 20.0,
                      "gpu": "a100", "utilisation": 0.3, "usd_per_gpu_hour": 1.8, "chunk_s": 10.0},
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


def test_every_notebook_with_every_parameter_overridden_and_every_architecture(tmp_path):
    """Run through the build (papermill, parallel): each notebook with all its parameters
    overridden, and the token-cost notebook at every architecture in architectures.csv."""
    lines = []

    def entry(notebook, set_name, parameters):
        values = ", ".join(f"{k} = {v!r}".replace("'", '"').replace("False", "false")
                           .replace("True", "true") for k, v in parameters.items())
        lines.append(f'[[report]]\nnotebook = "{notebook}"\nset = "{set_name}"\ntitle = "t"\n'
                     f"parameters = {{ {values} }}\n")

    for name, params in OVERRIDES.items():
        entry(name, "overridden", params)
    architectures = ["citic", *data.load().architectures.arch_id]
    for arch in architectures:
        entry("04_token_cost", f"arch-{arch}", {"architecture": arch})
    manifest = tmp_path / "all.toml"
    manifest.write_text("\n".join(lines))
    out = tmp_path / "out"
    result = run_cli("build", "--manifest", manifest, "--out", out)
    assert result.returncode == 0, result.stderr
    built = {p.stem for p in out.glob("*.html")}
    assert {f"{n}__overridden" for n in OVERRIDES} <= built
    assert {f"04_token_cost__arch-{a}" for a in architectures} <= built
