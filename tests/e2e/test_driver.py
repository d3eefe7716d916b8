"""The kiosk's terminal driver: Esc arrives fast, arrow keys are never mistaken for Esc, exit is prompt."""

from __future__ import annotations

import sys
import time

import pytest
from support import KIOSK, Terminal, needs_tmux

from kiosk.terminal.driver import KioskDriver


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux/macOS driver")
def test_the_app_uses_the_kiosk_driver(app_factory):
    assert app_factory().get_driver_class() is KioskDriver


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux/macOS driver")
async def test_ctrl_z_locked_at_start_stays_locked_when_the_driver_is_made(app_factory):
    """Kiosk mode ignores Ctrl+Z from its first line (kiosk/entry.py); Textual's driver would put its
    suspend handler back before the terminal is raw, and a ^Z then stopped the kiosk mid-start."""
    import signal

    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        signal.signal(signal.SIGTSTP, signal.SIG_IGN)
        KioskDriver(app_factory(mode="kiosk"))
        assert signal.getsignal(signal.SIGTSTP) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGCONT) == signal.SIG_DFL
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)  # personal mode: Textual's own handler, as before
        KioskDriver(app_factory())
        assert signal.getsignal(signal.SIGTSTP) not in (signal.SIG_IGN, signal.SIG_DFL)
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux/macOS driver")
async def test_a_ctrl_z_in_textuals_window_at_start_does_nothing_in_kiosk_mode(app_factory, monkeypatch):
    """Textual's suspend handler is in place for a moment while its driver is made (before the
    kiosk puts Ctrl+Z back to ignored): a ^Z landing then ran Textual's suspend on a terminal not
    set up yet, "unexpected error AssertionError ... suspend_application_mode", exit 1 (CI: Ctrl+C,
    Ctrl+\\, Ctrl+Z storm at start-up). What that handler does, where Ctrl+Z is locked: nothing."""
    import os
    import signal

    stops: list = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: stops.append(sig))  # never really stop the test
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        signal.signal(signal.SIGTSTP, signal.SIG_IGN)
        driver = KioskDriver(app_factory(mode="kiosk"))
        monkeypatch.setattr(driver, "suspend_application_mode", lambda: stops.append("suspend"))
        monkeypatch.setattr(driver, "resume_application_mode", lambda: stops.append("resume"))
        driver._sigtstp_application()
        driver._sigcont_application()
        assert stops == []
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


@needs_tmux
def test_arrow_keys_are_not_read_as_esc_and_esc_leaves_at_once(tmp_path):
    term = Terminal(["sh", "-c", f"cd {tmp_path} && exec {KIOSK}; sleep 30"])
    try:
        term.wait_for("What is heroin dependence?")
        time.sleep(0.5)  # keys sent mid-start-up can be lost
        for key in ("Down", "Down", "Up", "F5", "Right", "S-Tab", "Tab"):
            term.send(key)  # each is an escape sequence starting with ESC
        term.send("Enter")
        term.wait_for("How it may feel day-to-day")  # the Symptoms menu: 2nd item, nothing quit
        term.send("Escape")
        deadline = time.monotonic() + 5
        while "EMERGENCY" in term.screen() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert "EMERGENCY" not in term.screen()
    finally:
        term.close()
