"""videorace.analysis.timeline on small hand-made tables, and 02_release_timeline run end to end at the
parameter values that used to crash it or hide a date's precision.

Every expected number is worked out by hand in a comment next to it (2024 is a leap year)."""

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tests.notebook_run import assert_clean, edge_references, run  # noqa: E402
from videorace.data.dates import as_text
from videorace.analysis.wording import counted
from videorace import data  # noqa: E402
from videorace.analysis import timeline, timeline_chart  # noqa: E402

T = pd.Timestamp


def make_ds(rows, models=None, orgs=None):
    """A dataset holding only what ``timeline.events`` reads. ``rows``: (event_id, model_id,
    event, happened_on, precision, confidence)."""
    models = models or [("sora", "Sora", "openai", "text_to_video"),
                        ("kling", "Kling", "kuaishou", "text_to_video"),
                        ("ying", "Ying", "zhipu", "text_to_video"),
                        ("glm", "GLM", "zhipu", "llm")]
    orgs = orgs or [("openai", "OpenAI"), ("kuaishou", "Kuaishou"), ("zhipu", "Zhipu")]
    ev = pd.DataFrame(rows, columns=["event_id", "model_id", "event", "happened_on", "precision",
                                     "confidence"])
    ev["happened_on"] = pd.to_datetime(ev.happened_on)
    ev["source_id"] = "src_" + ev.event_id
    return SimpleNamespace(
        model_events=ev,
        models=pd.DataFrame(models, columns=["model_id", "name", "org_id", "kind"]),
        organizations=pd.DataFrame(orgs, columns=["org_id", "name"]).assign(
            country=lambda f: f.org_id.map({"openai": "US"}).fillna("CN")))


ROWS = [
    ("e1", "sora", "announced", "2024-02-15", "day", "high"),
    ("e2", "sora", "announced", "2024-02-01", "month", "high"),
    ("e3", "kling", "launched", "2024-06-01", "month", "high"),
    ("e4", "kling", "beta", "2024-06-06", "day", "high"),
    ("e5", "ying", "launched", "2024-07-26", "day", "high"),
    ("e6", "glm", "launched", "2024-01-01", "quarter", "medium"),
    ("e7", "sora", "launched", "2024-12-09", "day", "high"),
    ("e8", "kling", "update", "2024-07-01", "month", "low"),
]


@pytest.fixture
def ds():
    return make_ds(ROWS)


@pytest.fixture
def ev(ds):
    return timeline.events(ds)


# --- events, best_dates, first_event, reference_choices ----------------------------------------

def test_events_keep_each_date_as_the_interval_its_precision_allows(ev):
    assert len(ev) == len(ROWS)
    by_id = ev.set_index("event_id")
    # month: 2024-06-01 .. 2024-06-30; leap February ends on the 29th; a quarter from January ends
    # on 31 March; a day is its own interval
    assert (by_id.loc["e3", "start"], by_id.loc["e3", "end"]) == (T("2024-06-01"), T("2024-06-30"))
    assert by_id.loc["e2", "end"] == T("2024-02-29")
    assert by_id.loc["e6", "end"] == T("2024-03-31")
    assert by_id.loc["e1", "start"] == by_id.loc["e1", "end"] == T("2024-02-15")
    assert list(by_id.loc[["e1", "e3", "e4", "e8"], "stage"]) == ["shown", "usable",
                                                                  "usable", "update"]
    assert by_id.loc["e5", "org_name"] == "Zhipu" and by_id.loc["e5", "kind"] == "text_to_video"
    assert list(ev.happened_on) == sorted(ev.happened_on)


def test_events_of_an_empty_table_is_empty():
    ev = timeline.events(make_ds([]))
    assert ev.empty and {"start", "end", "stage"} <= set(ev.columns)


def test_best_dates_prefers_the_most_precise_then_the_most_confident_row(ev):
    best = timeline.best_dates(ev)
    assert len(best) == len(ROWS) - 1  # sora:announced has two rows, one kept
    assert best[(best.model_id == "sora") & (best.event == "announced")].event_id.tolist() == ["e1"]
    tie = make_ds([("a", "ying", "launched", "2024-07-25", "day", "low"),
                   ("b", "ying", "launched", "2024-07-26", "day", "high")])
    assert timeline.best_dates(timeline.events(tie)).event_id.tolist() == ["b"]


def test_first_event_is_the_one_whose_interval_ends_first(ev):
    kling = ev[ev.model_id == "kling"]
    # launched: June 2024 (ends 06-30); beta: 2024-06-06 (ends 06-06) -> the beta comes first
    assert timeline.first_event(kling, ("usable",)).event_id == "e4"
    assert timeline.first_event(kling, ("update",)).event_id == "e8"
    assert timeline.first_event(kling, ("shown",)) is None


