"""The emergency content (content/emergency.toml): models and strict loader. Pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import List, Tuple

from kiosk.checks import Checker
from kiosk.tomlfile import ContentError, read_toml


@dataclass(frozen=True)
class EmergencyNumber:
    region: str
    label: str
    number: str


@dataclass(frozen=True)
class Emergency:
    title: str
    intro: str
    signs: Tuple[str, ...]
    unsure: str
    steps: Tuple[str, ...]
    numbers: Tuple[EmergencyNumber, ...]
    sources: Tuple[str, ...]

    def number_for(self, region: str) -> str:
        return next((n.number for n in self.numbers if n.region == region), "")


# Shown if emergency.toml itself is broken: the bare minimum, from the same sources.
FALLBACK = Emergency(
    "Emergency: opioid overdose",
    "Someone may be overdosing if they can't be woken or are breathing slowly or not at all.",
    (), "If you aren't sure, treat it as an overdose. Don't leave them alone.",
    ("Call your local emergency number.",), (
        EmergencyNumber("US", "USA / Canada", "911"), EmergencyNumber("UK", "UK", "999"),
        EmergencyNumber("EU", "European Union", "112"), EmergencyNumber("AU", "Australia", "000"),
        EmergencyNumber("NZ", "New Zealand", "111")),
    ("SAMHSA Opioid Overdose Prevention Toolkit (2018)",),
)


def load_emergency(root: Path) -> Tuple[Emergency, List[ContentError]]:
    path = Path(root) / "emergency.toml"
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return FALLBACK, [exc]
    ck = Checker(str(path), text)
    if not ck.keys(data, [], ("title", "intro", "signs", "unsure", "steps", "numbers", "sources")):
        return FALLBACK, ck.errors
    numbers = []
    for i, raw in enumerate(ck.table_list(data, [], "numbers", max_items=30)):
        p = ["numbers", i]
        if ck.keys(raw, p, ("region", "label", "number")):
            region, label, number = (ck.string(raw, p, k, max_len=40) for k in ("region", "label", "number"))
            if region and label and number:
                numbers.append(EmergencyNumber(region, label, number))
    fields = dict(
        title=ck.string(data, [], "title", max_len=80),
        intro=ck.string(data, [], "intro", max_len=300),
        signs=ck.string_list(data, [], "signs", max_len=300, non_empty=True),
        unsure=ck.string(data, [], "unsure", max_len=300),
        steps=ck.string_list(data, [], "steps", max_len=300, non_empty=True),
        sources=ck.string_list(data, [], "sources", max_len=300, non_empty=True),
    )
    if any(v is None for v in fields.values()) or not numbers:
        return FALLBACK, ck.errors
    return Emergency(
        fields["title"], fields["intro"], tuple(fields["signs"]), fields["unsure"],
        tuple(fields["steps"]), tuple(numbers), tuple(fields["sources"]),
    ), ck.errors
