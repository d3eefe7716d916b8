"""Administrator exit (kiosk mode only): a hidden key opens this prompt; the right secret ends the app.

The secret is checked against the salted hash in the deployment config (kiosk/secret.py) in a
worker thread, so the screen never freezes. Esc is quick exit as everywhere (the prompt goes).

Against a walk-up user (issue 16):
- Brute force: each wrong secret makes the next check wait longer (1 s, 2 s, 4 s... up to 10 min),
  counted on the app, so closing and reopening the prompt does not reset it.
- The prompt closes itself after 30 s without a key: left open on the welcome screen it would
  hide the way to Emergency. `e` in the empty field opens Emergency (secrets never start with e).
- Esc, Emergency or a new visit can take the prompt away while a check runs: the check is a
  worker of this screen, cancelled with it, and nothing touches the screen once it is gone.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar, List

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Static

from kiosk.data.keys import EMERGENCY, keys_for
from kiosk.data.secret import ADMIN_EXIT_STATUS, MAX_SECRET_LENGTH, verify_secret
from kiosk.ui.bindings import bindings
from kiosk.ui.widgets.bounded_input import BoundedInput

MAX_TRIES = 3
IDLE_CLOSE_SECONDS = 30.0
BASE_DELAY = 1.0  # seconds before the check after the first wrong secret; doubles with each one
MAX_DELAY = 600.0


def delay_after(failures: int, base: float = BASE_DELAY) -> float:
    return 0.0 if failures <= 0 else min(base * 2 ** (failures - 1), MAX_DELAY)


class SecretInput(BoundedInput):
    """Lets `e` through to the screen's Emergency binding while the field is empty (Textual drops a
    screen's binding for any key the focused Input would type)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if key in keys_for(EMERGENCY, "admin-prompt") and not self.value:
            return False
        return super().check_consume_key(key, character)


class AdminExitScreen(ModalScreen, inherit_bindings=False):
    OPENS_ON_WELCOME = True  # the one screen that opens over the welcome screen (kiosk/ui/shared_terminal/kiosk_mode.py)

    DEFAULT_CSS = """
    AdminExitScreen { align: center middle; background: $background 0%; }  /* no dimmed text behind (4.5:1) */
    #admin-box { width: 50; max-width: 100%; height: auto; padding: 1 2; border: heavy $primary; background: $panel; }
    #admin-status { color: $text-muted; margin-top: 1; }
    """
    AUTO_FOCUS = "#admin-secret"  # not on_mount: the screen may be gone before it mounts
    BINDINGS: ClassVar[List[BindingType]] = bindings("admin-prompt")

    base_delay = BASE_DELAY  # tests make it short

    def __init__(self, secret_hash: str) -> None:
        super().__init__(id="admin-exit")
        self.secret_hash = secret_hash
        self.tries = 0
        self._close_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="admin-box"):
            yield Static(Text("Administrator exit", style="bold"))
            yield SecretInput(password=True, id="admin-secret", placeholder="Secret", max_length=MAX_SECRET_LENGTH)
            yield Static(Text("Enter to check. Esc leaves. e Emergency."), id="admin-status")

    def on_mount(self) -> None:
        self._close_timer = self.set_timer(IDLE_CLOSE_SECONDS, self._close, name="admin-idle-close")

    def _still_shown(self) -> bool:
        return self.is_attached and self.app.screen is self

    def _close(self) -> None:
        if self._still_shown():
            self.dismiss()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._close_timer is not None:
            self._close_timer.reset()

    def action_emergency(self) -> None:
        """`e` in the empty field (SecretInput): the prompt goes, Emergency opens."""
        self.dismiss()
        self.app.action_emergency()  # type: ignore[attr-defined]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = self.query_one(Input)
        secret, field.value = event.value, ""
        field.disabled = True
        if self._close_timer is not None:
            self._close_timer.pause()
        self.run_worker(self._check(secret), exclusive=True, group="admin-check")

    async def _check(self, secret: str) -> None:
        app = self.app
        wait = delay_after(getattr(app, "admin_failures", 0), self.base_delay)
        if wait:
            self._status(f"Checking in {wait:.0f} s. Esc leaves.")
            await asyncio.sleep(wait)
        ok = await asyncio.get_running_loop().run_in_executor(None, verify_secret, secret, self.secret_hash)
        del secret
        if not self._still_shown():
            return  # Esc, Emergency or a new visit took the prompt away meanwhile
        if ok:
            app.exit(return_code=ADMIN_EXIT_STATUS)
            return
        app.admin_failures = getattr(app, "admin_failures", 0) + 1  # type: ignore[attr-defined]
        self.tries += 1
        if self.tries >= MAX_TRIES:
            self.dismiss()
            return
        field = self.query_one(Input)
        field.disabled = False
        field.focus()
        if self._close_timer is not None:
            self._close_timer.reset()
            self._close_timer.resume()
        self._status("Not accepted. Enter to check. Esc leaves.")

    def _status(self, text: str) -> None:
        if self._still_shown():
            self.query_one("#admin-status", Static).update(Text(text))
