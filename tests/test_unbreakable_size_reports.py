"""Issue 22 item 6: in-band size reports typed as input (`ESC[48;1;1;0;0t`; `ESC[?2048;1$y` and then
a real resize) made the kiosk draw at 1x1 or 1000x500 and ignore real resizes, across visits. The
size comes only from the terminal itself (TIOCGWINSZ, on SIGWINCH): the kiosk never asks for
in-band reports, so none it reads is an answer, and a report in the input never sets the size."""

from __future__ import annotations

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
