"""Issue 16 items 3, 11, 12: the administrator prompt cannot be raced, left open or brute-forced."""

from __future__ import annotations

import io
import time

import pytest

import kiosk.ui.screens.admin as admin
from kiosk.data.secret import hash_secret, run_hash_secret, verify_secret
from kiosk.ui.screens.admin import AdminExitScreen, delay_after
from kiosk.ui.screens.welcome import WelcomeScreen

FAST = 1000
SECRET = "open sesame"
ADMIN_KEY = "ctrl+x"


@pytest.fixture
def app(app_factory, monkeypatch):
    monkeypatch.setattr(AdminExitScreen, "base_delay", 0.2)
    return app_factory(mode="kiosk", exit_secret_hash=hash_secret(SECRET, iterations=FAST))


async def settle(pilot, until, seconds: float = 3.0) -> None:
    deadline = time.monotonic() + seconds
    while not until() and time.monotonic() < deadline:
        await pilot.pause(0.02)


def field(app):
    return app.screen.query_one("#admin-secret")


# Item 3: races ----------------------------------------------------------------------------------------
async def test_esc_while_the_secret_is_being_checked_never_ends_the_app(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(ADMIN_KEY)
        for attempt in range(3):
            await pilot.press(*"nope", "enter")
            if attempt < 2:
                await settle(pilot, lambda: not field(app).disabled)
        await pilot.press("escape")  # during the third check (it waits 0.4 s first)
        await pilot.pause(1.0)
        assert app.is_running and isinstance(app.screen, WelcomeScreen) and len(app.screen_stack) == 1
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "EmergencyScreen"


async def test_a_key_and_the_admin_key_in_one_burst_never_end_the_app(app):
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("space", "a", "e"):
            app._driver.process_message(__import__("textual.events", fromlist=["Key"]).Key(key, key if key != "space" else " "))
            await pilot.press(ADMIN_KEY)
            await pilot.pause(0.3)
            await pilot.press("escape")
            await pilot.pause(0.2)
        assert app.is_running and isinstance(app.screen, WelcomeScreen)


# Item 11: the prompt does not stay, and e opens Emergency from it ----------------------------------------------
async def test_the_prompt_closes_itself_when_left_alone(app, monkeypatch):
    monkeypatch.setattr(admin, "IDLE_CLOSE_SECONDS", 1.5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(ADMIN_KEY)
        opened = time.monotonic()
        assert isinstance(app.screen, AdminExitScreen)
        await pilot.pause(1.0)
        await pilot.press("x")  # a key restarts the wait
        typed = time.monotonic()
        await pilot.pause(0.8)
        if time.monotonic() - typed < 1.4:  # (a loaded machine may stretch the pauses)
            assert isinstance(app.screen, AdminExitScreen), time.monotonic() - opened
        await settle(pilot, lambda: not isinstance(app.screen, AdminExitScreen))
        assert isinstance(app.screen, WelcomeScreen) and app.is_running
        assert time.monotonic() - typed >= 1.4


async def test_e_in_the_empty_prompt_opens_emergency_and_types_e_otherwise(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(ADMIN_KEY, "x", "e")
        assert isinstance(app.screen, AdminExitScreen) and field(app).value == "xe"
        await pilot.press("escape", ADMIN_KEY, "e")
        await pilot.pause()
        assert type(app.screen).__name__ == "EmergencyScreen"
        assert not any(isinstance(s, AdminExitScreen) for s in app.screen_stack)
        await pilot.press(ADMIN_KEY, "e")  # from inside a visit too
        await pilot.pause()
        assert type(app.screen).__name__ == "EmergencyScreen"
        assert not any(isinstance(s, AdminExitScreen) for s in app.screen_stack)


# Item 12: brute force -------------------------------------------------------------------------------------
def test_the_delay_grows_and_is_bounded():
    assert [delay_after(n) for n in range(5)] == [0, 1, 2, 4, 8]
    assert delay_after(100) == admin.MAX_DELAY


async def test_the_delay_survives_closing_and_reopening_the_prompt(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(ADMIN_KEY, *"nope", "enter")
        await settle(pilot, lambda: getattr(app, "admin_failures", 0) == 1)
        await pilot.press("escape", ADMIN_KEY)  # closed and opened again: a fresh prompt
        assert isinstance(app.screen, AdminExitScreen) and app.screen.tries == 0
        started = time.monotonic()
        await pilot.press(*"nope", "enter")
        await settle(pilot, lambda: app.admin_failures == 2)
        assert time.monotonic() - started >= 0.2  # the second wrong secret waited
        started = time.monotonic()
        await pilot.press(*"nope", "enter")
        await settle(pilot, lambda: app.admin_failures == 3)
        assert time.monotonic() - started >= 0.35  # and the third longer
        await pilot.press(ADMIN_KEY, *SECRET, "enter")  # the right secret still works, after its wait
        await settle(pilot, lambda: not app.is_running, seconds=5)
    assert app.return_code == 10


async def test_a_pasted_megabyte_is_cut_to_the_field_limit(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(ADMIN_KEY)
        from textual import events

        started = time.monotonic()
        app.screen.query_one("#admin-secret").post_message(events.Paste("x" * 1_000_000))
        await pilot.pause()
        assert len(field(app).value) == 200  # what fits
        await pilot.press("escape")
        await pilot.pause()
        assert time.monotonic() - started < 2 and isinstance(app.screen, WelcomeScreen)


@pytest.mark.parametrize("weak", ["short", " " * 12, "   ab   cd   ", "exit-secret-long", "x" * 201, "tab\tin secret"])
def test_hash_secret_refuses_weak_secrets(weak):
    out, err = io.StringIO(), io.StringIO()
    assert run_hash_secret(stdin=io.StringIO(weak + "\n"), out=out, err=err) == 1
    assert out.getvalue() == "" and "nothing printed" in err.getvalue()


def test_hash_secret_accepts_a_good_one():
    out = io.StringIO()
    assert run_hash_secret(stdin=io.StringIO("Open sesame 42\n"), out=out, err=io.StringIO()) == 0
    assert verify_secret("Open sesame 42", out.getvalue().strip())
