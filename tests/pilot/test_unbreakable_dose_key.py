"""Issue 16 item 10: the dose key records one dose per press; a second within 30 s asks first."""

from __future__ import annotations

from test_dose_flow import FakeClock, give_first_dose, screen_text, settle
from test_emergency_guided import walk_to

from kiosk.data.dose_key import CONFIRM, CONFIRM_WITHIN, GIVE, IGNORE, REPEAT_GAP, DoseKey


def test_holding_the_key_is_one_dose():
    key = DoseKey()
    assert key.press(0.0, None) == GIVE
    # Held for 0.7 s: the terminal repeats it every 33 ms after a 0.25 s delay (20 events).
    repeats = [key.press(0.25 + i * 0.033, 0.0) for i in range(14)]
    assert set(repeats) == {IGNORE}


def test_a_new_press_soon_after_a_dose_asks_first_and_later_does_not():
    key = DoseKey()
    assert key.press(0.0, None) == GIVE
    assert key.press(REPEAT_GAP + 0.5, 0.0) == CONFIRM
    assert key.press(CONFIRM_WITHIN + 5, 0.0) == GIVE


# ---- In the app: the guide's `d` (Pilot, fake clock) -------------------------------------------

def uk_app(app_factory):
    """The app on a fake clock (the dose timer's and the wall clock), in the UK (999, Prenoxad)."""
    clock = FakeClock()
    return app_factory(region="UK", clock=clock, wall_clock=clock.now), clock


async def press_and_settle(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def asked(app) -> bool:
    """The "another dose already?" question is on screen."""
    return "Another dose already?" in screen_text(app)


async def hold_d(pilot, clock, seconds: float) -> None:
    """`d` held down: the first press, then the terminal's repeats (after 0.25 s, every 33 ms)."""
    await pilot.press("d")
    clock.advance(0.25)
    while seconds > 0.25:
        await pilot.press("d")
        clock.advance(0.033)
        seconds -= 0.033


async def test_holding_d_in_the_guide_records_one_dose(app_factory):
    app, clock = uk_app(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        guided = app.screen
        await walk_to(pilot, guided, "Give naloxone")
        await hold_d(pilot, clock, 0.7)  # about 20 key events
        await settle(pilot)
        assert len(app.visit.doses) == 1
        assert guided.showing_timer and not guided.query_one("#dose-confirm").display
        assert not asked(app)
        clock.advance(125)  # due: held again, still one more dose, not twenty
        app.dose_flow.tick()
        await hold_d(pilot, clock, 0.7)
        await settle(pilot)
        assert len(app.visit.doses) == 2
        assert not asked(app)


async def test_a_second_dose_within_30_seconds_asks_first(app_factory):
    app, clock = uk_app(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        guided = await give_first_dose(pilot, app)
        clock.advance(10)
        app.dose_flow.tick()
        await press_and_settle(pilot, "d")  # a new press 10 s later: probably a slip
        assert len(app.visit.doses) == 1
        text = screen_text(app)
        assert "Another dose already? The last was 0:10 ago." in text
        assert "y  Yes, I gave another" in text and "n  No" in text
        assert not guided.query_one("#timer-buttons").display
        await pilot.press("d", "w", "x")  # only y or n answers; nothing else is recorded or ended
        assert len(app.visit.doses) == 1 and app.visit.dose is not None
        await press_and_settle(pilot, "n")
        assert len(app.visit.doses) == 1
        assert not asked(app)
        assert guided.query_one("#timer-buttons").display
        assert "Next dose in 1:50" in screen_text(app)  # the countdown was not restarted

        clock.advance(5)
        await press_and_settle(pilot, "d")
        assert "Another dose already? The last was 0:15 ago." in screen_text(app)
        await pilot.press("backspace")  # Back is "no" too
        assert len(app.visit.doses) == 1 and guided.showing_timer

        clock.advance(5)
        await press_and_settle(pilot, "d")
        await press_and_settle(pilot, "y")  # yes: recorded, and the countdown starts again
        assert len(app.visit.doses) == 2
        assert not asked(app)
        assert "Next dose in 2:00" in screen_text(app)

        clock.advance(CONFIRM_WITHIN + 1)  # more than 30 s after the last: no question
        app.dose_flow.tick()
        await press_and_settle(pilot, "d")
        assert len(app.visit.doses) == 3
        assert not asked(app)


async def test_the_question_is_asked_from_the_steps_too_and_fits_40_columns(app_factory):
    app, clock = uk_app(app_factory)
    async with app.run_test(size=(40, 20)) as pilot:
        guided = await give_first_dose(pilot, app)
        await pilot.press("backspace")  # the steps: "Give naloxone" offers `d` again
        assert not guided.showing_timer
        clock.advance(3)
        await press_and_settle(pilot, "d")
        assert guided.showing_timer and len(app.visit.doses) == 1
        text = screen_text(app)
        assert "Another dose already?" in " ".join(text.split())
        for label in ("Yes, I gave another", "No"):
            button = next(b for b in guided.query("#dose-confirm Button") if label in str(b.label))
            assert button.region.right <= 40 and button.region.bottom <= 19, label
        await pilot.click("#dose-yes")  # a click answers too
        await settle(pilot)
        assert len(app.visit.doses) == 2


async def test_stopping_or_waking_starts_afresh(app_factory):
    """After a confirmed stop or "They are breathing normally", `d` is a new first dose: no question."""
    app, clock = uk_app(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        guided = await give_first_dose(pilot, app)
        await pilot.press("w")  # waking; the guide says: pass out again, another dose at once
        clock.advance(2)
        await press_and_settle(pilot, "d")
        assert len(app.visit.doses) == 2 and app.visit.dose is not None and guided.showing_timer
        assert not asked(app)


async def test_a_tick_while_a_screen_is_half_built_ends_nothing(app_factory):
    """The once-a-second tick can fall between a screen's mount and its widgets' (seen under load:
    NoMatches for the top bar ended the app). It draws what exists and tries again next second."""
    from kiosk.ui.widgets.chrome import KioskBar

    app, clock = uk_app(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        guided = await give_first_dose(pilot, app)
        await guided.query_one(KioskBar).remove()  # as if not mounted yet
        clock.advance(130)
        app.dose_flow.tick()  # due: the prompt and the bell, with no bar to draw the clock in
        await settle(pilot)
        assert app.is_running and app.screen is guided
        assert app.dose_flow.bells == 1
