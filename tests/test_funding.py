"""videorace.analysis.funding on small hand-made tables, and 01_funding run end to end at every reference
event. Every expected number is worked out by hand in a comment next to it."""

import math
import re
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tests.notebook_run import assert_clean, edge_references, run  # noqa: E402
from videorace import data  # noqa: E402
from videorace.analysis import funding  # noqa: E402

T = pd.Timestamp
NAN = float("nan")
COLUMNS = ["round_id", "org_id", "announced_on", "announced_precision", "amount_low", "amount_high",
           "currency", "amount_qualifier", "usd_as_reported"]


def rounds_frame(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["announced_on"] = pd.to_datetime(frame.announced_on)
    for col in ("amount_low", "amount_high", "usd_as_reported"):
        frame[col] = frame[col].astype("float64")
    return frame


ROUNDS = rounds_frame([
    ("r_over", "aisphere", "2024-03-11", "day", 100e6, NAN, "CNY", "over", 14e6),
    ("r_several", "shengshu", "2024-03-12", "day", 200e6, 900e6, "CNY", "several hundred million",
     NAN),
    ("r_usd", "genmo", "2024-05-01", "month", 5e6, NAN, "USD", "about", NAN),
    ("r_none", "minimax", "2024-01-01", "quarter", NAN, NAN, None, "undisclosed", NAN),
])
READING = funding.Reading(several_low_cny=300e6, several_high_cny=500e6, over_factor=2.0)


# --- implied_rate and what it prints -------------------------------------------------------------

def test_implied_rate_is_a_range_from_the_rounding_of_the_dollar_figure():
    rate = funding.implied_rate(ROUNDS)
    # USD 14 million is rounded to the million: 13.5 to 14.5 million.
    # 100 / 14.5 = 6.8966, 100 / 14 = 7.1429, 100 / 13.5 = 7.4074
    assert rate.low == pytest.approx(100 / 14.5)
    assert rate.central == pytest.approx(100 / 14)
    assert rate.high == pytest.approx(100 / 13.5)
    assert rate.basis == ((100e6, 14e6, 1e6),)


def test_implied_rate_prints_with_sensible_precision():
    rate = funding.implied_rate(ROUNDS)
    assert str(rate) == "about 7.14, between 6.90 and 7.41"
    assert rate.basis_text() == "100 million yuan to USD 14 million (rounded to the nearest million)"


def test_implied_rate_of_several_rounds_is_the_rate_they_can_share():
    two = rounds_frame([
        ("a", "x", "2024-03-11", "day", 100e6, NAN, "CNY", "over", 14e6),
        ("b", "y", "2024-03-12", "day", 200e6, NAN, "CNY", "about", 28e6),
        ("c", "z", "2024-03-12", "day", 9e6, NAN, "USD", "about", 9e6),  # a dollar round: ignored
    ])
    rate = funding.implied_rate(two)
    # a: 100/14.5 = 6.8966 .. 100/13.5 = 7.4074;  b: 200/28.5 = 7.0175 .. 200/27.5 = 7.2727
    # common: 7.0175 .. 7.2727; both centrals are 100/14 = 200/28 = 7.1429
    assert (rate.low, rate.central, rate.high) == pytest.approx((200 / 28.5, 100 / 14, 200 / 27.5))


def test_implied_rate_refuses_rounds_that_cannot_share_a_rate_or_no_round_at_all():
    clash = rounds_frame([
        ("a", "x", "2024-03-11", "day", 100e6, NAN, "CNY", "over", 14e6),  # 6.90 .. 7.41
        ("b", "y", "2024-03-12", "day", 100e6, NAN, "CNY", "over", 11e6),  # 100/11.5 = 8.70 .. 100/10.5 = 9.52
    ])
    with pytest.raises(ValueError, match="no common rate"):
        funding.implied_rate(clash)
    with pytest.raises(ValueError, match="no yuan round"):
        funding.implied_rate(ROUNDS[ROUNDS.usd_as_reported.isna()])


@pytest.mark.parametrize("value,unit", [(14e6, 1e6), (14.5e6, 1e5), (10e6, 1e7), (7.25, 0.01),
                                        (300, 100)])
def test_rounding_unit_is_the_largest_power_of_ten_dividing_the_figure(value, unit):
    assert funding.rounding_unit(value) == pytest.approx(unit)


def test_rounding_unit_of_zero_is_refused():
    with pytest.raises(ValueError):
        funding.rounding_unit(0)


@pytest.mark.parametrize("value,text", [(14e6, "14 million"), (1.5e9, "1.5 billion"),
                                        (500_000, "500,000")])
def test_money(value, text):
    assert funding.money(value) == text


def test_parity_gap_takes_the_extremes_of_both_ranges():
    rate = funding.ImpliedRate(low=6.9, central=7.1, high=7.4)
    low, high = funding.parity_gap(rate, 7.0, 7.2)
    # lowest: 6.9 / 7.2 - 1 = -0.041667; highest: 7.4 / 7.0 - 1 = 0.057143
    assert (low, high) == pytest.approx((6.9 / 7.2 - 1, 7.4 / 7.0 - 1))


@pytest.mark.parametrize("low,high,text", [
    (0.01, 0.02, "1.0% to 2.0% higher"),
    (0.006, 0.006, "0.6% higher"),
    (-0.02, -0.01, "1.0% to 2.0% lower"),
    (-0.029, 0.044, "anywhere from 2.9% lower to 4.4% higher"),
])
def test_change_text(low, high, text):
    assert funding.change_text(low, high) == text


# --- metric_range, ranges, convert ---------------------------------------------------------------

METRICS = pd.DataFrame({"metric": ["cny_per_usd_central_parity", "site_visits"],
                        "value_low": [7.095, 1e6], "value_high": [7.1, NAN]})


def test_metric_range():
    assert funding.metric_range(METRICS, "cny_per_usd_central_parity") == (7.095, 7.1)
    assert funding.metric_range(METRICS, "site_visits") == (1e6, 1e6)  # no high: a single value
    with pytest.raises(ValueError, match="no metric 'nope'"):
        funding.metric_range(METRICS, "nope")


def test_ranges_reads_the_wording_with_the_parameters():
    out = funding.ranges(ROUNDS, READING).set_index("round_id")
    # "several hundred million": the reading's 300 to 500 million
    assert (out.loc["r_several", "low"], out.loc["r_several", "high"]) == (300e6, 500e6)
    # "over 100 million" with over_factor 2: 100 to 200 million, an open end closed by the reading
    assert (out.loc["r_over", "low"], out.loc["r_over", "high"]) == (100e6, 200e6)
    assert out.loc["r_over", "open_ended"] and not out.loc["r_usd", "open_ended"]
    # "about 5 million": 5 to 5
    assert (out.loc["r_usd", "low"], out.loc["r_usd", "high"]) == (5e6, 5e6)
    assert math.isnan(out.loc["r_none", "low"]) and math.isnan(out.loc["r_none", "high"])
    assert list(out.announced) == ["2024-03-11", "2024-03-12", "May 2024", "2024 Q1"]


def test_ranges_of_no_round_is_empty():
    assert funding.ranges(ROUNDS.iloc[:0], READING).empty


def test_convert_divides_yuan_only():
    out = funding.convert(funding.ranges(ROUNDS, READING), 7.0, "x").set_index("round_id")
    # yuan at 7 per dollar: 300 / 7 = 42.857 million .. 500 / 7 = 71.429 million
    assert out.loc["r_several", "low_usd_x"] == pytest.approx(300e6 / 7)
    assert out.loc["r_several", "high_usd_x"] == pytest.approx(500e6 / 7)
    # a dollar round passes through: 5 million stays 5 million
    assert out.loc["r_usd", "low_usd_x"] == out.loc["r_usd", "high_usd_x"] == 5e6
    assert math.isnan(out.loc["r_none", "low_usd_x"])


# --- investors: rivalry as of the round's date --------------------------------------------------

def invest_ds(rounds, links, events):
    ev = pd.DataFrame(events, columns=["event_id", "model_id", "event", "happened_on", "precision",
                                       "confidence"])
    ev["happened_on"] = pd.to_datetime(ev.happened_on)
    return SimpleNamespace(
        organizations=pd.DataFrame(
            [("shengshu", "Shengshu"), ("zhipu", "Zhipu AI"), ("qiming", "Qiming"),
             ("kuaishou", "Kuaishou"), ("minimax", "MiniMax")],
            columns=["org_id", "name"]).assign(country="CN"),
        models=pd.DataFrame([("ying", "Ying", "zhipu", "text_to_video"),
                             ("glm", "GLM", "zhipu", "llm"),
                             ("kling", "Kling", "kuaishou", "text_to_video")],
                            columns=["model_id", "name", "org_id", "kind"]),
        model_events=ev,
        funding_rounds=rounds_frame(rounds),
        round_investors=pd.DataFrame(links, columns=["round_id", "investor_id", "role"]))


EVENTS = [("y1", "ying", "launched", "2024-07-26", "day", "high"),
          ("g1", "glm", "launched", "2024-01-16", "day", "high"),
          ("k1", "kling", "launched", "2024-06-01", "month", "high")]
INVEST = invest_ds(
    [("r_march", "shengshu", "2024-03-12", "day", NAN, NAN, "CNY", "undisclosed", NAN),
     ("r_q3", "shengshu", "2024-07-01", "quarter", NAN, NAN, "CNY", "undisclosed", NAN),
     ("r_june3", "minimax", "2024-06-03", "day", NAN, NAN, "CNY", "undisclosed", NAN),
     ("r_may", "minimax", "2024-05-31", "day", NAN, NAN, "CNY", "undisclosed", NAN)],
    [("r_march", "zhipu", "participant"), ("r_march", "qiming", "lead"),
     ("r_q3", "zhipu", "participant"), ("r_june3", "kuaishou", "lead"),
     ("r_may", "kuaishou", "participant")],
    EVENTS)


def test_video_debuts_are_each_video_makers_first_shown_or_usable_model():
    debuts = funding.video_debuts(INVEST)
    assert sorted(debuts.index) == ["kuaishou", "zhipu"]  # GLM is an LLM: not a debut
    assert debuts.loc["zhipu", "since"] == T("2024-07-26")
    assert debuts.loc["zhipu", "debut"] == "Ying launched 2024-07-26"
    assert debuts.loc["kuaishou", "debut"] == "Kling launched Jun 2024"  # a month, not a day
    assert funding.video_debuts(invest_ds([], [], [])).empty


def test_investors_judge_rivalry_as_of_the_round():
    who = funding.investors(INVEST).set_index(["round_id", "investor_id"])
    # March 2024: Ying came on 2024-07-26, so Zhipu was not yet a rival; it became one later
    march = who.loc[("r_march", "zhipu")]
    assert not march.rival_at_round and march.rival_later and march.investor_makes_video_models
    assert march.investor_video_debut == "Ying launched 2024-07-26"
    # a round known only to 2024 Q3 (07-01 .. 09-30): 07-26 is on or before its last day
    assert who.loc[("r_q3", "zhipu")].rival_at_round
    # Kling's launch is known only to June 2024: its earliest possible day, 06-01, is on or
    # before a 2024-06-03 round, but not before a 2024-05-31 one
    assert who.loc[("r_june3", "kuaishou")].rival_at_round
    assert not who.loc[("r_may", "kuaishou")].rival_at_round
    assert who.loc[("r_may", "kuaishou")].rival_later
    qiming = who.loc[("r_march", "qiming")]
    assert not (qiming.rival_at_round or qiming.rival_later or qiming.investor_makes_video_models)
    assert qiming.investor_video_debut == "" and qiming.company == "Shengshu"


def _who(rivals_now: int, rivals_later: int, others: int = 1) -> pd.DataFrame:
    rows = ([("r1", "Rival%d" % i, "Co", "participant", True, False, "") for i in range(rivals_now)]
            + [("r1", "Later%d" % i, "Co", "participant", False, True, f"M{i} launched 2024-07-26")
               for i in range(rivals_later)]
            + [("r1", "Fund%d" % i, "Co", "lead", False, False, "") for i in range(others)])
    return pd.DataFrame(rows, columns=["round_id", "investor", "company", "role", "rival_at_round",
                                       "rival_later", "investor_video_debut"])


def test_investors_text_with_no_rival():
    assert funding.investors_text(_who(0, 0, 2)) == (
        "Of the 1 round with named investors, 2 name a lead (Fund0 for Co; Fund1 for Co). None of "
        "the 2 investments comes "
        "from an organisation that had shown or launched a text-to-video model by the round.")


def test_investors_text_with_one_rival_and_one_later():
    text = funding.investors_text(_who(1, 1))
    assert "Of the 1 round with named investors, 1 names a lead (Fund0 for Co)." in text
    assert ("Of the 3 investments, 1 comes from an organisation that had shown or launched a "
            "text-to-video model by the round (Rival0 in Co).") in text
    assert text.endswith("Later0 (in Co; first video model: M0 launched 2024-07-26) became a "
                         "rival only later.")


def test_investors_text_with_many_rivals_and_no_lead():
    text = funding.investors_text(_who(2, 2, 0))
    assert text.startswith("Of the 1 round with named investors, 0 name a lead. Of the 4 "
                           "investments, 2 come from")
    assert "(Rival0 in Co; Rival1 in Co)." in text
    assert ("Later0 (in Co; first video model: M0 launched 2024-07-26) and Later1 (in Co; first "
            "video model: M1 launched 2024-07-26) became rivals only later.") in text
    assert funding.investors_text(_who(0, 0, 0)) == "No round in the data names an investor."


# --- days_after, timing_text -------------------------------------------------------------------

def test_days_after_a_month_reference_is_a_range():
    table = rounds_frame([("r", "x", "2024-07-26", "day", NAN, NAN, "CNY", "undisclosed", NAN)])
    out = funding.days_after(table, (T("2024-06-01"), T("2024-06-30")))
    # June 2024 reference: 2024-07-26 - 2024-06-30 = 26 days, 2024-07-26 - 2024-06-01 = 55 days
    assert (out.days_low[0], out.days_high[0]) == (26, 55)


def test_days_after_a_day_reference_for_day_and_quarter_rounds():
    out = funding.days_after(ROUNDS, T("2024-02-15")).set_index("round_id")
    # 2024-03-11 - 2024-02-15 = 14 (rest of Feb, leap year) + 11 = 25
    assert (out.loc["r_over", "days_low"], out.loc["r_over", "days_high"]) == (25, 25)
    # 2024 Q1: 01-01 - 02-15 = -(31 + 14) = -45; 03-31 - 02-15 = 14 + 31 = 45
    assert (out.loc["r_none", "days_low"], out.loc["r_none", "days_high"]) == (-45, 45)
    same = funding.days_after(ROUNDS, (T("2024-02-15"), T("2024-02-15")))
    assert same.days_low.tolist() == out.days_low.tolist()


def test_days_after_a_reference_after_every_round_are_negative():
    out = funding.days_after(ROUNDS, T("2024-12-09")).set_index("round_id")
    # 2024-03-12 - 2024-12-09 = -(19 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 9) = -272
    assert out.loc["r_several", "days_low"] == -272


def test_timing_text_after_and_spanning():
    timing = funding.days_after(ROUNDS, T("2024-02-15"))
    # day rounds: 03-11 (25), 03-12 (26); coarse: May 2024 (76 .. 106: 14 + 31 + 30 + 1 and
    # + 30), 2024 Q1 (-45 .. 45) -> a window from -45 to 106
    assert funding.timing_text(timing, "X") == (
        "The 2 rounds dated to the day came 25 to 26 days after X; the 2 rounds of r_usd and r_none "
        "are known only to the month/quarter, a window of between 45 days before and 106 days after it.")


def test_timing_text_before_every_round_and_without_coarse_rounds():
    day_only = ROUNDS[ROUNDS.announced_precision == "day"]
    timing = funding.days_after(day_only, T("2024-12-09"))
    # 03-11 is 273 days before 12-09, 03-12 is 272
    assert funding.timing_text(timing, "X") == (
        "The 2 rounds dated to the day came 272 to 273 days before X; no round has a coarser date.")


def test_timing_text_without_rounds_dated_to_the_day():
    coarse = ROUNDS[ROUNDS.round_id == "r_none"]
    text = funding.timing_text(funding.days_after(coarse, T("2024-02-15")), "X")
    assert text == ("No round is dated to the day; the 1 round of r_none is known only to the "
                    "quarter, a window of between 45 days before and 45 days after it.")
    named = funding.in_millions(coarse, pd.DataFrame({"org_id": ["minimax"], "name": ["MiniMax"]}))
    assert "the 1 round of MiniMax is known" in funding.timing_text(
        funding.days_after(named, T("2024-02-15")), "X")


# --- plot ----------------------------------------------------------------------------------------

def test_plot_converts_yuan_rounds_only():
    orgs = pd.DataFrame({"org_id": ["aisphere", "shengshu", "genmo"],
                         "name": ["AIsphere", "Shengshu Technology", "Genmo"]})
    table = funding.in_millions(funding.ranges(ROUNDS, READING), orgs)
    fig = funding.plot(table, 7.0, "7 CNY per USD")
    ax = fig.axes[0]
    bars = [v for p in ax.patches for v in (p.get_x(), p.get_width())]
    # three disclosed rounds by date: over (100 .. 200 m yuan / 7 = 14.29 .. 28.57), several
    # (300 .. 500 m yuan / 7 = 42.86 .. 71.43), USD about 5 m (5 .. 5, not divided by 7)
    assert bars == pytest.approx([100 / 7, 100 / 7, 300 / 7, 200 / 7, 5.0, 0.0])
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "AIsphere (2024-03-11)", "Shengshu Technology (2024-03-12)", "Genmo (May 2024)"]
    assert ax.get_xlim()[1] == pytest.approx(500 / 7 * 1.6)
    plt.close(fig)


