"""How a clip becomes tokens: VAE compression, patches, CITIC's flat count, frame rates."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd



#: CITIC Securities' estimate as reported (a2, 2024-05-11): 60 frames ~ 60,000 patches, 20 steps,
#: for a clip of about 6 to 8 seconds.
CITIC_FRAMES = 60
CITIC_PATCHES_PER_FRAME = 1_000
CITIC_STEPS = 20
CITIC_CLIP_S = (6, 8)


#: CITIC counted tokens and named no model. To cost its count in FLOPs this project uses
#: Wan2.1-T2V-14B's transformer: our choice, following the research notes, not CITIC's (Wan 2.1 was
#: published in February 2025, CITIC's note in 2024).
CITIC_FLOPS_REFERENCE = "wan21_14b"


#: How tables and charts name CITIC's geometry.
CITIC_LABEL = "CITIC's geometry (1,000 patches per frame)"


def display_name(architectures, arch_id: str) -> str:
    """How prose names a geometry: its model's name in ``architectures.csv`` (``wan21_14b`` ->
    Wan2.1-T2V-14B), CITIC's label for CITIC's, the id itself only when the table lacks it."""
    names = dict(zip(architectures.arch_id, architectures.name))
    return names.get(arch_id, CITIC_LABEL if arch_id == "citic" else arch_id)


def hypothetical(published: "Geometry", height_px: int) -> bool:
    """Whether ``height_px`` is a frame size the model does not generate natively: any height but
    the one its ``architectures.csv`` row publishes (Wan2.1-T2V-14B at 1080p, published at 720p).
    CITIC's geometry, a flat count at no stated size, is never hypothetical in this sense."""
    return published.patches_per_frame is None and height_px != published.height_px


def geometry_label(name: str, published: "Geometry", height_px: int) -> str:
    """How tables, charts, key figures and prose name a geometry at ``height_px``: CITIC's label
    for CITIC's; else the model's name and the height, marked "(hypothetical)" when the model does
    not generate that height natively (``hypothetical_note`` says what it does generate)."""
    if published.patches_per_frame is not None:
        return CITIC_LABEL
    label = f"{name}'s geometry at {height_px}p"
    return label + " (hypothetical)" if hypothetical(published, height_px) else label


def hypothetical_note(name: str, published: "Geometry", height_px: int) -> str:
    """The sentence that says why a geometry is labelled hypothetical; empty when it is not."""
    if not hypothetical(published, height_px):
        return ""
    return (f"{name} generates {published.width_px}x{published.height_px}, not {height_px}p, so "
            f"its geometry at {height_px}p is labelled hypothetical throughout: what the "
            "arithmetic gives for a size the model does not make.")


@dataclass(frozen=True)
class Geometry:
    """How a clip becomes tokens: VAE compression (t, h, w) and patch size (t, h, w)."""

    name: str
    width_px: int
    height_px: int
    frames: int
    vae_t_in: int = 4  # this many frames ...
    vae_t_out: int = 1  # ... become this many latent frames
    causal_first_frame: bool = True  # the first frame is encoded alone
    vae_h: int = 8
    vae_w: int = 8
    patch_t: int = 1
    patch_h: int = 2
    patch_w: int = 2
    text_tokens: int = 0  # text tokens in the joint sequence (attention cost), not video tokens
    patches_per_frame: int | None = None  # CITIC: a flat count per frame instead of a VAE

    def at(self, *, width_px: int | None = None, height_px: int | None = None,
           frames: int | None = None) -> "Geometry":
        """The same architecture at another resolution or length."""
        return replace(self, width_px=width_px or self.width_px,
                       height_px=height_px or self.height_px, frames=frames or self.frames)



def latent_frames(frames: int, t_in: int, t_out: int, causal_first_frame: bool) -> int:
    """Latent frames from video frames. A causal VAE encodes the first frame alone:
    (frames - 1) * out / in + 1; otherwise frames * out / in. Partial groups round up."""
    if frames < 1:
        raise ValueError(f"frames must be >= 1, got {frames}")
    if causal_first_frame:
        return math.ceil((frames - 1) * t_out / t_in) + 1
    return math.ceil(frames * t_out / t_in)



def spatial_tokens(g: Geometry) -> int:
    """Tokens per latent frame: ceil(H / vae_h / patch_h) x ceil(W / vae_w / patch_w)."""
    if g.patches_per_frame is not None:
        return g.patches_per_frame
    return (math.ceil(g.height_px / (g.vae_h * g.patch_h))
            * math.ceil(g.width_px / (g.vae_w * g.patch_w)))



def temporal_tokens(g: Geometry) -> int:
    """Token positions along time: latent frames grouped by the temporal patch size."""
    if g.patches_per_frame is not None:
        return g.frames
    return math.ceil(latent_frames(g.frames, g.vae_t_in, g.vae_t_out, g.causal_first_frame)
                     / g.patch_t)



