"""The CPR coach on screen (issue 17), with an injected clock and a fake speech engine: offered only
after the call step, counts and prompts on the right beats, the 2-minute naloxone reminder with
the bell, pushes only, and silence on quick exit."""

from __future__ import annotations

from support import FakeClock, dose_in_the_guide, idle_tick, screen_text, wait_until

from kiosk.data.coach import BREATH_BEATS
from kiosk.data.config import Config
from kiosk.data.speech import FakeEngine
from kiosk.ui.screens.coach import MARK_OFF, MARK_ON, CoachScreen
from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.screens.welcome import WelcomeScreen

PERIOD = 60 / 110


async def to_coach(pilot, app):
    await pilot.press("e", "g")
    assert isinstance(app.screen, GuidedScreen)
    await pilot.press("c")  # step 1 (Check): before the call, no coach
    assert not isinstance(app.screen, CoachScreen)
    assert "CPR coach" not in screen_text(app)
    await pilot.press("enter")  # the call step itself: still no coach
    await pilot.press("c")
    assert not isinstance(app.screen, CoachScreen)
    await pilot.press("enter")  # past the call: offered, one key
    assert "c  CPR coach" in screen_text(app)
    await pilot.press("c")
    assert isinstance(app.screen, CoachScreen)
    await pilot.pause()
    await started(pilot, app)


async def started(pilot, app):
    """The opening words end (the fake says so), and the beat, which waited for them, starts."""
    if isinstance(app.voice.engine, FakeEngine):
        app.voice.engine.finish()
    await wait_until(pilot, lambda: app.screen.coach is not None)
    await pilot.pause()


async def beats(pilot, screen, clock, n):
    for _ in range(n):
        clock.advance(PERIOD)
        screen.tick()
    await pilot.pause()


async def test_coach_counts_to_30_then_2_breaths_and_the_marker_alternates(app_factory):
    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, region="US")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_coach(pilot, app)
        screen = app.screen
        text = screen_text(app)
        assert "5 to 6 cm" in text and "hard and fast" in text and "middle of the chest" in text
        assert screen.beat.number == 1 and screen.beat.count == 1 and "Push" in text
        marks = []
        for _ in range(4):
            marks.append(str(screen.query_one("#beat-mark").render()))
            await beats(pilot, screen, clock, 1)
        assert marks[0] != marks[1] and marks[0] == marks[2]  # on, off, on: one change a beat
        assert {marks[0], marks[1]} == {MARK_ON, MARK_OFF}
        await beats(pilot, screen, clock, 25)
        assert screen.beat.count == 30
        await beats(pilot, screen, clock, 1)
        assert screen.beat.breathing and "2 breaths" in screen_text(app)
        assert "pinch the nose" in screen_text(app)
        assert fake.said == []  # the voice is off: nothing said
        await beats(pilot, screen, clock, BREATH_BEATS)
        assert screen.beat.count == 1 and "2 breaths" not in screen_text(app)


async def test_voice_counts_the_beat_and_says_the_prompts(app_factory):
    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, config=Config(speech="emergency"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_coach(pilot, app)
        screen = app.screen
        assert "Heel of one hand" in fake.texts[-2] and fake.texts[-1] == "1"  # the hands first, then the beat
        await beats(pilot, screen, clock, 1)
        assert fake.texts[-1] == "2"
        await beats(pilot, screen, clock, 28)
        assert fake.texts[-1] == "30"
        await beats(pilot, screen, clock, 1)
        assert fake.texts[-1] == "2 breaths"  # only that: it fits the pause (issue 25)
        fake.finish()
        await pilot.press("h")  # pushes only: the count starts again, and "keep pushing" at 30
        assert "With breaths: 30 and 2" in screen_text(app)
        await beats(pilot, screen, clock, 30)
        assert screen.beat.count == 30 and fake.texts[-1] == "Keep pushing"
        assert "Keep pushing" in screen_text(app)


async def test_without_a_dose_every_2_minutes_a_reminder_to_give_naloxone(app_factory):
    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, config=Config(speech="emergency"))
    bells = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: bells.append(clock())
        await to_coach(pilot, app)
        screen = app.screen
        assert "Naloxone: give it as soon as you can" in screen_text(app)
        await beats(pilot, screen, clock, 219)  # beat 220 at 119.5 s: no reminder yet
        assert screen.reminders == 0
        await beats(pilot, screen, clock, 1)  # beat 221 at 120 s
        assert screen.reminders == 1 and bells
        assert fake.texts[-1].startswith("Naloxone: give it as soon as you can")


