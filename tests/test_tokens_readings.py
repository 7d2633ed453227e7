"""videorace.analysis.tokens.readings: the sentences and key figures of notebooks/04_token_cost,
on small hand-made inputs."""

from dataclasses import replace

import pandas as pd
import pytest

from tests.tokens_examples import A, CLIPS, SMALL, TINY, arch_frame, tiny_setup, util
from videorace.analysis import tokens as t


def test_describe_chunking_both_cases():
    many = t.chunking(2, 0.5, TINY, SMALL, A, 12, 32)
    text = t.describe_chunking(many, "A 2 s", "in tiny's geometry at 12 fps")
    assert "4 chunks of 0.5 s" in text and f"{209_920 / 385_120:.1%}" in text  # 54.5%
    # a chained clip and one sequence answer different questions, and the sentence says so
    assert "The two answer different questions" in text and "not a cheaper way" in text
    one = t.describe_chunking(t.chunking(2, 600, TINY, SMALL, A, 12, 32), "A 2 s", "here")
    assert "one 2 s sequence" in one and "saves nothing" in one
    assert "chunk_s" not in one and "seconds per chunk" in one


def test_describe_utilisation_ranges_only_over_possible_rows():
    text = t.describe_utilisation(util((True, 0.38, True), (True, 0.53, True), (False, 1.14, False),
                                       (True, 2.4, False)), 0.4, "a100")
    assert "38% to 53%" in text and "114%" not in text and "240%" not in text
    assert "1 row more would need over 100% and is impossible: the published time must be for "\
        "several GPUs or a faster one" in text
    assert "one A100 is assumed, the one published time would need more than 100% of peak, which "\
        "is impossible: the A100 is too slow for the published time, so the wrong GPU is assumed" \
        in text
    assert "assumes 40%" in text and "nan" not in text.lower()


def test_describe_utilisation_none_stated_all_impossible_single_and_empty():
    none_stated = t.describe_utilisation(util((False, 0.36, True)), 0.4, "h100")
    assert none_stated.startswith("No published time states its GPU")
    assert "imply 36% of peak (1 row)" in none_stated  # one value, not "36% to 36%"
    all_bad = t.describe_utilisation(util((True, 1.5, False), (True, 3.0, False)), 0.4, "h100")
    assert "all 2 published times would need more than 100% of peak, which is impossible" in all_bad
    empty = t.describe_utilisation(util(), 0.4, "h100")
    assert empty.startswith("No architecture publishes a generation time")
    for text in (none_stated, all_bad, empty):
        assert "nan" not in text.lower()


# --- CITIC's count ---------------------------------------------------------------------------

def metrics(patches=60_000, tokens=1_200_000, clip=(6, 8)) -> pd.DataFrame:
    rows = [("patches", patches, patches), ("tokens", tokens, tokens),
            ("clip_duration", *clip)]
    return pd.DataFrame([(t.CITIC_SUBJECT, m, lo, hi, "a2") for m, lo, hi in rows],
                        columns=["subject", "metric", "value_low", "value_high", "source_id"])


def test_citic_count_reads_and_checks_metrics():
    count = t.citic_count(metrics())
    # 60 frames x 1,000 = 60,000 patches, x 20 steps = 1.2 million; 60 / 8 and 60 / 6 fps
    assert count == {"patches": 60_000, "passes": 1_200_000, "short_s": 6, "long_s": 8,
                     "fps_low": 7.5, "fps_high": 10, "source_id": "a2"}
    text = t.describe_citic_count(count)
    assert "**60,000 patches**" in text and "**1,200,000 tokens**" in text
    assert "**7.5 to 10 frames per second**" in text


@pytest.mark.parametrize("bad,named", [({"patches": 50_000}, "'patches' is 50000"),
                                       ({"tokens": 1e6}, "'tokens' is 1000000.0"),
                                       ({"clip": (5, 8)}, "clip_duration is 5 to 8 s")])
