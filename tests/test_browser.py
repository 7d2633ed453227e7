"""Every report and the index open in headless Chromium with networking disabled: no console
error, no failed or outgoing request, and figures that actually render (a screenshot that is not
blank). CI installs Debian's chromium (.ci/run); without it the test fails under CI and skips
elsewhere."""

import io
import os
import shutil

import pytest
from PIL import Image

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("CI must provide chromium for the browser checks (.ci/run installs it)")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def open_offline(browser, path):
    ctx = browser.new_context(offline=True, viewport={"width": 1280, "height": 2000})
    page = ctx.new_page()
    events = {"console": [], "failed": [], "outgoing": []}
    page.on("console", lambda m: events["console"].append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: events["failed"].append(r.url))
    page.on("request", lambda r: events["outgoing"].append(r.url)
            if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return ctx, page, events


def not_blank(png: bytes) -> bool:
    image = Image.open(io.BytesIO(png)).convert("L")
    low, high = image.getextrema()
    return high - low > 100 and len(image.getcolors(maxcolors=1 << 16) or range(999)) > 20


def test_index_opens_offline_and_links_every_report(browser, full_out):
    ctx, page, events = open_offline(browser, full_out / "index.html")
    links = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    assert {f"{p.name}" for p in full_out.glob("*.html") if p.name != "index.html"} <= set(links)
    assert events == {"console": [], "failed": [], "outgoing": []}
    assert not_blank(page.screenshot())
    ctx.close()


def test_every_report_opens_offline_with_visible_figures(browser, full_out):
    for html in sorted(full_out.glob("*.html")):
        if html.name == "index.html":
            continue
        ctx, page, events = open_offline(browser, html)
        assert events == {"console": [], "failed": [], "outgoing": []}, html.name
        sizes = page.eval_on_selector_all("img", "els => els.map(e => [e.naturalWidth, e.naturalHeight])")
        assert sizes and all(w > 100 and h > 100 for w, h in sizes), f"{html.name}: {sizes}"
        first = page.query_selector("img")
        first.scroll_into_view_if_needed()
        assert not_blank(first.screenshot()), f"{html.name}: the first figure renders blank"
        ctx.close()
