"""What each notebook's figures plot, as plain numbers, for regression tests.

nbval does not compare images, so the figures are checked another way: each figure the notebooks
draw at their defaults is rebuilt here with the same package calls, its plotted data (line points,
bar rectangles, marker positions, tick labels) extracted, and compared with
``notebooks/figures.json``. ``python -m videorace refresh`` rewrites that baseline together with
the notebooks, so a changed figure shows up in the same deliberate diff.
"""

from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from videorace import config  # noqa: E402

BASELINE = config.NOTEBOOKS_DIR / "figures.json"


def _num(v) -> float:
    return float(f"{float(v):.6g}")


def plotted(fig) -> list[dict]:
    """Per axes: title, tick labels, every line's points, every bar's rectangle, every scatter."""
    out = []
    for ax in fig.axes:
        lines = [[[_num(x), _num(y)] for x, y in line.get_xydata()]  # dates as matplotlib numbers
                 for line in ax.get_lines() if len(line.get_xdata())]
        bars = [[_num(p.get_x()), _num(p.get_y()), _num(p.get_width()), _num(p.get_height())]
                for p in ax.patches]
        out.append({"title": ax.get_title(), "yticklabels": [t.get_text() for t in ax.get_yticklabels()],
                    "xscale": ax.get_xscale(), "yscale": ax.get_yscale(), "lines": lines,
                    "bars": bars})
    return out


def default_figures(ds) -> dict:
    """The notebooks' figures at their default parameters, built with the same package calls."""
    from videorace import clips, funding, market, timeline, tokens

    figs = {}
    ev = timeline.events(ds)
    ref = timeline.reference_date(ev, "sora:announced")
    figs["02_release_timeline"] = timeline.plot(
        timeline.window(ev, "2024-01-01", "2024-12-31", sorted(ev.org_id.unique())), ref,
        "sora:announced")
    rate = funding.implied_rate(ds.funding_rounds)
    figs["01_funding"] = funding.plot(funding.ranges(ds.funding_rounds, funding.Reading()), rate,
                                      f"{rate:.4f} CNY per USD")
    names = ds.models.set_index("model_id")
    cap = clips.with_pixels(ds.capabilities, 24, (16, 9))
    cap = cap.assign(model_name=cap.model_id.map(names.name), org_id=cap.model_id.map(names.org_id))
    figs["03_lengths"] = clips.plot_lengths(cap)
    figs["03_pixels"] = clips.plot_pixels(cap)
    setup = tokens.check_parameters(ds, architecture="wan21_14b", fps=24, height_px=1080, steps=20,
                                    guidance_passes=2, attempts_per_kept_clip=1.0, params_b=0.0,
                                    gpu="h100", utilisation=0.4, usd_per_gpu_hour=2.5, chunk_s=5.0)
    costs = tokens.clip_costs(tokens.article_clips(ds.capabilities),
                              {"CITIC (1,000 patches/frame)": tokens.citic_geometry(),
                               "wan21_14b": setup.geometry}, setup.model, setup.assumptions, 24, 1080)
    figs["04_clip_costs"] = tokens.plot_clip_costs(costs, "gpu_seconds", "GPU-seconds on H100")
    fc = market.forecasts(ds.metrics)
    figs["05_forecasts"] = market.plot_forecasts(fc)
    figs["05_adoption"] = market.plot_adoption(market.adoption(ds.metrics, "Kling"), "Kling")
    return figs


def snapshot(ds) -> dict:
    figs = default_figures(ds)
    data = {name: plotted(fig) for name, fig in figs.items()}
    for fig in figs.values():
        plt.close(fig)
    return data


def write_baseline(ds) -> None:
    BASELINE.write_text(json.dumps(snapshot(ds), indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))
