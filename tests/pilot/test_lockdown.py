"""Kiosk-mode lockdown: no key ends, suspends or escapes the app; signals; admin exit (issue 4)."""

from __future__ import annotations

import asyncio
import io
import os
import signal

import pytest
from support import route, screen_text, wait_until

from kiosk import cli
from kiosk.data.config import load_config
from kiosk.data.keys import keys_for
from kiosk.data.secret import ADMIN_EXIT_STATUS, hash_secret, run_hash_secret, verify_secret
from kiosk.terminal import error_report
from kiosk.terminal import signals as lockdown
from kiosk.ui.app import KioskApp
from kiosk.ui.screens.admin import AdminExitScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.screens.search import SearchInput
from kiosk.ui.screens.welcome import WelcomeScreen

ADMIN_KEY = keys_for("admin_exit", "lockdown")[0]

ESCAPE_KEYS = ["ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+d", "ctrl+p", "q", "ctrl+s",
               "ctrl+w", "ctrl+n", "alt+f4", "ctrl+alt+delete", "f13", "f24"] + [f"f{n}" for n in range(1, 13)]


LOCKED_KEYS = {"ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+p"}


@pytest.mark.parametrize("where", ["welcome", "page", "search-field"])
async def test_no_key_ends_or_suspends_the_app(app_factory, where):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        if where != "welcome":
            await pilot.press("space", *route(app.pack, "symptoms-core"))
        if where == "search-field":
            await pilot.press("slash", *"abc")
        expected = type(app.screen)
        for key in ESCAPE_KEYS:
            await pilot.press(key)
            assert app.is_running, key
            assert app.return_code is None, key
            if where == "welcome" and not isinstance(app.screen, WelcomeScreen):
                # Any other key starts a visit ("Press any key to start"); the keys the kiosk locks
                # (Ctrl+C, Ctrl+Z, Ctrl+\, Ctrl+Q, Ctrl+P) do nothing there, as everywhere (issue 24).
                assert key not in LOCKED_KEYS, f"{key} started a visit"
                await pilot.press("escape")  # go back for the next
            else:
                assert isinstance(app.screen, expected), key
        await pilot.press(*["tab"] * 30, *["shift+tab"] * 10)  # a Tab storm
        assert app.is_running
        assert not app.screen_stack[0].is_modal
        assert app.clipboard == ""  # ctrl+c never copied anything


async def test_command_palette_and_text_selection_are_off(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "ctrl+p")
        assert isinstance(app.screen, HomeScreen)
        assert app.ENABLE_COMMAND_PALETTE is False
        assert app.ALLOW_SELECT is False
        app.copy_to_clipboard("secret words")
        assert app.clipboard == ""


async def test_personal_mode_still_quits_on_ctrl_q(app_factory):
    app = app_factory()
    assert type(app) is KioskApp
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


# Administrator exit ---------------------------------------------------------------------
FAST = 1000  # iterations for tests; the real default is far higher


def test_hash_format_matches_the_config_pattern_and_verifies(tmp_path):
    encoded = hash_secret("correct horse", iterations=FAST)
    algorithm, iterations, salt, digest = encoded.split("$")
    assert algorithm == "pbkdf2_sha256" and iterations == str(FAST) and len(salt) == 32 and len(digest) == 64
    assert verify_secret("correct horse", encoded)
    assert not verify_secret("correct horsE", encoded)
    assert hash_secret("correct horse", iterations=FAST) != encoded  # salted
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text(f'mode = "kiosk"\nexit_secret_hash = "{encoded}"\n')
    config, errors = load_config(config_file)
    assert errors == [] and config.exit_secret_hash == encoded


@pytest.mark.parametrize("bad", [None, "", "nonsense", "pbkdf2_sha256$x$00$00", "md5$1000$00ff$00ff",
                                 "pbkdf2_sha256$99999999999$00ff$00ff", "pbkdf2_sha256$1000$$00ff"])
def test_malformed_hashes_never_match(bad):
    assert not verify_secret("anything", bad)


def test_hash_secret_cli_reads_stdin_and_prints_only_the_hash():
    out, err = io.StringIO(), io.StringIO()
    assert run_hash_secret(stdin=io.StringIO("a long secret\n"), out=out, err=err) == 0
    printed = out.getvalue().strip()
    assert printed.startswith("pbkdf2_sha256$600000$") and "a long secret" not in out.getvalue() + err.getvalue()
    assert verify_secret("a long secret", printed)
    assert run_hash_secret(stdin=io.StringIO("short\n"), out=io.StringIO(), err=err) == 1


async def test_admin_exit_with_the_right_secret(app_factory, monkeypatch):
    monkeypatch.setattr(AdminExitScreen, "base_delay", 0.01)  # the growing delay: tests/pilot/test_unbreakable_admin.py
    app = app_factory(mode="kiosk", exit_secret_hash=hash_secret("open sesame", iterations=FAST))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", ADMIN_KEY)
        assert isinstance(app.screen, AdminExitScreen)
        await pilot.press(*"wrong one", "enter")
        await wait_until(pilot, lambda: "Not accepted" in screen_text(app))  # checked in a thread
        assert app.is_running and isinstance(app.screen, AdminExitScreen)
        assert app.screen.query_one("#admin-secret").value == ""
        await pilot.press(*"open sesame", "enter")
        for _ in range(50):
            if not app.is_running:
                break
            await pilot.pause(0.01)
    assert app.return_code == ADMIN_EXIT_STATUS


