"""Clip length and resolution on hand-made capability rows; expected values worked out here."""

import pandas as pd

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


def test_by_basis_keeps_the_beta_range_and_the_claim_beside_it():
    table = clips.by_basis(KLING).set_index("model_id")
    kling = table.loc["kling"]
    # usable 5 to 10 s (the beta); demonstrated or usable: the same beta, as nothing longer was
    # shown by a clip; the claim of 120 s stays in its own column
    assert (kling.usable, kling.availability, kling.demonstrated, kling.claimed) == (
        "5 to 10 s", "beta", "5 to 10 s", "120 s")
    # 5 / 120 = 4.2 %, 10 / 120 = 8.3 %
    assert kling.share == "4% to 8%"
    # Vidu: only a demo, so no usable length and no share
    vidu = table.loc["vidu"]
    assert (vidu.usable, vidu.demonstrated, vidu.share) == ("", "16 s", "")


def test_by_basis_of_nothing_is_an_empty_table():
    table = clips.by_basis(KLING.iloc[0:0])
    assert table.empty and "share" in table and "usable" in table


def test_longest_usable_is_the_row_with_the_highest_top():
    # Kling beta 5-10 s vs Ying 6 s: the top 10 s is higher, so Kling's range is the answer
    assert clips.longest(KLING, "usable") == (5.0, 10.0)
    assert clips.longest(KLING.iloc[0:0], "usable") == (None, None)
    assert clips.seconds_text(5, 10) == "5 to 10 s" and clips.seconds_text(16, 16) == "16 s"
    assert clips.seconds_text(None, None) == "none in the selection"


def test_basis_and_pixel_texts():
    cap = clips.with_pixels(KLING, 24, (16, 9)).assign(model_name=lambda f: f.model_id.str.title(),
                                                       org_id="x")
    names = pd.Series({"kling": "Kling", "vidu": "Vidu", "ying": "Ying"})
    text = clips.basis_text(clips.by_basis(cap), names)
    assert ("**Kling**: usable 5 to 10 s (beta, 2024-06-06); beside it, the claim (a statement, no "
            "clip): 120 s (2024-06-06); the usable length is 4% to 8% of the claim") in text
    # the claim (Kling 1920x1080 x 3,600 frames) is no clip: largest demonstrated is Vidu's demo,
    # 1920 x 1080 x 16 s x 24 fps = 796,262,400; smallest Ying's 1440 x 960 x 6 x 24 =
    # 199,065,600; ratio 4.0 -> x4
    assert clips.pixel_ratio_text(cap) == "x4"
    assert "holds 4 times the pixels" in clips.pixels_text(cap, 24)
    assert clips.pixels_text(cap.iloc[0:2], 24).startswith("Fewer than two")  # Kling: claim, no size
    assert clips.basis_text(clips.by_basis(cap.iloc[2:3]), names).startswith("No model")


def test_pixel_ratio_of_a_ranged_clip_is_a_range():
    # A: 1280 x 720 px, 5 to 10 s at 10 fps: 46,080,000 to 92,160,000 px; B: 640 x 360 px, 2 s at
    # 10 fps = 4,608,000 px. 46,080,000 / 4,608,000 = 10; 92,160,000 / 4,608,000 = 20
    cap = clips.with_pixels(caps(("a", T("2024-06-01"), "day", 5, 10, 720, 1280, 10, "public", "s"),
                                 ("b", T("2024-06-01"), "day", 2, 2, 360, 640, 10, "demo", "s"),
                                 ("c", T("2024-06-01"), "day", 60, 60, 2160, 3840, 10, "claimed", "s"),
                                 ("d", T("2024-06-01"), "day", 1, 1, 100, 100, 10, "sample", "s")),
                            24, (16, 9))
    # c (a claim) and d (a benchmark sample) are no product clip: they change nothing
    assert clips.pixel_ratio_text(cap) == "x10 to x20"
    assert clips.pixel_ratio_text(cap.iloc[1:]) == (
        "fewer than two demonstrated or usable clips with a stated resolution")


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
    # Vidu's demo and Ying's public clip; Kling's claim is no clip
    assert len(pixels[0]["bars"]) == 2 and pixels[0]["xscale"] == "log"
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


