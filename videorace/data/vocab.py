"""The allowed values the schema (``videorace.data.schema``) names: precisions, kinds, openness,
benchmarks, list vocabularies and the ISO 3166-1 alpha-2 country codes."""

from __future__ import annotations

import difflib

PRECISIONS = ("day", "month", "quarter", "year")
SOURCE_KINDS = ("news", "paper", "repository", "official", "dataset", "research_note")
ORG_KINDS = ("startup", "big_tech", "company", "ai_lab", "university", "research_institute", "investor",
             "broker", "agency", "association", "consultancy", "media")
MODEL_KINDS = ("text_to_video", "image_to_video", "video_platform", "multimodal", "llm", "assistant")
#: Model kinds that generate video: their makers need a country, the models an openness.
VIDEO_KINDS = ("text_to_video", "image_to_video")
OPENNESS = ("closed_app", "api", "open_weights", "research_only")
#: Which benchmark_metric values each benchmark publishes.
BENCHMARK_METRICS = {"vbench": ("total", "quality", "semantic"), "video_arena": ("elo",)}
#: Which measured_by dimensions a claim may name.
CLAIM_DIMENSIONS = ("lag_to_sora_days", "public_before_sora", "max_clip_vs_sora",
                    "release_by_deadline", "quality_vs_sora")
INPUT_KINDS = ("text", "image", "video")
LEADERBOARDS = ("artificial_analysis", "lmarena")
ARENA_TRACKS = ("text_to_video", "image_to_video", "text_to_video_audio", "image_to_video_audio")
#: Who states a reported figure (metrics.statement_kind).
STATEMENT_KINDS = ("company_report", "analyst_estimate", "press_report", "maker_claim", "official")
#: What span of time a reported figure covers (metrics.period).
PERIODS = ("point", "month", "quarter", "half", "year", "year_to_date", "run_rate", "cumulative")
#: Which as_of precision a figure over a calendar period must carry (metrics.period -> precision).
PERIOD_PRECISION = {"month": "month", "quarter": "quarter", "year": "year"}
#: How a price is sold (prices.channel) and whose price list it is on (prices.list_kind).
PRICE_CHANNELS = ("api", "subscription")
LIST_KINDS = ("maker", "reseller")
#: Text columns holding ';'-separated values from a fixed list.
TEXT_LISTS = {"inputs": INPUT_KINDS, "measured_by": CLAIM_DIMENSIONS}

#: The officially assigned ISO 3166-1 alpha-2 codes (249), for the ``country`` column.
ISO_3166_ALPHA2 = tuple("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV
BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES
ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE
IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU
NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM
SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE
VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())


def closest(value: str, valid) -> str:
    """The valid value a mistyped one most likely meant ('High' -> 'high', 'launch' ->
    'launched', 'testvdi' -> 'testvid'), or '' when none is close."""
    valid = sorted(valid)
    same_case = [v for v in valid if v.lower() == value.lower()]
    if same_case:
        return same_case[0]
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.6) or \
        difflib.get_close_matches(value.lower(), valid, n=1, cutoff=0.6)
    return close[0] if close else ""
