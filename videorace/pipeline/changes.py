"""What each build changed against the one before: each report's key figures (old -> new) and each
data row added, removed or changed, by its primary key (``datadiff.py``).

Every build keeps what the reports now publish in ``<out>/.build-baseline.json`` (each report's key
figures as of its last good build, a SHA-256 per data file) and the data in ``.build-data/``; the
next build compares with them. A build that changed something adds a dated entry to the change
log (``.build-changelog.json``, newest first), which ``CHANGES.md`` and the index show; a build
that changed nothing adds none, so the latest change stays in view with its date.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from videorace.analysis.markup import esc
from videorace.data.schema import TABLES
from videorace.pipeline import datadiff
from videorace.pipeline.pages import NONE, render
from videorace.pipeline.state import atomic_write, shown

BASELINE_FILE = ".build-baseline.json"
CHANGES_FILE = "CHANGES.md"
LOG_FILE = ".build-changelog.json"
HEADING = "What changed"
FIRST = "First build: there is no earlier build to compare with."
NOTHING = "Nothing changed: no key figure and no data file."
NO_FIGURE = "No key figure changed."
DATA_UNKNOWN = "The previous build did not record its data files."
#: Entries kept in the change log (and CHANGES.md), newest first; older ones are dropped.
LOG_LIMIT = 100


def data_digests(data_dir: Path) -> dict[str, str]:
    """``data/<file>`` -> SHA-256 of its bytes, for each of the schema's tables."""
    digests = {}
    for table in sorted(TABLES.values(), key=lambda t: t.filename):
        path = data_dir / table.filename
        body = path.read_bytes() if path.is_file() else b"<missing>"
        digests[f"data/{table.filename}"] = hashlib.sha256(body).hexdigest()
    return digests


def published_figures(state: dict, keys: set[str]) -> dict[str, list]:
    """Each listed report's key figures as the state holds them (from its last good build)."""
    return {k: state[k].get("key_figures", []) for k in sorted(keys) if k in state}


