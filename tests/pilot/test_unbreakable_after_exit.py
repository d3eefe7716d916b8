"""Issue 22 item 9: after quick exit only keys pressed after it count, and `e` always reaches
Emergency. A key, Esc, `e` in one burst: the first key was already handed to the welcome screen
(it waits in the screen's queue) when Esc acts; it used to start a visit after the quick exit, and
that visit swallowed the `e` (the burst ended on Home)."""

from __future__ import annotations

import pytest
from support import settle

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.shared_terminal.kiosk_mode import WELCOME
from kiosk.ui.textual_private import simulated_key


def burst(app, *keys: str) -> None:
    """All queued before the first is handled, as a terminal delivers a fast burst."""
    for key in keys:
        app.post_message(simulated_key(key))


@pytest.mark.parametrize("first", ["a", "2", "space"])
@pytest.mark.parametrize("where", ["welcome", "visit"])
async def test_a_key_then_esc_then_e_reaches_emergency(app_factory, first, where):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        if where == "visit":
            await pilot.press("space")
            assert app.current_mode != WELCOME
        for _ in range(3):
            burst(app, first, "escape", "e")
            await settle(pilot)
            assert isinstance(app.screen, EmergencyScreen), type(app.screen).__name__
            assert len(app.screen_stack) == 2  # home under it: a fresh visit, nothing of the first key
            await pilot.press("escape")
            assert isinstance(app.screen, WelcomeScreen)


async def test_a_key_then_esc_leaves_the_welcome_screen_showing(app_factory):
    """The key before Esc does not start a visit behind the visitor's back."""
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "2", "escape")
        await settle(pilot)
        assert app.current_mode == WELCOME and isinstance(app.screen, WelcomeScreen)
        assert app.visits == 0
