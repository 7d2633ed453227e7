from datetime import date

import pytest

from videorace.data import dates

# The articles' own relative dates, resolved against each article's date (or the event it counts from).
ARTICLE_CASES = [
    ("on Tuesday", date(2024, 8, 2), date(2024, 7, 30), "day"),   # Vidu worldwide (a3)
    ("last Friday", date(2024, 8, 2), date(2024, 7, 26), "day"),  # Zhipu Ying (a3)
    ("on Wednesday", date(2024, 8, 2), date(2024, 7, 31), "day"),  # CAC conference (a3)
    ("On Monday", date(2024, 3, 13), date(2024, 3, 11), "day"),   # AIsphere round (a0)
    ("on Monday", date(2024, 3, 12), date(2024, 3, 11), "day"),   # AIsphere China model (a1)
    ("on Wednesday", date(2024, 3, 12), date(2024, 3, 6), "day"),  # DOJ unsealing (a1)
    ("two months prior", date(2024, 3, 11), date(2024, 1, 1), "month"),  # PixVerse (a1)
    ("the day after", date(2024, 4, 27), date(2024, 4, 28), "day"),  # Wanxing Tianmu test (a2)
    ("in June", date(2024, 8, 2), date(2024, 6, 1), "month"),      # Kling (a3)
    ("in April", date(2024, 7, 26), date(2024, 4, 1), "month"),    # Vidu (a4)
    ("in January of this year", date(2024, 5, 11), date(2024, 1, 1), "month"),  # GLM-4 (a2)
    ("in February", date(2024, 5, 11), date(2024, 2, 1), "month"),  # Sora (a2)
]


@pytest.mark.parametrize("phrase,anchor,expected,precision", ARTICLE_CASES)
def test_article_relative_dates(phrase, anchor, expected, precision):
    got = dates.resolve(phrase, anchor)
    assert (got.on, got.precision) == (expected, precision)


def test_on_weekday_includes_the_anchor_day_but_last_weekday_does_not():
    friday = date(2024, 8, 2)
    assert dates.resolve("on Friday", friday).on == friday
    assert dates.resolve("last Friday", friday).on == date(2024, 7, 26)


def test_month_named_after_the_anchor_is_last_year():
    assert dates.resolve("in December", date(2024, 5, 11)).on == date(2023, 12, 1)


def test_unknown_wording_is_refused_with_the_forms_it_knows():
    with pytest.raises(dates.UnresolvableDate, match="on <weekday>"):
        dates.resolve("this week", date(2024, 3, 13))


@pytest.mark.parametrize("d,precision,start,end", [
    (date(2024, 5, 17), "month", date(2024, 5, 1), date(2024, 5, 31)),
    (date(2024, 2, 10), "month", date(2024, 2, 1), date(2024, 2, 29)),
    (date(2024, 8, 20), "quarter", date(2024, 7, 1), date(2024, 9, 30)),
    (date(2024, 8, 20), "year", date(2024, 1, 1), date(2024, 12, 31)),
    (date(2024, 8, 20), "day", date(2024, 8, 20), date(2024, 8, 20)),
])
def test_periods(d, precision, start, end):
    assert dates.period_start(d, precision) == start
    assert dates.period_end(d, precision) == end


def test_add_months_clips_to_month_end():
    assert dates.add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