def test_citic_count_names_the_metric_that_disagrees(bad, named):
    with pytest.raises(ValueError, match="metrics.csv") as err:
        t.citic_count(metrics(**bad))
    assert named in str(err.value)


def test_transformer_choice_is_ours_and_dated_against_citics_report():
    later = t.describe_transformer_choice("Wan", pd.Timestamp("2025-02-01"), "month",
                                          pd.Timestamp("2024-05-11"))
    assert later == ("CITIC counted tokens, not FLOPs, and named no model. Costing its count in "
                     "FLOPs with Wan's transformer is this report's choice, not CITIC's: Wan was "
                     "published in Feb 2025, after CITIC's estimate was reported on 2024-05-11.")
    earlier = t.describe_transformer_choice("Old", pd.Timestamp("2023-01-01"), "year",
                                            pd.Timestamp("2024-05-11"))
    assert "published in 2023, before CITIC's estimate" in earlier
    same_month = t.describe_transformer_choice("May", pd.Timestamp("2024-05-01"), "month",
                                               pd.Timestamp("2024-05-11"))
    assert "published in May 2024, around when CITIC's estimate was reported" in same_month
    assert "CITIC used" not in later + earlier


# --- the full count -------------------------------------------------------------------------

def test_describe_full_count_steps_and_resizing_in_words():
    omitted = t.citic_omissions(TINY, SMALL, A)  # factors: attention 1,612,000 / 260,000 = 6.2
    text = t.describe_full_count(omitted, "tiny's geometry at 32p", SMALL, "Tiny", None, 3, 50)
    # 14,508,000 / 2.4e9 = 0.006045 -> x0.0; 3 steps instead of CITIC's 20: 3 / 20 = x0.15
    assert "**x0.0** CITIC's 1,200,000 token passes" in text
    assert "attention alone multiplies it by x6.20" in text
    assert "3 denoising steps instead of CITIC's 20 by x0.15" in text
    assert "This report uses 3 denoising steps; Tiny's own default is 50" in text
    assert "resized" not in text and "`" not in text
    same = t.describe_full_count(t.citic_omissions(TINY, SMALL, replace_steps(20)), "g", SMALL,
                                 "Tiny", t.Transformer(250, 2, 5), 20, 50)
    assert "CITIC's own 20 denoising steps by x1.00" in same
    assert "resized from 2.5e-07 B by scaling the width from 5" in same


def replace_steps(steps):
    return replace(A, steps=steps)


def test_describe_near_match_for_a_vae_geometry_and_nothing_for_citics():
    assert t.describe_near_match(t.citic_geometry(), 1080) == ""
    own = t.describe_near_match(TINY, 32)
    # TINY at 60 frames: 16 latent frames x 8 = 128 tokens, 128 / 60,000 = x0.00: far from CITIC's
    # count, so the errors only pull opposite ways; 60 / 16 = x3.8 time positions
    assert own.startswith("How CITIC's 60,000 compares: at the model's own 32p, 60 frames are "
                          "128 tokens, x0.00 CITIC's count, because two errors pull opposite ways")
    assert "x3.8 the time positions" in own and "At " not in own  # one size, said once
    # at 64 px high: 2 x 4 -> 4 x 4 = 16 tokens a latent frame, 16 / 1,000 = x0.0
    assert "At 64p, a size the model does not generate, the spatial factor grows to x0.0" in \
        t.describe_near_match(TINY, 64)
    # 800 x 320 at 8 x 8 and 2 x 2 patches: 50 x 20 = 1,000 tokens a latent frame; no temporal
    # compression: 60 latent frames x 1,000 = 60,000, exactly CITIC's count
    near = t.Geometry("near", 800, 320, 60, vae_t_in=1, vae_t_out=1, causal_first_frame=False)
    text = t.describe_near_match(near, 320)
    assert text.startswith("Why CITIC's 60,000 can look right") and "nearly cancel" in text


