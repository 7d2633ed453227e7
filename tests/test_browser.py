"""Every report and the index open in headless Chromium with networking disabled: no console
error, no failed or outgoing request, and figures that actually render (a screenshot that is not
blank), and axe-core finds no serious or critical accessibility violation. CI installs Debian's
chromium-headless-shell (.ci/run); without a Chromium the test fails under CI and skips
elsewhere."""

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

#: Debian's headless shell, Chromium's own engine (Blink, V8) without the full browser around it,
#: which is what Playwright itself runs headless: over these pages about a seventh less CPU than
#: the full browser (paired runs, 13 pages with axe). The full browser where it is all there is.
BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser")
CHROMIUM = next(filter(None, map(shutil.which, BROWSERS)), None)
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("CI must provide Chromium for the browser checks (.ci/run installs "
                           "chromium-headless-shell)")
    pytest.skip("Chromium is not installed (apt-get install chromium-headless-shell, or "
                "chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def not_blank(png: bytes) -> bool:
    image = Image.open(io.BytesIO(png)).convert("L")
    low, high = image.getextrema()
    return high - low > 100 and len(image.getcolors(maxcolors=1 << 16) or range(999)) > 20


@pytest.fixture(scope="module")
def opened(browser, full_out):
    """Every page of the session build opened in turn, offline, in one tab with axe-core loaded:
    per page its console errors and failed or outgoing requests, its links, its images' sizes,
    a screenshot (of the page for the index, of the first figure for a report) and axe's
    violations. One tab for all: a new tab per page costs a renderer process each, about three
    times the CPU of navigating the same tab."""
    from axe_playwright_python.base import AXE_FILE_PATH

    ctx = browser.new_context(offline=True, viewport={"width": 1280, "height": 2000})
    ctx.add_init_script(path=AXE_FILE_PATH)
    page = ctx.new_page()
    events = {}
    page.on("console", lambda m: events["console"].append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: events["failed"].append(r.url))
    page.on("request", lambda r: events["outgoing"].append(r.url)
            if not r.url.startswith(("file:", "data:")) else None)
    seen, scanned = {}, set()
    for html in sorted(full_out.glob("*.html")):
        events = {"console": [], "failed": [], "outgoing": []}
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        family = axe_family(html.stem)
        results = (page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
                   if family not in scanned else {"testEngine": {"version": ""}, "violations": []})
        scanned.add(family)
        first = page.query_selector("img")
        if html.name != "index.html" and first:
            first.scroll_into_view_if_needed()
        shot = page.screenshot() if html.name == "index.html" or not first else first.screenshot()
        seen[html.name] = {
            "events": events, "shot": shot, "version": results["testEngine"]["version"],
            "links": page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))"),
            "sizes": page.eval_on_selector_all(
                "img", "els => els.map(e => [e.naturalWidth, e.naturalHeight])"),
            "violations": results["violations"]}
    ctx.close()
    return seen


def test_index_opens_offline_and_links_every_report(opened, full_out):
    index = opened["index.html"]
    assert {p.name for p in full_out.glob("*.html") if p.name != "index.html"} <= set(index["links"])
    assert index["events"] == {"console": [], "failed": [], "outgoing": []}
    assert not_blank(index["shot"])


def test_every_report_opens_offline_with_visible_figures(opened):
    reports = {k: v for k, v in opened.items() if k != "index.html"}
    assert reports
    for name, seen in reports.items():
        assert seen["events"] == {"console": [], "failed": [], "outgoing": []}, name
        sizes = seen["sizes"]
        assert sizes and all(w > 100 and h > 100 for w, h in sizes), f"{name}: {sizes}"
        assert not_blank(seen["shot"]), f"{name}: the first figure renders blank"


#: WCAG 2 A and AA (contrast, alt text, table headers, lang, title, links told apart by more than
#: colour, scrollable regions reachable by keyboard) plus axe's best-practice heading-order; the
#: other best-practice rules (landmarks, regions) are left out and only violations are collected,
#: which keeps the scan of a long report near a second.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]},
               "rules": {"heading-order": {"enabled": True}},
               "resultTypes": ["violations"]}


def axe_family(stem: str) -> str:
    """Pages axe scans once between them: a notebook's parameter sets over the same window share
    their markup (same sections, same tables, other numbers), so one of each is scanned; the
    index, each notebook at its defaults and its whole-period sets (``to_date``, with sections
    and tables of their own) are each a family, and every page is still opened and checked."""
    notebook, _, pset = stem.partition("__")
    return notebook + ("" if not pset else "__to_date" if pset.startswith("to_date") else "__other")


