"""Smaller report fixes of issue #23, item 15, each checked where the reader sees it."""

from __future__ import annotations

import json

import pandas as pd

from videorace.analysis import tokens
from videorace.pipeline import config

ARCH = pd.read_csv(config.DATA_DIR / "architectures.csv")


def key_figures(notebook: str) -> dict[str, str]:
    nb = json.loads((config.NOTEBOOKS_DIR / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    out = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            out.update(output.get("metadata", {}).get("videorace_key_figures", {}))
    return out


def test_a_geometry_is_named_by_its_model_not_its_id():
    assert tokens.display_name(ARCH, "wan21_14b") == "Wan2.1-T2V-14B"
    assert tokens.display_name(ARCH, "no_such_geometry") == "no_such_geometry"


def test_token_cost_key_figures_name_no_geometry_by_its_id():
    text = " ".join(f"{k} {v}" for k, v in key_figures("04_token_cost").items())
    assert text
    assert [a for a in ARCH.arch_id if a in text] == []


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
    assert 0 <= box.x0 and box.x1 <= fig.bbox.width
