r"""A terminal driver whose Esc key arrives in ~25 ms instead of 100-200 ms, and that leaves the
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

Hostile input (issue 16): no byte or sequence may end the input thread. Bytes that are not
UTF-8 (an 8-bit console keyboard, xterm's 8th-bit Alt) are dropped; an escape sequence that
makes Textual's parser raise (`\e[1114112u`, `\e[9999999999~`) is dropped and the parser starts
afresh. Esc followed within the escape delay by a key (`\ex`) is Esc then x, never Alt+x, so
quick exit is never lost. A size report in the input is never believed (issue 22): the size
comes from the terminal itself, on SIGWINCH.

Only `run_input_thread`, `disable_input`, `_get_terminal_size` and the in-band resize query differ from Textual's
LinuxDriver (pinned: textual==8.2.8).
"""

from __future__ import annotations

import os
import re
import selectors
import signal
import sys
import termios
import threading
from codecs import getincrementaldecoder
from typing import Any, Callable, Iterable, List, Optional, Tuple

from textual import constants, events
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Size
from textual.message import Message
from textual.messages import InBandWindowResize

from kiosk.terminal.input_gate import InputGate
from kiosk.ui.textual_private import ParseTimeout, XTermParser, get_time, loop_last, parser_deadline

ESCAPE_DELAY = 0.025  # seconds; used unless ESCDELAY is set
MAX_COLUMNS, MAX_LINES = 1000, 500  # a bigger size is a lie (COLUMNS=100000) and would eat memory


def clamp_size(width: int, height: int) -> Tuple[int, int]:
    return max(1, min(int(width), MAX_COLUMNS)), max(1, min(int(height), MAX_LINES))


def terminal_size(fds: Iterable[int]) -> Tuple[int, int]:
    """The size the terminal itself reports (never COLUMNS/LINES from the environment), clamped."""
    for fd in fds:
        try:
            columns, lines = os.get_terminal_size(fd)
        except (OSError, ValueError):
            continue
        if columns > 0 and lines > 0:
            return clamp_size(columns, lines)
    return 80, 24


class KioskParser(XTermParser):
    """Textual's parser, except that nothing it is fed can raise, and Esc+key is Esc then key."""

    def _restart(self) -> None:
        """Drop the sequence in progress: a fresh parse generator (the old one died raising)."""
        self._gen = self.parse(self._tokens.append)
        self._awaiting = next(self._gen)
        self._timeout_time = None

    def feed(self, data: str) -> Iterable[Message]:
        """`Parser.feed`, catching every error of the parse generator (ValueError, OverflowError...)."""
        tokens = self._tokens
        if not data:
            try:
                yield from super().feed(data)
            except Exception:
                tokens.clear()
            return
        while tokens:
            yield tokens.popleft()
        pos, size = 0, len(data)
        while pos < size:
            self._timeout_time = None
            try:
                self._awaiting = self._gen.send(data[pos])
            except Exception:  # StopIteration included: the generator is gone either way
                self._restart()
            pos += 1  # XTermParser only ever reads (Read1), never peeks
            if self._awaiting.timeout is not None:
                self._timeout_time = get_time() + self._awaiting.timeout
            while tokens:
                yield tokens.popleft()

    def flush(self) -> Iterable[Message]:
        """What is pending, now, as if its time were up (a lone ESC is the Esc key): a paste's start
        marker ends any sequence in progress (a terminal never sends one inside another); left
        pending, it came out as keys in front of the Esc that ended the paste."""
        if self._timeout_time is not None:
            self._timeout_time = get_time()
        yield from self.tick()

    def tick(self) -> Iterable[Message]:
        """A lone ESC timed out: the Esc key. It also ends any bracketed paste left open (a stray
        `ESC [200~` would otherwise swallow every key but Esc as paste text, for ever)."""
        if self._timeout_time is not None and get_time() >= self._timeout_time:
            self._timeout_time = None
            try:
                self._awaiting = self._gen.throw(ParseTimeout())
            except Exception:
                self._restart()
            if any(isinstance(token, events.Key) and token.key == "escape" for token in self._tokens):
                self._restart()
        while self._tokens:
            yield self._tokens.popleft()

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        """A newline is Enter. ESC then a key within the escape delay is read by Textual as Alt+key
        (`alt`, or a table entry such as ESC b = ctrl+left, ESC 1 = "¡"). A person who presses Esc
        then x quickly meant Esc (quick exit): the Esc key, then x. ESC [ and ESC O start real
        sequences."""
        if sequence == "\n":
            # Keys typed while the kiosk starts wait in the terminal's cooked mode, which stores Enter
            # as a newline (ICRNL): read raw, that is Ctrl+J and did nothing (issue 22 item 11).
            yield events.Key("enter", "\r")
            return
        if alt:
            yield events.Key("escape", "\x1b")
        elif len(sequence) == 2 and sequence[0] == "\x1b" and sequence[1] not in "[O":
            yield events.Key("escape", "\x1b")
            sequence = sequence[1]
        yield from super()._sequence_to_key_events(sequence)


