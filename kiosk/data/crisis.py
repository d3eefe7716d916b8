"""The crisis screen's words (content/crisis.toml): a model and a strict loader. Pure Python.

The crisis lines themselves live in helplines.toml (crisis = true), beside the other helplines,
so a number is written in one place only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, List, Tuple

from kiosk.data.checks import Checker
from kiosk.data.tomlfile import ContentError, as_resource, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

NUMBER_SLOT = "{number}"


@dataclass(frozen=True)
class Crisis:
    title: str
    intro: str
    reassurance: str
    danger: str
    overdose: str
    no_number: str
    call: str
    text: str
    all_lines: str
    find_help: str
    emergency: str
    link: str
    sources: Tuple[str, ...]

    def danger_text(self, number: str) -> str:
        return self.danger.replace(NUMBER_SLOT, number or self.no_number)


# Shown if crisis.toml is missing or broken: the screen must still work (the lines come from
# helplines.toml). Same words as the shipped file.
FALLBACK = Crisis(
    title="Thinking of harming yourself?",
    intro="If you are thinking about suicide or harming yourself, you don't have to face it alone. "
          "You can talk to someone now.",
    reassurance="You don't need the right words. They will listen, without judging you.",
    danger="If you are in danger now, call {number}.",
    overdose="If someone has overdosed or is not breathing normally, press e now.",
    no_number="your local emergency number",
    call="Call", text="Text", all_lines="Crisis lines, by country",
    find_help="Find help: more helplines and places near you",
    emergency="Emergency: what to do in an overdose",
    link="Thinking of harming yourself? Talk to someone now",
    sources=("content/helplines.toml",),
)

# key -> maximum length
LIMITS = {
    "title": 60, "intro": 300, "reassurance": 200, "danger": 160, "overdose": 160,
    "no_number": 60, "call": 20, "text": 20, "all_lines": 80, "find_help": 80, "emergency": 80, "link": 80,
}


def load_crisis(root: "Where") -> Tuple[Crisis, List[ContentError]]:
    """The crisis screen's words; the built-in fallback if the file is missing or any key broken
    (a half-filled crisis screen would be worse than the plain one)."""
    path = as_resource(root) / "crisis.toml"
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return FALLBACK, [exc]
    ck = Checker(str(path), text)
    if not ck.keys(data, [], tuple(LIMITS) + ("sources",)):
        return FALLBACK, ck.errors
    values = {key: ck.string(data, [], key, max_len=n) for key, n in LIMITS.items()}
    sources = ck.string_list(data, [], "sources", max_len=300, non_empty=True)
    danger = values["danger"]
    if danger is not None and NUMBER_SLOT not in danger:
        ck.error(["danger"], "expected the text to contain {number} (where the emergency number goes)")
        values["danger"] = None
    if ck.errors or None in values.values() or sources is None:
        return FALLBACK, ck.errors
    return Crisis(sources=tuple(sources), **values), ck.errors  # type: ignore[arg-type]
