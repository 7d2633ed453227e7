"""``reports/index.html``: what changed in the latest build, then every report with its parameters,
status and key figures."""

from __future__ import annotations

from videorace import __version__
from videorace.analysis.markup import SIDE_WORDS, esc
from videorace.pipeline.state import FAILED_DIR as FAILED
from videorace.pipeline.state import shown


def render_index(state: dict, changes: str = "", stopped: str = "") -> str:
    """The page for the reports in ``state``; ``changes`` is the HTML of the section on what the
    latest build changed (``changes.render_html``), shown above the reports. A failure comes first,
    above the answer, on the first screen: ``stopped`` (``changes.stopped_html``: the latest build
    stopped before any report ran) and every failed report, each linked to its error."""
    rows = []
    for key in sorted(state):
        e = state[key]
        params = ", ".join(f"{esc(k)} = {esc(v)}" for k, v in e.get("parameters", {}).items()) \
            or "defaults"
        figures = "".join(f"<li><b>{esc(k)}</b>: {esc(v)}</li>" for k, v in e.get("key_figures", []))
        good = e.get("built_at")  # set by the report's last good build, kept when it fails
        status, note = esc(e.get("status", "?")), ""
        if e.get("status") == "failed":
            status = failed_cell(key, e, good)
            note = "<small>from the last good version:</small>" if figures else ""
        title = f"<a href=\"{esc(e['html'])}\">{esc(e['title'])}</a>" if good else esc(e["title"])
        built = f"{esc(shown(good))}<br><small>{esc(e.get('seconds'))} s</small>" if good else ""
        rows.append(
            f"<tr><td>{title}<br>"
            f"<small><code>{esc(e['notebook'])}</code> / {esc(e['set'])}</small></td>"
            f"<td>{params}</td><td class=\"{esc(e.get('status', ''))}\">{status}</td>"
            f"<td>{built}</td><td>{note}<ul>{figures}</ul></td></tr>")
    return INDEX_TEMPLATE.format(version=esc(__version__), alert=stopped + failures_section(state),
                                 answer=answer_section(state),
                                 changes=changes, rows="\n".join(rows))


def failures_section(state: dict) -> str:
    """The notice of the reports whose latest build failed, each with its error line and a link to
    its log (the failing cell, exception and traceback); empty when none failed."""
    failed = [(k, state[k]) for k in sorted(state) if state[k].get("status") == "failed"]
    if not failed:
        return ""
    items = []
    for key, e in failed:
        log = next((f for f in e.get("failed_files", [f"{FAILED}/{key}.log"]) if f.endswith(".log")),
                   None)
        error = f" (<a href=\"{esc(log)}\">the error</a>)" if log else ""
        kept = "its last good version is kept" if e.get("built_at") else "no good version yet"
        items.append(f"<li><b>{esc(e['title'])}</b> failed {esc(shown(e.get('failed_at', '')))}: "
                     f"{esc(e.get('message', ''))}{error}; {kept}</li>")
    return (f"<section class=\"alert\" id=\"failed\"><h2>{len(failed)} report(s) failed in the "
            "latest build</h2>\n<p class=\"failed\">The answer and the reports below show each "
            f"one's last good version.</p>\n<ul>{''.join(items)}</ul></section>")


def since_words(since: str) -> str:
    """'since 2025-02-01'; a date already led by 'by' (a board's first spell) keeps its own."""
    return esc(since if since.startswith("by ") else f"since {since}")


