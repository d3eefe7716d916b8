"""The emergency screens' content (content/emergency.toml), as the screens read it: the numbers,
the step-by-step guides, the re-dose timer's words and the naloxone page. Pure Python, no Textual.

Read by kiosk/data/emergency_loader.py; the built-in content for a broken file is in
kiosk/data/emergency_fallback.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

NUMBER_SLOT = "{number}"
ADDRESS_SLOT = "{address}"  # in a step's `say`: "The address here: ..." (coach.toml, config), or nothing
NO_NUMBER = "your local emergency number"
GUIDE_IDS = ("overdose", "spray", "injection", "injection-other")
SHOW = ("spray", "injection", "dose", "doses", "numbers", "where")
DOSE_KINDS = ("any", "spray", "injection")
# Steps every way into a guide must start with (issue 10): the call, then the breathing check.
FIRST_STEPS = ("call", "breathing")
OVERDOSE_STEP_IDS = FIRST_STEPS + ("wake",)  # the overdose guide must have these (the timer uses "wake")
KITS = ("prenoxad", "other")


def fill_number(text: str, number: str, no_number: str = NO_NUMBER) -> str:
    """Put the emergency number (or `no_number`: 'your local emergency number', in the visitor's
    language) where the text says {number}."""
    return text.replace(NUMBER_SLOT, number or no_number)


def injection_guide_id(region: Optional[str], injection_kit: Optional[str]) -> str:
    """The Prenoxad guide where it is sold (the UK) or where the config asks for it; elsewhere the
    guide that says to follow the kit's own instructions."""
    kit = injection_kit or ("prenoxad" if region == "UK" else "other")
    return "injection" if kit == "prenoxad" else "injection-other"


@dataclass(frozen=True)
class EmergencyNumber:
    region: str
    label: str
    number: str
    in_table: bool = True  # False: only a region's number (Ireland's 112 is the EU's, listed once)


@dataclass(frozen=True)
class GuideStep:
    title: str
    text: str
    source: str
    show: Tuple[str, ...] = ()
    id: str = ""
    say: str = ""  # the words for the ear (content `say`); "" = the title and text as shown

    def spoken(self) -> str:
        """What the voice says for this step: its own `say`, else the screen's words."""
        return self.say or f"{self.title}. {self.text}"


@dataclass(frozen=True)
class Guide:
    """A guide's steps in order. A device guide's first `shared` steps are the overdose guide's
    call and breathing steps (its `begin_with`), skipped when it is opened from the overdose guide."""
    id: str
    title: str
    steps: Tuple[GuideStep, ...]
    shared: int = 0

    def index_of(self, step_id: str) -> Optional[int]:
        return next((i for i, s in enumerate(self.steps) if s.id == step_id), None)


@dataclass(frozen=True)
class TimerText:
    title: str
    crew: str
    awake: str
    redose_after: int  # seconds
    wait: Dict[str, str]  # dose kind (any, spray, injection) -> what to do while waiting
    redose: Dict[str, str]  # dose kind -> the prompt for the next dose


@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    source: str
    kit: str = ""  # "prenoxad" / "other": shown only with / without the Prenoxad guide


@dataclass(frozen=True)
class NaloxonePage:
    title: str
    intro: str
    where_heading: str
    sections: Tuple[Section, ...]


@dataclass(frozen=True)
class Emergency:
    title: str
    intro: str
    signs: Tuple[str, ...]
    unsure: str
    steps: Tuple[str, ...]
    numbers: Tuple[EmergencyNumber, ...]
    sources: Tuple[str, ...]
    call_now: str = "Call now"
    call_local: str = "Call your local emergency number:"
    steps_heading: str = "What to do, in order:"
    where_label: str = "Naloxone here:"
    say: str = ""  # the first screen's words for the ear; "" = the number and the steps as shown
    guides: Tuple[Guide, ...] = ()
    timer: Optional[TimerText] = None
    naloxone: Optional[NaloxonePage] = None

    def table(self) -> List[Tuple[str, str]]:
        """(label, number) of the table of common numbers, shown when no number is known."""
        return [(n.label, n.number) for n in self.numbers if n.in_table]

    def number_for(self, region: str) -> str:
        return next((n.number for n in self.numbers if n.region == region), "")

    def call_number(self, region: Optional[str], configured: Optional[str]) -> str:
        """The number to show large: the config's own number, else its region's; "" if neither."""
        return configured or (self.number_for(region) if region else "")

    @property
    def dose_timer(self) -> TimerText:
        """The re-dose timer's words (the loader always sets them; an Emergency built in code may not)."""
        from kiosk.data.emergency_fallback import FALLBACK_TIMER  # it is built from these classes

        return self.timer or FALLBACK_TIMER

    def guide(self, guide_id: str) -> Guide:
        found = next((g for g in self.guides if g.id == guide_id), None)
        if found is None:  # a broken file never leaves the guided mode empty
            from kiosk.data.emergency_fallback import FALLBACK_GUIDES

            found = next(g for g in FALLBACK_GUIDES if g.id == guide_id)
        return found