def test_plot_with_no_disclosed_round_draws_no_bar():
    fig = funding.plot(funding.ranges(ROUNDS[ROUNDS.amount_low.isna()], READING).assign(company=""), 7.0, "7")
    assert not fig.axes[0].patches
    plt.close(fig)


# --- the notebook, end to end --------------------------------------------------------------------

REAL = data.load()


def test_notebook_states_the_implied_rate_as_a_range(monkeypatch):
    r = run("01_funding", monkeypatch)
    assert "7.1429" not in r.text
    # 100 million yuan as USD 14 million, rounded to the million: 100/14.5 = 6.90 .. 100/13.5 = 7.41
    assert "about 7.14, between 6.90 and 7.41 CNY per USD" in r.text
    assert r.key_figures()["rate the articles imply"] == "about 7.14, between 6.90 and 7.41 CNY/USD"
    # at the parity (7.095 .. 7.1): 6.8966 / 7.1 - 1 = -2.9%, 7.4074 / 7.095 - 1 = +4.4%
    assert "anywhere from 2.9% lower to 4.4% higher" in r.text
    assert_clean(r)


def test_notebook_does_not_call_zhipu_a_rival_before_its_first_video_model(monkeypatch):
    r = run("01_funding", monkeypatch, window_end="latest")
    # Alibaba had released its ModelScope text-to-video weights on 2023-03-19, long before its
    # rounds in MiniMax and Moonshot AI (February to March 2024): a rival already. (The rounds
    # added later lengthen the list; its first two entries are still these.)
    # Each investor is named once with the makers it backed (a round count where it repeats).
    assert ("come from an organisation that had shown or launched a text-to-video model by the "
            "round (Alibaba Group in MiniMax, Moonshot AI (") in r.text
    # Zhipu's Ying opened (its launch and its API) on 2024-07-26, after the March round
    assert ("Zhipu AI (in Shengshu Technology; first video model: Ying (Qingying) API opened "
            "2024-07-26) became a rival only later.") in r.text