def previous(out: Path, state: dict) -> dict | None:
    """The baseline of the previous successful build; None before the first build. Reports
    built before the baseline existed give their figures from the state, without data digests."""
    try:
        return json.loads((out / BASELINE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    figures = {k: e["key_figures"] for k, e in state.items()
               if isinstance(e, dict) and e.get("key_figures")}
    return {"figures": figures, "data": None} if figures else None


def baseline(figures: dict[str, list], data: dict[str, str]) -> str:
    return json.dumps({"figures": figures, "data": data}, indent=1, sort_keys=True) + "\n"


def figure_changes(old: list, new: list) -> list[list]:
    """[name, old value, new value] of each figure that changed, appeared (old None) or went
    (new None): the new order first, then the figures that went."""
    before, after = dict(old), dict(new)
    names = list(after) + [n for n in before if n not in after]
    return [[n, before.get(n), after.get(n)] for n in names if before.get(n) != after.get(n)]


def compare(prior: dict | None, state: dict, figures: dict[str, list],
            data: dict[str, str], rows=None) -> dict:
    """The changes of this build: ``first`` (no earlier build), ``reports`` (key, title, html and
    the changed figures of each report with any), ``data`` (changed files; None when unknown),
    ``rows`` (``rows(files)``: each changed file's row changes, or None without a data copy)."""
    if prior is None:
        return {"first": True, "reports": [], "data": []}
    reports = []
    for key, new in figures.items():
        changed = figure_changes(prior["figures"].get(key, []), new)
        if changed:
            e = state[key]
            reports.append({"key": key, "title": e.get("title", key), "html": e.get("html", ""),
                            "figures": changed})
    old_data = prior.get("data")
    files = None if old_data is None else sorted(
        f for f in set(data) | set(old_data) if data.get(f) != old_data.get(f))
    return {"first": False, "reports": reports, "data": files,
            "rows": rows(files) if rows and files else None}


def changed(found: dict) -> bool:
    """Whether a build's comparison has anything to log (a first build does)."""
    return bool(found["first"] or found["reports"] or found["data"] or found["data"] is None)


def read_log(out: Path) -> list[dict]:
    """The change log as the last build left it, newest first; empty before the first."""
    try:
        return json.loads((out / LOG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def logged(out: Path, found: dict, at: str) -> list[dict]:
    """The change log with this build's entry first when it changed something (written back),
    at most ``LOG_LIMIT`` entries: the oldest go."""
    log = read_log(out)
    if changed(found):
        log = ([{"at": at, "changes": found}] + log)[:LOG_LIMIT]
        atomic_write(out / LOG_FILE, json.dumps(log, indent=1, sort_keys=True) + "\n")
    return log


def _value(v) -> str:
    return NONE if v is None else esc(v)


def _summary(changes: dict) -> str | None:
    """The one sentence that stands for the changes when there is no list to show."""
    if changes["first"]:
        return FIRST
    if not changes["reports"] and changes["data"] == []:
        return NOTHING
    return None if changes["reports"] else NO_FIGURE


def _data_files(changes: dict) -> list[dict]:
    """Each changed data file: its ``name`` as the build read it (``--data``), the ``key`` its rows
    are listed by, and its ``rows`` (``datadiff.items``; [("bytes",)] when only its bytes changed,
    None when the previous build kept no copy); or one entry ``unknown`` when the previous build
    did not record its data files."""
    if changes["first"] or changes["data"] == []:
        return []
    if changes["data"] is None:
        return [{"unknown": DATA_UNKNOWN}]
    rows = changes.get("rows") or {}
    where = changes.get("data_dir", "data")  # the directory the build read (``--data``)
    out = []
    for name in changes["data"]:
        listed = None
        if name in rows:  # the same rows in other bytes (line endings, quoting) list none
            listed = datadiff.items(rows[name]) or [("bytes",)]
        key = rows[name].get("key", "") if name in rows else ""
        out.append({"name": f"{where}/{name.split('/', 1)[-1]}", "key": key, "rows": listed})
    return out


def _data_lines(changes: dict) -> list[tuple[str, list[str]]]:
    """(sentence, row lines) in Markdown for each changed data file (``_data_files``); the
    sentence ends in ':' when lines follow it, else in '.'."""
    out = []
    for d in _data_files(changes):
        if "unknown" in d:
            out.append((d["unknown"], []))
            continue
        detail = ([] if d["rows"] is None else ["no row changed, only the bytes"]
                  if d["rows"] == [("bytes",)] else [_row_markdown(item) for item in d["rows"]])
        by = f" (rows by {esc(d['key'])})" if d["key"] and detail else ""
        out.append((f"Data `{esc(d['name'])}` changed{by}{':' if detail else '.'}", detail))
    return out


def _row_markdown(item: tuple) -> str:
    kind, *rest = item
    code = lambda k: f"`{k}`"  # noqa: E731
    return {"added": lambda: f"added {code(rest[0])}", "removed": lambda: f"removed {code(rest[0])}",
            "more": lambda: f"… and {rest[0]} more",
            "changed": lambda: f"{code(rest[0])}: {esc(rest[1])}: {esc(rest[2])} → {esc(rest[3])}",
            }[kind]()


def _partial(changes: dict) -> str | None:
    """The sentence that says a build made only some reports (``--only``), from which data."""
    if not changes.get("only"):
        return None
    return (f"A build of {', '.join(changes['only'])} only (`--only`), from "
            f"{changes.get('data_dir', 'data')}: the data's changes are listed by the next full "
            "build.")


def _entry_markdown(changes: dict) -> list[str]:
    lines = [esc(_partial(changes)), ""] if _partial(changes) else []
    summary = _summary(changes)
    if summary:
        lines += [summary, ""]
    for r in changes["reports"]:
        lines += [f"### {esc(r['title'])} (`{esc(r['key'])}`)", ""]
        lines += [f"- {esc(n)}: {_value(old)} → {_value(new)}" for n, old, new in r["figures"]]
        lines.append("")
    for sentence, detail in _data_lines(changes):
        lines += [sentence, ""] + [f"- {d}" for d in detail] + ([""] if detail else [])
    return lines


def render_markdown(log: list[dict]) -> str:
    """``CHANGES.md``: every build that changed something, newest first, each under its date."""
    lines = [f"# {HEADING}", "", "Each build that changed a key figure or the data, newest first "
             f"(times in UTC), the latest {LOG_LIMIT} at most. A build that changed nothing adds "
             "no entry.", ""]
    for entry in log:
        lines += [f"## {shown(entry['at'])}", ""] + _entry_markdown(entry["changes"])
    return "\n".join(lines).rstrip("\n") + "\n"


def render_html(log: list[dict], built_at: str = "", this_build: dict | None = None) -> str:
    """The index's section (``templates/pages/changes.html.j2``): the latest change and when it
    happened (not the latest build), and a line saying when the latest build ran if it changed
    nothing."""
    latest = log[0] if log else None
    quiet = this_build is not None and not changed(this_build) and built_at
    return render("changes.html.j2", nothing_at=built_at if quiet else "", latest=latest,
                  partial=_partial(latest["changes"]) if latest else None,
                  summary=_summary(latest["changes"]) if latest else None,
                  data=_data_files(latest["changes"]) if latest else [])


def stopped_html(at: str, summary: str, details: list[str], limit: int = 20) -> str:
    """The index's notice for a build that stopped before any report ran, with its error lines."""
    return render("stopped.html.j2", at=at, summary=summary, details=details, limit=limit)
