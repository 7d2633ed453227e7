"""Clip length and resolution on hand-made capability rows; expected values worked out here."""

import pandas as pd
import pytest

from videorace.analysis import clips

T = pd.Timestamp
COLUMNS = ["model_id", "as_of", "as_of_precision", "max_clip_s_low", "max_clip_s_high", "height_px",
           "width_px", "fps", "availability", "source_id"]


def caps(*rows):
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("height_px", "width_px"):
        frame[col] = frame[col].astype("Int64")
    frame["fps"] = frame["fps"].astype("float64")
    return frame


KLING = caps(("kling", T("2024-06-06"), "day", 120, 120, 1080, None, 30, "claimed", "s1"),
             ("kling", T("2024-06-06"), "day", 5, 10, None, None, None, "beta", "s1"),
             ("vidu", T("2024-04-27"), "day", 16, 16, 1080, 1920, None, "demo", "s2"),
             ("ying", T("2024-07-26"), "day", 6, 6, 960, 1440, None, "public", "s3"))


def test_frames_use_the_stated_rate_and_the_parameter_only_where_none_is_stated():
    out = clips.with_pixels(KLING, fps=24, aspect=(16, 9)).set_index(["model_id", "availability"])
    kling = out.loc[("kling", "claimed")]
    # 120 s at the stated 30 fps = 3,600 frames (not 120 x 24 = 2,880)
    assert (kling.fps_used, kling.fps_source, kling.frames_high) == (30, "stated", 3600)
    vidu = out.loc[("vidu", "demo")]
    # no stated rate: 16 s x 24 fps = 384 frames
    assert (vidu.fps_used, vidu.fps_source, vidu.frames_high) == (24, "parameter", 384)


def test_a_ranged_length_gives_ranged_frames_and_pixels():
    out = clips.with_pixels(KLING, fps=24, aspect=(16, 9)).set_index(["model_id", "availability"])
    beta = out.loc[("kling", "beta")]
    # 5 to 10 s at 24 fps = 120 to 240 frames; no resolution, so no pixels
    assert (beta.frames_low, beta.frames_high) == (120, 240)
    assert pd.isna(beta.pixels_high)


def test_width_from_the_aspect_ratio_only_where_missing():
    out = clips.with_pixels(KLING, fps=24, aspect=(4, 3)).set_index(["model_id", "availability"])
    # 1080 x 4 / 3 = 1,440 px, assumed; Vidu's stated 1,920 kept
    assert out.loc[("kling", "claimed")].width_used_px == 1440
    assert bool(out.loc[("kling", "claimed")].width_assumed)
    assert out.loc[("vidu", "demo")].width_used_px == 1920
    # Vidu: 1920 x 1080 = 2,073,600 px per frame x 384 frames = 796,262,400
    assert out.loc[("vidu", "demo")].pixels_high == 796_262_400


def test_claimed_vs_available_keeps_the_beta_range():
    table = clips.claimed_vs_available(KLING).set_index("model_id")
    kling = table.loc["kling"]
    assert (kling.claimed_low_s, kling.claimed_high_s) == (120, 120)
    assert (kling.available_low_s, kling.available_high_s) == (5, 10)
    # 5 / 120 = 4.2 %, 10 / 120 = 8.3 %
    assert kling.share_low == pytest.approx(5 / 120) and kling.share_high == pytest.approx(10 / 120)
    assert pd.isna(table.loc["vidu", "available_high_s"])  # only a demo


def test_claimed_vs_available_of_nothing_is_an_empty_table():
    table = clips.claimed_vs_available(KLING.iloc[0:0])
    assert table.empty and "share_low" in table


def test_longest_available_is_the_row_with_the_highest_top():
    # Kling beta 5-10 s vs Ying 6 s: the top 10 s is higher, so Kling's range is the answer
    assert clips.longest(KLING, clips.USABLE_CLASSES) == (5.0, 10.0)
    assert clips.longest(KLING.iloc[0:0], clips.USABLE_CLASSES) == (None, None)
    assert clips.seconds_text(5, 10) == "5 to 10 s" and clips.seconds_text(16, 16) == "16 s"
    assert clips.seconds_text(None, None) == "none in the selection"


def test_versus_and_pixel_texts():
    cap = clips.with_pixels(KLING, 24, (16, 9)).assign(model_name=lambda f: f.model_id.str.title(),
                                                       org_id="x")
    names = pd.Series({"kling": "Kling", "vidu": "Vidu", "ying": "Ying"})
    text = clips.versus_text(clips.claimed_vs_available(cap), names)
    assert "**Kling**: 120 s claimed or shown (2024-06-06), 5 to 10 s available (2024-06-06), 4% to 8%" in text
    # Kling 1920x1080 x 3,600 frames = 7,464,960,000 px; Ying 1440x960 x 144 = 199,065,600 px;
    # ratio 37.5 -> x38 (rounded to whole times)
    assert clips.pixel_ratio_text(cap.dropna(subset=["pixels_high"])) == "x38"
    assert "x38 the pixels" in clips.pixels_text(cap, 24)
    assert clips.pixels_text(cap.iloc[0:1], 24).startswith("Fewer than two clips")
    assert clips.versus_text(clips.claimed_vs_available(cap.iloc[2:3]), names).startswith("No model")


