"""Prices per second (videorace.analysis.prices) on hand-made rows; values worked out here."""

from types import SimpleNamespace

import pandas as pd
import pytest

from videorace.analysis import money, prices, tokens

T = pd.Timestamp
NAN = float("nan")
RATES = pd.DataFrame([("CNY", T("2025-01-01"), "day", 8.0, 8.0, "m_cny")], columns=money.RATE_COLUMNS)


def ds():
    price_rows = pd.DataFrame([
        ("p1", "cn_m", T("2025-01-01"), "year", 720, "", "api", "CNY", 0.8, NAN, "maker"),
        ("p2", "cn_m", T("2025-06-01"), "month", 720, "Pro", "api", "USD", 0.2, 0.3, "maker"),
        ("p3", "us_m", T("2025-10-01"), "month", 720, "", "api", "USD", 0.05, NAN, "maker"),
        ("p4", "us_m", T("2026-01-01"), "year", 720, "", "api", "USD", 0.04, NAN, "reseller"),
        ("p5", "us_m", T("2026-01-01"), "year", NAN, "", "api", "USD", 0.5, NAN, "maker"),
        ("p6", "us_m", T("2026-01-01"), "year", 720, "", "subscription", "USD", 0.01, NAN, "maker"),
    ], columns=["price_id", "model_id", "price_from", "price_from_precision", "height_px", "tier",
                "channel", "currency", "per_second_low", "per_second_high", "list_kind"])
    return SimpleNamespace(
        prices=price_rows,
        models=pd.DataFrame({"model_id": ["cn_m", "us_m"], "name": ["Cn Model", "Us Model"], "org_id": ["cn", "us"]}),
        organizations=pd.DataFrame({"org_id": ["cn", "us"], "name": ["Cn Co", "Us Co"], "country": ["CN", "US"]}))


def test_priced_converts_at_the_dated_rate_and_fills_a_single_price_as_its_high():
    every = prices.priced(ds(), RATES).set_index("price_id")
    # 0.8 yuan at 8.0 = USD 0.10 per second
    assert every.usd_low["p1"] == pytest.approx(0.1) and every.usd_high["p1"] == pytest.approx(0.1)
    assert (every.side["p1"], every.side["p3"]) == ("China", "the West")


def test_at_height_leaves_out_unplaced_prices_and_unchosen_channels():
    every = prices.priced(ds(), RATES)
    shown = prices.at_height(every, 720, ["api"], ["maker", "reseller"])
    assert sorted(shown.price_id) == ["p1", "p2", "p3", "p4"]
    assert prices.unplaced(every, ["api"], ["maker"]) == 1  # p5 states no height
    assert prices.at_height(every, 720, ["api"], ["maker"]).price_id.tolist() == ["p1", "p2", "p3"]


def test_cheapest_per_side_and_source_class_and_its_sentence():
    shown = prices.at_height(prices.priced(ds(), RATES), 720, ["api"], ["maker", "reseller"])
    spans = prices.cheapest(shown)
    assert spans[["side", "list_kind", "prices"]].values.tolist() == [
        ["China", "maker", 2], ["the West", "maker", 1], ["the West", "reseller", 1]]
    china = spans.iloc[0]
    # lowest end 0.10 (p1, in yuan), highest end 0.30 (p2's high)
    assert (china.usd_low, china.usd_high, china.low_model) == (pytest.approx(0.1), 0.3, "Cn Model")
    assert prices.span_text(spans, 720).startswith(
        "At 720p: China, makers' lists (2 prices): from USD 0.100 (Cn Model, from 2025) to USD 0.300 "
        "per second (Cn Model); the West, makers' lists (1 price): USD 0.050 (Us Model, from Oct 2025) "
        "per second;")


