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
money), ``tables`` and ``charts`` (what notebooks/04_token_cost shows). Everything public is
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
)
from videorace.analysis.tokens.tables import (  # noqa: F401
    ARTICLE_CLIP_MODELS,
    article_clips,
    clip_geometries,
    clip_costs,
    citic_omissions,
    chunking,
    describe_chunking,
    utilisation_reading,
    UTILISATION_COLUMNS,
    utilisation_table,
    describe_utilisation,
    Setup,
    check_parameters,
)
from videorace.analysis.tokens.charts import (  # noqa: F401
    clip_costs_alt,
    plot_clip_costs,
    plot_sensitivity,
    sensitivity_alt,
)
