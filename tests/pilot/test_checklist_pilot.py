"""Pilot tests: the appointment checklist (ticks and notes, in memory only)."""

from __future__ import annotations

from textual.widgets import Input

from kiosk.ui.screens.checklist import ChecklistScreen
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.takeaway import TakeawayScreen
from kiosk.ui.widgets.menu import Menu
from kiosk.ui.widgets.tick import Tick


async def open_checklist_from_home(app, pilot) -> None:
    menu = app.screen.query_one("#home-menu", Menu)
    index = next(i for i in range(menu.option_count) if menu.get_option_at_index(i).id == "screen:checklist")
    menu.focus()
    menu.highlighted = index
    await pilot.press("enter")
    await pilot.pause()


async def test_home_opens_the_checklist_with_the_seeds_items(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checklist_from_home(app, pilot)
        assert isinstance(app.screen, ChecklistScreen)
        ticks = list(app.screen.query(Tick))
        assert len(ticks) == 8
        assert ticks[0].label.startswith("A short list of what you use")
        assert not any(t.ticked for t in ticks)
        assert app.focused is ticks[0]


async def test_space_and_click_tick_and_untick_and_enter_goes_to_the_note(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("checklist")
        await pilot.pause()
        await pilot.press("space")  # first item
        assert app.visit.checklist == {"what-you-use": ""}
        await pilot.press("down", "down", "space")  # second item (past the first note)
        assert set(app.visit.checklist) == {"what-you-use", "last-use"}
        await pilot.press("enter")  # Enter: to the item's note, ticks unchanged
        assert app.focused is app.screen.query_one("#note-last-use", Input)
        assert set(app.visit.checklist) == {"what-you-use", "last-use"}
        await pilot.click("#tick-overdoses")
        await pilot.pause()
        assert app.screen.query_one("#tick-overdoses", Tick).ticked
        assert set(app.visit.checklist) == {"what-you-use", "last-use", "overdoses"}
        await pilot.press("space")  # the clicked one has focus: untick it
        assert set(app.visit.checklist) == {"what-you-use", "last-use"}
        assert "[x] A short list" in str(app.screen.query_one("#tick-what-you-use", Tick).render())
        assert "[ ] Any overdoses" in str(app.screen.query_one("#tick-overdoses", Tick).render())


async def test_typing_a_note_ticks_the_item_and_keys_type_into_the_field(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("checklist")
        await pilot.pause()
        await pilot.press("down", "down", "down")  # the note of "last used"
        assert app.focused is app.screen.query_one("#note-last-use", Input)
        await pilot.press(*"yesterday, e.g. 6pm")  # y, e, s, t... are typed, not run as keys
        assert isinstance(app.screen, ChecklistScreen)
        assert app.visit.checklist == {"last-use": "yesterday, e.g. 6pm"}
        assert app.screen.query_one("#tick-last-use", Tick).ticked
        await pilot.press("backspace", "backspace", "backspace")
        assert app.visit.checklist == {"last-use": "yesterday, e.g."}
        await pilot.press("ctrl+e")  # emergency works from a text field
        assert isinstance(app.screen, EmergencyScreen)


async def test_unticking_keeps_the_note_on_screen_but_not_in_the_list(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("checklist")
        await pilot.pause()
        await pilot.press("down", *"heroin, smoked")
        assert app.visit.checklist == {"what-you-use": "heroin, smoked"}
        await pilot.press("up", "space")
        assert app.visit.checklist == {}
        assert app.screen.query_one("#note-what-you-use", Input).value == "heroin, smoked"
        await pilot.press("space")
        assert app.visit.checklist == {"what-you-use": "heroin, smoked"}


async def test_ticks_and_notes_survive_back_and_return_within_the_visit(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("checklist")
        await pilot.pause()
        await pilot.press("space", "down", *"a little")
        await pilot.press("shift+tab", "backspace")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.open_screen("checklist")
        await pilot.pause()
        assert app.screen.query_one("#tick-what-you-use", Tick).ticked
        assert app.screen.query_one("#note-what-you-use", Input).value == "a little"


async def test_t_takes_the_checklist_away(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("checklist")
        await pilot.pause()
        await pilot.press("space", "t")
        await pilot.pause()
        assert isinstance(app.screen, TakeawayScreen)
        assert app.screen.query_one("#choice-checklist", Tick)


async def test_esc_in_a_note_field_is_quick_exit(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("checklist")
        await pilot.pause()
        await pilot.press("down", *"methadone")
        assert app.visit.checklist and app.is_running
        await pilot.press("escape")  # even from inside a text field
        await pilot.pause()
        assert not app.is_running  # personal mode: the app (and the visit with it) is gone