def test_ratio_and_versus_compute_use_makers_lists_only():
    # price 0.1 to 0.3 against cost 0.05 to 0.2: 0.1 / 0.2 = 0.5 to 0.3 / 0.05 = 6
    assert prices.ratio(0.1, 0.3, 0.05, 0.2) == (pytest.approx(0.5), pytest.approx(6.0))
    spans = pd.DataFrame({"side": ["China", "the West"], "list_kind": ["maker", "reseller"],
                          "usd_low": [0.1, 0.01], "usd_high": [0.3, 0.02]})
    compute = pd.DataFrame({"geometry": ["G"], "usd_low": [0.05], "usd_high": [0.2]})
    table = prices.versus_compute(spans, compute)
    assert table.side.tolist() == ["China"]
    assert (table.times_low[0], table.times_high[0]) == (pytest.approx(0.5), pytest.approx(6.0))
    assert "0.5 to 6.0 times the cost (within the compute cost's range)" in prices.versus_text(table, 720, 5)
    above = table.assign(times_low=2.0)
    assert "(above the compute cost even at its dearest)" in prices.versus_text(above, 720, 5)


def test_compute_per_second_scales_with_utilisation_and_gpu_price():
    # A toy transformer and geometry: the cost at the low end (utilisation 0.5, USD 2 an hour) is
    # the high end's (0.25, USD 4) divided by 2 * 2 = 4, and per second is per clip over its length
    g = tokens.citic_geometry()
    model = tokens.Transformer(1e9, 10, 1024)
    a = tokens.CostAssumptions(steps=10, passes_per_step=1, attempts=1.0, tflops=100.0,
                               utilisation=0.5, usd_per_gpu_hour=2.0)
    setup = SimpleNamespace(open_name="Toy", open_geometry=g, fps=10.0, height_px=720, model=model,
                            assumptions=a)
    out = prices.compute_per_second(setup, 6.0, (0.25, 0.5), (2.0, 4.0))
    assert out.geometry.tolist() == ["Toy", tokens.CITIC_LABEL]
    row = out.iloc[0]
    assert row.usd_high == pytest.approx(4 * row.usd_low)
    clip = tokens.clip_cost(tokens.sized(g, 6.0, 10.0, 720), model, a)
    assert row.usd_low == pytest.approx(clip["usd"] / 6.0)


@pytest.mark.parametrize("overrides", [{"height_px": 4000}, {"list_kinds": ["reseller"]},
                                       {"height_px": 480, "channels": [], "list_kinds": []},
                                       {"clip_s": 1.0, "steps": 1, "utilisation_low": 1.0,
                                        "utilisation_high": 1.0}])
def test_price_notebook_runs_at_its_edges(monkeypatch, overrides):
    from tests.notebook_run import assert_clean, run

    r = run("07_prices", monkeypatch, **overrides)
    assert_clean(r)
    # no maker price at the height, or makers left out: nothing is set beside the compute
    if overrides.get("height_px") == 4000 or overrides.get("list_kinds") == ["reseller"]:
        assert "so nothing is set beside the compute cost" in r.text


def test_a_price_never_holds_before_its_model_could_be_used():
    """Wan2.5-Preview's price dated to '2025' (a year) starts at the model's launch (2025-09-24),
    and is converted at the rate of that day, not January's."""
    from types import SimpleNamespace

    import pandas as pd

    from videorace.analysis import prices

    ds = SimpleNamespace(
        models=pd.DataFrame({"model_id": ["wan"], "name": ["Wan"], "org_id": ["ali"], "kind": ["text_to_video"]}),
        organizations=pd.DataFrame({"org_id": ["ali"], "name": ["Alibaba"], "country": ["CN"]}),
        model_events=pd.DataFrame({"event_id": ["e"], "model_id": ["wan"], "event": ["api"],
                                   "happened_on": [pd.Timestamp("2025-09-24")], "precision": ["day"],
                                   "source_id": ["s"], "confidence": ["high"]}))
    table = pd.DataFrame({"model_id": ["wan", "wan"], "price_from": [pd.Timestamp("2025-01-01"),
                                                                     pd.Timestamp("2026-01-01")],
                          "price_from_precision": ["year", "month"]})
    got = prices.not_before_launch(table, ds)
    assert got.price_from.tolist() == [pd.Timestamp("2025-09-24"), pd.Timestamp("2026-01-01")]
    assert got.price_from_precision.tolist() == ["day", "month"] and got.from_launch.tolist() == [True, False]
