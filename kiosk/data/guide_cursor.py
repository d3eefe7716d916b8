"""Where a visitor is in the emergency guides: one step of one guide, and where Back returns.

The guided screen shows `cursor.step` and moves the cursor; the rules live here, without Textual,
so they are tested on their own (tests/unit/test_guide_cursor.py). The overdose guide leads; a
device guide (spray, injection) opened from it is a detour: its end, or Back from its first step,
returns to the overdose guide (the step after the one it was opened from, or that step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, List, Tuple

from kiosk.data.emergency import Guide, GuideStep

Place = Tuple[str, int]  # (guide id, step index)
DEVICE_GUIDES = ("spray", "injection")  # a dose given from these guides is of that kind


@dataclass
class GuideCursor:
    guides: Callable[[str], Guide]  # a guide by id (Emergency.guide: never fails)
    place: Place = ("overdose", 0)
    history: List[Place] = field(default_factory=list)  # where the end of a detour (or Back) returns
    start: int = 0  # the step this guide was entered at: Back from it returns (call/breathing skipped)

    @property
    def guide(self) -> Guide:
        return self.guides(self.place[0])

    @property
    def step(self) -> GuideStep:
        return self.guide.steps[self.place[1]]

    @property
    def dose_kind(self) -> str:
        """The kind of a dose given here: the device guide's, else "any"."""
        return self.place[0] if self.place[0] in DEVICE_GUIDES else "any"

    def can_go_next(self) -> bool:
        return self.place[1] + 1 < len(self.guide.steps) or bool(self.history)

    @property
    def past_call(self) -> bool:
        """The call step has been shown (the CPR coach is never offered before the call)."""
        call = self.guide.index_of("call")
        return bool(self.history) or (call is not None and self.place[1] > call)

    def next(self) -> bool:
        """One step on; at the end of a detour, back to the step after it. False: nowhere to go."""
        guide_id, index = self.place
        if index + 1 < len(self.guide.steps):
            self.place = (guide_id, index + 1)
        elif self.history:
            back_id, back_index = self.history.pop()
            self.start = 0
            self.place = (back_id, min(back_index + 1, len(self.guides(back_id).steps) - 1))
        else:
            return False
        return True

    def back(self) -> bool:
        """One step back; from a detour's first step, to where it was opened. False: Back leaves."""
        guide_id, index = self.place
        if index > self.start:
            self.place = (guide_id, index - 1)
        elif self.history:
            self.place = self.history.pop()
            self.start = 0
        else:
            return False
        return True

    def go_to(self, guide_id: str) -> None:
        """Open a guide as a detour. It starts with the call and the breathing check unless the
        overdose guide has just shown them (then at its first own step)."""
        past_breathing = self.guides("overdose").index_of("breathing") or 0
        shown_already = self.place[0] == "overdose" and self.place[1] > past_breathing
        start = self.guides(guide_id).shared if shown_already else 0
        if self.place[0] != guide_id:
            self.history.append(self.place)
        self.place = (guide_id, start)
        self.start = start

    def to_wake(self) -> None:
        """They respond: the overdose guide's 'when they wake' step (its last, if it has none)."""
        self.history.clear()
        self.start = 0
        overdose = self.guides("overdose")
        wake = overdose.index_of("wake")
        self.place = ("overdose", len(overdose.steps) - 1 if wake is None else wake)
