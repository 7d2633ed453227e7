"""One plotting style for every notebook and report, defined here once."""

from __future__ import annotations

import logging

import matplotlib

import matplotlib.pyplot as plt
import seaborn as sns

from videorace.data.vocab import AVAILABILITY

#: A colour per organisation, stable across notebooks; others fall back to grey.
ORG_COLORS = {
    "openai": "#4d4d4d",
    "shengshu": "#d62728",
    "aisphere": "#9467bd",
    "kuaishou": "#ff7f0e",
    "zhipu": "#1f77b4",
    "bytedance": "#17becf",
    "wanxing": "#8c564b",
    "minimax": "#bcbd22",
    "moonshot": "#e377c2",
}
#: A marker per capabilities.csv availability class (``vocab.AVAILABILITY``, in its order).
AVAILABILITY_MARKERS = dict(zip(AVAILABILITY, ("o", "D", "^", "s", "P")))
#: Charts are drawn once, at 1.5 times the 96 dpi they are shown at: sharp on high-density
#: screens, and the same PNG serves as the take-away file for slides. Figures are made at that
#: resolution too, so laying one out and saving it measure its text with the same renderer.
PNG_DPI, SHOWN_DPI = 144, 96


def cjk_font() -> str | None:
    """Register Noto Sans SC (OFL; the pinned package ``pylopdf-fonts-zh-cn`` ships it, so
    ``make setup`` installs it with pip, no system package needed) with matplotlib and return its
    family name, the fallback for glyphs DejaVu Sans lacks: a Chinese model name is drawn, not
    shown as empty boxes with matplotlib's missing-glyph warning. None when the package is
    missing (an install without it): charts still draw, Chinese as boxes."""
    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:
        return None
    from matplotlib import font_manager

    path = sans_path()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    # It has one weight: a bold title's Chinese glyphs are drawn regular, which matplotlib would
    # log on every bold title ("Failed to find font weight bold"), into the report's stderr.
    logging.getLogger("matplotlib.font_manager").addFilter(
        lambda record: not (record.getMessage().startswith("findfont: Failed to find font weight")
                            and name in record.getMessage()))
    return name


#: Registered once per process, at import (the build's kernels inherit it from their zygote).
CJK_FONT = cjk_font()


def use_style() -> None:
    """Apply the project's style, once, from a notebook's setup cell (the plotting functions do
    not touch global settings). Deterministic: fixed size, DPI and fonts; no timestamps in PNGs."""
    sns.set_theme(context="notebook", style="whitegrid", palette="deep")
    matplotlib.rcParams.update({
        "figure.figsize": (9, 4.8),
        "figure.dpi": PNG_DPI,
        "savefig.dpi": PNG_DPI,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        # Titles sit at a fixed height just above the axes. Left to matplotlib (None), the
        # height is worked out on every draw by measuring the x-axis, because seaborn's tickless
        # axes read as "ticks may be on top"; no chart here has ticks or a label at the top, so
        # the fixed height draws the same pixels a third faster (tests/test_figures.py).
        "axes.titley": 1.0,
        "axes.labelsize": 10,
        "legend.fontsize": 9,
        "legend.frameon": False,
        # DejaVu Sans for every glyph it has (all the Latin text: charts draw as before), the
        # CJK font for the rest, glyph by glyph
        "font.family": ["DejaVu Sans", *([CJK_FONT] if CJK_FONT else [])],
        "svg.hashsalt": "videorace",
    })


def org_color(org_id: str) -> str:
    return ORG_COLORS.get(org_id, "#7f7f7f")


def figure(title: str, xlabel: str, ylabel: str, size: tuple[float, float] | None = None):
    """A new figure and axes with the title and axis labels every chart must carry."""
    fig, ax = plt.subplots(figsize=size)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


