"""Pilot tests: every route into Emergency, the first screen at 80x24, and the numbers shown."""

from __future__ import annotations

from typing import List

import pytest
from support import home_key, route, screen_text, shipped_pack
from textual.widgets import Digits, Input, Static

from kiosk.data.config import REGIONS
from kiosk.ui.app import READY_EMERGENCY
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.keys import KeysScreen
from kiosk.ui.screens.naloxone import NaloxoneScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.screens.topic import TopicScreen

# (keys that reach the screen, the screen class) for every screen a walk-up user can be on.
ROUTES = [
    ((), HomeScreen),
    ((home_key(shipped_pack(), "topic:symptoms"),), TopicScreen),
    (("1",), PageScreen),
    (("f",), FindHelpScreen),
    (("question_mark",), KeysScreen),
    (("e", "n"), NaloxoneScreen),
    (("e", "g"), GuidedScreen),
]


@pytest.mark.parametrize("keys,screen_type", ROUTES, ids=[r[1].__name__ for r in ROUTES])
async def test_e_opens_emergency_from_every_screen(app_factory, keys, screen_type):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        assert type(app.screen) is screen_type
        assert "EMERGENCY" in screen_text(app)  # the key is shown on every screen
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        depth = len(app.screen_stack)
        await pilot.press("e")  # pressing again does not stack a second copy
        assert len(app.screen_stack) == depth


async def test_ctrl_e_opens_emergency_from_the_search_field_and_e_types(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        assert isinstance(app.focused, Input)
        await pilot.press("e")  # typing, not a shortcut, inside the text field
        assert app.focused.value == "e"
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, EmergencyScreen)


@pytest.mark.parametrize("keys", [(), ("1",), ("slash",), ("f",)])
async def test_click_on_the_bar_opens_emergency(app_factory, keys):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        assert await pilot.click("#emergency-button")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)


