"""``reports/index.html``: a failure first, the date the answer is true to, the answer in a
paragraph, the answer as a table, what changed in the latest
build, then every report with its parameters, status and key figures. Rendered from
``templates/pages/index.html.j2`` (``pages.py``: autoescape on)."""

from __future__ import annotations

from markupsafe import Markup

from videorace import __version__
from videorace.pipeline import front
from videorace.pipeline.pages import render
from videorace.pipeline.state import FAILED_DIR as FAILED


def render_index(state: dict, changes: str = "", stopped: str = "",
                 picture: dict | None = None) -> str:
    """The page for the reports in ``state``; ``changes`` is the HTML of the section on what the
    latest build changed (``changes.render_html``), shown above the reports. A failure comes first,
    above the answer, on the first screen: ``stopped`` (``changes.stopped_html``: the latest build
    stopped before any report ran) and every failed report, each linked to its error. Then
    ``opening``, with ``picture`` (``picture.write``: who led when) under the paragraph."""
    reports = [(key, state[key]) for key in sorted(state)]
    return render("index.html.j2", version=__version__, reports=reports,
                  failed_reports=failures(reports), opening=opening(state, picture),
                  answer=answer_section(state),
                  changes=Markup(changes), stopped=Markup(stopped)) + "\n"


def failures(reports: list[tuple[str, dict]]) -> list[dict]:
    """The reports whose latest build failed: title, when, the error line, the log's link (when
    the failure left one) and whether a good version is kept."""
    out = []
    for key, e in reports:
        if e.get("status") != "failed":
            continue
        logs = [f for f in e.get("failed_files", [f"{FAILED}/{key}.log"]) if f.endswith(".log")]
        out.append({"title": e["title"], "failed_at": e.get("failed_at", ""),
                    "message": e.get("message", ""), "log": logs[0] if logs else "",
                    "kept": bool(e.get("built_at"))})
    return out


def built_at(state: dict) -> str:
    """When the newest report of ``state`` was built (its ISO time), '' when none was."""
    return max((e.get("built_at") or "" for e in state.values()), default="")


def opening(state: dict, picture: dict | None = None) -> Markup:
    """What the index opens with, after any failure: the date the answer is true to (the data's
    last day, the build's day and the days between that it does not cover), each arena board
    whose latest snapshot is older, and the answer in a paragraph whose every clause links to
    the report that carries its evidence (``front``). Empty without answers."""
    columns = front.answered(state)
    line = front.date_line(columns, built_at(state))
    if line is None:
        return Markup("")
    return render("opening.html.j2", line=line, stale=front.stale_boards(columns, line["data_to"]),
                  sentences=front.paragraph(columns), picture=picture)


def answer_section(state: dict) -> Markup:
    """'The answer as it stands': one row per dimension, one column per report that gave an
    answer (``report.answer``; a failed report keeps its last good one) under a header in a
    reader's words, each cell who leads on the report's last day and since when, without its
    notes (the report has them, one click away). Without answers (no
    reports.toml, say) it says the answer is missing."""
    columns = front.answered(state)
    dims = list(dict.fromkeys(r["row"] for e in columns for r in e["answer"]["rows"]))
    rows = [(dim, [next((r for r in e["answer"]["rows"] if r["row"] == dim), None)
                   for e in columns]) for dim in dims]
    return render("answer.html.j2", columns=columns, rows=rows, header=front.header,
                  short=front.short_since)