def month_axis(ax) -> None:
    """Date ticks that never repeat or overlap, whatever the span (matplotlib's concise format)."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def finish(fig, source_note: str = "") -> None:
    """Tight layout and an optional source line under the axes. Every chart ends here, and the
    layout keeps every label inside the figure, so saving it needs no second, cropping pass."""
    if source_note:
        fig.text(0.01, 0.005, source_note, fontsize=7.5, color="#555555", ha="left", va="bottom")
    rect = (0, 0.03 if source_note else 0, 1, 1)
    fig.tight_layout(rect=rect)
    if fit_titles(fig):  # a wrapped title is taller: lay out again around it
        fig.tight_layout(rect=rect)
    # tight_layout leaves a placeholder layout engine on the figure, and savefig makes an extra,
    # unrendered drawing pass for any engine, placeholder or not: one per PNG, one per SVG. The
    # layout is final here, so the figure needs none.
    fig.set_layout_engine(None)


def fit_titles(fig) -> bool:
    """Wrap an axes title wider than the part of the figure it can use, so that no title is cut
    off at the figure's edge (a centred title over axes with long labels on their left can run
    past the right edge): measured once, then wrapped at the characters that fit. True when a
    title was wrapped."""
    import textwrap

    renderer, wrapped = fig.canvas.get_renderer(), False
    for ax in fig.axes:
        title = ax.title
        text = title.get_text()
        if not text or "\n" in text:
            continue
        room = min(ax.get_position().x0 + ax.get_position().x1, 2 - ax.get_position().x0
                   - ax.get_position().x1) * fig.bbox.width * 0.97  # centred: twice the nearer edge
        width = title.get_window_extent(renderer).width
        if width > room:
            title.set_text(textwrap.fill(text, max(20, int(len(text) * room / width))))
            wrapped = True
    return wrapped


def _num(v) -> float | None:
    """A plotted number rounded to 6 significant digits; a gap in a line (NaN) as None, which JSON
    can carry."""
    v = float(v)
    return None if v != v else float(f"{v:.6g}")


def plotted_data(fig) -> list[dict]:
    """What a figure plots, as plain numbers rounded to 6 significant digits, per axes: title,
    scales, tick labels, every line's points (dates as matplotlib day numbers) and every bar's
    rectangle and line segment (ranges drawn with vlines). Saved beside the picture in a notebook's
    output, so nbval compares what each chart draws (it cannot compare the PNG)."""
    out = []
    for ax in fig.axes:
        lines = [[[_num(x), _num(y)] for x, y in line.get_xydata()]
                 for line in ax.get_lines() if len(line.get_xdata())]
        bars = [[_num(p.get_x()), _num(p.get_y()), _num(p.get_width()), _num(p.get_height())]
                for p in ax.patches if hasattr(p, "get_width")]
        segments = [[[_num(x), _num(y)] for x, y in seg] for c in ax.collections
                    if hasattr(c, "get_segments") for seg in c.get_segments()]
        out.append({"title": ax.get_title(), "xscale": ax.get_xscale(), "yscale": ax.get_yscale(),
                    "yticklabels": [t.get_text() for t in ax.get_yticklabels()],
                    "lines": lines, "bars": bars, "segments": segments})
    return out


def no_minor_ticks(axis) -> None:
    """No minor ticks on a log ``axis``. They would show nothing: the style draws no tick marks
    and no minor grid, and the project's log axes leave minor ticks unlabelled. matplotlib would
    still make a tick (two lines and two labels) for each of the eight minor places a decade and
    place and measure them on every draw: a fifth of an in-process notebook run over a wide
    axis. Without them every chart draws the same pixels (tests/test_figures.py)."""
    from matplotlib.ticker import NullLocator

    axis.set_minor_locator(NullLocator())


def seconds_axis(ax) -> None:
    """A log x-axis of seconds with ticks a reader can use: 1 s, 2 s, 5 s ... 3 min."""
    from matplotlib.ticker import FixedLocator, FuncFormatter

    # 30 s and 3 min sit too close to 20 s and 2 min on a log axis for their labels to fit
    ax.xaxis.set_major_locator(FixedLocator([1, 2, 5, 10, 20, 60, 120, 300]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g} s" if v < 60 else f"{v / 60:g} min"))
    no_minor_ticks(ax.xaxis)


def count_text(value: float) -> str:
    """A large round count in words for an axis: 10 million, 1 billion, 10 billion."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if abs(value) >= size:
            return f"{value / size:g} {word}"
    return f"{value:g}"


def count_axis(axis) -> None:
    """Major ticks of a log axis written as words (10 million, 1 billion), and no minor ones."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _: count_text(v)))
    no_minor_ticks(axis)