async def test_config_emergency_keys_open_emergency_even_while_typing(app_factory):
    app = app_factory(emergency_keys=("f12", "ctrl+alt+f11"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f12")
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("backspace", "slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("f12")
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("backspace", "backspace")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("alt+ctrl+f11")  # written ctrl+alt in the config; Textual sorts modifiers
        assert isinstance(app.screen, EmergencyScreen)


async def test_every_e_shows_the_emergency_screen_built_ahead(app_factory):
    """`e` from a content page shows the emergency screen built while the person read, drawn at
    once, each time (the time it takes: tests/benchmarks/bench_pilot.py)."""
    from kiosk.ui.textual_private import ready_screen, spy_on_frames

    app = app_factory(region="UK")
    frames = spy_on_frames(app, EmergencyScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "what-is"))  # from a content page
        for _ in range(3):
            await pilot.pause(0.1)  # a person reads; the next emergency screen is built meanwhile
            ready = ready_screen(app, READY_EMERGENCY)
            assert ready is not None
            before = len(frames)
            await pilot.press("e")
            assert app.screen is ready  # the screen built ahead of time
            await pilot.pause()
            assert len(frames) > before  # and drawn
            await pilot.press("backspace")
            assert isinstance(app.screen, PageScreen)


WHERE = ("Ask at the front desk: free naloxone kits are kept here.\n"
         "Riverside Drug Service (see Find help) gives kits and training on weekdays.")  # the example config's


@pytest.mark.parametrize("fields", [{}, {"region": "UK"}, {"emergency_number": "112"},
                                    {"naloxone_where": WHERE}, {"region": "US", "naloxone_where": WHERE}],
                         ids=["no-region", "UK", "number", "no-region-where", "US-where"])
async def test_first_screen_fits_80x24_without_scrolling(app_factory, fields):
    app = app_factory(**fields)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        body = app.screen.query_one("#emergency-body")
        assert body.max_scroll_y == 0, "the emergency screen must not need scrolling at 80x24"
        text = screen_text(app)
        for must in ("Signs of an overdose", "If you aren't sure, treat it as an overdose",
                     "1. Check", "2. Call", "Put the phone on speaker",
                     "3. Airway: tilt the head back and lift the chin. Breathing normally?",
                     "4. Not breathing normally, or only gasping: start CPR.",
                     "2 breaths after every 30 pushes if you can.",
                     "5. Breathing normally: put them on their side",
                     "6. Naloxone: give it now; again after 2 to 3 min if not breathing normally.",
                     "7. Stay with them", "Blue, grey or purple lips", "Guide me step by step",
                     "Naloxone: how to use it"):
            assert must in text
        for gone in ("1 breath every 5 seconds", "If you are trained in CPR"):  # the old advice
            assert gone not in text
        if "naloxone_where" in fields:  # where to get it here, on the first screen, whole
            box = app.screen.query_one("#naloxone-where-first").region
            assert box.bottom <= 23
            shown = " ".join(line[box.x:box.right] for line in text.splitlines()[box.y:box.bottom])
            assert " ".join(WHERE.split()) in " ".join(shown.split())
            assert "Naloxone here:" in shown
        else:
            assert not app.screen.query("#naloxone-where-first")
        # the ways on are on screen, not below it
        for way in ("#guide-button", "#naloxone-button"):
            widget = app.screen.query_one(way)
            assert widget.region.bottom <= 23


COMMON_NUMBERS = (("USA", "911"), ("Canada", "911"), ("UK", "999"), ("EU", "112"), ("Australia", "000"),
                  ("New Zealand", "111"))


def test_the_numbers_table_wraps_between_entries_at_every_width():
    """The wrapping itself (a pure function), at every width from 1 to 200: every entry once, in
    order, never cut; no line wider than the width unless it holds one entry wider than that; and
    no line could have taken the next entry (a line is filled before the next starts)."""
    from kiosk.ui.widgets.numbers import GAP, pack

    entries = list(COMMON_NUMBERS)
    size = [len(label) + 1 + len(number) for label, number in entries]
    for width in range(1, 201):
        lines = pack(entries, width)
        assert [e for line in lines for e in line] == entries, width
        used = [sum(len(label) + 1 + len(number) for label, number in line) + GAP * (len(line) - 1)
                for line in lines]
        for line, cells in zip(lines, used):
            assert cells <= width or len(line) == 1, (width, line)
        for k, line in enumerate(lines[:-1]):
            following = size[entries.index(lines[k + 1][0])]
            assert used[k] + GAP + following > width, (width, line)  # the next entry did not fit
    assert len(pack(entries, 200)) == 1 and len(pack(entries, 1)) == len(entries)


def line_breaks(entries, widest: int) -> List[int]:
    """The widths at which the wrapping changes (an entry moves to another line)."""
    from kiosk.ui.widgets.numbers import pack

    return [w for w in range(2, widest + 1) if pack(entries, w) != pack(entries, w - 1)]


async def test_every_number_shows_whole_at_every_width_where_the_wrapping_changes(app_factory):
    """No region set: on screen, the table of common numbers wraps between entries, never cutting
    one off: at 40 and 200 columns and either side of every width where an entry moves to another line
    (the wrapping between them is test_the_numbers_table_wraps_between_entries_at_every_width)."""
    app = app_factory()
    entries = [f"{label} {number}" for label, number in COMMON_NUMBERS]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        margin = 80 - app.screen.query_one("#numbers").content_region.width  # screen width - the table's
        margins = (margin, margin + 2)  # and with the body's scrollbar (2 columns) at narrow widths
        widths = {40, 200}
        for w in line_breaks(list(COMMON_NUMBERS), 200):
            widths |= {w - 1 + m for m in margins} | {w + m for m in margins}
        widths = sorted(w for w in widths if 40 <= w <= 200)
        assert len(widths) >= 5  # the table does wrap differently within 40-200 columns
        for width in widths:
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            table = app.screen.query_one("#numbers")
            assert table.region.bottom <= 23 and table.region.right <= width, width  # on screen, unscrolled
            assert width - table.content_region.width in margins, width  # the breaks above are the table's
            lines = screen_text(app).splitlines()
            shown = "\n".join(lines[table.region.y:table.region.bottom])
            for entry in entries:
                assert entry in shown, (width, entry, shown)
        assert len(lines[0]) == 200


@pytest.mark.parametrize("fields,number", [
    ({"region": "UK"}, "999"), ({"region": "US"}, "911"), ({"region": "AU"}, "000"),
    ({"region": "NZ"}, "111"), ({"region": "EU"}, "112"), ({"region": "IE"}, "112"), ({"region": "CA"}, "911"),
    ({"region": "UK", "emergency_number": "112"}, "112"),
])
async def test_config_number_appears_large_and_in_the_steps(app_factory, fields, number):
    app = app_factory(**fields)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert app.screen.query_one("#call-digits", Digits).value == number
        assert f"2. Call: {number} now." in screen_text(app)
        assert not app.screen.query("#numbers")


async def test_no_region_shows_the_table_of_common_numbers(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert not app.screen.query(Digits)
        text = screen_text(app)
        assert "Call your local emergency number:" in text
        for label, number in (("USA", "911"), ("Canada", "911"), ("UK", "999"), ("EU", "112"),
                              ("Australia", "000"), ("New Zealand", "111")):
            assert f"{label} {number}" in text
        assert "Ireland" not in text  # its number is the EU's, listed once
        assert "2. Call: your local emergency number now." in text


async def test_ways_on_by_key_enter_and_click(app_factory):
    app = app_factory(region="UK")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "enter")  # the guide button has focus
        assert isinstance(app.screen, GuidedScreen)
        await pilot.press("e", "n")
        assert isinstance(app.screen, NaloxoneScreen)
        await pilot.press("backspace")
        assert isinstance(app.screen, EmergencyScreen)
        assert await pilot.click("#naloxone-button")
        await pilot.pause()
        assert isinstance(app.screen, NaloxoneScreen)
        await pilot.press("backspace")
        assert await pilot.click("#guide-button")
        await pilot.pause()
        assert isinstance(app.screen, GuidedScreen)


async def test_naloxone_page_shows_where_to_get_it_and_opens_the_guides(app_factory):
    app = app_factory(region="UK", naloxone_where="Ask at the front desk [b]now[/b].")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "n")
        where = app.screen.query_one("#naloxone-where", Static)
        assert str(where.render()) == "Ask at the front desk [b]now[/b]."  # literal, never markup
        await pilot.press("s")
        assert isinstance(app.screen, GuidedScreen)
        assert app.screen.place == ("spray", 0)
        await pilot.press("backspace")  # Back from the first step returns to the page
        assert isinstance(app.screen, NaloxoneScreen)
        await pilot.press("i")
        assert app.screen.place == ("injection", 0)
        assert "Call 999" in screen_text(app)


@pytest.mark.parametrize("width", [40, 60])
async def test_a_sign_that_wraps_hangs_under_its_own_text(app_factory, width):
    """At 40-60 columns a long sign wraps; its next line starts under the text, not under the
    bullet, so each sign still reads as one item."""
    app = app_factory()
    async with app.run_test(size=(width, 60)) as pilot:
        await pilot.press("e")
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("• "))
        text_column = lines[first].index("• ") + 2  # where a sign's words start
        bullets = wrapped = 0
        for line in lines[first:]:
            if line.lstrip().startswith("• "):
                bullets += 1
            elif line[:text_column].strip() == "" and line.strip():
                wrapped += 1  # a wrapped line, starting under the words
            else:
                break  # the end of the list
        assert bullets == len(app.store.emergency.signs) and wrapped > 0, lines[first:first + 10]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("region", ("",) + REGIONS)
