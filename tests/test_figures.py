"""What the figures show: compared with the committed baseline (nbval skips images), and checked
against the tables they are drawn from."""

import pytest

from videorace import data, figures, funding, timeline, tokens


@pytest.fixture(scope="module")
def ds():
    return data.load()


@pytest.fixture(scope="module")
def current(ds):
    return figures.snapshot(ds)


def test_figures_match_their_baseline(current):
    baseline = figures.read_baseline()
    assert set(current) == set(baseline)
    for name in baseline:
        assert current[name] == baseline[name], (
            f"figure {name} now plots different data than notebooks/figures.json; if intended, "
            "run `make refresh` and review the diff")


def test_timeline_draws_one_mark_per_event(ds, current):
    ev = timeline.events(ds)
    ax = current["02_release_timeline"][0]
    day_marks = [line for line in ax["lines"] if len(line) == 1]
    assert len(day_marks) + len(ax["bars"]) == len(ev)
    assert len(day_marks) == (ev.precision == "day").sum()


def test_funding_bars_span_the_ranges(ds, current):
    from videorace.notebooks import defaults

    p = defaults("01_funding")
    rate = p["cny_per_usd"] or funding.implied_rate(ds.funding_rounds)
    table = funding.ranges(ds.funding_rounds, funding.Reading(p["several_low_cny"],
                                                              p["several_high_cny"],
                                                              p["over_factor"]))
    disclosed = table[table.low.notna()].sort_values("announced_on")
    bars = current["01_funding"][0]["bars"]
    assert len(bars) == len(disclosed)
    for (x, _, width, _), row in zip(bars, disclosed.itertuples()):
        assert x == pytest.approx(row.low / rate / 1e6, rel=1e-5)
        assert x + width == pytest.approx(row.high / rate / 1e6, rel=1e-5)


def test_clip_cost_bars_are_the_table_values(ds, current):
    bars = current["04_clip_costs"][0]["bars"]
    heights = sorted(h for *_, h in bars if h > 0)
    costs = figures.token_costs(ds, figures.token_setup(ds))
    assert len(costs) == 2 * len(tokens.article_clips(ds.capabilities))
    assert heights == pytest.approx(sorted(costs.gpu_seconds), rel=1e-5)


def test_log_views_where_ranges_span_orders_of_magnitude(current):
    lengths = current["03_lengths"]
    assert [ax["yscale"] for ax in lengths[:2]] == ["linear", "log"]
    assert current["04_clip_costs"][0]["yscale"] == "log"
