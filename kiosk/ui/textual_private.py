"""Every use of Textual's private API, in one place. Textual is pinned (textual==8.2.8 in
pyproject.toml); tests/unit/test_house.py fails loudly when the installed version differs, so
whoever bumps the pin re-checks each use below against the new version's source.

Each has a reason: no public API does the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

# The input driver's building blocks (kiosk/terminal/driver.py re-implements one loop of LinuxDriver,
# and its KioskParser re-implements Parser.feed and Parser.tick: it uses the parser's _gen,
# _awaiting, _timeout_time and _tokens, and overrides XTermParser._sequence_to_key_events).
from textual._loop import loop_last  # noqa: F401
from textual._parser import ParseError, ParseTimeout  # noqa: F401
from textual._time import get_time  # noqa: F401
from textual._xterm_parser import XTermParser  # noqa: F401

if TYPE_CHECKING:
    from typing import Dict, List

    from textual import events
    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.message_pump import MessagePump
    from textual.pilot import Pilot
    from textual.screen import Screen
    from textual.widgets import OptionList

PINNED_TEXTUAL = "8.2.8"


def parser_deadline(parser: "XTermParser") -> Optional[float]:
    """When the parser stops waiting for the rest of an escape sequence (a lone Esc is then a key)."""
    return parser._timeout_time


def queue_is_empty(pump: "MessagePump") -> bool:
    """Nothing waiting in a widget's, screen's or app's message queue (see kiosk/ui/key_order.py)."""
    return pump._message_queue.empty() and pump._pending_message is None


def is_exiting(app: "App") -> bool:
    """`App.exit()` was called: building a screen now would race the shutdown."""
    return bool(app._exit)


def mount_off_stack(app: "App", screen: "Screen", name: str) -> None:
    """Mount an installed screen without showing it, its stylesheet loaded: the emergency screen is
    built ahead so `e` only has to show it. (Public `get_screen` neither mounts nor loads CSS.)"""
    app._load_screen_css(screen)
    app._get_screen(name)


def record_exception(app: "App", error: Exception) -> None:
    """What `App._handle_exception` records besides printing the traceback, which the kiosk never
    shows: exit status 1, and the error for Pilot to re-raise in tests."""
    app._return_code = 1
    if app._exception is None:
        app._exception = error
        app._exception_event.set()


def binding_map(node: "DOMNode") -> "Dict[str, List[Binding]]":
    """A node's own bindings, key -> bindings: the footer shows their descriptions, which the
    kiosk puts in the visitor's language (kiosk/ui/language.py). Textual copies a class's map per
    instance with a shallow copy: replace a key's list, never change it in place."""
    return node._bindings.key_to_bindings


def declared_binding_map(node: "DOMNode") -> "Dict[str, List[Binding]]":
    """The bindings `node`'s class declares (in English), whatever the instance has now."""
    declared = type(node)._merged_bindings
    return declared.key_to_bindings if declared is not None else {}


def forget_clipboard(app: "App") -> None:
    """Textual keeps the last copied text in the app; quick exit drops it."""
    app._clipboard = ""


def option_line(option_list: "OptionList", index: int) -> Optional[int]:
    """The first line (in the list's own content) of option `index`, or None. OptionList keeps its
    line layout private; the screen-reader cursor (kiosk/ui/cursor.py) needs the highlighted row."""
    return option_list._index_to_line.get(index)


# --- For the tests: driving a Pilot app without Pilot's CPU-idle polling (tests/support.py) ---------


def simulated_key(key: str) -> "events.Key":
    """The Key event `Pilot.press(key)` sends (`App._press_keys`: "/" is "slash", "a" carries "a")."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: Optional[str] = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def messages_processed(pilot: "Pilot") -> bool:
    """Every message queued now on the app and the current screen's widgets has been handled
    (`Pilot._wait_for_screen`: a callback queued behind them, no polling)."""
    return await pilot._wait_for_screen()


def draw_now(app: "App") -> None:
    """Lay out and composite the current screen now, not on its next update tick (`Pilot.pause` does it)."""
    app.screen._on_timer_update()


def screen_strips(app: "App") -> list:
    """The current screen's rows as composited (the compositor has no public reader)."""
    return app.screen._compositor.render_strips()


def spy_on_frames(app: "App", screen_type: type, record: Optional[Callable[[], object]] = None) -> list:
    """For benchmarks and tests: the perf_counter time (or what `record` returns, as the frame is
    written) of every frame `app` draws of a screen of `screen_type` (wraps the private
    `App._display`, through which every frame goes)."""
    import time

    frames: list = []
    display = app._display

    def timed_display(screen, renderable):
        if isinstance(screen, screen_type) and renderable is not None:
            frames.append(record() if record is not None else time.perf_counter())
        return display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    return frames


def ready_screen(app: "App", name: str) -> "Optional[Screen]":
    """An installed screen by name, without building it (public `get_screen` would build it)."""
    return app._installed_screens.get(name)  # type: ignore[return-value]


