"""Pilot tests: a walk-up user's routes through the app at 80x24."""

from __future__ import annotations

from support import home_key, pack_with, route
from textual.widgets import Input

from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.keys import KeysScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.widgets.chrome import KioskBar


async def test_every_page_is_reachable_from_home_and_back(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        opened = []
        for topic in app.pack.topics:
            await pilot.press(home_key(app.pack, f"topic:{topic.id}"))  # 1-9, then 0 for the tenth
            if len(topic.page_ids) == 1:
                assert isinstance(app.screen, PageScreen)
                opened.append(app.screen.page.id)
                await pilot.press("backspace")
            else:
                assert isinstance(app.screen, TopicScreen) and app.screen.topic is topic
                for p in range(1, len(topic.page_ids) + 1):
                    await pilot.press(str(p))
                    assert isinstance(app.screen, PageScreen)
                    opened.append(app.screen.page.id)
                    await pilot.press("left")  # Left is Back where nothing else uses it
                    assert isinstance(app.screen, TopicScreen)
                await pilot.press("backspace")
            assert isinstance(app.screen, HomeScreen)
        assert opened == app.pack.page_ids()
        assert len(opened) == 27


async def test_arrows_and_enter_open_an_item(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")  # third item: When to seek help urgently
        assert isinstance(app.screen, PageScreen) and app.screen.page.id == "when-to-seek-help"


async def test_click_opens_a_menu_item(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        menu = app.screen.query_one("#home-menu")
        # One line per item: the 2nd row of the menu is item 2 ("Symptoms").
        await pilot.click(menu, offset=(5, 1))
        assert isinstance(app.screen, TopicScreen) and app.screen.topic.id == "symptoms"


async def test_page_links_next_and_digits(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "symptoms-core"))
        assert app.screen.page.id == "symptoms-core"
        await pilot.press("1")  # link 1 is "Next: ..." in the same topic
        assert app.screen.page.id == "symptoms-day-to-day"
        await pilot.press("home")
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_long_page_scrolls_with_pgdn_and_space(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "treatment-medication"))  # Treatment > Medication: longer than a screen
        body = app.screen.query_one("#page-body")
        assert body.max_scroll_y > 0
        await pilot.press("pagedown")
        assert body.scroll_y > 0
        first = body.scroll_y
        await pilot.press("space")
        assert body.scroll_y > first or body.scroll_y == body.max_scroll_y
        await pilot.press("pageup", "pageup", "pageup")
        assert body.scroll_y == 0


async def test_search_as_you_type_and_open_at_the_match(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        assert isinstance(app.focused, Input)
        await pilot.press(*"lofexidine")
        results = app.screen.query_one("#results")
        assert results.option_count == 1
        assert "1 result found" in str(app.screen.query_one("#search-status").render())
        await pilot.press("enter")
        assert isinstance(app.screen, PageScreen) and app.screen.page.id == "treatment-medication"
        match = app.screen.query(".match").first()
        assert "Lofexidine" in str(match.render())
        body = app.screen.query_one("#page-body")
        assert match.region.y >= body.region.y and match.region.bottom <= body.region.bottom  # scrolled into view


async def test_search_keys_type_into_the_field_and_backspace_goes_back_when_empty(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "f", "e", "slash", "question_mark")
        assert app.screen.query_one(Input).value == "fe/?"  # e, f, / and ? are just letters here
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("backspace")
        assert isinstance(app.screen, HomeScreen)


async def test_search_down_arrow_moves_into_results(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"naloxone", "down", "down", "enter")
        assert isinstance(app.screen, PageScreen)
        second = app.store.search_index.search("naloxone")[1].page_id
        assert app.screen.page.id == second


def keys_to(app, where: str) -> list:
    """From home to a kind of screen: a topic menu, a page, or where a key leads."""
    named = {"home": [], "topic": [home_key(app.pack, "topic:symptoms")], "page": route(app.pack, "symptoms-core")}
    return named.get(where, [where])


async def test_e_opens_emergency_from_every_kind_of_screen(app_factory):
    for where in ("home", "topic", "page", "f", "question_mark"):
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*keys_to(app, where))
            await pilot.press("e")
            assert isinstance(app.screen, EmergencyScreen), where
            await pilot.press("e")  # pressing again does not stack another copy
            assert sum(isinstance(s, EmergencyScreen) for s in app.screen_stack) == 1
            await pilot.press("backspace")
            assert not isinstance(app.screen, EmergencyScreen)


async def test_ctrl_e_opens_emergency_while_typing(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "h", "e", "r")
        assert app.screen.query_one(Input).value == "her"
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, EmergencyScreen)


async def test_click_on_the_bar_opens_emergency(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(home_key(app.pack, "topic:research"))
        await pilot.click("#emergency-button")
        assert isinstance(app.screen, EmergencyScreen)


async def test_every_screen_shows_the_emergency_and_quick_exit_keys(app_factory):
    for where in ("home", "topic", "page", "slash", "f", "question_mark", "e"):
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*keys_to(app, where))
            bar = app.screen.query_one(KioskBar)
            assert bar.region.y == 0 and bar.region.width == 80
            emergency = str(app.screen.query_one("#emergency-button").render())
            quick = str(app.screen.query_one("#quick-exit-button").render())
            key = "Ctrl+E " if where == "slash" else "e "  # in the search field `e` is a letter
            assert emergency.strip().startswith(key) and "EMERGENCY" in emergency
            assert "Esc" in quick and "Quick exit" in quick
            assert app.screen.query_one("#quick-exit-button").region.right <= 80


async def test_question_mark_shows_the_keys(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)


async def test_f_opens_find_help(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FindHelpScreen)


async def test_backspace_on_home_stays_home(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("backspace", "left", "backspace")
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_escape_quits_in_personal_mode(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "symptoms-core"), "escape")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_markup_in_content_is_shown_literally(app_factory, tmp_path):
    pack = pack_with(tmp_path, "pages/what-is.toml", 'title = "', 'title = "[@click=app.quit]Q[/] [b]x[/b] \\\\ ')
    app = app_factory(content=pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "what-is"))
        assert isinstance(app.screen, PageScreen)
        heading = str(app.screen.query_one("#heading").render())
        assert "[@click=app.quit]Q[/] [b]x[/b] \\" in heading
        await pilot.click("#heading")
        assert app.is_running


async def test_a_broken_page_is_left_out_and_the_rest_works(app_factory, tmp_path):
    pack = pack_with(tmp_path, "pages/symptoms-core.toml", text="id = [")
    app = app_factory(content=pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(home_key(app.pack, "topic:symptoms"))
        menu = app.screen.query_one("#topic-menu")
        assert [menu.get_option_at_index(i).id for i in range(menu.option_count)] == [
            "page:symptoms-day-to-day", "page:symptoms-variations"]
        await pilot.press("1")
        assert app.screen.page.id == "symptoms-day-to-day"
