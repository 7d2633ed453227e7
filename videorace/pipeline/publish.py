"""What a build writes into the output directory besides each report's own HTML: a report's
take-away folder put in place, the index and the change log after every build (and the index of a
build that stopped), and the removal of what no longer belongs there (a killed build's temporary
files, a removed set's pages)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from videorace.pipeline import changes, datadiff, front, picture
from videorace.pipeline.index import render_index
from videorace.pipeline.state import (FAILED_DIR, STATE_FILE, TMP_PREFIX, atomic_write, now,
                                      read_state, write_if_changed)


def stopped(out: Path, summary: str, details: list[str]) -> None:
    """The index after a build that stopped before any report ran (bad data, a bad manifest):
    a notice with the error lines above the reports as they were, so readers see it too."""
    out.mkdir(parents=True, exist_ok=True)
    state = read_state(out)
    notice = changes.stopped_html(now(), summary, details)
    log_html = changes.render_html(changes.read_log(out))
    atomic_write(out / "index.html", render_index(state, log_html, stopped=notice))


def publish_files(tmp: str, target: Path) -> None:
    """Put a report's freshly written take-away folder in place of the old one (which is moved
    aside first and then removed), or remove the old one when the report now has none."""
    old = target.with_name(f"{TMP_PREFIX}old-{target.name}")
    shutil.rmtree(old, ignore_errors=True)
    if target.is_dir():
        os.replace(target, old)
    if tmp:
        os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)


def write_index(out: Path, state: dict, keys: set[str], prior: dict | None,
                data_dir: Path, only: set[str] | None = None) -> None:
    """After every build, failed reports or not: index.html (with its picture of who led when,
    ``picture.write``) and CHANGES.md from the state of the
    manifest's reports and the change log (this build's entry first when it changed a published
    key figure or the data), then the baseline and the data copy the next build compares with.
    A build of ``only`` some reports (``--only``, perhaps on other data) compares their figures
    alone and leaves the data's baseline and copy as the last full build left them, so its entry
    never mixes with another data's rows; the next full build lists the data's changes."""
    from videorace.data.validate import display_dir

    figures, data = changes.published_figures(state, keys), changes.data_digests(data_dir)
    if only is not None and prior is not None:
        figures = {**prior["figures"], **{k: v for k, v in figures.items() if k in only}}
        data = prior.get("data") or data
    found = changes.compare(prior, state, figures, data, rows=lambda files: datadiff.row_changes(
        out / datadiff.SNAPSHOT_DIR, data_dir, files))
    found["data_dir"] = display_dir(data_dir)
    if only is not None:
        found["only"] = sorted(only)
    at = now()
    log = changes.logged(out, found, at)
    shown = {k: v for k, v in state.items() if k in keys}
    drawn = picture.write(out, front.answered(shown), data_dir)
    write_if_changed(out / "index.html", render_index(shown, changes.render_html(log, at, found),
                                                      picture=drawn))
    write_if_changed(out / changes.CHANGES_FILE, changes.render_markdown(log))
    write_if_changed(out / changes.BASELINE_FILE, changes.baseline(figures, data))
    if (found["data"] and only is None) or not (out / datadiff.SNAPSHOT_DIR).is_dir():
        datadiff.snapshot(data_dir, out)


def clear_leftovers(out: Path) -> None:
    """Remove the temporary files and folders a killed build left (``.tmp-*``, in ``out`` and
    ``_failed/``): run first under the lock, whatever the build then does."""
    for leftover in [*out.glob(f"{TMP_PREFIX}*"), *(out / FAILED_DIR).glob(f"{TMP_PREFIX}*")]:
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink(missing_ok=True)


def clear_unlisted(out: Path, state: dict, keys: set[str], pages: bool = True) -> None:
    """Remove what reports no longer in the manifest left: their ``_failed/`` files, and with
    ``pages`` (a full build) their HTML, take-away folder and state entry, so a removed set is
    not published (nor on Pages) any more."""
    gone = [k for k in state if k not in keys] if pages else []
    for key in gone:
        entry = state.pop(key)
        (out / entry.get("html", f"{key}.html")).unlink(missing_ok=True)
        shutil.rmtree(out / f"{key}_files", ignore_errors=True)
    if gone:
        atomic_write(out / STATE_FILE, json.dumps(state, indent=1, sort_keys=True))
    for old in (out / FAILED_DIR).glob("*"):
        if old.stem not in keys:
            old.unlink(missing_ok=True)