def test_first_events_picks_per_model_what_first_event_picks(ev):
    # kling: the 2024-06-06 beta (ends 06-06) before the June launch (ends 06-30); ying: its only
    # launch; sora: its launch; glm's quarter launch too (first_events does not filter by kind)
    available = timeline.first_events(ev, ("usable",))
    assert available.event_id.to_dict() == {"kling": "e4", "ying": "e5", "sora": "e7", "glm": "e6"}
    for model_id, row in available.iterrows():
        assert timeline.first_event(ev[ev.model_id == model_id], ("usable",)).event_id == row.event_id
    assert set(timeline.first_events(ev, ("shown",)).index) == {"sora"}  # e2 (month) and e1 (day)
    assert timeline.first_events(ev, ("shown",)).loc["sora", "event_id"] == "e1"  # e1 ends 02-15


def test_first_events_breaks_ties_by_start_then_by_row_order():
    # a and b both end on 2024-06-30; a starts on the 1st (month), b on the 30th (day): a first.
    # c and d are the same day: the first row, c, wins.
    tie = timeline.events(make_ds([("a", "kling", "launched", "2024-06-01", "month", "high"),
                                   ("b", "kling", "beta", "2024-06-30", "day", "high"),
                                   ("c", "ying", "launched", "2024-07-26", "day", "high"),
                                   ("d", "ying", "beta", "2024-07-26", "day", "high")]))
    first = timeline.first_events(tie, ("usable",)).event_id
    assert first["kling"] == "a" and first["ying"] == tie[tie.model_id == "ying"].event_id.iloc[0]
    assert first["ying"] == timeline.first_event(tie[tie.model_id == "ying"], ("usable",)).event_id


def test_reference_choices_are_every_model_event_pair_once(ds):
    assert timeline.reference_choices(ds) == [
        "glm:launched", "kling:beta", "kling:launched", "kling:update", "sora:announced",
        "sora:launched", "ying:launched"]


# --- reference_period and the date texts -------------------------------------------------------

def test_reference_period_keeps_a_month_precision_reference_as_its_whole_month(ev):
    assert timeline.reference_period(ev, "kling:launched") == (T("2024-06-01"), T("2024-06-30"))
    assert timeline.reference_period(ev, "glm:launched") == (T("2024-01-01"), T("2024-03-31"))


def test_reference_period_of_a_day_is_that_day_even_when_a_month_row_exists(ev):
    # sora:announced: 2024-02-15 (day) and February 2024 (month): the day wins
    assert timeline.reference_period(ev, "sora:announced") == (T("2024-02-15"), T("2024-02-15"))


def test_reference_period_of_an_unknown_event_says_so(ev):
    with pytest.raises(ValueError, match="no event 'kling:announced'"):
        timeline.reference_period(ev, "kling:announced")


def test_as_period_accepts_a_day_or_a_pair():
    assert timeline.as_period(T("2024-02-15")) == (T("2024-02-15"), T("2024-02-15"))
    assert timeline.as_period(("2024-06-01", "2024-06-30")) == (T("2024-06-01"), T("2024-06-30"))


@pytest.mark.parametrize("when,precision,text", [
    ("2024-07-26", "day", "2024-07-26"),
    ("2024-06-01", "month", "Jun 2024"),
    ("2024-04-01", "quarter", "2024 Q2"),
    ("2024-10-01", "quarter", "2024 Q4"),
    ("2024-01-01", "year", "2024"),
    (pd.NaT, "day", "no date"),
])
def test_date_text_prints_a_date_only_as_precisely_as_it_is_known(when, precision, text):
    assert as_text(when if when is pd.NaT else T(when), precision) == text


@pytest.mark.parametrize("first,last,text", [
    ("2024-02-15", "2024-02-15", "2024-02-15"),
    ("2024-06-01", "2024-06-30", "Jun 2024"),
    ("2024-04-01", "2024-06-30", "2024 Q2"),
    ("2024-01-01", "2024-12-31", "2024"),
    ("2024-06-03", "2024-06-10", "2024-06-03 to 2024-06-10"),
])
def test_period_text_names_whole_calendar_periods(first, last, text):
    assert timeline.period_text(T(first), T(last)) == text


def test_count_text_pluralises():
    assert [counted(n, "model") for n in (0, 1, 2)] == ["0 models", "1 model",
                                                                     "2 models"]
    assert counted(2, "body", "bodies") == "2 bodies"