def test_plots_draw_one_mark_per_row_and_a_bar_per_resolved_clip():
    import matplotlib

    matplotlib.use("Agg")
    from videorace.analysis import plots

    cap = clips.with_pixels(KLING, 24, (16, 9)).assign(model_name=lambda f: f.model_id, org_id="x",
                                                        maker="M")
    lengths = plots.plotted_data(clips.plot_lengths(cap))
    # one row per model, longest first (Kling 120, Vidu 16, Ying 6): 4 markers (Kling claimed
    # and beta), and one horizontal segment on Kling's row for its 5-10 s beta
    assert len(lengths) == 1 and len(lengths[0]["lines"]) == 4 and lengths[0]["xscale"] == "log"
    assert lengths[0]["segments"] == [[[5, 0], [10, 0]]]
    assert lengths[0]["yticklabels"] == ["kling (M)", "vidu (M)", "ying (M)"]
    pixels = plots.plotted_data(clips.plot_pixels(cap))
    assert len(pixels[0]["bars"]) == 3 and pixels[0]["xscale"] == "log"  # Kling claimed, Vidu, Ying
    plots.plt.close("all")


def test_lengths_chart_groups_makers_in_china_and_elsewhere_longest_first():
    import matplotlib

    matplotlib.use("Agg")
    from videorace.analysis import plots

    cap = clips.with_pixels(KLING, 24, (16, 9)).assign(model_name=lambda f: f.model_id, org_id="x",
                                                        maker="M")
    # Vidu and Ying made in China, Kling (here) elsewhere: China's block first, each longest first
    grouped = cap.assign(country=cap.model_id.map({"kling": "US", "vidu": "CN", "ying": "CN"}))
    labels = plots.plotted_data(clips.plot_lengths(grouped))[0]["yticklabels"]
    assert labels == ["Makers in China", "vidu (M)", "ying (M)", "Makers elsewhere", "kling (M)"]
    # one side only: no header rows
    alone = cap.assign(country="CN")
    assert plots.plotted_data(clips.plot_lengths(alone))[0]["yticklabels"] == ["kling (M)", "vidu (M)", "ying (M)"]
    plots.plt.close("all")


def test_one_per_clip_merges_rows_that_differ_only_in_source_or_precision():
    twice = caps(("kling", T("2024-06-06"), "day", 120, 120, 1080, None, 30, "claimed", "s1"),
                 ("kling", T("2024-06-01"), "month", 120, 120, 1080, None, 30, "claimed", "s2"),
                 ("kling", T("2024-06-01"), "month", 180, 180, None, None, None, "claimed", "s3"))
    out = clips.one_per_clip(twice)
    # the two 120 s rows are one clip, dated by the day-dated row and listing both sources
    assert list(out.source_id) == ["s1, s2", "s3"]
    assert list(out.as_of_precision) == ["day", "month"]


def test_alt_texts_state_the_extremes():
    cap = clips.with_pixels(KLING, 24, (16, 9)).assign(model_name=lambda f: f.model_id)
    # longest: Kling's 120 s claim; longest usable: Kling's beta, 5 to 10 s (upper end 10 > Ying's 6)
    assert clips.lengths_alt(cap) == (
        "Longest single clip for 3 models on a log scale; the longest claimed or shown is 120 s "
        "(kling, 2024-06-06), the longest users could make 5 to 10 s (kling, 2024-06-06).")
    # pixels: Ying 960 x 1440 x 6 s x 24 fps = 199,065,600; Kling 1080 x 1920 x 120 s x 30 fps
    # = 7,464,960,000 (whole numbers are written in full)
    assert clips.pixels_alt(cap) == ("Pixels per clip for 3 clips on a log scale, from ying "
                                     "(199,065,600) to kling (7,464,960,000).")


def test_claimed_vs_available_puts_the_longest_clips_first():
    """03's first table led with whatever sorted first by id (Allegro, CogVideoX ...) and buried
    Sora and Kling: it now starts with the longest clip, claimed or usable (issue #23, item 15)."""
    cap = caps(("allegro", T("2024-10-22"), "day", 6, 6, 720, 1280, None, "public", "s4"),
               ("sora", T("2024-02-15"), "day", 60, 60, 1080, 1920, None, "demo", "s5"),
               ("veo_2", T("2024-12-16"), "day", 120, None, 2160, None, None, "claimed", "s6"),
               *KLING.itertuples(index=False))
    order = list(clips.claimed_vs_available(cap).model_id)
    # kling 120 s and veo_2 'over 120 s' (at its floor) tie, then by id; ying 6 s ties allegro
    assert order == ["kling", "veo_2", "sora", "vidu", "allegro", "ying"]
