"""What changed in the latest build, against the previous successful one: each report's key figures
(old -> new) and the data files whose bytes changed.

A successful build keeps what it published in ``<out>/.build-baseline.json`` (each report's key
figures, a SHA-256 per data file); the next successful build compares with it. A failed build
leaves the baseline, the index and ``CHANGES.md`` as they were, so the next good build lists
everything since the last good one. A build that changed nothing lists nothing, and writes the
same bytes as before.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from videorace.analysis.markup import esc
from videorace.data.schema import TABLES

BASELINE_FILE = ".build-baseline.json"
CHANGES_FILE = "CHANGES.md"
HEADING = "What changed in the latest build"
FIRST = "This is the first build: there is no earlier build to compare with."
NOTHING = "Nothing changed in the latest build: no key figure and no data file."
NO_FIGURE = "No key figure changed."
DATA_UNKNOWN = "The previous build did not record its data files."
NONE = "(none)"  # the old value of a figure that appeared, the new value of one that went


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
            data: dict[str, str]) -> dict:
    """The changes of this build: ``first`` (no earlier build), ``reports`` (key, title, html and
    the changed figures of each report with any), ``data`` (changed files; None when unknown)."""
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
    return {"first": False, "reports": reports, "data": files}


def _value(v) -> str:
    return NONE if v is None else esc(v)


def _summary(changes: dict) -> str | None:
    """The one sentence that stands for the changes when there is no list to show."""
    if changes["first"]:
        return FIRST
    if not changes["reports"] and changes["data"] == []:
        return NOTHING
    return None if changes["reports"] else NO_FIGURE


def _data_line(changes: dict, code) -> str | None:
    """The changed data files, each name set as ``code(name)``; None when there are none."""
    if changes["first"] or changes["data"] == []:
        return None
    if changes["data"] is None:
        return DATA_UNKNOWN
    return "Data files changed: " + ", ".join(code(esc(f)) for f in changes["data"]) + "."


def render_markdown(changes: dict) -> str:
    """``CHANGES.md``: the same content as the index's section, in Markdown."""
    lines = [f"# {HEADING}", ""]
    summary = _summary(changes)
    if summary:
        lines += [summary, ""]
    for r in changes["reports"]:
        lines += [f"## {esc(r['title'])} (`{esc(r['key'])}`)", ""]
        lines += [f"- {esc(n)}: {_value(old)} → {_value(new)}" for n, old, new in r["figures"]]
        lines.append("")
    data = _data_line(changes, lambda f: f"`{f}`")
    if data:
        lines += [data, ""]
    return "\n".join(lines)


def render_html(changes: dict) -> str:
    """The index's section: per report the changed figures as old → new, the changed data files,
    or the one sentence saying there is nothing to list."""
    parts = [f"<h2>{HEADING}</h2>"]
    summary = _summary(changes)
    if summary:
        parts.append(f"<p>{summary}</p>")
    if changes["reports"]:
        items = []
        for r in changes["reports"]:
            figures = "".join(f"<li><b>{esc(n)}</b>: {_value(old)} → {_value(new)}</li>"
                              for n, old, new in r["figures"])
            items.append(f"<li><a href=\"{esc(r['html'])}\">{esc(r['title'])}</a> "
                         f"<small><code>{esc(r['key'])}</code></small><ul>{figures}</ul></li>")
        parts.append("<ul class=\"changes\">" + "".join(items) + "</ul>")
    data = _data_line(changes, lambda f: f"<code>{f}</code>")
    if data:
        parts.append(f"<p>{data}</p>")
    return "\n".join(parts)
