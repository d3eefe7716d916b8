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
from kiosk.data.config import Config
from kiosk.data.localtext import has_language, in_language

# Shown on every screen, this one too: the emergency key, in words that name no topic.
EMERGENCY_HINT = "e  Emergency"
EMERGENCY_KEYS = keys.keys_for(keys.EMERGENCY)
LANGUAGE_KEYS = keys.keys_for(keys.LANGUAGE, "language")  # the next language offered, in its own name
LANGUAGE_KEY = LANGUAGE_KEYS[0]
DEFAULT_TITLE, DEFAULT_TEXT = Config.welcome_title, Config.welcome_text
# The emergency bar's words (config welcome_emergency): "neutral" names no drug and no topic.
EMERGENCY_BAR = {"neutral": "Someone won't wake up or isn't breathing? Press e",
                 "overdose": "Overdose? Press e for what to do now"}


class WelcomeScreen(Screen, inherit_bindings=False):
    """No bindings of its own (no Tab, no copy): a key only starts a visit."""

    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; background: $background; }
    /* The most prominent thing on the screen: someone running in for help sees `e` at once. */
    #welcome-bar { dock: top; width: 100%; height: auto; padding: 1 1; background: $error; color: $text;
                   text-style: bold; text-align: center; }
    #welcome-box { width: 100%; height: auto; }
    #welcome-title { width: 100%; text-align: center; text-style: bold; color: $text; }
    #welcome-text { width: 100%; text-align: center; color: $text-muted; margin-top: 1; }
    #welcome-foot { dock: bottom; width: 100%; height: auto; }
    #welcome-language { width: 100%; text-align: center; color: $text; text-style: bold; margin-bottom: 1; }
    """

    def __init__(self) -> None:
        super().__init__(id="welcome")

    def compose(self) -> ComposeResult:
        yield Static(id="welcome-bar")
        with Vertical(id="welcome-box"):
            yield Static(id="welcome-title")
            yield Static(id="welcome-text")
        with Vertical(id="welcome-foot"):
            yield Static(id="welcome-language")

    def on_mount(self) -> None:
        self.show_words()

    def show_words(self) -> None:
        """The words in the current language: the config's welcome title and text where the
        deployer wrote them in this language (a plain string is the default language's), else
        the pack's neutral ones in this language."""
        app = self.app
        config, ui = app.deployed_config, app.ui  # type: ignore[attr-defined]
        code = app.language  # type: ignore[attr-defined]

        def own(text: str, default: str, key: str) -> str:
            if text != default and has_language(text, code, config.language):
                return in_language(text, code)
            return ui(key, default)

        title = own(config.welcome_title, DEFAULT_TITLE, "welcome.title")
        text = own(config.welcome_text, DEFAULT_TEXT, "welcome.text")
        self.query_one("#welcome-title", Static).update(Text(title))
        self.query_one("#welcome-text", Static).update(Text(text))
        kind = config.welcome_emergency
        bar = Text(ui(f"welcome.emergency_{kind}", EMERGENCY_BAR[kind]))
        self.query_one("#welcome-bar", Static).update(bar + Text("\n") + Text(ui("welcome.emergency", EMERGENCY_HINT)))
        other = app.next_language()  # type: ignore[attr-defined]
        switch = self.query_one("#welcome-language", Static)
        switch.display = other is not None
        if other is not None:  # the other language in its own words, so its readers find it
            switch.update(Text(f"{LANGUAGE_KEY}  {app.language_name(other)}"))  # type: ignore[attr-defined]

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        app = self.app
        if app.key_order.typed_before_exit(event):  # type: ignore[attr-defined]
            return  # handed to this screen before an Esc that has acted since: a leftover, not a new visitor
        if event.key in LANGUAGE_KEYS and app.next_language():  # type: ignore[attr-defined]
            app.switch_language(app.next_language())  # type: ignore[attr-defined]
            self.show_words()
            return
        emergency = event.key in EMERGENCY_KEYS or event.key in app.extra_emergency_keys  # type: ignore[attr-defined]
        app.start_visit(emergency=emergency)  # type: ignore[attr-defined]

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if event.widget is not None and event.widget.id == "welcome-language":
            self.app.switch_language(self.app.next_language())  # type: ignore[attr-defined]
            self.show_words()
            return
        self.app.start_visit()  # type: ignore[attr-defined]