async def test_one_dose_clock_the_coach_rings_only_with_the_real_dose_timer(app_factory):
    """Issue 25: the coach kept its own 2-minute mark from when it opened; with the dose given 2 s
    later it rang at +118 s ("next dose in zero zero one"), then the real alarm rang at +120 s."""
    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, config=Config(speech="emergency"))
    bells = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: bells.append(clock())
        await to_coach(pilot, app)
        screen = app.screen
        await beats(pilot, screen, clock, 4)  # ~2 s of pushing, then the dose
        await pilot.press("d")
        dosed = clock()
        while clock() - dosed < 125:
            await beats(pilot, screen, clock, 1)
            app.dose_flow.tick()  # the dose clock's own once-a-second tick
        assert len(bells) == 1 and 120 <= bells[0] - dosed < 121  # one bell, the dose clock's
        assert screen.reminders == 0
        assert not [t for t in fake.texts if "next dose in" in t]
        assert any(t.startswith("Check their breathing.") for t in fake.texts)
        assert "Give the next dose now" in screen_text(app)  # coach.toml dose_now, with its breathing condition


async def test_i_gave_naloxone_in_the_coach_goes_through_the_dose_key_rule(app_factory):
    """Issue 16's rule in the coach too: a held `d` is one dose; a new press within 30 s asks
    "Another dose already?" (y records it, n or Back don't), and the beat never stops."""
    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, config=Config(speech="emergency"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_coach(pilot, app)
        screen = app.screen
        await pilot.press("d", "d", "d", "d")  # held: the terminal repeats it, no time passes
        assert len(app.visit.doses) == 1 and "Another dose already?" not in screen_text(app)
        clock.advance(5)
        await pilot.press("d")  # a new press 5 s later: asked first, nothing recorded
        text = screen_text(app)
        assert "Another dose already? The last was 0:05 ago." in text and "y  Yes, I gave another" in text
        assert "d  I gave naloxone" not in text  # only y or n answers now
        assert fake.texts[-1] == "Another dose already? The last was 5 seconds ago."  # said in words (issue 25)
        assert len(app.visit.doses) == 1
        await beats(pilot, screen, clock, 3)
        assert isinstance(app.screen, CoachScreen) and screen.timer is not None  # CPR goes on
        await pilot.press("n")
        assert len(app.visit.doses) == 1 and "Another dose already?" not in screen_text(app)
        clock.advance(1)
        await pilot.press("d")
        await pilot.press("backspace")  # Back answers no, and stays in the coach
        assert len(app.visit.doses) == 1 and isinstance(app.screen, CoachScreen)
        clock.advance(1)
        await pilot.press("d")
        await pilot.press("y")
        assert len(app.visit.doses) == 2 and "d  I gave naloxone" in screen_text(app)


async def test_a_dose_in_the_guide_then_d_in_the_coach_asks_first(app_factory):
    """One dose key for the whole visit: the guide's dose and the coach's `d` are the same press rule."""
    clock = FakeClock()
    app = app_factory(clock=clock, speech=FakeEngine(), region="US")
    async with app.run_test(size=(80, 24)) as pilot:
        await dose_in_the_guide(pilot, app)  # "I gave naloxone" in the guide: the timer view
        assert len(app.visit.doses) == 1
        await pilot.press("backspace", "c")  # back to the steps, then the coach
        assert isinstance(app.screen, CoachScreen)
        clock.advance(3)
        await pilot.press("d")
        assert "Another dose already?" in screen_text(app) and len(app.visit.doses) == 1


async def test_quick_exit_stops_the_beat_and_the_voice(app_factory):
    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, config=Config(mode="kiosk", speech="emergency"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await to_coach(pilot, app)
        screen = app.screen
        assert screen.timer is not None
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
        assert not fake.speaking and screen.timer is None
        said = len(fake.said)
        clock.advance(10)
        await pilot.pause(0.7)  # a real beat's time: nothing more is said or shown
        assert len(fake.said) == said


async def test_idle_reset_waits_while_the_coach_runs(app_factory):
    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, config=Config(mode="kiosk"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await to_coach(pilot, app)
        for _ in range(3):  # minutes of CPR without a key
            await idle_tick(pilot, app, clock)
        assert isinstance(app.screen, CoachScreen)
        await pilot.press("backspace")  # the coach left: idle reset works again
        await idle_tick(pilot, app, clock)
        await idle_tick(pilot, app, clock)
        assert isinstance(app.screen, WelcomeScreen)


async def test_the_coach_holds_the_idle_reset_only_20_minutes_without_a_key(app_factory):
    """Issue 16's bound on every hold: a coach left running can't keep a visit on a shared screen
    for hours. After 20 minutes without a key, the usual warning; one key and the coach goes on."""
    from kiosk.ui.screens.idle_warning import IdleWarning
    from kiosk.ui.shared_terminal.idle_reset import MAX_HOLD_SECONDS

    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, config=Config(mode="kiosk", idle_seconds=90, idle_warning_seconds=20))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await to_coach(pilot, app)
        coach = app.screen
        clock.advance(MAX_HOLD_SECONDS - 60)
        app.idle.fire()
        await pilot.pause()
        assert app.screen is coach  # 19 minutes of CPR without a key: held
        clock.advance(60)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        await pilot.press("space")  # someone is there: the coach goes on
        assert app.screen is coach and coach.timer is not None and app.visit.coaching


async def test_spanish_coach_in_spanish_with_the_spanish_voice(app_factory):
    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, config=Config(language="es", speech="emergency"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g", "enter", "enter", "c")
        assert isinstance(app.screen, CoachScreen)
        await pilot.pause()
        await started(pilot, app)
        text = screen_text(app)
        assert "Guía de RCP" in text and "5 a 6 cm" in text
        opening = next(said for said in fake.said if "talón" in said[0])
        assert opening[1] == "es" and "talón de una mano" in opening[0]


async def test_the_beat_waits_for_the_opening_words_or_starts_at_once_on_enter(app_factory):
    """Issue 25: the opening took 13.9 s (Spanish 15.8 s) over the first cycle's counts. Now the
    beat waits for it; one key (Enter) starts it at once; with the voice off it starts at once."""
    clock, fake = FakeClock(), FakeEngine()
    app = app_factory(clock=clock, speech=fake, config=Config(speech="emergency"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g", "enter", "enter", "c")
        screen = app.screen
        await pilot.pause(0.3)  # the waiting beat looks three times
        assert screen.coach is None and "Listen first, or press Enter" in screen_text(app)
        assert "Heel of one hand" in fake.texts[-1] and "Seal your mouth over theirs" in fake.texts[-1]
        fake.finish()  # the opening words end: the beat starts by itself, with the count
        await wait_until(pilot, lambda: screen.coach is not None)
        assert fake.texts[-1] == "1" and "Listen first" not in screen_text(app)
        await pilot.press("backspace", "c")  # again: this time the person starts it at once
        screen = app.screen
        await pilot.pause()
        assert screen.coach is None
        await pilot.press("enter")
        assert screen.coach is not None and fake.texts[-1] == "1"
    app = app_factory(clock=clock, speech=FakeEngine(), region="US")  # the voice off: nothing to wait for
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g", "enter", "enter", "c")
        await wait_until(pilot, lambda: app.screen.coach is not None)


async def test_spoken_times_and_units_are_words_in_each_language(app_factory):
    """Issue 25: "0:05" was read "zero zero five", "cm" letter by letter. The screen keeps 0:05 and
    cm; the voice says "5 seconds" and "centimeters", in Spanish "5 segundos" and "centímetros"."""
    for language, seconds, unit in (("en", "The last was 25 seconds ago.", "5 to 6 centimeters"),
                                    ("es", "La última fue hace 25 segundos.", "5 a 6 centímetros")):
        clock, fake = FakeClock(), FakeEngine()
        app = app_factory(clock=clock, speech=fake, config=Config(speech="emergency", language=language))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e", "g", "enter", "enter", "c")
            await started(pilot, app)
            opening = fake.texts[-2]
            assert unit in opening and " cm" not in opening, opening
            assert "5 a 6 cm" in screen_text(app) or "5 to 6 cm" in screen_text(app)
            await pilot.press("d")
            clock.advance(25)  # inside 30 s of the last dose: asked first, aloud
            await pilot.press("d")
            assert "0:25" in screen_text(app) and fake.texts[-1].endswith(seconds), fake.texts[-1]
