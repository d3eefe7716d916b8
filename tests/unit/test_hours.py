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


# ---- Whole sentences per case, in every language (issue 27, point 2) -------------------------

def words_in(code: str):
    from conftest import CONTENT

    from kiosk.data.languages import open_pack
    from kiosk.data.ui_text import load_ui

    return load_ui(open_pack(CONTENT, code))[0].group("hours")


@pytest.mark.parametrize("code,hours,when,text", [
    ("es", OFFICE, at(0, 17, 30), "Cerrado ahora. Abre mañana a las 09:00"),  # was "Abre el mañana"
    ("es", OFFICE, at(4, 18), "Cerrado ahora. Abre el lunes a las 09:00"),
    ("es", OFFICE, at(0, 7), "Cerrado ahora. Abre a las 09:00"),
    ("es", {"mon": "18:00-24:00"}, at(0, 19), "Abierto ahora, hasta la medianoche"),  # not "hasta las medianoche"
    ("es", {"mon": "24h", "tue": "00:00-10:00"}, at(0, 8), "Abierto ahora, hasta mañana a las 10:00"),
    ("es", {"sat": "24h", "sun": "24h", "mon": "00:00-08:00"}, at(5, 9), "Abierto ahora, hasta el lunes a las 08:00"),
    ("en", OFFICE, at(0, 17, 30), "Closed now. Opens tomorrow at 09:00"),
    ("en", OFFICE, at(4, 18), "Closed now. Opens Monday at 09:00"),
    ("en", {"mon": "24h", "tue": "00:00-10:00"}, at(0, 8), "Open now, until tomorrow at 10:00"),
    ("en", {"mon": "18:00-24:00"}, at(0, 19), "Open now, until midnight"),
])
def test_a_whole_sentence_for_today_tomorrow_and_a_weekday(code, hours, when, text):
    assert status(hours, when, words_in(code)).text == text


def test_no_hours_text_is_a_piece_of_another():
    """The words that were put together from pieces are gone: every [hours] text but the day
    names is a whole sentence, with {day} only ever a weekday's name."""
    for code in ("en", "es"):
        words = words_in(code)
        assert "tomorrow" not in words and "midnight" not in words
        assert all("{day}" not in text for key, text in words.items() if "tomorrow" in key)


@pytest.mark.parametrize("code,n,text", [("en", 1, "1 place."), ("en", 2, "2 places."), ("es", 1, "1 lugar."),
                                         ("es", 3, "3 lugares."), ("es", 0, "0 lugares.")])
def test_counts_follow_the_languages_plural_rule(code, n, text):
    from conftest import CONTENT

    from kiosk.data.languages import open_pack
    from kiosk.data.ui_text import load_ui, plural_category

    ui = load_ui(open_pack(CONTENT, code))[0]
    assert ui.plural("findhelp.count", n, total=n) == text
    assert plural_category(code, 1) == "one" and plural_category(code, 0) == plural_category(code, 2) == "other"


async def test_spanish_self_check_says_1_applies_and_1_skipped(app_factory):
    from support import screen_text

    app = app_factory(language="es")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press("s", *"n" * 9, "o")
        while not app.screen.showing_result:
            await pilot.press("n")
        shown = screen_text(app)
        assert "1 de 11 se aplica a usted" in shown and "1 omitida)" in shown


async def test_find_help_with_one_place_says_1_place(app_factory):
    from support import screen_text

    from kiosk.data.config import Config, Service

    for code, words in (("en", "1 place."), ("es", "1 lugar.")):
        app = app_factory(config=Config(language=code, services=(Service("Clinic", offers=("naloxone",)),)))
        async with app.run_test(size=(80, 40)) as pilot:
            await app.run_action("find_help")
            await pilot.pause()
            assert words in screen_text(app), code
