"""Arena ratings over time, on small hand-made boards: a row per board, rated snapshot and side,
each side's best within the ranks recorded, Sora's own line, intervals and first place."""

import pandas as pd

from videorace.analysis.catchup import arena, arena_lines
from tests.test_arena import BOARD, T, _ds, _row


def _lines(ds, comparator, other, basis="usable"):
    return arena_lines.lines(arena.entries(ds, comparator, "2026-01-01", "2026-12-31", basis), other)


def test_a_line_per_side_through_rated_snapshots_with_intervals_and_first_place():
    lines = _lines(_ds(BOARD), "western", "Western")
    # 01-10: China's best Panda 1480 (1475-1485), the West's Yank 1500 first, Sora Two 1400 for
    # Sora's own line; 02-01 is a rank fact (no row); 03-01: Panda 1520 first, and Yank at rank 5
    # lies below the gap after rank 2: no Western point, and no Sora entry
    got = lines[["snapshot_on", "side", "model_name", "rating", "first"]].values.tolist()
    assert got == [[T("2026-01-10"), "China", "Panda", 1480.0, False],
                   [T("2026-01-10"), "Sora", "Sora Two", 1400.0, False],
                   [T("2026-01-10"), "Western", "Yank", 1500.0, True],
                   [T("2026-03-01"), "China", "Panda", 1520.0, True]]
    assert (lines.ci_low.iloc[0], lines.ci_high.iloc[0]) == (1475.0, 1485.0)
    assert lines.ci_low.iloc[1] != lines.ci_low.iloc[1]  # Sora Two: no interval published (NaN)


def test_against_sora_there_is_no_second_sora_line_and_other_western_models_have_none():
    lines = _lines(_ds(BOARD), "sora", "Sora")
    assert lines[lines.snapshot_on == T("2026-01-10")].side.tolist() == ["China", "Sora"]
    assert "Yank" not in set(lines.model_name)


def test_an_entry_not_yet_usable_is_no_sides_best_on_the_usable_basis_only():
    ds = _ds([_row(1, "2026-04-16", "Horse", "cn_lab", 1510, 1, model="sora_2"),
              _row(2, "2026-04-16", "Panda", "cn_lab", 1500, 2),
              _row(3, "2026-04-16", "Yank", "us_lab", 1400, 3)])
    ds["model_events"] = pd.DataFrame({"event_id": ["e"], "model_id": ["sora_2"], "event": ["beta"],
                                       "happened_on": [T("2026-04-27")], "precision": ["day"],
                                       "source_id": ["s"], "confidence": ["high"]})
    ds["models"] = ds["models"].assign(name=["Sora", "Sora 2", "Veo"], org_id=["openai", "cn_lab", "us_lab"],
                                       kind="text_to_video")
    usable = _lines(ds, "western", "Western")
    china = usable[usable.side == "China"].iloc[0]
    assert (china.model_name, china.rating, china.first) == ("Panda", 1500.0, True)
    shown = _lines(ds, "western", "Western", "demonstrated")
    assert shown[shown.side == "China"].model_name.tolist() == ["Horse"]


def test_latest_and_alt_state_each_sides_last_rating_per_board():
    lines = _lines(_ds(BOARD), "western", "Western")
    last = arena_lines.latest(lines)
    assert last[["side", "rating"]].values.tolist() == [["China", 1520.0], ["Western", 1500.0],
                                                        ["Sora", 1400.0]]
    text = arena_lines.alt(lines)
    assert "China's best Panda 1520 at first place on 2026-03-01" in text
    assert "the West's best Yank 1500 (1490 to 1510) at first place on 2026-01-10" in text