def safe_messages(messages: Iterable[Message], size: Optional[Callable[[], Tuple[int, int]]] = None) -> Iterable[Message]:
    """Size reports in the input are never believed (issue 22): anyone can type `ESC[48;1;1;0;0t`,
    and the kiosk never asks for in-band reports (KioskDriver), so none is an answer. A resize
    report becomes the size the terminal itself reports (`size`), or nothing; an in-band answer
    (`ESC[?2048;1$y`) is dropped, so SIGWINCH stays the one source of resizes."""
    for message in messages:
        if isinstance(message, InBandWindowResize):
            continue
        if isinstance(message, events.Resize):
            if size is None:
                continue
            width, height = clamp_size(*size())
            message = events.Resize(Size(width, height), Size(width, height))
        yield message


PASTE_START, PASTE_END = b"\x1b[200~", b"\x1b[201~"
# A paste whose end marker never comes (a stray `ESC[200~` typed or pasted) ends by itself after this
# long with no byte: a terminal sends a whole paste in one go. Esc, plain or as the kitty keyboard
# protocol sends it (`ESC[27u`), ends it at once.
PASTE_IDLE_SECONDS = 0.5
ESC_KEYS = (b"\x1b", b"\x1b[27u", b"\x1b[27;1u")
MAX_PASTE_BYTES = 16384  # more is never needed (the longest field takes 600 characters) and is dropped


MAX_SEQUENCE = 32  # Textual's own limit: a longer sequence was re-typed as keys
PARAMETER_BYTES = bytes(range(0x30, 0x40))
LONG_SEQUENCE = re.compile(rb"\x1b\[[\x30-\x3f]{%d,}[\x20-\x2f]*[\x40-\x7e]" % MAX_SEQUENCE)
LONG_SEQUENCE_END = re.compile(rb"\x1b\[[\x30-\x3f]{%d,}\Z" % MAX_SEQUENCE)