def test_notebook_from_a_month_reference_states_ranges(monkeypatch):
    r = run("01_funding", monkeypatch, reference_event="kling:launched", window_end="latest")
    # earliest day-dated round, Haiper's of 2024-03-07, vs June 2024: 03-07 - 06-30 =
    # -(24 + 30 + 31 + 30) = -115; latest, Shengshu's of 2026-04-10, vs 2024-06-01: 2024-06-01 to
    # 2026-04-01 is 365 + 304 days, + 9 = 678
    assert "came between 115 days before and 678 days after Kling's launch (Jun 2024)" in r.text
    assert_clean(r)


def test_notebook_from_a_reference_after_every_round_says_before(monkeypatch):
    r = run("01_funding", monkeypatch, reference_event="gemini_omni_flash:launched", window_end="latest")
    # the latest day-dated round is Shengshu's of 2026-04-10: to 2026-05-19 is 20 + 19 = 39 days;
    # the earliest, Haiper's of 2024-03-07: 365 + 365 to 2026-03-07, + 24 + 30 + 19 = 803
    assert r.key_figures()["rounds dated to the day"].startswith("39 to 803 days before")


def test_a_round_dated_within_a_month_is_that_window_not_a_quarter(monkeypatch):
    r = run("01_funding", monkeypatch, window_end="latest")
    # a1: within the month before AIsphere's round of 2024-03-11, so 2024-02-11 to 2024-03-11;
    # against Sora's announcement (2024-02-15): 02-11 - 02-15 = -4, 03-11 - 02-15 = 25 days
    timing = r.namespace["timing"].set_index("round_id")
    assert (timing.loc["r_minimax_2024_q1", "days_low"], timing.loc["r_minimax_2024_q1", "days_high"]) == (-4, 25)
    assert timing.loc["r_minimax_2024_q1", "announced"] == "2024-02-11 to 2024-03-11"
    # with the rounds added since the sentence also covers month, quarter and year dates: the
    # earliest start is Black Forest Labs' 2024 seed (2024-01-01, 31 + 14 = 45 days before
    # 2024-02-15), the latest end Shengshu's 2026 Q1 round (2026-03-31: 731 + 13 + 31 = 775 after)
    assert ("known only as within 29 days before a known date or to the month/year/quarter, a "
            "window of between 45 days before and 775 days after it") in r.text
    assert_clean(r)