# --- window ------------------------------------------------------------------------------------

def test_window_keeps_events_whose_interval_overlaps_it(ev):
    # glm's 2024 Q1 ends 03-31, so it overlaps a March window; sora's February rows do not
    march = timeline.window(ev, "2024-03-01", "2024-03-31", ["openai", "kuaishou", "zhipu"])
    assert march.event_id.tolist() == ["e6"]
    # June: kling's month row and its 06-06 beta; openai left out by org
    june = timeline.window(ev, "2024-06-06", "2024-06-06", ["kuaishou", "zhipu"])
    assert sorted(june.event_id) == ["e3", "e4"]


def test_window_on_a_quiet_day_or_with_no_organisation_is_empty(ev):
    assert timeline.window(ev, "2024-11-01", "2024-11-01", ["openai", "kuaishou", "zhipu"]).empty
    assert timeline.window(ev, "2024-01-01", "2024-12-31", []).empty


# --- lags --------------------------------------------------------------------------------------

def test_lags_from_a_day_reference_are_single_numbers(ev):
    lags = timeline.lags(ev, "sora:announced").set_index("model_id")
    assert sorted(lags.index) == ["kling", "ying"]  # the reference's own model and the LLM left out
    # kling first shown = its 2024-06-06 beta: 2024-02-15 -> 06-06 = 14 (rest of Feb) + 31 + 30
    # + 31 + 6 = 112 days
    assert (lags.loc["kling", "shown_days_low"], lags.loc["kling", "shown_days_high"]) == (112, 112)
    # ying launched 2024-07-26: 14 + 31 + 30 + 31 + 30 + 26 = 162 days
    assert (lags.loc["ying", "usable_days_low"], lags.loc["ying", "usable_days_high"]) == (
        162, 162)
    assert lags.loc["ying", "shown_relation"] == "after"


def test_lags_from_a_month_reference_are_ranges(ev):
    lags = timeline.lags(ev, "kling:launched").set_index("model_id")
    # June 2024 reference: 2024-07-26 - 2024-06-30 = 26 days, 2024-07-26 - 2024-06-01 = 55 days
    assert (lags.loc["ying", "shown_days_low"], lags.loc["ying", "shown_days_high"]) == (26, 55)
    # sora shown 2024-02-15: 02-15 - 06-30 = -(14 + 31 + 30 + 31 + 30) = -136,
    # 02-15 - 06-01 = -(14 + 31 + 30 + 31 + 1) = -107
    assert (lags.loc["sora", "shown_days_low"], lags.loc["sora", "shown_days_high"]) == (-136, -107)
    assert lags.loc["sora", "shown_relation"] == "before"
    # sora launched 2024-12-09: 12-09 - 06-30 = 31 + 31 + 30 + 31 + 30 + 9 = 162,
    # 12-09 - 06-01 = 29 + 153 + 9 = 191
    assert (lags.loc["sora", "usable_days_low"], lags.loc["sora", "usable_days_high"]) == (
        162, 191)


def test_a_lag_straddling_a_ranged_reference_is_either_side():
    ds = make_ds([("k", "kling", "launched", "2024-06-01", "month", "high"),
                  ("y", "ying", "launched", "2024-06-10", "day", "high")])
    lags = timeline.lags(timeline.events(ds), "kling:launched")
    # 06-10 - 06-30 = -20, 06-10 - 06-01 = 9: it may be before or after
    assert (lags.shown_days_low[0], lags.shown_days_high[0]) == (-20, 9)
    assert lags.shown_relation[0] == "either side"


def test_lags_of_a_model_never_usable_say_not_in_data():
    ds = make_ds([("s", "sora", "announced", "2024-02-15", "day", "high"),
                  ("y", "ying", "announced", "2024-03-01", "day", "high")])
    row = timeline.lags(timeline.events(ds), "sora:announced").iloc[0]
    assert row.shown_days_low == 15  # 2024-02-15 -> 03-01: 14 + 1
    assert pd.isna(row.usable_days_low) and pd.isna(row.usable_on)
    assert row.usable_relation == "not in data"


def test_lags_with_no_other_video_model_is_an_empty_table_with_its_columns():
    ds = make_ds([("s", "sora", "announced", "2024-02-15", "day", "high"),
                  ("g", "glm", "launched", "2024-01-16", "day", "high")])
    lags = timeline.lags(timeline.events(ds), "sora:announced")
    assert lags.empty and list(lags.columns) == timeline.LAG_COLUMNS


