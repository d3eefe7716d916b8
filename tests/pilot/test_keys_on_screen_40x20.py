"""Issue 26 (point 3): at 40x20, the smallest supported size, every key that acts on an emergency
screen is on it (without scrolling), and so is the number to call; PgDn never scrolls the beat away."""

from __future__ import annotations

import pytest
from support import screen_text

from kiosk.data.speech import SilentEngine
from kiosk.ui.screens.coach import CoachScreen
from kiosk.ui.screens.guided import GuidedScreen

SIZE = (40, 20)


async def to_step(pilot, app, step_id: str) -> GuidedScreen:
    await pilot.press("e", "g")
    guided = app.screen
    assert isinstance(guided, GuidedScreen)
    for _ in range(12):
        if guided.guide.steps[guided.place[1]].id == step_id:
            return guided
        await pilot.press("enter")
    raise AssertionError(f"no step {step_id!r}")


def flat(app) -> str:
    return " ".join(screen_text(app).split())


async def test_coach_keys_are_on_screen_and_pgdn_keeps_the_beat(app_factory):
    app = app_factory(speech=SilentEngine())
    async with app.run_test(size=SIZE) as pilot:
        await to_step(pilot, app, "cpr")
        await pilot.press("c")
        assert isinstance(app.screen, CoachScreen)
        await pilot.pause()
        shown = flat(app)
        assert "h Pushes only" in shown and "d I gave naloxone" in shown, screen_text(app)
        beat = app.screen.query_one("#beat-row")
        top = beat.region.y
        for key in ("pagedown", "pagedown", "end"):
            await pilot.press(key)
            await pilot.pause()
            assert beat.region.y == top and beat.region.height == 3  # still on screen, where it was
        assert "h Pushes only" in flat(app)


async def test_naloxone_step_choices_are_on_screen(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await to_step(pilot, app, "naloxone")
        await pilot.pause()
        shown = flat(app)
        for label in ("s Nasal spray", "i Injection", "d I gave naloxone"):
            assert label in shown, screen_text(app)


@pytest.mark.parametrize("language,words", [("en", "USA 911"), ("es", "UU. 911")])
async def test_call_step_with_no_region_shows_the_numbers(app_factory, language, words):
    app = app_factory(language=language)
    async with app.run_test(size=SIZE) as pilot:
        await to_step(pilot, app, "call")
        await pilot.pause()
        assert words in flat(app) and "999" in flat(app), screen_text(app)


async def test_the_number_to_call_is_on_every_step(app_factory):
    app = app_factory(region="UK")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        digits = app.screen.query_one("#call-digits")  # large, in box-drawing digits
        assert digits.value == "999" and 0 < digits.region.y and digits.region.bottom < SIZE[1] - 1
        await pilot.press("g")
        guided = app.screen
        for _ in range(len(guided.guide.steps)):
            await pilot.pause()
            assert "999" in flat(app), screen_text(app)
            await pilot.press("enter")


async def test_the_number_to_call_is_on_the_coach(app_factory):
    app = app_factory(region="UK", speech=SilentEngine())
    async with app.run_test(size=SIZE) as pilot:
        await to_step(pilot, app, "cpr")
        await pilot.press("c")
        assert isinstance(app.screen, CoachScreen)
        await pilot.pause()
        assert "Call 999" in flat(app), screen_text(app)
