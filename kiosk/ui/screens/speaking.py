"""The emergency screens that speak (issue 17): `v` voice on/off, `r` repeat, the voice line.

Each speaking screen gives `spoken_text()`: what it says when it appears (and again on `r`).
The line where `v` is offered says whether the voice is on, or that this kiosk has no sound.
"""

from __future__ import annotations

from typing import ClassVar, List, Optional

from rich.text import Text
from textual import events, on
from textual.binding import BindingType
from textual.widgets import Button

from kiosk.ui.bindings import bindings
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.fitrow import FitRow


def voice_button(id: str = "voice-line") -> Button:
    b = Button(Text(""), action="screen.voice", compact=True, id=id, classes="voice-line")
    b.can_focus = False  # Enter keeps its meaning on the screen
    return b


class SpeakingScreen(KioskScreen):
    speaks: ClassVar[bool] = True
    source: ClassVar[str] = "emergency.toml"  # where this screen's spoken words come from
    BINDINGS: ClassVar[List[BindingType]] = bindings("speaking")

    def spoken_text(self) -> str:
        return ""

    @on(events.ScreenResume)
    def _speak_on_arrival(self) -> None:
        self.update_voice_line()
        self.speak()

    def speak(self, text: Optional[str] = None) -> None:
        """Say this screen's text (or `text`) if the voice is on; remember it for `r`."""
        if self.is_mounted and self.app.screen is self:
            text = self.spoken_text() if text is None else text
            voice = self.kiosk.voice
            if text != self.kiosk.visit.spoken or not voice.engine.speaking:  # shown and resumed: once
                voice.say(text, source=self.source)

    def action_voice(self) -> None:
        self.kiosk.voice.toggle(self.spoken_text(), source=self.source)
        self.update_voice_line()

    def action_repeat(self) -> None:
        self.kiosk.voice.say(self.spoken_text(), force=True, source=self.source)

    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if action in ("voice", "repeat"):
            if not self.is_mounted:
                return False
            voice = self.kiosk.voice
            if not voice.allowed:
                return False
            return True if (action == "voice" or (voice.works and voice.on)) else None
        return super().check_action(action, parameters)

    def update_voice_line(self) -> None:
        key = self.kiosk.voice.status_key()
        for line in self.query(".voice-line").results(Button):
            line.display = key is not None
            if key is not None:
                line.label = Text(self.kiosk.ui(key))
            if isinstance(line.parent, FitRow):  # a longer label may no longer fit beside the others
                line.parent.call_after_refresh(line.parent.refit)
