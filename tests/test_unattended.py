"""A scheduled build that fails must say so where people look (issue #23, items 1, 2, 4 and 8): the
index is written after every build and marks a failed report with its error, its last good version
and the failed copy; _failed/<report>.log holds the cell, the exception and the traceback; every
log line is dated; what changed in the data is listed row by row."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from tests.conftest import run_here
from videorace.pipeline import datadiff
from videorace.pipeline.state import STATE_FILE

STUBS = Path(__file__).parent / "stubs"
FAILING = ('[[report]]\nnotebook = "01_alpha"\nset = "default"\ntitle = "Alpha"\n'
           '[[report]]\nnotebook = "02_beta"\nset = "default"\ntitle = "Beta"\n'
           'parameters = { fail = true }\n')


def build(out: Path, manifest: Path) -> str:
    result = run_here("build", "--out", out, "--notebooks", STUBS / "notebooks", "--manifest",
                      manifest, "-j", "1")
    return result.returncode, result.stderr


def row(out: Path, title: str) -> str:
    page = (out / "index.html").read_text(encoding="utf-8")
    return next(r for r in page.split("<tr>") if f">{title}<" in r or f"<td>{title}<br>" in r)


def test_a_first_build_with_a_failure_writes_the_index_and_marks_the_failure(tmp_path):
    manifest = tmp_path / "failing.toml"
    manifest.write_text(FAILING)
    status, log = build(tmp_path / "out", manifest)
    assert status == 1
    beta = row(tmp_path / "out", "Beta")
    assert "failed" in beta and "ValueError: stub failure on purpose" in beta
    assert "no good version yet" in beta and 'href="02_beta.html"' not in beta
    for link in re.findall(r'href="(_failed/[^"]+)"', beta):
        assert (tmp_path / "out" / link).is_file(), link
    assert 'href="01_alpha.html"' in row(tmp_path / "out", "Alpha")
    assert "index left as it was" not in log


def test_a_failure_after_a_good_build_links_the_last_good_version_with_its_date(tmp_path):
    good, failing = tmp_path / "good.toml", tmp_path / "failing.toml"
    good.write_text(FAILING.replace("parameters = { fail = true }\n", ""))
    failing.write_text(FAILING)
    out = tmp_path / "out"
    assert build(out, good)[0] == 0
    built = json.loads((out / STATE_FILE).read_text())["02_beta"]["built_at"]
    assert build(out, failing)[0] == 1
    beta = row(out, "Beta")
    assert f'<a href="02_beta.html">last good version</a>, built {built}' in beta
    assert '<a href="_failed/02_beta.log">log</a>' in beta


def test_the_failure_log_holds_the_cell_the_exception_and_the_traceback(tmp_path):
    manifest = tmp_path / "failing.toml"
    manifest.write_text(FAILING)
    build(tmp_path / "out", manifest)
    log = (tmp_path / "out" / "_failed" / "02_beta.log").read_text(encoding="utf-8")
    assert 'raise ValueError("stub failure on purpose")' in log  # the cell's source
    assert "ValueError: stub failure on purpose" in log
    assert "Traceback" in log and "----> " in log and "\x1b[" not in log


def test_failures_of_reports_no_longer_listed_are_cleared(tmp_path):
    manifest = tmp_path / "failing.toml"
    manifest.write_text(FAILING)
    out = tmp_path / "out"
    build(out, manifest)
    assert (out / "_failed" / "02_beta.log").is_file()
    manifest.write_text(FAILING.replace('notebook = "02_beta"\nset = "default"',
                                        'notebook = "02_beta"\nset = "other"'))
    build(out, manifest)
    assert not (out / "_failed" / "02_beta.log").exists()
    assert (out / "_failed" / "02_beta__other.log").is_file()


def test_every_log_line_is_dated(tmp_path):
    manifest = tmp_path / "failing.toml"
    manifest.write_text(FAILING)
    _, log = build(tmp_path / "out", manifest)
    lines = [ln for ln in log.splitlines() if ln.strip()]
    assert lines and all(re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC ", ln) for ln in lines)


def test_row_changes_by_primary_key_with_old_and_new_cells():
    key = ("id", "date")
    old = pd.DataFrame({"id": ["a", "b", "c"], "date": ["1", "1", "1"], "v": ["200", "5", "x"]})
    new = pd.DataFrame({"id": ["a", "c", "d"], "date": ["1", "1", "1"], "v": ["300", "x", "y"]})
    found = datadiff.table_changes(old, new, key)
    assert found == {"added": ["d / 1"], "removed": ["b / 1"], "changed": [["a / 1", "v", "200", "300"]]}
    assert datadiff.lines(found) == ["added d / 1", "removed b / 1", "a / 1: v: 200 → 300"]


def test_a_long_listing_is_capped_with_how_many_more():
    found = {"added": [f"k{i}" for i in range(datadiff.LIMIT + 3)], "removed": [], "changed": []}
    assert datadiff.lines(found)[-1] == "… and 3 more"
    assert len(datadiff.lines(found)) == datadiff.LIMIT + 1