def test_alt_texts_state_the_extremes_on_each_basis():
    cap = clips.with_pixels(KLING, 24, (16, 9)).assign(model_name=lambda f: f.model_id)
    # usable: Kling's beta, 5 to 10 s (upper end 10 > Ying's 6); demonstrated or usable: Vidu's
    # 16 s demo; claimed: Kling's 120 s
    assert clips.lengths_alt(cap) == (
        "Longest single clip for 3 models on a log scale; the longest usable is 5 to 10 s, usable "
        "(beta): kling (2024-06-06; s1); the longest demonstrated or usable is 16 s, demonstrated "
        "by a released clip: vidu (2024-04-27; s2); the longest claimed (a statement, no clip) is "
        "120 s, claimed (no clip): kling (2024-06-06; s1).")
    # pixels, demonstrated or usable: Ying 960 x 1440 x 6 s x 24 fps = 199,065,600; Vidu 1080 x
    # 1920 x 16 s x 24 fps = 796,262,400 (Kling's claim is no clip)
    assert clips.pixels_alt(cap) == ("Pixels per clip for 2 clips, demonstrated or usable, on a log "
                                     "scale, from ying (199,065,600) to vidu (796,262,400).")


def test_by_basis_puts_the_longest_clips_first_an_open_claim_above_its_floor():
    """03's first table led with whatever sorted first by id (Allegro, CogVideoX ...) and buried
    Sora and Kling: it starts with the longest clip on any basis. Veo 2's
    'over 120 s' ranks above Kling's 120 s."""
    cap = caps(("allegro", T("2024-10-22"), "day", 6, 6, 720, 1280, None, "public", "s4"),
               ("sora", T("2024-02-15"), "day", 60, 60, 1080, 1920, None, "demo", "s5"),
               ("veo_2", T("2024-12-16"), "day", 120, None, 2160, None, None, "claimed", "s6"),
               *KLING.itertuples(index=False))
    order = list(clips.by_basis(cap).model_id)
    # veo_2 at least 120 s, kling 120 s, sora 60, vidu 16, then allegro and ying at 6 s by id
    assert order == ["veo_2", "kling", "sora", "vidu", "allegro", "ying"]


FULL = ["model_id", "as_of", "as_of_precision", "max_clip_s_low", "max_clip_s_high", "clip_kind",
        "height_px", "width_px", "fps", "availability", "tier", "region", "dated_by", "source_id",
        "model_name"]


def full(*rows):
    frame = pd.DataFrame(rows, columns=FULL)
    return clips.with_pixels(frame.assign(height_px=frame.height_px.astype("Int64"),
                                          width_px=frame.width_px.astype("Int64"),
                                          fps=frame.fps.astype("float64")), 24, (16, 9))


def test_the_three_bases_are_never_merged_in_the_key_figures():
    """Issue #29, 2: 'longest single clip claimed or shown' set a claim (Kling's 120 s) where a
    demonstration belongs. Each figure is one basis, named in its label."""
    cap = full(("k", T("2024-06-06"), "day", 120, 120, "single", 1080, None, 30, "claimed",
                "", "", "event", "k1", "Kling"),
               ("k", T("2024-07-01"), "month", 180, 180, "extended", None, None, None, "claimed",
                "", "", "event", "k2", "Kling"),
               ("k", T("2024-07-30"), "day", 10, 10, "single", None, None, None, "public",
                "", "global", "event", "k3", "Kling"),
               ("s", T("2024-02-15"), "day", 60, 60, "single", 1080, 1920, None, "demo", "", "", "event", "s1", "Sora"),
               ("t", T("2024-12-09"), "day", 20, 20, "single", 1080, 1920, None, "public", "ChatGPT Pro",
                "outside the EU, CH and UK", "event", "t1", "Sora Turbo"))
    figures = clips.key_figures(cap)
    assert figures["longest single clip, usable"] == (
        "20 s, usable (public): Sora Turbo, ChatGPT Pro, outside the EU, CH and UK (2024-12-09; t1)")
    assert figures["longest single clip, demonstrated or usable"] == (
        "60 s, demonstrated by a released clip: Sora (2024-02-15; s1)")
    assert figures["longest single clip, claimed (a statement, no clip)"] == (
        "120 s, claimed (no clip): Kling (2024-06-06; k1)")
    assert figures["longest clip chained from extensions, claimed (a statement, no clip)"] == (
        "180 s, claimed (no clip): Kling (Jul 2024; k2)")
    assert figures["longest clip chained from extensions, demonstrated or usable"] == "none in the selection"
    # Sora 60 s x 24 fps x 1920 x 1080 = 2,985,984,000 px against Sora Turbo's 20 s: 60 / 20 = 3
    assert figures["pixel ratio, largest to smallest demonstrated or usable clip"] == "x3"


