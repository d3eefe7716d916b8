"""Idle reset for a shared terminal (kiosk mode).

After `idle_seconds` with no key, mouse or paste event, a warning ("Still there? Press any key")
counts down `idle_warning_seconds` (WCAG 2.2.1: at least 20 s, one simple action to extend);
then the app does exactly what quick exit does. Any input during the warning continues the visit.
While `app.visit.hold_idle` is True (the emergency dose timer runs) or `app.visit.coaching` (the
CPR coach runs: nobody has a hand free for keys) the visit is kept, but only for MAX_HOLD_SECONDS
without a key (issue 16): a timer or coach left running must not keep a visit on a shared screen
for hours. Then the usual warning and reset; the hold itself ends when the timer stops (kiosk/ui,
the dose flow) or the coach's screen goes, and idle time always counts from the last key.

No polling: input only records a time (`activity()`); ONE timer, rescheduled for the remaining
time when it fires. While the warning shows, it ticks once a second to update the countdown.
Times come from `app.clock`, so tests inject a fake clock and call `fire()` themselves.

Never name a handler `on_idle`: Textual's Idle event fires whenever the message queue empties.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Optional, Tuple

from textual import events
from textual.timer import Timer

from kiosk.data import keys
from kiosk.ui.screens.idle_warning import IdleWarning

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp

MAX_HOLD_SECONDS = 20 * 60  # a dose timer or the coach holds the visit at most this long without a key
def pass_keys(extra_emergency_keys: Tuple[str, ...]) -> Tuple[str, ...]:
    """Keys that keep their meaning while the warning shows: quick exit and every emergency key.
    Everything else only dismisses the warning."""
    return (*keys.keys_for(keys.QUICK_EXIT), *keys.keys_for(keys.EMERGENCY), *extra_emergency_keys)


class IdleReset:
    """Owned by the kiosk-mode app; `start()` when a visit starts, `stop()` when it ends."""


    def __init__(self, app: "KioskApp") -> None:
        self.app = app
        self.last_activity = app.clock()
        self.warning_deadline: Optional[float] = None
        self.active = False
        self._timer: Optional[Timer] = None
        self._warning: Optional[IdleWarning] = None

    @property
    def idle_seconds(self) -> float:
        return self.app.config.idle_seconds

    @property
    def warning_seconds(self) -> float:
        return self.app.config.idle_warning_seconds

    @property
    def warning_shown(self) -> bool:
        return self._warning is not None

    # Lifecycle ---------------------------------------------------------------------------
    def start(self) -> None:
        self.active = True
        self.last_activity = self.app.clock()
        self.warning_deadline = None
        self._schedule(self.idle_seconds)

    def stop(self) -> None:
        """The visit ended (quick exit): no timer, no warning. The warning screen goes with the visit."""
        self.active = False
        self.warning_deadline = None
        self._warning = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    # Input -------------------------------------------------------------------------------
    def activity(self, event: events.Event) -> bool:
        """Record input. Returns False if the event must be swallowed (it only ended the warning)."""
        self.last_activity = self.app.clock()
        if not self.warning_shown:
            return True
        self._hide_warning()
        if isinstance(event, events.Key):
            return event.key in pass_keys(self.app.extra_emergency_keys)
        return True

    # The one timer -----------------------------------------------------------------------
    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(max(delay, 0.05), self.fire, name="idle-reset")

    def fire(self) -> None:
        """The timer's callback (tests call it directly after moving the fake clock)."""
        self._timer = None
        if not self.active:
            return
        now = self.app.clock()
        held_until = self.last_activity + MAX_HOLD_SECONDS
        visit = self.app.visit
        holding = getattr(visit, "hold_idle", False) or getattr(visit, "coaching", False)  # CPR is hands-free
        if holding and now < held_until:
            self._hide_warning()
            self._schedule(min(self.idle_seconds, held_until - now))
            return
        if self.warning_deadline is None:
            remaining = self.last_activity + self.idle_seconds - now
            if remaining > 0:
                self._schedule(remaining)
                return
            self.warning_deadline = now + self.warning_seconds
            self._show_warning(math.ceil(self.warning_seconds))
            self._schedule(min(1.0, self.warning_seconds))
            return
        left = self.warning_deadline - now
        if left <= 0:
            self.app.action_quick_exit()
            return
        if self._warning is not None:
            self._warning.show_seconds(math.ceil(left))
        self._schedule(min(1.0, left))

    # The warning -------------------------------------------------------------------------
    def _show_warning(self, seconds: int) -> None:
        self._warning = IdleWarning(seconds)
        self.app.push_screen(self._warning)

    def _hide_warning(self) -> None:
        warning, self._warning = self._warning, None
        self.warning_deadline = None
        if warning is not None and self.app.screen is warning:
            self.app.pop_screen()
