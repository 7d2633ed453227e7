"""Unit tests of the like-with-like fixes outside the catch-up, on small hand-made frames: each
expected value is worked out here, and each failed on the code before the fix."""

import pandas as pd

from videorace.analysis import clips, funding, market, tokens

T = pd.Timestamp


def caps(*rows):
    return pd.DataFrame(rows, columns=["model_id", "as_of", "as_of_precision", "max_clip_s_low",
                                       "max_clip_s_high", "clip_kind", "height_px", "width_px",
                                       "combined", "fps", "availability", "tier", "model_name"]
                        ).assign(source_id="s")


def test_claimed_against_usable_sets_single_clips_against_single_clips():
    cap = caps(("k", T("2024-06-06"), "day", 120.0, 120.0, "single", 1080, None, None, 30, "claimed", "", "K"),
               ("k", T("2024-07-01"), "month", 180.0, 180.0, "extended", None, None, None, None, "claimed", "", "K"),
               ("k", T("2024-07-30"), "day", 10.0, 10.0, "single", None, None, None, None, "beta", "", "K"))
    row = clips.by_basis(cap).iloc[0]
    # 10 s of the 120 s single-clip claim, not of the 180 s chain: 10 / 120 = 8.3% -> 8%
    assert (row.claimed, row.usable, row.share) == ("120 s", "10 s", "8%")
    assert clips.longest(cap, "claimed") == (120.0, 120.0)
    assert clips.longest(cap, "claimed", "extended") == (180.0, 180.0)


def test_an_open_ended_claim_is_over_its_floor_and_ranks_above_it():
    cap = caps(("k", T("2024-06-06"), "day", 120.0, 120.0, "single", 1080, None, None, None, "claimed", "", "Kling"),
               ("v", T("2024-12-01"), "month", 120.0, None, "single", 2160, 4096, None, None, "claimed", "", "Veo 2"))
    assert clips.seconds_text(120.0, float("nan")) == "at least 120 s"
    assert clips.longest_text(cap, "claimed") == "at least 120 s, claimed (no clip): Veo 2 (Dec 2024; s)"


def test_a_tier_is_named_with_the_longest_usable_clip():
    cap = caps(("s", T("2024-12-09"), "day", 5.0, 5.0, "single", 720, None, None, None, "public",
                "ChatGPT Plus", "Sora Turbo"),
               ("s", T("2024-12-09"), "day", 20.0, 20.0, "single", 1080, None, None, None, "public",
                "ChatGPT Pro", "Sora Turbo"))
    assert clips.longest_text(cap, "usable") == (
        "20 s, usable (public): Sora Turbo, ChatGPT Pro (2024-12-09; s)")


def test_maxima_never_had_together_are_not_multiplied():
    cap = caps(("o", T("2024-06-17"), "day", 16.0, 16.0, "single", 720, None, False, None, "public", "", "OS"),
               ("v", T("2024-07-30"), "day", 8.0, 8.0, "single", 1080, 1920, None, 24, "public", "", "V"))
    px = clips.with_pixels(cap, 24, (16, 9)).set_index("model_id")
    assert pd.isna(px.loc["o", "pixels_high"])  # 16 s and 720p were never one clip
    assert px.loc["v", "pixels_high"] == 1920 * 1080 * 8 * 24  # 398,131,200


def test_a_round_within_a_month_is_that_window():
    table = pd.DataFrame({"announced_on": [T("2024-03-11"), T("2024-01-01")],
                          "announced_precision": ["day", "quarter"], "window_days": [29, None]})
    first, last = funding.round_periods(table)
    assert (first[0], last[0]) == (T("2024-02-11"), T("2024-03-11"))  # 29 days before
    assert (first[1], last[1]) == (T("2024-01-01"), T("2024-03-31"))  # the quarter
    days = funding.days_after(table, (T("2024-02-15"), T("2024-02-15")))
    assert days[["days_low", "days_high"]].values.tolist() == [[-4, 25], [-45, 45]]


def test_the_quoted_forecast_is_a_tenfold_slip_at_both_ends():
    metrics = pd.DataFrame([
        ("quoted", "market_size", 108e9, T("2022-01-01"), "disputed", ""),
        ("quoted", "market_size", 1181e9, T("2032-01-01"), "disputed", ""),
        ("precedence", "market_size", 10.79e9, T("2022-01-01"), "as_reported", ""),
        ("precedence", "market_size", 118.06e9, T("2032-01-01"), "as_reported", ""),
        ("other", "market_size", 40e9, T("2022-01-01"), "as_reported", ""),
        ("other", "market_size", 1300e9, T("2032-01-01"), "as_reported", "")],
        columns=["subject", "metric", "value_low", "as_of", "verification", "note"])
    fc = market.forecasts(metrics)
    quoted = fc[fc.subject == "quoted"].iloc[0]
    match = market.tenfold_match(fc, quoted)
    # 108 / 10.79 = 10.009 and 1,181 / 118.06 = 10.003: both within 1% of 10; both grow at
    # (118.06 / 10.79) ** (1 / 10) - 1 = 27.0% a year; 'other' (40 to 1,300) grows at 41.6%
    assert match.subject == "precedence" and match.power == 1
    assert "27.0% a year" in market.slip_text(quoted, match, fc)
    assert market.tenfold_match(fc[fc.subject != "precedence"], quoted) is None


def test_why_citics_count_nearly_matches_at_720p():
    g = tokens.Geometry("m", 1280, 720, 81)  # a causal 4 -> 1 VAE, 8 x 8, 2 x 2 patches
    near = tokens.citic_near_match(g)
    # 60 frames: ceil(59 / 4) + 1 = 16 latent frames x 45 x 80 = 57,600 tokens against 60,000:
    # CITIC counts 60 / 16 = 3.75 times the time positions and 1,000 / 3,600 of the patches
    assert (near["tokens"], near["citic_tokens"]) == (57_600, 60_000)
    assert (near["temporal"], near["spatial"]) == (3.75, 3.6)
    at_1080 = tokens.citic_near_match(g, 1080)
    assert at_1080["tokens"] == 16 * 68 * 120  # 130,560: the errors no longer cancel
