"""The talking kiosk (issue 28, speech = "everything") with the real espeak-ng and the recording
stand-in player (tests/recording_player.py): what a visitor with headphones hears.

Each sound is known by what the player received: its samples are compared with espeak-ng's own
rendering of the words the screen should say, so "the screen's name was spoken" means those
words, and nothing else, reached the player."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
from support import played, route, wait_until

from kiosk.data.config import Config
from kiosk.data.speech import EspeakEngine, render
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.page import PageScreen

ESPEAK = shutil.which("espeak-ng")
pytestmark = [pytest.mark.skipif(ESPEAK is None, reason="espeak-ng not installed (.ci/run installs it)"),
              pytest.mark.slow]
PLAYER = [sys.executable, "-S", str(Path(__file__).resolve().parents[1] / "recording_player.py")]


def talking_app(app_factory, tmp_path, language):
    folder = tmp_path / "played"
    folder.mkdir()
    engine = EspeakEngine(ESPEAK, player=[*PLAYER, str(folder)])
    told = []  # (text, language, monotonic time) the engine was asked to say
    real_say = engine.say

    def say(text, language="en", *args, **kwargs):
        told.append((text, language, time.monotonic()))
        real_say(text, language, *args, **kwargs)

    engine.say = say  # type: ignore[method-assign]
    app = app_factory(speech=engine, config=Config(speech="everything", language=language))
    return app, folder, told


def received(folder, n):
    """The n-th sound's record once its player has read all of it (its samples and length known)."""
    records = played(folder)
    if len(records) > n and records[n]["seconds"] is not None:
        return records[n]
    return None


def samples(wav: bytes) -> bytes:
    return wav[44:]


def heard(record, text, language) -> bool:
    """The player got exactly espeak-ng's rendering of `text` in `language`."""
    return samples(record["wav"].read_bytes()) == samples(render(text, language, ESPEAK))


@pytest.mark.parametrize("language", ["en", "es"])
async def test_home_name_then_down_the_item_then_r_on_a_page_its_text(app_factory, tmp_path, language):
    app, folder, told = talking_app(app_factory, tmp_path, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: received(folder, 0), timeout=20)
        assert isinstance(app.screen, HomeScreen)
        home = app.screen
        first = received(folder, 0)
        text, lang, _ = told[0]
        keys = app.ui("narrate.menu")
        assert text.startswith(f"{home.heading}. {keys}") and lang == language
        assert heard(first, text, language)
        arrival = first["seconds"]

        # Down while the name is being said: it stops, and the next row is heard
        pressed = time.monotonic()
        await pilot.press("down")
        await wait_until(pilot, lambda: received(folder, 1), timeout=20)
        item = received(folder, 1)
        topic = app.pack.topics[1]
        assert told[-1][0] == f"2 {topic.title}. {topic.summary}"
        assert heard(item, told[-1][0], language)
        cut = played(folder)[0]
        assert not cut["whole"] and cut["start"] + cut["seconds"] > pressed  # it was playing, and was cut
        latency = item["start"] - pressed

        # r on a page: the page's words, its first sentence first
        await pilot.press(*route(app.pack, "symptoms-core"))
        assert isinstance(app.screen, PageScreen)
        page = app.screen.page
        await wait_until(pilot, lambda: told[-1][0].startswith(page.title), timeout=10)
        await pilot.pause(0.3)
        pressed = time.monotonic()
        await pilot.press("r")

        def page_read():
            later = [r for r in played(folder) if r["start"] is not None and r["start"] > pressed]
            return later[0] if later and later[0]["seconds"] is not None else None
        await wait_until(pilot, page_read, timeout=30)
        read = page_read()
        text = told[-1][0]
        assert text.startswith(f"{page.title}. {page.summary.split('. ')[0]}")
        assert page.sections[0].blocks[0].text.split(". ")[0][:40] in text
        assert heard(read, text, language)
    print(f"\n[{language}] home arrival {arrival:.1f} s of speech; Down -> the row's first sample "
          f"{latency * 1000:.0f} ms; r on the page: {read['seconds']:.1f} s of speech")
