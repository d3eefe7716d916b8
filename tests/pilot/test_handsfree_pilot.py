"""Hands-free emergency (issue 17): the alarm that can be heard, practice mode, the call script.
Injected clocks and a fake speech engine: nobody waits, nothing sounds."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import pytest
from support import DoseClock, dose_in_the_guide, screen_text

from kiosk.data.config import Config
from kiosk.data.speech import EspeakEngine, FakeEngine
from kiosk.ui.screens.coach import CoachScreen
from kiosk.ui.screens.home import HomeScreen


async def tick(pilot, app, clock, seconds):
    clock.advance(seconds)
    app.dose_flow.tick()
    await pilot.pause()


async def test_next_dose_alarm_bell_and_voice_then_louder_after_30s_unanswered(app_factory):
    clock, fake = DoseClock(), FakeEngine()
    app = app_factory(clock=clock, wall_clock=clock.now, speech=fake,
                      config=Config(region="US", speech="emergency"))
    rings = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: rings.append(clock())
        await dose_in_the_guide(pilot, app)
        await pilot.press("home")  # the alarm follows the bystander to any screen
        assert isinstance(app.screen, HomeScreen)
        said = len(fake.said)
        await tick(pilot, app, clock, 119)
        assert rings == [] and len(fake.said) == said
        await tick(pilot, app, clock, 1)
        assert len(rings) == 1
        text, _, loud = fake.said[-1]
        assert text.startswith("Check their breathing.") and "another dose" in text and not loud
        await tick(pilot, app, clock, 29)
        assert len(rings) == 1  # not yet
        await tick(pilot, app, clock, 1)
        assert len(rings) == 2 and fake.said[-1][2] == 1  # again, louder
        await tick(pilot, app, clock, 30)
        assert len(rings) == 3 and fake.said[-1][2] >= 1
        await pilot.press("d")  # answered: quiet until the next dose is due
        await tick(pilot, app, clock, 60)
        assert len(rings) == 3


async def test_alarm_rings_the_bell_but_says_nothing_with_the_voice_off(app_factory):
    clock, fake = DoseClock(), FakeEngine()
    app = app_factory(clock=clock, wall_clock=clock.now, speech=fake, region="US")
    rings = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: rings.append(clock())
        await dose_in_the_guide(pilot, app)
        await tick(pilot, app, clock, 120)
        await tick(pilot, app, clock, 30)
        assert len(rings) == 2 and fake.said == []


async def test_practice_is_labelled_everywhere_speaks_and_records_no_dose_time(app_factory):
    clock, fake = DoseClock(), FakeEngine()
    app = app_factory(clock=clock, wall_clock=clock.now, speech=fake, region="US")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert "PRACTICE" not in screen_text(app)
        await pilot.press("p")
        assert "PRACTICE" in screen_text(app)
        assert fake.said  # practice comes with the voice
        await dose_in_the_guide(pilot, app)
        assert "PRACTICE" in screen_text(app)
        assert app.visit.dose is not None  # the timer runs, to learn it
        assert app.visit.doses == []  # but no dose time is kept
        await pilot.press("backspace", "c")
        assert isinstance(app.screen, CoachScreen)
        assert "PRACTICE" in screen_text(app) and "cushion" in screen_text(app)
        for keys in (("home",), ("2",), ("f",), ("question_mark",)):
            await pilot.press(*keys)
            assert "PRACTICE" in screen_text(app), keys
        await pilot.press("e", "p")  # p again ends practice: the practice timer ends with it
        assert "PRACTICE" not in screen_text(app) and app.visit.dose is None


async def test_call_step_shows_what_to_say_and_the_address_large_and_speaks_it(app_factory):
    fake = FakeEngine()
    app = app_factory(speech=fake, config=Config(region="US", address="12 High Street, side door",
                                                 speech="emergency"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g", "enter")
        text = screen_text(app)
        assert "The address here:" in text and "12 High Street, side door" in text
        assert "What to say on the call" in text and "isn't breathing properly" in text
        spoken = fake.texts[-1]
        assert spoken == ("Call 911 now. Put the phone on speaker. The address here: 12 High Street, side door. "
                          "Unlock the door. Press Enter for the next step.")  # short: they are on the phone
        await pilot.press("enter")  # the next step: no script, no address
        assert "What to say on the call" not in screen_text(app) and "High Street" not in screen_text(app)


async def test_call_step_without_address_shows_no_address_block(app_factory):
    app = app_factory(speech=FakeEngine(), region="US")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g", "enter")
        assert "What to say on the call" in screen_text(app)
        assert "The address here:" not in screen_text(app)


def test_cli_practice_flag_is_offered():
    out = subprocess.run([sys.executable, "-m", "kiosk", "--help"], capture_output=True, text=True, timeout=60)
    assert "--practice" in out.stdout


async def test_kiosk_practice_flag_labels_every_screen_from_the_start(app_factory):
    app = app_factory(speech=FakeEngine())
    app.practice_always = True  # what `kiosk --practice` sets
    async with app.run_test(size=(80, 24)) as pilot:
        assert "PRACTICE" in screen_text(app)
        await pilot.press("e", "p")  # p cannot end a practice-only kiosk
        assert "PRACTICE" in screen_text(app)


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
@pytest.mark.parametrize("mode", ["personal", "kiosk"])
async def test_real_speech_through_the_whole_guide_and_coach_writes_nothing(app_factory, monkeypatch,
                                                                            tmp_path, mode):
    home = tmp_path / "home"
    home.mkdir()
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(name, str(home))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(home))
    monkeypatch.chdir(home)
    home.chmod(stat.S_IRUSR | stat.S_IXUSR)
    engine = EspeakEngine(shutil.which("espeak-ng"), player=["cat"])  # audio into a pipe to /dev/null
    try:
        app = app_factory(speech=engine, config=Config(mode=mode, region="US", speech="emergency",
                                                       address="12 High Street"))
        async with app.run_test(size=(80, 24)) as pilot:
            if mode == "kiosk":
                await pilot.press("space")
            await pilot.press("e", "g", "enter", "enter", "r", "c")
            assert isinstance(app.screen, CoachScreen)
            await pilot.pause(1.5)  # a few real beats, counted aloud
            pids = [c.pid for c in engine.children]
            await pilot.press("escape")
            assert not engine.speaking
            for pid in pids:
                with pytest.raises(ProcessLookupError):
                    os.kill(pid, 0)
        assert os.listdir(home) == []
    finally:
        home.chmod(stat.S_IRWXU)


async def test_ending_practice_with_p_silences_the_voice_at_once(app_factory):
    """Issue 25: `p` ended practice and the screen said "Voice: off" while the 35 s text went on."""
    fake = FakeEngine()
    app = app_factory(speech=fake, region="US")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "p")
        assert fake.speaking  # practice comes with the voice
        await pilot.press("p")
        assert "v  Voice: off" in screen_text(app)
        assert not fake.speaking


async def test_each_unanswered_alarm_is_more_noticeable_up_to_the_most(app_factory):
    """Issue 25: the alarm got louder once and then stayed the same. Now each repeat (every 30 s)
    goes up a level: louder, then a chime before the words, then a higher chime, voice and other
    words (how long since the last dose); the top level then stays."""
    clock, fake = DoseClock(), FakeEngine()
    app = app_factory(clock=clock, wall_clock=clock.now, speech=fake, config=Config(region="US", speech="emergency"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: None
        await dose_in_the_guide(pilot, app)
        levels, texts = [], []
        await tick(pilot, app, clock, 120)
        for _ in range(5):
            levels.append(fake.said[-1][2])
            texts.append(fake.texts[-1])
            fake.finish()
            await tick(pilot, app, clock, 30)
        assert levels == [0, 1, 2, 3, 3]
        assert texts[0] == texts[1] == texts[2] and texts[0].startswith("Check their breathing.")
        assert texts[3].startswith("3 minutes 30 seconds since the last dose.") and "Check their breathing" in texts[3]
        assert texts[4].startswith("4 minutes since the last dose.")
        await pilot.press("d")  # answered: the next alarm starts quiet again
        await tick(pilot, app, clock, 120)
        assert fake.said[-1][2] == 0
