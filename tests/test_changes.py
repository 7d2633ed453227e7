"""What changed (videorace/pipeline/changes.py): on the stub notebooks, changing one number in the
data lists exactly that key figure (old → new) and that data row, column old → new, in the index and
in the dated change log CHANGES.md; a build that changed nothing adds no entry, keeps the latest
change in view with its date and says when it ran."""

from __future__ import annotations

import json
import re
import shutil
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

AT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")
ROW = "`kling / 2024-07-01 / claimed / - / a4_chinadaily_aigc`: max_clip_s_high: 180 → 240"
CHANGED_MD = f"""### Alpha (`01_alpha`)

- longest clip (s): 180 → 240

Data `data/capabilities.csv` changed (rows by model_id / as_of / availability / tier / source_id):

- {ROW}

"""
CHANGED_HTML = ("<ul class=\"changes\"><li><a href=\"01_alpha.html\">Alpha</a> "
                "<small><code>01_alpha</code></small><ul><li><b>longest clip (s)</b>: 180 → 240"
                "</li></ul></li></ul>\n"
                "<p>Data <code>data/capabilities.csv</code> changed (rows by model_id / as_of / "
                "availability / tier / source_id):</p><ul class=\"changes\"><li>"
                "<code>kling / 2024-07-01 / claimed / - / a4_chinadaily_aigc</code>: max_clip_s_high: "
                "180 → 240</li></ul>")


def under(text: str, data: Path) -> str:
    """``text`` with the data files named as a build under ``--data data`` names them."""
    return text.replace("data/capabilities.csv", f"{data}/capabilities.csv")


def entries(out: Path) -> list[str]:
    """CHANGES.md's entries, newest first, each without its dated heading."""
    text = (out / changes.CHANGES_FILE).read_text(encoding="utf-8")
    return [e.split("\n", 2)[2] for e in re.split(r"^## ", text, flags=re.M)[1:]]


def build(out: Path, data: Path, *extra) -> str:
    result = run_here("build", "--out", out, "--data", data, *SMALL, *extra)
    assert result.returncode == 0, result.stderr
    return result.stderr


def section(out: Path) -> str:
    """The index's section on the latest build, from its heading to the reports' heading."""
    page = (out / "index.html").read_text(encoding="utf-8")
    return re.search(r"(<h2>What changed.*?)\n<h2>Reports</h2>", page, re.S).group(1)


def change_longest_clip(data: Path, seconds: int) -> None:
    caps = data / "capabilities.csv"
    text = caps.read_text(encoding="utf-8")
    assert text.count(KLING_ROW) == 1
    caps.write_text(text.replace(KLING_ROW, f"kling,2024-07-01,month,180,{seconds},"),
                    encoding="utf-8")


def test_one_changed_number_is_listed_and_a_noop_build_keeps_it_in_view(tmp_path, data_copy):
    out = tmp_path / "out"
    build(out, data_copy)
    assert changes.FIRST in section(out)
    assert [changes.FIRST in e for e in entries(out)] == [True]

    change_longest_clip(data_copy, 240)
    assert "built  01_alpha" in build(out, data_copy)
    assert under(CHANGED_HTML, data_copy) in section(out)
    assert entries(out)[0] == under(CHANGED_MD, data_copy) and changes.FIRST in entries(out)[1]

    assert "0 built, 2 up to date" in build(out, data_copy)
    assert under(CHANGED_HTML, data_copy) in section(out)  # the latest change stays, with its date
    assert re.search(r"The latest build, " + AT.pattern + ", changed nothing", section(out))
    assert re.search(r"Latest change: <b>" + AT.pattern, section(out))
    assert len(entries(out)) == 2 and entries(out)[0] == under(CHANGED_MD, data_copy)  # no entry for a no-op


def test_a_build_with_a_failed_report_still_logs_what_the_others_changed(tmp_path, data_copy):
    """Alpha's figure moves in a build whose other report fails: the index and the change log
    are written all the same, with Alpha's change; Beta keeps its last good figures."""
    out = tmp_path / "out"
    build(out, data_copy)
    change_longest_clip(data_copy, 240)
    failing = tmp_path / "failing.toml"
    failing.write_text((STUBS / "reports.toml").read_text().replace(
        'title = "Beta"', 'title = "Beta"\nparameters = { fail = true }'))
    result = run_here("build", "--out", out, "--data", data_copy, "--notebooks", STUBS / "notebooks",
                     "--manifest", failing, "-j", "1")
    assert result.returncode == 1 and "built  01_alpha" in result.stderr
    assert under(CHANGED_HTML, data_copy) in section(out)
    assert entries(out)[0] == under(CHANGED_MD, data_copy)


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
     {"first": False, "reports": [], "data": [], "rows": None}),
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
    assert changes.DATA_UNKNOWN in changes.render_markdown([{"at": "2026-01-01 00:00:00 UTC",
                                                             "changes": found}])
    assert changes.previous(Path("/nonexistent"), {}) is None


