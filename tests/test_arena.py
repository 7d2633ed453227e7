"""The arena dimension on small hand-made boards: first place, each side's best within the ranks
recorded, the lead in points, and the spells at first place with their days as ranges."""

import pandas as pd
import pytest

from videorace.analysis.catchup import arena, arena_text
from videorace.data.loading import Dataset

T = pd.Timestamp


def _ds(rows):
    ds = Dataset()
    ds["organizations"] = pd.DataFrame({"org_id": ["cn_lab", "us_lab", "openai", "nowhere"],
                                        "name": ["CN Lab", "US Lab", "OpenAI", "Nowhere"],
                                        "country": ["CN", "US", "US", None]})
    ds["models"] = pd.DataFrame({"model_id": ["sora", "sora_2", "veo"],
                                 "parent_model_id": [None, "sora", None]})
    cols = ["rating_id", "leaderboard", "track", "snapshot_on", "snapshot_precision", "model_name",
            "model_id", "org_id", "rating", "ci_low", "ci_high", "rank", "source_id",
            "also_source_ids"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["snapshot_on"] = pd.to_datetime(frame.snapshot_on)
    frame["rank"] = frame["rank"].astype("Int64")
    ds["arena_ratings"] = frame
    return ds


def _row(i, day, name, org, rating=None, rank=None, source="s1", model=None, ci=None,
         precision="day", track="text_to_video"):
    low, high = ci if ci else (None, None)
    return [f"r{i}", "lmarena", track, day, precision, name, model, org, rating, low, high, rank,
            source, None]


BOARD = [  # 2026-01-10: a full top 3; 2026-02-01: a rank fact; 2026-03-01: a top 2 of China only
    _row(1, "2026-01-10", "Yank", "us_lab", 1500, 1, ci=(1490, 1510)),
    _row(2, "2026-01-10", "Panda", "cn_lab", 1480, 2, ci=(1475, 1485)),
    _row(3, "2026-01-10", "Sora Two", "openai", 1400, 3, model="sora_2"),
    _row(4, "2026-02-01", "Panda", "cn_lab", None, 1, source="s2"),
    _row(5, "2026-03-01", "Panda", "cn_lab", 1520, 1, source="s3"),
    _row(6, "2026-03-01", "Dragon", "cn_lab", 1510, 2, source="s3"),
    _row(7, "2026-03-01", "Yank", "us_lab", 1450, 5, source="s3"),  # rank 3, 4 missing: not in top 2
]


def test_first_place_best_per_side_and_lead_within_one_snapshot():
    snaps = arena.snapshots(arena.entries(_ds(BOARD), "western", "2026-01-01", "2026-12-31"), "Western")
    assert list(snaps.holder) == ["Yank", "Panda", "Panda"]
    assert list(snaps.holder_side) == ["Western", "China", "China"]
    first = snaps.iloc[0]
    assert (first.top_n, first.china_rating, first.other_rating, first.lead) == (3, 1480, 1500, -20)
    assert first.level == "apart"  # 1475-1485 against 1490-1510: the intervals do not overlap
    # a rank fact has no ratings: no lead, never a lead of 0
    assert pd.isna(snaps.iloc[1].lead) and snaps.iloc[1].top_n == 1
    assert snaps.iloc[1].china_model == "Panda" and pd.isna(snaps.iloc[1].china_rating)
    # ranks 1-2 recorded, the Western entry at 5 lies below a gap: the West has no best here
    third = snaps.iloc[2]
    assert third.top_n == 2 and third.other_model == "" and pd.isna(third.lead)


def test_sora_comparator_counts_only_its_family_and_marks_other_western_models():
    snaps = arena.snapshots(arena.entries(_ds(BOARD), "sora", "2026-01-01", "2026-12-31"), "Sora")
    first = snaps.iloc[0]
    assert first.holder_side == arena.OTHER_WEST
    assert (first.other_model, first.lead) == ("Sora Two", 80)  # 1480 - 1400: Sora 2 is in Sora's family


def test_unknown_country_is_on_neither_side():
    rows = [_row(1, "2026-01-10", "Ghost", "nowhere", 1600, 1), _row(2, "2026-01-10", "Panda", "cn_lab", 1500, 2)]
    snaps = arena.snapshots(arena.entries(_ds(rows), "western", "2026-01-01", "2026-12-31"), "Western")
    assert snaps.holder_side.iloc[0] == arena.NEITHER
    assert snaps.china_rating.iloc[0] == 1500 and snaps.other_model.iloc[0] == ""


def test_spells_at_first_place_give_what_the_snapshots_span_and_an_upper_bound():
    snaps = arena.snapshots(arena.entries(_ds(BOARD), "western", "2026-01-01", "2026-12-31"), "Western")
    runs = arena.runs(snaps, "2026-03-31")
    assert list(runs.side) == ["Western", "China"]
    west, china = runs.iloc[0], runs.iloc[1]
    # the West: seen first on Jan 10 only; the board's first spell has no bound before it
    assert (west.days_seen, west.current) == (0, False) and pd.isna(west.days_high)
    # China: its snapshots span Feb 1 to Mar 1 (28 days); at most from Jan 11 to Mar 31
    assert (china.days_seen, china.days_high, china.current) == (28, (T("2026-03-31") - T("2026-01-11")).days, True)
    assert china.holders == "Panda"
    assert arena_text.since_text(china) == "since between 2026-01-11 and 2026-02-01"
    assert arena_text.since_text(west) == "by 2026-01-10"


def test_month_precision_snapshot_counts_from_its_last_day():
    rows = [_row(1, "2026-04-10", "Yank", "us_lab", 1500, 1),
            _row(2, "2026-05-01", "Panda", "cn_lab", 1500, 1, precision="month", source="s2"),
            _row(3, "2026-06-10", "Panda", "cn_lab", 1500, 1, source="s3")]
    snaps = arena.snapshots(arena.entries(_ds(rows), "western", "2026-01-01", "2026-12-31"), "Western")
    run = arena.runs(snaps, "2026-06-30").iloc[1]
    # May's snapshot: it showed the holder on some day of May, so the span is a range
    assert (run.days_seen, run.days_seen_high) == ((T("2026-06-10") - T("2026-05-31")).days,
                                                   (T("2026-06-10") - T("2026-05-01")).days)
    assert arena_text.days_text(run.days_seen, run.days_seen_high, run.days_high, True) == \
        "snapshots span 10 to 40; at most 80 so far"
    assert run.days_high == (T("2026-06-30") - T("2026-04-11")).days


def test_a_month_dated_snapshot_is_named_by_its_month_in_the_sentence():
    rows = [_row(1, "2026-05-01", "Panda", "cn_lab", 1500, 1, precision="month"),
            _row(2, "2026-05-01", "Yank", "us_lab", 1480, 2, precision="month")]
    snaps = arena.snapshots(arena.entries(_ds(rows), "western", "2026-01-01", "2026-12-31"), "Western")
    text = arena_text.summary(arena.runs(snaps, "2026-06-30"), snaps, "Western", "2026-01-01", "2026-06-30")
    assert "On May 2026, the latest snapshot rating both sides" in text and "2026-05-01" not in text


def test_an_entry_rated_before_its_model_was_usable_is_marked():
    ds = _ds([_row(1, "2026-04-06", "Horse", "cn_lab", 1500, 1, model="sora_2"),
              _row(2, "2026-05-06", "Horse", "cn_lab", 1500, 1, model="sora_2", source="s2")])
    ds["model_events"] = pd.DataFrame({"event_id": ["e"], "model_id": ["sora_2"], "event": ["beta"],
                                       "happened_on": [T("2026-04-27")], "precision": ["day"],
                                       "source_id": ["s"], "confidence": ["high"]})
    ds["models"] = ds["models"].assign(name=["Sora", "Sora 2", "Veo"], org_id=["openai", "cn_lab", "us_lab"],
                                       kind="text_to_video")
    entries = arena.entries(ds, "western", "2026-01-01", "2026-12-31", "demonstrated")
    assert entries.prerelease.tolist() == [True, False]
    shown = arena_text.snapshot_table(arena.snapshots(entries, "Western"))
    assert shown["first"].tolist() == ["Horse (before its release)", "Horse"]
    # on the usable basis a model holds first place only from its first availability (04-27)
    usable = arena.snapshots(arena.entries(ds, "western", "2026-01-01", "2026-12-31", "usable"), "Western")
    assert usable.holder.tolist() == ["", "Horse"]
    assert arena_text.snapshot_table(usable)["first"].tolist() == [
        "no usable entry recorded (Horse first before its release)", "Horse"]


def test_an_entry_not_yet_usable_keeps_its_rank_so_the_ranks_below_still_count():
    """HappyHorse second on a board before its release: on the usable basis it is passed over, but
    the board still records ranks 1 to 3, so the West's entry at 3 is the West's best there."""
    ds = _ds([_row(1, "2026-04-16", "Panda", "cn_lab", 1500, 1, ci=(1495, 1505)),
              _row(2, "2026-04-16", "Horse", "cn_lab", 1490, 2, model="sora_2"),
              _row(3, "2026-04-16", "Yank", "us_lab", 1400, 3, ci=(1395, 1405))])
    ds["model_events"] = pd.DataFrame({"event_id": ["e"], "model_id": ["sora_2"], "event": ["beta"],
                                       "happened_on": [T("2026-04-27")], "precision": ["day"],
                                       "source_id": ["s"], "confidence": ["high"]})
    ds["models"] = ds["models"].assign(name=["Sora", "Sora 2", "Veo"], org_id=["openai", "cn_lab", "us_lab"],
                                       kind="text_to_video")
    snap = arena.snapshots(arena.entries(ds, "western", "2026-01-01", "2026-12-31", "usable"), "Western").iloc[0]
    assert (snap.top_n, snap.holder, snap.other_model, snap.lead) == (3, "Panda", "Yank", 100)
    # had Horse been first, Panda would hold first place among the usable entries, and say so
    ds["arena_ratings"].loc[:, "rank"] = pd.array([2, 1, 3], dtype="Int64")
    snap = arena.snapshots(arena.entries(ds, "western", "2026-01-01", "2026-12-31", "usable"), "Western")
    assert arena_text.snapshot_table(snap)["first"].iloc[0] == (
        "Panda (first among usable entries; Horse ranked above before its release)")
    # a launch known only to its month counts from the month's last day
    ds["model_events"]["precision"] = "month"
    ds["model_events"]["happened_on"] = [T("2026-04-01")]
    assert arena.entries(ds, "western", "2026-01-01", "2026-12-31").prerelease.tolist() == [False, True, False]


def test_only_boards_and_relays_say_how_a_board_stands():
    rows = [_row(1, "2026-04-01", "Panda", "cn_lab", 1500, 1, source="board"),
            _row(2, "2026-04-01", "Yank", "us_lab", 1490, 2, source="board"),
            _row(3, "2026-05-01", "Panda", "cn_lab", 1600, 1, source="seller"),
            _row(4, "2026-05-01", "Yank", "us_lab", 1400, 2, source="seller")]
    ds = _ds(rows)
    ds["arena_ratings"]["source_class"] = ["board", "board", "seller", "seller"]
    entries = arena.entries(ds, "western", "2026-01-01", "2026-12-31")
    assert set(entries.source_id) == {"board"}
    beside = arena.beside(ds, "2026-01-01", "2026-12-31")
    assert beside.rating_id.tolist() == ["r3", "r4"]
    assert arena_text.beside_text(beside).startswith(
        "Left out of the boards' standing: 2 entries (2 from sellers of access)")


def test_a_one_point_gap_or_a_stated_tie_is_not_first_place_alone():
    rows = [_row(1, "2026-04-01", "Panda", "cn_lab", 1501, 1), _row(2, "2026-04-01", "Yank", "us_lab", 1500, 2),
            _row(3, "2026-05-01", "Panda", "cn_lab", 1510, 1, source="s2"),
            _row(4, "2026-05-01", "Yank", "us_lab", 1500, 2, source="s2")]
    snaps = arena.snapshots(arena.entries(_ds(rows), "western", "2026-01-01", "2026-12-31"), "Western")
    # 1501 against 1500: a point apart, so first place is shared and the gap is level
    assert snaps.holder_side.tolist() == ["China and Western", "China"]
    assert snaps.level.iloc[0] == "close" and pd.isna(snaps.level.iloc[1])  # 10 points, no intervals
    assert arena_text.lead_text(10.0, snaps.level.iloc[1]) == "+10 (direction only: no intervals published)"
    tied = _ds([_row(1, "2026-04-01", "Panda", "cn_lab", None, 1)])
    tied["arena_ratings"]["tied"] = [True]
    assert arena.snapshots(arena.entries(tied, "western", "2026-01-01", "2026-12-31"),
                           "Western").holder_side.tolist() == ["tied"]


def test_tracks_and_windows_are_never_mixed():
    rows = BOARD + [_row(9, "2026-01-10", "Yank", "us_lab", 1700, 1, track="image_to_video")]
    snaps = arena.snapshots(arena.entries(_ds(rows), "western", "2026-01-01", "2026-02-15"), "Western")
    t2v = snaps[snaps.track == "text_to_video"]
    assert t2v.other_rating.iloc[0] == 1500  # the image-to-video 1700 is another board
    assert snaps.snapshot_on.max() == T("2026-02-01")  # March is after the window


def test_top_n_needs_consecutive_ranks():
    assert arena.top_n(pd.Series([1, 2, 4], dtype="Int64")) == 2
    assert arena.top_n(pd.Series([2, 3], dtype="Int64")) == 0
    assert arena.top_n(pd.Series([pd.NA], dtype="Int64")) == 0
    # two entries tied at 13 take places 13 and 14, so 15 follows without a gap
    assert arena.top_n(pd.Series(list(range(1, 14)) + [13, 15, 16], dtype="Int64")) == 16
    assert arena.top_n(pd.Series([1, 1, 4], dtype="Int64")) == 1


def test_words_state_only_what_the_snapshots_show():
    ds = _ds(BOARD)
    snaps = arena.snapshots(arena.entries(ds, "western", "2026-01-01", "2026-12-31"), "Western")
    text = arena_text.summary(arena.runs(snaps, "2026-03-31"), snaps, "Western", "2026-01-01", "2026-03-31")
    assert "first place is with China (Panda), since between 2026-01-11 and 2026-02-01" in text
    assert "snapshots spanning 28 days in all, at most 79 days" in text
    assert "direction only" not in text  # the board published intervals
    single = [_row(1, "2026-05-01", "Panda", "cn_lab", 1500, 1), _row(2, "2026-05-01", "Yank", "us_lab", 1480, 2)]
    one = arena.snapshots(arena.entries(_ds(single), "western", "2026-01-01", "2026-12-31"), "Western")
    one_text = arena_text.summary(arena.runs(one, "2026-05-31"), one, "Western", "2026-01-01", "2026-05-31")
    assert "China was first in 1 spell: one day's snapshots" in one_text
    assert "The board publishes no intervals: its order gives a direction only." in one_text
    assert ("China's best (Panda, 1480) stood 20 points below the West's best (Yank, 1500); the "
            "published intervals do not overlap.") in text
    empty = arena_text.summary(snaps.iloc[0:0], snaps.iloc[0:0], "Western", "2024-01-01", "2024-12-31",
                               T("2025-04-15"))
    assert empty.endswith("the data's first is from 2025-04-15.")
    assert arena_text.lead_text(float("nan"), None) == ""
    shown = arena_text.snapshot_table(snaps)
    assert list(shown.china) == ["Panda (1480)", "Panda (no rating)", "Panda (1520)"]
    assert list(shown.other) == ["Yank (1500)", "not first", "not among the 2 entries recorded"]
    assert list(shown.depth) == ["top 3", "top 1", "top 2"]
    ds["arena_ratings"]["rank_basis"] = "derived"  # a scraped list the project ordered by rating
    derived = arena.snapshots(arena.entries(ds, "western", "2026-01-01", "2026-12-31"), "Western")
    assert arena_text.snapshot_table(derived).depth.iloc[0] == "top 3, ranked here by rating"
    assert arena_text.lead_text(-20.0, "overlap") == "-20 (level: the published intervals overlap)"
    assert arena_text.lead_text(1.0, "close") == "+1 (level: a point or less apart)"
    assert arena_text.lead_text(-17.4, None) == "-17.4 (direction only: no intervals published)"


@pytest.mark.parametrize("value, latest, expected", [
    ("latest", T("2026-08-19"), "2026-08-19"), ("2025-01-31", T("2026-08-19"), "2025-01-31")])
def test_end_date_accepts_latest_only_where_the_notebook_knows_it(value, latest, expected):
    from videorace.analysis import params

    assert params.end_date("window_end", value, latest).isoformat() == expected
    with pytest.raises(params.ParameterError, match="'YYYY-MM-DD' or 'latest'"):
        params.end_date("window_end", "lastest", latest)
    with pytest.raises(params.ParameterError, match="as 'YYYY-MM-DD'"):
        params.end_date("window_end", "latest")