def test_lags_from_a_reference_after_every_event_are_all_negative(ev):
    lags = timeline.lags(ev, "sora:launched").set_index("model_id")
    # ying 07-26 -> 12-09: 5 + 31 + 30 + 31 + 30 + 9 = 136 days before
    assert lags.loc["ying", "shown_days_low"] == -136
    assert set(lags.shown_relation) == {"before"}
    assert timeline.firsts_after(lags, "shown").empty


# --- relation, days_text, relative_text --------------------------------------------------------

@pytest.mark.parametrize("low,high,where", [(0, 0, "after"), (26, 55, "after"),
                                            (-136, -107, "before"), (-20, 9, "either side"),
                                            (pd.NA, pd.NA, "not in data")])
def test_relation(low, high, where):
    assert timeline.relation(low, high) == where


@pytest.mark.parametrize("low,high,text", [(72, 72, "72"), (26, 55, "26 to 55"),
                                           (-14, 15, "-14 to 15"), (pd.NA, pd.NA, "not in data")])
def test_days_text(low, high, text):
    assert timeline.days_text(low, high) == text


@pytest.mark.parametrize("low,high,text", [
    (26, 55, "26 to 55 days after X"),
    (1, 1, "1 day after X"),
    (0, 0, "the same day as X"),
    (-55, -26, "26 to 55 days before X"),
    (-3, -3, "3 days before X"),
    (-30, 90, "between 30 days before and 90 days after X"),
    (float("nan"), float("nan"), "not in data"),
])
def test_relative_text_says_before_and_after_in_words(low, high, text):
    assert timeline.relative_text(low, high, "X") == text


# --- first_after, lag_figure, lag_table, lag_summary, window_text -----------------------------

def _lags(rows, stage="shown"):
    """A lags table of (model_id, model, low, high), every row after the reference."""
    return pd.DataFrame({"model_id": [r[0] for r in rows], "model": [r[1] for r in rows],
                         f"{stage}_days_low": [r[2] for r in rows],
                         f"{stage}_days_high": [r[3] for r in rows],
                         f"{stage}_relation": ["after"] * len(rows)})


#: Sora's announcement on 2024-02-15: Jimeng's beta known only to March (03-01 - 02-15 = 15 days,
#: 03-31 - 02-15 = 45), the AIsphere China model on 03-11 (25 days), Open-Sora 1.0 on 03-18 (32).
OVERLAP = [("jimeng", "Jimeng AI", 15, 45), ("aisphere_cn", "AIsphere China model", 25, 25),
           ("opensora", "Open-Sora 1.0", 32, 32)]


def test_firsts_after_names_every_model_whose_range_overlaps_the_earliest_end(ev):
    lags = timeline.lags(ev, "sora:announced")
    assert list(timeline.firsts_after(lags, "shown").model_id) == ["kling"]  # beta 06-06: 112 < 162
    # the earliest end is AIsphere's 25; Jimeng's range starts at 15, before it; Open-Sora's 32
    # comes after 25, so it certainly came after AIsphere's model
    assert list(timeline.firsts_after(_lags(OVERLAP), "shown").model_id) == ["jimeng",
                                                                            "aisphere_cn"]
    # without the edition, the earliest end is Open-Sora's 32, and Jimeng (15 to 45) may precede it
    new = _lags([OVERLAP[0], OVERLAP[2]])
    assert timeline.lag_figure(timeline.firsts_after(new, "shown")) == (
        "undetermined among Jimeng AI (15 to 45 days), Open-Sora 1.0 (32 days)")
    # ranges that do not overlap: one first (5 to 6 ends before 7 to 9 begins); 'either side' is
    # not after the reference
    apart = _lags([("a", "A", 7, 9), ("b", "B", 5, 6), ("c", "C", -1, 2)]).assign(
        shown_relation=["after", "after", "either side"])
    assert timeline.lag_figure(timeline.firsts_after(apart, "shown")) == "B (5 to 6 days)"
    assert timeline.firsts_after(apart.iloc[:0], "shown").empty


def test_lag_figure(ev):
    lags = timeline.lags(ev, "kling:launched")
    # ying on 07-26 after June: 26 to 55 days; a one-day lag is 'day'
    assert timeline.lag_figure(timeline.firsts_after(lags, "shown")) == "Ying (26 to 55 days)"
    assert timeline.lag_figure(timeline.firsts_after(_lags([("a", "A", 1, 1)]), "shown")) == (
        "A (1 day)")
    assert timeline.lag_figure(lags.iloc[:0]) == "none among the selected organisations"


