"""Guided mode: one step at a time, device guides, and the naloxone dose timer (injected clocks)."""

from __future__ import annotations

from datetime import datetime

from support import DoseClock as FakeClock
from support import screen_text
from textual.widgets import Digits, Static

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.guided import GuidedScreen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def shown(screen, selector: str) -> bool:
    return screen.query_one(selector).display


def step_id(guided) -> str:
    guide_id, index = guided.place
    return guided.kiosk.store.emergency.guide(guide_id).steps[index].id


async def walk_to(pilot, guided, title: str) -> None:
    """Press Enter until the step with this title shows (at most 12 presses)."""
    for _ in range(12):
        if text_of(guided, "#step-title") == title:
            return
        await pilot.press("enter")
    raise AssertionError(f"no step {title!r}; at {text_of(guided, '#step-title')!r}")


OVERDOSE_TITLES = ["Check", "Call 999", "Check their breathing", "CPR: if not breathing normally", "Give naloxone",
                   "Keep giving doses", "Recovery position", "Don't", "Stay with them", "When they wake"]


async def test_steps_one_at_a_time_with_next_and_back(app_factory):
    app = app_factory(region="UK")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        guided = app.screen
        assert isinstance(guided, GuidedScreen)
        assert text_of(guided, "#step-count") == "Step 1 of 10  ·  Call 999"  # the number on every step
        assert text_of(guided, "#step-title") == "Check"
        await pilot.press("enter")
        assert text_of(guided, "#step-count").split("  ·  ")[0] == "Step 2 of 10"
        assert text_of(guided, "#step-title") == "Call 999"  # the config's number, filled in
        assert "Call 999 now." in text_of(guided, "#step-text")
        assert "put the phone on speaker" in text_of(guided, "#step-text").lower()
        assert "one calls, one gets naloxone and a defibrillator (AED)" in text_of(guided, "#step-text")
        assert not shown(guided, "#step-numbers")  # the number is known: no table
        await pilot.press("right", "space")
        assert text_of(guided, "#step-count").split("  ·  ")[0] == "Step 4 of 10"
        assert text_of(guided, "#step-title") == "CPR: if not breathing normally"
        assert "Push hard and fast in the middle of the chest." in text_of(guided, "#step-text")
        assert "2 breaths after every 30 pushes" in text_of(guided, "#step-text")
        await pilot.press("left", "backspace")
        assert text_of(guided, "#step-count").split("  ·  ")[0] == "Step 2 of 10"
        titles = []
        await pilot.press("backspace")
        for _ in range(9):
            titles.append(text_of(guided, "#step-title"))
            await pilot.press("enter")
        titles.append(text_of(guided, "#step-title"))
        assert titles == OVERDOSE_TITLES
        assert "Don't inject them with anything other than naloxone." in \
            guided.kiosk.store.emergency.guide("overdose").steps[7].text
        assert not shown(guided, "#nav-next")  # the last step: nowhere further
        await pilot.press("enter")
        assert text_of(guided, "#step-count").split("  ·  ")[0] == "Step 10 of 10"
        for _ in range(9):
            await pilot.press("backspace")
        assert text_of(guided, "#step-count").split("  ·  ")[0] == "Step 1 of 10"
        await pilot.press("backspace")  # Back from the first step leaves the guide
        assert isinstance(app.screen, EmergencyScreen)


