"""Quick exit in kiosk mode: Esc from every screen blanks at once and rebuilds the visit (issue 4)."""

from __future__ import annotations

import pytest
from support import home_key, route, shipped_pack, terminal_text, topic_words_in

from kiosk.data.visit import Visit
from kiosk.ui.screens.checklist import ChecklistScreen
from kiosk.ui.screens.crisis import CrisisScreen
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.keys import KeysScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.search import SearchInput, SearchScreen
from kiosk.ui.screens.selfcheck import SelfCheckScreen
from kiosk.ui.screens.takeaway import TakeawayScreen
from kiosk.ui.screens.topic import TopicScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.shared_terminal.kiosk_mode import WELCOME, SharedTerminalApp

# Keys from a fresh visit's home screen to each screen type, and the type reached.
ROUTES = {
    "home": ([], HomeScreen),
    "topic": ([home_key(shipped_pack(), "topic:symptoms")], TopicScreen),
    "page": ([*route(shipped_pack(), "symptoms-core"), "pagedown"], PageScreen),
    "search-with-text": (["slash", *"buprenorphine"], SearchScreen),
    "search-results": (["slash", *"relapse", "down"], SearchScreen),
    "emergency": (["e"], EmergencyScreen),
    "emergency-from-page": ([*route(shipped_pack(), "symptoms-core"), "e"], EmergencyScreen),
    "emergency-guided": (["e", "enter", "enter"], GuidedScreen),
    "emergency-guided-dose-timer": (["e", "enter", "enter", "enter", "enter", "enter", "d"], GuidedScreen),
    "find-help": (["f"], FindHelpScreen),
    "crisis": (["f", "h"], CrisisScreen),
    "keys": (["question_mark"], KeysScreen),
    "self-check-with-answers": ([home_key(shipped_pack(), "screen:selfcheck"), "y", "n", "y"], SelfCheckScreen),
    "checklist-ticked": ([home_key(shipped_pack(), "screen:checklist"), "space", "down", *"2 bags", "down", "space"], ChecklistScreen),
    "take-away": (["t"], TakeawayScreen),
}


async def start_visit(pilot):
    await pilot.press("space")
    assert isinstance(pilot.app.screen, HomeScreen)


@pytest.mark.parametrize("route", sorted(ROUTES))
async def test_quick_exit_from_every_screen_leaves_no_trace(app_factory, route):
    keys, screen_type = ROUTES[route]
    app = app_factory(mode="kiosk")
    assert isinstance(app, SharedTerminalApp)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        await pilot.press(*keys)
        assert isinstance(app.screen, screen_type)
        old_mode = app.current_mode
        old_screens = app.screen_stack
        old_visit = app.visit
        if route == "self-check-with-answers":
            assert list(old_visit.selfcheck.values())[:3] == ["yes", "no", "yes"]
        if route == "checklist-ticked":
            assert len(old_visit.checklist) == 2 and "2 bags" in old_visit.checklist.values()
        old_visit.hold_idle = True  # per-visit state that must not survive
        old_visit.selfcheck[1] = "yes"
        before = terminal_text(app)
        old_timers = [t for screen in old_screens for t in screen._timers]
        if route == "emergency-guided-dose-timer":  # the dose timer is ticking (the app's, issue 10)
            assert old_visit.doses and old_visit.dose and app.dose_flow.ticker._active.is_set()

        await pilot.press("escape")
        # At once: the neutral screen, alone, with nothing of the topic on the terminal.
        assert isinstance(app.screen, WelcomeScreen)
        assert app.current_mode == WELCOME
        assert app.screen_stack == [app.screen]
        shown = terminal_text(app)
        assert topic_words_in(shown) == [], shown
        assert "Health information" in shown
        assert app.visit is not old_visit and app.visit == Visit()

        await pilot.pause()
        # The visit's mode and every screen in it are gone (timers, focus, scroll go with them).
        assert old_mode not in app._screen_stacks
        assert all(not s.is_attached for s in old_screens)
        assert all(t._task is None or t._task.done() for t in old_timers)  # no timer of the visit runs
        assert app.visit.hold_idle is False and app.visit.doses == [] and app.visit.dose is None
        assert not app.idle.active
        if route == "emergency-guided-dose-timer":
            app.dose_flow.tick()  # its next tick finds no timer in the fresh visit, and stops
            assert not app.dose_flow.ticker._active.is_set()
        assert topic_words_in(before)  # the screen did show the topic before

        # The next key starts a NEW visit: a new home screen, nothing to go Back to.
        await pilot.press("space")
        assert isinstance(app.screen, HomeScreen)
        assert app.current_mode != old_mode
        assert app.screen_stack == [app.screen]
        assert app.screen not in old_screens
        await pilot.press("backspace", "left")
        assert app.screen_stack == [app.screen] and isinstance(app.screen, HomeScreen)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(SearchInput).value == ""
        assert "buprenorphine" not in terminal_text(app).lower()
        assert "relapse" not in terminal_text(app).lower()


