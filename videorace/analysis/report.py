"""What notebooks call to show computed prose, key figures and sources. Text from the data is
escaped here, so a note containing markup shows as text in every report."""

from __future__ import annotations

import base64
import io

import pandas as pd
from IPython.display import Markdown, display

from videorace.analysis.wording import counted, verb  # noqa: F401 (for the notebooks)

from videorace.analysis.markup import KEY_FIGURES_KEY, PLOTTED_MIME, esc  # noqa: F401


def say(text: str) -> None:
    """Show a sentence whose numbers the caller computed (f-string from variables)."""
    display(Markdown(text))


def key_figures(figures: dict[str, str]) -> None:
    """Show the notebook's headline figures; the build also lifts them into reports/index.html."""
    lines = "\n".join(f"- **{esc(k)}**: {esc(v)}" for k, v in figures.items())
    display(Markdown("**Key figures**\n\n" + lines),
            metadata={KEY_FIGURES_KEY: {str(k): str(v) for k, v in figures.items()}})


def figure(fig) -> None:
    """Show a chart as a PNG together with what it plots (``plots.plotted_data``) under
    ``PLOTTED_MIME``, then close it. The HTML report shows the picture; nbval, which skips PNGs,
    compares the plotted numbers, so a chart that draws something else fails the regression check."""
    from videorace.analysis import plots

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    title = next((ax.get_title() for ax in fig.axes if ax.get_title()), fig.get_suptitle())
    display({"image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
             "text/plain": f"<chart: {title}>", PLOTTED_MIME: plots.plotted_data(fig)}, raw=True)
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


def table(frame: pd.DataFrame, formats: dict | None = None) -> None:
    """Show ``frame``: numbers formatted, missing values blank, text escaped by pandas and never
    cut short (pandas' 50-character limit applies only while this table is rendered)."""
    shown = frame.astype(object)
    for col, fmt in (formats or {}).items():
        shown[col] = [fmt(v) if not pd.isna(v) else "" for v in shown[col]]
    with pd.option_context("display.max_colwidth", None):
        display(shown.where(shown.notna(), ""))

