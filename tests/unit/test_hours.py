"""Opening hours: 'open now' / 'opens at ...', including ranges across midnight and the week's end."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.data.hours import parse_day, status

# 2026-03-02 is a Monday.
MON = datetime(2026, 3, 2)


def at(day_offset: int, hh: int, mm: int = 0) -> datetime:
    return MON.replace(day=2 + day_offset, hour=hh, minute=mm)


OFFICE = {"mon": "09:00-17:00", "tue": "09:00-17:00", "wed": "09:00-12:00, 13:00-17:00",
          "thu": "09:00-17:00", "fri": "09:00-17:00", "sat": "closed", "sun": "closed"}


def test_open_now_until_closing():
    assert status(OFFICE, at(0, 10)).text == "Open now, until 17:00"
    assert status(OFFICE, at(0, 10)).open


def test_before_opening_today():
    s = status(OFFICE, at(0, 7, 30))
    assert not s.open
    assert s.text == "Closed now. Opens at 09:00"


def test_lunch_break_reopens_same_day():
    assert status(OFFICE, at(2, 12, 30)).text == "Closed now. Opens at 13:00"


def test_after_closing_opens_tomorrow():
    assert status(OFFICE, at(0, 17, 0)).text == "Closed now. Opens tomorrow at 09:00"


def test_weekend_rolls_over_to_monday():
    # Friday evening -> Monday (across the week's end: Sunday -> Monday)
    assert status(OFFICE, at(4, 18)).text == "Closed now. Opens Monday at 09:00"
    assert status(OFFICE, at(6, 23, 59)).text == "Closed now. Opens tomorrow at 09:00"


def test_range_across_midnight_is_open_after_midnight_next_day():
    night = {"fri": "22:00-02:00", "sat": "22:00-02:00"}
    # Saturday 01:00 is inside Friday's range
    s = status(night, at(5, 1))
    assert s.open and s.text == "Open now, until 02:00"
    # Friday 23:00
    assert status(night, at(4, 23)).text == "Open now, until 02:00"
    # Saturday 03:00: closed, opens again at 22:00 the same day
    assert status(night, at(5, 3)).text == "Closed now. Opens at 22:00"


def test_sunday_night_range_runs_into_monday():
    hours = {"sun": "20:00-06:00"}
    # Monday 05:00 (2026-03-09) is inside Sunday 2026-03-08's range
    s = status(hours, datetime(2026, 3, 9, 5, 0))
    assert s.open and s.text == "Open now, until 06:00"


def test_24h_every_day_and_until_midnight():
    always = {d: "24h" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    assert status(always, at(3, 3)).text == "Open now, 24 hours"
    late = {"mon": "18:00-24:00"}
    assert status(late, at(0, 19)).text == "Open now, until midnight"


def test_ranges_that_touch_at_midnight_merge():
    hours = {"mon": "20:00-24:00", "tue": "00:00-04:00"}
    assert status(hours, at(0, 21)).text == "Open now, until 04:00"


def test_unknown_hours_claim_nothing():
    assert status({}, at(0, 10)) is None
    assert status({"mon": "closed"}, at(0, 10)) is None  # other days unknown
    assert status({"mon": "25:00-26:00"}, at(0, 10)) is None
    closed = {d: "closed" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    assert status(closed, at(0, 10)).text == "Closed"


@pytest.mark.parametrize("bad", ["9-5", "09:00-09:00", "25:00-26:00", "09:60-10:00", "24:30-01:00", "09:00"])
def test_parse_day_rejects_bad_ranges(bad):
    with pytest.raises(ValueError):
        parse_day(bad)


def test_parse_day_reads_split_and_overnight_ranges():
    assert parse_day("09:00-12:00, 13:00-17:00") == [(540, 720), (780, 1020)]
    assert parse_day("22:00-02:00") == [(1320, 1560)]
    assert parse_day("closed") == []
    assert parse_day("24h") == [(0, 1440)]