async def test_call_step_shows_the_table_of_numbers_when_none_is_set(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g", "enter")
        guided = app.screen
        assert text_of(guided, "#step-title") == "Call your local emergency number"
        assert shown(guided, "#step-numbers")
        text = screen_text(app)
        for entry in ("USA 911", "UK 999", "EU 112", "Australia 000", "New Zealand 111"):
            assert entry in text


async def test_naloxone_step_shows_where_to_get_it_here(app_factory):
    app = app_factory(region="UK", naloxone_where="Free kits at the front desk.")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        guided = app.screen
        await walk_to(pilot, guided, "Give naloxone")
        assert shown(guided, "#step-where")
        assert text_of(guided, "#step-where") == "Naloxone here: Free kits at the front desk."
        await pilot.press("enter")
        assert not shown(guided, "#step-where")


async def test_device_guide_opens_from_the_naloxone_step_and_returns(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        guided = app.screen
        await walk_to(pilot, guided, "Give naloxone")
        naloxone_step = guided.place
        assert shown(guided, "#show-spray") and shown(guided, "#show-injection") and shown(guided, "#show-dose")
        await pilot.press("s")
        # the call and the breathing check were just shown: the spray guide starts at its own steps
        assert guided.place == ("spray", 3)
        assert text_of(guided, "#heading") == "Naloxone nasal spray"
        assert text_of(guided, "#step-title") == "Get ready"
        assert text_of(guided, "#step-count").split("  ·  ")[0] == "Step 4 of 8"
        await pilot.press("backspace")  # back to where it was opened
        assert guided.place == naloxone_step
        assert await pilot.click("#show-injection")
        await pilot.pause()
        # no region: not where Prenoxad is sold, so "follow the kit's instructions"
        assert guided.place == ("injection-other", 3)
        assert text_of(guided, "#step-title") == "Follow the kit's instructions"
        await pilot.press(*["enter"] * 2)  # past the kit's last step: on to the step after naloxone
        assert guided.place == ("overdose", naloxone_step[1] + 1)
        assert text_of(guided, "#step-title") == "Keep giving doses"


async def test_prenoxad_guide_where_sold_or_asked(app_factory):
    for fields, expected in (({"region": "UK"}, "injection"), ({"region": "CA"}, "injection-other"),
                             ({"region": "CA", "injection_kit": "prenoxad"}, "injection"),
                             ({"region": "UK", "injection_kit": "other"}, "injection-other")):
        app = app_factory(**fields)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e", "g")
            await walk_to(pilot, app.screen, "Give naloxone")
            await pilot.press("i")
            assert app.screen.place[0] == expected, fields
            if expected == "injection":
                assert text_of(app.screen, "#step-title") == "Get the kit ready"
                step = text_of(app.screen, "#step-text")
                assert "This guide is for Prenoxad." in step and "Screw on a needle." in step


async def test_dose_timer_prompts_a_second_dose_after_two_minutes(app_factory):
    clock = FakeClock()
    app = app_factory(region="UK", clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        guided = app.screen
        await walk_to(pilot, guided, "Give naloxone")
        await pilot.press("s")
        await walk_to(pilot, guided, "Spray")
        assert not app.visit.hold_idle
        await pilot.press("d")  # "I gave naloxone"
        assert app.visit.doses == [datetime(2026, 3, 6, 23, 58)]
        assert app.visit.hold_idle  # idle reset must wait while a dose timer runs
        assert guided.showing_timer
        assert app.dose_flow.ticker is not None  # a Textual interval, not a loop
        assert app.screen.query_one("#timer-digits", Digits).value == "0:00"
        assert shown(guided, "#timer-wait") and not shown(guided, "#timer-redose")
        assert "23:58" in text_of(guided, "#timer-doses")
        assert "Tell the ambulance crew" in text_of(guided, "#timer-doses")

        clock.advance(119)
        guided.update_timer()  # what the once-a-second tick does
        assert guided.query_one("#timer-digits", Digits).value == "1:59"
        assert not shown(guided, "#timer-redose")

        clock.advance(1)
        guided.update_timer()
        assert guided.query_one("#timer-digits", Digits).value == "2:00"
        assert shown(guided, "#timer-redose") and not shown(guided, "#timer-wait")
        assert text_of(guided, "#timer-redose") == \
            "Still not breathing normally? Give another dose now: a new spray, in the other nostril."

        await pilot.press("d")  # second dose: the timer starts again, both times kept
        assert app.visit.doses == [datetime(2026, 3, 6, 23, 58), datetime(2026, 3, 7, 0, 0)]
        assert guided.query_one("#timer-digits", Digits).value == "0:00"
        assert not shown(guided, "#timer-redose")
        assert text_of(guided, "#timer-doses").endswith("23:58, 00:00")


async def test_waking_up_ends_the_timer_and_shows_dose_times(app_factory):
    clock = FakeClock()
    app = app_factory(clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        guided = app.screen
        await walk_to(pilot, guided, "Give naloxone")
        await pilot.press("d")  # a dose from the general naloxone step
        assert guided.showing_timer
        clock.advance(200)
        guided.update_timer()
        assert text_of(guided, "#timer-redose").startswith("Still not breathing normally? Give another dose now.")
        await pilot.press("w")
        assert not guided.showing_timer
        assert text_of(guided, "#step-title") == "When they wake"
        assert shown(guided, "#step-doses") and "23:58" in text_of(guided, "#step-doses")
        assert app.visit.dose is None and not app.visit.hold_idle  # the timer has ended
        assert not shown(guided, "#timer-status")
        await pilot.press("t")  # no timer to show
        assert not guided.showing_timer
        assert shown(guided, "#show-dose")  # pass out again: another dose at once


async def test_the_timer_keeps_running_over_a_trip_to_emergency(app_factory):
    clock = FakeClock()
    app = app_factory(clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        guided = app.screen
        await walk_to(pilot, guided, "Give naloxone")
        await pilot.press("s")
        await walk_to(pilot, guided, "Spray")
        await pilot.press("d")
        ticker = app.dose_flow.ticker
        assert ticker._active.is_set()
        await pilot.press("e")  # Emergency on top: the app's tick goes on (the bar shows it)
        assert isinstance(app.screen, EmergencyScreen)
        assert ticker._active.is_set()
        clock.advance(150)
        await pilot.press("g")  # "Guide me" returns to the same guide, timer and all
        assert app.screen is guided
        assert guided.showing_timer
        assert guided.query_one("#timer-digits", Digits).value == "2:30"
        assert shown(guided, "#timer-redose")
        await pilot.press("backspace")  # back to the steps: a line says the timer is one key away
        assert not guided.showing_timer
        assert "Naloxone given at 23:58" in str(guided.query_one("#timer-status").label)


async def test_leaving_the_guide_keeps_the_timer_the_idle_hold_and_dose_times(app_factory):
    clock = FakeClock()
    app = app_factory(clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        await walk_to(pilot, app.screen, "Give naloxone")
        await pilot.press("d")
        assert app.visit.hold_idle
        await pilot.press(*["backspace"] * 6)  # timer view -> step 5 -> ... -> step 1 -> out
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.pause()
        assert app.visit.hold_idle and app.visit.dose is not None
        assert len(app.visit.doses) == 1
        await pilot.press("g")  # a fresh guide, and the timer is still one key away
        assert isinstance(app.screen, GuidedScreen)
        await pilot.press("t")
        assert app.screen.showing_timer


async def test_injection_kit_timer_words(app_factory):
    clock = FakeClock()
    app = app_factory(region="UK", clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        guided = app.screen
        await walk_to(pilot, guided, "Give naloxone")
        await pilot.press("i")
        await walk_to(pilot, guided, "Inject")
        await pilot.press("d")
        assert text_of(guided, "#timer-wait").startswith("Not breathing normally? 30 pushes and 2 breaths, 3 more times")
        clock.advance(120)
        guided.update_timer()
        assert text_of(guided, "#timer-redose") == \
            "Still not breathing normally? Give the next dose now: to the next black line."
