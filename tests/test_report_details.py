"""Smaller report details, each checked where the reader sees it (04's key
figures, run in-process, are checked in tests/test_tokens_notebook.py)."""

from __future__ import annotations

import pandas as pd

from videorace.analysis import tokens
from videorace.pipeline import config

ARCH = pd.read_csv(config.DATA_DIR / "architectures.csv")


def test_a_geometry_is_named_by_its_model_not_its_id():
    assert tokens.display_name(ARCH, "wan21_14b") == "Wan2.1-T2V-14B"
    assert tokens.display_name(ARCH, "no_such_geometry") == "no_such_geometry"


def test_a_long_title_over_axes_with_long_labels_stays_inside_the_figure():
    """01's chart title ran off the PNG's right edge: long y labels push the axes, and the title
    centred over them, to the right. finish wraps it."""
    import matplotlib

    matplotlib.use("Agg")
    from videorace.analysis import plots

    fig, ax = plots.figure("Funding rounds as the articles' wording allows (about 7.14 CNY per "
                           "USD, implied)", "millions of US dollars", "", size=(9, 3.8))
    ax.barh([0, 1], [10, 20])
    ax.set_yticks([0, 1], ["Shengshu Technology (2024-03-12)", "AIsphere (2024-03-11)"])
    plots.finish(fig, "Source: funding_rounds.csv")
    fig.canvas.draw()
    box = ax.title.get_window_extent()
    assert 0 <= box.x0 and box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height
    # and in the saved PNG: no ink in the outermost columns and rows, where a cut title would run
    import io

    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=plots.PNG_DPI)
    png = Image.open(buffer).convert("L")
    width, height = png.size
    edges = [png.crop(b) for b in ((0, 0, width, 2), (width - 2, 0, width, height))]
    assert all(e.getextrema()[0] > 200 for e in edges)  # the top and right edges are background


def test_catch_up_legends_sit_outside_the_panels():
    """06: no legend is drawn over a panel's lines; each sits beside its panel."""
    import matplotlib

    matplotlib.use("Agg")
    from videorace.analysis import catchup

    day = pd.Timestamp
    items = pd.DataFrame({
        "dimension": ["clip_s"] * 3 + ["vbench_total"] * 2,
        "side": ["China", "China", "Sora", "China", "Sora"],
        "value": [4.0, 16.0, 20.0, 80.0, 84.0],
        "start": [day("2024-01-01"), day("2024-03-01"), day("2024-02-15"), day("2024-01-01"),
                  day("2024-02-01")],
        "end": [day("2024-01-31"), day("2024-03-31"), day("2024-02-15"), day("2024-01-31"),
                day("2024-02-29")]})
    run = catchup.Run(None, ("clip_s", "vbench_total"), "sora", "usable", day("2024-01-01"),
                      day("2024-06-30"))
    fig = catchup.plot(catchup.Race(run, items, items.iloc[0:0]))
    fig.canvas.draw()
    for ax in fig.axes:
        legend = ax.get_legend().get_window_extent()
        assert not legend.overlaps(ax.get_window_extent()), ax.get_title()
        assert legend.x1 <= fig.bbox.width  # and it is inside the picture


def test_clip_length_heading_promises_no_time_axis_its_chart_lacks():
    """03's length chart has seconds on its x axis, not dates: its heading said 'over time'."""
    import nbformat

    from videorace.pipeline import config

    nb = nbformat.read(config.NOTEBOOKS_DIR / "03_clip_length_resolution.ipynb", as_version=4)
    cells = nb.cells
    chart = next(i for i, c in enumerate(cells) if "clips.plot_lengths" in c.source)
    heading = next(c.source for c in reversed(cells[:chart]) if c.cell_type == "markdown")
    assert "over time" not in heading.lower() and "clip" in heading.lower(), heading
