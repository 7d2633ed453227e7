"""videorace.analysis.tokens.headline: one cost per geometry on one basis, its assumptions in
words, and the key figures, on small hand-made inputs."""

import pandas as pd
import pytest

from tests.tokens_examples import A, CLIPS, SMALL, TINY
from videorace.analysis import tokens as t

def test_headline_costs_one_range_per_geometry_over_the_spans():
    clip = CLIPS.iloc[0]  # A 2 s, chained here in 1 s chunks
    head = t.headline_costs(clip, {"Tiny": TINY}, SMALL, A, 12, 32, 1)
    row = head.iloc[0]
    assert (row.geometry, row.clip_name, row.chunks, row.seconds_per_chunk) == \
        ("Tiny", "A 2 s", 2, 1)
    # 2,376,000 FLOPs (see test_chained_cost_range_low_and_high_ends) on 1,000 FLOP/s; A's own
    # utilisation 0.5 is inside 0.2-0.6 and its USD 3,600 widens 1.5-4.0 to 1.5-3,600:
    # low at 60% and USD 1.50: 3,960 s -> 1.65; high at 20% and USD 3,600: 11,880 s -> 11,880
    assert row.usd_low == pytest.approx(2_376_000 / 600 / 3600 * 1.5)
    assert row.usd_high == pytest.approx(2_376_000 / 200)


def test_describe_assumptions_in_words_with_the_spans():
    text = t.describe_assumptions(A, "h100", 12, "Tiny", t.Transformer(2e9, 4, 100))
    assert text == ("Tiny's transformer (2 B parameters) in every geometry, on one H100 (1e-09 "
                    "TFLOP/s dense BF16) at 20% to 60% of peak, USD 1.50 to "
                    "3,600.00 per GPU-hour, 3 denoising steps, 2 guidance passes per step, 1.5 "
                    "attempts per kept clip; CITIC's geometry at 7.5 to 10 frames per second, the "
                    "other at 12; the denoiser alone, so lower bounds")
    one = t.describe_assumptions(t.CostAssumptions(1, 1, 1, 989, 0.4, 2.5), "h100", 24, "Tiny",
                                 SMALL)
    assert "1 denoising step, 1 guidance pass per step, 1 attempt per kept clip" in one
    assert "_" not in text + one


HEADLINE = pd.DataFrame({"geometry": ["CITIC", "Tiny's geometry at 64p (hypothetical: x)"],
                         "clip_name": ["B 4 s", "B 4 s"], "chunks": [36, 36],
                         "seconds_per_chunk": [5.0, 5.0], "usd_low": [2.226, 56.67],
                         "usd_high": [27.89, 453.3]})


def test_key_figures_one_cost_per_geometry_all_chained_none_beside_one_sequence():
    count = {"patches": 60_000, "passes": 1_200_000}
    omitted = pd.DataFrame({"vs_citic": [1.0, 20.976]})
    figures = t.key_figures(count, omitted, "Tiny's geometry at 64p (hypothetical: x)", "Tiny",
                            HEADLINE, "the longest chained clip", "some assumptions")
    assert figures == {
        "CITIC patches and tokens": "60,000 and 1,200,000",
        "full count vs CITIC's arithmetic, Tiny's geometry at 64p (hypothetical: x), Tiny's "
        "transformer": "x21.0",
        "the longest chained clip (B 4 s), made in 36 chunks of 5 s, CITIC":
            "USD 2.23 to 27.9 per kept clip",
        "the longest chained clip (B 4 s), made in 36 chunks of 5 s, Tiny's geometry at 64p "
        "(hypothetical: x)": "USD 56.7 to 453 per kept clip",
        "assumptions of the costs": "some assumptions"}
    assert not [v for v in figures.values() if "sequence" in v]


def test_key_figures_in_citics_geometry_say_the_transformer_is_our_choice():
    figures = t.key_figures({"patches": 1, "passes": 2}, pd.DataFrame({"vs_citic": [1.0, 5.5]}),
                            t.CITIC_LABEL, "Wan", HEADLINE.iloc[:0], "the longest clip", "a")
    assert figures[f"full count vs CITIC's arithmetic, {t.CITIC_LABEL}, Wan's transformer (this "
                   "report's choice, not CITIC's)"] == "x5.5"


def test_headline_key_of_a_clip_within_one_chunk_says_one_sequence():
    row = HEADLINE.iloc[0].copy()
    row["chunks"], row["seconds_per_chunk"] = 1, 4.0
    assert t.headline_key(row, "the longest clip") == \
        "the longest clip (B 4 s), made as one sequence, CITIC"
    assert t.headline_key(HEADLINE.iloc[1], "the longest chained clip").startswith(
        "the longest chained clip (B 4 s), made in 36 chunks of 5 s, Tiny's")


def test_headline_basis_names_the_clip_and_keeps_one_sequence_apart():
    text = t.describe_headline_basis("the longest chained clip")
    assert "one headline cost, all on the same basis: the longest chained clip made as it is made" \
        in text
    assert "A cost of one sequence, as in section 2, answers another question" in text
