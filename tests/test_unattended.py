"""A scheduled build that fails must say so where people look: the
index is written after every build and marks a failed report with its error, its last good version
and the failed copy; _failed/<report>.log holds the cell, the exception and the traceback; every
log line is dated; what changed in the data is listed row by row."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import run_here
from videorace.pipeline import datadiff
from videorace.pipeline.index import render_index
from videorace.pipeline.manifest import Report
from videorace.pipeline.state import STATE_FILE, shown
from videorace.pipeline.worker import crash_log

STUBS = Path(__file__).parent / "stubs"
FAILING = ('[[report]]\nnotebook = "01_alpha"\nset = "default"\ntitle = "Alpha"\n'
           '[[report]]\nnotebook = "02_beta"\nset = "default"\ntitle = "Beta"\n'
           'parameters = { fail = true }\n')


def build(out: Path, manifest: Path) -> str:
    result = run_here("build", "--out", out, "--notebooks", STUBS / "notebooks", "--manifest",
                      manifest, "-j", "1")
    return result.returncode, result.stderr


def row(out: Path, title: str) -> str:
    page = (out / "index.html").read_text(encoding="utf-8").split("<h2>Reports</h2>")[1]
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
    before = json.loads((out / STATE_FILE).read_text())["02_beta"]
    built = before["built_at"]
    assert build(out, failing)[0] == 1
    beta = row(out, "Beta")
    assert json.loads((out / STATE_FILE).read_text())["02_beta"]["seconds"] == before["seconds"]
    assert "from the last good version:</small><ul><li><b>value</b>" in beta  # not shown as ok
    assert f'<a href="02_beta.html">last good version</a>, built {shown(built)}' in beta
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", shown(built))
    assert '<a href="_failed/02_beta.log">log</a>' in beta
    # beside the last good version, its parameters; the failed run's go with the failure
    assert "<td>defaults</td>" in beta and "the failed run's parameters: fail = True" in beta


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


ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z ")  # 2026-12-03T06:15:02Z


def test_every_log_line_is_dated(tmp_path):
    manifest = tmp_path / "failing.toml"
    manifest.write_text(FAILING)
    _, log = build(tmp_path / "out", manifest)
    lines = [ln for ln in log.splitlines() if ln.strip()]
    assert lines and all(ISO.match(ln) for ln in lines), log


def test_the_datas_problems_and_a_users_error_are_dated_too(tmp_path, data_copy):
    """No kernel: the build stops at the validator, or at a bad option."""
    caps = data_copy / "capabilities.csv"
    caps.write_text(caps.read_text(encoding="utf-8").replace(",month,", ",monthly,", 1),
                    encoding="utf-8")
    for args, said in ((["--data", data_copy], "capabilities.csv"),
                       (["--only", "no_such_report"], "--only no_such_report")):
        result = run_here("build", "--out", tmp_path / "out", *args)
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert result.returncode and said in result.stderr, result.stderr
        assert all(ISO.match(ln) for ln in lines), lines


def test_a_failure_outside_the_cells_logs_the_exception_and_links_only_what_exists(tmp_path):
    report = Report(notebook="02_beta", set="default", title="Beta", parameters={}, reads=())
    try:
        raise RuntimeError("Kernel didn't respond in 60 seconds")
    except RuntimeError as err:
        text = crash_log(report, err)
    assert "RuntimeError: Kernel didn't respond in 60 seconds" in text
    assert "Traceback (most recent call last)" in text and "test_unattended.py" in text
    state = {"02_beta": {"title": "Beta", "notebook": "02_beta", "set": "default",
                         "html": "02_beta.html", "status": "failed", "message": "RuntimeError: x",
                         "failed_at": "2026-12-03T06:15:02Z", "failed_files": ["_failed/02_beta.log"]}}
    page = render_index(state)
    assert '<a href="_failed/02_beta.log">log</a>' in page and ".ipynb" not in page
    assert "failed</b> 2026-12-03 06:15 UTC" in page and "no good version yet" in page


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


def test_one_changed_value_low_in_metrics_is_listed_by_its_row_in_changes_md(tmp_path, data_copy):
    """Issue #23, item 8: one figure in metrics.csv is named by its row and column, old -> new."""
    from videorace.pipeline import changes

    old = tmp_path / "old"
    datadiff.snapshot(data_copy, tmp_path)
    (tmp_path / datadiff.SNAPSHOT_DIR).rename(old)
    metrics = data_copy / "metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace(
        "m_pixverse_visits_2024_02,PixVerse,site_visits,1000000,",
        "m_pixverse_visits_2024_02,PixVerse,site_visits,1200000,"), encoding="utf-8")
    rows = datadiff.row_changes(old, data_copy, ["data/metrics.csv"])
    found = {"first": False, "reports": [], "data": ["data/metrics.csv"], "rows": rows}
    md = changes.render_markdown([{"at": "2026-12-03T06:15:02Z", "changes": found}])
    assert "## 2026-12-03 06:15 UTC" in md
    assert "Data `data/metrics.csv` changed (rows by metric_id):" in md
    assert "- `m_pixverse_visits_2024_02`: value_low: 1000000 → 1200000" in md
    assert "data/metrics.csv changed." not in md and md.count("\n- ") == 1


