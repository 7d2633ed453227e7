"""Parameter values the tests share: a valid, non-default value for every parameter of every
notebook (tests/test_parameters.py), and the notebooks the session's full build also builds with
them (tests/conftest.py)."""

# A valid, non-default value for every parameter of every notebook.
OVERRIDES = {
    "01_funding": {"cny_per_usd": 7.2, "several_low_cny": 300_000_000,
                   "several_high_cny": 500_000_000, "over_factor": 2.0,
                   "reference_event": "vidu:unveiled", "window_start": "2024-03-08",
                   "window_end": "2024-03-31", "largest_rounds": 3},
    "02_release_timeline": {"reference_event": "vidu:unveiled", "window_start": "2024-02-01",
                            "window_end": "2024-09-30",
                            "organizations": ["openai", "shengshu", "kuaishou", "zhipu"],
                            "countries": ["CN", "US"], "openness": ["closed_app", "api"]},
    "03_clip_length_resolution": {"fps": 30, "aspect_ratio": "4:3",
                                  "models": ["kling", "sora", "vidu"],
                                  "availability": ["demo", "claimed", "public"],
                                  "countries": ["CN", "US"], "openness": ["closed_app"],
                                  "window_end": "2025-06-30"},
    "04_token_cost": {"architecture": "mochi_1", "fps": 30, "height_px": 720, "steps": 50,
                      "guidance_passes": 1, "attempts_per_kept_clip": 3.0, "params_b": 20.0,
                      "gpu": "a100", "utilisation": 0.3, "usd_per_gpu_hour": 1.8, "chunk_s": 10.0},
    "06_catch_up": {"dimensions": ["clip_s", "height_px"], "comparator": "western",
                    "comparator_models": ["sora", "runway_gen3_alpha"], "basis": "demonstrated",
                    "score_class": "VBench, total, by the benchmark's own team",
                    "window_start": "2024-03-01", "window_end": "2024-10-31"},
    "05_market_and_predictions": {"cutoff_date": "2024-09-30", "lag_threshold_days": 90,
                                  "verification": ["disputed", "unverified"],
                                  "show_unit_slip": False},
    "07_prices": {"height_px": 1080, "channels": ["api", "subscription"], "list_kinds": ["maker"],
                  "architecture": "hunyuanvideo", "clip_s": 4.0, "steps": 30, "gpu": "a100",
                  "utilisation_low": 0.2, "utilisation_high": 0.6, "usd_per_gpu_hour_low": 1.5,
                  "usd_per_gpu_hour_high": 4.0},
}


#: Built through papermill: between them every type a parameter has (str, int, float, bool, list).
THROUGH_THE_BUILD = ("04_token_cost", "05_market_and_predictions")


def manifest_entries() -> str:
    """reports.toml entries for the overridden sets of ``THROUGH_THE_BUILD``."""
    import json

    lines = []
    for name in THROUGH_THE_BUILD:
        values = ", ".join(f"{k} = {json.dumps(v)}" for k, v in OVERRIDES[name].items())
        lines.append(f'[[report]]\nnotebook = "{name}"\nset = "overridden"\n'
                     f'title = "{name}, every parameter overridden"\nparameters = {{ {values} }}\n')
    return "\n".join(lines)
