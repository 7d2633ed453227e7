"""The answer as it stands: who leads on a day and since when, on hand-made frontiers, and the
index section that lines up the whole-period reports' answers."""

import pandas as pd

from videorace.analysis import catchup
from videorace.analysis.catchup import answer
from videorace.analysis.catchup.compute import when_text
from videorace.pipeline.index import answer_section

T = pd.Timestamp


def _items(rows):
    """rows: (side, value, start, end, precision)."""
    return pd.DataFrame([{"side": s, "value": v, "start": T(a), "end": T(b), "precision": p,
                          "when": when_text(T(a), T(b), p), "name": f"{s}-{v}", "model_id": f"{s}-{v}"}
                         for s, v, a, b, p in rows])


CLIPS = _items([("China", 4.0, "2024-03-01", "2024-03-01", "day"),
                ("Sora", 10.0, "2024-05-01", "2024-05-31", "month"),
                ("China", 16.0, "2024-06-10", "2024-06-10", "day"),
                ("Sora", 20.0, "2025-02-01", "2025-02-01", "day")])


def test_leader_on_a_day_counts_only_what_was_certainly_there():
    assert answer.leader(CLIPS, "2024-04-01", "Sora") == "no comparison"  # Sora had nothing yet
    assert answer.leader(CLIPS, "2024-05-15", "Sora") == "no comparison"  # May not over: not certain
    assert answer.leader(CLIPS, "2024-06-01", "Sora") == "Sora"           # 10 s against 4 s
    assert answer.leader(CLIPS, "2024-12-31", "Sora") == "China"          # 16 s against 10 s
    assert answer.leader(CLIPS, "2025-03-01", "Sora") == "Sora"
    assert answer.leader(CLIPS, "2025-03-01", "Sora", tolerance=5) == "level"  # 20 - 16 within 5


def test_since_is_the_item_that_settled_the_current_verdict():
    assert answer.since(CLIPS, "2025-03-01", "Sora") == "2025-02-01"
    assert answer.since(CLIPS, "2024-12-31", "Sora") == "2024-06-10"
    # the month-precision item that made Sora lead is given as its month
    assert answer.since(CLIPS, "2024-06-05", "Sora") == "May 2024"


def test_since_names_the_item_that_decided_and_a_lead_over_nothing_runs_from_the_leaders_own():
    heights = _items([("China", 1080.0, "2024-07-30", "2024-07-30", "day"),
                      ("Western", 1080.0, "2024-12-09", "2024-12-09", "day"),
                      ("Western", 1440.0, "2026-01-13", "2026-01-13", "day"),
                      ("China", 1080.0, "2024-07-01", "2026-08-12", "range"),  # both first stated in
                      ("China", 2160.0, "2026-02-05", "2026-08-12", "range")])  # a copy of 2026-08-12
    # two Chinese items became certain on 2026-08-12; the 2160p one made China lead, not the 1080p
    assert answer.leader(heights, "2026-09-01", "Western") == "China"
    assert answer.since(heights, "2026-09-01", "Western") == "2026-02-05 to 2026-08-12"
    # Sora showed 60 s before China showed anything: Sora leads from its own 60 s, not from China's
    # first clip (when a comparison first became possible)
    shown = _items([("Sora", 60.0, "2024-02-15", "2024-02-15", "day"),
                    ("China", 16.0, "2024-04-27", "2024-04-27", "day")])
    assert answer.since(shown, "2024-12-31", "Sora") == "throughout (from 2024-02-15)"


def test_since_is_a_range_when_an_equal_item_may_have_come_first():
    # Seedance's 30 s on 2026-08-07 settles China's lead; Wan 3.0's 30 s (August) may have come
    # from 08-01: the lead began between 08-01 and 08-07
    clips = _items([("Sora", 25.0, "2025-10-16", "2025-10-16", "day"),
                    ("China", 30.0, "2026-08-07", "2026-08-07", "day"),
                    ("China", 30.0, "2026-08-01", "2026-08-31", "month")]).assign(model_id=["sora", "seed", "wan"])
    assert answer.since(clips, "2026-10-24", "Sora") == "2026-08-01 to 2026-08-07"
    # a coarser copy of the same model's own fact (Sora's 60 s 'in February') is no rival
    shown = _items([("Sora", 60.0, "2024-02-15", "2024-02-15", "day"),
                    ("Sora", 60.0, "2024-02-01", "2024-02-29", "month"),
                    ("China", 16.0, "2024-04-27", "2024-04-27", "day")]).assign(model_id=["sora", "sora", "vidu"])
    assert answer.since(shown, "2024-12-31", "Sora") == "throughout (from 2024-02-15)"


