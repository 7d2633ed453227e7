"""What notebooks call to show computed prose, tables, charts, key figures and sources. Text from
the data is escaped here, so a note containing markup shows as text in every report. Under the build,
each chart and table also leaves take-away files (PNG, SVG, CSV) beside the report, linked under it."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import struct
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from videorace.analysis import tables
from videorace.analysis.wording import counted, verb  # noqa: F401 (for the notebooks)

from videorace.analysis.markup import (ANSWER_KEY, KEY_FIGURES_KEY, PLOTTED_MIME,  # noqa: F401
                                       TAKEAWAY_DIR_ENV, TAKEAWAY_LINK_ENV, esc)


def say(text: str) -> None:
    """Show a sentence whose numbers the caller computed (f-string from variables)."""
    display(Markdown(text))


def key_figures(figures: dict[str, str]) -> None:
    """Show the notebook's headline figures; the build also lifts them into reports/index.html."""
    lines = "\n".join(f"- **{esc(k)}**: {esc(v)}" for k, v in figures.items())
    display(Markdown("**Key figures**\n\n" + lines),
            metadata={KEY_FIGURES_KEY: {str(k): str(v) for k, v in figures.items()}})


def answer(frame: pd.DataFrame, as_of) -> None:
    """Show the answer as it stands (``catchup.answer_table``: dimension, who leads now, since
    when, who led at the end of 2024) as a table; the build lifts it into reports/index.html."""
    spec = tables.Spec({"dimension": "Dimension", "now": f"Leads on {as_of:%Y-%m-%d} (a board: at its latest snapshot)",
                        "since": "Since", "end_2024": "Led at the end of 2024"}, {}, {}, {}, {})
    rows = [{k: str(v) for k, v in row.items()} for row in frame.to_dict("records")]
    display(HTML(tables.to_html(frame, spec, "answer", "")),
            metadata={ANSWER_KEY: {"as_of": f"{as_of:%Y-%m-%d}", "rows": rows}})
    takeaway("table", {"csv": tables.to_csv(frame, spec)})


def takeaway(kind: str, files: dict[str, bytes | str]) -> None:
    """Under the build, write ``files`` (extension -> content) as ``<kind>-<n>.<ext>`` into the
    report's take-away folder and show links to them; elsewhere do nothing. ``n`` counts the
    ``kind`` files already there, so the numbering follows the order of the report."""
    folder, link = os.environ.get(TAKEAWAY_DIR_ENV), os.environ.get(TAKEAWAY_LINK_ENV, "")
    if not folder:
        return
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{kind}-{len(list(folder.glob(f'{kind}-*.csv'))) + 1}"
    for ext, content in files.items():
        path = folder / f"{stem}.{ext}"
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    anchors = " · ".join(f'<a href="{esc(link)}/{stem}.{ext}">{ext.upper()}</a>' for ext in files)
    display(HTML(f'<p class="vr-takeaway">Download this {kind}: {anchors}</p>'))


#: zlib level of the PNGs: 3 writes them about a third faster than the default 6, for files
#: about 6% larger.
PNG_COMPRESSION = 3


def figure(fig, alt: str, data: pd.DataFrame) -> None:
    """Show a chart as a PNG with alternative text ``alt`` (what it shows, with its main numbers),
    together with what it plots (``plots.plotted_data``) under ``PLOTTED_MIME``, then close it.
    The HTML report shows the picture; nbval, which skips PNGs, compares the plotted numbers, so a
    chart that draws something else fails the regression check. ``data`` is the frame the chart
    was drawn from: under the build it is saved as CSV beside the PNG and an SVG."""
    from videorace.analysis import plots

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=plots.PNG_DPI,
                pil_kwargs={"compress_level": PNG_COMPRESSION})
    png = buffer.getvalue()
    width, height = struct.unpack(">II", png[16:24])  # the PNG header's IHDR chunk
    title = next((ax.get_title() for ax in fig.axes if ax.get_title()), fig.get_suptitle())
    shown = {"alt": alt, "width": round(width * plots.SHOWN_DPI / plots.PNG_DPI),
             "height": round(height * plots.SHOWN_DPI / plots.PNG_DPI)}
    display({"image/png": base64.b64encode(png).decode("ascii"),
             "text/plain": f"<chart: {title}>", PLOTTED_MIME: plots.plotted_data(fig)},
            metadata={"image/png": shown}, raw=True)
    if os.environ.get(TAKEAWAY_DIR_ENV):
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None})
        takeaway("chart", {"png": png, "svg": svg.getvalue(),
                           "csv": data.to_csv(index=False, date_format="%Y-%m-%d")})
    plots.plt.close(fig)


def sources(ds, source_ids) -> None:
    """List the cited sources from sources.csv, escaped, in id order."""
    table = ds.sources.set_index("source_id")
    lines = []
    for sid in sorted(set(source_ids)):
        row = table.loc[sid]
        when = row.published_on.strftime({"day": "%Y-%m-%d", "month": "%Y-%m"}.get(
            row.published_precision, "%Y"))
        link = f" <{esc(row.url)}>" if isinstance(row.url, str) and row.url else ""
        lines.append(f"- `{esc(sid)}`: {esc(row.publisher)}, *{esc(row.title)}* ({when}){link}")
    display(Markdown("\n".join(lines)))


def table(frame: pd.DataFrame, columns: dict[str, str], *, dates: dict[str, str] | None = None,
          ids: dict[str, str] | None = None, formats: dict | None = None,
          ranges: dict[str, str] | None = None, caption: str = "") -> None:
    """Show ``frame`` in the project's one table style (``tables.to_html``): the ``columns`` shown
    under their headers, ``dates`` at their precision, ``ids`` in small type under the names,
    ``formats`` for values ``tables.plain`` should not write, ``ranges`` low columns shown with
    their high column as 'low to high'. Under the build the same columns,
    unformatted, are saved as CSV and linked under the table."""
    spec = tables.Spec(columns, dates or {}, ids or {}, formats or {}, ranges or {})
    csv = tables.to_csv(frame, spec)
    table_id = "t" + hashlib.sha1(csv.encode("utf-8")).hexdigest()[:8]  # deterministic markup
    display(HTML(tables.to_html(frame, spec, table_id, caption)))
    takeaway("table", {"csv": csv})
