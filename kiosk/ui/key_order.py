"""Keys (and clicks: mouse button presses and releases) are acted on one at a time, in the order they were pressed, each on a screen that is ready.

Why: Textual decides where a key goes when it arrives. In a fast burst (`2` then `e`) the second key
is routed before the first one's work is done: `2` picks a menu item by posting a message that
bubbles through the menu, the screen and the app, so `e` opens Emergency first and the topic menu is
then pushed on top of it (the `e` looks lost); or a key reaches a screen not mounted yet.
A person in a hurry must never lose a key.

How: the app hands every key to `KeyOrder.arrived()`. A key is dispatched only when the previous
one has settled: the current screen and every widget on it is mounted, and every message queue
on the key's way (the widget it went to, its ancestors), on the screen and in the app has drained,
twice in a row. Settling is checked by a
5 ms timer that runs only while a key is in flight (no CPU when idle). Quick exit does not wait: it
empties the queue and runs at once; an emergency key behind a storm of waiting keys (16 or more)
drops them and runs next. A key not settled within 3 s is released, so the queue
never stalls.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Awaitable, Callable, Deque, List, Optional

from textual import events
from textual.widget import Widget

from kiosk.ui.textual_private import is_exiting, queue_is_empty

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.timer import Timer

CHECK_SECONDS = 0.005
STORM = 16  # keys waiting: more than a person types ahead
STALL_SECONDS = 3.0  # only a key whose screen went away mid-way waits this long


class KeyOrder:
    def __init__(self, app: "App", dispatch: Callable[[events.InputEvent], Awaitable[None]]) -> None:
        self.app = app
        self.dispatch = dispatch  # Textual's own key handling (App.on_event)
        self.waiting: Deque[events.InputEvent] = deque()
        self.busy = False
        self.mode: Optional[str] = None  # the mode (kiosk mode: welcome or a visit) the key in hand was pressed in
        self._path: List["MessagePump"] = []
        self._quiet_checks = 0
        self._started = 0.0
        self._timer: Optional["Timer"] = None
        self.wiped_at = float("-inf")  # when the last quick exit key was pressed

    def clear(self, pressed_at: float) -> None:
        """Quick exit, pressed at `pressed_at` (Textual's event clock): nothing typed before it is
        acted on after it, neither what waits here nor a key already handed to a screen, which
        asks `typed_before_exit` (a key, Esc, `e` burst: the key must not start a visit that
        swallows the `e`)."""
        self.waiting.clear()
        self.wiped_at = max(self.wiped_at, pressed_at)
        self._done()

    def typed_before_exit(self, event: events.InputEvent) -> bool:
        return event.time < self.wiped_at

    async def arrived(self, key: events.InputEvent, urgent: bool = False) -> None:
        """`urgent`: an emergency key. In a storm (a fist on the keyboard, a held key) it does not
        wait behind the storm: the backlog goes and it acts next."""
        if urgent and len(self.waiting) >= STORM:
            self.waiting.clear()
        elif len(self.waiting) >= STORM * 4:
            return  # a held key's auto-repeat far ahead of the screens: memory stays bounded
        self.waiting.append(key)
        if not self.busy:
            await self._next()

    async def _next(self) -> None:
        if self.busy or not self.waiting:
            return
        key = self.waiting.popleft()
        self.busy = True
        screen = self.app.screen
        self.mode = self.app.current_mode
        target = self.app.focused or screen
        self._path = [*target.ancestors_with_self]
        self._quiet_checks = 0
        self._started = time.monotonic()
        await self.dispatch(key)
        if self.busy:
            self._timer = self.app.set_interval(CHECK_SECONDS, self._check, name="key-order")

    def _settled(self) -> bool:
        """The current screen and everything on it is mounted, and no queue on the key's way or on
        the screen holds a message."""
        if not self.app.screen_stack:
            return False
        screen = self.app.screen
        widgets = [screen, *screen.walk_children(Widget, with_self=False)]
        if not all(w.is_mounted for w in widgets):
            return False
        return all(queue_is_empty(p) for p in (*self._path, *widgets, self.app))

    async def _check(self) -> None:
        if not self.busy or not self.app.is_running or is_exiting(self.app):
            self._done()
            return
        if self._settled():
            self._quiet_checks += 1
        else:
            self._quiet_checks = 0
        if self._quiet_checks >= 2 or time.monotonic() - self._started > STALL_SECONDS:
            self._done()
            await self._next()

    def _done(self) -> None:
        self.busy = False
        self.mode = None
        self._path = []
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