def test_yes_or_no_dimensions_lead_by_having_it_first():
    audio = _items([("Western", 1.0, "2025-05-20", "2025-05-20", "day"),
                    ("China", 1.0, "2025-12-01", "2025-12-31", "month")])
    assert answer.leader(audio, "2024-12-31", "Western", binary=True) == "neither yet"
    assert answer.leader(audio, "2025-06-01", "Western", binary=True) == "Western"
    assert answer.leader(audio, "2025-06-01", "Western") == "no comparison"  # not binary: no lead
    assert answer.leader(audio, "2026-01-01", "Western", binary=True) == "level"
    assert answer.since(audio, "2026-01-01", "Western", binary=True) == "Dec 2025"


def test_answer_table_rows_and_arena_spells():
    all_items = CLIPS.assign(dimension="clip_s")
    run = catchup.Run(None, ("clip_s",), "sora", "usable", T("2024-01-01"), T("2025-03-01"))
    race = catchup.Race(run, all_items, all_items.iloc[0:0])
    runs = pd.DataFrame([{"leaderboard": "lmarena", "track": "text_to_video", "side": "China",
                          "first_on": T("2026-04-07"), "first_precision": "day",
                          "last_on": T("2026-05-01"), "last_precision": "month",
                          "from_early": T("2026-03-07"), "current": True, "prerelease_first": True}])
    snaps = pd.DataFrame([{"leaderboard": "lmarena", "track": "text_to_video", "lead": 86.0, "level": "apart",
                           "snapshot_on": T("2026-04-07"), "snapshot_precision": "day"}])
    table = answer.answer(race, runs, snaps)
    assert table.to_dict("records") == [
        {"dimension": "longest single clip (s) (usable)", "row": "longest single clip (s)", "now": "Sora",
         "since": "2025-02-01", "end_2024": "China"},
        {"dimension": "first place, LMArena, text to video", "row": "first place, LMArena, text to video",
         "now": "China", "since": "between 2026-03-07 and 2026-04-07 (latest snapshot: May 2026; its first "
                                  "snapshot rated an entry before its release; China's best against Sora's on "
                                  "2026-04-07: +86 points, the published intervals do not overlap)",
         "end_2024": "no snapshot in the data"}]


def test_index_section_lines_up_reports_by_dimension():
    rows = lambda now: [{"dimension": "d", "row": "longest clip (s)", "now": now, "since": "2025-02-01",
                         "end_2024": "China"}]
    state = {"a": {"html": "a.html", "title": "A <vs> West",
                   "answer": {"as_of": "2026-08-19", "rows": rows("Western")}},
             "b": {"html": "b.html", "title": "B", "answer": {"as_of": "2026-08-19", "rows": rows("Sora")}},
             "c": {"html": "c.html", "title": "C"}}
    html = answer_section(state)
    assert html.count("<th scope=\"col\"><a") == 2  # c gave no answer
    assert "A &lt;vs&gt; West" in html
    assert "<b>the West</b> since 2025-02-01</td>" in html  # the end of 2024 is in the report
    assert "<b>Sora</b> since 2025-02-01" in html
    missing = answer_section({"c": state["c"]})  # said, not left out (no reports.toml, say)
    assert "<h2>The answer as it stands</h2>" in missing
    assert "Missing: no report of this build gives the answer" in missing
    first_spell = [{"row": "first place, X", "now": "China", "since": "by May 2026 (latest snapshot: May 2026)",
                    "end_2024": "no snapshot in the data"}]
    one = answer_section({"a": {"html": "a.html", "title": "A", "answer": {"as_of": "x", "rows": first_spell}}})
    assert "<b>China</b> by May 2026</td>" in one  # the snapshot's date is in the report


def test_the_build_lifts_the_answer_from_the_outputs():
    import nbformat

    from videorace.analysis.markup import ANSWER_KEY
    from videorace.pipeline.worker import answer as lifted

    given = {"as_of": "2026-08-19", "rows": [{"row": "x"}]}
    out = nbformat.v4.new_output("display_data", data={"text/plain": "t"}, metadata={ANSWER_KEY: given})
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", outputs=[out]),
                                         nbformat.v4.new_code_cell("2")])
    assert lifted(nb) == given
    assert lifted(nbformat.v4.new_notebook()) == {}
