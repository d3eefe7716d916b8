"""The idle warning: "Still there? Press any key", with a countdown (kiosk mode; see
kiosk/ui/shared_terminal/idle_reset.py for when it shows)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

WARNING_TITLE = "Still there?"
WARNING_TEXT = "Press any key to carry on."


def countdown_text(seconds: int, ui=None) -> Text:
    if ui is None:
        return Text(f"Starting again in {seconds} second{'s' if seconds != 1 else ''}.")
    return Text(ui.plural("idle.countdown", seconds, n=seconds))


class IdleWarning(ModalScreen):
    """The countdown box. Keys never reach it: the app's input hook hides it first."""

    DEFAULT_CSS = """
    IdleWarning { align: center middle; background: $background 0%; }  /* the screen behind stays readable (4.5:1) */
    #idle-box {
        width: 44; max-width: 100%; height: auto; padding: 1 2;
        border: heavy $warning; background: $panel;
    }
    #idle-title { text-style: bold; }
    """

    def __init__(self, seconds: int) -> None:
        super().__init__(id="idle-warning")
        self.seconds = seconds
        self.countdown = Static(countdown_text(seconds), id="idle-countdown")

    def compose(self) -> ComposeResult:
        with Vertical(id="idle-box"):
            ui = self.app.ui  # type: ignore[attr-defined]  # the visitor's language
            yield Static(Text(ui("idle.title", WARNING_TITLE)), id="idle-title")
            yield Static(Text(ui("idle.text", WARNING_TEXT)), id="idle-text")
            self.countdown.update(countdown_text(self.seconds, ui))
            yield self.countdown

    def show_seconds(self, seconds: int) -> None:
        self.seconds = seconds
        ui = self.app.ui  # type: ignore[attr-defined]
        self.countdown.update(countdown_text(seconds, ui))  # kept, not queried: it may not be mounted yet