async def test_first_screen_fits_80x24_at_every_region_in_every_language(app_factory, region, language):
    """Issue 23: a longer step must never push the number, a step or the ways on below the fold, in
    any region the config offers (or none: the table), in English or Spanish."""
    app = app_factory(language=language, **({"region": region} if region else {}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, EmergencyScreen)
        assert screen.query_one("#emergency-body").max_scroll_y == 0, (region, language)
        text = screen_text(app)
        em = app.store.emergency
        for n in range(1, len(em.steps) + 1):
            assert f" {n}. " in text
        assert em.signs[0] in text and em.unsure in text
        number = app.number_to_call()
        if region:
            assert number and screen.query_one("#call-digits").region.bottom <= 23
        else:
            assert screen.query_one("#numbers").region.bottom <= 23
        for way in ("#guide-button", "#naloxone-button"):
            assert screen.query_one(way).region.bottom <= 23


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("region", ["UK", "US", "AU", "NZ"])
async def test_the_number_shows_at_40x20(app_factory, region, language):
    """Usable from 40 columns: at 40x20 the number to call is on screen at once, unscrolled."""
    app = app_factory(language=language, region=region)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("e")
        digits = app.screen.query_one("#call-digits")
        assert digits.region.height > 0 and digits.region.bottom <= 19
        assert app.screen.query_one("#emergency-body").scroll_y == 0


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("practice,where,prompt", [(True, False, False), (True, True, False), (False, False, True)],
                         ids=["practice", "practice-where", "prompt"])
async def test_first_screen_fits_with_the_practice_banner_the_dose_prompt_and_where(app_factory, language,
                                                                                    practice, where, prompt):
    """Issue 23: with seven steps the screen has no spare row. The practice banner, the next-dose
    prompt and `naloxone_where` under the table (no region) take rows: the gaps above the steps
    and the signs give theirs up (two rows), and the steps and the ways on stay on screen."""
    from support import DoseClock, dose_in_the_guide

    clock = DoseClock()
    app = app_factory(clock=clock, wall_clock=clock.now, language=language,
                      **({"naloxone_where": "Ask at the front desk."} if where else {}))
    async with app.run_test(size=(80, 24)) as pilot:
        if prompt:
            await dose_in_the_guide(pilot, app)
            await pilot.press("home")
            clock.advance(121)
            app.dose_flow.tick()
            await pilot.pause()
        await pilot.press("e")
        if practice:
            await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EmergencyScreen)
        if prompt:
            assert screen.query_one("#dose-prompt").display
        assert screen.query_one("#emergency-body").max_scroll_y == 0
        text = screen_text(app)
        assert f" {len(app.store.emergency.steps)}. " in text
        for way in ("#guide-button", "#naloxone-button"):
            assert screen.query_one(way).region.bottom <= 23
