"""One dose per press of the dose key (issue 16). Pure Python, no Textual.

Holding `d` makes the terminal repeat it (about 30 a second after a short delay): each repeat
would record a dose. A `d` that comes within REPEAT_GAP of the previous `d` is the same press.
A new press within CONFIRM_WITHIN of the last recorded dose is probably a mistake (naloxone is
repeated after 2 to 3 minutes): the screen asks "Another dose already?" before recording it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

REPEAT_GAP = 0.8  # seconds: longer than any key-repeat delay (X11 and the console default to 0.66 s at most)
CONFIRM_WITHIN = 30.0  # seconds since the last dose

GIVE, IGNORE, CONFIRM = "give", "ignore", "confirm"


@dataclass
class DoseKey:
    last_key: Optional[float] = None  # a dataclass: a fresh Visit equals Visit() (the privacy tests)

    def press(self, now: float, last_dose: Optional[float]) -> str:
        """What a press of the dose key at `now` means, given the time of the last recorded dose."""
        repeat = self.last_key is not None and now - self.last_key < REPEAT_GAP
        self.last_key = now
        if repeat:
            return IGNORE
        if last_dose is not None and now - last_dose < CONFIRM_WITHIN:
            return CONFIRM
        return GIVE
