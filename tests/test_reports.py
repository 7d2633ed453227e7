"""The published reports, from the session's full build (conftest.full_out): one per manifest
entry plus an index, self-contained (nothing from the network), stating what they were built from,
hiding code, and escaping text from the data."""

from __future__ import annotations

import re

from videorace.analysis import report
from videorace.pipeline import config
from videorace.pipeline import index as index_page
from videorace.pipeline import manifest as manifest_file

EXTERNAL = re.compile(
    r"""<script[^>]+src=["']?https?://|<link[^>]+href=["']?https?://|@import\s+(url\()?["']?https?://"""
    r"""|url\(\s*["']?https?://""", re.IGNORECASE)


def test_cold_build_writes_a_report_per_manifest_entry_and_an_index(full_out):
    from tests.conftest import SESSION_MANIFEST

    keys = {r.key for r in manifest_file.load_manifest(full_out.parent / SESSION_MANIFEST,
                                                       build_notebooks())}
    assert {r.key for r in manifest_file.load_manifest(config.MANIFEST, build_notebooks())} < keys
    assert {p.stem for p in full_out.glob("*.html")} == keys | {"index"}
    index = (full_out / "index.html").read_text()
    for key in keys:
        assert f'href="{key}.html"' in index
    assert "Key figures" in index and "<li><b>" in index


def build_notebooks():
    from videorace.pipeline.notebooks import notebook_names
    return notebook_names()


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


def test_a_report_header_gives_every_parameter_it_ran_with(full_out):
    """The set's own parameters, then the notebook's defaults it ran with, by name and value:
    a default changed in notebooks/ shows in the report, not as 'defaults'."""
    header = (full_out / "06_catch_up.html").read_text(encoding="utf-8").split("</header>")[0]
    assert "the notebook's defaults: <code>dimensions = []</code>, <code>comparator = sora</code>" \
        in header.replace("&#x27;", "'").replace("&#39;", "'")
    whole = (full_out / "06_catch_up__to_date.html").read_text(encoding="utf-8").split("</header>")[0]
    assert "<code>window_end = latest</code>" in whole and "<code>comparator = sora</code>" in whole