@pytest.mark.parametrize("reference", edge_references(REAL))
def test_notebook_runs_from_every_reference_event(monkeypatch, reference):
    r = run("01_funding", monkeypatch, reference_event=reference)
    assert_clean(r)
    # days before the reference are said in words, never as "-45 to 45 days"
    assert not re.search(r"(?<![\d-])-\d+ (to -?\d+ )?days", r.text), r.text


@pytest.mark.parametrize("overrides", [{"cny_per_usd": 1.0}, {"cny_per_usd": 100.0},
                                       {"over_factor": 1.0, "several_low_cny": 100_000_000,
                                        "several_high_cny": 100_000_000},
                                       {"over_factor": 10.0, "several_high_cny": 1_000_000_000}])
def test_notebook_runs_at_the_edges_of_its_parameters(monkeypatch, overrides):
    assert_clean(run("01_funding", monkeypatch, **overrides))


# --- sentences that scale to thirty rounds ----------------------------------------------------------

def test_named_counts_names_each_once_with_its_count():
    from videorace.analysis import wording

    # before: ' and '.join(names) read "Zhipu AI and Zhipu AI and Zhipu AI"
    names = pd.Series(["MiniMax", "Zhipu AI", "Zhipu AI", "Moonshot AI", "Zhipu AI"])
    assert wording.named_counts(names) == "MiniMax, Zhipu AI (3) and Moonshot AI"
    assert wording.named_counts(pd.Series(["A"])) == "A"


def test_grouped_names_each_investor_once():
    from videorace.analysis import wording

    rows = pd.DataFrame({"investor": ["Ali", "Ten", "Ali", "Ali"], "company": ["M", "K", "K", "K"]})
    assert wording.grouped(rows, "investor", "company", " in ") == "Ali in M and K (2); Ten in K"


@pytest.mark.parametrize("window", [{"window_start": "2025-01-01", "window_end": "latest"},
                                    {"window_start": "2023-01-01", "window_end": "2023-06-30"}])
def test_notebook_runs_over_a_window_without_the_articles_rounds(monkeypatch, window):
    # the Shengshu figure is the articles' round, read from the data whatever the window (before,
    # a window without it stopped with a KeyError)
    r = run("01_funding", monkeypatch, **window)
    assert r.key_figures()["Shengshu round at the chosen rate"] == run(
        "01_funding", monkeypatch).key_figures()["Shengshu round at the chosen rate"]
    assert_clean(r)
