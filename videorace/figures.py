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
    from videorace import clips, funding, market, params, timeline, tokens
    from videorace.notebooks import defaults

    figs = {}
    p = defaults("02_release_timeline")
    ev = timeline.events(ds)
    ref = timeline.reference_date(ev, p["reference_event"])
    org_ids = params.choices("organizations", p["organizations"], sorted(ev.org_id.unique()))
    figs["02_release_timeline"] = timeline.plot(
        timeline.window(ev, p["window_start"], p["window_end"], org_ids), ref, p["reference_event"])
    p = defaults("01_funding")
    rate = p["cny_per_usd"] or funding.implied_rate(ds.funding_rounds)
    reading = funding.Reading(p["several_low_cny"], p["several_high_cny"], p["over_factor"])
    figs["01_funding"] = funding.plot(funding.ranges(ds.funding_rounds, reading), rate,
                                      f"{rate:.4f} CNY per USD")
    p = defaults("03_clip_length_resolution")
    names = ds.models.set_index("model_id")
    cap = clips.with_pixels(ds.capabilities, p["fps"], params.aspect("aspect_ratio",
                                                                      p["aspect_ratio"]))
    cap = cap.assign(model_name=cap.model_id.map(names.name), org_id=cap.model_id.map(names.org_id))
    figs["03_lengths"] = clips.plot_lengths(cap)
    figs["03_pixels"] = clips.plot_pixels(cap)
    setup = token_setup(ds)
    figs["04_clip_costs"] = tokens.plot_clip_costs(token_costs(ds, setup), "gpu_seconds",
                                                   f"GPU-seconds on {setup.gpu.upper()}")
    fc = market.forecasts(ds.metrics)
    figs["05_forecasts"] = market.plot_forecasts(fc)
    figs["05_adoption"] = market.plot_adoption(market.adoption(ds.metrics, "Kling"), "Kling")
    return figs


def token_setup(ds):
    """notebooks/04_token_cost's validated default parameters."""
    from videorace import tokens
    from videorace.notebooks import defaults

    return tokens.check_parameters(ds, **defaults("04_token_cost"))


def token_costs(ds, setup):
    """The article-clip cost table 04_token_cost draws, at ``setup``."""
    from videorace import tokens

    return tokens.clip_costs(tokens.article_clips(ds.capabilities),
                             {"CITIC (1,000 patches/frame)": tokens.citic_geometry(),
                              setup.architecture: setup.geometry},
                             setup.model, setup.assumptions, setup.fps, setup.height_px)


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