async def test_admin_prompt_closes_after_three_wrong_tries_and_esc_leaves_it(app_factory, monkeypatch):
    monkeypatch.setattr(AdminExitScreen, "base_delay", 0.01)  # the growing delay: tests/pilot/test_unbreakable_admin.py
    app = app_factory(mode="kiosk", exit_secret_hash=hash_secret("open sesame", iterations=FAST))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(ADMIN_KEY)  # from the welcome screen too
        assert isinstance(app.screen, AdminExitScreen)
        for _ in range(3):
            await pilot.press(*"nope", "enter")
            for _ in range(50):
                await pilot.pause(0.01)
                if not isinstance(app.screen, AdminExitScreen) or not app.screen.query_one("#admin-secret").disabled:
                    break
        assert isinstance(app.screen, WelcomeScreen) and app.is_running
        await pilot.press("space", *route(app.pack, "symptoms-core"), ADMIN_KEY, *"op", "escape")
        assert isinstance(app.screen, WelcomeScreen) and app.screen_stack == [app.screen]
        await pilot.press(ADMIN_KEY, "escape")
        assert app.screen_stack == [app.screen] and isinstance(app.screen, WelcomeScreen)
        await pilot.press(ADMIN_KEY, "space")  # a key meant to start a visit: the prompt goes first
        assert isinstance(app.screen, AdminExitScreen)  # no: typing goes into the prompt
        await pilot.press("ctrl+e")
        assert app.screen_stack[0].__class__ is HomeScreen
        assert not any(isinstance(s, AdminExitScreen) for s in app.screen_stack)


async def test_without_a_secret_there_is_no_in_app_exit(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", *route(app.pack, "symptoms-core"), ADMIN_KEY)
        assert isinstance(app.screen, PageScreen) and app.is_running


# Signals ------------------------------------------------------------------------------------
def restore(previous) -> None:
    """Put back what `lockdown.install` replaced (the kiosk itself never needs to)."""
    loop = asyncio.get_running_loop()
    for sig, handler in previous.items():
        if sig in (signal.SIGTERM, signal.SIGHUP):
            loop.remove_signal_handler(sig)
        if handler is not None:
            signal.signal(sig, handler)


@pytest.fixture
def sigint_default():
    """Start from Python's usual Ctrl+C handler: a CI job started in the background inherits
    SIGINT ignored, which would hide whether the kiosk changed it."""
    original = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, original)


async def test_signal_handlers_kiosk_mode(sigint_default):
    exits = []
    previous = lockdown.install(lambda: exits.append(1), kiosk_mode=True)
    try:
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTSTP) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGQUIT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGCONT) is signal.SIG_DFL  # the hang trap
        os.kill(os.getpid(), signal.SIGINT)  # ignored: no KeyboardInterrupt
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGHUP)
        for _ in range(100):
            if len(exits) == 2:
                break
            await asyncio.sleep(0.01)
        assert len(exits) == 2
    finally:
        restore(previous)
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN


async def test_signal_handlers_personal_mode_leave_ctrl_c_alone(sigint_default):
    previous = lockdown.install(lambda: None, kiosk_mode=False)
    try:
        assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN
        assert signal.SIGINT not in previous
    finally:
        restore(previous)


def test_allow_signals_and_every_textual_variable_are_dropped(monkeypatch):
    env = {"TEXTUAL_ALLOW_SIGNALS": "1", "TEXTUAL_PRESS": "q", "HOME": "/x"}  # ^C as SIGINT; injected keys
    monkeypatch.setattr(os, "environ", env)  # a copy: the test run's own TEXTUAL_* settings stay
    cli.clean_environment()
    assert env == {"HOME": "/x"}


# Unexpected errors ---------------------------------------------------------------------------
def test_error_report_names_type_and_place_never_message_or_locals():
    def handler(visitor_typed):
        raise KeyError(f"page for {visitor_typed}")

    try:
        handler("methadone clinic near me")
    except KeyError as error:
        report = error_report.safe_error_report(error)
    assert "KeyError" in report and "handler" in report and "test_lockdown.py" in report
    assert "methadone" not in report and "\n" not in report


async def test_an_error_in_the_app_exits_non_zero_without_a_traceback(app_factory):
    app = app_factory(mode="kiosk")
    shown = []
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            app.panic = lambda *renderables: shown.extend(renderables) or app._close_messages_no_wait()
            await pilot.press("space", "slash", *"heroin")

            def boom():
                secret_search = app.screen.query_one(SearchInput).value  # noqa: F841 (a local a traceback would show)
                raise RuntimeError("boom " + secret_search)

            app.call_later(boom)
            await pilot.pause()
    assert app.return_code == 1
    assert len(shown) == 1 and "RuntimeError" in str(shown[0]) and "heroin" not in str(shown[0])


def test_cli_run_errors_are_one_line_on_stderr(monkeypatch, capsys):
    import kiosk.factory

    def broken(**kwargs):
        raise ValueError("visit data that must not leak")

    monkeypatch.setattr(kiosk.factory, "make_app", broken)
    monkeypatch.setattr(cli, "clean_environment", lambda: None)
    assert cli.main(["--mode", "kiosk"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "ValueError" in captured.err and "leak" not in captured.err and captured.err.count("\n") == 1


def test_print_systemd_unit(capsys):
    assert cli.main(["--print-systemd-unit"]) == 0
    out = capsys.readouterr().out
    for needle in ("Restart=always", "TTYVTDisallocate=yes", "--autologin", "NAutoVTs=0", "ReserveVT=0",
                   "--mode kiosk", "StartLimitIntervalSec=0", "RestartPreventExitStatus=10"):
        assert needle in out, needle
