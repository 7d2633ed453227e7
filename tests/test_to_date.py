"""The race to today: windows that end at 'latest', nothing after a window's end in a 2024
report, and reports.toml sets whose executed copies are nbval baselines."""

import pandas as pd
import pytest

from videorace import data
from videorace.analysis import catchup, timeline
from videorace.pipeline.manifest import BuildError, load_manifest

T = pd.Timestamp


def test_up_to_keeps_models_that_came_by_the_windows_end():
    lags = pd.DataFrame({"model_id": ["a", "b", "c", "d"],
                         "shown_on": [T("2024-03-01"), T("2025-02-01"), pd.NaT, T("2023-11-01")],
                         "usable_on": [T("2024-06-01"), T("2025-03-01"), T("2024-12-31"), pd.NaT]})
    assert list(timeline.up_to(lags, "2024-12-31").model_id) == ["a", "c", "d"]


def test_catch_up_compares_nothing_dated_after_the_window():
    ds = data.load()
    end = T("2024-12-31")
    items = catchup.race(catchup.Run.of(ds, ["available", "clip_s", "height_px"], "western", "usable", end)).items
    assert items.start.max() <= end
    later = catchup.race(catchup.Run.of(ds, ["height_px"], "western", "usable", catchup.latest(ds))).items
    assert later.start.max() > end  # the data does reach past 2024, so the filter above did work


def test_latest_is_the_last_dated_fact_the_catch_up_reads():
    ds = data.load()
    assert catchup.latest(ds) == max(ds.model_events.happened_on.max(), ds.capabilities.as_of.max(),
                                     ds.arena_ratings.snapshot_on.max())


def _manifest(tmp_path, extra):
    path = tmp_path / "reports.toml"
    path.write_text('[[report]]\nnotebook = "06_catch_up"\nset = "x"\ntitle = "X"\n' + extra)
    return load_manifest(path, ["06_catch_up"])


def test_baseline_flag_is_read_and_checked(tmp_path):
    assert _manifest(tmp_path, "baseline = true\n")[0].baseline is True
    assert [r.baseline for r in _manifest(tmp_path, "")] == [False]
    with pytest.raises(BuildError, match="report #1: baseline: expected true or false, found 'yes'"):
        _manifest(tmp_path, 'baseline = "yes"\n')


def test_every_baseline_set_has_its_executed_copy():
    from videorace.pipeline import config
    from videorace.pipeline.notebooks import SETS_DIR, notebook_names

    sets = [r for r in load_manifest(config.MANIFEST, notebook_names(), config.NOTEBOOKS_DIR) if r.baseline]
    assert {r.key for r in sets} == {p.stem for p in SETS_DIR.glob("*.ipynb")}
    assert any(r.parameters.get("window_end") == "latest" for r in sets)