def test_a_build_stopped_by_bad_data_or_a_bad_manifest_says_so_in_the_index(tmp_path, data_copy):
    """Found by a review: a build stopped before any report ran (bad data, a bad
    reports.toml) left the index showing every report 'ok'. The index now says it stopped, with the
    error lines, until a build runs again."""
    out, good = tmp_path / "out", tmp_path / "good.toml"
    good.write_text(FAILING.replace("parameters = { fail = true }\n", ""))
    assert build(out, good)[0] == 0
    events = data_copy / "model_events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",high,", ",High,", 1)
    events.write_text("".join(lines), encoding="utf-8")
    bad = run_here("build", "--out", out, "--data", data_copy, "--notebooks", STUBS / "notebooks",
                   "--manifest", good, "-j", "1")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert bad.returncode == 1 and "The latest build stopped" in page
    assert "did you mean &#39;high&#39;?" in page  # escaped by the page's template
    broken = tmp_path / "broken.toml"
    broken.write_text('[[report]]\nnotebook = "nope"\nset = "default"\ntitle = "t"\n')
    assert build(out, broken)[0] == 2
    assert "report list could not be read" in (out / "index.html").read_text(encoding="utf-8")
    assert build(out, good)[0] == 0
    assert "The latest build stopped" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_kernel_that_dies_mid_cell_is_logged_with_that_cell(tmp_path):
    import nbformat

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x: int = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import os\nos._exit(3)  # the kernel dies here"),
        nbformat.v4.new_code_cell("print('never')")])
    nbformat.write(nb, str(notebooks / "01_dead.ipynb"))
    manifest = tmp_path / "reports.toml"
    manifest.write_text("")
    result = run_here("build", "--out", tmp_path / "out", "--notebooks", notebooks,
                      "--manifest", manifest, "-j", "1")
    assert result.returncode == 1
    assert "FAILED 01_dead: cell 2: DeadKernelError" in result.stderr
    log = (tmp_path / "out" / "_failed" / "01_dead.log").read_text(encoding="utf-8")
    assert "the kernel stopped in cell 2 (cell index 1):\n\nimport os\nos._exit(3)" in log


def test_a_stopped_build_writes_its_index_under_the_lock_and_clears_a_killed_builds_files(
        tmp_path, data_copy):
    """The index of a build stopped by bad data is written only once the build holds the lock
    (a running build's index is not overwritten under it), and the temporary files a killed
    build left go first, even when the build then stops."""
    import fcntl
    import threading

    from videorace.pipeline import build as builder
    from videorace.pipeline.state import LOCK_FILE

    events = data_copy / "model_events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",high,", ",High,", 1),
                      encoding="utf-8")
    out = tmp_path / "out"
    (out / "_failed").mkdir(parents=True)
    left = [out / ".tmp-123-01_alpha.html", out / "_failed" / ".tmp-123-01_alpha.log"]
    for f in left:
        f.write_text("left by a killed build")
    results = []
    with open(out / LOCK_FILE, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        worker = threading.Thread(target=lambda: results.append(builder.build(
            out, data_copy, manifest=STUBS / "reports.toml", notebooks=STUBS / "notebooks")))
        worker.start()
        worker.join(1.0)
        assert worker.is_alive() and not (out / "index.html").exists()
        assert all(f.exists() for f in left)
    worker.join(30)
    assert results == [1]
    assert "The latest build stopped" in (out / "index.html").read_text(encoding="utf-8")
    assert not any(f.exists() for f in left)


@pytest.mark.parametrize("where", ["data", "inside the data", "someone's folder"])
def test_out_is_never_the_data_nor_a_folder_a_build_did_not_write(tmp_path, data_copy, where):
    out = {"data": data_copy, "inside the data": data_copy / "reports",
           "someone's folder": tmp_path / "mine"}[where]
    if where == "someone's folder":
        out.mkdir()
        (out / "thesis.tex").write_text("mine")
    before = sorted(p.name for p in data_copy.iterdir())
    result = run_here("build", "--out", out, "--data", data_copy)
    assert result.returncode == 2
    said = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(said) == 1 and "nothing was written" in said[0], said
    assert ("thesis.tex" in said[0]) == (where == "someone's folder")
    assert sorted(p.name for p in data_copy.iterdir()) == before
    if where == "someone's folder":
        assert sorted(p.name for p in out.iterdir()) == ["thesis.tex"]


def test_a_number_written_another_way_is_not_a_changed_row():
    key = ("id",)
    old = pd.DataFrame({"id": ["a", "b"], "v": ["1200000", "7"], "t": ["x", "y"]})
    new = pd.DataFrame({"id": ["a", "b"], "v": ["1200000.0", "7.5"], "t": ["x", "y"]})
    assert datadiff.table_changes(old, new, key)["changed"] == [["b", "v", "7", "7.5"]]
    assert datadiff.same_cell("1.2e6", "1200000") and not datadiff.same_cell("", "0")
