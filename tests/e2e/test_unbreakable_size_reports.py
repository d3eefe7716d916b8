"""Issue 22 item 6: in-band size reports typed as input (`ESC[48;1;1;0;0t`; `ESC[?2048;1$y` and then
a real resize) made the kiosk draw at 1x1 or 1000x500 and ignore real resizes, across visits. The
size comes only from the terminal itself (TIOCGWINSZ, on SIGWINCH): the kiosk never asks for
in-band reports, so none it reads is an answer, and a report in the input never sets the size."""

from __future__ import annotations

import time

from support import needs_tmux
from test_unbreakable_e2e import HOME, WELCOME, hex_of
from textual import events

from kiosk.terminal.driver import KeyReader, KioskDriver

REAL = (80, 24)


def sizes(messages) -> list:
    return [tuple(m.size) for m in messages if isinstance(m, events.Resize)]


def test_a_typed_size_report_never_sets_the_size():
    reader = KeyReader(size=lambda: REAL)
    got = reader.feed(b"\x1b[48;1;1;0;0t") + reader.feed(b"\x1b[48;500;1000;0;0t")
    assert set(sizes(got)) <= {REAL}


def test_a_typed_in_band_answer_turns_nothing_on():
    reader = KeyReader(size=lambda: REAL)
    got = reader.feed(b"\x1b[?2048;1$y") + reader.feed(b"\x1b[?2048;2$y")
    assert [m for m in got if not isinstance(m, events.Key)] == []


def test_the_kiosk_never_asks_for_in_band_size_reports():
    written: list = []
    driver = object.__new__(KioskDriver)  # only the query is exercised: no terminal, no app
    driver.write = written.append  # type: ignore[method-assign]
    driver._query_in_band_window_resize()
    driver._enable_in_band_window_resize()
    assert not any("2048" in text for text in written)


@needs_tmux
def test_typed_size_reports_change_nothing_in_a_real_terminal(kiosk_tmux):
    t = kiosk_tmux("--mode kiosk")
    t.wait_for(WELCOME)
    t.keys("Space")
    t.wait_for(HOME)
    t.keys("-H", *hex_of(b"\x1b[48;1;1;0;0t"))  # "the terminal is 1x1"
    t.keys("-H", *hex_of(b"\x1b[?2048;1$y"))  # "in-band resize is on": SIGWINCH would be ignored
    t.keys("/")
    t.wait_for("Results appear as you type")  # still drawn, at the real size
    assert max(len(line) for line in t.screen().splitlines()) > 60
    t.resize(50, 20)  # a real resize is still followed
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and max(len(line.rstrip()) for line in t.screen().splitlines()) > 50:
        time.sleep(0.05)
    lines = t.screen().splitlines()
    assert "Results appear" in t.screen() and max(len(line.rstrip()) for line in lines) <= 50