def test_lag_summary_names_the_candidates_when_the_first_is_undetermined():
    text = timeline.lag_summary(_lags([OVERLAP[0], OVERLAP[2]]).assign(
        usable_days_low=[15, 32], usable_days_high=[45, 32], usable_relation="after"),
        "Sora's announcement", T("2024-02-15"))
    assert ("the first shown is undetermined among Jimeng AI (15 to 45 days), Open-Sora 1.0 "
            "(32 days), whose dates overlap; the first usable by outsiders is undetermined among "
            "Jimeng AI (15 to 45 days), Open-Sora 1.0 (32 days), whose dates overlap.") in text


def test_lag_table_prints_dates_at_their_precision_and_lags_as_ranges():
    ds = make_ds([("s", "sora", "announced", "2024-02-15", "day", "high"),
                  ("k", "kling", "launched", "2024-06-01", "month", "high")])
    table = timeline.lag_table(timeline.lags(timeline.events(ds), "sora:announced"))
    row = table.iloc[0]
    assert row["first shown"] == "Jun 2024" and row["first usable"] == "Jun 2024"
    # June 2024 - 2024-02-15: 06-01 -> 14 + 31 + 30 + 31 + 1 = 107; 06-30 -> 107 + 29 = 136
    assert row["days to first shown"] == "107 to 136"
    assert timeline.lag_table(timeline.lags(timeline.events(ds), "kling:launched")).iloc[0][
        "first usable"] == "not in data"


def test_lag_summary_states_ranges_from_a_month_reference(ev):
    text = timeline.lag_summary(timeline.lags(ev, "kling:launched"), "kling:launched",
                                timeline.reference_period(ev, "kling:launched"))
    assert text.startswith("Counted from **kling:launched** (Jun 2024): of the 2 models, 1 was shown "
                           "before it (Sora).")
    assert "the first shown was **Ying**, 26 to 55 days later" in text  # 07-26 - June, as above
    assert "first usable by outsiders was **Ying**, 26 to 55 days later." in text


def test_lag_summary_says_plainly_when_there_is_nothing_after_or_nothing_at_all(ev):
    late = timeline.lag_summary(timeline.lags(ev, "sora:launched"), "sora:launched",
                                T("2024-12-09"))
    assert "all 2 models were shown before it" in late
    assert "No video model of the selected organisations was shown after it" in late
    assert "none of them became usable by outsiders after it." in late
    lags = timeline.lags(ev, "sora:announced")
    empty = timeline.lag_summary(lags[lags.org_id == "openai"], "sora:announced", T("2024-02-15"))
    assert "no video model of the selected organisations" in empty
    assert "nan" not in empty and "NaT" not in empty


def test_lag_summary_names_models_that_straddle_the_reference():
    ds = make_ds([("k", "kling", "launched", "2024-06-01", "month", "high"),
                  ("y", "ying", "launched", "2024-06-10", "day", "high")])
    ev = timeline.events(ds)
    text = timeline.lag_summary(timeline.lags(ev, "kling:launched"), "kling:launched",
                                timeline.reference_period(ev, "kling:launched"))
    assert "none of the 1 model was shown before it." in text
    assert "Ying was shown in a period that spans the reference" in text


def test_window_text(ev):
    drawn = timeline.window(ev, "2024-06-01", "2024-06-30", ["kuaishou"])
    # kling's June launch (month) and 06-06 beta (day): 2 events, 1 model, 2 sources, 1 coarse
    assert timeline.window_text(drawn, T("2024-06-01"), T("2024-06-30")) == (
        "The chart draws 2 dated events for 1 model from 2 sources between 2024-06-01 and "
        "2024-06-30. Of these events, 1 is known only to the month or coarser, and 0 rest on "
        "low-confidence dates.")
    quiet = timeline.window(ev, "2024-11-01", "2024-11-01", ["kuaishou"])
    assert timeline.window_text(quiet, T("2024-11-01"), T("2024-11-01")) == (
        "No event of the selected organisations falls between 2024-11-01 and 2024-11-01; the "
        "chart is empty.")


# --- plot --------------------------------------------------------------------------------------

def _drawn(fig):
    ax = fig.axes[0]
    marks = [line for line in ax.get_lines() if len(line.get_xdata()) == 1]
    refs = [line for line in ax.get_lines() if len(line.get_xdata()) == 2]
    return ax, marks, refs


