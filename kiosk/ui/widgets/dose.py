"""The naloxone dose timer on every screen: a clock in the top bar (time since the last dose and
a countdown to the next), and the next-dose prompt under the bar when a dose is due. Both are
drawn from `app.visit.dose` by `KioskScreen.refresh_dose()`; they hold no state of their own."""

from __future__ import annotations

from typing import Optional, Tuple

from rich.text import Text
from textual.widgets import Static

from kiosk.data.dose import DoseTimer, minutes
from kiosk.ui.widgets.chrome import BarButton


def clock_labels(dose: DoseTimer, now: float) -> Tuple[str, ...]:
    """Longest first; the bar shows the longest that fits beside the emergency and exit keys."""
    since = minutes(dose.elapsed(now))
    if dose.due(now):
        return (f" Naloxone given {since} ago · next dose NOW ", f" Naloxone {since} · dose NOW ",
                f" Dose {since} NOW ")
    left = minutes(dose.remaining(now))
    return (f" Naloxone given {since} ago · next dose in {left} ", f" Naloxone {since} · next dose {left} ",
            f" Dose {since} · next {left} ", f" Dose {since} ")


class DoseClock(BarButton):
    """In the top bar while a dose timer runs; a click opens the timer."""

    def __init__(self, **kwargs) -> None:
        super().__init__((" ",), "app.show_dose_timer", **kwargs)
        self.display = False

    def show(self, dose: Optional[DoseTimer], now: float) -> None:
        self.display = dose is not None
        self.set_class(dose is not None and dose.due(now), "-due")
        if dose is not None:
            self.labels = clock_labels(dose, now)


class DosePrompt(Static):
    """The next-dose prompt, on whatever screen is open when a dose is due."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.display = False

    def show(self, text: Optional[str], since: str = "") -> None:
        self.display = text is not None
        if text is not None:
            prompt = Text.assemble((f"{since} since the last dose. ", "bold"), text)
            prompt.append("\n")
            prompt.append("d  I gave another dose", style="bold reverse")
            self.update(prompt)