def answer_section(state: dict) -> str:
    """'The answer as it stands': one row per dimension, one column per report that gave an
    answer (``report.answer``; a failed report keeps its last good one), each cell who leads on
    the report's last day and since when, and who led at the end of 2024. Empty without answers."""
    reports = [(k, state[k]) for k in sorted(state) if state[k].get("answer", {}).get("rows")]
    if not reports:
        return (f"<h2>{ANSWER_HEADING}</h2>\n<p class=\"failed\">Missing: no report of this build "
                "gives the answer. It comes from the catch-up reports over the whole period "
                "(<code>06_catch_up</code> with <code>window_end = \"latest\"</code>), which "
                "<code>reports.toml</code> lists; a build without that file makes each notebook at "
                "its defaults only.</p>")
    dims = list(dict.fromkeys(r["row"] for _, e in reports for r in e["answer"]["rows"]))
    head = "".join(f"<th scope=\"col\"><a href=\"{esc(e['html'])}\">{esc(e['title'])}</a><br>"
                   f"<small>data to {esc(e['answer']['as_of'])}</small></th>" for _, e in reports)
    body = []
    for dim in dims:
        cells = []
        for _, e in reports:
            row = next((r for r in e["answer"]["rows"] if r["row"] == dim), None)
            cells.append("<td>not compared</td>" if row is None else
                         f"<td><b>{esc(SIDE_WORDS.get(row['now'], row['now']))}</b>"
                         + (f" {since_words(row['since'])}" if row["since"] else "")
                         + f"<br><small>end of 2024: {esc(SIDE_WORDS.get(row['end_2024'], row['end_2024']))}"
                         "</small></td>")
        body.append(f"<tr><th scope=\"row\">{esc(dim)}</th>{''.join(cells)}</tr>")
    return (f"<h2>{ANSWER_HEADING}</h2>\n<p>On each dimension: who leads on the last day of "
            "the data (on an arena board, at its latest snapshot, dated beside it), since when, and "
            "who led when 2024 ended, from the reports over the whole period (each column is one; "
            "follow its link for the evidence).</p>\n"
            f"<table class=\"answer\"><tr><th scope=\"col\">Dimension</th>{head}</tr>\n"
            + "\n".join(body) + "\n</table>")


def failed_cell(key: str, e: dict, good: str | None) -> str:
    """A failed report's status: its one error line, when it failed, a link to its last good
    version with that version's date (or that it has none yet), and links to what the failure
    left in ``_failed/`` (the executed notebook when a cell failed, and the log)."""
    last = (f"<a href=\"{esc(e['html'])}\">last good version</a>, built {esc(shown(good))}"
            if good else "no good version yet")
    left = e.get("failed_files", [f"{FAILED}/{key}.ipynb", f"{FAILED}/{key}.log"])
    links = ", ".join(f"<a href=\"{esc(f)}\">{LEFT.get(f.rsplit('.', 1)[-1], 'file')}</a>"
                      for f in left)
    ran = e.get("failed_parameters")
    ran_with = ("<br><small>the failed run's parameters: "
                + (", ".join(f"{esc(k)} = {esc(v)}" for k, v in ran.items()) or "defaults")
                + "</small>") if ran is not None else ""
    return (f"<b>failed</b> {esc(shown(e.get('failed_at', '')))}<br><small>"
            f"{esc(e.get('message', ''))}</small>{ran_with}<br><small>{last}; "
            + (f"failed copy: {links}" if links else "no failed copy") + "</small>")


LEFT = {"ipynb": "notebook", "log": "log"}
ANSWER_HEADING = "The answer as it stands"


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>videorace reports</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 6px 10px; text-align: left; vertical-align: top; }}
td.ok {{ color: #1a7f37; }} td.failed {{ color: #b42318; }}
ul {{ margin: 0; padding-left: 1.1em; }} small {{ color: #555; }}
ul.changes > li {{ margin-bottom: 0.4em; }}
section.alert {{ border-left: 4px solid #b42318; padding: 0 1em; background: #fef3f2; }}
p.failed {{ color: #b42318; }}
table.answer th[scope=row] {{ font-weight: normal; }} table.answer td b {{ color: #111; }}
</style></head>
<body>
<h1>videorace reports</h1>
<p>China's text-to-video race against Sora, from sourced data. Each report states its
parameters and the data it was built from. videorace {version}.</p>
{alert}
{answer}
{changes}
<h2>Reports</h2>
<table>
<tr><th scope="col">Report</th><th scope="col">Parameters</th><th scope="col">Status</th>
<th scope="col">Built</th><th scope="col">Key figures</th></tr>
{rows}
</table>
</body></html>
"""
