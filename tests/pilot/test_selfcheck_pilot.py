"""Pilot tests: the self-check's paths at 80x24, its keys, and that leaving wipes the answers."""

from __future__ import annotations

import pytest
from support import screen_text

from kiosk.ui.screens.checklist import ChecklistScreen
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.selfcheck import SelfCheckScreen
from kiosk.ui.widgets.menu import Menu

N_URGENT = 7



async def open_from_home(app, pilot, item_id: str) -> None:
    menu = app.screen.query_one("#home-menu", Menu)
    index = next(i for i in range(menu.option_count) if menu.get_option_at_index(i).id == item_id)
    menu.focus()
    menu.highlighted = index
    await pilot.press("enter")
    await pilot.pause()


async def answer_all(pilot, yes: int, urgent_yes: int = 0) -> None:
    await pilot.press(*(["y"] * yes + ["n"] * (11 - yes)))
    await pilot.press(*(["y"] * urgent_yes + ["n"] * (N_URGENT - urgent_yes)))
    await pilot.pause()


@pytest.mark.parametrize("yes, band", [(0, "Fewer than 2"), (3, "Mild"), (5, "Moderate"), (7, "Severe")])
async def test_paths_show_count_band_notes_and_next_steps(app_factory, yes, band):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_home(app, pilot, "screen:selfcheck")
        assert isinstance(app.screen, SelfCheckScreen)
        assert "Question 1 of 11" in screen_text(app)
        await answer_all(pilot, yes)
        screen = app.screen
        assert screen.showing_result
        shown = screen_text(app)
        assert f"{yes} of 11 apply to you" in shown
        assert f"{band}:" in shown
        assert "This is not a diagnosis" in shown
        assert "Seek help urgently" not in shown
        body = screen.query_one("#sc-result-text")
        texts = " ".join(str(w.render()) for w in body.children)
        assert "mild-to-severe continuum" in texts
        assert "Tolerance and withdrawal do not count" in texts
        menu = screen.query_one("#sc-next", Menu)
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        assert ids == ["screen:find-help", "screen:checklist", "screen:takeaway"]
        await pilot.press("enter")  # the first next step: Find help
        assert isinstance(app.screen, FindHelpScreen)
        await pilot.press("backspace")
        assert app.screen is screen and screen.showing_result  # the result is still there


async def test_an_urgent_yes_shows_urgent_guidance_first_and_emergency_first(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press(*(["n"] * 11), "n", "y", *(["n"] * 5))  # urgent sign 2: black out / hard to wake
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert "Seek help urgently" in lines[2]  # first thing under the heading
        assert any("hard to wake" in line for line in lines)
        menu = app.screen.query_one("#sc-next", Menu)
        assert menu.get_option_at_index(0).id == "screen:emergency"
        assert app.visit.selfcheck_urgent == {i: ("yes" if i == 1 else "no") for i in range(7)}
        await pilot.press("enter")
        assert isinstance(app.screen, EmergencyScreen)


async def test_arrows_enter_and_click_answer_too(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press("enter")  # Yes is highlighted first
        await pilot.press("down", "enter")  # No
        await pilot.press("down", "down", "enter")  # Skip
        await pilot.pause()
        await pilot.click("#sc-answers", offset=(3, 0))  # click on "Yes"
        await pilot.pause()
        assert app.visit.selfcheck == {0: "yes", 1: "no", 2: "skip", 3: "yes"}
        assert "Question 5 of 11" in screen_text(app)


async def test_backspace_goes_to_the_previous_question_and_remembers_the_answer(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press("y", "n", "s")
        await pilot.press("backspace")
        await pilot.pause()
        assert "Question 3 of 11" in screen_text(app)
        assert app.screen.query_one("#sc-answers").highlighted == 2  # "skip" was the answer
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert "Question 1 of 11" in screen_text(app)
        assert app.screen.query_one("#sc-answers").highlighted == 0
        await pilot.press("n")
        assert app.visit.selfcheck[0] == "no"


async def test_leaving_from_the_first_question_wipes_the_answers(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press("y", "y", "backspace", "backspace")
        assert app.visit.selfcheck  # answers still held while on the first question
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.visit.selfcheck == {} and app.visit.selfcheck_urgent == {}


async def test_leaving_the_result_wipes_the_answers(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await answer_all(pilot, 5, urgent_yes=1)
        assert app.visit.selfcheck and app.visit.selfcheck_urgent
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.visit.selfcheck == {} and app.visit.selfcheck_urgent == {}


async def test_home_from_the_middle_wipes_the_answers(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press("y", "y", "n")
        await pilot.press("home")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.visit.selfcheck == {}


async def test_emergency_over_the_selfcheck_keeps_its_place_and_answers(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press("y", "y", "e")  # emergency on top keeps the self-check underneath
        assert isinstance(app.screen, EmergencyScreen)
        assert app.visit.selfcheck == {0: "yes", 1: "yes"}
        await pilot.press("backspace")
        assert "Question 3 of 11" in screen_text(app)


async def test_result_leads_to_the_checklist(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await answer_all(pilot, 2)
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)


async def test_quick_exit_throws_the_answers_away(app_factory):
    """Quick exit ends the app in personal mode; the self-check screen goes, and its answers with it."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press("y", "y")
        visit = app.visit
        await pilot.press("escape")
        await pilot.pause()
    assert visit.selfcheck == {} and visit.selfcheck_urgent == {}


def test_snapshot_result_with_urgent_sign(app_factory, snap_compare):
    app = app_factory()

    async def run_before(pilot):
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press(*(["y"] * 4 + ["n"] * 4 + ["s"] * 3), "y", *(["n"] * 6))
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def test_snapshot_result_without_urgent_sign(app_factory, snap_compare):
    app = app_factory()

    async def run_before(pilot):
        app.open_screen("selfcheck")
        await pilot.pause()
        await pilot.press(*(["y"] * 3 + ["n"] * 8 + ["n"] * 7))
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


async def test_prescribed_answer_only_on_tolerance_and_withdrawal_and_not_counted(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        screen = app.screen
        answers = screen.query_one("#sc-answers")
        assert answers.option_count == 3
        await pilot.press("p")  # not offered on question 1: nothing happens
        assert screen.step == 0 and app.visit.selfcheck == {}
        await pilot.press(*"yyyyyyyyy")
        assert screen.step == 9
        assert answers.option_count == 4
        assert "only from opioids taken as prescribed" in screen_text(app)
        assert "p  Only from opioids taken as prescribed" in screen_text(app)
        await pilot.press("p")
        answers.highlighted = 3  # the click / arrow way gives the same answer
        await pilot.press("enter")
        assert app.visit.selfcheck[9] == app.visit.selfcheck[10] == "prescribed"
        await pilot.press("backspace")  # back on question 11: its answer is remembered
        assert answers.highlighted == 3
        await pilot.press("p", *"nnnnnnn")
        text = screen_text(app)
        assert "9 of 11 apply to you  (2 no)" in text and "Severe" in text