# --- section 2: one sequence per clip ---------------------------------------------------------

def test_describe_clip_costs_says_one_sequence_and_names_the_longest_chained_clip():
    costs = t.clip_costs(CLIPS, {"CITIC": t.citic_geometry(), "Tiny": TINY}, SMALL, A, 12, 32)
    clip, phrase = t.headline_clip(CLIPS)
    open_text, citic_text = t.describe_clip_costs(costs, clip, phrase, "Tiny", "CITIC", 12,
                                                  "h100", 0.5)
    # Tiny at 12 fps: 4 s = 48 frames -> ceil(47 / 4) + 1 = 13 latent frames x 8 = 104 tokens;
    # 2 s = 56 tokens (104 / 56 = 1.86 -> 2x)
    assert "the longest chained clip (B 4 s) made as one sequence would be 104 tokens" in open_text
    assert "2x the tokens of A 2 s" in open_text
    assert "On one H100 at 50% of its peak that one sequence is" in open_text
    # CITIC: 4 s at 7.5 to 10 fps = 30 to 40 frames, 30,000 to 40,000 patches
    assert ("the longest chained clip (B 4 s) made as one sequence is 30 to 40 frames and 30,000 "
            "to 40,000 tokens") in citic_text
    assert "chunk" not in open_text + citic_text  # no chained cost beside these


def test_describe_sensitivity_in_words_never_parameter_names():
    sens = t.sensitivity(TINY, SMALL, A, {"passes_per_step": (1, 2), "utilisation": (0.2, 0.6)})
    text = t.describe_sensitivity(sens, "tiny's geometry at 32p", 12, 16)
    # utilisation 0.6 / 0.2 = x3.0; passes 2 / 1 = x2.0
    assert text.startswith("For a 16 s clip at 12 fps in tiny's geometry at 32p, **GPU "
                           "utilisation** moves the cost most: from 20% to 60% changes it x3.0.")
    assert "The smallest swing is guidance passes per step (x2.0)" in text
    assert "8 to 30 frames per second" in text
    assert "passes_per_step" not in text and "`" not in text


def test_omission_readings_from_the_setup_the_architectures_and_the_sources():
    architectures = arch_frame({"arch_id": "tiny", "name": "Tiny", "params_b": 1e-6, "layers": 2,
                                "hidden_width": 10, "steps": 50})  # SMALL's 1,000 parameters
    sources = pd.DataFrame({"source_id": ["src", "a2"],
                            "published_on": pd.to_datetime(["2025-02-01", "2024-05-11"]),
                            "published_precision": ["month", "day"]})
    setup = replace(tiny_setup(), open_name="Tiny", height_px=64)  # TINY is published at 32p
    omitted = t.citic_omissions(TINY, SMALL, A, 64, setup.label)
    texts = t.omission_readings(omitted, setup, architectures, sources, {"source_id": "a2"})
    assert len(texts) == 4
    assert texts[0].startswith("With Tiny's transformer (N = 1e-06 B, 2 layers, width 10) and "
                               "Tiny's geometry at 64p (hypothetical), the full count")
    assert "Tiny's own default is 50" in texts[0] and "resized" not in texts[0]
    assert "Tiny was published in Feb 2025, after CITIC's estimate was reported on 2024-05-11" \
        in texts[1]
    assert texts[2].startswith("Tiny generates 64x32, not 64p")
    assert texts[3].startswith("How CITIC's 60,000 compares: at the model's own 32p")
    # CITIC's geometry: no near match; at the model's own height, no hypothetical note
    citic = replace(tiny_setup("citic"), open_name="Tiny")
    texts = t.omission_readings(t.citic_omissions(t.citic_geometry(), SMALL, A), citic,
                                architectures, sources, {"source_id": "a2"})
    assert len(texts) == 2 and "CITIC's geometry (1,000 patches per frame), the full" in texts[0]
