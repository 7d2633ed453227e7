"""The index's picture of who led when (``pipeline.picture``) on hand-made answers: its strips,
CSV and alt text, and the files the build writes beside the index."""

from datetime import date

from tests.test_front import state
from videorace.pipeline import front, picture

START, END = date(2024, 2, 15), date(2026, 8, 19)


def west():
    return picture.chosen(front.answered(state(board_snapshot="2026-08-14")))


def test_it_draws_usable_products_against_the_west():
    assert west()["html"] == "w.html"
    sora = {"html": "s.html", "title": "China against Sora, usable against usable",
            "answer": {"as_of": "x", "rows": [{"dimension": "d (usable)"}]}}
    shown = {**sora, "html": "d.html", "title": "China against the West, demonstrated against demonstrated",
             "answer": {"as_of": "x", "rows": [{"dimension": "d (demonstrated)"}]}}
    assert picture.chosen([shown, sora])["html"] == "s.html"
    assert picture.chosen([]) is None


def test_spells_at_every_precision():
    assert picture.spell("2026-08-07") == (date(2026, 8, 7), date(2026, 8, 7))
    assert picture.spell("between 2026-04-17 and 2026-07-05 (latest snapshot: 2026-08-14)") == (
        date(2026, 4, 17), date(2026, 7, 5))
    assert picture.spell("2026-02-05 to 2026-08-12") == (date(2026, 2, 5), date(2026, 8, 12))
    assert picture.spell("throughout (from 2023-06-09)") == (date(2023, 6, 9), date(2023, 6, 9))
    assert picture.spell("by May 2026 (latest snapshot: May 2026)") == (None, date(2026, 5, 1))
    assert picture.spell("") == (None, None)
    assert [picture.category(w) for w in ("China", "Western", "Sora", "neither yet", "no comparison")] == [
        "China", "the West", "the West", "level", "unknown"]


def test_strips_unknown_before_the_spell_shaded_while_it_may_have_begun_unknown_after_a_snapshot():
    spans = picture.strips(west(), START, END)
    clip = [s for s in spans if s["dimension"] == "longest single clip"]
    assert [(s["from"], s["to"], s["leader"], s["certainty"]) for s in clip] == [
        ("2024-02-15", "2026-08-06", "unknown", "unknown"), ("2026-08-07", "2026-08-19", "China", "certain")]
    board = [s for s in spans if s["dimension"] == "LMArena text to video"]
    assert [(s["from"], s["to"], s["leader"], s["certainty"]) for s in board] == [
        ("2024-02-15", "2026-04-16", "unknown", "unknown"), ("2026-04-17", "2026-07-04", "the West", "uncertain"),
        ("2026-07-05", "2026-08-14", "the West", "certain"), ("2026-08-15", "2026-08-19", "unknown", "unknown")]
    assert "VBench total score" not in {s["dimension"] for s in spans}
    # a board whose first place is outside this comparison is a Western model: the West
    assert {s["leader"] for s in spans if s["dimension"] == "LMArena image to video"} == {"unknown", "the West"}


def test_alt_text_states_who_leads_and_from_when():
    spans = picture.strips(west(), START, END)
    alt = picture.alt_text(spans, START, END)
    assert alt.startswith("Who led when, 2024-02-15 (Sora's announcement) to 2026-08-19")
    assert "longest single clip: China from 2026-08-07;" in alt
    assert "open weights released: level from 2024-10-30;" in alt  # certain from the span's end


def test_the_build_writes_the_picture_and_its_files(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "model_events.csv").write_text(
        "event_id,model_id,event,happened_on,precision\n"
        "a,sora,announced,2024-02-01,month\nb,sora,announced,2024-02-15,day\nc,sora,launched,2024-12-09,day\n"
        "d,other,announced,2023-01-01,day\n", encoding="utf-8")
    assert picture.sora_announced(data) == date(2024, 2, 15)
    drawn = picture.write(tmp_path / "out", front.answered(state()), data)
    folder = tmp_path / "out" / "index_files"
    assert sorted(p.name for p in folder.iterdir()) == ["who-led-when.csv", "who-led-when.png", "who-led-when.svg"]
    assert (folder / "who-led-when.csv").read_text().startswith("dimension,from,to,leader,certainty\n")
    assert drawn["png"] == "index_files/who-led-when.png" and "longest single clip: China" in drawn["alt"]
    assert picture.write(tmp_path / "out", [], data) is None
    assert not list(folder.iterdir())  # an old picture is not left to describe another answer


def test_a_changed_date_changes_the_paragraph_the_picture_s_csv_and_the_table_together(tmp_path):
    from videorace.pipeline.index import render_index

    data = tmp_path / "data"
    data.mkdir()
    (data / "model_events.csv").write_text("event_id,model_id,event,happened_on,precision\n"
                                           "b,sora,announced,2024-02-15,day\n", encoding="utf-8")
    seen = {}
    for when in ("2026-08-07", "2026-06-01"):
        built = state(clip_since=when)
        drawn = picture.write(tmp_path / when, front.answered(built), data)
        csv = (tmp_path / when / drawn["csv"]).read_text()
        seen[when] = (render_index(built, picture=drawn), csv)
    for when, (html, csv) in seen.items():
        assert f"longest single clip since {when}</a>" in html  # the paragraph
        assert f"<b>China</b> since {when}</td>" in html  # the table
        assert f"longest single clip,{when},2026-08-19,China,certain" in csv  # the picture
        assert f"longest single clip: China from {when}" in html  # its alt text