def test_a_sample_clip_is_no_products_maximum():
    """Issue #29, 2: the VBench team's sample clip (Gen-3 Alpha 10.7 s) enters no longest clip, no
    share and no chart; the length chart crashed on the class."""
    import matplotlib

    matplotlib.use("Agg")
    from videorace.analysis import plots

    cap = full(("g", T("2024-07-25"), "day", 10.7, 10.7, "single", 768, 1280, 24, "sample",
                "", "", "source", "v", "Gen-3"),
               ("g", T("2024-06-17"), "day", 10, 10, "single", None, None, None, "claimed",
                "", "", "event", "r", "Gen-3"),
               ("y", T("2024-07-26"), "day", 6, 6, "single", 960, 1440, None, "public", "", "", "event", "y", "Ying"))
    cap = cap.assign(org_id="x", maker="M")
    assert clips.longest(cap, "demonstrated") == (6.0, 6.0)  # Ying's, not the 10.7 s sample
    table = clips.by_basis(cap).set_index("model_id")
    assert (table.loc["g", "demonstrated"], table.loc["g", "share"]) == ("", "")
    assert list(clips.samples(cap).model_id) == ["g"]
    drawn = plots.plotted_data(clips.plot_lengths(cap))[0]
    assert len(drawn["lines"]) == 2  # Gen-3's claim and Ying's public clip, no sample
    assert clips.pixel_ratio_text(cap).startswith("fewer than two")
    plots.plt.close("all")


def test_an_open_ended_claim_gives_a_bound_on_the_usable_share():
    """Issue #29, 2: Veo 2's 'over 120 s' against its usable 8 s is under 8 / 120 = 6.7%, so
    'under 7%', never a share computed from the floor."""
    assert clips.share_text(8, 8, 120, float("nan")) == "under 7%"
    assert clips.share_text(8, 8, 160, None) == "under 5%"  # 8 / 160 = 5% exactly: a claim over 160 s
    assert clips.share_text(5, 10, 100, 120) == "4% to 10%"  # 5 / 120 = 4.2%, 10 / 100 = 10%
    assert clips.share_text(None, None, 120, 120) == ""
    cap = full(("v", T("2024-12-01"), "month", 120, None, "single", 2160, 4096, None, "claimed",
                "", "", "event", "c", "Veo 2"),
               ("v", T("2025-04-15"), "day", 8, 8, "single", 720, None, None, "public",
                "Gemini Advanced", "", "event", "p", "Veo 2"))
    row = clips.by_basis(cap).iloc[0]
    assert (row.claimed, row.usable, row.availability, row.share, row.tier) == (
        "at least 120 s", "8 s", "public", "under 7%", "Gemini Advanced")


def test_a_claim_extended_to_minutes_is_no_single_clip():
    cap = full(("s", T("2026-07-31"), "day", 30, 30, "single", None, None, None, "claimed", "", "", "event", "a", "S"),
               ("s", T("2026-07-31"), "day", 180, 180, "extended", None, None, None, "claimed",
                "", "", "event", "a", "S"))
    assert clips.longest(cap, "claimed") == (30.0, 30.0)
    assert clips.by_basis(cap).iloc[0].claimed == "30 s"
    assert clips.longest(cap, "claimed", "extended") == (180.0, 180.0)


