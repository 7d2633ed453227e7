"""The names and the escaping the notebooks' outputs and the build agree on. Imports nothing heavy,
so the build's processes can use it without loading pandas."""

from __future__ import annotations

import html

from videorace.data.vocab import WEST_SIDE

#: Output metadata under which ``report.key_figures`` hands its figures to the build's index.
KEY_FIGURES_KEY = "videorace_key_figures"
#: Output metadata under which ``report.answer`` hands the answer as it stands to the index.
ANSWER_KEY = "videorace_answer"
#: The MIME type under which a chart's plotted numbers travel beside its PNG.
PLOTTED_MIME = "application/vnd.videorace.plotted+json"


#: How a comparator side reads in a sentence (the reports and the index say it the same way).
SIDE_WORDS = {"Western": WEST_SIDE, "Comparators": "the named models"}


def esc(value) -> str:
    """Data text made safe for Markdown/HTML output; missing values (None, pandas' NA) are empty."""
    missing = value is None or type(value).__name__ == "NAType"
    return html.escape("" if missing else str(value), quote=False)

#: Set by the build for each report's kernel: the folder where charts (PNG, SVG) and the data behind
#: charts and tables (CSV) are written, and the relative link to it from the report's HTML. Outside
#: the build (nbval, JupyterLab) they are unset and no file is written.
TAKEAWAY_DIR_ENV = "VIDEORACE_TAKEAWAY_DIR"
TAKEAWAY_LINK_ENV = "VIDEORACE_TAKEAWAY_LINK"
