"""Token arithmetic for video diffusion transformers: CITIC's estimate, generalised.

Units are in the names: ``_px`` pixels, ``_s`` seconds, ``fps`` frames per second, ``flops``
floating-point operations (not per second), ``tflops`` 10^12 FLOP/s.

Sources, each for what it gives:

- Latent geometry (VAE compression, patch sizes, text tokens): the repositories cited in
  ``data/architectures.csv``.
- About 2*N forward FLOPs per token for a transformer of N parameters: Kaplan et al. 2020,
  *Scaling Laws for Neural Language Models*, Table 1 (``arxiv_kaplan_scaling``). That table's
  context term counts only the attention logits (QK^T), half of the quadratic cost below.
- The attention term: Chowdhery et al. 2022, *PaLM*, appendix B (``arxiv_palm``), which puts
  training at 6*N + 12*L*H*Q*T FLOPs per token (L layers, H heads of size Q, so H*Q = width d,
  sequence length T). The forward pass is a third of training: 2*N + 4*L*d*T per token, so a pass
  over a sequence of S tokens costs 2*N*S + 4*L*d*S^2.

Every cost here is the denoising transformer's alone. The text encoder (run once per prompt) and the
VAE decoder (run once per clip to turn latents into pixels) are not counted; neither runs once
per step, but neither is free, so the costs are lower bounds on a real generation's compute.

The package is split along its seams: ``geometry`` (tokens), ``compute`` (FLOPs, GPU time,
money), ``tables`` (frames and how they are shown), ``readings`` (sentences and key figures) and
``charts`` (what notebooks/04_token_cost shows). Everything public is
reachable here as ``tokens.<name>``.
"""

from videorace.analysis.tokens.geometry import (  # noqa: F401
    CITIC_FRAMES,
    CITIC_PATCHES_PER_FRAME,
    CITIC_STEPS,
    CITIC_CLIP_S,
    CITIC_FLOPS_REFERENCE,
    CITIC_LABEL,
    Geometry,
    latent_frames,
    spatial_tokens,
    temporal_tokens,
    tokens_per_clip,
    token_passes,
    citic_geometry,
    citic_near_match,
    citic_fps,
    display_name,
    geometry_label,
    hypothetical,
    hypothetical_note,
    frame_rates,
    geometry,
    calibration,
    sized,
)
from videorace.analysis.tokens.compute import (  # noqa: F401
    Transformer,
    attention_flops,
    flops_per_pass,
    attention_share,
    clip_flops,
    chunked_flops,
    gpu_seconds,
    dollars,
    implied_utilisation,
    with_params,
    transformer,
    CostAssumptions,
    clip_cost,
    sensitivity,
    ASSUMPTION_WORDS,
    ATTEMPTS_SPAN,
    FPS_SPAN,
    HEIGHT_SPAN,
    PARAMS_FACTOR_SPAN,
    PASSES_SPAN,
    STEPS_SPAN,
    USD_PER_GPU_HOUR_SPAN,
    UTILISATION_SPAN,
    assumption_value,
    chained_cost_range,
    sensitivity_ranges,
    span,
)
from videorace.analysis.tokens.tables import (  # noqa: F401
    ARTICLE_CLIP_MODELS,
    BASIS_WORDS,
    article_clips,
    headline_clip,
    clip_geometries,
    clip_costs,
    citic_omissions,
    chunking,
    utilisation_reading,
    UTILISATION_COLUMNS,
    utilisation_table,
    Setup,
    check_parameters,
)
from videorace.analysis.tokens.columns import (  # noqa: F401
    times,
    share,
    whole,
    cents,
    three_digits,
    OMISSION_COLUMNS,
    OMISSION_FORMATS,
    cost_columns,
    COST_RANGES,
    COST_FORMATS,
    CHUNK_COLUMNS,
    CHUNK_FORMATS,
    HEADLINE_COLUMNS,
    HEADLINE_RANGES,
    HEADLINE_FORMATS,
    UTILISATION_HEADERS,
    UTILISATION_FORMATS,
    ARCHITECTURE_HEADERS,
)
from videorace.analysis.tokens.readings import (  # noqa: F401
    CITIC_SUBJECT,
    citic_count,
    describe_citic_count,
    describe_transformer_choice,
    describe_full_count,
    omission_readings,
    describe_near_match,
    describe_clip_costs,
    describe_chunking,
    describe_sensitivity,
    describe_utilisation,
)
from videorace.analysis.tokens.headline import (  # noqa: F401
    headline_costs,
    describe_headline_basis,
    describe_assumptions,
    headline_key,
    key_figures,
)
from videorace.analysis.tokens.charts import (  # noqa: F401
    clip_costs_alt,
    clip_costs_chart,
    sensitivity_chart,
    plot_clip_costs,
    plot_sensitivity,
    sensitivity_alt,
)
