"""The report pipeline: incremental, safe on failure and on SIGKILL, serialised by its lock, and
producing HTML that needs no network and escapes text from the data."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli
from videorace.pipeline import config
from videorace.pipeline import index as index_page
from videorace.pipeline import manifest as manifest_file
from videorace.pipeline import state as build_state
from videorace.analysis import report

SMALL = ["--only", "02_release_timeline", "--only", "03_clip_length_resolution"]
EXTERNAL = re.compile(
    r"""<script[^>]+src=["']?https?://|<link[^>]+href=["']?https?://|@import\s+(url\()?["']?https?://"""
    r"""|url\(\s*["']?https?://""", re.IGNORECASE)


def published(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.html")}


def complete(html: bytes) -> bool:
    return html.rstrip().endswith(b"</html>")


@pytest.fixture(scope="module")
def small_out(tmp_path_factory):
    """Two reports published once; tests that change them work on copies of the data."""
    out = tmp_path_factory.mktemp("small")
    result = run_cli("build", "--out", out, *SMALL)
    assert result.returncode == 0, result.stderr
    return out


def test_cold_build_writes_a_report_per_manifest_entry_and_an_index(full_out):
    keys = {r.key for r in manifest_file.load_manifest(config.MANIFEST, build_notebooks())}
    assert {p.stem for p in full_out.glob("*.html")} == keys | {"index"}
    index = (full_out / "index.html").read_text()
    for key in keys:
        assert f'href="{key}.html"' in index
    assert "Key figures" in index and "<li><b>" in index


def build_notebooks():
    from videorace.pipeline.notebooks import notebook_names
    return notebook_names()


def test_noop_rebuild_rebuilds_nothing(small_out):
    before = published(small_out)
    result = run_cli("build", "--out", small_out, *SMALL)
    assert result.returncode == 0
    assert "0 built, 2 up to date" in result.stderr
    assert published(small_out) == before


def test_changing_one_data_file_rebuilds_only_reports_that_read_it(small_out, data_copy):
    # the published reports were built from data/; the same bytes elsewhere are the same inputs
    assert "0 built, 2 up to date" in run_cli("build", "--out", small_out, "--data", data_copy,
                                              *SMALL).stderr
    caps = data_copy / "capabilities.csv"
    caps.write_text(caps.read_text().replace("Clips of 4 s or 8 s.", "Clips of 4 or 8 s."))
    result = run_cli("build", "--out", small_out, "--data", data_copy, *SMALL)
    assert result.returncode == 0, result.stderr
    assert "built  03_clip_length_resolution" in result.stderr
    assert "02_release_timeline" not in result.stderr.replace("up to date", "")
    assert "1 built, 1 up to date" in result.stderr


def test_force_rebuilds_all(small_out):
    result = run_cli("build", "--out", small_out, "--force", *SMALL)
    assert "2 built, 0 up to date" in result.stderr


def test_failing_notebook_keeps_the_last_good_report_and_the_index(small_out, tmp_path):
    before = published(small_out)
    manifest = tmp_path / "bad.toml"
    manifest.write_text('[[report]]\nnotebook = "02_release_timeline"\nset = "default"\n'
                        'title = "t"\nparameters = { window_start = "not a date" }\n')
    result = run_cli("build", "--out", small_out, "--manifest", manifest, "--only",
                     "02_release_timeline")
    assert result.returncode == 1
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("FAILED")]
    assert len(failed) == 1
    assert "parameter window_start: expected a date as 'YYYY-MM-DD'" in failed[0]
    assert "Traceback" not in result.stderr
    assert published(small_out) == before
    assert (small_out / "_failed" / "02_release_timeline.ipynb").is_file()
    state = json.loads((small_out / build_state.STATE_FILE).read_text())
    assert state["02_release_timeline"]["status"] == "failed"
    # the next good build clears the failure
    assert run_cli("build", "--out", small_out, *SMALL).returncode == 0
    assert not (small_out / "_failed" / "02_release_timeline.ipynb").exists()


