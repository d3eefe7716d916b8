"""The CPR coach's beat (issue 17): pure timing from an injected clock, and its words. No Textual.

Beat n (from 1) falls at start + (n - 1) * 60 / rate, computed from the start each time, so a
late tick never drifts the rhythm: it shows the latest beat and skips the missed ones. With
breaths, a cycle is 30 pushes then BREATH_BEATS beats for 2 breaths (about 5 s: pauses under
10 s, AHA/ERC); hands-only, the count starts again at 1 after 30, with "keep pushing".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, List, Optional, Tuple

from kiosk.data.checks import Checker
from kiosk.data.tomlfile import ContentError, as_resource, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

RATE = 110  # compressions a minute (100-120, AHA/ERC); a 110/min metronome helped lay people
PUSHES = 30
BREATH_BEATS = 9  # 9 beats at 110/min = 4.9 s for 2 breaths
REMIND_EVERY = 120.0  # seconds: before any dose, a reminder to give naloxone (after one, the dose clock rings)

KEYS = ("title", "start", "hands", "depth", "push", "breaths", "breaths_how", "keep_pushing", "hands_only",
        "with_breaths", "stop_when", "dose_now", "dose_next", "dose_none", "back", "practice", "source",
        "call_heading", "call_lines", "call_address", "call_source")
MULTILINE = ("call_lines",)


@dataclass(frozen=True)
class CoachText:
    title: str = "CPR coach: push with the beat"
    start: str = "CPR coach"
    hands: str = "Heel of one hand in the middle of the chest, the other hand on top."
    depth: str = "Push straight down 5 to 6 cm (about 2 inches), hard and fast, with the beat."
    push: str = "Push"
    breaths: str = "2 breaths"
    breaths_how: str = ("Tilt the head back and lift the chin. Pinch the nose, seal your mouth over theirs, "
                        "blow until the chest rises. Twice. Then push again at once.")
    keep_pushing: str = "Keep pushing"
    hands_only: str = "h  Pushes only, no breaths"
    with_breaths: str = "h  With breaths: 30 and 2"
    stop_when: str = "Keep going until they breathe normally or help takes over."
    dose_now: str = "Naloxone: still not breathing normally? Give the next dose now, then push again."
    dose_next: str = "Naloxone: next dose in {time}."
    dose_none: str = "Naloxone: give it as soon as you can, without stopping for long."
    back: str = "Steps"
    practice: str = "PRACTICE: push on a cushion, never on a person."
    source: str = "AHA 2025 adult basic life support; ERC 2025; Resuscitation Council UK 2025"
    call_heading: str = "What to say on the call"
    call_lines: str = "Give the address, and how to get in.\nPut the phone on speaker, next to them."
    call_address: str = "The address here:"
    call_source: str = "Resuscitation Council UK (2025)"


def load_coach(root: Where) -> Tuple[CoachText, List[ContentError]]:
    path = as_resource(root) / "coach.toml"  # a folder, or the pack inside the single-file copy
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return CoachText(), [exc]
    ck = Checker(str(path), text)
    table = data.get("coach")
    if not isinstance(table, dict):
        ck.error(["coach"], "expected a [coach] table")
        return CoachText(), ck.errors
    if not ck.keys(table, ["coach"], KEYS, KEYS):
        return CoachText(), ck.errors
    values = {}
    for key in KEYS:
        value = ck.string(table, ["coach"], key, max_len=600, multiline=key in MULTILINE)
        if value is not None:
            values[key] = value
    return CoachText(**values), ck.errors


@dataclass(frozen=True)
class Beat:
    number: int  # from 1, since the coach started
    count: int  # 1..30 while pushing, 0 during the 2 breaths
    prompt: Optional[str]  # "breaths" or "keep_pushing" on the beat it starts; else None
    remind: bool  # the 2-minute naloxone reminder falls on this beat

    @property
    def breathing(self) -> bool:
        return self.count == 0


class Coach:
    def __init__(self, start: float, hands_only: bool = False, rate: int = RATE) -> None:
        self.start = start
        self.rate = rate
        self.hands_only = hands_only
        self.shown = 0  # the last beat handed out
        self.cycle_start = 1  # the beat the current 30 began on (hands-only may be switched mid-way)

    @property
    def period(self) -> float:
        return 60.0 / self.rate

    def time_of(self, number: int) -> float:
        return self.start + (number - 1) * self.period

    def number_at(self, now: float) -> int:
        """The beat sounding at `now` (0 before the start)."""
        if now < self.start:
            return 0
        return int(math.floor((now - self.start) / self.period + 1e-9)) + 1

    def beat(self, number: int) -> Beat:
        cycle = PUSHES + (0 if self.hands_only else BREATH_BEATS)
        at = (number - self.cycle_start) % cycle  # 0-based place in the cycle
        count = at + 1 if at < PUSHES else 0
        prompt = None
        if at == PUSHES:
            prompt = "breaths"
        elif self.hands_only and at == PUSHES - 1:
            prompt = "keep_pushing"
        remind = number > 1 and self.reminder_index(number) > self.reminder_index(number - 1)
        return Beat(number, count, prompt, remind)

    def reminder_index(self, number: int) -> int:
        """How many 2-minute marks have passed by beat `number` (exact: whole numbers only)."""
        return ((number - 1) * 60) // (int(REMIND_EVERY) * self.rate)

    def due(self, now: float) -> Optional[Beat]:
        """The newest beat not yet handed out (missed ones are skipped, never replayed)."""
        number = self.number_at(now)
        if number <= self.shown:
            return None
        last, self.shown = self.shown, number
        beat = self.beat(number)
        if not beat.remind and last >= 1:  # a reminder on a skipped beat still comes, late
            passed = self.reminder_index(number) > self.reminder_index(last)
            beat = Beat(beat.number, beat.count, beat.prompt, passed)
        return beat

    def next_time(self) -> float:
        return self.time_of(self.shown + 1)

    def set_hands_only(self, hands_only: bool) -> None:
        """Switch mode: counting starts again at 1 on the next beat."""
        self.hands_only = hands_only
        self.cycle_start = self.shown + 1
