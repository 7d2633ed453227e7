"""What notebooks call to show computed prose, key figures and sources. Text from the data is
escaped here, so a note containing markup shows as text in every report."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import Markdown, display

KEY_FIGURES_KEY = "videorace_key_figures"


def esc(value) -> str:
    """Data text made safe for Markdown/HTML output."""
    return html.escape("" if value is None or value is pd.NA else str(value), quote=False)


def say(text: str) -> None:
    """Show a sentence whose numbers the caller computed (f-string from variables)."""
    display(Markdown(text))


def key_figures(figures: dict[str, str]) -> None:
    """Show the notebook's headline figures; the build also lifts them into reports/index.html."""
    lines = "\n".join(f"- **{esc(k)}**: {esc(v)}" for k, v in figures.items())
    display(Markdown("**Key figures**\n\n" + lines),
            metadata={KEY_FIGURES_KEY: {str(k): str(v) for k, v in figures.items()}})


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


def table(frame: pd.DataFrame, formats: dict | None = None) -> pd.DataFrame:
    """A copy for display: numbers formatted, missing values blank, text escaped by pandas."""
    shown = frame.astype(object)
    for col, fmt in (formats or {}).items():
        shown[col] = [fmt(v) if not pd.isna(v) else "" for v in shown[col]]
    return shown.where(shown.notna(), "")
