"""Choosing a language: the one-key switch on home and the welcome screen, in the other
language's own name; quick exit and idle reset back to the deployment's default; `e` opens
Emergency in every language; Spanish home and emergency at 80x24."""

from __future__ import annotations

from pathlib import Path

from conftest import CONTENT
from support import FakeClock, home_key, screen_text

from kiosk.data.config import Config
from kiosk.factory import make_app
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.welcome import WelcomeScreen

SNAPSHOT_DIR = Path(__file__).parent / "__snapshots__"



async def test_home_switch_shows_the_other_language_in_its_own_name(app_factory):
    app = app_factory(languages=("en", "es"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "l Español" in text and "Heroin dependence" in text
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert app.language == "es" and isinstance(app.screen, HomeScreen)
        assert "Dependencia de la heroína" in text and "l English" in text
        assert "EMERGENCIA" in text and "Salida rápida" in text
        assert "Heroin dependence" not in text and "Quick exit" not in text
        await pilot.press(home_key(app.pack, "topic:symptoms"))  # the menu still works, in Spanish
        await pilot.pause()
        assert "Síntomas" in screen_text(app)
        await pilot.press("e")  # e opens Emergency in every language
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        assert app.screen.language == "es" if hasattr(app.screen, "language") else True


async def test_with_no_languages_setting_every_complete_language_is_offered(app_factory):
    """Issue 27: with no `languages` in the config there was no `l` at all, though the pack ships
    Spanish. Now every language the pack has complete is offered; the config can narrow it."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "l Español" in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert app.language == "es" and "l English" in screen_text(app)


def test_an_unfinished_language_is_not_offered_by_default(tmp_path):
    """A language a translator is still working on (a file missing, or not yet confirmed in its
    [translated_from]) is not offered unless the config names it."""
    import shutil

    from kiosk.data.languages import complete_languages, lacking_files

    pack_copy = tmp_path / "pack"
    shutil.copytree(CONTENT, pack_copy)
    assert complete_languages(pack_copy) == ["en", "es"]
    fr = pack_copy / "fr"
    shutil.copytree(pack_copy / "es", fr)
    (fr / "language.toml").write_text('name = "Français"\n[translated_from]\n', encoding="utf-8")
    assert complete_languages(pack_copy) == ["en", "es"]
    assert "pages/what-is.toml" in lacking_files(pack_copy, "fr") and "ui.toml" not in lacking_files(pack_copy, "fr")
    (pack_copy / "es" / "pages" / "books.toml").unlink()
    assert complete_languages(pack_copy) == ["en"] and lacking_files(pack_copy, "es") == ["pages/books.toml"]
    app = make_app(content=pack_copy, config=Config(languages=("en", "fr")))
    assert app.config.offered_languages == ("en", "fr")  # the config can still name it


async def test_one_language_offers_no_switch(app_factory):
    app = app_factory(languages=("en",))  # the config narrows it to English
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Español" not in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert app.language == "en"


async def test_quick_exit_and_idle_reset_return_to_the_default_language(app_factory):
    clock = FakeClock()
    app = app_factory(mode="kiosk", languages=("en", "es"), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and "l  Español" in screen_text(app)
        await pilot.press("l")  # on the welcome screen: switches, does not start a visit
        await pilot.pause()
        text = screen_text(app)
        assert isinstance(app.screen, WelcomeScreen)
        assert "Información de salud" in text and "l  English" in text and "e  Emergencia" in text
        await pilot.press("space")  # any other key starts the visit, in Spanish
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and "Dependencia de la heroína" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        text = screen_text(app)
        assert app.language == "en" and "Health information" in text and "l  Español" in text
        assert "Información" not in text
        # the same after an idle reset
        await pilot.press("l", "space")
        await pilot.pause()
        assert app.language == "es"
        clock.advance(app.config.idle_seconds + 1)
        app.idle.fire()
        await pilot.pause()
        clock.advance(app.config.idle_warning_seconds + 1)
        app.idle.fire()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.language == "en"
        assert "Health information" in screen_text(app)


async def test_e_on_the_welcome_screen_opens_emergency_in_the_chosen_language(app_factory):
    app = app_factory(mode="kiosk", language="es", languages=("es", "en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Información de salud" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        assert "EMERGENCIA" in screen_text(app)


async def test_ready_emergency_screen_follows_the_language(app_factory):
    app = app_factory(languages=("en", "es"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        text = screen_text(app)
        assert "EMERGENCIA" in text and "Guíeme paso a paso" in text
        assert "Guide me" not in text


def test_spanish_home_at_80x24(snap_compare):
    app = make_app(content=CONTENT, config=Config(language="es"))
    assert snap_compare(app, terminal_size=(80, 24))


def test_spanish_emergency_at_80x24(snap_compare):
    app = make_app(content=CONTENT, config=Config(language="es", region="US"))
    assert snap_compare(app, press=["e"], terminal_size=(80, 24))


def test_spanish_emergency_without_region_at_80x24(snap_compare):
    app = make_app(content=CONTENT, config=Config(language="es"))
    assert snap_compare(app, press=["e"], terminal_size=(80, 24))


async def test_spanish_first_emergency_screen_fits_80x24_without_scrolling(app_factory):
    for fields in ({}, {"region": "US"}, {"region": "UK", "naloxone_where": "En la recepción."}):
        app = app_factory(language="es", **fields)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            body = app.screen.query_one("#emergency-body")
            assert body.max_scroll_y == 0, f"Spanish emergency screen scrolls at 80x24 with {fields}"