def axe_problems(name: str, violations: list[dict], examples: int = 3) -> list[str]:
    """One entry per serious or critical violation: rule, impact, help and a few elements."""
    lines = []
    for v in violations:
        if v["impact"] not in ("serious", "critical"):
            continue
        nodes = [" >>> ".join(map(str, n["target"])) + "   " + " ".join(n["html"].split())[:120]
                 for n in v["nodes"][:examples]]
        lines.append(f"{name}: {v['id']} ({v['impact']}, {len(v['nodes'])} element(s)): {v['help']}"
                     + "".join(f"\n    {node}" for node in nodes))
    return lines


def test_index_and_every_report_pass_axe(opened):
    """axe-core (bundled in axe-playwright-python: nothing is fetched), run in one page of each
    family (``axe_family``)."""
    assert "index.html" in opened and len(opened) > 1
    problems = [p for name, seen in opened.items() for p in axe_problems(name, seen["violations"])]
    version = max(seen["version"] for seen in opened.values())
    assert not problems, (f"axe-core {version}: {len(problems)} serious or critical violation(s)\n"
                          + "\n".join(problems))
    families = {axe_family(Path(name).stem) for name in opened}
    print(f"axe-core {version}: 0 serious or critical violations in {len(families)} pages, one of "
          f"each family of the {len(opened)} opened (the index among them)")


#: A report with an answer (two dimensions) and one that failed, for the index's first screen.
ANSWERED = {"answer": {"as_of": "2026-08-12", "rows": [
    {"row": "usable model", "now": "china", "since": "2024-06-06", "end_2024": "china"},
    {"row": "clip length", "now": "comparator", "since": "2024-12-09", "end_2024": "comparator"}]}}


@pytest.mark.parametrize("kind", ["failed", "stopped"])
def test_a_failure_is_announced_on_the_first_screen_above_the_answer(browser, tmp_path, kind):
    """A reader who opens the index sees that the latest build stopped, or a report failed,
    before the answer, without scrolling, with a link to the error."""
    from videorace.pipeline import changes
    from videorace.pipeline.index import render_index

    base = {"notebook": "06_catch_up", "set": "to_date", "parameters": {}, "status": "ok",
            "built_at": "2026-12-01T06:15:02Z", "seconds": 3.1, "key_figures": [["k", "1"]]}
    state = {f"06_catch_up__to_date{i}": {**base, **ANSWERED, "title": f"Catch-up {i}",
                                          "html": f"06_catch_up__to_date{i}.html"}
             for i in range(4)}
    stopped = ""
    if kind == "failed":
        state["06_catch_up__to_date3"].update(
            status="failed", message="cell 4: ValueError: bad", failed_at="2026-12-02T06:15:02Z",
            failed_files=["_failed/06_catch_up__to_date3.ipynb", "_failed/06_catch_up__to_date3.log"])
    else:
        stopped = changes.stopped_html("2026-12-02T06:15:02Z", "1 problem(s) in the data",
                                       ["data/models.csv:3: org_id: expected ..."])
    page_file = tmp_path / "index.html"
    page_file.write_text(render_index(state, stopped=stopped), encoding="utf-8")
    ctx = browser.new_context(offline=True, viewport={"width": 1280, "height": 720})
    page = ctx.new_page()
    page.goto(page_file.as_uri())
    alert = page.query_selector(f"section#{kind}").bounding_box()
    answer = page.query_selector("table.answer").bounding_box()
    links = page.eval_on_selector_all(f"section#{kind} a", "els => els.map(e => e.getAttribute('href'))")
    errors = page.eval_on_selector_all(f"section#{kind} li", "els => els.map(e => e.innerText)")
    ctx.close()
    assert alert["y"] + 60 < 720 and alert["y"] < answer["y"], (alert, answer)
    if kind == "failed":
        assert links == ["_failed/06_catch_up__to_date3.log"]
        assert "cell 4: ValueError: bad" in errors[0]
    else:
        assert "data/models.csv:3: org_id" in errors[0]


def test_the_index_opens_with_the_date_the_paragraph_and_the_picture_on_the_first_screen(browser, full_out):
    """At 1400x900 the first screen shows the date the answer is true to, the answer in a
    paragraph and the top of the picture of who led when (which has loaded), all above the
    table."""
    ctx = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    page.goto((full_out / "index.html").as_uri())
    page.wait_for_load_state("load")
    box = {name: page.query_selector(sel).bounding_box() for name, sel in (
        ("date", "p.asof"), ("lead", "p.lead"), ("picture", "figure.wholed img"), ("table", "table.answer"))}
    loaded = page.eval_on_selector("figure.wholed img", "e => e.naturalWidth")
    ctx.close()
    assert box["date"]["y"] < box["lead"]["y"] < box["picture"]["y"] < box["table"]["y"], box
    assert box["lead"]["y"] + box["lead"]["height"] < 900 and box["picture"]["y"] + 100 < 900, box
    assert loaded > 0