def test_sigkill_mid_build_leaves_published_reports_whole(small_out):
    before = published(small_out)
    proc = subprocess.Popen([sys.executable, "-m", "videorace", "build", "--force", "--out",
                             str(small_out), *SMALL], cwd=config.PROJECT_DIR,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    time.sleep(3.0)  # workers are executing notebooks by now
    import os
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    after = published(small_out)
    assert set(after) == set(before)
    assert all(complete(html) for html in after.values())
    result = run_cli("build", "--out", small_out, *SMALL)
    assert result.returncode == 0, result.stderr
    assert not list(small_out.glob(f"{build_state.TMP_PREFIX}*"))
    assert all(complete(html) for html in published(small_out).values())


def test_two_builds_at_once_end_consistent(tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "videorace", "build", "--out", str(out), "--only",
           "02_release_timeline"]
    procs = [subprocess.Popen(cmd + ["--force"], cwd=config.PROJECT_DIR, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert any("waiting" in e for e in errs), "the second build should have waited for the lock"
    state = json.loads((out / build_state.STATE_FILE).read_text())
    assert state["02_release_timeline"]["status"] == "ok"
    assert complete((out / "02_release_timeline.html").read_bytes())
    assert complete((out / "index.html").read_bytes())
    assert not list(out.glob(f"{build_state.TMP_PREFIX}*"))


def test_reports_reference_no_external_script_style_or_font(full_out):
    for page in full_out.glob("*.html"):
        text = page.read_text()
        assert not EXTERNAL.search(text), f"{page.name} loads something from the network"
        assert "<script src=" not in text


def test_report_states_parameters_data_hash_and_version(full_out):
    from videorace import __version__
    from videorace.data.validate import content_hash
    text = (full_out / "04_token_cost__citic.html").read_text()
    assert "architecture = citic" in text
    assert content_hash(config.DATA_DIR)[:16] in text
    assert f"videorace {__version__}" in text


def test_code_is_hidden_in_reports(full_out):
    text = (full_out / "02_release_timeline.html").read_text()
    assert "data.load()" not in text and "class=\"jp-InputArea-editor" not in text


# --- escaping: text from the data never becomes markup ---------------------------------------

def test_index_escapes_titles_parameters_and_figures():
    html = index_page.render_index({"x": {
        "title": "<script>alert(1)</script>", "notebook": "n", "set": "s", "html": "x.html",
        "parameters": {"p": "<b>"}, "status": "ok", "key_figures": [["<i>k</i>", "<img src=x>"]]}})
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x>" not in html and "<b>" not in html.split("<body>")[1].replace("<b>&lt;", "")


def test_report_header_escapes_parameters():
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("hello")])
    from videorace.pipeline import notebooks
    html = notebooks.to_html(nb, {"title": "<script>x</script>", "notebook": "n", "set": "s",
                                  "parameters": {"note": "<script>alert(1)</script>"},
                                  "data_hash": "0" * 64, "data_dir": "d", "version": "v"})
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html


def test_markdown_from_data_is_escaped(capsys):
    import pandas as pd

    class FakeDataset:
        sources = pd.DataFrame([{"source_id": "s1", "publisher": "<script>alert(1)</script>",
                                 "title": "<b>t</b>", "published_on": pd.Timestamp("2024-01-01"),
                                 "published_precision": "day", "url": ""}])
    shown = []
    import videorace.analysis.report as r
    original = r.display
    r.display = lambda obj, **kw: shown.append(obj.data)
    try:
        report.sources(FakeDataset(), ["s1"])
        report.key_figures({"<script>": "<img src=x onerror=alert(1)>"})
    finally:
        r.display = original
    text = "\n".join(shown)
    assert "<script>" not in text and "<img" not in text and "&lt;script&gt;" in text
