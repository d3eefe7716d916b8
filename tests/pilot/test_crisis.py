"""The crisis screen (issue 11): region by region the right crisis line, reached from Find help,
the self-check, "When to seek help urgently"; its file checked strictly; quick exit leaves no
trace; it fits 80x24 and is usable at 40 columns."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from support import pack_with, terminal_text, topic_words_in
from textual.widgets import Digits, Static

from kiosk.data.config import Service
from kiosk.data.crisis import FALLBACK, load_crisis
from kiosk.data.helplines import load_default_helplines
from kiosk.ui.screens.crisis import CrisisScreen
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.findhelp import FindHelpScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.selfcheck import SelfCheckScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.shared_terminal.kiosk_mode import WELCOME

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

# region -> (country heading, crisis line name, number to call, number to text or None)
CRISIS = {
    "US": ("USA", "988 Suicide & Crisis Lifeline", "988", "988"),
    "CA": ("Canada", "9-8-8 Suicide Crisis Helpline", "988", "988"),
    "UK": ("UK", "Samaritans", "116 123", None),
    "IE": ("Ireland", "Samaritans", "116 123", None),
    "AU": ("Australia", "Lifeline", "13 11 14", "0477 13 11 14"),
    "NZ": ("New Zealand", "Need to talk? 1737", "1737", "1737"),
}
EMERGENCY_NUMBERS = {"US": "911", "CA": "911", "UK": "999", "IE": "112", "AU": "000", "NZ": "111"}
WORDS_OF_CRISIS = ("harming", "suicide", "crisis", "samaritans", "lifeline", "988", "116 123", "13 11 14", "1737", "need to talk")


def text(widget) -> str:
    return str(widget.render())


def body_text(app) -> str:
    return " ".join(text(w) for w in app.screen.query(Static) if w.display)


# --- the data -----------------------------------------------------------------------------------

def test_every_region_has_its_own_crisis_line_first_in_its_list():
    defaults, errors = load_default_helplines(CONTENT)
    assert errors == []
    groups = {g.region: g for g in defaults.groups}
    for region, (country, name, number, sms) in CRISIS.items():
        group = groups[region]
        assert group.country == country
        first = group.helplines[0]
        assert (first.name, first.number, first.text or None, first.crisis) == (name, number, sms, True), region
        assert [h.crisis for h in group.helplines].count(True) == 1, region
        assert defaults.crisis_line_for(region) == (country, first)
    assert defaults.crisis_line_for(None) is None and defaults.crisis_line_for("EU") is None
    assert len(defaults.crisis_lines()) == len(CRISIS)


def test_every_built_in_helpline_names_a_source_and_no_hours_are_guessed():
    import tomllib

    data = tomllib.loads((CONTENT / "helplines.toml").read_text(encoding="utf-8"))
    for line in data["helplines"]:
        assert len(line["source"]) > 20, line["name"]
    hse = next(h for h in data["helplines"] if h["number"] == "1800 459 459")
    # Clock times only with a source that gives them (issue 23: drugs.ie's opening-hours notice)
    assert hse["hours"] == "Monday to Friday, 9:30 to 17:30" and "drugs.ie" in hse["source"]


def test_shipped_crisis_file_loads_cleanly():
    crisis, errors = load_crisis(CONTENT)
    assert errors == [] and crisis != FALLBACK
    assert crisis.danger_text("999") == "If you are in danger now, call 999."
    assert crisis.danger_text("") == "If you are in danger now, call your local emergency number."


def test_broken_crisis_file_falls_back_and_names_file_line_and_key(tmp_path):
    shipped = (CONTENT / "crisis.toml").read_text(encoding="utf-8")
    line = shipped.splitlines().index('danger = "If you are in danger now, call {number}."') + 1
    (tmp_path / "crisis.toml").write_text(
        shipped.replace('danger = "If you are in danger now, call {number}."', 'danger = "Call someone."'),
        encoding="utf-8")
    crisis, errors = load_crisis(tmp_path)
    assert crisis == FALLBACK
    assert [(e.key, e.line) for e in errors] == [("danger", line)]
    assert "{number}" in errors[0].expected
    missing, errors = load_crisis(tmp_path / "nowhere")
    assert missing == FALLBACK and errors and "crisis.toml" in errors[0].file


def test_kiosk_check_reports_a_crisis_file_problem(tmp_path, capsys):
    from kiosk.cli import main

    pack = pack_with(tmp_path, "crisis.toml", text=(CONTENT / "crisis.toml").read_text(encoding="utf-8") + 'tilte = "x"\n')
    assert main(["--check", "--content", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "crisis.toml" in out and "tilte" in out


# --- region by region ------------------------------------------------------------------------

@pytest.mark.parametrize("region", sorted(CRISIS))
async def test_each_region_shows_its_own_crisis_line_large(app_factory, region):
    country, name, number, sms = CRISIS[region]
    app = app_factory(region=region)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FindHelpScreen)
        # Find help: the region's country first, its crisis line first in it.
        assert text(app.screen.query(".country").first()) == country
        assert text(app.screen.query(".helpline").first()).startswith(name + "\n  Call " + number)
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, CrisisScreen)
        assert screen.query_one(Digits).value == number  # large
        assert text(screen.query_one("#crisis-name")) == name
        shown = body_text(app)
        assert ("Text " + sms in shown) if sms else ("Text " not in shown)
        others = [n for r, (_, n, _, _) in CRISIS.items() if n not in name]
        assert not [n for n in others if n in shown]  # only its own line
        assert f"If you are in danger now, call {EMERGENCY_NUMBERS[region]}." in shown
        assert "call your local emergency number" not in shown


async def test_no_region_lists_every_countrys_crisis_line(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("crisis")
        await pilot.pause()
        screen = app.screen
        assert not screen.query(Digits)
        lines = [text(w) for w in screen.query(".crisis-line")]
        assert [line.split(":")[0] for line in lines] == [c for c, _, _, _ in CRISIS.values()]
        for (_, name, number, _), line in zip(CRISIS.values(), lines):
            assert name in line and "Call " + number in line
        # The danger line comes before the long list, in view without scrolling.
        danger = screen.query_one("#crisis-danger")
        assert "call your local emergency number" in text(danger)
        assert danger.region.bottom <= screen.query_one("#crisis-body").region.bottom


async def test_a_configured_emergency_number_is_the_one_to_call(app_factory):
    app = app_factory(region="UK", emergency_number="112")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("crisis")
        await pilot.pause()
        assert "If you are in danger now, call 112." in body_text(app)


# --- ways in --------------------------------------------------------------------------------------

async def answer_all(pilot, questions: str, urgent: str) -> None:
    await pilot.press(*questions, *urgent)
    await pilot.pause()


def shows_its_crisis_line(app, region) -> bool:
    """The region's own line, large; with no region, every country's line in a list."""
    if region is None:
        return not app.screen.query(Digits) and len(app.screen.query(".crisis-line")) == len(CRISIS)
    return app.screen.query_one(Digits).value == CRISIS[region][2] and CRISIS[region][1] in body_text(app)


@pytest.mark.parametrize("region", [*sorted(CRISIS), None])
async def test_the_self_harm_answer_reaches_the_crisis_screen(app_factory, region):
    app = app_factory(region=region)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await answer_all(pilot, "n" * 11, "nnnnnny")  # only the self-harm question: yes
        screen = app.screen
        assert isinstance(screen, SelfCheckScreen) and screen.showing_result
        urgent = text(screen.query_one("#sc-urgent"))
        assert "Thinking of harming yourself?" in urgent and "press e now" not in urgent
        options = [str(o.prompt) for o in screen.query_one("#sc-next").options]
        assert options[0] == "1 " + app.store.crisis.link
        assert not [o for o in options if "Emergency" in o]
        await pilot.press("1")
        assert isinstance(app.screen, CrisisScreen)
        assert shows_its_crisis_line(app, region)


async def test_an_overdose_sign_still_puts_emergency_first(app_factory):
    app = app_factory(region="UK")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        await answer_all(pilot, "n" * 11, "ynnnnny")  # an overdose, and the self-harm question
        options = [str(o.prompt) for o in app.screen.query_one("#sc-next").options]
        assert options[:2] == ["1 Emergency: what to do in an overdose", "2 " + app.store.crisis.link]
        assert "press e now" in text(app.screen.query_one("#sc-urgent"))
        await pilot.press("1")
        assert isinstance(app.screen, EmergencyScreen)


async def test_when_to_seek_help_links_to_emergency_crisis_and_find_help(app_factory):
    app = app_factory(region="NZ")
    async with app.run_test(size=(80, 24)) as pilot:
        for key, screen_type in (("1", EmergencyScreen), ("2", CrisisScreen), ("3", FindHelpScreen)):
            app.open_page("when-to-seek-help")
            await pilot.pause()
            links = [str(o.prompt) for o in app.screen.query_one("#links").options]
            assert links[:3] == ["1 Emergency: what to do in an overdose", "2 " + app.store.crisis.link,
                                 "3 " + app.store.crisis.find_help]
            await pilot.press(key)
            assert isinstance(app.screen, screen_type), key
            await pilot.press("home")


async def test_search_words_find_a_way_to_the_crisis_screen(app_factory):
    """"suicide" and "self-harm" find "When to seek help urgently", which links to it (issue 12
    adds the screen itself to the results)."""
    app = app_factory()
    async with app.run_test(size=(80, 24)):
        for word in ("suicide", "self-harm", "suicidal", "crisis"):
            results = app.store.search_index.search(word)
            ids = [r.page_id for r in results]
            assert "when-to-seek-help" in ids, word
        assert "crisis" in app.pack.page("when-to-seek-help").actions


async def test_crisis_screen_menu_leads_on(app_factory):
    app = app_factory(region="AU")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("crisis")
        await pilot.pause()
        await pilot.press("1")
        assert isinstance(app.screen, FindHelpScreen)
        await pilot.press("backspace", "2")
        assert isinstance(app.screen, EmergencyScreen)
        await pilot.press("backspace", "e")
        assert isinstance(app.screen, EmergencyScreen)  # e works here like everywhere


# --- quick exit and idle reset ----------------------------------------------------------------

@pytest.mark.parametrize("region", [*sorted(CRISIS), None])
async def test_kiosk_mode_quick_exit_from_the_crisis_screen_leaves_no_trace(app_factory, region):
    app = app_factory(mode="kiosk", region=region)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "f", "h")
        assert isinstance(app.screen, CrisisScreen)
        old_mode, old_visit = app.current_mode, app.visit
        assert shows_its_crisis_line(app, region)
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen) and app.screen_stack == [app.screen]
        assert app.current_mode == WELCOME and old_mode not in app._screen_stacks
        assert app.visit is not old_visit
        shown = terminal_text(app).lower()
        assert topic_words_in(shown) == [] and not [w for w in WORDS_OF_CRISIS if w in shown], shown
        await pilot.press("space")  # a new visit starts at home: no Back into the crisis screen
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_idle_reset_clears_the_crisis_screen(app_factory):
    from support import FakeClock

    clock = FakeClock()
    app = app_factory(mode="kiosk", region="NZ", clock=clock, idle_seconds=90, idle_warning_seconds=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        app.open_screen("crisis")
        await pilot.pause()
        for step in (90, 20):
            clock.advance(step)
            app.idle.fire()
            await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.screen_stack == [app.screen]
        shown = terminal_text(app).lower()
        assert not [w for w in WORDS_OF_CRISIS if w in shown]


async def test_personal_mode_quick_exit_from_the_crisis_screen_ends_at_once(app_factory):
    app = app_factory(region="US")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "h")
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running and app.cleared_on_exit


# --- sizes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("region", sorted(CRISIS))
async def test_fits_80x24_without_scrolling(app_factory, region):
    app = app_factory(region=region)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("crisis")
        await pilot.pause()
        body = app.screen.query_one("#crisis-body")
        assert body.max_scroll_y == 0, region  # everything, the two ways on included, in view
        menu = app.screen.query_one("#crisis-menu")
        assert menu.region.bottom <= body.region.bottom


@pytest.mark.parametrize("region", ["UK", "AU"])
async def test_usable_at_40_columns(app_factory, region):
    _, name, number, _ = CRISIS[region]
    app = app_factory(region=region)
    async with app.run_test(size=(40, 24)) as pilot:
        app.open_screen("crisis")
        await pilot.pause()
        screen = app.screen
        digits = screen.query_one(Digits)
        assert digits.value == number
        assert digits.region.right <= 40 and digits.region.bottom <= 23  # the number, whole, in view
        assert name in terminal_text(app)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        danger = screen.query_one("#crisis-danger")
        assert 0 < danger.region.y and danger.region.bottom <= 23  # scrolled into view
        assert "call " + EMERGENCY_NUMBERS[region] in text(danger)
        await pilot.press("1")  # the ways on work by digit whatever the scroll
        assert isinstance(app.screen, FindHelpScreen)


# --- Find help: open now first, the filter keeps places in view --------------------------------------

SERVICES = (
    Service("Day Clinic", offers=("methadone",), hours={d: "09:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")}),
    Service("Late Van", offers=("naloxone",), hours={"wed": "20:00-23:00"}),
    Service("Weekend Drop-in", offers=("naloxone",), hours={"sat": "10:00-14:00"}),
    Service("Pharmacy", offers=("naloxone", "methadone"), hours={d: "24h" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}),
)


def place_order(app):
    return [w.id for w in app.screen.query_one("#places").children]


async def test_open_now_lists_open_places_first_by_the_wall_clock(app_factory):
    clock = {"now": datetime(2026, 3, 4, 21, 0)}  # a Wednesday evening: the van and the pharmacy
    app = app_factory(region="UK", services=SERVICES, wall_clock=lambda: clock["now"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        screen = app.screen
        assert place_order(app) == ["service-0", "service-1", "service-2", "service-3"]
        await pilot.press("o")
        await pilot.pause()
        assert place_order(app) == ["service-1", "service-3", "service-0", "service-2"]
        assert screen.query_one("#open-first").has_class("selected")
        assert "Open places are listed first." in text(screen.query_one("#filter-status"))
        # Saturday noon, after coming back to the screen: the drop-in and the pharmacy are open.
        clock["now"] = datetime(2026, 3, 7, 12, 0)
        await pilot.press("question_mark", "backspace")
        await pilot.pause()
        assert place_order(app) == ["service-2", "service-3", "service-0", "service-1"]
        await pilot.press("o")  # off again: the config's order
        await pilot.pause()
        assert place_order(app) == ["service-0", "service-1", "service-2", "service-3"]
        assert not screen.query_one("#open-first").has_class("selected")


async def test_open_now_choice_is_offered_only_with_places(app_factory):
    app = app_factory(region="UK")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "o")
        assert not app.screen.query("#open-first")
        assert "In an emergency, call 999." in text(app.screen.query_one("#findhelp-emergency"))


async def test_find_help_shows_the_emergency_number_or_says_local(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert "your local emergency number" in text(app.screen.query_one("#findhelp-emergency"))


def places_in_view(app) -> list:
    """Names of the places shown whose name and status lines are both inside the visible body."""
    body = app.screen.query_one("#findhelp-body").region
    return [text(w).split("\n")[0] for w in app.screen.query(".service")
            if w.display and body.y <= w.region.y and w.region.y + 2 <= body.bottom]


@pytest.mark.parametrize("width", [80, 40])
async def test_a_filter_after_scrolling_keeps_each_place_in_view(app_factory, width):
    app = app_factory(region="UK", services=SERVICES, wall_clock=lambda: datetime(2026, 3, 4, 21, 0))
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("f", "end")  # read down to the helplines, past the places
        await pilot.pause()
        body = app.screen.query_one("#findhelp-body")
        assert body.scroll_y > 0 and places_in_view(app) == []
        await pilot.press("2")  # methadone: Day Clinic and Pharmacy
        await pilot.pause()
        assert places_in_view(app) == ["Day Clinic", "Pharmacy"]
        shown = terminal_text(app)
        assert "Closed now" in shown and "Open now, 24 hours" in shown  # each one's status
        assert "Places that offer methadone: 2 of 4" in shown  # and what the filter is
        await pilot.press("end", "1")  # naloxone: three places
        await pilot.pause()
        assert places_in_view(app) == ["Late Van", "Weekend Drop-in", "Pharmacy"]


@pytest.mark.parametrize("width", [80, 40])
async def test_a_filter_pressed_while_a_scroll_still_glides_keeps_the_places_in_view(app_factory, width):
    """End glides for a second; in a real terminal a digit pressed meanwhile used to be scrolled
    away by the rest of the glide (Pilot waits for it between keys, so both are started here)."""
    app = app_factory(region="UK", services=SERVICES, wall_clock=lambda: datetime(2026, 3, 4, 21, 0))
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()  # the list laid out before the glide starts (Pilot.press used to idle here)
        app.screen.query_one("#findhelp-body").action_scroll_end()
        app.screen.action_filter(1)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert places_in_view(app) == ["Late Van", "Weekend Drop-in", "Pharmacy"]
        assert app.screen.query_one("#filter-status").region.y >= app.screen.query_one("#findhelp-body").region.y


async def test_a_filter_from_the_top_keeps_the_filter_buttons_in_view(app_factory):
    app = app_factory(region="UK", services=SERVICES, wall_clock=lambda: datetime(2026, 3, 4, 21, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "2")
        await pilot.pause()
        body = app.screen.query_one("#findhelp-body").region
        assert body.y <= app.screen.query_one("#filter-2").region.y  # the choice just made, still in view
        assert places_in_view(app) == ["Day Clinic", "Pharmacy"]