def tokens_per_clip(g: Geometry) -> int:
    """Video tokens (latent patches) in one clip."""
    return temporal_tokens(g) * spatial_tokens(g)



def token_passes(tokens: int, steps: int, passes_per_step: int = 1, attempts: float = 1) -> float:
    """Tokens pushed through the denoiser per kept clip: tokens x steps x passes x attempts.
    CITIC's 1.2 million is this with one pass and one attempt."""
    return tokens * steps * passes_per_step * attempts



def citic_geometry(frames: int = CITIC_FRAMES) -> Geometry:
    """CITIC's arithmetic: a flat 1,000 patches per frame, no temporal compression."""
    return Geometry("citic", width_px=0, height_px=0, frames=frames,
                    patches_per_frame=CITIC_PATCHES_PER_FRAME)



def citic_fps() -> tuple[float, float]:
    """The frame rate CITIC's figures imply: 60 frames for a clip of 8 s (low) to 6 s (high)."""
    return CITIC_FRAMES / max(CITIC_CLIP_S), CITIC_FRAMES / min(CITIC_CLIP_S)



def frame_rates(g: Geometry, fps: float) -> tuple[float, float]:
    """The (low, high) frame rate a clip in ``g`` is counted at: CITIC's implied rate for CITIC's
    geometry, which states no rate of its own but 60 frames for 6-8 s; ``fps`` for any other."""
    return citic_fps() if g.patches_per_frame is not None else (fps, fps)



def geometry(row) -> Geometry:
    """The published geometry of one ``architectures.csv`` row."""
    return Geometry(row.arch_id, int(row.width_px), int(row.height_px), int(row.frames),
                    int(row.vae_t_in), int(row.vae_t_out), bool(row.causal_first_frame),
                    int(row.vae_h), int(row.vae_w), int(row.patch_t), int(row.patch_h),
                    int(row.patch_w), 0 if pd.isna(row.text_tokens) else int(row.text_tokens))



def calibration(arch: pd.DataFrame) -> pd.DataFrame:
    """Tokens per clip computed from each architecture's geometry beside the published figure."""
    rows = []
    for row in arch.itertuples():
        g = geometry(row)
        rows.append({"arch_id": row.arch_id, "name": row.name, "frames": g.frames,
                     "latent_frames": temporal_tokens(g), "tokens_per_frame": spatial_tokens(g),
                     "tokens_computed": tokens_per_clip(g),
                     "tokens_published": row.tokens_published,
                     "matches": (pd.NA if pd.isna(row.tokens_published)
                                 else tokens_per_clip(g) == row.tokens_published),
                     "source_id": row.source_id})
    return pd.DataFrame(rows)



def sized(g: Geometry, seconds: float, fps: float, height_px: int, end: str = "high") -> Geometry:
    """``g`` for a clip of ``seconds`` at ``fps`` and ``height_px`` (16:9).

    CITIC's geometry counts a flat number of patches per frame at no stated size or frame rate:
    only its length changes, and its frames are counted at CITIC's own implied rate (60 frames for
    6-8 s, see ``frame_rates``), not at ``fps``. ``end`` picks that range's "low" (7.5 fps) or
    "high" (10 fps, the costlier) end; it does not affect other geometries.
    """
    if end not in ("low", "high"):
        raise ValueError(f"end must be 'low' or 'high', got {end!r}")
    frames = max(1, round(seconds * frame_rates(g, fps)[end == "high"]))
    if g.patches_per_frame is not None:
        return g.at(frames=frames)
    return g.at(frames=frames, height_px=height_px, width_px=round(height_px * 16 / 9))


def citic_near_match(g: Geometry, height_px: int | None = None) -> dict:
    """Why CITIC's flat 60,000 patches can land near a real model's count for 60 frames: CITIC
    counts every frame (no temporal compression) but only 1,000 patches per frame, far fewer than
    a VAE-and-patch model has per latent frame at 720p or 1080p. ``temporal`` is how many times
    more time positions CITIC counts, ``spatial`` how many times more patches per frame the model
    has, at ``height_px`` (16:9; the geometry's own size when None)."""
    own = g.at(frames=CITIC_FRAMES) if height_px is None else g.at(
        frames=CITIC_FRAMES, height_px=height_px, width_px=round(height_px * 16 / 9))
    citic = citic_geometry()
    return {"height_px": own.height_px, "tokens": tokens_per_clip(own),
            "citic_tokens": tokens_per_clip(citic),
            "temporal": temporal_tokens(citic) / temporal_tokens(own),
            "spatial": spatial_tokens(own) / spatial_tokens(citic),
            "ratio": tokens_per_clip(own) / tokens_per_clip(citic)}
