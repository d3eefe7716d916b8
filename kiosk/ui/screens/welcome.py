"""The neutral welcome screen of a shared terminal (kiosk mode).

Shown at start, after quick exit and after idle reset. Its text names nothing of the topic: the
title and text come from the deployment config (`welcome_title`, `welcome_text`). It holds no
visit state and is the only screen of the "welcome" mode; any key or click starts a fresh visit.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from kiosk.data import keys

# Shown on every screen, this one too: the emergency key, in words that name no topic.
EMERGENCY_HINT = "e  Emergency"
EMERGENCY_KEYS = keys.keys_for(keys.EMERGENCY)


class WelcomeScreen(Screen, inherit_bindings=False):
    """No bindings of its own (no Tab, no copy): a key only starts a visit."""

    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; background: $background; }
    #welcome-box { width: 100%; height: auto; }
    #welcome-title { width: 100%; text-align: center; text-style: bold; color: $text; }
    #welcome-text { width: 100%; text-align: center; color: $text-muted; margin-top: 1; }
    #welcome-emergency { dock: bottom; width: 100%; text-align: center; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__(id="welcome")

    def compose(self) -> ComposeResult:
        config = self.app.config  # type: ignore[attr-defined]
        with Vertical(id="welcome-box"):
            yield Static(Text(config.welcome_title), id="welcome-title")
            yield Static(Text(config.welcome_text), id="welcome-text")
        yield Static(Text(EMERGENCY_HINT), id="welcome-emergency")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        emergency = event.key in EMERGENCY_KEYS or event.key in self.app.extra_emergency_keys  # type: ignore[attr-defined]
        self.app.start_visit(emergency=emergency)  # type: ignore[attr-defined]

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.app.start_visit()  # type: ignore[attr-defined]
