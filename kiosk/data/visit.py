"""Everything one visit leaves in memory, in one object.

Quick exit and idle reset never clean this: they throw it away with the visit's screens and
start a fresh Visit. State that belongs to a visit lives here or on a screen instance, never in
a module global or directly on the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Dict, List, Optional

from kiosk.data.dose import DoseTimer
from kiosk.data.dose_key import DoseKey


@dataclass
class Visit:
    # Emergency: wall-clock times naloxone doses were given (to tell the ambulance crew).
    doses: List[datetime] = field(default_factory=list)
    # The naloxone dose timer while it runs (from the first dose until they wake or it is stopped).
    dose: Optional[DoseTimer] = None
    # One dose per press of the dose key: a held key's repeats are the same press (issue 16).
    dose_key: DoseKey = field(default_factory=DoseKey)
    # While True (a dose timer is running), idle reset must not end the visit.
    hold_idle: bool = False
    # The spoken guide (issue 17): the visitor's `v` (None: the deployment's `speech` decides), and
    # the last text spoken (for `r`, repeat).
    voice: Optional[bool] = None
    spoken: str = ""
    spoken_source: str = "emergency.toml"  # the content file it came from (its language)
    hands_only: bool = False  # CPR coach: pushes only (no breaths)
    coaching: bool = False  # the CPR coach is running: nobody presses keys, idle reset must wait
    practice: bool = False  # practice mode: labelled PRACTICE everywhere, no dose time kept
    # Self-check answers by question number: "yes" / "no" / "skip".
    selfcheck: Dict[int, str] = field(default_factory=dict)
    # The self-check's urgent signs ("When to seek help"), by number: "yes" / "no" / "skip".
    selfcheck_urgent: Dict[int, str] = field(default_factory=dict)
    # Appointment checklist: item key -> note text ("" when only ticked).
    checklist: Dict[str, str] = field(default_factory=dict)
