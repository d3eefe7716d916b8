"""Pilot tests: a walk-up user's routes through the app at 80x24."""

from __future__ import annotations

from kiosk.screens.emergency import EmergencyScreen
from kiosk.screens.home import HomeScreen
from kiosk.screens.page import PageScreen
from kiosk.screens.topic import TopicScreen


async def test_digit_opens_topic_then_page_and_backspace_returns(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("2")
        assert isinstance(app.screen, TopicScreen)
        assert app.screen.topic.id == "symptoms"
        await pilot.press("1")
        assert isinstance(app.screen, PageScreen)
        assert app.screen.page.id == "symptoms-core"
        await pilot.press("backspace")
        assert isinstance(app.screen, TopicScreen)
        await pilot.press("backspace")
        assert isinstance(app.screen, HomeScreen)


async def test_e_opens_emergency_from_a_page(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "e")
        assert isinstance(app.screen, EmergencyScreen)
