"""Find it in a crisis (Pilot, 80x24): search opens screens, nothing found still helps, home shows
every entry with its key, and keys typed into a field stay text."""

from __future__ import annotations

import pytest
from support import home_key
from textual.widgets import Input

from kiosk.ui.screens.checklist import ChecklistScreen
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.keys import KeysScreen
from kiosk.ui.screens.naloxone import NaloxoneScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.screens.selfcheck import SelfCheckScreen
from kiosk.ui.screens.takeaway import TakeawayScreen


def screen_text(app) -> str:
    from rich.console import Console

    console = Console(width=app.size.width, record=True, file=open("/dev/null", "w"))
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


async def test_home_shows_every_entry_with_its_key_at_80x24(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        menu = app.screen.query_one("#home-menu")
        assert menu.max_scroll_y == 0  # nothing below the fold
        expected = [(home_key(app.pack, f"topic:{t.id}"), t.title) for t in app.pack.topics] + [
            (home_key(app.pack, "screen:selfcheck"), "Does this sound like me?"),
            (home_key(app.pack, "screen:checklist"), "Appointment checklist"), ("t", "Take it with you"),
            ("f", "Find help"), ("/", "Search")]
        for key, title in expected:
            assert any(line.startswith(f"{key} {title}") for line in lines), (key, title, lines)
    pack = app.pack
    for key, screen in ((home_key(pack, "screen:selfcheck"), SelfCheckScreen),
                        (home_key(pack, "screen:checklist"), ChecklistScreen), ("t", TakeawayScreen),
                        ("s", SelfCheckScreen), ("c", ChecklistScreen), ("f", FindHelpScreen), ("slash", SearchScreen)):
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen), key


async def test_search_results_open_screens(app_factory):
    for query, screen in (("overdose", EmergencyScreen), ("narcan", NaloxoneScreen), ("helpline", FindHelpScreen),
                          ("am i addicted", SelfCheckScreen), ("checklist", ChecklistScreen),
                          ("qr code", TakeawayScreen), ("keyboard", KeysScreen)):
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash", *query, "enter")
            await pilot.pause()
            assert isinstance(app.screen, screen), query


async def test_nothing_found_offers_emergency_and_find_help(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzqx")
        text = screen_text(app)
        assert "Nothing found" in text
        assert "e  EMERGENCY: overdose, what to do now" in text and "f  Find help" in text
        await pilot.press("enter")  # Enter in the field never opens a fallback by surprise
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("down", "f")  # in the list, the letters are the keys they show
        await pilot.pause()
        assert isinstance(app.screen, FindHelpScreen)
        await pilot.press("backspace", "e")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)


async def test_keys_in_a_search_field_are_text_and_the_bar_says_ctrl_e(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "e  EMERGENCY" in screen_text(app).splitlines()[0]
        await pilot.press("slash")
        await pilot.pause()
        assert screen_text(app).splitlines()[0].startswith(" Ctrl+E  EMERGENCY")
        footer = screen_text(app).splitlines()[-1]
        assert "Find help" not in footer and "Search" not in footer and "Keys" not in footer  # they'd be letters
        await pilot.press(*"f/?etnsd")
        field = app.screen.query_one(Input)
        assert field.value == "f/?etnsd" and isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("backspace", "home")  # Home can't be text: from the field, to the start
        assert isinstance(app.screen, HomeScreen)


async def test_checklist_enter_goes_to_the_note_and_letters_stay_in_it(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "enter")
        await pilot.pause()
        assert isinstance(app.focused, Input) and isinstance(app.screen, ChecklistScreen)
        await pilot.press(*"heroin, 2 bags a day", "t", "n", "s", "d", "e")
        assert app.focused.value == "heroin, 2 bags a daytnsde"
        assert isinstance(app.screen, ChecklistScreen) and app.visit.doses == []
        assert list(app.visit.checklist.values()) == ["heroin, 2 bags a daytnsde"]
        await pilot.press("enter", "t")  # out of the note, `t` is the take-away again
        await pilot.pause()
        assert isinstance(app.screen, TakeawayScreen)
        await pilot.press("home")
        assert isinstance(app.screen, HomeScreen)


async def test_leaving_search_forgets_what_was_typed(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"clucking")
        await pilot.pause()
        assert "clucking" in app.store.search_index._cache
        await pilot.press("home")
        await pilot.pause()
        assert not app.store.search_index._cache


@pytest.mark.parametrize("lang,query,words", [
    ("en", "zzqx", "Thinking of harming yourself? Talk to someone now"),
    ("es", "zzqx", "¿Piensa en hacerse daño? Hable con alguien ahora"),
])
async def test_nothing_found_offers_the_crisis_lines_too(app_factory, lang, query, words):
    """Issue 27: a word search doesn't know may be someone in crisis; nothing found offered only
    Emergency and Find help. Now the crisis screen too, in the visitor's language."""
    from kiosk.ui.screens.crisis import CrisisScreen

    app = app_factory(language=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *query)
        text = screen_text(app)
        assert words in text
        await pilot.press("down", "down", "enter")  # the second choice: the crisis lines
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)


@pytest.mark.parametrize("lang,query", [("es", "no puedo más"), ("es", "ya no aguanto"), ("es", "morir"),
                                        ("en", "i can't go on")])
async def test_distress_words_open_the_crisis_screen_first(app_factory, lang, query):
    from kiosk.ui.screens.crisis import CrisisScreen

    app = app_factory(language=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *query, "enter")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen), query
