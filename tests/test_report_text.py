"""What a reader sees in the built reports, scanned for the defects a newsroom would not publish:
a pandas index column, scientific notation (FLOPs are written 3.4 × 10¹⁶), a trailing ``.0``,
two rows that differ only in their source, text cut short with an ellipsis inside a table cell,
a raw ``model:event`` id in prose, and a sentence that starts with a number in digits. Each check
is shown failing on planted markup."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

EVENT_ID = re.compile(r"\b[a-z0-9_]+:(announced|unveiled|beta|launched|global_access|api|open_weights|update)\b")
SCIENTIFIC = re.compile(r"\b\d+(\.\d+)?e[+-]?\d+\b", re.IGNORECASE)
TRAILING_ZERO = re.compile(r"(?<![\d.])\d[\d,]*\.0(?![\d])")
SENTENCE_START = re.compile(r"(?:^|(?<!\bal)[.!?]\s+)(\d[\d,.]*)\s")  # 'et al. 2020' is no sentence


def outputs(soup: BeautifulSoup):
    """What the notebook showed: rendered Markdown and HTML outputs, not the header or code."""
    return soup.select(".jp-RenderedHTMLCommon, .jp-RenderedMarkdown")


def problems(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for table in soup.select(".jp-OutputArea table"):
        heads = [th.get_text(" ", strip=True).lower() for th in table.select("thead th")]
        rows = [tuple(td.get_text(" ", strip=True) for h, td in zip(heads, tr.select("td"))
                      if not h.startswith("source")) for tr in table.select("tbody tr")]
        for row in sorted({r for r in rows if rows.count(r) > 1}):
            found.append(f"rows that differ only in their source: {row!r}")
        if "vr-table" not in (table.get("class") or []):
            found.append("a table not in the project's style (pandas' own, with its index)")
        if table.select("th.row_heading, th.blank, th.index_name"):
            found.append("an index column")
        for cell in table.select("td"):
            text = cell.get_text(" ", strip=True)
            if "..." in text or "…" in text:
                found.append(f"text cut short in a cell: {text!r}")
            if "num" in (cell.get("class") or []) and TRAILING_ZERO.search(text):
                found.append(f"a trailing .0 in a cell: {text!r}")
    for img in soup.select(".jp-RenderedImage img"):
        alt = img.get("alt", "")
        if not re.search(r"\d", alt) or "No description" in alt:
            found.append(f"a chart without alternative text stating its numbers: {alt!r}")
    for block in outputs(soup):
        text = block.get_text(" ", strip=True)
        for hit in SCIENTIFIC.finditer(text):
            found.append(f"scientific notation: {hit.group(0)!r}")
        for hit in EVENT_ID.finditer(text):
            found.append(f"a raw event id: {hit.group(0)!r}")
        for p in block.select("p"):
            for hit in SENTENCE_START.finditer(p.get_text(" ", strip=True)):
                found.append(f"a sentence starting with digits: {hit.group(1)!r} in "
                             f"{p.get_text(' ', strip=True)[:80]!r}")
    return found


def report_pages(out):
    return [p for p in sorted(out.glob("*.html")) if p.name != "index.html"]


def test_every_report_reads_cleanly(full_out):
    pages = report_pages(full_out)
    assert pages
    found = {p.name: problems(p.read_text(encoding="utf-8")) for p in pages}
    assert {k: v for k, v in found.items() if v} == {}


def test_index_shows_no_raw_event_id_or_scientific_notation(full_out):
    text = BeautifulSoup((full_out / "index.html").read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert not SCIENTIFIC.search(text) and not EVENT_ID.search(text)


def wrap(inner: str) -> str:
    return f'<div class="jp-OutputArea"><div class="jp-RenderedHTMLCommon">{inner}</div></div>'


STYLED = '<table class="vr-table"><tr><th scope="col">A</th></tr><tr><td>{}</td></tr></table>'


@pytest.mark.parametrize("inner, expected", [
    ('<table class="dataframe"><tr><th></th><th>a</th></tr><tr><th>0</th><td>1</td></tr></table>',
     "not in the project's style"),
    ('<table class="vr-table"><tr><th class="blank"></th></tr><tr><th class="row_heading">0</th></tr></table>',
     "an index column"),
    (STYLED.format("Wang said the gap would close in three to six mon..."), "cut short"),
    (STYLED.format("Wang said the gap would close …"), "cut short"),
    (STYLED.format("180.0").replace("<td>", '<td class="num">'), "trailing .0"),
    ('<table class="vr-table"><thead><tr><th>Model</th><th>Source</th></tr></thead><tbody>'
     "<tr><td>Kling</td><td>s1</td></tr><tr><td>Kling</td><td>s2</td></tr></tbody></table>",
     "differ only in their source"),
    ("<p>The market reached 5.64e+08 users.</p>", "scientific notation"),
    ("<p>FLOPs: 1e+06.</p>", "scientific notation"),
    ("<p>Counted from sora:announced.</p>", "raw event id"),
    ("<p>The rounds came early. 2 of 4 rounds name a lead.</p>", "starting with digits"),
    ("<p>25 days after it.</p>", "starting with digits"),
    ('<div class="jp-RenderedImage"><img src="x.png"></div>', "without alternative text"),
    ('<div class="jp-RenderedImage"><img alt="A chart." src="x.png"></div>', "without alternative text"),
])
def test_each_check_fails_on_planted_markup(inner, expected):
    found = problems(wrap(inner))
    assert any(expected in f for f in found), found


def test_clean_markup_passes():
    clean = (STYLED.format("3.4 × 10¹⁶") + STYLED.format("1,234,567") + STYLED.format("7.14")
             + STYLED.format("Open-Sora 1.0")
             + "<p>Of the 4 rounds, 2 name a lead. Sora's announcement came on 2024-02-15. "
               "As Kaplan et al. 2020 count it.</p>")
    assert problems(wrap(clean)) == []


def test_every_chart_and_table_links_its_takeaway_files_and_the_links_resolve(full_out):
    """Under each chart: PNG, SVG and CSV; under each table: CSV; all relative, all present."""
    for page in report_pages(full_out):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for p in soup.select("p.vr-takeaway") for a in p.select("a")]
        charts = len(soup.select(".jp-RenderedImage img"))
        tables_ = len(soup.select("table.vr-table"))
        assert charts and len([h for h in links if h.endswith(".svg")]) == charts, page.name
        assert len([h for h in links if h.endswith(".png")]) == charts, page.name
        assert len([h for h in links if h.endswith(".csv")]) == charts + tables_, page.name
        for href in links:
            assert not href.startswith(("/", "http:", "https:", "file:")), href
            assert (full_out / href).is_file(), f"{page.name}: {href} does not resolve"
