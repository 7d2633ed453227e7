"""Save a full-page PNG of the index and of every report, as headless Chromium shows them offline
at 1280 px wide: ``docs/screenshots/<name>.png``. `make screenshots` builds the reports first.

    python scripts/screenshots.py [--reports DIR] [--out DIR] [--width PX]

Uses Debian's chromium-headless-shell or chromium when one is installed (as tests/test_browser.py
does), else Playwright's own browser (``playwright install chromium``)."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, default=PROJECT / "reports",
                        help="folder with index.html and the reports (default: reports/)")
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "screenshots",
                        help="where the PNGs go (default: docs/screenshots/)")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels")
    args = parser.parse_args(argv)

    args.reports = args.reports.resolve()  # a file URI needs an absolute path
    pages = sorted(args.reports.glob("*.html"))
    if not (args.reports / "index.html").is_file():
        print(f"screenshots: no index.html in {args.reports}; run `make reports` first",
              file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    chromium = next(filter(None, map(shutil.which, BROWSERS)), None)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
        ctx = browser.new_context(offline=True, viewport={"width": args.width, "height": 800})
        for html in pages:
            page = ctx.new_page()
            page.goto(html.as_uri(), wait_until="load")
            target = args.out / f"{html.stem}.png"
            page.screenshot(path=target, full_page=True, animations="disabled")
            page.close()
            shown = target.relative_to(PROJECT) if target.is_relative_to(PROJECT) else target
            print(f"wrote {shown} ({target.stat().st_size // 1024} KiB)")
        ctx.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
