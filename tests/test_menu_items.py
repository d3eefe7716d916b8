"""Menus whose items carry what they open (kiosk/data/menu.py) and the one table that opens them."""

from __future__ import annotations

import pytest

from kiosk.data.content import PAGE_ACTIONS
from kiosk.data.menu import HOME_TOOLS, KINDS, MenuItem, opens, page_item
from kiosk.data.searchwords import SCREEN_IDS
from kiosk.ui.app import KioskApp
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.topic import TopicScreen


def test_an_item_names_its_kind_and_target():
    item = page_item("naloxone", "Naloxone", "How to give it")
    assert item == MenuItem("page:naloxone", "Naloxone", "How to give it")
    assert (item.kind, item.target) == ("page", "naloxone")


def test_a_kind_the_ui_cannot_open_is_refused():
    with pytest.raises(ValueError, match="'app'"):
        opens("app", "find-help")


def test_every_kind_has_exactly_one_way_to_open_it():
    assert set(KioskApp.OPENERS) == set(KINDS)
    assert all(callable(getattr(KioskApp, name)) for name in KioskApp.OPENERS.values())


async def test_every_screen_a_menu_or_search_can_name_opens(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)):
        named = {s for s, _ in HOME_TOOLS} | set(PAGE_ACTIONS) | set(SCREEN_IDS)
        assert [s for s in sorted(named) if app.screen_opener(s) is None] == []


async def test_open_follows_the_item_and_ignores_what_it_cannot_open(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        depth = len(app.screen_stack)
        for nothing in ("", "page", "app:find-help", "screen:no-such-screen", "topic:no-such-topic"):
            app.open(nothing)
            await pilot.pause()
        assert len(app.screen_stack) == depth
        app.open("topic:symptoms")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen) and app.screen.topic.id == "symptoms"
        app.open("page:symptoms-core")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen) and app.screen.page.id == "symptoms-core"
        app.open("screen:find-help")
        await pilot.pause()
        assert isinstance(app.screen, FindHelpScreen)

