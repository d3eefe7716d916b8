"""The spoken emergency guide in the app (issue 17), with a fake speech engine: which text is
spoken, when, and that it is cut off on leaving, quick exit and idle reset."""

from __future__ import annotations

import os
import re
import shutil
import time

import pytest
from support import FakeClock, idle_tick, route, screen_text

from kiosk.data.config import Config
from kiosk.data.speech import EspeakEngine, FakeEngine
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.welcome import WelcomeScreen


async def test_voice_off_by_default_v_turns_it_on_and_each_step_is_spoken(app_factory):
    fake = FakeEngine()
    app = app_factory(speech=fake, region="US")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        assert fake.said == []  # on request (the default): silent until asked
        assert "v  Voice: off" in screen_text(app)
        await pilot.press("v")
        first = fake.texts[-1]  # written for the ear (issue 25 point 7): the call, the signs, stay
        assert first.startswith("Call 911 now.") and "Signs of an overdose" in first
        assert "Don't leave them alone." in first and first.endswith("Press Enter, and I will guide you step by step.")
        assert "v  Voice: on" in screen_text(app)
        await pilot.press("g")
        assert isinstance(app.screen, GuidedScreen)
        assert fake.texts[-1].startswith("Watch out for needles.") and fake.texts[-1].endswith("Press Enter for the next step.")
        await pilot.press("enter")
        assert fake.texts[-1] == "Call 911 now. Put the phone on speaker. Unlock the door. Press Enter for the next step."
        count = len(fake.said)
        await pilot.press("r")
        assert len(fake.said) == count + 1 and fake.texts[-1].startswith("Call 911 now.")
        assert all(language == "en" for _, language, _ in fake.said)
        await pilot.press("v")  # off: cut off at once, nothing more spoken
        stops = fake.stops
        assert stops >= 1 and not fake.speaking
        await pilot.press("enter")
        assert len(fake.said) == count + 1


async def test_emergency_config_speaks_by_itself_and_topic_pages_never(app_factory):
    fake = FakeEngine()
    app = app_factory(speech=fake, config=Config(speech="emergency"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "symptoms-core"))
        assert isinstance(app.screen, PageScreen)
        await pilot.press("v", "r")
        assert fake.said == []  # a topic page is never spoken, and v / r do nothing there
        await pilot.press("e")
        assert len(fake.said) == 1 and "Don't leave them alone" in fake.texts[0]
        await pilot.press("home")  # leaving the emergency screens cuts the voice off
        assert not fake.speaking


