"""Open weights as a race, on hand-made frames: releases per side and quarter, the share since a
date, and each side's best open-weights model on the arena boards within the ranks recorded."""

import pandas as pd

from videorace.analysis.catchup import open_weights
from videorace.data.loading import Dataset

T = pd.Timestamp


def _ds():
    ds = Dataset()
    ds["organizations"] = pd.DataFrame({"org_id": ["cn_lab", "us_lab", "jp_lab"],
                                        "country": ["CN", "US", "JP"]})
    ds["models"] = pd.DataFrame({
        "model_id": ["a", "b", "c", "d", "e", "shut"],
        "name": ["A", "B", "C", "D", "E", "Shut"],
        "org_id": ["cn_lab", "cn_lab", "us_lab", "cn_lab", "jp_lab", "cn_lab"],
        "kind": ["text_to_video", "image_to_video", "text_to_video", "llm", "text_to_video", "text_to_video"],
        "openness": ["open_weights", "api;open_weights", "open_weights", "open_weights", "open_weights",
                     "closed_app"]})
    ds["model_events"] = pd.DataFrame({
        "model_id": ["a", "a", "a", "b", "c", "d", "e"],
        "event": ["launched", "open_weights", "open_weights", "open_weights", "open_weights",
                  "open_weights", "open_weights"],
        "happened_on": ["2024-10-01", "2024-11-20", "2024-11-05", "2025-02-10", "2025-08-01",
                        "2025-01-05", "2025-03-01"],
        "precision": ["day", "day", "day", "day", "month", "day", "day"]})
    return ds


def test_a_release_is_a_video_models_first_open_weights_event_on_either_side():
    rel = open_weights.releases(_ds())
    # a's two sources count once, at the earlier day; d is no video model; e's maker is on neither side
    assert rel[["model_id", "side", "quarter"]].values.tolist() == [
        ["a", "China", "2024 Q4"], ["b", "China", "2025 Q1"], ["c", "the West", "2025 Q3"]]
    assert rel.released_on.iloc[0] == T("2024-11-05")


def test_counts_per_quarter_include_empty_quarters_and_the_share_is_computed():
    rel = open_weights.releases(_ds())
    counts = open_weights.by_quarter(rel)
    assert counts.values.tolist() == [["2024 Q4", 1, 0], ["2025 Q1", 1, 0], ["2025 Q2", 0, 0],
                                      ["2025 Q3", 0, 1]]
    assert open_weights.share_text(rel, "2025-01-01") == (
        "From 2025-01-01, 1 of the 2 open-weights text- and image-to-video releases in the data "
        "are Chinese (1 Western).")
    assert open_weights.share_text(rel, "2026-01-01") == (
        "From 2026-01-01, no open-weights video model in the data was released.")
    # bounded by the window's end: c (2025-08-01) falls after it
    assert open_weights.share_text(rel, "2025-01-01", "2025-06-30").startswith(
        "From 2025-01-01 to 2025-06-30, 1 of the 1 open-weights")
    alt = open_weights.plot_alt(counts, rel, "2025-01-01")
    assert "2 Chinese and 1 Western in all" in alt and "the most in 2024 Q4 (1 Chinese, 0 Western)" in alt


def _entries():
    cols = ["leaderboard", "track", "snapshot_on", "source_id", "model_id", "model_name", "country",
            "rating", "rank", "counts"]
    rows = [  # s1: ranks 1-4 recorded, 6 below a gap; s2: a rank fact, rank 3 below a gap
        ["lmarena", "text_to_video", T("2026-01-10"), "s1", "shut", "Shut", "CN", 1600, 1, True],
        ["lmarena", "text_to_video", T("2026-01-10"), "s1", "b", "B", "CN", 1520, 2, False],
        ["lmarena", "text_to_video", T("2026-01-10"), "s1", "a", "A", "CN", 1500, 3, True],
        ["lmarena", "text_to_video", T("2026-01-10"), "s1", "c", "C", "US", 1450, 4, True],
        ["lmarena", "text_to_video", T("2026-01-10"), "s1", "e", "E", "US", 1460, 6, True],
        ["lmarena", "text_to_video", T("2026-02-01"), "s2", "a", "A", "CN", None, 1, True],
        ["lmarena", "text_to_video", T("2026-02-01"), "s2", "c", "C", "US", None, 3, True]]
    frame = pd.DataFrame(rows, columns=cols)
    return frame.assign(rank=frame["rank"].astype("Int64"))


def test_best_open_model_per_side_counts_only_open_usable_entries_within_the_recorded_ranks():
    best = open_weights.best_on_boards(_entries(), _ds().models)
    # s1: Shut is closed, B not yet usable: China's best open is A; E at rank 6 lies below the gap
    assert best[["snapshot_on", "side", "model_name"]].values.tolist() == [
        [T("2026-01-10"), "China", "A"], [T("2026-01-10"), "the West", "C"], [T("2026-02-01"), "China", "A"]]
    table = open_weights.board_table(best)
    assert table[["China", "the West"]].values.tolist() == [
        ["A (rank 3, rating 1500)", "C (rank 4, rating 1450)"], ["A (rank 1)", ""]]


def test_the_share_counts_from_2025_only_in_a_window_reaching_it():
    assert open_weights.share_start("2024-01-01", "2024-12-31") == T("2024-01-01")
    assert open_weights.share_start("2024-01-01", "2025-01-01") == T("2025-01-01")