class KeyReader:
    """Bytes from the terminal in, messages out; never raises (fed directly by the fuzz tests).

    A bracketed paste is cut out of the byte stream here (bytes.find), not fed to Textual's parser
    one character at a time: a pasted megabyte took the input thread seconds, and an Esc typed
    after it waited that long. What is kept of it is bounded."""

    def __init__(self, debug: bool = False, size: Optional[Callable[[], Tuple[int, int]]] = None) -> None:
        self.parser = KioskParser(debug)
        self._size = size  # the terminal's real size (TIOCGWINSZ), for a resize report in the input
        self._decode = getincrementaldecoder("utf-8")(errors="ignore").decode  # bad bytes: nothing
        self._paste: bytearray | None = None  # inside a paste: what is kept of it so far
        self._paste_tail = b""  # the last bytes of a paste, in case its end marker is split
        self._paste_at = 0.0  # when the open paste last got bytes (it ends by itself when they stop)
        self._in_long_sequence = False  # inside an over-long CSI sequence (dropped) at the end of the last read

    @property
    def timeout_time(self) -> Optional[float]:
        if self._paste is not None:
            return self._paste_at + PASTE_IDLE_SECONDS
        return parser_deadline(self.parser)

    def feed(self, data: bytes, final: bool = False) -> List[Message]:
        out: List[Message] = []
        while data:
            if self._paste is None:
                start = data.find(PASTE_START)
                if start < 0:
                    out += self._parse(data, final)
                    break
                out += self._parse(data[:start], final)
                out += safe_messages(self.parser.flush(), self._size)
                self._paste, self._paste_tail = bytearray(), b""
                self._paste_at = get_time()
                data = data[start + len(PASTE_START):]
            elif data in ESC_KEYS:  # the Esc key while a paste is open (a stray start marker): Esc wins
                self._paste = None
                out += self._parse(data, final)
                break
            else:
                self._paste_at = get_time()
                joined = self._paste_tail + data
                end = joined.find(PASTE_END)
                if end < 0:
                    keep, self._paste_tail = joined[:-len(PASTE_END)], joined[-len(PASTE_END):]
                    self._keep(keep)
                    break
                self._keep(joined[:end])
                out.append(self._end_paste())
                data = joined[end + len(PASTE_END):]
        return out

    def _end_paste(self) -> events.Paste:
        text = bytes(self._paste or b"").decode("utf-8", errors="ignore").replace("\x00", "")
        self._paste, self._paste_tail = None, b""
        return events.Paste(text)

    def _keep(self, data: bytes) -> None:
        room = MAX_PASTE_BYTES - len(self._paste)  # type: ignore[arg-type]
        if room > 0:
            self._paste += data[:room]  # type: ignore[operator]

    def _drop_long_sequences(self, data: bytes) -> bytes:
        """A CSI sequence with more than MAX_SEQUENCE parameter bytes is no key or report the kiosk
        knows: dropped whole (Textual's parser re-typed `ESC[1;1;1;...` as thousands of keys)."""
        if self._in_long_sequence:
            rest = data.lstrip(PARAMETER_BYTES)
            if not rest:
                return b""
            self._in_long_sequence = False
            data = rest[1:] if 0x20 <= rest[0] <= 0x7E else rest  # its intermediate/final byte goes too
        if b"\x1b[" not in data:
            return data
        match = LONG_SEQUENCE_END.search(data)
        if match is not None:  # runs to the end of what was read: keep dropping in the next read
            self._in_long_sequence = True
            data = data[:match.start()]
        return LONG_SEQUENCE.sub(b"", data)

    def _parse(self, data: bytes, final: bool) -> List[Message]:
        data = self._drop_long_sequences(data)
        text = self._decode(data, final=final) if data else ""
        return list(safe_messages(self.parser.feed(text), self._size)) if text else []

    def tick(self) -> List[Message]:
        if self._paste is not None:
            if get_time() - self._paste_at < PASTE_IDLE_SECONDS:
                return []
            self._keep(self._paste_tail)  # what may have been the start of an end marker is text
            return [self._end_paste()]
        return list(safe_messages(self.parser.tick(), self._size))

    def close(self) -> None:
        try:
            for _message in self.parser.feed(""):
                pass
        except Exception:
            pass


def escape_delay() -> float:
    """Textual reads ESCDELAY (ms) itself; without it, use the kiosk's shorter delay."""
    return constants.ESCAPE_DELAY if os.environ.get("ESCDELAY") else ESCAPE_DELAY


HANGUP_GRACE_SECONDS = 1.5  # after the terminal goes, the app has this long to end; then the process ends


class TerminalOutput:
    """The terminal as Textual's writer thread sees it, except that a write to a terminal that has
    gone (EIO after a hangup, EPIPE) never raises: it calls `gone` once and drops the text. Textual's
    writer thread died on the first EIO, and the main thread then blocked for ever putting the next
    frame on its full queue (issue 22: the process stayed, holding the visit)."""

    def __init__(self, file, gone: Callable[[], None]) -> None:
        self._file = file
        self._gone = gone
        self.lost = False

    def _lose(self) -> None:
        if not self.lost:
            self.lost = True
            self._gone()

    def write(self, text: str) -> int:
        if not self.lost:
            try:
                return self._file.write(text)
            except (OSError, ValueError):  # ValueError: the file was closed
                self._lose()
        return len(text)

    def flush(self) -> None:
        if not self.lost:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self._lose()

    def __getattr__(self, name: str):  # fileno, isatty, encoding...
        return getattr(self._file, name)


