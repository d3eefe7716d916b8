"""Idle reset in kiosk mode, with an injected clock: nobody waits for real (issue 4)."""

from __future__ import annotations

from support import FakeClock, route, terminal_text, topic_words_in

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.idle_warning import IdleWarning
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.welcome import WelcomeScreen


async def open_page(pilot):
    await pilot.press("space", *route(pilot.app.pack, "symptoms-core"))
    assert isinstance(pilot.app.screen, PageScreen)


async def test_warning_after_idle_seconds_then_reset_like_quick_exit(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock, idle_seconds=90, idle_warning_seconds=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        old_mode, old_visit = app.current_mode, app.visit
        clock.advance(89)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)  # not yet
        clock.advance(1)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        text = terminal_text(app)
        assert "Still there?" in text and "Press any key" in text
        assert "Starting again in 20 seconds." in text
        clock.advance(7.5)
        app.idle.fire()
        await pilot.pause()
        assert "Starting again in 13 seconds." in terminal_text(app)
        clock.advance(12.5)
        app.idle.fire()
        await pilot.pause()
        # Exactly what quick exit does: neutral screen, the visit's mode gone, a fresh Visit.
        assert isinstance(app.screen, WelcomeScreen) and app.screen_stack == [app.screen]
        assert old_mode not in app._screen_stacks
        assert app.visit is not old_visit
        assert topic_words_in(terminal_text(app)) == []
        assert not app.idle.active and app.idle._timer is None


async def test_any_key_during_the_warning_continues_the_visit_and_is_not_acted_on(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        stack = app.screen_stack
        clock.advance(90)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        await pilot.press("f")  # would open Find help; here it only says "I'm still here"
        assert app.screen_stack == stack and not app.idle.warning_shown
        clock.advance(19)
        app.idle.fire()
        await pilot.pause()
        assert app.screen_stack == stack  # the countdown restarted from the key press
        clock.advance(71)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)  # a full idle period later, warned again


async def test_mouse_movement_during_the_warning_continues_the_visit(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        clock.advance(90)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        # As the driver sends it (Pilot's hover bypasses App.on_event, where activity is seen).
        from textual import events
        from textual.pilot import _get_mouse_message_arguments

        app.post_message(events.MouseMove(**_get_mouse_message_arguments(app.screen, (10, 10))))
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)


async def test_esc_and_e_keep_their_meaning_during_the_warning(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        clock.advance(90)
        app.idle.fire()
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        assert not any(isinstance(s, IdleWarning) for s in app.screen_stack)
        clock.advance(90)
        app.idle.fire()
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)


async def test_activity_moves_the_deadline_without_new_timers(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        first = app.idle._timer
        clock.advance(60)
        await pilot.press("pagedown")  # input only records the time
        assert app.idle._timer is first
        clock.advance(30)
        app.idle.fire()  # 90 s after the start but only 30 s after the key
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        assert app.idle._timer is not None and app.idle._timer is not first  # one timer, rescheduled
        clock.advance(60)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)


async def test_hold_idle_keeps_the_visit_while_a_dose_timer_runs(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        app.visit.hold_idle = True
        for _ in range(3):  # 18 minutes without a key: still held (the hold is bounded: test_unbreakable_idle)
            clock.advance(360)
            app.idle.fire()
            await pilot.pause()
            assert isinstance(app.screen, EmergencyScreen)
        app.visit.hold_idle = False  # the timer stopped: idle counts from the last key, long ago
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)


async def test_hold_idle_set_during_the_warning_ends_the_warning(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        clock.advance(90)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        app.visit.hold_idle = True
        clock.advance(30)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)


async def test_no_idle_timer_on_the_welcome_screen_or_in_personal_mode(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.idle.active and app.idle._timer is None
        clock.advance(10_000)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
    personal = app_factory(clock=clock)
    async with personal.run_test(size=(80, 24)) as pilot:
        assert not hasattr(personal, "idle")
        clock.advance(10_000)
        await pilot.pause()
        assert isinstance(personal.screen, HomeScreen)


async def test_configured_idle_times_are_used(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock, idle_seconds=30, idle_warning_seconds=45)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(30)
        app.idle.fire()
        await pilot.pause()
        assert "Starting again in 45 seconds." in terminal_text(app)


async def test_the_real_timer_is_armed_for_the_idle_time(app_factory):
    app = app_factory(mode="kiosk", idle_seconds=120)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        timer = app.idle._timer
        assert timer is not None and timer._interval == 120 and timer._repeat == 0  # one shot


async def test_the_guided_dose_timer_holds_the_idle_reset(app_factory):
    from kiosk.ui.screens.guided import GuidedScreen

    clock = FakeClock()
    app = app_factory(mode="kiosk", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        # the guide, on to its naloxone step (after call, breathing, CPR), "I gave naloxone": the timer runs
        await pilot.press("e", "enter", "enter", "enter", "enter", "enter", "d")
        assert isinstance(app.screen, GuidedScreen) and app.visit.hold_idle
        for _ in range(3):
            clock.advance(300)
            app.idle.fire()
            await pilot.pause()
            assert isinstance(app.screen, GuidedScreen)
        await pilot.press("home")  # leaving the guide does not end the timer, nor the hold (issue 10)
        assert app.visit.hold_idle
        clock.advance(300)
        app.idle.fire()
        await pilot.pause()
        assert not isinstance(app.screen, IdleWarning)
        await pilot.press("e", "g", "t", "x", "y")  # a confirmed stop ends it
        assert not app.visit.hold_idle and app.visit.dose is None
        clock.advance(90)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
