"""Issue 16 item 9: a running dose timer holds the idle reset only while someone is there."""

from __future__ import annotations

from support import FakeClock

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.idle_warning import IdleWarning
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.shared_terminal.idle_reset import MAX_HOLD_SECONDS


async def fire(app, pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    app.idle.fire()
    await pilot.pause()


async def test_the_hold_ends_after_twenty_minutes_without_a_key(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock, idle_seconds=90, idle_warning_seconds=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        app.visit.hold_idle = True  # as "I gave naloxone" sets it
        await fire(app, pilot, clock, MAX_HOLD_SECONDS - 60)
        assert isinstance(app.screen, EmergencyScreen)  # 19 minutes: still held
        await fire(app, pilot, clock, 60)
        assert isinstance(app.screen, IdleWarning)  # 20 minutes with no key: the usual warning
        await fire(app, pilot, clock, 20)
        assert isinstance(app.screen, WelcomeScreen) and len(app.screen_stack) == 1


async def test_a_key_renews_the_hold(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock, idle_seconds=90, idle_warning_seconds=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        app.visit.hold_idle = True
        await fire(app, pilot, clock, MAX_HOLD_SECONDS - 60)
        await pilot.press("down")  # someone is there
        await fire(app, pilot, clock, MAX_HOLD_SECONDS - 60)
        assert isinstance(app.screen, EmergencyScreen)
        await fire(app, pilot, clock, 120)
        assert isinstance(app.screen, IdleWarning)


async def test_when_the_hold_ends_idle_counts_from_the_last_key(app_factory):
    """One dose early in a visit must not switch idle reset off: once the timer stops, the time
    since the last key counts, not the time since the timer stopped."""
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock, idle_seconds=90, idle_warning_seconds=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        app.visit.hold_idle = True
        await fire(app, pilot, clock, 300)
        assert isinstance(app.screen, EmergencyScreen)
        app.visit.hold_idle = False
        await fire(app, pilot, clock, 1)
        assert isinstance(app.screen, IdleWarning)
