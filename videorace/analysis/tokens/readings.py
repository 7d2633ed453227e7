"""The sentences notebooks/04_token_cost prints, each from computed values (the headline costs and
key figures are in ``headline``).

Every parameter reaches the reader as words ("guidance passes per step"), never as its name; a
geometry the model does not generate natively is named hypothetical (``geometry_label``); a cost
says whether it is for one sequence or for a clip chained from chunks, and the two are never set
side by side as if they answered the same question.
"""

from __future__ import annotations

import pandas as pd

from videorace.analysis.tokens.compute import (FPS_SPAN, Transformer, assumption_value,
                                               transformer)
from videorace.analysis.tokens.geometry import (CITIC_FRAMES, CITIC_PATCHES_PER_FRAME, CITIC_STEPS,
                                                citic_fps, citic_geometry, citic_near_match,
                                                hypothetical_note, token_passes, tokens_per_clip)
from videorace.data import dates

#: The metrics.csv subject that holds CITIC's figures as the article reports them.
CITIC_SUBJECT = "CITIC Securities token estimate"


def citic_count(metrics: pd.DataFrame) -> dict:
    """CITIC's figures from ``metrics.csv``, checked against the package's count (60 frames x
    1,000 patches, x 20 steps): patches, token passes, clip length (short, long) and the frame
    rates they imply. A ValueError names the metric that disagrees, and what was expected."""
    rows = metrics[metrics.subject == CITIC_SUBJECT].set_index("metric")
    patches = tokens_per_clip(citic_geometry())
    passes = token_passes(patches, CITIC_STEPS)
    for metric, expected in (("patches", patches), ("tokens", passes)):
        found = rows.value_low.get(metric)
        if found != expected:
            raise ValueError(f"metrics.csv: {CITIC_SUBJECT!r}, metric {metric!r} is {found}; "
                             f"expected {expected:,.0f} (60 frames x 1,000 patches x 20 steps)")
    if "clip_duration" not in rows.index:
        raise ValueError(f"metrics.csv: {CITIC_SUBJECT!r} has no 'clip_duration' row; expected "
                         "the clip length CITIC's 60 frames stand for")
    short_s, long_s = rows.loc["clip_duration", ["value_low", "value_high"]]
    if (CITIC_FRAMES / long_s, CITIC_FRAMES / short_s) != citic_fps():
        raise ValueError(f"metrics.csv: {CITIC_SUBJECT!r}, clip_duration is {short_s:g} to "
                         f"{long_s:g} s; expected the 6 to 8 s the frame rates here assume")
    low, high = citic_fps()
    return {"patches": patches, "passes": passes, "short_s": short_s, "long_s": long_s,
            "fps_low": low, "fps_high": high, "source_id": rows.source_id.iloc[0]}


def describe_citic_count(count: dict) -> str:
    """Section 1's sentence: CITIC's count as the article reports it, and its implied rate."""
    return (f"CITIC's count: {CITIC_FRAMES} frames x {CITIC_PATCHES_PER_FRAME:,} patches per "
            f"frame = **{count['patches']:,} patches**; x {CITIC_STEPS} denoising steps = "
            f"**{count['passes']:,.0f} tokens**, exactly the figures the article reports (checked "
            f"against `metrics.csv`). For a clip of {count['short_s']:g} to {count['long_s']:g} s, "
            f"{CITIC_FRAMES} frames imply **{count['fps_low']:g} to {count['fps_high']:g} frames "
            "per second**; CITIC's geometry is counted at that rate below.")


def describe_transformer_choice(name: str, published_on, precision: str, reported_on) -> str:
    """Whose transformer costs CITIC's count in FLOPs, and that the choice is this report's:
    CITIC counted tokens and named no model, and a model published after CITIC's estimate was
    reported (``reported_on``) cannot be one CITIC used. ``published_on`` is known to
    ``precision``: a month that holds ``reported_on`` is neither before nor after it."""
    when = dates.as_text(published_on, precision)
    first = dates.period_start(published_on.date(), precision)
    last = dates.period_end(published_on.date(), precision)
    order = ("after" if first > reported_on.date() else "before" if last < reported_on.date()
             else "around when")
    return (f"CITIC counted tokens, not FLOPs, and named no model. Costing its count in FLOPs with "
            f"{name}'s transformer is this report's choice, not CITIC's: {name} was published in "
            f"{when}, {order} CITIC's estimate was reported on {dates.as_text(reported_on)}.")


