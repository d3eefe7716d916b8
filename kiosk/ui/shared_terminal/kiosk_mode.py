"""Kiosk mode (a shared terminal): visits as Textual modes, quick exit by rebuilding, lockdown keys.

Each visit lives in its own mode, "visit-<n>", whose base screen is the home screen; the neutral
welcome screen is the only screen of the "welcome" mode, which is the app's default mode here.

Quick exit (Esc, the "Quick exit" button, idle reset) never cleans anything: it switches to the
welcome mode (the screen is blank of the visit at once), throws the visit's mode away with all its
screens (their text, search field and results, focus, scroll positions, timers, dialogs), and puts a
fresh `Visit()` on the app. The next key starts a new visit mode; nothing of the old one is
reachable (its mode is gone, so there is no Back into it). Whatever other parts of the app keep
per visit (dose timer, self-check answers) lives on `app.visit` or on a screen, and goes with them.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar, List

from textual import events
from textual.binding import BindingType
from textual.screen import Screen

from kiosk.data.visit import Visit
from kiosk.ui.app import KioskApp
from kiosk.ui.bindings import bindings
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.shared_terminal.idle_reset import IdleReset
from kiosk.ui.textual_private import forget_clipboard

WELCOME = "welcome"
VISIT_PREFIX = "visit-"


class SharedTerminalApp(KioskApp):
    """`KioskApp` in kiosk mode (`make_app` picks it when `config.mode == "kiosk"`)."""

    # No key a walk-up user can press ends, suspends or escapes the app. Priority, so they are caught
    # before any widget (Input would copy/cut to the terminal's clipboard on ctrl+c/ctrl+x).
    BINDINGS: ClassVar[List[BindingType]] = bindings("lockdown")
    ALLOW_SELECT = False  # no mouse selection, no "copied" toast

    DEFAULT_MODE = WELCOME  # the app starts on the neutral screen

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_mode(WELCOME, WelcomeScreen)
        self.visits = 0
        self.admin_failures = 0  # wrong exit secrets so far: each makes the next check wait longer (admin.py)
        self.idle = IdleReset(self)
        self._blank_now = False

    # Visits ------------------------------------------------------------------------------
    @property
    def in_visit(self) -> bool:
        return self.current_mode.startswith(VISIT_PREFIX)

    def start_visit(self, emergency: bool = False) -> None:
        """From the welcome screen: a new mode with a new home screen and a fresh Visit."""
        if self.in_visit:
            return
        while len(self.screen_stack) > 1:  # e.g. the administrator prompt over the welcome screen
            self.pop_screen()
        self.visits += 1
        mode = f"{VISIT_PREFIX}{self.visits}"
        self.visit = Visit()
        self.add_mode(mode, self.get_default_screen)
        self.switch_mode(mode)
        self.idle.start()
        if emergency:
            super().action_emergency()

    def action_quick_exit(self) -> None:
        """Blank at once (switch to the welcome mode), then throw the whole visit away."""
        self.silence()  # nothing keeps sounding after the screen is wiped
        self.idle.stop()
        self._default_language()  # before the welcome screen shows: no trace of the visit's language
        old = self.current_mode
        if old == WELCOME:
            while len(self.screen_stack) > 1:
                self.pop_screen()
            return
        self._blank_now = True
        try:
            self.switch_mode(WELCOME)
        finally:
            self._blank_now = False
        self.visit = Visit()
        self.clear_notifications()
        forget_clipboard(self)
        self.remove_mode(old)

    def _default_language(self) -> None:
        """Back to the deployment's default language, on the welcome screen too."""
        if self.language != self.config.language:
            self.switch_language(self.config.language)
            for welcome in self.get_screen_stack(WELCOME)[:1]:
                if isinstance(welcome, WelcomeScreen) and welcome.is_mounted:
                    welcome.show_words()

    def delay_update(self, delay: float = 0.05) -> None:
        """`switch_mode` holds screen updates for 50 ms to mask a transition. Not on quick exit:
        the welcome screen is already built, and the visit must leave the screen at once."""
        if not self._blank_now:
            super().delay_update(delay)

    # After quick exit -------------------------------------------------------------------------
    # A pick still on its way when Esc came (`2` then Esc in one burst on a busy machine: the menu's
    # message waits in a queue of the visit just thrown away) must not open its screen over the
    # welcome screen: that would show the visit's topic to the next person. On the welcome screen
    # only a key pressed there starts a visit, and only the administrator's prompt opens over it.
    def push_screen(self, screen: Screen[Any] | str, *args: Any, **kwargs: Any) -> Any:
        if not self.in_visit and not getattr(screen, "OPENS_ON_WELCOME", False):
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            done.set_result(None)  # awaitable like Textual's AwaitMount, and nothing to wait for
            return done
        return super().push_screen(screen, *args, **kwargs)

    def _pressed_on_welcome(self) -> bool:
        """The key being acted on now was pressed on the welcome screen or the administrator's prompt
        over it (not a leftover of the visit just wiped)."""
        return self.key_order.busy and self.key_order.mode == WELCOME

    # Actions that may come from the welcome screen (priority keys) start a visit first.
    def action_emergency(self) -> None:
        if self.in_visit:
            super().action_emergency()
        elif self._pressed_on_welcome():
            self.start_visit(emergency=True)

    def action_home(self) -> None:
        if self.in_visit:
            super().action_home()
        elif self._pressed_on_welcome():
            self.start_visit()

    # Lockdown ----------------------------------------------------------------------------
    def action_ignore(self) -> None:
        """Keys that would end, suspend or copy: caught and dropped."""

    def action_admin_exit(self) -> None:
        secret_hash = self.config.exit_secret_hash
        if not secret_hash:
            return  # no secret configured: no in-app exit at all
        from kiosk.ui.screens.admin import AdminExitScreen

        if not isinstance(self.screen, AdminExitScreen):
            self.push_screen(AdminExitScreen(secret_hash))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "quit":
            return False
        return super().check_action(action, parameters)

    def copy_to_clipboard(self, text: str) -> None:
        """Never: the terminal's clipboard would keep visit text after the visit."""

    # Idle --------------------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if (isinstance(event, (events.Key, events.MouseEvent, events.Paste))
                and not event.is_forwarded and self.in_visit):
            if not self.idle.activity(event):
                return  # the key only dismissed the idle warning
        await super().on_event(event)