async def test_quick_exit_button_click_wipes_too(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        await pilot.press(*route(app.pack, "symptoms-core"))
        old_mode = app.current_mode
        assert await pilot.click("#quick-exit-button")
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.pause()
        assert old_mode not in app._screen_stacks


async def test_quick_exit_clears_toasts_and_clipboard(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        app.notify("Sorry, this page about methadone is not available right now.")
        await pilot.pause()
        app._clipboard = "methadone"
        await pilot.press("escape")
        await pilot.pause()
        assert len(app._notifications) == 0
        assert app.clipboard == ""
        assert "methadone" not in terminal_text(app).lower()


async def test_welcome_screen_is_neutral_and_configurable(app_factory):
    app = app_factory(mode="kiosk", welcome_title="Community board", welcome_text="Touch or press a key")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)  # a kiosk starts on the neutral screen
        text = terminal_text(app)
        assert "Community board" in text and "Touch or press a key" in text
        assert "e  Emergency" in text  # the emergency key is shown on every screen
        assert topic_words_in(text) == []
        await pilot.click("#welcome-title")
        assert isinstance(app.screen, HomeScreen)


async def test_welcome_text_is_never_markup(app_factory):
    app = app_factory(mode="kiosk", welcome_title="[@click=app.quit]Start[/]", welcome_text="[b]x[/b]")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "[@click=app.quit]Start[/]" in terminal_text(app)
        await pilot.click("#welcome-title")
        assert app.is_running and isinstance(app.screen, HomeScreen)


async def test_e_on_the_welcome_screen_starts_a_visit_at_the_emergency_screen(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        assert [type(s) for s in app.screen_stack] == [HomeScreen, EmergencyScreen]
        await pilot.press("backspace")
        assert isinstance(app.screen, HomeScreen)  # Back is Backspace, within the visit


async def test_ctrl_e_and_home_on_the_welcome_screen_start_a_visit(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("escape", "home")
        assert isinstance(app.screen, HomeScreen) and app.screen_stack == [app.screen]


async def test_home_and_back_work_within_a_visit(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        await pilot.press(*route(app.pack, "symptoms-core"), "f")
        assert len(app.screen_stack) == 4
        await pilot.press("backspace")
        assert isinstance(app.screen, PageScreen)
        await pilot.press("home")
        assert app.screen_stack == [app.screen] and isinstance(app.screen, HomeScreen)


async def test_escape_on_the_welcome_screen_stays_there(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, WelcomeScreen) and app.is_running
        assert app.visits == 0


async def test_many_visits_leave_nothing_behind(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.press("space", *route(app.pack, "symptoms-core"), "slash", *"her", "escape")
        await pilot.pause()
        assert list(app._screen_stacks) == [WELCOME]
        assert [m for m in app._modes if m != WELCOME] == []
        assert len(app.screen_stack) == 1


async def test_personal_mode_esc_ends_the_app_at_once(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "symptoms-core"), "slash", *"meth")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running
        assert app.cleared_on_exit  # the CLI clears screen and scrollback after the alternate screen


@pytest.mark.parametrize("late", ["topic", "find-help", "emergency"])
async def test_a_screen_the_wiped_visit_still_asked_for_never_opens_after_quick_exit(app_factory, late):
    """A pick still on its way when Esc comes (`2` then Esc in one burst on a busy machine: the
    menu's message is queued behind the quick exit) must not open its screen over the welcome
    screen: that would show the visit's topic to the next person."""
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_visit(pilot)
        home = app.screen
        opener = {"topic": lambda: app.open_topic(app.pack.topics[1].id),
                  "find-help": app.action_find_help, "emergency": app.action_emergency}[late]
        home.call_later(opener)  # queued on the home screen, as the menu's pick is
        app.action_quick_exit()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.current_mode == WELCOME
        assert len(app.screen_stack) == 1
        assert topic_words_in(terminal_text(app)) == []
        await pilot.press("space")  # the next visit starts clean, on home
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