def test_plot_draws_a_marker_per_day_and_a_bar_per_coarser_date(ev):
    fig = timeline_chart.plot(ev, T("2024-02-15"), "sora:announced")
    ax, marks, refs = _drawn(fig)
    # day rows: e1, e4, e5, e7 -> 4 markers; month/quarter rows: e2, e3, e6, e8 -> 4 bars
    assert len(marks) == 4 and len(ax.patches) == 4
    assert len(refs) == 1 and not ax.collections  # a one-day reference is one dashed line
    # one row per model under a bold header row per maker: Kuaishou, OpenAI, Zhipu (GLM first)
    labels = ax.get_yticklabels()
    assert [t.get_text() for t in labels] == [
        "Kuaishou", "Kling", "OpenAI", "Sora", "Zhipu", "GLM", "Ying"]
    assert [t.get_text() for t in labels if t.get_fontweight() == "bold"] == [
        "Kuaishou", "OpenAI", "Zhipu"]
    june = next(p for p in ax.patches if p.get_y() + p.get_height() / 2 == 1)  # Kling's row
    assert june.get_width() == 30  # kling's June bar spans 30 days
    plt.close(fig)


def test_plot_shades_a_ranged_reference(ev):
    fig = timeline_chart.plot(ev, timeline.reference_period(ev, "kling:launched"), "kling:launched")
    ax, marks, refs = _drawn(fig)
    assert len(marks) == 4 and len(ax.patches) == 4  # the shading is not drawn as a bar
    assert len(refs) == 2 and len(ax.collections) == 1  # both edges of June, and the shading
    # edges at 2024-06-01 and 2024-07-01 (the day after June's last day)
    assert sorted(matplotlib.dates.num2date(r.get_xydata()[0][0]).date().isoformat()
                  for r in refs) == ["2024-06-01", "2024-07-01"]
    plt.close(fig)


def test_plot_of_an_empty_window_draws_no_marks(ev):
    fig = timeline_chart.plot(ev.iloc[:0], T("2024-02-15"), "sora:announced")
    ax, marks, refs = _drawn(fig)
    assert not marks and not ax.patches and len(refs) == 1
    assert any("no event" in t.get_text() for t in ax.texts)
    plt.close(fig)


# --- the notebook, end to end ------------------------------------------------------------------

REAL = data.load()


def test_notebook_with_only_the_reference_organisation_says_there_is_nothing_to_show(monkeypatch):
    r = run("02_release_timeline", monkeypatch, organizations=["openai"])
    assert "no video model of the selected organisations" in r.text
    assert r.key_figures()["first new model shown after it"] == "none among the selected organisations"
    assert_clean(r)


def test_notebook_from_the_last_chinese_event_finds_nothing_later(monkeypatch):
    """From the latest event in the data, nothing can come later: at most a model shown the same
    day (0 days), or none at all."""
    ev = timeline.best_dates(timeline.events(REAL))
    latest = ev[ev.country == "CN"].sort_values(["start", "end"]).iloc[-1]
    r = run("02_release_timeline", monkeypatch,
            reference_event=f"{latest.model_id}:{latest.event}")
    first = r.key_figures()["first new model shown after it"]
    assert first.endswith("(0 days)") or first == "none among the selected organisations"
    assert_clean(r)


def test_notebook_from_a_month_reference_states_ranges(monkeypatch):
    r = run("02_release_timeline", monkeypatch, reference_event="kling:launched")
    # Kling's launch is known only to June 2024. Ying launched 2024-07-26:
    # 07-26 - 06-30 = 26 days, 07-26 - 06-01 = 55 days
    table = next(t for t in r.tables if "First shown" in t.columns)
    ying = table[table.Model == "Ying (Qingying)"].iloc[0]
    assert ying["Days from Kling's launch to first shown"] == "26 to 55"
    # from a month reference every lag is a range: a model's day is 0 to 29 days from June's ends
    days = table["Days from Kling's launch to first shown"]
    assert all(" to " in d for d in days if d != "not in data")
    assert r.key_figures()["reference"] == "Kling's launch (Jun 2024)"
    assert_clean(r)


@pytest.mark.parametrize("reference", edge_references(REAL))
def test_notebook_runs_from_every_reference_event(monkeypatch, reference):
    assert_clean(run("02_release_timeline", monkeypatch, reference_event=reference))


@pytest.mark.parametrize("start,end", [("2023-06-15", "2023-06-15"), ("1900-01-01", "1900-01-01"),
                                       ("2099-12-31", "2099-12-31"), ("1900-01-01", "2099-12-31")])
def test_notebook_runs_over_quiet_earliest_and_latest_windows(monkeypatch, start, end):
    r = run("02_release_timeline", monkeypatch, window_start=start, window_end=end)
    assert_clean(r)
    if start == end:
        assert "No event of the selected organisations falls" in r.text


