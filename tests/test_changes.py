"""What changed in the latest build (videorace/pipeline/changes.py): on the stub notebooks, changing
one number in the data lists exactly that key figure (old → new) and that data file in the index
and in CHANGES.md; a build that changed nothing lists nothing and rewrites nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_here
from videorace.pipeline import changes
from videorace.pipeline.index import render_index

STUBS = Path(__file__).parent / "stubs"
SMALL = ["--notebooks", STUBS / "notebooks", "--manifest", STUBS / "reports.toml", "-j", "1"]
#: kling's longest clip in July 2024, the largest max_clip_s_high in capabilities.csv: 01_alpha
#: shows that maximum as its key figure "longest clip (s)" (tests/stubs/notebooks/01_alpha.ipynb).
KLING_ROW = "kling,2024-07-01,month,180,180,"

CHANGED_MD = """# What changed in the latest build

## Alpha (`01_alpha`)

- longest clip (s): 180 → 240

Data files changed: `data/capabilities.csv`.
"""
CHANGED_HTML = ("<h2>What changed in the latest build</h2>\n"
                "<ul class=\"changes\"><li><a href=\"01_alpha.html\">Alpha</a> "
                "<small><code>01_alpha</code></small><ul><li><b>longest clip (s)</b>: 180 → 240"
                "</li></ul></li></ul>\n"
                "<p>Data files changed: <code>data/capabilities.csv</code>.</p>")


def build(out: Path, data: Path, *extra) -> str:
    result = run_here("build", "--out", out, "--data", data, *SMALL, *extra)
    assert result.returncode == 0, result.stderr
    return result.stderr


def section(out: Path) -> str:
    """The index's section on the latest build, from its heading to the reports' heading."""
    page = (out / "index.html").read_text(encoding="utf-8")
    return re.search(r"(<h2>What changed.*?)\n<h2>Reports</h2>", page, re.S).group(1)


def published(out: Path) -> dict[str, tuple[bytes, int]]:
    """The index and CHANGES.md: their bytes and modification times."""
    return {name: ((out / name).read_bytes(), (out / name).stat().st_mtime_ns)
            for name in ("index.html", changes.CHANGES_FILE)}


def change_longest_clip(data: Path, seconds: int) -> None:
    caps = data / "capabilities.csv"
    text = caps.read_text(encoding="utf-8")
    assert text.count(KLING_ROW) == 1
    caps.write_text(text.replace(KLING_ROW, f"kling,2024-07-01,month,180,{seconds},"),
                    encoding="utf-8")


def test_one_changed_number_is_listed_and_a_noop_build_lists_none(tmp_path, data_copy):
    out = tmp_path / "out"
    build(out, data_copy)
    assert changes.FIRST in section(out)
    assert changes.FIRST in (out / changes.CHANGES_FILE).read_text(encoding="utf-8")

    change_longest_clip(data_copy, 240)
    assert "built  01_alpha" in build(out, data_copy)
    assert section(out) == CHANGED_HTML
    assert (out / changes.CHANGES_FILE).read_text(encoding="utf-8") == CHANGED_MD

    assert "0 built, 2 up to date" in build(out, data_copy)
    assert section(out) == f"<h2>{changes.HEADING}</h2>\n<p>{changes.NOTHING}</p>"
    assert "→" not in (out / changes.CHANGES_FILE).read_text(encoding="utf-8")
    assert changes.NOTHING in (out / changes.CHANGES_FILE).read_text(encoding="utf-8")
    before = published(out)
    build(out, data_copy)
    assert published(out) == before  # the same bytes, and not even rewritten


def test_a_failed_build_keeps_the_previous_good_build_as_the_baseline(tmp_path, data_copy):
    """Alpha's figure moves in a build whose other report fails: that build publishes no index,
    so the next good build still lists the change (since the last good build)."""
    out = tmp_path / "out"
    build(out, data_copy)
    change_longest_clip(data_copy, 240)
    failing = tmp_path / "failing.toml"
    failing.write_text((STUBS / "reports.toml").read_text().replace(
        'title = "Beta"', 'title = "Beta"\nparameters = { fail = true }'))
    result = run_here("build", "--out", out, "--data", data_copy, "--notebooks", STUBS / "notebooks",
                     "--manifest", failing, "-j", "1")
    assert result.returncode == 1 and "built  01_alpha" in result.stderr
    assert changes.FIRST in section(out)  # the failed build left the index as it was
    build(out, data_copy)
    assert section(out) == CHANGED_HTML
    assert (out / changes.CHANGES_FILE).read_text(encoding="utf-8") == CHANGED_MD


# --- the comparison and its rendering, on hand-made states -------------------------------------

STATE = {"a": {"title": "<i>A</i>", "notebook": "a", "set": "default", "html": "a.html",
               "key_figures": [["n", "1"], ["m", "2"]]},
         "b": {"title": "B", "notebook": "b", "set": "default", "html": "b.html",
               "key_figures": [["k", "<script>x</script>"]]}}


def test_figures_that_appear_change_or_go_are_listed_with_none_for_the_missing_side():
    assert changes.figure_changes([["n", "1"], ["gone", "3"]], [["new", "5"], ["n", "2"]]) == [
        ["new", None, "5"], ["n", "1", "2"], ["gone", "3", None]]
    assert changes.figure_changes([["n", "1"]], [["n", "1"]]) == []


@pytest.mark.parametrize("prior, expected", [
    (None, {"first": True, "reports": [], "data": []}),
    ({"figures": {k: e["key_figures"] for k, e in STATE.items()}, "data": {"data/x.csv": "1"}},
     {"first": False, "reports": [], "data": []}),
])
def test_first_build_and_nothing_changed(prior, expected):
    figures = changes.published_figures(STATE, set(STATE))
    assert changes.compare(prior, STATE, figures, {"data/x.csv": "1"}) == expected


def test_a_new_report_lists_its_figures_and_unknown_data_is_said_so():
    """Before the baseline existed (an older build's output), the figures come from the state
    and the data files are not known; a report new to the manifest shows every figure as new."""
    prior = changes.previous(Path("/nonexistent"), {"a": STATE["a"]})
    assert prior == {"figures": {"a": STATE["a"]["key_figures"]}, "data": None}
    found = changes.compare(prior, STATE, changes.published_figures(STATE, set(STATE)), {})
    assert found["reports"] == [{"key": "b", "title": "B", "html": "b.html",
                                 "figures": [["k", None, "<script>x</script>"]]}]
    assert found["data"] is None
    assert changes.DATA_UNKNOWN in changes.render_markdown(found)
    assert changes.previous(Path("/nonexistent"), {}) is None


def test_values_and_titles_are_escaped_in_the_index_and_the_changes_file():
    prior = {"figures": {"a": [["n", "0"], ["m", "2"]], "b": []}, "data": {}}
    found = changes.compare(prior, STATE, changes.published_figures(STATE, set(STATE)),
                            {"data/<b>.csv": "1"})
    html = render_index(STATE, changes.render_html(found))
    md = changes.render_markdown(found)
    for text in (html, md):
        assert "<script>" not in text and "&lt;script&gt;x&lt;/script&gt;" in text
        assert "<i>A</i>" not in text and "data/<b>.csv" not in text
    assert "<b>n</b>: 0 → 1" in html and "- n: 0 → 1" in md
    assert "(none) → &lt;script&gt;" in md


def test_the_index_headings_and_table_headers_stay_accessible():
    html = render_index(STATE, changes.render_html({"first": True, "reports": [], "data": []}))
    assert '<html lang="en">' in html
    assert re.findall(r"<h(\d)", html) == ["1", "2", "2"]
    assert html.count("<th") == html.count('<th scope="col">') == 5
