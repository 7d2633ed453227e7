"""videorace.analysis.tokens.charts: the clip-cost and sensitivity charts, on hand-made inputs."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tests.tokens_examples import A, SMALL, TINY  # noqa: E402
from videorace.analysis import tokens as t  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_plot_clip_costs_bars_log_axis_and_citic_range_lines():
    clips = pd.DataFrame({"label": ["A 2 s", "B 4 s"], "seconds": [2.0, 4.0]})
    costs = t.clip_costs(clips, {"CITIC": t.citic_geometry(), "tiny": TINY}, SMALL, A, 12, 32)
    ax = t.plot_clip_costs(costs, "gpu_seconds", "GPU-seconds").axes[0]
    assert len(ax.patches) == 4  # 2 clips x 2 geometries
    assert sorted(p.get_height() for p in ax.patches) == pytest.approx(sorted(costs.gpu_seconds))
    assert ax.get_yscale() == "log"
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["A 2 s", "B 4 s"]
    lines = [line.get_ydata() for line in ax.get_lines()]
    assert len(lines) == 2  # one range line per CITIC bar; none for the single-rate geometry
    citic = costs[costs.geometry == "CITIC"]
    assert [list(y) for y in lines] == [pytest.approx([lo, hi]) for lo, hi in
                                        zip(citic.gpu_seconds, citic.gpu_seconds_high)]
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["CITIC: bar at 7.5 fps, line to 10 fps", "tiny"]


def test_plot_clip_costs_single_geometry_without_ranges():
    costs = pd.DataFrame({"label": ["A 2 s"], "geometry": ["tiny"], "gpu_seconds": [5.0]})
    ax = t.plot_clip_costs(costs, "gpu_seconds", "GPU-seconds").axes[0]
    assert len(ax.patches) == 1 and ax.get_lines() == [] and ax.get_yscale() == "log"


def test_plot_sensitivity_one_bar_per_assumption_on_a_log_axis():
    table = t.sensitivity(TINY, SMALL, A, {"steps": (3, 6), "frames": (9, 13)})
    ax = t.plot_sensitivity(table, 1909.44, "tiny").axes[0]
    assert len(ax.patches) == 2
    assert ax.get_xscale() == "log"
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["denoising steps",
                                                                  "frames in the clip"]
    bars = sorted((p.get_x(), p.get_x() + p.get_width()) for p in ax.patches)
    # steps: $1,909.44 to 2 x 1,909.44; frames: 1,909.44 to 1,909.44 x 160,480 / 106,080
    assert bars[0] == pytest.approx((1909.44, 1909.44 * 160_480 / 106_080))
    assert bars[1] == pytest.approx((1909.44, 2 * 1909.44))
    assert [line.get_xdata()[0] for line in ax.get_lines()] == [1909.44]  # the base case


def test_sensitivity_chart_shows_words_and_values_never_parameter_names():
    table = t.sensitivity(TINY, SMALL, A, {"passes_per_step": (1, 2), "utilisation": (0.2, 0.6),
                                           "usd_per_gpu_hour": (1.5, 4.0)})
    fig, alt, data = t.sensitivity_chart(table, 16)
    ax = fig.axes[0]
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    notes = [text.get_text() for text in ax.texts]
    # each swing: 2 passes / 1 = x2; 0.6 / 0.2 = x3; 4.0 / 1.5 = x2.67
    assert labels == ["GPU utilisation", "price per GPU-hour", "guidance passes per step"]
    assert notes == ["  20% to 60%  (x3.0)", "  USD 1.50 to USD 4.00  (x2.7)", "  1 to 2  (x2.0)"]
    assert "key" not in data.columns and list(data.assumption) == labels
    shown = " ".join([alt, *labels, *notes, ax.get_title()])
    for name in ("passes_per_step", "usd_per_gpu_hour", "_"):
        assert name not in shown
    assert "a 16 s clip" in alt and "GPU utilisation moves it most (x3.0)" in alt


def test_clip_costs_chart_says_each_cost_is_one_sequence():
    clips = pd.DataFrame({"label": ["A 2 s"], "seconds": [2.0]})
    costs = t.clip_costs(clips, {"CITIC": t.citic_geometry(), "tiny": TINY}, SMALL, A, 12, 32)
    fig, alt, data = t.clip_costs_chart(costs, "h100")
    title = " ".join(fig.axes[0].get_title().split())  # the title wraps
    assert title == "GPU-seconds on H100 per kept clip made as one sequence, by geometry"
    assert alt.startswith("Bars of GPU-seconds on H100 per kept clip made as one sequence")
    assert list(data.columns) == ["label", "seconds", "geometry", "fps", "fps_high", "gpu_seconds",
                                  "gpu_seconds_high"]