def test_notebook_runs_for_an_organisation_without_a_video_model(monkeypatch):
    ev = timeline.events(REAL)
    makers = set(ev[ev.kind == "text_to_video"].org_id)
    org = sorted(set(ev.org_id) - makers)[0]
    r = run("02_release_timeline", monkeypatch, organizations=[org])
    assert "no video model of the selected organisations" in r.text
    assert_clean(r)


def test_editions_lists_a_re_release_of_a_model_out_before_the_reference():
    """PixVerse launched in January 2024 (month); its domestic edition on 2024-03-11: from a
    reference on 2024-02-15 the edition is listed with its parent's launch; from 2024-01-10 the
    parent's month has not ended, so the edition is not a re-release of something already out."""
    ds = make_ds([("p", "pixverse", "launched", "2024-01-01", "month", "high"),
                  ("e", "pixverse_cn", "launched", "2024-03-11", "day", "high")],
                 models=[("pixverse", "PixVerse", "aisphere", "text_to_video"),
                         ("pixverse_cn", "PixVerse China", "aisphere", "text_to_video")],
                 orgs=[("aisphere", "AIsphere")])
    ds.models["edition_of"] = [None, "pixverse"]
    ev = timeline.events(ds)
    known = timeline.editions(ds, ev, T("2024-02-15"))
    assert known.to_dict("records") == [{"model_id": "pixverse_cn", "parent": "PixVerse",
                                         "parent_event": "launched Jan 2024"}]
    assert timeline.editions(ds, ev, T("2024-01-10")).empty


def test_an_edition_before_the_first_new_model_is_named_as_such():
    lags = pd.DataFrame({"model_id": ["ed", "new"], "model": ["Edition", "New"],
                         "shown_relation": ["after", "after"], "shown_days_low": [25, 32],
                         "shown_days_high": [25, 32]})
    known = pd.DataFrame({"model_id": ["ed"], "parent": ["PixVerse"],
                          "parent_event": ["launched Jan 2024"]})
    assert timeline.editions_text(lags, known, "shown") == (
        " Edition came 25 days after it, but it is an edition of PixVerse (launched Jan 2024), not "
        "a new model, so the figures below skip it.")
    # after the first new model it heads nothing, so nothing is said
    later = lags.assign(shown_days_low=[40, 32], shown_days_high=[40, 32])
    assert timeline.editions_text(later, known, "shown") == ""
    # inside the first new model's range (15 to 45 days) it may have come first: it is named
    inside = lags.assign(shown_days_low=[25, 15], shown_days_high=[25, 45])
    assert timeline.editions_text(inside, known, "shown").startswith(" Edition came 25 days after")


# --- the first model usable after the reference, against its family's own launch ----------------

def _family_ds(extra=()):
    """Sora announced 2024-02-15, Sora Turbo (parent Sora) launched 2024-12-09; Kling usable from
    June 2024 (month), Vidu from 2024-06-20, Ying from 2024-07-26."""
    ds = make_ds([("s", "sora", "announced", "2024-02-15", "day", "high"),
                  ("t", "sora_turbo", "launched", "2024-12-09", "day", "high"),
                  ("k", "kling", "launched", "2024-06-01", "month", "high"),
                  ("y", "ying", "launched", "2024-07-26", "day", "high"), *extra],
                 models=[("sora", "Sora", "openai", "text_to_video"),
                         ("sora_turbo", "Sora Turbo", "openai", "text_to_video"),
                         ("kling", "Kling", "kuaishou", "text_to_video"),
                         ("vidu", "Vidu", "shengshu", "text_to_video"),
                         ("ying", "Ying", "zhipu", "text_to_video")],
                 orgs=[("openai", "OpenAI"), ("kuaishou", "Kuaishou"), ("shengshu", "Shengshu"),
                       ("zhipu", "Zhipu")])
    ds.models["parent_model_id"] = [None, "sora", None, None, None]
    return ds


def _lead(ds, reference="sora:announced"):
    ev = timeline.events(ds)
    family = timeline.family_of(ds, reference.partition(":")[0])
    launch = timeline.own_launch(ev, family)
    product, low, high = timeline.lead_over_launch(timeline.lags(ev, reference), family, launch)
    return family, launch, product, low, high


