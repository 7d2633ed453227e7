"""The dataset's tables: which columns (``videorace.data.fields``) each holds, its key, ranges and dates.

The validator (``videorace.data.validate``), the typed loader (``videorace.data``) and the codebook
(``data/README.md``, written by ``python -m videorace codebook``) all read these definitions, so a
column means the same thing everywhere it appears and the documentation cannot drift from the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from videorace.data.field import Field

from videorace.data.vocab import (  # noqa: F401 (re-exported: the schema's allowed values)
    ARENA_SOURCE_CLASSES, AVAILABILITY, BENCHMARK_METRICS, CLAIM_DIMENSIONS, CURRENCIES, DATED_BY,
    EXCHANGES, INPUT_KINDS, ISO_3166_ALPHA2, LIST_KINDS, MODEL_KINDS, OPENNESS, ORG_KINDS, PERIODS,
    PERIOD_PRECISION, PRECISIONS, PRICE_CHANNELS, RANK_BASES, ROUND_STATUSES, SOURCE_KINDS,
    STATEMENT_KINDS, TEXT_LISTS, VIDEO_KINDS, LEADERBOARDS, ARENA_TRACKS)

from videorace.data.fields import FIELDS  # noqa: F401 (the columns the tables name)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[str, ...]
    primary_key: tuple[str, ...]
    ranges: tuple[tuple[str, str], ...] = ()  # (low, high) column pairs: low <= high
    dates: tuple[tuple[str, str], ...] = ()  # (date column, its precision column)
    relative_date: tuple[str, str] = ("", "")  # (date, precision) that date_as_written resolves to
    kinds: tuple[str, ...] = ()  # the values this table allows in its `kind` column
    optional: tuple[str, ...] = ()  # columns that may be empty here though required elsewhere
    #: (currency column, the amount columns it names): the code is given exactly when the first
    #: amount is, and never without one
    currencies: tuple[tuple[str, tuple[str, ...]], ...] = ()
    required: tuple[str, ...] = ()  # columns that must be filled here though optional elsewhere

    @property
    def fields(self) -> list[Field]:
        """The table's columns; `kind` narrowed to the values this table allows."""
        out = []
        for c in self.columns:
            f = FIELDS[c]
            if c == "kind" and self.kinds:
                f = replace(f, allowed=self.kinds)
            if c in self.optional:
                f = replace(f, required=False)
            if c in self.required:
                f = replace(f, required=True)
            out.append(f)
        return out

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


