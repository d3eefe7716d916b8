"""People press every key: a random key storm, tiny and huge terminals, resizes while in use."""

from __future__ import annotations

import random

import pytest
from support import home_key, route, shipped_pack
from support import settle as keys_settled

from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.home import HomeScreen

SEED = 6
# 500 keys in every run; the 2,000-key storm runs under `slow` (the second command in .ci/run, named
# in the README). The first 500 keys of the long storm are the short one (same seed).
STORMS = [500, pytest.param(2000, marks=pytest.mark.slow)]

# Everything a hand can reach: letters, digits, punctuation, navigation, editing, function keys,
# control chords (^C ^Z ^\ arrive as keys), non-ASCII text. The two that end a personal-mode
# session (Esc, Ctrl+Q) are kept out of the personal-mode storm: they would end it.
NAV = ["up", "down", "left", "right", "tab", "shift+tab", "enter", "backspace", "space",
       "pageup", "pagedown", "home", "end", "delete", "insert"]
APP = ["e", "ctrl+e", "slash", "question_mark", "f"] + [str(n) for n in range(10)]
TEXT = list("abcdghijklmnopqrstuvwxyz") + ["é", "ß", "ж", "中", "[", "]", "\\", "@", "=", "'", '"']
CHORDS = ["ctrl+c", "ctrl+z", "ctrl+backslash", "ctrl+p", "ctrl+s", "ctrl+a", "ctrl+x", "ctrl+v", "ctrl+l",
          "ctrl+w", "ctrl+u", "ctrl+d", "alt+x", "alt+f4", "ctrl+alt+delete", "shift+up", "ctrl+home",
          "f1", "f2", "f5", "f10", "f11", "f12"]
EXITS = ["escape", "ctrl+q"]


def storm_keys(rng: random.Random, n: int, pool_extra=()) -> list:
    pools = [(NAV, 40), (APP, 25), (TEXT, 25), (CHORDS, 10)]
    if pool_extra:
        pools.append((list(pool_extra), 3))
    keys, weights = [], []
    for pool, weight in pools:
        keys += pool
        weights += [weight / len(pool)] * len(pool)
    return rng.choices(keys, weights=weights, k=n)


async def blast(pilot, keys) -> None:
    """Queue keys as fast as a held-down key or a fist on the keyboard would, then let them settle."""
    from kiosk.ui.textual_private import simulated_key

    for key in keys:  # all queued before the first is handled (Pilot.press waits after each key)
        pilot.app.post_message(simulated_key(key))
    await keys_settled(pilot)  # every key is acted on, in order (none dropped)
    await settle(pilot)


async def settle(pilot, most: int = 40) -> None:
    """Wait (a bounded number of frames) until the screen the storm left is laid out: on a loaded
    machine the last screen pushed may still be composing two frames later."""
    from kiosk.ui.widgets.chrome import KioskBar

    app = pilot.app
    for _ in range(most):
        stack = app.screen_stack
        screen = stack[-1] if stack else None
        bars = list(screen.query(KioskBar)) if screen is not None and screen.is_mounted else []
        if screen is not None and (not hasattr(screen, "kiosk") or (bars and bars[0].region.width > 0)):
            return
        await pilot.pause()


def assert_chrome_intact(app, width: int, height: int) -> None:
    screen = app.screen
    assert isinstance(app.screen_stack[0], HomeScreen)
    assert isinstance(screen, KioskScreen)
    for button_id in ("#emergency-button", "#quick-exit-button"):
        button = screen.query_one(button_id)
        region = button.region
        assert region.y == 0 and region.width > 0 and region.right <= width, button_id


@pytest.mark.parametrize("storm", STORMS)
async def test_random_key_storm_personal_mode(app_factory, storm):
    rng = random.Random(SEED)
    app = app_factory()
    size = (80, 24)
    deepest = 0
    async with app.run_test(size=size) as pilot:
        keys = storm_keys(rng, storm)
        for start in range(0, len(keys), 50):
            await blast(pilot, keys[start:start + 50])
            assert app.is_running, f"the app stopped after key {start + 50}"
            assert_chrome_intact(app, *size)
            deepest = max(deepest, len(app.screen_stack))
        # Alive and responsive: one key opens Emergency from wherever the storm left it
        # (Ctrl+E works even in the search field), Home goes home, and `e` opens it again.
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("home")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        assert app.screen.query_one("#steps").region.height > 0
    assert deepest > 3  # the storm did get around (not stuck on one screen)


