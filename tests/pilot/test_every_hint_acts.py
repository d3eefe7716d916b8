"""Issue 26 (point 8): every key hint shown acts, and every scroll key scrolls. Hints that did
nothing: Backspace and Home on the home screen, Enter on the guide's last step, PgDn on a
self-check result that fits; after the dose timer PgDn/End did not scroll step 10 until Tab."""

from __future__ import annotations

from typing import List

from support import DoseClock, dose_in_the_guide, screen_text

from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.widgets.keyhints import KeyHints


async def hints(pilot) -> List[str]:
    """The footer's hints as shown ("Backspace Back", "Home Main menu", ...)."""
    await pilot.pause()
    await pilot.pause()  # the footer recomposes after a refresh
    footer = pilot.app.screen.query(KeyHints).first()
    return [f"{h.key} {h.description}" for h in footer.children]


def keys_of(shown: List[str]) -> List[str]:
    return [h.split(" ", 1)[0] for h in shown]


async def test_home_shows_no_back_and_no_home(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await hints(pilot)
        assert "backspace" not in keys_of(shown) and "home" not in keys_of(shown), shown
        await pilot.press("f")  # one screen in: both act, both are shown
        shown = await hints(pilot)
        assert "backspace" in keys_of(shown) and "home" in keys_of(shown), shown


async def test_the_last_step_of_the_guide_shows_no_next(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        guided = app.screen
        assert isinstance(guided, GuidedScreen)
        assert "enter" in keys_of(await hints(pilot))
        while guided.can_go_next():
            await pilot.press("enter")
        assert "10 of 10" in screen_text(app) or not guided.can_go_next()
        assert "enter" not in keys_of(await hints(pilot))


async def test_pgdn_on_a_self_check_result_shows_only_where_it_scrolls(app_factory):
    for size in ((80, 24), (80, 50)):
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            app.open_screen("selfcheck")
            await pilot.pause()
            for _ in range(30):
                if app.screen.query_one("#sc-switcher").current == "sc-result":
                    break
                await pilot.press("n")
            view = app.screen.query_one("#sc-result-text")
            shown = "pagedown" in keys_of(await hints(pilot))
            assert shown == (view.max_scroll_y > 0), (size, view.max_scroll_y)
            if shown:  # it acts: the result scrolls
                await pilot.press("pagedown")
                await pilot.pause()
                assert view.scroll_y > 0


async def test_after_the_dose_timer_pgdn_and_end_scroll_the_step(app_factory):
    clock = DoseClock()
    app = app_factory(clock=clock, wall_clock=clock.now)
    async with app.run_test(size=(40, 20)) as pilot:
        guided = await dose_in_the_guide(pilot, app)  # the timer view
        assert guided.showing_timer
        await pilot.press("backspace")  # back to the steps
        await pilot.pause()
        assert not guided.showing_timer
        while guided.can_go_next():
            await pilot.press("enter")
        scroll = guided.query_one("#step-scroll")
        await pilot.pause()
        assert scroll.max_scroll_y > 0  # step 10 is longer than a 40x20 screen
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
