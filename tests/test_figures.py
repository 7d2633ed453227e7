"""What the charts draw, read from the charts the notebooks actually made (``report.figure`` keeps
the plotted numbers beside each PNG), checked against the tables they are drawn from. nbval then
compares those plotted numbers with the committed notebooks on every run."""

import json

import nbformat
import pandas as pd
import pytest

from tests.notebook_run import run
from videorace.pipeline import config
from videorace.analysis import report
from videorace.pipeline.notebooks import notebook_names


@pytest.mark.parametrize("name", notebook_names())
def test_every_committed_chart_carries_what_it_plots(name):
    """Every PNG in a committed notebook has its plotted numbers beside it, so nbval compares
    them; a chart shown any other way (the inline backend, plt.show) would escape the check."""
    nb = nbformat.read(config.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    pngs = [o for o in outputs if "image/png" in o.get("data", {})]
    assert pngs, f"{name} shows no chart"
    for o in pngs:
        plotted = o["data"].get(report.PLOTTED_MIME)
        assert plotted and plotted[0]["lines"] + plotted[0]["bars"], f"{name}: a chart without data"


def test_plotted_numbers_survive_the_notebook_format_unchanged(monkeypatch):
    """Plotted data is plain JSON (rounded floats, strings, lists), so a round trip through the
    notebook file cannot change it and nbval compares like with like."""
    figures = run("05_market_and_predictions", monkeypatch).figures
    assert figures and json.loads(json.dumps(figures)) == figures


def test_log_axes_where_values_span_orders_of_magnitude(monkeypatch):
    lengths, pixels = run("03_clip_length_resolution", monkeypatch).figures
    assert lengths[0]["xscale"] == "log"  # 2 s to 180 s on one axis
    assert pixels[0]["xscale"] == "log"
    forecast, adoption = run("05_market_and_predictions", monkeypatch).figures
    assert forecast[0]["yscale"] == adoption[0]["yscale"] == "log"


def test_forecast_chart_draws_the_unit_slip_only_when_asked(monkeypatch):
    # three forecasts in metrics.csv (a2's, Bloomberg Intelligence's, Precedence Research's), plus
    # one what-if line when show_unit_slip is true
    with_slip = run("05_market_and_predictions", monkeypatch).figures[0][0]["lines"]
    without = run("05_market_and_predictions", monkeypatch, show_unit_slip=False).figures[0][0]["lines"]
    assert (len(with_slip), len(without)) == (4, 3)


def test_fixed_title_height_draws_where_matplotlib_would_place_it():
    """The style fixes the title's height (axes.titley) so drawing skips measuring the x-axis. On
    the project's charts (ticks and labels at the bottom) matplotlib's own placement puts the
    title exactly there, with the same layout. With the x-axis label moved to the top, its own
    placement would lift the title and the fixed one overlaps the label, which is why no chart
    may put anything at the top."""
    import matplotlib

    from videorace.analysis import plots

    plots.use_style()
    assert matplotlib.rcParams["axes.titley"] == 1.0

    def drawn(top_label: bool, titley):
        with matplotlib.rc_context({"axes.titley": titley}):
            fig, ax = plots.figure("A title", "Date", "Seconds")
            ax.plot([0, 1, 2], [3, 60, 180])
            if top_label:
                ax.xaxis.set_label_position("top")
            plots.finish(fig, "Source: a note")
            fig.canvas.draw()
        title, label = ax.title.get_window_extent(), ax.xaxis.label.get_window_extent()
        plots.plt.close(fig)
        return ax.title.get_position()[1], ax.get_position().bounds, title.overlaps(label)

    automatic = drawn(False, None)
    assert drawn(False, 1.0) == automatic == (1.0, automatic[1], False)
    fixed_y, _, fixed_overlaps = drawn(True, 1.0)
    auto_y, _, auto_overlaps = drawn(True, None)
    assert (fixed_y, fixed_overlaps) == (1.0, True)
    assert auto_y > 1.0 and not auto_overlaps


def test_each_chart_file_costs_one_drawing_pass(monkeypatch, tmp_path):
    """Under the build a chart is saved twice (PNG, SVG). A figure left with a layout engine
    (tight_layout leaves a placeholder) would be drawn twice per file: savefig first makes an
    unrendered pass for the engine."""
    from matplotlib.figure import Figure

    from videorace.analysis import plots

    plots.use_style()
    monkeypatch.setenv(report.TAKEAWAY_DIR_ENV, str(tmp_path))
    passes = []
    draw = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda fig, renderer: passes.append(1) or draw(fig, renderer))
    fig, ax = plots.figure("A title", "Date", "Seconds")
    ax.plot([0, 1, 2], [3, 60, 180])
    plots.finish(fig, "Source: a note")
    report.figure(fig, "A line from 3 s to 180 s", pd.DataFrame({"x": [0, 1, 2], "y": [3, 60, 180]}))
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".csv", ".png", ".svg"]
    assert len(passes) == 2


@pytest.mark.parametrize("shape", ["seconds", "count", "plain"])
def test_log_axes_without_minor_ticks_draw_the_same_pixels(shape):
    """``plots.no_minor_ticks`` removes the minor ticks of a log axis, which the style leaves
    without marks, grid or labels: the PNG is byte for byte the one with them, and the axis has
    none to place and measure (a wide axis had dozens)."""
    import io

    import matplotlib

    from videorace.analysis import plots

    plots.use_style()

    def png(minor: bool) -> tuple[bytes, int]:
        fig, ax = plots.figure("A title", "seconds", "", size=(4.5, 2.4))  # small: cheap to draw
        ax.plot([2, 16, 180, 1e6], [0, 1, 2, 3], marker="o")
        ax.set_xscale("log")
        if shape == "seconds":
            plots.seconds_axis(ax)
        elif shape == "count":
            plots.count_axis(ax.xaxis)
        else:
            ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
            plots.no_minor_ticks(ax.xaxis)
        if minor:  # what the axis had before: matplotlib's minor ticks of a log axis
            ax.xaxis.set_minor_locator(matplotlib.ticker.LogLocator(subs="auto"))
            ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        plots.finish(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        count = len(ax.xaxis.get_minorticklocs())
        plots.plt.close(fig)
        return buffer.getvalue(), count

    (without, none), (with_minor, some) = png(False), png(True)
    assert none == 0 and some > 20
    assert without == with_minor
