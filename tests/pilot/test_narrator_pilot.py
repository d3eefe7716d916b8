"""The talking kiosk (issue 28 points 5-6, config speech = "everything") with the fake engine:
what is queued on each event, in the visitor's language, and that in every other speech mode a
topic page is never spoken."""

from __future__ import annotations

import pytest
from support import route, wait_until

from kiosk.data.config import Config
from kiosk.data.speech import ALARM, FakeEngine
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.screens.selfcheck import SelfCheckScreen
from kiosk.ui.screens.welcome import WelcomeScreen

PAGE = "symptoms-core"


def talking(app_factory, language="en", **fields):
    fake = FakeEngine()
    app = app_factory(speech=fake, config=Config(speech="everything", language=language, **fields))
    return app, fake


async def said_after(pilot, fake, count):
    """Wait for something new to be said; the newest."""
    await wait_until(pilot, lambda: len(fake.said) > count)
    return fake.texts[-1]


def first_sentence(text: str) -> str:
    return text.split(". ")[0]


@pytest.mark.parametrize("language, heading, keys", [
    ("en", "Heroin dependence.", "Arrows to choose, Enter to open, e for emergency"),
    ("es", "Dependencia de la heroína.", "Flechas para elegir, Enter para abrir, e para emergencia"),
])
async def test_home_says_its_name_and_keys_then_down_reads_the_item(app_factory, language, heading, keys):
    app, fake = talking(app_factory, language)
    async with app.run_test(size=(80, 24)) as pilot:
        arrival = await said_after(pilot, fake, 0)
        assert isinstance(app.screen, HomeScreen)
        assert arrival.startswith(f"{heading} {keys}")
        topics = app.pack.topics
        assert topics[0].title in arrival  # and the highlighted row
        assert fake.said[-1][1] == language
        count = len(fake.said)
        await pilot.press("down")
        item = await said_after(pilot, fake, count)
        assert item == f"2 {topics[1].title}. {topics[1].summary}"
        assert topics[0].title not in item
        await pilot.pause(0.2)
        assert len(fake.said) == count + 1  # once, not again for the same row


@pytest.mark.parametrize("language", ["en", "es"])
async def test_r_on_a_page_reads_the_page_text_in_the_visitors_language(app_factory, language):
    app, fake = talking(app_factory, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await said_after(pilot, fake, 0)
        await pilot.press(*route(app.pack, PAGE))
        assert isinstance(app.screen, PageScreen)
        page = app.screen.page
        arrival = await wait_until(pilot, lambda: fake.texts[-1].startswith(page.title)) or fake.texts[-1]
        assert page.summary not in arrival  # arriving: the name and the keys only
        assert app.ui("narrate.page") in arrival
        count = len(fake.said)
        await pilot.press("r")
        text = await said_after(pilot, fake, count)
        assert text.startswith(f"{page.title}. {first_sentence(page.summary)}")
        assert first_sentence(page.sections[0].blocks[0].text) in text
        assert fake.said[-1][1] == language


async def test_self_check_reads_each_question_and_the_answers_keys(app_factory):
    app, fake = talking(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await said_after(pilot, fake, 0)
        count = len(fake.said)
        await pilot.press("s")
        assert isinstance(app.screen, SelfCheckScreen)
        questions = app.screen.check.questions
        text = await said_after(pilot, fake, count)
        assert text.startswith(app.screen.check.title)
        assert questions[0] in text and "y for Yes, n for No, s for Skip this question" in text
        count = len(fake.said)
        await pilot.press("y")
        text = await said_after(pilot, fake, count)
        assert text.startswith("Question 2 of 11.") and questions[1] in text and "y for Yes" in text


async def test_any_key_stops_the_speech_then_what_it_leads_to_is_said(app_factory):
    app, fake = talking(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await said_after(pilot, fake, 0)
        assert fake.speaking
        stops = fake.stops
        await pilot.press("x")  # a key that does nothing here: the words stop all the same
        assert fake.stops == stops + 1 and not fake.speaking
        count = len(fake.said)
        await pilot.press("down")
        assert (await said_after(pilot, fake, count)).startswith("2 ")


async def test_screen_speech_never_cuts_the_alarm(app_factory):
    app, fake = talking(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await said_after(pilot, fake, 0)
        app.voice.say("Check their breathing.", priority=ALARM, remember=False)
        count = len(fake.said)
        await pilot.press("down", "down")
        await pilot.pause(0.2)
        assert fake.current is not None and fake.current.priority == ALARM and fake.speaking
        assert len(fake.said) == count  # the row waits its turn
        fake.finish()
        await wait_until(pilot, lambda: len(fake.said) > count)
        assert fake.texts[-1].startswith("3 ")


async def test_r_keeps_its_meaning_on_emergency_screens_and_types_in_the_search_field(app_factory):
    app, fake = talking(app_factory, region="US")
    async with app.run_test(size=(80, 24)) as pilot:
        await said_after(pilot, fake, 0)
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        emergency = fake.texts[-1]
        assert emergency.startswith("Call 911 now.")  # speaks by itself on the talking kiosk (its say text)
        count = len(fake.said)
        await pilot.press("r")
        assert len(fake.said) == count + 1 and fake.texts[-1] == emergency  # repeat
        await pilot.press("home", "slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("r", "e")
        assert app.screen.query_one("Input").value == "re"


async def test_quick_exit_leaves_nothing_speaking_and_nothing_of_the_visit(app_factory):
    fake = FakeEngine()
    app = app_factory(speech=fake, mode="kiosk", config=Config(speech="everything", mode="kiosk"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await said_after(pilot, fake, 0)
        await pilot.press(*route(app.pack, PAGE))
        await pilot.press("down", "r")
        await wait_until(pilot, lambda: fake.texts[-1].startswith(app.screen.heading + ". " + app.screen.page.summary[:20]))
        assert fake.speaking
        count = len(fake.said)
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.pause(0.3)
        assert not fake.speaking and len(fake.said) == count
        assert app.narrator.last_item is None and app.visit.spoken in (None, "")


@pytest.mark.parametrize("mode", ["off", "on-request", "emergency", "everything"])
async def test_a_topic_page_is_spoken_only_on_the_talking_kiosk(app_factory, mode):
    fake = FakeEngine()
    app = app_factory(speech=fake, config=Config(speech=mode))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, PAGE))
        assert isinstance(app.screen, PageScreen)
        page = app.screen.page
        await pilot.press("v", "r", "down", "tab", "r")
        await pilot.pause(0.3)
        spoken = " ".join(fake.texts)
        if mode == "everything":
            assert page.title in spoken and first_sentence(page.summary) in spoken
        else:
            assert fake.said == []  # nothing at all: not the title, not the text