def describe_full_count(omitted: pd.DataFrame, label: str, model: Transformer, name: str,
                        resized_from: Transformer | None, steps: int, own_steps: int) -> str:
    """The sentence after ``citic_omissions``: how many times CITIC's arithmetic the full count is,
    and how much attention and the denoising steps add. ``label`` names the geometry as a reader
    sees it; ``resized_from`` is the published model when ``model`` was resized, else None."""
    factor = omitted.set_index("key").factor
    steps_text = (f"CITIC's own {CITIC_STEPS} denoising steps" if steps == CITIC_STEPS else
                  f"{steps} denoising steps instead of CITIC's {CITIC_STEPS}")
    scaled = ("" if resized_from is None else
              f"; resized from {resized_from.params / 1e9:g} B by scaling the width from "
              f"{resized_from.width:,.0f} with the square root of N, layers kept")
    return (f"With {name}'s transformer (N = {model.params / 1e9:g} B, {model.layers} layers, "
            f"width {model.width:,.0f}{scaled}) and {label}, the full count is "
            f"**x{omitted.vs_citic.iloc[-1]:.1f}** CITIC's "
            f"{token_passes(tokens_per_clip(citic_geometry()), CITIC_STEPS):,.0f} "
            f"token passes costed at 2N FLOPs each; attention alone multiplies it by "
            f"x{factor['attention']:.2f}, and {steps_text} by x{factor['steps']:.2f}. This report "
            f"uses {steps} denoising steps; {name}'s own default is {own_steps} "
            "(architectures.csv).")


def omission_readings(omitted: pd.DataFrame, setup, architectures: pd.DataFrame,
                      sources: pd.DataFrame, count: dict) -> list[str]:
    """The sentences after ``citic_omissions``: the full count (``describe_full_count``), whose
    transformer costs CITIC's count (``describe_transformer_choice``, dated from
    ``sources.csv``: the model's source against the source that reports CITIC's estimate), why
    the open geometry is hypothetical when it is (``hypothetical_note``) and, for a
    VAE-and-patch geometry, why CITIC's count can look right (``describe_near_match``)."""
    row = architectures.set_index("arch_id", drop=False).loc[setup.open_model]
    published = transformer(row)
    dated = sources.set_index("source_id")
    model_source, citic_source = dated.loc[row.source_id], dated.loc[count["source_id"]]
    name = setup.open_name or setup.open_model
    texts = [describe_full_count(omitted, setup.label, setup.model, name,
                                 None if published == setup.model else published,
                                 setup.assumptions.steps, int(row.steps)),
             describe_transformer_choice(name, model_source.published_on,
                                         model_source.published_precision,
                                         citic_source.published_on)]
    texts.append(hypothetical_note(name, setup.open_geometry, setup.height_px))
    if setup.geometry.patches_per_frame is None:
        texts.append(describe_near_match(setup.open_geometry, setup.height_px))
    return [text for text in texts if text]


#: Within this factor of CITIC's 60,000, a model's count "nearly" matches it.
NEAR_MATCH = (0.8, 1.25)


def describe_near_match(g, height_px: int) -> str:
    """How CITIC's 60,000 compares with a VAE-and-patch geometry ``g`` (the published one) at 60
    frames: two errors pull opposite ways (every frame counted, too few patches per frame), and
    within ``NEAR_MATCH`` they nearly cancel, which is why the count can look right. Then the
    same at ``height_px`` when that is another size. Empty for CITIC's own geometry."""
    if g.patches_per_frame is not None:
        return ""
    own, at = citic_near_match(g), citic_near_match(g, height_px)
    close = NEAR_MATCH[0] <= own["ratio"] <= NEAR_MATCH[1]
    lead = (f"Why CITIC's 60,000 can look right: at the model's own {own['height_px']}p, "
            if close else f"How CITIC's 60,000 compares: at the model's own {own['height_px']}p, ")
    text = (f"{lead}{CITIC_FRAMES} frames are {own['tokens']:,} tokens, x{own['ratio']:.2f} "
            f"CITIC's count, because two errors "
            f"{'nearly cancel' if close else 'pull opposite ways'}. CITIC counts every frame, "
            f"x{own['temporal']:.1f} the time positions of a VAE that compresses time, but gives "
            f"each only {CITIC_PATCHES_PER_FRAME:,} patches, where the model has "
            f"x{own['spatial']:.1f} that many per latent frame.")
    if at["height_px"] == own["height_px"]:
        return text
    note = "" if height_px == g.height_px else ", a size the model does not generate,"
    moves = "grows" if at["spatial"] > own["spatial"] else "falls"
    return (f"{text} At {at['height_px']}p{note} the spatial factor {moves} to "
            f"x{at['spatial']:.1f} and the count to x{at['ratio']:.2f} CITIC's.")


def describe_clip_costs(costs: pd.DataFrame, clip: pd.Series, phrase: str, open_label: str,
                        citic_label: str, fps: float, gpu: str, utilisation: float) -> list[str]:
    """Section 2's sentences on ``clip`` (the row of ``article_clips`` named by ``phrase``, e.g.
    "the longest chained clip"), each cost made as one sequence and said to be so: in the open
    geometry (tokens, FLOPs against the shortest clip, GPU-hours, dollars), and in CITIC's."""
    own = costs[costs.geometry == open_label]
    shortest, row = own.iloc[0], own[own.label == clip.label].iloc[0]
    cc = costs[(costs.geometry == citic_label) & (costs.label == clip.label)].iloc[0]
    name = f"{phrase} ({clip['name']})"
    return [f"At {fps:g} fps in {open_label}, {name} made as one sequence would be "
            f"{row.tokens:,} tokens, {row.tokens / shortest.tokens:.0f}x the tokens of "
            f"{shortest.label} but {row.flops / shortest.flops:.0f}x the FLOPs, because attention "
            f"takes {row.attention_share:.1%} of them. On one {gpu.upper()} at "
            f"{utilisation:.0%} of its peak that one sequence is "
            f"{row.gpu_seconds / 3600:,.1f} GPU-hours, about "
            f"USD {row.usd:,.0f} per kept clip.",
            f"In CITIC's geometry, counted at its implied {cc.fps:g} to {cc.fps_high:g} fps rather "
            f"than the report's frame rate, {name} made as one sequence is {cc.frames:,} to "
            f"{cc.frames_high:,} frames and {cc.tokens:,} to {cc.tokens_high:,} tokens: "
            f"{cc.gpu_seconds / 3600:,.1f} to {cc.gpu_seconds_high / 3600:,.1f} GPU-hours, "
            f"USD {cc.usd:,.0f} to {cc.usd_high:,.0f} per kept clip."]