def test_values_and_titles_are_escaped_in_the_index_and_the_changes_file():
    prior = {"figures": {"a": [["n", "0"], ["m", "2"]], "b": []}, "data": {}}
    found = changes.compare(prior, STATE, changes.published_figures(STATE, set(STATE)),
                            {"data/<b>.csv": "1"})
    log = [{"at": "2026-01-01 00:00:00 UTC", "changes": found}]
    html = render_index(STATE, changes.render_html(log))
    md = changes.render_markdown(log)
    for text in (html, md):
        assert "<script>" not in text and "&lt;script&gt;x&lt;/script&gt;" in text
        assert "<i>A</i>" not in text and "data/<b>.csv" not in text
    assert "<b>n</b>: 0 → 1" in html and "- n: 0 → 1" in md
    assert "(none) → &lt;script&gt;" in md


def test_the_index_headings_and_table_headers_stay_accessible():
    html = render_index(STATE, changes.render_html(
        [{"at": "2026-01-01 00:00:00 UTC", "changes": {"first": True, "reports": [], "data": []}}]))
    assert '<html lang="en">' in html
    assert re.findall(r"<h(\d)", html) == ["1", "2", "2", "2"]  # the answer (missing here), changes, reports
    assert html.count("<th") == html.count('<th scope="col">') == 5


def test_an_only_build_on_other_data_logs_its_figures_alone_and_leaves_the_data_to_a_full_build(
        tmp_path, data_copy):
    out, other = tmp_path / "out", tmp_path / "other"
    build(out, data_copy)
    shutil.copytree(data_copy, other)
    change_longest_clip(other, 240)
    build(out, other, "--only", "01_alpha")
    partial = entries(out)[0]
    assert partial.startswith(f"A build of 01_alpha only (`--only`), from {other}:")
    assert "- longest clip (s): 180 → 240" in partial and "Data `" not in partial
    assert "01_alpha only" in section(out)
    build(out, other)  # the full build lists the data's change, against the last full build's
    assert "capabilities.csv` changed" in entries(out)[0] and "A build of" not in entries(out)[0]


def test_the_change_log_keeps_the_latest_entries_only(tmp_path):
    old = [{"at": f"2026-01-01T00:00:{i % 60:02d}Z", "changes": {"first": True, "reports": [],
                                                                "data": []}}
           for i in range(changes.LOG_LIMIT)]
    (tmp_path / changes.LOG_FILE).write_text(json.dumps(old), encoding="utf-8")
    log = changes.logged(tmp_path, {"first": False, "reports": [], "data": None}, "2026-12-03T06:15:02Z")
    assert len(log) == changes.LOG_LIMIT == len(changes.read_log(tmp_path))
    assert log[0]["at"] == "2026-12-03T06:15:02Z" and log[-1] == old[-2]
    assert f"the latest {changes.LOG_LIMIT} at most" in changes.render_markdown(log)


def test_the_index_is_rendered_from_templates_that_escape_every_value():
    """Pages from templates with autoescape on: a key from the data (here one row's primary key)
    is escaped like every other value; no esc() is placed by hand in the index's code."""
    from videorace.pipeline import index, pages

    assert pages.environment().autoescape is True
    assert "esc(" not in Path(index.__file__).read_text(encoding="utf-8")
    rows = {"data/models.csv": {"key": "model_id", "added": ["<script>k</script>"], "removed": [],
                                "changed": [["<b>", "name", "<i>", "x"]]}}
    found = {"first": False, "reports": [], "data": ["data/models.csv"], "rows": rows}
    html = render_index(STATE, changes.render_html([{"at": "2026-01-01T00:00:00Z", "changes": found}]))
    assert "<script>k" not in html and "added <code>&lt;script&gt;k&lt;/script&gt;</code>" in html
    assert "<code>&lt;b&gt;</code>: name: &lt;i&gt; → x" in html
