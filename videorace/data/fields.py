"""Every column of the dataset, defined once: its type, description, unit, allowed values and
whether it must be filled. ``videorace.data.schema`` groups them into tables."""

from __future__ import annotations

from videorace.data.field import Field
from videorace.data.vocab import (
    ARENA_SOURCE_CLASSES, AVAILABILITY, EVENT_STAGES, BENCHMARK_METRICS, CURRENCIES, DATED_BY,
    EXCHANGES, ISO_3166_ALPHA2, LIST_KINDS, MODEL_KINDS, OPENNESS, ORG_KINDS, PERIODS,
    PRECISIONS, PRICE_CHANNELS, RANK_BASES, ROUND_STATUSES, SOURCE_KINDS,
    STATEMENT_KINDS, LEADERBOARDS, ARENA_TRACKS)



def _f(name, kind, description, **kw) -> Field:
    return Field(name, kind, description, **kw)


_OPT = {"required": False}

FIELDS: dict[str, Field] = {f.name: f for f in [
    # --- identifiers and references -------------------------------------------------------------
    _f("source_id", "ref", "The source that states this row's facts.", ref="sources"),
    _f("also_source_ids", "refs", "Other sources that state the same fact (corroboration).",
       ref="sources", required=False),
    _f("org_id", "ref", "The organisation this row is about.", ref="organizations"),
    _f("investor_id", "ref", "The investing organisation.", ref="organizations"),
    _f("model_id", "ref", "The model this row is about.", ref="models"),
    _f("subject_model_id", "ref", "The model whose record a prediction is judged on.", ref="models",
       required=False),
    _f("round_id", "ref", "The funding round.", ref="funding_rounds"),
    _f("listing_id", "id", "Identifier of a stock-market listing (an IPO)."),
    _f("arch_id", "id", "Identifier of an open model's published geometry."),
    _f("gpu_id", "id", "Identifier of a GPU type."),
    _f("event_id", "id", "Identifier of a dated model event."),
    _f("industry_event_id", "id", "Identifier of a dated event that is not a model release."),
    _f("metric_id", "id", "Identifier of a reported figure."),
    _f("claim_id", "id", "Identifier of a prediction or target."),
    # --- sources --------------------------------------------------------------------------------
    _f("publisher", "text", "Who published the source."),
    _f("title", "text", "Title of the source; a bracketed description where no title is known."),
    _f("published_on", "date", "When the source was published (first day of the period if coarser)."),
    _f("published_precision", "enum", "How precisely published_on is known.", allowed=PRECISIONS),
    _f("url", "url", "Where the source can be read; empty when no stable address is known.", **_OPT),
    _f("kind", "enum", "What kind of thing the row describes; each table allows its own values.",
       allowed=SOURCE_KINDS + ORG_KINDS + MODEL_KINDS),
    _f("note", "text", "Free-text caveat: how a date was resolved, what a later source says.", **_OPT),
    # --- organisations --------------------------------------------------------------------------
    _f("name", "text", "Name as commonly written in English."),
    _f("name_zh", "text", "Name in Chinese, where the organisation has one.", **_OPT),
    _f("hq", "text", "City (and country) of the headquarters.", **_OPT),
    _f("founded_on", "date", "When the organisation was founded.", **_OPT),
    _f("founded_precision", "enum", "How precisely founded_on is known.", allowed=PRECISIONS, **_OPT),
    _f("country", "country", "Where the organisation is based (ISO 3166-1 alpha-2); required for the "
       "maker of a video model.", allowed=ISO_3166_ALPHA2, **_OPT),
    # --- models ---------------------------------------------------------------------------------
    _f("openness", "enums", "How outsiders could use the model: its maker's app or site, an API, "
       "downloadable weights, or not at all (research only); required for a video model.",
       allowed=OPENNESS, **_OPT),
    _f("licence", "text", "Licence of the downloadable weights as the source names it; only with "
       "open_weights.", **_OPT),
    _f("parent_model_id", "ref", "The earlier version this model updates.", ref="models", **_OPT),
    _f("edition_of", "ref", "The model this re-releases for another market.", ref="models", **_OPT),
    # --- funding --------------------------------------------------------------------------------
    _f("announced_on", "date", "When the round was announced."),
    _f("announced_precision", "enum", "How precisely announced_on is known.", allowed=PRECISIONS),
    _f("window_days", "int", "For a round dated only as within so many days before announced_on "
       "(precision day): the window's length.", unit="days", minimum=1, required=False),
    _f("round_label", "text", "The round's name as the source gives it (Series A, ...).", **_OPT),
    _f("amount_low", "float", "Lowest amount the source's wording allows.", unit="currency units",
       minimum=0, required=False),
    _f("amount_high", "float", "Highest amount the source's wording allows; empty = open-ended.",
       unit="currency units", minimum=0, required=False),
    _f("currency", "enum", "ISO 4217 code of the row's amounts (amount_low and amount_high, or "
       "per_second_low and per_second_high); empty when undisclosed.",
       allowed=CURRENCIES, required=False),
    _f("status", "enum", "closed: announced or filed as done; reported_talks: a report that the "
       "maker is raising or in talks, not a closed round (never counted as money raised).",
       allowed=ROUND_STATUSES),
    _f("valuation_low", "float", "Lowest valuation the source's wording allows; post-money unless "
       "the note says otherwise.", unit="currency units", minimum=0, required=False),
    _f("valuation_high", "float", "Highest valuation the source's wording allows; empty = "
       "open-ended ('over').", unit="currency units", minimum=0, required=False),
    _f("valuation_currency", "enum", "ISO 4217 code of valuation_low and valuation_high; given "
       "exactly when valuation_low is.", allowed=CURRENCIES, required=False),
    _f("amount_qualifier", "enum", "The source's wording of the amount ('between': a range, in "
       "the wording or across sources that disagree).",
       allowed=("exact", "about", "over", "between", "several hundred million",
                "hundreds of millions", "undisclosed")),
    _f("usd_as_reported", "float", "The source's own dollar conversion of amount_low, if it gives one.",
       unit="USD", minimum=0, required=False),
    _f("role", "enum", "The investor's part in the round.", allowed=("lead", "participant",
                                                                     "unspecified")),
    # --- listings -------------------------------------------------------------------------------
    _f("exchange", "enum", "The stock exchange the shares listed on.", allowed=EXCHANGES),
    _f("ticker", "text", "Stock code on that exchange (HKEX: four or five digits).", **_OPT),
    _f("listed_on", "date", "First day of trading (first day of the period if coarser)."),
    _f("listed_precision", "enum", "How precisely listed_on is known.", allowed=PRECISIONS),
    _f("offer_price_low", "float", "Final offer price per share, or the low end of the marketed "
       "range where no final price is reported.", unit="currency units per share", minimum=0,
       required=False),
    _f("offer_price_high", "float", "High end of the offer price range; empty when one final price "
       "is reported.", unit="currency units per share", minimum=0, required=False),
    _f("price_currency", "enum", "ISO 4217 code of the offer price; given exactly when "
       "offer_price_low is.", allowed=CURRENCIES, required=False),
    _f("raised_low", "float", "Gross proceeds of the offering as reported (lowest the wording "
       "allows).", unit="currency units", minimum=0, required=False),
    _f("raised_high", "float", "Highest gross proceeds the wording allows (over-allotment "
       "exercised, 'up to'); empty = one figure or open-ended.", unit="currency units", minimum=0,
       required=False),
    _f("raised_currency", "enum", "ISO 4217 code of raised_low and raised_high; given exactly when "
       "raised_low is.", allowed=CURRENCIES, required=False),
    _f("market_cap_low", "float", "Market value at the offer price or at the first day's close, as "
       "the note says (lowest the wording allows).", unit="currency units", minimum=0,
       required=False),
    _f("market_cap_high", "float", "Highest market value the wording allows; empty = one figure or "
       "open-ended.", unit="currency units", minimum=0, required=False),
    _f("market_cap_currency", "enum", "ISO 4217 code of market_cap_low and market_cap_high; given "
       "exactly when market_cap_low is.", allowed=CURRENCIES, required=False),
    _f("date_as_written", "text", "The source's own wording of a relative date ('on Tuesday'), "
       "resolved against the source's publication date by videorace.data.dates and checked.", **_OPT),
    # --- events ---------------------------------------------------------------------------------
    _f("event", "enum", "What happened to the model.",
       allowed=tuple(EVENT_STAGES)),
    _f("happened_on", "date", "When it happened (first day of the period if coarser)."),
    _f("precision", "enum", "How precisely happened_on is known.", allowed=PRECISIONS),
    _f("confidence", "enum", "How well the date is supported by the sources.",
       allowed=("high", "medium", "low")),
    _f("what", "text", "What happened, in our words."),
    # --- capabilities ---------------------------------------------------------------------------
    _f("as_of", "date", "When the row's figure held (first day of the period if coarser)."),
    _f("as_of_precision", "enum", "How precisely as_of is known.", allowed=PRECISIONS),
    _f("max_clip_s_low", "float", "Longest single clip, lower bound.", unit="s", minimum=0),
    _f("max_clip_s_high", "float", "Longest single clip, upper bound; empty = open-ended ('over two "
       "minutes').", unit="s", minimum=0, required=False),
    _f("clip_kind", "enum", "One generation (single), or a clip chained from extensions (extended).",
       allowed=("single", "extended")),
    _f("combined", "bool", "False where length and height are separate maxima, never one clip.", **_OPT),
    _f("tier", "text", "The paid tier, plan or mode the row's figures belong to (ChatGPT Pro, "
       "Standard, Fast), if named.", **_OPT),
    _f("height_px", "int", "Frame height.", unit="px", minimum=1, required=False),
    _f("width_px", "int", "Frame width; empty when only a height (1080p) is stated.", unit="px",
       minimum=1, required=False),
    _f("fps", "float", "Frames per second.", unit="frames/s", minimum=0, required=False),
    _f("inputs", "text", "Accepted inputs, ';'-separated from text, image, video.", **_OPT),
    _f("audio", "bool", "Whether the model makes sound with the picture (native audio); empty when "
       "the source does not say.", **_OPT),
    _f("availability", "enum", "What the figure stands for: claimed (the maker states it, no clip at "
       "that length and size shown), demo (the maker released a clip at that length and size), sample "
       "(a clip an outside benchmark team generated, e.g. VBench's sampled videos: its length and size "
       "are that sample's, never the product's maximum), beta (a restricted group could generate it) "
       "or public (anyone could, on the plan named in tier where one applies).",
       allowed=AVAILABILITY),
    _f("dated_by", "enum", "What as_of means. event: the day the figure became true (a launch, a "
       "release note, the day the clip or statement was published). source: only the date of the "
       "earliest source found that states it, so the figure held from no earlier than the model's first "
       "showing (claimed, demo or sample rows) or first availability (beta or public rows) and no later "
       "than as_of.", allowed=DATED_BY),
    _f("region", "text", "For beta or public rows, where users could use it: an ISO country code (CN, "
       "US), global, or a short phrase (CN app only, US and others but not EU or UK); empty when the "
       "source does not say.", **_OPT),
    # --- metrics --------------------------------------------------------------------------------
    _f("subject", "text", "What the figure is about."),
    _f("metric", "id", "What is measured (snake_case, the same name for the same quantity)."),
    _f("value_low", "float", "Lowest value the source's wording allows.", unit="see unit",
       minimum=0),
    _f("value_high", "float", "Highest value the source's wording allows; empty = open-ended.",
       unit="see unit", minimum=0, required=False),
    _f("unit", "text", "Unit of value_low and value_high."),
    _f("verification", "enum", "How the figure stands against other sources.",
       allowed=("as_reported", "corroborated", "disputed", "unverified")),
    _f("statement_kind", "enum", "Who states the figure: the company's results, filing or reported "
       "figure (company_report); an analyst's estimate; a journalist's figure or unnamed sources "
       "(press_report); a maker's promotional statement (maker_claim); a government body (official).",
       allowed=STATEMENT_KINDS),
    _f("period", "enum", "The span the figure covers: a level at as_of (point), a month, quarter, "
       "half or year starting at as_of, the part of a year up to as_of (year_to_date: nine months to "
       "30 September), an annualised rate (run_rate), or a total since launch up to as_of "
       "(cumulative). Only figures of the same period add up; a run-rate never adds to a quarter.",
       allowed=PERIODS),
    # --- prices ---------------------------------------------------------------------------------
    _f("price_id", "id", "Identifier of one price on one dated price list."),
    _f("price_from", "date", "When the price took effect, or the date of the list that shows it "
       "(first day of the period if coarser); a price cut is a new row with a later date."),
    _f("price_from_precision", "enum", "How precisely price_from is known.", allowed=PRECISIONS),
    _f("channel", "enum", "How the price is sold: per generation through an API, or as credits "
       "in a subscription plan.", allowed=PRICE_CHANNELS),
    _f("per_second_low", "float", "Price per second of generated video, lower bound; derived from a "
       "per-clip price by its stated length where the list prices clips (the note says so).",
       unit="currency units per second", minimum=0),
    _f("per_second_high", "float", "Price per second of generated video, upper bound where the "
       "source gives a range; empty when it gives one price.", unit="currency units per second",
       minimum=0, required=False),
    _f("list_kind", "enum", "Whose price list: the maker's own (maker), or a reseller's or a "
       "third party's table (reseller: fal.ai, Replicate, a comparison table).", allowed=LIST_KINDS),
    # --- benchmarks -----------------------------------------------------------------------------
    _f("benchmark", "enum", "The published benchmark the score is on.", allowed=tuple(BENCHMARK_METRICS)),
    _f("benchmark_version", "text", "The benchmark's variant as the source names it (prompt set, "
       "long-video track)."),
    _f("benchmark_metric", "enum", "Which of the benchmark's scores: total, quality, semantic "
       "(VBench), elo (an arena).", allowed=tuple(m for ms in BENCHMARK_METRICS.values() for m in ms)),
    _f("value", "float", "The score as published; never recomputed here.",
       unit="points (VBench: percent; arena: Elo)", minimum=0),
    _f("evaluator", "text", "Who ran the evaluation, as the source says ('not stated' when it does "
       "not)."),
    _f("evaluator_class", "enum", "Who ran it, as a class; scores compare only within one version, "
       "metric and evaluator.", allowed=("benchmark_team", "model_team", "third_party", "not_stated")),
    # --- arena ratings -------------------------------------------------------------------------
    _f("rating_id", "id", "Identifier of one model's line on one dated leaderboard."),
    _f("leaderboard", "enum", "The public blind-preference leaderboard.", allowed=LEADERBOARDS),
    _f("track", "enum", "The leaderboard's board: text or image to video, silent or with audio "
       "(LMArena's boards rank both in one).", allowed=ARENA_TRACKS),
    _f("snapshot_on", "date", "The day (or period) the board stood as recorded."),
    _f("snapshot_precision", "enum", "How precisely snapshot_on is known.", allowed=PRECISIONS),
    _f("model_name", "text", "The entry's name on the board (a variant: '-audio-1080p')."),
    _f("rating", "float", "Elo-style rating as published; empty for a rank fact.", minimum=0,
       required=False),
    _f("ci_low", "float", "Lower end of the rating's published interval.", minimum=0, required=False),
    _f("ci_high", "float", "Upper end of the rating's published interval.", minimum=0,
       required=False),
    _f("rank", "int", "Rank on the board ('first on the board'), as rank_basis says; empty when not "
       "known.", minimum=1,
       required=False),
    _f("votes", "int", "Votes behind the rating, where published.", minimum=0, required=False),
    _f("source_class", "enum", "What the row's source is: board (the leaderboard's own page, post or "
       "data file, or a faithful copy of its whole table), relay (a newsletter or news article "
       "reporting the board; dated by the board's post it relays where that is known), maker (the "
       "rated model's maker, e.g. its launch post or paper) or seller (a site selling access to the "
       "model; not neutral).", allowed=ARENA_SOURCE_CLASSES),
    _f("rank_basis", "enum", "Where rank comes from: published (the source states it) or derived "
       "(this project ordered a copied list of ratings that has no ranks); required exactly when "
       "rank is given.", allowed=RANK_BASES, required=False),
    _f("tied", "bool", "True where the source says the entry is tied or effectively tied with "
       "another at this rank, or gives it the same rating as another (a shared first is not a "
       "clear first); false where the rank is given without a tie; empty without a rank.",
       required=False),
    # --- claims ---------------------------------------------------------------------------------
    _f("claimant", "text", "Who made the prediction (person or organisation)."),
    _f("stated_on", "date", "When the prediction was made."),
    _f("stated_precision", "enum", "How precisely stated_on is known.", allowed=PRECISIONS),
    _f("statement", "text", "The prediction, in our words."),
    _f("measured_by", "text", "';'-separated dimensions on which it can be judged, from: "
       "lag_to_sora_days, public_before_sora, max_clip_vs_sora, release_by_deadline, "
       "quality_vs_sora; empty when "
       "nothing in the data can test it.", required=False),
    _f("deadline_low", "date", "Earliest reading of the prediction's deadline.", **_OPT),
    _f("deadline_high", "date", "Latest reading of the prediction's deadline.", **_OPT),
    # --- architectures --------------------------------------------------------------------------
    _f("params_b", "float", "Denoiser parameters.", unit="billions", minimum=0),
    _f("vae_t_in", "int", "VAE temporal compression: this many frames ...", unit="frames", minimum=1),
    _f("vae_t_out", "int", "... become this many latent frames.", unit="latent frames", minimum=1),
    _f("causal_first_frame", "bool", "Whether the VAE encodes the first frame alone "
       "(latent frames = (frames - 1) * out / in + 1)."),
    _f("vae_h", "int", "VAE spatial compression, height.", unit="px per latent", minimum=1),
    _f("vae_w", "int", "VAE spatial compression, width.", unit="px per latent", minimum=1),
    _f("latent_channels", "int", "Channels of the VAE's latent.", minimum=1),
    _f("patch_t", "int", "Patch size in latent frames.", minimum=1),
    _f("patch_h", "int", "Patch size in latent rows.", minimum=1),
    _f("patch_w", "int", "Patch size in latent columns.", minimum=1),
    _f("frames", "int", "Frames in the default clip.", unit="frames", minimum=1),
    _f("steps", "int", "Default denoising steps.", minimum=1),
    _f("passes_per_step", "int", "Denoiser passes per step (2 with classifier-free guidance).",
       minimum=1),
    _f("text_tokens", "int", "Text tokens in the joint sequence, where published.", minimum=0,
       required=False),
    _f("tokens_published", "int", "Video tokens per clip as the source states it; empty when only "
       "computed.", unit="tokens", minimum=0, required=False),
    _f("layers", "int", "Transformer blocks (double- plus single-stream).", minimum=1, required=False),
    _f("hidden_width", "int", "Model width d.", minimum=1, required=False),
    _f("layers_verified", "bool", "Whether layers and width were read from the cited file in this "
       "project's check (false: from the research notes or secondary knowledge)."),
    _f("attention", "enum", "How attention spans the tokens.", allowed=("full", "spatial_temporal")),
    _f("gen_seconds", "float", "Published wall time to generate one default clip.", unit="s",
       minimum=0, required=False),
    _f("gen_gpu_id", "ref", "GPU the published time was measured on.", ref="gpus", required=False),
    _f("source_file", "text", "Repository file or paper section the numbers were read from."),
    # --- gpus -----------------------------------------------------------------------------------
    _f("bf16_dense_tflops", "float", "Peak dense BF16 throughput.", unit="TFLOP/s", minimum=0),
]}