def test_a_figure_first_stated_later_is_dated_as_a_range():
    """Issue #29, 1 and 2: Kling 1.5's 10 s, first stated in a 2026-08-12 copy, held from the
    model's launch (2024-09-19) to that copy: the answer says so."""
    cap = full(("k15", T("2026-08-12"), "day", 10, 10, "single", 1080, None, None, "public",
                "", "", "source", "copy", "Kling 1.5"),
               ("v", T("2024-07-30"), "day", 8, 8, "single", 1080, None, None, "public",
                "", "global", "event", "x", "Vidu"),
               ("n", T("2026-01-01"), "year", 15, 15, "single", None, None, None, "public", "", "", "source", "d", "N"))
    dated = clips.with_first_dates(cap, pd.Series({"k15": T("2024-09-19"), "v": T("2024-07-01")}),
                                   pd.Series({"k15": T("2024-09-01")}))
    assert list(dated.held_from.isna()) == [False, True, True]  # v dated by its event; n: no date
    assert clips.longest_text(dated[dated.model_id != "n"], "usable") == (
        "10 s, usable (public): Kling 1.5 (2024-09-19 to 2026-08-12, a range: first stated in a "
        "later source; copy)")
    assert clips.longest_text(dated, "usable") == (
        "15 s, usable (public): N (by 2026, first stated then: when it began is not known; d)")


def test_a_tie_for_the_longest_clip_names_every_model_as_long():
    """Three models at 30 s: the answer is one of them by date, and says the others are as long."""
    cap = full(("s", T("2026-08-07"), "day", 30, 30, "single", None, None, None, "public",
                "", "", "event", "a", "Seedance"),
               ("w", T("2026-08-01"), "month", 30, 30, "single", 1080, None, None, "public",
                "", "", "event", "b", "Wan"),
               ("k", T("2026-10-24"), "day", 30, 30, "single", 1080, None, None, "public",
                "", "", "event", "c", "Kling"),
               ("v", T("2024-12-01"), "month", 30, None, "single", None, None, None, "public",
                "", "", "event", "d", "Veo"))
    # Veo's 'at least 30 s' ranks above the three; they tie below it
    assert clips.longest_text(cap, "usable") == "at least 30 s, usable (public): Veo (Dec 2024; d)"
    # without Veo: the day-dated rows first, the earliest of them (Seedance); Kling and Wan as long
    assert clips.longest_text(cap[cap.model_id != "v"], "usable") == (
        "30 s, usable (public): Seedance (2026-08-07; a); as long: Kling, Wan")


def test_pixel_chart_counts_single_clips_and_dates_a_late_figure_by_its_source():
    import matplotlib

    matplotlib.use("Agg")
    from videorace.analysis import plots

    cap = full(("n", T("2025-04-01"), "month", 120, 120, "extended", 720, 1280, 24, "public",
                "", "", "event", "a", "Reel"),
               ("k", T("2026-08-12"), "day", 10, 10, "single", 1080, 1920, 30, "public", "", "", "source", "b", "K"),
               ("o", T("2024-03-18"), "day", 2, 2, "single", 512, 512, 24, "public", "", "", "event", "c", "O"))
    # Reel's 120 s is chained from 6 s shots: no single clip. K: 1920 x 1080 x 300 frames =
    # 622,080,000; O: 512 x 512 x 48 = 12,582,912; 622,080,000 / 12,582,912 = 49.4 -> x49
    assert list(clips.pixel_clips(cap).model_id) == ["k", "o"]
    assert clips.pixel_ratio_text(cap) == "x49"
    labels = plots.plotted_data(clips.plot_pixels(cap.assign(org_id="x")))[0]["yticklabels"]
    assert labels == ["O 2 s usable (public) (2024-03-18)", "K 10 s usable (public) (by 2026-08-12)"]
    plots.plt.close("all")
