"""The naloxone dose timer on every screen: a clock in the top bar (time since the last dose and
a countdown to the next), and the next-dose prompt under the bar when a dose is due. Both are
drawn from `app.visit.dose` by `KioskScreen.refresh_dose()`; they hold no state of their own."""

from __future__ import annotations

from typing import Callable, Optional, Tuple

from rich.text import Text
from textual.widgets import Static

from kiosk.data.dose import DoseTimer, minutes
from kiosk.ui.widgets.chrome import BarButton

CLOCK = (" Naloxone given {since} ago · next dose in {left} ", " Naloxone {since} · next dose {left} ",
         " Dose {since} · next {left} ", " Dose {since} ")
DUE = (" Naloxone given {since} ago · next dose NOW ", " Naloxone {since} · dose NOW ", " Dose {since} NOW ")
PROMPT = "{since} since the last dose."
PROMPT_BUTTON = "d  I gave another dose"
PROMPT_TYPING = "Tab, then d  I gave another dose"  # in a text field `d` is a letter (typing is typing)

Words = Callable[..., str]  # UiText: ui(key, default, **values)


def english(key: str, default: str, /, **values: object) -> str:
    for name, value in values.items():
        default = default.replace("{" + name + "}", str(value))
    return default


def clock_labels(dose: DoseTimer, now: float, ui: Words = english) -> Tuple[str, ...]:
    """Longest first; the bar shows the longest that fits beside the emergency and exit keys.
    The words are ui.toml's [dose] clock_0.. / due_0.. in the visitor's language."""
    since = minutes(dose.elapsed(now))
    if dose.due(now):
        return tuple(ui(f"dose.due_{n}", text, since=since) for n, text in enumerate(DUE))
    left = minutes(dose.remaining(now))
    return tuple(ui(f"dose.clock_{n}", text, since=since, left=left) for n, text in enumerate(CLOCK))


class DoseClock(BarButton):
    """In the top bar while a dose timer runs; a click opens the timer."""

    def __init__(self, **kwargs) -> None:
        super().__init__((" ",), "app.show_dose_timer", **kwargs)
        self.display = False

    def show(self, dose: Optional[DoseTimer], now: float) -> None:
        self.display = dose is not None
        self.set_class(dose is not None and dose.due(now), "-due")
        if dose is not None:
            self.labels = clock_labels(dose, now, getattr(self.app, "ui", english))


class DosePrompt(Static):
    """The next-dose prompt, on whatever screen is open when a dose is due."""

    # In a text field `d` is a letter (typing is typing): the prompt names the way out first.

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.display = False
        self._shown: Optional[Tuple[str, str]] = None
        self.typing = False

    def show(self, text: Optional[str], since: str = "") -> None:
        self.display = text is not None
        self._shown = None if text is None else (text, since)
        self._draw()

    def set_typing(self, typing: bool) -> None:
        if typing != self.typing:
            self.typing = typing
            self._draw()

    def _draw(self) -> None:
        if self._shown is not None:
            text, since = self._shown
            ui = getattr(self.app, "ui", english)
            prompt = Text.assemble((ui("dose.prompt", PROMPT, since=since) + " ", "bold"), text)
            prompt.append("\n")
            key = ui("dose.prompt_typing", PROMPT_TYPING) if self.typing else ui("dose.prompt_button", PROMPT_BUTTON)
            prompt.append(key, style="bold reverse")
            self.update(prompt)
