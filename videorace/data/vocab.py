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
#: capabilities.csv ``availability``: what a row's figure rests on. A statement with no clip
#: (claimed); a clip or sample the maker released at that length and size (demo); a clip an
#: outside benchmark team generated, which says nothing of the product's maximum (sample); what
#: users could make in a restricted beta or the public product (beta, public).
AVAILABILITY = ("claimed", "demo", "sample", "beta", "public")
#: capabilities.csv ``dated_by``: ``event`` when as_of is the day the figure became true;
#: ``source`` when it is only the earliest source found that states it (then the figure held from
#: no earlier than the model's first showing or availability to no later than as_of).
DATED_BY = ("event", "source")

#: The bases a comparison is made on, and what each counts. ``usable``: what users could make (a
#: beta or the public product) and the events that opened it; ``demonstrated``: anything shown by
#: a released clip, and anything usable (what users had was also shown). A claim (a statement
#: with no clip) is never a basis: it may be reported beside a comparison, never inside it.
BASES = ("usable", "demonstrated")
BASIS_CLASSES = {"usable": ("beta", "public"), "demonstrated": ("demo", "beta", "public")}
CLAIMED_CLASSES = ("claimed",)
#: How a basis reads in a sentence and in a column header.
BASIS_WORDS = {"usable": "usable", "demonstrated": "demonstrated or usable"}
BASIS_PHRASES = {"usable": "what users could use (a beta or a public release)",
                 "demonstrated": "what was demonstrated by a released clip, counting anything users "
                                 "had as demonstrated; claims without a clip are left out"}

#: model_events.csv ``event`` -> the stage it marks: a model ``shown`` (announced or unveiled with
#: clips), ``usable`` by outsiders (beta, launch, worldwide access, API, open weights), or an update.
EVENT_STAGES = {"announced": "shown", "unveiled": "shown", "beta": "usable", "launched": "usable",
                "global_access": "usable", "api": "usable", "open_weights": "usable",
                "update": "update"}
#: The event stages each basis counts.
BASIS_STAGES = {"usable": ("usable",), "demonstrated": ("shown", "usable")}

#: Sides. China is the makers whose country is CN. The West is the makers of North America,
#: Europe (without Russia and Belarus), Israel, Australia and New Zealand: the usual sense of the
#: word in the race the articles describe. Makers elsewhere (Japan, Korea, Singapore, Russia, the
#: Gulf) and makers whose country is not in the data count on neither side, and reports say so.
CHINA = "CN"
WEST = frozenset("""
US CA GB IE FR DE NL BE LU AT CH LI IT ES PT DK SE NO FI IS PL CZ SK HU SI HR RO BG GR CY MT EE LV
LT IL AU NZ
""".split())
WEST_DEFINITION = ("the West: makers based in North America, Europe (not Russia or Belarus), "
                   "Israel, Australia or New Zealand")
#: A side's name as a label (``CHINA_SIDE`` and the comparator's) and in a sentence.
CHINA_SIDE = "China"
WEST_SIDE = "the West"

#: Sora's family: the models a claim or comparison about "Sora" covers, by their first ancestor
#: (``parent_model_id``): Sora, Sora Turbo, Sora 2.
SORA_FAMILY = "sora"

#: The public leaderboards and their boards, as a reader names them.
LEADERBOARD_NAMES = {"artificial_analysis": "Artificial Analysis", "lmarena": "LMArena"}
TRACK_NAMES = {"text_to_video": "text to video", "image_to_video": "image to video",
               "text_to_video_audio": "text to video with audio",
               "image_to_video_audio": "image to video with audio"}
LEADERBOARDS = tuple(LEADERBOARD_NAMES)
ARENA_TRACKS = tuple(TRACK_NAMES)
#: arena_ratings.csv ``source_class``: the board's own page or data (or a faithful full copy), a
#: relay (newsletter, news), the model's maker, a seller of access. Only the board and its relays
#: say how a board stands; a maker's or seller's snapshot is reported beside, never as the state.
ARENA_SOURCE_CLASSES = ("board", "relay", "maker", "seller")
ARENA_STANDING_CLASSES = ("board", "relay")

#: Whether a rank is the source's own or the project's ordering of a scraped list of ratings.
RANK_BASES = ("published", "derived")
#: ISO 4217 codes an amount, price or valuation may be stated in.
CURRENCIES = ("CNY", "USD", "HKD", "EUR", "GBP", "ILS", "JPY", "SGD", "CAD")
#: Stock exchanges a maker listed on (HKEX: Hong Kong; SSE, SZSE: Shanghai, Shenzhen; LSE: London).
EXCHANGES = ("HKEX", "SSE", "SZSE", "NASDAQ", "NYSE", "LSE")
#: Whether a round is done (announced or filed as closed) or only reported as being raised.
ROUND_STATUSES = ("closed", "reported_talks")
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


def did_you_mean(value: str, valid) -> str:
    """The project's one hint for a mistyped name or value: "did you mean 'launched'?" for the
    closest valid one (``closest``), '' when none is close."""
    close = closest(value, valid)
    return f"did you mean '{close}'?" if close else ""


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
