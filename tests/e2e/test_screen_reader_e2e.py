"""Screen readers, end to end (issue 28): the installed kiosk in a real terminal (tmux) under
TERM=linux, as speakup or fenrir would see it: where the terminal cursor is, whether it shows, and
what the kiosk writes while nobody presses a key."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support import KIOSK, Terminal, needs_tmux

pytestmark = [needs_tmux, pytest.mark.slow]


def start(tmp_path: Path, *flags: str) -> Terminal:
    command = (f"cd {tmp_path} && exec env -i TERM=linux HOME={tmp_path} PATH=/usr/bin:/bin "
               f"{KIOSK} {' '.join(flags)}; sleep 30")
    return Terminal(["sh", "-c", command], width=80, height=24)


def cursor(t: Terminal) -> tuple:
    x, y = t.value("#{cursor_x},#{cursor_y}").split(",")
    return int(x), int(y)


def wait_cursor_on(t: Terminal, words: str, timeout: float = 10.0) -> str:
    """Until the cursor's row shows `words`; that row."""
    deadline = time.monotonic() + timeout
    row = ""
    while time.monotonic() < deadline:
        lines = t.screen().split("\n")
        y = cursor(t)[1]
        row = lines[y] if y < len(lines) else ""
        if words in row:
            return row
        time.sleep(0.05)
    raise AssertionError(f"the cursor is on {row!r}, not on {words!r}:\n{t.screen()}")


def bytes_written_while_idle(t: Terminal, tmp_path: Path, seconds: float) -> int:
    """What the kiosk writes to its terminal in `seconds` with no key pressed."""
    log = tmp_path / f"pane-{time.monotonic_ns()}.out"
    t._tmux("pipe-pane", "-o", "-t", t.name, f"cat > {log}")
    time.sleep(seconds)  # measuring a quiet period: the time is the measurement, not a wait for a state
    t._tmux("pipe-pane", "-t", t.name)
    return log.stat().st_size if log.exists() else 0


def settle(t: Terminal, tmp_path: Path, timeout: float = 15.0) -> None:
    """Until the start-up frames are written: a half-second with no output."""
    deadline = time.monotonic() + timeout
    while bytes_written_while_idle(t, tmp_path, 0.5):
        assert time.monotonic() < deadline, "the kiosk never stopped writing"


def test_cursor_follows_the_highlighted_item(tmp_path):
    t = start(tmp_path)
    try:
        t.wait_for("1-9 Pick")
        first = wait_cursor_on(t, "1 ")
        t.send("Down")
        second = wait_cursor_on(t, "2 ")
        assert first != second
        t.send("Down", "Down")
        wait_cursor_on(t, "4 ")
        t.send("e")
        t.wait_for("Guide me")
        wait_cursor_on(t, "Guide me")  # Enter starts the guide: the cursor says so
    finally:
        t.close()


def test_screen_reader_mode_shows_the_cursor_and_stays_quiet(tmp_path):
    t = start(tmp_path, "--screen-reader")
    try:
        t.wait_for("Quick exit")
        wait_cursor_on(t, "1 ")
        assert t.value("#{cursor_flag}") == "1"  # visible: speakup and fenrir follow it
        settle(t, tmp_path)
        assert bytes_written_while_idle(t, tmp_path, 2.0) == 0  # home, idle
        t.send("/")
        t.wait_for("Type a word")
        settle(t, tmp_path)
        assert bytes_written_while_idle(t, tmp_path, 2.0) == 0  # no blinking field cursor
    finally:
        t.close()


def test_without_screen_reader_mode_the_search_field_blinks(tmp_path):
    """The measurement above can see output: the default kiosk's blinking field writes while idle."""
    t = start(tmp_path)
    try:
        t.wait_for("Quick exit")
        t.send("/")
        t.wait_for("Type a word")
        assert bytes_written_while_idle(t, tmp_path, 2.0) > 0  # a blink each half second: never quiet
    finally:
        t.close()
