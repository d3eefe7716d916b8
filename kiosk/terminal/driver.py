"""A terminal driver whose Esc key arrives in ~25 ms instead of 100-200 ms, and that leaves the
terminal ~200 ms sooner on exit (quick exit must be instant).

A lone ESC byte may be the Esc key or the start of an escape sequence (an arrow key), so the
parser waits ESCAPE_DELAY for more bytes. Textual 8.2.8 waits 100 ms and then only notices
the timeout when its input thread's `select(0.1)` returns, so Esc took 100-200 ms. Here the
select wakes exactly when the parser's wait ends, and the wait is 25 ms unless the
administrator sets ESCDELAY (ms) for a slow serial or remote line. Local terminals and the
Linux console send a whole escape sequence in one write, so 25 ms is plenty.

On exit, Textual's input thread noticed the exit only when its `select(0.1)` timed out, then
slept another `select(0.1)` on an empty selector: up to 200 ms before the screen was restored.
Here a pipe wakes the thread at once and the last select does not wait.

Only `run_input_thread` and `disable_input` differ from Textual's LinuxDriver (pinned: textual==8.2.8).
"""

from __future__ import annotations

import os
import selectors
import signal
import termios
from codecs import getincrementaldecoder
from typing import List, Tuple

from textual import constants
from textual.drivers.linux_driver import LinuxDriver

from kiosk.ui.textual_private import ParseError, XTermParser, get_time, loop_last, parser_deadline

ESCAPE_DELAY = 0.025  # seconds; used unless ESCDELAY is set


def escape_delay() -> float:
    """Textual reads ESCDELAY (ms) itself; without it, use the kiosk's shorter delay."""
    return constants.ESCAPE_DELAY if os.environ.get("ESCDELAY") else ESCAPE_DELAY


class KioskDriver(LinuxDriver):
    _wake = None  # (read, write) ends of the pipe that wakes the input thread on exit

    def run_input_thread(self) -> None:
        """Textual's input loop, but the select wakes when a pending Esc times out, and at once on exit."""
        constants.ESCAPE_DELAY = escape_delay()  # type: ignore[misc]  # read by the parser per ESC
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        self._wake = os.pipe()  # closed by disable_input, after the thread has ended
        wake_r = self._wake[0]
        selector.register(wake_r, selectors.EVENT_READ)
        fileno = self.fileno
        EVENT_READ = selectors.EVENT_READ
        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick
        decode = getincrementaldecoder("utf-8")().decode
        read = os.read

        def wait() -> float:
            due = parser_deadline(parser)
            if due is None:
                return 0.1
            return min(0.1, max(0.0, due - get_time()))

        def process_selector_events(selector_events: List[Tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (selector_key, mask) in loop_last(selector_events):
                if selector_key.fd == wake_r:
                    os.read(wake_r, 64)
                    continue
                if mask & EVENT_READ:
                    unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        break
                    for event in feed(unicode_data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(wait()))
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0), final=True)
        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass

    def disable_input(self) -> None:
        """Textual's, plus a byte down the wake pipe so the input thread ends now, not in 100 ms."""
        try:
            if not self.exit_event.is_set():
                signal.signal(signal.SIGWINCH, signal.SIG_DFL)
                self._disable_mouse_support()
                self.exit_event.set()
                wake, self._wake = self._wake, None
                if wake is not None:
                    try:
                        os.write(wake[1], b"x")
                    except OSError:
                        pass
                if self._key_thread is not None:
                    self._key_thread.join()
                if wake is not None:
                    for fd in wake:
                        os.close(fd)
                self.exit_event.clear()
                try:
                    termios.tcflush(self.fileno, termios.TCIFLUSH)
                except termios.error:
                    pass
        except Exception:
            pass  # as Textual: exiting must never fail