class KioskDriver(LinuxDriver):
    _wake = None  # (read, write) ends of the pipe that wakes the input thread on exit
    _hung_up = False

    def __init__(self, *args, **kwargs) -> None:
        """Textual's driver puts its own Ctrl+Z handler in place (suspend: it stops the process) before
        the terminal is raw. Where the kiosk has already locked Ctrl+Z (kiosk/entry.py), a ^Z in that
        window stopped the kiosk mid-start with an error (a key storm at start-up under load): keep it
        ignored, and SIGCONT as the system has it (kiosk/terminal/signals.py: the hang trap)."""
        self._ctrl_z_locked = signal.getsignal(signal.SIGTSTP) == signal.SIG_IGN
        super().__init__(*args, **kwargs)
        self._file = TerminalOutput(self._file, self.hang_up)  # type: ignore[assignment]  # file-like
        if self._ctrl_z_locked:
            signal.signal(signal.SIGTSTP, signal.SIG_IGN)
            signal.signal(signal.SIGCONT, signal.SIG_DFL)

    # A ^Z that lands while Textual's handlers are in place (between their install in LinuxDriver's
    # __init__ and the lines above) ran Textual's suspend before the terminal was set up: "unexpected
    # error AssertionError ... suspend_application_mode", exit 1 (CI, a key storm at start-up).
    def _sigtstp_application(self, *args: Any) -> None:
        if not self._ctrl_z_locked:
            super()._sigtstp_application(*args)

    def _sigcont_application(self, *args: Any) -> None:
        if not self._ctrl_z_locked:
            super()._sigcont_application(*args)

    def hang_up(self) -> None:
        """The terminal has gone (end of file on input, EIO on output, SIGHUP): end the app, and if it
        cannot end within HANGUP_GRACE_SECONDS (a thread stuck on the dead terminal), end the
        process: nobody is there, and the visit must not stay in memory. Any thread may call it."""
        if self._hung_up:
            return
        self._hung_up = True
        app = self._app
        try:
            self._loop.call_soon_threadsafe(app.exit)
        except RuntimeError:  # the loop has closed: the app is ending anyway
            pass

        def backstop() -> None:
            try:
                app.silence()  # type: ignore[attr-defined]  # no voice child left speaking
            except Exception:
                pass
            os._exit(0)

        timer = threading.Timer(HANGUP_GRACE_SECONDS, backstop)
        timer.daemon = True
        timer.start()

    def _query_in_band_window_resize(self) -> None:
        """Never asked (issue 22): an answer could not be told from the same bytes typed or pasted,
        and Textual then ignores SIGWINCH. Sizes come from the terminal on SIGWINCH."""

    def _enable_in_band_window_resize(self) -> None:
        """Never on (see above)."""

    def _get_terminal_size(self) -> Tuple[int, int]:
        """From the terminal (stdout, as Textual, then its output and input), never COLUMNS/LINES."""
        fds = []
        for stream in (sys.__stdout__, self._file):
            try:
                if stream is not None:
                    fds.append(stream.fileno())
            except (OSError, ValueError):
                pass
        return terminal_size(fds + [self.fileno])

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
        reader = KeyReader(self._debug, size=self._get_terminal_size)
        gate = InputGate()  # Esc first; a bounded number of events on their way (input_gate.py)
        read = os.read

        def wait() -> float:
            due = reader.timeout_time
            if due is None:
                return 0.1
            return min(0.1, max(0.0, due - get_time()))

        def process_selector_events(selector_events: List[Tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (selector_key, mask) in loop_last(selector_events):
                if selector_key.fd == wake_r:
                    os.read(wake_r, 64)
                    continue
                if mask & EVENT_READ:
                    try:
                        data = read(fileno, 1024 * 4)
                    except OSError:  # EIO: the terminal has gone
                        data = b""
                    if not data:  # end of file: the terminal has gone (it never sends nothing)
                        self.hang_up()
                        return
                    for event in reader.feed(data, final=final and last):
                        if gate.admit(event):
                            self.process_message(event)
            for event in reader.tick():
                if gate.admit(event):
                    self.process_message(event)

        try:
            while not self.exit_event.is_set() and not self._hung_up:
                process_selector_events(selector.select(wait()))
            if self._hung_up:
                return
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0), final=True)
        finally:
            selector.close()
            reader.close()

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


class ScreenReaderDriver(KioskDriver):
    """`screen_reader = true`: the terminal cursor stays visible. Screen readers read where it is,
    and the kiosk keeps it on the focused item (kiosk/ui/cursor.py); Textual hides it at start."""

    def start_application_mode(self) -> None:
        super().start_application_mode()
        self.write("\x1b[?25h")
        self.flush()
