"""The naloxone dose timer of one visit. Pure Python, no Textual.

It runs from the first "I gave naloxone" until "They are waking up", a confirmed stop, or the
end of the visit (quick exit and idle reset throw the Visit, and this with it, away). Leaving
the guide (Home, Back) never ends it: it follows the bystander from screen to screen.
Times are app.clock() seconds (monotonic); the clock times for the ambulance crew are kept in
Visit.doses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass
class DoseTimer:
    redose_after: int  # seconds: the makers say a new dose after 2 to 3 minutes with no response
    last_dose: float  # app.clock() time of the last dose
    kind: str = "any"  # "any", "spray" or "injection": which words the next-dose prompt uses
    prompted: bool = False  # the next-dose prompt (and its bell) has been given for the last dose

    def elapsed(self, now: float) -> float:
        return max(0.0, now - self.last_dose)

    def remaining(self, now: float) -> float:
        return max(0.0, self.redose_after - self.elapsed(now))

    def due(self, now: float) -> bool:
        return self.elapsed(now) >= self.redose_after

    def dose_given(self, now: float, kind: str) -> None:
        self.last_dose = now
        self.prompted = False
        if kind != "any":
            self.kind = kind


def minutes(seconds: float) -> str:
    """1:05, or 1:02:03 past an hour."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def spoken_minutes(seconds: float, ui: Callable[..., str]) -> str:
    """A time as the voice says it: "1 minute 59 seconds" (ui.toml [spoken]; "1:59" is read as a
    number, "one fifty-nine", by espeak-ng)."""
    whole = int(seconds)
    mins, secs = divmod(whole, 60)
    parts = []
    if mins:
        parts.append(ui("spoken.minute") if mins == 1 else ui("spoken.minutes", n=mins))
    if secs or not mins:
        parts.append(ui("spoken.second") if secs == 1 else ui("spoken.seconds", n=secs))
    return " ".join(parts)
