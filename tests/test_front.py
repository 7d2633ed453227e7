"""What the index opens with (``pipeline.front``, ``index.opening``): the date the answer is true
to, the boards whose latest snapshot is older, the answer in a paragraph and the short table,
on hand-made build states."""

from videorace.pipeline import front
from videorace.pipeline.index import answer_section, opening, render_index


def rows(clip_since="2026-08-07", board_snapshot="2026-04-07"):
    return [
        {"dimension": "longest single clip (s) (usable)", "row": "longest single clip (s)",
         "now": "China", "since": clip_since, "end_2024": "Western"},
        {"dimension": "open weights released (usable)", "row": "open weights released",
         "now": "level", "since": "2024-10-22 to 2024-10-30", "end_2024": "level"},
        {"dimension": "VBench total score (usable)", "row": "VBench total score",
         "now": "no comparable score since 2025-06-05", "since": "", "end_2024": "level"},
        {"dimension": "first place, LMArena, text to video", "row": "first place, LMArena, text to video",
         "now": "Western", "since": f"between 2026-04-17 and 2026-07-05 (latest snapshot: {board_snapshot}; "
                                    f"China's best against the West's on {board_snapshot}: -30 points, "
                                    "the published intervals do not overlap)",
         "end_2024": "no snapshot in the data"},
        {"dimension": "first place, LMArena, image to video", "row": "first place, LMArena, image to video",
         "now": "a Western model outside the comparison", "since": "between 2026-01-01 and 2026-02-01 "
         "(latest snapshot: 2026-08-19)", "end_2024": "no snapshot in the data"}]


def state(**kw):
    entry = {"html": "w.html",
             "title": "The catch-up to the latest data: China against the West, usable against usable",
             "built_at": "2026-12-07T06:00:00Z", "answer": {"as_of": "2026-08-19", "rows": rows(**kw)}}
    old = {"html": "o.html", "title": "Old", "built_at": "2026-12-01T06:00:00Z",
           "answer": {"as_of": "2026-08-11", "rows": rows(**kw)[:1]}}
    return {"06_w": entry, "05_o": old, "01": {"html": "a.html", "title": "No answer"}}


def test_the_date_line_takes_the_latest_data_and_the_newest_build():
    columns = front.answered(state())
    assert [c["html"] for c in columns] == ["o.html", "w.html"]
    assert front.date_line(columns, "2026-12-07T06:00:00Z") == {
        "data_to": "2026-08-19", "built": "2026-12-07", "days": 110}  # 12 + 30 + 31 + 30 + 7
    assert front.date_line([], "2026-12-07T06:00:00Z") is None
    html = opening(state())
    assert "Data to 2026-08-19, built 2026-12-07: the 110 days since are not covered." in html


def test_a_board_whose_last_snapshot_is_older_says_so_once():
    stale = front.stale_boards(front.answered(state()), "2026-08-19")
    assert stale == [{"board": "LMArena text to video", "snapshot": "2026-04-07", "days": 134}]
    assert front.stale_boards(front.answered(state(board_snapshot="May 2026")), "2026-08-19")[0]["days"] == 110
    assert "LMArena text to video: latest snapshot 2026-04-07, 134 days before the data's end." in opening(state())


def test_the_paragraph_groups_by_leader_and_links_each_clause():
    (sentence,) = [s for s in front.paragraph(front.answered(state())) if s["html"] == "w.html"]
    assert sentence["header"] == "China against the West, usable products"
    assert sentence["clauses"] == [
        {"leader": "China leads on", "parts": ["longest single clip since 2026-08-07"]},
        {"leader": "the West leads on", "parts": [
            "LMArena text to video between 2026-04-17 and 2026-07-05 (China -30 points, the published "
            "intervals do not overlap)"]},
        {"leader": "level on", "parts": ["open weights released between 2024-10-22 and 2024-10-30"]}]
    html = opening(state())
    assert '<a href="w.html">China leads on longest single clip since 2026-08-07</a>' in html
    assert "outside the comparison" not in html and "VBench" not in html


def test_a_changed_date_changes_the_paragraph_and_the_table_together():
    before, after = render_index(state()), render_index(state(clip_since="2026-09-01"))
    assert "longest single clip since 2026-08-07</a>" in before
    assert "longest single clip since 2026-09-01</a>" in after
    assert "<b>China</b> since 2026-08-07</td>" in before
    assert "<b>China</b> since 2026-09-01</td>" in after


def test_the_table_is_short_and_headed_in_a_reader_s_words():
    html = answer_section(state())
    assert ">China against the West, usable products</a>" in html
    assert "<b>the West</b> since between 2026-04-17 and 2026-07-05</td>" in html
    assert "end of 2024" not in html and "published intervals" not in html
    shown = "X: China against Sora, demonstrated against demonstrated"
    assert front.header(shown) == "China against Sora, as demonstrated"


def test_the_order_of_the_page():
    html = render_index(state())
    assert html.index('class="asof"') < html.index('class="lead"') < html.index('table class="answer"')


def test_dates_at_any_precision():
    assert [str(front._day(t)) for t in ("2026-08-19", "2026-05", "May 2026", "2026")] == [
        "2026-08-19", "2026-05-01", "2026-05-01", "2026-01-01"]
    assert front._day("between") is None
    assert front.short_since("by May 2026 (latest snapshot: May 2026)") == "by May 2026"
    assert front.short_since("2026-02-05 to 2026-08-12") == "2026-02-05 to 2026-08-12"