def describe_chunking(chunks: pd.DataFrame, label: str, where: str) -> str:
    """The sentence after ``chunking``'s table for the clip ``label`` sized ``where`` (e.g. "in
    Wan2.1-T2V-14B geometry at 24 fps"), including the case of a chunk no shorter than the clip.
    A chained clip and one sequence answer different questions, and the sentence says so."""
    first, last = chunks.iloc[0], chunks.iloc[-1]
    if len(chunks) == 1:
        return (f"Made {where}, {label} is no longer than one chunk (the seconds per chunk this "
                f"report assumes), so it is made as one {first.seconds_per_chunk:g} s sequence "
                "and chunking saves nothing.")
    return (f"Made {where}, {label} as {last.chunks:.0f} chunks of {last.seconds_per_chunk:.1f} s "
            f"needs {last.vs_one_sequence:.1%} of the FLOPs of one {first.seconds_per_chunk:g} s "
            "sequence: attention's cost grows with the square of the sequence, so splitting it "
            "cuts that term by the number of chunks, while the linear term stays about the same "
            "(each chunk carries the prompt's text tokens again, where the model has any). The "
            "two answer different questions: each chunk attends only to itself, one sequence "
            "attends across the whole clip, so this is why long clips are chained, not a cheaper "
            "way to make the same clip.")


def describe_sensitivity(sens: pd.DataFrame, label: str, fps: float, seconds: float) -> str:
    """The sentence after the sensitivity chart: the assumption that moves the cost most, over
    which values, the one that moves it least, and how frames and model size were moved."""
    top, bottom = sens.iloc[0], sens.iloc[-1]
    return (f"For a {seconds:g} s clip at {fps:g} fps in {label}, "
            f"**{top.assumption}** moves the cost most: from {assumption_value(top.key, top.low)} "
            f"to {assumption_value(top.key, top.high)} changes it x{top.swing:.1f}. The smallest "
            f"swing is {bottom.assumption} (x{bottom.swing:.1f}). The frames in the clip span "
            f"{FPS_SPAN[0]:g} to {FPS_SPAN[1]:g} frames per second; the model size is halved and "
            "doubled, its width scaled "
            "with the square root of N and its layers kept, so attention's term moves with it.")


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"



def _span(values: pd.Series) -> str:
    low, high = f"{values.min():.0%}", f"{values.max():.0%}"
    return low if low == high else f"{low} to {high}"



def _group(rows: pd.DataFrame, who: str, why: str) -> str:
    """One clause on ``rows``: the range over the possible ones, the count of impossible ones and
    ``why`` they are impossible."""
    ok, bad = rows[rows.plausible], rows[~rows.plausible]
    if not len(bad):
        return (f"{who}, the published times imply {_span(ok.implied_utilisation)} of peak "
                f"({_rows(len(ok))})")
    if not len(ok):
        which = "the one published time" if len(bad) == 1 else f"all {len(bad)} published times"
        return f"{who}, {which} would need more than 100% of peak, which is impossible: {why}"
    return (f"{who}, the possible rows imply {_span(ok.implied_utilisation)} of peak "
            f"({_rows(len(ok))}); {_rows(len(bad))} more would need over 100% and "
            f"{'is' if len(bad) == 1 else 'are'} impossible: {why}")



def describe_utilisation(util: pd.DataFrame, assumed: float, gpu: str) -> str:
    """The sentence after ``utilisation_table``: the range over possible rows only, a count of the
    impossible ones, separately for rows that state their GPU and rows that assume ``gpu``."""
    if util.empty:
        return (f"No architecture publishes a generation time, so none can be set beside the "
                f"assumed {assumed:.0%} of peak.")
    stated, unstated = util[util.gpu_stated], util[~util.gpu_stated]
    parts = [_group(stated, "Where the GPU is stated",
                    "the published time must be for several GPUs or a faster one") if len(stated)
             else "No published time states its GPU"]
    if len(unstated):
        parts.append(_group(unstated, f"Where it is not stated and one {gpu.upper()} is assumed",
                            f"the {gpu.upper()} is too slow for the published time, so the "
                            "wrong GPU is assumed"))
    return ". ".join(parts) + f". This report assumes {assumed:.0%}."
