from datetime import date

import pytest

from communique.dates import contradicts, find_dates, find_yearless, resolve_weekday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Publish Date : 6/18/2024 11:21:18 AM", date(2024, 6, 18)),
        ("Posted 18/06/2024", date(2024, 6, 18)),
        ("31 October 2023", date(2023, 10, 31)),
        ("Updated: Aug 16, 2018 By a reporter", date(2018, 8, 16)),
        ("Fri. Jun 21st, 2024", date(2024, 6, 21)),
        ("2024-05-11 14:00:45", date(2024, 5, 11)),
        ("Saturday, 9 August 2008 16:32 UK", date(2008, 8, 9)),
        ("Sept. 3, 2019", date(2019, 9, 3)),
    ],
)
def test_furniture_dates_are_found(text, expected):
    assert find_dates(text)[0].value == expected


@pytest.mark.parametrize(
    "text", ["Est. May 19, 1883", "31 February 2023", "in May the talks", "13/13/2020"]
)
def test_non_dates_are_not_found(text):
    assert find_dates(text) == []


def test_weekday_is_read_with_the_date():
    assert find_dates("Tuesday, September 29, 2009")[0].weekday == 1


def test_yearless_dateline_takes_given_year():
    assert find_yearless("Sept. 25 (Bloomberg) -- Talks", 2009)[0].value == date(2009, 9, 25)


@pytest.mark.parametrize(
    "name, anchor, expected",
    [
        ("Monday", date(2024, 6, 18), date(2024, 6, 17)),  # Tuesday story: yesterday
        ("Tuesday", date(2024, 6, 18), date(2024, 6, 18)),  # same day
        ("Wednesday", date(2024, 6, 18), date(2024, 6, 12)),  # last week
    ],
)
def test_weekday_resolves_to_most_recent_past_day(name, anchor, expected):
    assert resolve_weekday(name, anchor) == expected


def test_stamp_contradicted_by_weekday_in_text():
    text = "Gunmen on Saturday, June 15 killed 35 people."
    assert contradicts(date(2009, 1, 1), text)  # June 15, 2009 was a Monday
    assert not contradicts(date(2019, 6, 20), text)