TABLES: dict[str, Table] = {t.name: t for t in [
    Table("sources", "Every article, paper, repository and official page the data cites.",
          ("source_id", "publisher", "title", "published_on", "published_precision", "url", "kind",
           "note"), ("source_id",), dates=(("published_on", "published_precision"),),
          kinds=SOURCE_KINDS),
    Table("organizations", "Companies, universities, investors, brokers and agencies named.",
          ("org_id", "name", "name_zh", "kind", "hq", "country", "founded_on", "founded_precision",
           "source_id", "note"), ("org_id",), dates=(("founded_on", "founded_precision"),),
          kinds=ORG_KINDS),
    Table("listings", "Stock-market listings (IPOs) of makers: exchange, day, price, proceeds.",
          ("listing_id", "org_id", "exchange", "ticker", "listed_on", "listed_precision",
           "offer_price_low", "offer_price_high", "price_currency", "raised_low", "raised_high",
           "raised_currency", "market_cap_low", "market_cap_high", "market_cap_currency",
           "source_id", "also_source_ids", "note"), ("listing_id",),
          ranges=(("offer_price_low", "offer_price_high"), ("raised_low", "raised_high"),
                  ("market_cap_low", "market_cap_high")),
          dates=(("listed_on", "listed_precision"),),
          currencies=(("price_currency", ("offer_price_low", "offer_price_high")),
                      ("raised_currency", ("raised_low", "raised_high")),
                      ("market_cap_currency", ("market_cap_low", "market_cap_high")))),
    Table("funding_rounds", "Funding rounds, amounts as the ranges the wording allows.",
          ("round_id", "org_id", "announced_on", "announced_precision", "window_days",
           "date_as_written", "round_label", "status", "amount_low", "amount_high", "currency",
           "amount_qualifier", "usd_as_reported", "valuation_low", "valuation_high",
           "valuation_currency", "source_id", "also_source_ids", "note"), ("round_id",),
          ranges=(("amount_low", "amount_high"), ("valuation_low", "valuation_high")),
          dates=(("announced_on", "announced_precision"),),
          relative_date=("announced_on", "announced_precision"),
          currencies=(("currency", ("amount_low", "amount_high")),
                      ("valuation_currency", ("valuation_low", "valuation_high")))),
    Table("round_investors", "Who invested in which round, and who led.",
          ("round_id", "investor_id", "role"), ("round_id", "investor_id")),
    Table("models", "Models and products named, video and otherwise.",
          ("model_id", "name", "org_id", "kind", "openness", "licence", "parent_model_id",
           "edition_of", "note"),
          ("model_id",), kinds=MODEL_KINDS),
    Table("model_events", "Dated announcements, unveilings, betas and launches, one row per source.",
          ("event_id", "model_id", "event", "happened_on", "precision", "date_as_written",
           "source_id", "confidence", "note"), ("event_id",),
          dates=(("happened_on", "precision"),), relative_date=("happened_on", "precision")),
    Table("industry_events", "Other dated events the articles set the race against.",
          ("industry_event_id", "org_id", "what", "happened_on", "precision", "date_as_written",
           "source_id", "confidence", "note"), ("industry_event_id",),
          dates=(("happened_on", "precision"),), relative_date=("happened_on", "precision")),
    Table("capabilities", "Clip length and resolution per model over time, by what each figure "
          "rests on (claimed, demonstrated, sampled, usable).",
          ("model_id", "as_of", "as_of_precision", "max_clip_s_low", "max_clip_s_high", "clip_kind",
           "height_px", "width_px", "combined", "fps", "inputs", "audio", "availability", "tier", "region",
           "dated_by", "source_id", "note"),
          ("model_id", "as_of", "availability", "tier", "source_id"),
          ranges=(("max_clip_s_low", "max_clip_s_high"),), dates=(("as_of", "as_of_precision"),)),
    Table("metrics", "Market, adoption, regulation, exchange-rate and compute figures.",
          ("metric_id", "subject", "metric", "value_low", "value_high", "unit", "as_of",
           "as_of_precision", "statement_kind", "period", "source_id", "verification", "note"),
          ("metric_id",),
          ranges=(("value_low", "value_high"),), dates=(("as_of", "as_of_precision"),)),
    Table("prices", "Dated prices per second of generated video, from makers' and resellers' "
          "price lists; a price cut is a new row with a later price_from.",
          ("price_id", "model_id", "price_from", "price_from_precision", "height_px", "audio",
           "tier", "channel", "currency", "per_second_low", "per_second_high", "list_kind",
           "source_id", "note"), ("price_id",),
          ranges=(("per_second_low", "per_second_high"),),
          dates=(("price_from", "price_from_precision"),), required=("currency",)),
    Table("claims", "Predictions and targets stated in the articles.",
          ("claim_id", "claimant", "org_id", "stated_on", "stated_precision", "statement",
           "subject_model_id", "measured_by", "deadline_low", "deadline_high", "source_id",
           "also_source_ids", "note"), ("claim_id",),
          ranges=(("deadline_low", "deadline_high"),), dates=(("stated_on", "stated_precision"),)),
    Table("gpus", "Accelerators for the GPU-time arithmetic.",
          ("gpu_id", "name", "bf16_dense_tflops", "source_id", "confidence", "note"), ("gpu_id",)),
    Table("architectures", "Published geometry of open video diffusion transformers.",
          ("arch_id", "name", "org_id", "params_b", "vae_t_in", "vae_t_out", "causal_first_frame",
           "vae_h", "vae_w", "latent_channels", "patch_t", "patch_h", "patch_w", "width_px",
           "height_px", "frames", "fps", "steps", "passes_per_step", "text_tokens",
           "tokens_published", "layers", "hidden_width", "layers_verified", "attention",
           "gen_seconds", "gen_gpu_id", "source_id", "source_file", "note"), ("arch_id",)),
    Table("benchmarks", "Published quality scores of video models, each with who measured it.",
          ("model_id", "benchmark", "benchmark_version", "benchmark_metric", "value", "published_on",
           "published_precision", "evaluator", "evaluator_class", "source_id", "verification", "note"),
          ("model_id", "benchmark", "benchmark_version", "benchmark_metric", "source_id"),
          dates=(("published_on", "published_precision"),)),
    Table("arena_ratings", "Dated blind-preference leaderboard entries: ratings and rank facts.",
          ("rating_id", "leaderboard", "track", "snapshot_on", "snapshot_precision", "model_name",
           "model_id", "org_id", "rating", "ci_low", "ci_high", "rank", "rank_basis", "tied", "votes",
           "source_id", "source_class", "also_source_ids", "note"), ("rating_id",), ranges=(("ci_low", "ci_high"),),
          dates=(("snapshot_on", "snapshot_precision"),), optional=("model_id",)),
]}

#: Tables in the order they must be read: a table's references point only to earlier ones,
#: except models <-> organizations which are loaded together before any check of references.
TABLE_ORDER = tuple(TABLES)