# --- The private Textual the kiosk reaches outside this module, declared --------------------------
# Each is a subclass overriding or extending a private method, or reading a private attribute of
# its own base class; moving it here would only hide it. tests/unit/test_house.py fails on any
# private Textual name used elsewhere that is not listed here, and UPSTREAM names what to re-read.
# (module, name): why
DECLARED_ELSEWHERE = {
    # kiosk/terminal/driver.py: KioskParser re-implements Parser.feed/tick (never raises; Esc+key).
    ("kiosk/terminal/driver.py", "_gen"): "Parser's parse generator, restarted after an error",
    ("kiosk/terminal/driver.py", "_awaiting"): "what the parse generator waits for (its timeout)",
    ("kiosk/terminal/driver.py", "_tokens"): "Parser's output queue",
    ("kiosk/terminal/driver.py", "_timeout_time"): "when a lone Esc becomes the Esc key",
    ("kiosk/terminal/driver.py", "_sequence_to_key_events"): "override: Esc then key is never Alt+key",
    # KioskDriver: LinuxDriver's input loop with a select that wakes on the Esc deadline and on exit.
    ("kiosk/terminal/driver.py", "_get_terminal_size"): "override: the terminal's own size, clamped",
    ("kiosk/terminal/driver.py", "_debug"): "LinuxDriver's debug flag, passed to the parser",
    ("kiosk/terminal/driver.py", "_file"): "LinuxDriver's output file (its size)",
    ("kiosk/terminal/driver.py", "_key_thread"): "LinuxDriver's input thread, joined on exit",
    ("kiosk/terminal/driver.py", "_disable_mouse_support"): "as LinuxDriver.disable_input does",
    ("kiosk/terminal/driver.py", "_sigtstp_application"): "override: no suspend where Ctrl+Z is locked",
    ("kiosk/terminal/driver.py", "_sigcont_application"): "override: no resume where Ctrl+Z is locked",
    # The App's exception handler: never a traceback (it shows local variables: what was typed).
    ("kiosk/ui/app.py", "_handle_exception"): "override: one line, no traceback (record_exception)",
    # Input's paste handler: a paste is cut to the field's max_length before Input sees it.
    ("kiosk/ui/widgets/bounded_input.py", "_on_paste"): "override: a paste cut to fit",
    # The hang-up backstop (issue 22): a terminal that has gone ends the kiosk even if Textual is stuck.
    ("kiosk/terminal/driver.py", "_app"): "the Driver's own app: hang-up asks it to exit",
    ("kiosk/terminal/driver.py", "_loop"): "the Driver's own event loop: hang-up posts the exit to it",
    ("kiosk/ui/app.py", "_driver"): "the running driver, told to hang up when input ends",
    ("kiosk/terminal/driver.py", "_exit"): "os._exit, the backstop's last resort (not App._exit)",
    ("kiosk/data/speech.py", "_exit"): "os._exit in the speech child after fork (not App._exit)",
    # Size reports (issue 22): the kiosk never asks the terminal for in-band size reports, so a typed one
    # is never believed (LinuxDriver would enable them and trust what arrives).
    ("kiosk/terminal/driver.py", "_query_in_band_window_resize"): "override: never ask for size reports",
    ("kiosk/terminal/driver.py", "_enable_in_band_window_resize"): "override: never enable size reports",
}

# Upstream code the kiosk copies, overrides or leans on, with a hash of its source in the pinned
# Textual (sha256 of inspect.getsource, first 12 hex digits). A Textual upgrade that changes one
# fails tests/unit/test_house.py naming it: re-read it against the kiosk's copy or override.
UPSTREAM = {
    "textual.drivers.linux_driver:LinuxDriver.__init__": "671887bbf938",
    "textual.drivers.linux_driver:LinuxDriver.run_input_thread": "d796af6d69db",
    "textual.drivers.linux_driver:LinuxDriver.disable_input": "6154c5a7c174",
    "textual.drivers.linux_driver:LinuxDriver._get_terminal_size": "7e80e59356c6",
    "textual.drivers.linux_driver:LinuxDriver._sigtstp_application": "26c3c19ce181",
    "textual.drivers.linux_driver:LinuxDriver._sigcont_application": "1d7463a74df1",
    "textual._parser:Parser.feed": "390106cde019",
    "textual._parser:Parser.tick": "44606084ad3b",
    "textual._xterm_parser:XTermParser.parse": "a5834ad1def8",  # reads constants.ESCAPE_DELAY, which the driver sets
    "textual._xterm_parser:XTermParser._sequence_to_key_events": "00dfe99846ed",
    "textual.app:App._handle_exception": "baea2e7f88e7",
    "textual.app:App._press_keys": "1999a9a27512",
    "textual.app:App._display": "4b78dff6669a",
    "textual.widgets._input:Input._on_paste": "4130f8efa484",
    "textual.pilot:Pilot._wait_for_screen": "abd78ecad504",
    "textual.screen:Screen._on_timer_update": "421401660de1",
}


def upstream_fingerprint(name: str) -> str:
    """sha256 of the source of `module:Class.function` in the installed Textual (12 hex digits)."""
    import hashlib
    import importlib
    import inspect

    module, _, path = name.partition(":")
    target: object = importlib.import_module(module)
    for part in path.split("."):
        target = getattr(target, part)
    return hashlib.sha256(inspect.getsource(target).encode()).hexdigest()[:12]  # type: ignore[arg-type]