def test_the_first_usable_model_leads_its_family_launch_by_a_range():
    family, launch, product, low, high = _lead(_family_ds())
    assert family == ["sora", "sora_turbo"]  # through parent_model_id
    assert (launch["name"], launch.start) == ("Sora Turbo", T("2024-12-09"))
    # Kling alone (June ends before Ying's 07-26): 06-01 -> 12-09 = 29 + 31 + 31 + 30 + 31 + 30
    # + 9 = 191 days; 06-30 -> 12-09 = 162 days
    assert list(product.model_id) == ["kling"] and (low, high) == (-191, -162)
    sentence, figure = timeline.launch_text(product, low, high, launch, "Sora's announcement",
                                            "Sora")
    assert figure == "162 to 191 days before Sora Turbo's launch (2024-12-09)"
    assert sentence == (
        "Sora's family (Sora and its later versions, by `parent_model_id`) first became usable "
        "with **Sora Turbo's launch (2024-12-09)**. The first "
        "model of the selected organisations usable by outsiders after Sora's announcement was "
        "Kling (Jun 2024): 162 to 191 days before Sora Turbo's launch.")


def test_overlapping_firsts_give_the_lead_from_the_earliest_start_to_the_earliest_end():
    _, launch, product, low, high = _lead(_family_ds([("v", "vidu", "beta", "2024-06-20", "day",
                                                       "high")]))
    # Kling (June) and Vidu (06-20) overlap: the first came between 06-01 (191 days before) and
    # 06-20 (06-20 -> 12-09 = 10 + 31 + 31 + 30 + 31 + 30 + 9 = 172 days before)
    assert list(product.model_id) == ["kling", "vidu"] and (low, high) == (-191, -172)
    sentence, figure = timeline.launch_text(product, low, high, launch, "Sora's announcement",
                                            "Sora")
    assert "is undetermined among Kling (Jun 2024), Vidu (2024-06-20): 172 to 191 days before" in sentence


def test_the_lead_says_plainly_when_the_family_never_launched_or_nothing_came_after():
    ds = _family_ds()
    ds.model_events = ds.model_events[ds.model_events.model_id != "sora_turbo"]
    _, launch, product, low, high = _lead(ds)
    assert launch is None and low is None and list(product.model_id) == ["kling"]
    assert timeline.launch_text(product, low, high, launch, "Sora's announcement",
                                "Sora")[1] == "not in data"
    # from Sora Turbo's own launch nothing is usable later, and the family's launch is the reference
    _, launch, product, low, high = _lead(_family_ds(), "sora_turbo:launched")
    sentence, figure = timeline.launch_text(product, low, high, launch, "Sora Turbo's launch",
                                            "Sora")
    assert product.empty and figure == "none among the selected organisations"
    assert "no model of the selected organisations became usable after" in sentence
    # a model usable only after the family's launch is stated as after it: 12-19 - 12-09 = 10
    late = _family_ds([("v", "vidu", "launched", "2024-12-19", "day", "high")])
    late.model_events = late.model_events[late.model_events.model_id.isin(["sora", "sora_turbo",
                                                                           "vidu"])]
    _, launch, product, low, high = _lead(late)
    assert timeline.launch_text(product, low, high, launch, "x", "Sora")[1] == (
        "10 days after Sora Turbo's launch (2024-12-09)")


def test_since_leaves_out_models_both_shown_and_usable_before_the_window():
    ds = make_ds([("s", "sora", "announced", "2024-02-15", "day", "high"),
                  ("k", "kling", "announced", "2022-07-16", "day", "high"),
                  ("y", "ying", "announced", "2023-12-01", "month", "high"),
                  ("y2", "ying", "launched", "2024-07-26", "day", "high"),
                  ("g", "glm", "update", "2024-03-01", "day", "high")],
                 models=[("sora", "Sora", "openai", "text_to_video"),
                         ("kling", "CogVideo", "kuaishou", "text_to_video"),
                         ("ying", "Ying", "zhipu", "text_to_video"),
                         ("glm", "GLM", "zhipu", "text_to_video")])
    lags = timeline.lags(timeline.events(ds), "sora:announced")
    # from 2024-01-01: CogVideo (2022, shown and usable both before) is left out; Ying, shown in
    # Dec 2023 but usable 2024-07-26, stays; GLM has neither date and stays
    kept, earlier = timeline.since(lags, "2024-01-01")
    assert sorted(kept.model_id) == ["glm", "ying"] and list(earlier.model) == ["CogVideo"]
    assert timeline.earlier_text(earlier, "2024-01-01") == (
        " Left out of the table and the counts, as shown or usable only before the window's start "
        "(2024-01-01): 1 model, CogVideo.")
    # a month-precision date whose month ends on the window's first day still belongs to it
    assert "ying" not in set(timeline.since(lags.assign(usable_on=pd.NaT), "2023-12-31")[1].model_id)
    assert timeline.earlier_text(earlier.iloc[:0], "2024-01-01") == ""
