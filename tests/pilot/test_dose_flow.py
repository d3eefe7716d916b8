"""The naloxone dose timer follows the bystander (issue 10): it shows in the top bar of every
screen, the next-dose prompt reaches whatever screen is open (with the bell), a countdown says
when the next dose is due, Home and Back never end it; only "They are breathing normally", a confirmed
stop or the end of the visit do. `d` works only where "I gave naloxone" is offered.

The clocks are injected; `app.dose_flow.tick()` is what the once-a-second interval does."""

from __future__ import annotations

import pytest
from support import DoseClock as FakeClock
from support import dose_in_the_guide, route, screen_text
from test_themes import THEMES, colours, contrast
from textual.widgets import Input

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.keys import KeysScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.search import SearchScreen


async def settle(pilot) -> None:
    """Let restyling and the redraw that follow a key or a tick finish (slow, loaded machines)."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def top_bar(app) -> str:
    return screen_text(app).splitlines()[0]


def prompt_shown(app) -> bool:
    return app.screen.query_one("#dose-prompt").display


def counting_bell(app) -> list:
    rings: list = []
    app.bell = lambda: rings.append(app.clock())
    return rings


async def give_first_dose(pilot, app) -> GuidedScreen:
    """Emergency -> Guide me -> the naloxone step -> d ("I gave naloxone"), and the timer shows."""
    guided = await dose_in_the_guide(pilot, app)
    await settle(pilot)
    assert guided.showing_timer
    return guided


async def tick(pilot, app, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    app.dose_flow.tick()
    await settle(pilot)


async def test_the_timer_survives_home_and_back_and_shows_in_every_top_bar(app_factory):
    clock = FakeClock()
    app = app_factory(region="UK", clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Naloxone" not in top_bar(app)  # nothing before a dose
        await give_first_dose(pilot, app)
        assert "Naloxone given 0:00 ago · next dose in 2:00" in top_bar(app)
        await pilot.press("home")  # Home never ends it
        assert isinstance(app.screen, HomeScreen)
        assert app.visit.dose is not None and app.visit.hold_idle
        await tick(pilot, app, clock, 30)
        assert "Naloxone given 0:30 ago · next dose in 1:30" in top_bar(app)
        for keys, screen_type in ((tuple(route(app.pack, "what-is")), PageScreen), (("backspace", "f"), FindHelpScreen),
                                  (("question_mark",), KeysScreen), (("e",), EmergencyScreen)):
            await pilot.press(*keys)
            assert isinstance(app.screen, screen_type)
            await tick(pilot, app, clock, 1)
            bar = top_bar(app)
            assert "Naloxone given 0:" in bar and "next dose in 1:" in bar, (screen_type, bar)
            assert "EMERGENCY" in bar and "Quick exit" in bar  # the two keys stay readable
        # Back all the way out of the guide, and into it again: still running, same dose time
        await pilot.press(*["backspace"] * 12)
        assert isinstance(app.screen, HomeScreen)
        assert app.visit.dose is not None and len(app.visit.doses) == 1
        assert not prompt_shown(app)


async def test_the_next_dose_prompt_reaches_another_screen_with_the_bell(app_factory):
    clock = FakeClock()
    app = app_factory(region="UK", clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        rings = counting_bell(app)
        await give_first_dose(pilot, app)
        await pilot.press("home", *route(app.pack, "what-is"))  # reading a page when the dose falls due
        assert isinstance(app.screen, PageScreen)
        await tick(pilot, app, clock, 119)
        assert not prompt_shown(app) and rings == []
        assert "next dose in 0:01" in top_bar(app)
        await tick(pilot, app, clock, 1)
        assert prompt_shown(app)
        assert rings == [clock.t]  # the terminal bell, once
        text = screen_text(app)
        assert "2:00 since the last dose. Still not breathing normally? Give another dose now." in text
        assert "d  I gave another dose" in text
        assert "next dose NOW" in top_bar(app)
        await tick(pilot, app, clock, 5)
        assert len(rings) == 1  # one bell per dose, not one a second
        await pilot.press("f")  # moving on: the prompt comes along
        assert isinstance(app.screen, FindHelpScreen)
        assert prompt_shown(app)
        await pilot.press("d")  # offered here, so it works here; the bystander stays where they are
        await settle(pilot)
        assert isinstance(app.screen, FindHelpScreen)
        assert len(app.visit.doses) == 2
        assert not prompt_shown(app)
        assert "Naloxone given 0:00 ago · next dose in 2:00" in top_bar(app)
        await tick(pilot, app, clock, 120)  # the next one is prompted again, with the bell
        assert prompt_shown(app) and len(rings) == 2


async def test_the_prompt_reaches_a_guide_step_and_the_timer_view_counts_down(app_factory):
    clock = FakeClock()
    app = app_factory(region="UK", clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        guided = await give_first_dose(pilot, app)
        assert "Next dose in 2:00" in screen_text(app)
        await tick(pilot, app, clock, 45)
        assert "Next dose in 1:15" in screen_text(app)
        assert not prompt_shown(app)  # the timer view says it itself
        await pilot.press("backspace", "enter")  # back on the steps (the one after naloxone)
        assert not guided.showing_timer
        await tick(pilot, app, clock, 80)
        assert prompt_shown(app)  # on a step too, not only on the timer view
        assert "Still not breathing normally? Give another dose now." in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert guided.showing_timer and not prompt_shown(app)
        assert "Next dose: now" in screen_text(app)


async def test_d_works_only_where_it_is_offered(app_factory):
    clock = FakeClock()
    app = app_factory(region="UK", clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")  # home, no timer: nothing
        assert app.visit.doses == [] and isinstance(app.screen, HomeScreen)
        await pilot.press("e", "g", "d")  # the Check step offers no dose
        assert app.visit.doses == [] and not app.screen.showing_timer
        await pilot.press("home")
        await give_first_dose(pilot, app)
        await pilot.press("home", "d")  # running, but not due: no prompt, so no `d`
        assert len(app.visit.doses) == 1
        await pilot.press("slash", "d")  # in the search field it is a letter
        assert isinstance(app.focused, Input) and app.focused.value == "d"
        await tick(pilot, app, clock, 120)
        assert isinstance(app.screen, SearchScreen) and prompt_shown(app)
        await pilot.press("d")  # still a letter while typing; Ctrl+E reaches Emergency
        assert app.focused.value == "dd" and len(app.visit.doses) == 1
        await settle(pilot)
        text = screen_text(app)
        assert "Tab, then d  I gave another dose" in text  # the prompt names the way that works here
        await pilot.press("tab")  # out of the field: d is "I gave another dose" again
        await settle(pilot)
        assert not isinstance(app.focused, Input)
        assert "Tab, then d" not in screen_text(app) and "d  I gave another dose" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        assert len(app.visit.doses) == 2 and not prompt_shown(app)
        assert isinstance(app.screen, SearchScreen) and app.screen.query_one(Input).value == "dd"


async def test_only_waking_a_confirmed_stop_or_the_end_of_the_visit_end_it(app_factory):
    clock = FakeClock()
    app = app_factory(region="UK", clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        guided = await give_first_dose(pilot, app)
        await pilot.press("x")  # stop needs a second key
        await settle(pilot)
        assert guided.query_one("#timer-confirm").display
        assert "Stop the naloxone timer?" in screen_text(app)
        await pilot.press("n")
        assert app.visit.dose is not None and guided.showing_timer
        await pilot.press("x", "backspace")  # Back is "no" too
        assert app.visit.dose is not None
        await pilot.press("x", "y")
        await settle(pilot)
        assert app.visit.dose is None and not app.visit.hold_idle
        assert "Naloxone given" not in top_bar(app)
        assert len(app.visit.doses) == 1  # the times for the crew stay

        await pilot.press("home")
        guided = await give_first_dose(pilot, app)
        await pilot.press("w")  # they are waking up
        assert app.visit.dose is None and not app.visit.hold_idle
        assert str(guided.query_one("#step-title").render()) == "When they wake"
        assert "23:58, 23:58" in str(guided.query_one("#step-doses").render())
        await tick(pilot, app, clock, 300)
        assert not prompt_shown(app) and "Naloxone given" not in top_bar(app)
        await pilot.press("d")  # they pass out again: "another dose at once" is offered here
        assert app.visit.dose is not None and guided.showing_timer


async def test_quick_exit_ends_the_timer_in_kiosk_mode(app_factory):
    clock = FakeClock()
    app = app_factory(region="UK", mode="kiosk", clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")  # the welcome screen: any key starts a visit
        await pilot.pause()
        await give_first_dose(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.visit.dose is None and app.visit.doses == [] and not app.visit.hold_idle
        await pilot.press("space")
        await pilot.pause()
        await tick(pilot, app, clock, 200)
        assert "Naloxone" not in top_bar(app)
        assert not prompt_shown(app)


@pytest.mark.parametrize("name", THEMES)
async def test_dose_clock_and_prompt_are_readable_in_every_theme(app_factory, name):
    clock = FakeClock()
    app = app_factory(region="UK", theme=name, clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        await give_first_dose(pilot, app)
        await pilot.press("home")
        await tick(pilot, app, clock, 130)
        for selector in ("#dose-clock", "#dose-prompt"):
            fg, bg, style = colours(app.screen.query_one(selector))
            if style.reverse:
                fg, bg = bg, fg
            assert style.bold
            assert contrast(fg, bg) >= 4.5, (selector, fg, bg)
            if name == "monochrome":
                assert {fg.hex, bg.hex} <= {"#000000", "#FFFFFF"}
