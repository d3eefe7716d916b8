"""Menus whose items carry what they open (kiosk/data/menu.py) and the one table that opens them."""

from __future__ import annotations

import pytest
from support import home_key, reordered_pack, route

from kiosk.data.content import PAGE_ACTIONS
from kiosk.data.menu import HOME_TOOLS, KINDS, MenuItem, opens, page_item
from kiosk.data.searchwords import SCREEN_IDS
from kiosk.ui.app import KioskApp
from kiosk.ui.screens.checklist import ChecklistScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.screens.selfcheck import SelfCheckScreen
from kiosk.ui.screens.takeaway import TakeawayScreen
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
    assert all(callable(opener) for opener in KioskApp.OPENERS.values())


async def test_every_screen_a_menu_or_search_can_name_opens(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)):
        named = {s for s, _ in HOME_TOOLS} | set(PAGE_ACTIONS) | set(SCREEN_IDS)
        assert [s for s in sorted(named) if not app.can_open_screen(s)] == []


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


async def test_the_navigation_helpers_follow_a_reordered_menu(app_factory, tmp_path):
    """A client reverses the home menu and every topic's pages: the keys the navigation tests
    press (support.route / home_key) still reach the same pages and screens."""
    shipped, app = app_factory(), app_factory(content=reordered_pack(tmp_path))
    assert app.pack.check() == []  # still a valid pack
    assert [t.id for t in app.pack.topics] == [t.id for t in reversed(shipped.pack.topics)]
    pages = shipped.pack.page_ids()
    moved = [p for p in pages if route(app.pack, p) != route(shipped.pack, p)]
    assert len(moved) >= len(pages) - 2  # the keys really moved (only a middle entry may stay)
    async with app.run_test(size=(80, 24)) as pilot:
        for page_id in pages:
            await pilot.press(*route(app.pack, page_id))
            assert isinstance(app.screen, PageScreen) and app.screen.page.id == page_id
            await pilot.press("home")
        for item, screen in (("screen:selfcheck", SelfCheckScreen), ("screen:checklist", ChecklistScreen),
                             ("screen:takeaway", TakeawayScreen), ("screen:find-help", FindHelpScreen),
                             ("screen:search", SearchScreen)):
            await pilot.press(home_key(app.pack, item))
            assert isinstance(app.screen, screen), item
            await pilot.press("backspace" if screen is SearchScreen else "home")  # Esc would quit