async def test_speech_off_in_config_never_speaks_and_offers_no_voice_key(app_factory):
    fake = FakeEngine()
    app = app_factory(speech=fake, config=Config(speech="off"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "v", "g", "r")
        assert fake.said == []
        assert "Voice" not in screen_text(app)


async def test_no_sound_says_so_in_one_line_and_everything_else_works(app_factory):
    fake = FakeEngine(works=False)
    app = app_factory(speech=fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert "v  Voice: no sound" in screen_text(app)
        await pilot.press("v", "g", "enter")
        assert fake.said == []
        assert isinstance(app.screen, GuidedScreen) and "v  Voice: no sound" in screen_text(app)


@pytest.mark.parametrize("works,on", [(False, False), (True, False), (True, True)])
async def test_voice_line_shares_the_row_of_ways_on_even_beside_a_scrollbar(app_factory, works, on):
    """At 80 columns the two ways on and the voice line are one row, whatever the line says, even
    when the first screen scrolls (a long naloxone_where here): a row that stacked only because a
    scrollbar took 2 columns would push the voice line out of sight, and stay stacked."""
    where = "Any pharmacy here, ask at the counter; the needle exchange on Mill Lane; " * 3
    app = app_factory(speech=FakeEngine(works=works),
                      config=Config(region="US", speech="emergency" if on else "on-request", naloxone_where=where))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        body = app.screen.query_one("#emergency-body")
        assert body.max_scroll_y > 0 and body.show_vertical_scrollbar  # the case this is about
        row = app.screen.query_one("#ways-on")
        assert not row.has_class("-stacked")
        assert len({b.region.y for b in row.query("Button")}) == 1


async def test_spanish_kiosk_speaks_spanish_with_a_spanish_voice(app_factory, monkeypatch):
    fake = FakeEngine()
    app = app_factory(speech=fake, config=Config(speech="emergency", language="es"))
    async with app.run_test(size=(80, 24)) as pilot:
        # Spanish texts (here: the pack's emergency file counted as translated) -> the Spanish voice
        monkeypatch.setattr(app.pack, "is_fallback", lambda name: False)
        await pilot.press("e")
        assert fake.said and all(language == "es" for _, language, _ in fake.said)
        assert "v  Voz: activa" in screen_text(app)


async def test_spanish_kiosk_speaks_the_whole_guide_and_coach_in_spanish(app_factory):
    """With the Spanish emergency guide in the pack (issue 15), every spoken text on the way from
    the first screen to the CPR coach is Spanish, said with the Spanish voice."""
    fake = FakeEngine()
    app = app_factory(speech=fake, config=Config(speech="emergency", language="es", region="US",
                                                 address="Calle Mayor 12"))
    async with app.run_test(size=(80, 24)) as pilot:
        if app.pack.is_fallback("emergency.toml"):
            pytest.skip("the Spanish pack has no emergency.toml of its own yet")
        await pilot.press("e")
        first = fake.texts[-1]
        await pilot.press("g", "enter")  # the guide's call step, with what to say
        call = fake.texts[-1]
        await pilot.press("enter", "c")
        await pilot.pause()
        coach = fake.texts[-1]
        assert all(language == "es" for _, language, _ in fake.said)
        assert "911" in first and "Llame" in first
        assert call == ("Llame al 911 ahora. Ponga el teléfono en altavoz. La dirección aquí: Calle Mayor 12. "
                        "Abra la puerta. Oprima Enter para el siguiente paso.")
        assert "Arrodíllese" in coach
        english = re.compile(r"\b(Call|Check|breathing|Push|Kneel|the)\b")
        assert not [t for t in fake.texts if english.search(t)]


async def test_spanish_kiosk_reads_english_fallback_texts_with_the_english_voice(app_factory, tmp_path):
    """A text the Spanish pack lacks is shown in English and read with the English voice (a pack
    copy without es/emergency.toml: the shipped one has it since issue 15)."""
    from conftest import CONTENT

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "es" / "emergency.toml").unlink()
    fake = FakeEngine()
    app = app_factory(content=content, speech=fake, config=Config(speech="emergency", language="es"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.pack.is_fallback("emergency.toml")
        await pilot.press("e")
        assert fake.said and all(language == "en" for _, language, _ in fake.said)
        assert "v  Voz: activa" in screen_text(app)  # the interface itself is Spanish


@pytest.mark.parametrize("how", ["quick-exit", "idle-reset"])
async def test_quick_exit_and_idle_reset_silence_at_once(app_factory, how):
    fake = FakeEngine()
    clock = FakeClock()
    app = app_factory(speech=fake, mode="kiosk", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "e", "v", "g")
        assert fake.speaking
        if how == "quick-exit":
            await pilot.press("escape")
        else:
            await idle_tick(pilot, app, clock)
            await idle_tick(pilot, app, clock)
        assert isinstance(app.screen, WelcomeScreen)
        assert not fake.speaking
        await pilot.press("space", "e")  # a new visit starts with the voice off again
        count = len(fake.said)
        await pilot.press("g")
        assert len(fake.said) == count


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
async def test_esc_kills_the_real_child_process_within_50ms(app_factory):
    engine = EspeakEngine(shutil.which("espeak-ng"), player=["sleep", "30"])  # a player that never ends
    app = app_factory(speech=engine, mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "e", "v")
        pids = [c.pid for c in engine.children]
        assert pids and engine.speaking
        stopped = []
        real_stop = engine.stop

        def timed_stop():
            real_stop()
            if pids and all(_gone(p) for p in pids) and not stopped:
                stopped.append(time.perf_counter())

        engine.stop = timed_stop
        start = time.perf_counter()
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
        assert all(_gone(p) for p in pids)  # no process left
        # From the key reaching the app to both processes gone and reaped.
        assert stopped and stopped[0] - start < 0.05, f"{(stopped[0] - start) * 1000:.0f} ms"


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False