@pytest.mark.parametrize("storm", STORMS)
async def test_random_key_storm_kiosk_mode(app_factory, storm):
    """A shared terminal: Esc (quick exit), Ctrl+Q, ^C, ^Z and the admin key are in the storm too."""
    from kiosk.ui.screens.welcome import WelcomeScreen

    rng = random.Random(SEED + 3)
    app = app_factory(mode="kiosk")
    size = (80, 24)
    async with app.run_test(size=size) as pilot:
        keys = storm_keys(rng, storm, pool_extra=EXITS + ["ctrl+x"])
        for start in range(0, len(keys), 50):
            await blast(pilot, keys[start:start + 50])
            assert app.is_running, f"the app stopped after key {start + 50}"
            if isinstance(app.screen, WelcomeScreen):
                assert not app.in_visit
            else:
                assert_chrome_intact(app, *size)
        assert app.visits > 3  # Esc threw visits away and keys started new ones
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen) and not app.in_visit
        await pilot.press("e")  # one key, even from the welcome screen
        assert isinstance(app.screen, EmergencyScreen)


async def test_random_clicks_and_keys_never_break_the_bar(app_factory):
    """Clicks anywhere below the bar, mixed with keys, at a small size."""
    rng = random.Random(SEED + 1)
    app = app_factory()
    width, height = 60, 18
    async with app.run_test(size=(width, height)) as pilot:
        for _ in range(60):
            if rng.random() < 0.5:
                await pilot.click(offset=(rng.randrange(width), rng.randrange(1, height)))
            else:
                await blast(pilot, storm_keys(rng, 5))
            assert app.is_running
        await pilot.pause()
        assert_chrome_intact(app, width, height)
        await pilot.click("#emergency-button")
        assert isinstance(app.screen, EmergencyScreen)


# Sizes and resizes -----------------------------------------------------------------------
SIZES = [(20, 6), (24, 8), (40, 12), (80, 24), (132, 43), (200, 60)]
ROUTES = {
    "home": [],
    "topic": [home_key(shipped_pack(), "topic:symptoms")],
    "page": route(shipped_pack(), "treatment-medication"),  # a long page
    "search": ["slash", *"naloxone"],
    "emergency": ["e"],
    "find-help": ["f"],
    "keys": ["question_mark"],
}


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("route", sorted(ROUTES))
async def test_every_screen_at_every_size_keeps_its_content_reachable(app_factory, route, width, height):
    app = app_factory()
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.press(*ROUTES[route])
        await pilot.pause()
        assert_chrome_intact(app, width, height)
        # Whatever does not fit scrolls: every scrollable body can reach its last line.
        for body in app.screen.query("VerticalScroll, Menu"):
            if body.region.height == 0:
                continue  # squeezed out at this height; the bar and the keys still work
            for _ in range(5):  # a loaded machine may still be laying the list out: settle first
                body.scroll_end(animate=False)
                await pilot.pause()
                if body.scroll_y == body.max_scroll_y:
                    break
            assert body.scroll_y == body.max_scroll_y
            assert body.virtual_size.height <= body.max_scroll_y + body.scrollable_content_region.height + 1


async def test_resizing_while_reading_keeps_the_place_and_the_bar(app_factory):
    app = app_factory()
    rng = random.Random(SEED + 2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "treatment-medication"), "pagedown")
        page = app.screen
        for _ in range(25):
            width, height = rng.randint(20, 200), rng.randint(6, 60)
            await pilot.resize_terminal(width, height)
            await pilot.press(rng.choice(["pagedown", "pageup", "down", "up", "space"]))
            assert app.screen is page
            assert_chrome_intact(app, width, height)
        for width, height in [(20, 6), (200, 60), (20, 60), (200, 6), (80, 24)]:
            await pilot.resize_terminal(width, height)
            assert_chrome_intact(app, width, height)
        await pilot.press("e")
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.resize_terminal(20, 6)
        assert_chrome_intact(app, 20, 6)
        await pilot.press("backspace")
        assert app.screen is page
