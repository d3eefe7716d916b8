"""The take-away text: the helplines and services a user picks, and their checklist if they ask.

Pure Python, no Textual. Plain text only (no URL, nothing to track); the same text is shown on
screen and carried by the QR code. Nothing is kept: callers pass the visit's checklist in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, List, Mapping, Optional, Sequence, Tuple

from kiosk.data.config import Config, Helpline, Service
from kiosk.data.selfcheck import ChecklistItem
from kiosk.data.ui_text import plural_category

CHECKLIST_KEY = "checklist"
# The words of the carried text, in English; the kiosk passes the visitor's language's
# (ui.toml [takeaway_text]). {n}: how many checklist items are ticked.
WORDS = {"text": "text", "tty": "TTY", "to_bring": "To bring:", "bring": "Bring:",
         "checklist": "My appointment checklist ({n} ticked)"}


@dataclass(frozen=True)
class Entry:
    """One thing the user can choose to take away."""

    key: str  # "helpline:N", "service:N" or "checklist"
    label: str  # shown in the list of choices
    full: str  # the text carried, with details
    short: str  # the text carried when space is tight


def helpline_entries(config: Config, defaults: Sequence[Tuple[str, Helpline]] = (),
                     words: Optional[Mapping[str, str]] = None) -> List[Entry]:
    """The config's helplines; without any, the built-in ones (content/helplines.toml, given as
    (country, helpline) pairs): those for the config's region, else all, named with their country."""
    lines: Sequence[Helpline] = config.helplines
    if not lines:
        local = [(c, h) for c, h in defaults if config.region and h.region == config.region]
        lines = [replace(h, name=f"{h.name} ({c})") for c, h in (local or list(defaults))]
    w = {**WORDS, **(words or {})}
    out = []
    for i, line in enumerate(lines):
        full = f"{line.name}: {line.number}"
        if line.text:
            full += f", {w['text']} {line.text}"
        if line.tty:
            full += f", {w['tty']} {line.tty}"
        if line.hours:
            full += f" ({line.hours})"
        label = f"{line.name}  {line.number}"
        out.append(Entry(f"helpline:{i}", label, full, f"{line.name} {line.number}"))
    return out


def service_entries(services: Sequence[Service]) -> List[Entry]:
    out = []
    for i, service in enumerate(services):
        address = ", ".join(part.strip() for part in service.address.splitlines() if part.strip())
        details = [d for d in (service.phone, address) if d]
        full = service.name + (": " + ", ".join(details) if details else "")
        short = service.name + (f" {service.phone}" if service.phone else (f", {address}" if address else ""))
        out.append(Entry(f"service:{i}", service.name + (f"  {service.phone}" if service.phone else ""), full, short))
    return out


def checklist_entry(items: Sequence[ChecklistItem], ticked: Mapping[str, str],
                    words: Optional[Mapping[str, str]] = None, code: str = "en") -> Optional[Entry]:
    """The user's checklist (ticked items and their notes), or None if nothing is ticked."""
    w = {**WORDS, **(words or {})}
    chosen = [(item.short, ticked[item.key].strip()) for item in items if item.key in ticked]
    if not chosen:
        return None
    full = w["to_bring"] + "\n" + "\n".join(f"- {short}" + (f": {note}" if note else "") for short, note in chosen)
    short = w["bring"] + " " + "; ".join(short + (f" ({note})" if note else "") for short, note in chosen)
    n = len(chosen)
    label = w.get("checklist_one", w["checklist"]) if plural_category(code, n) == "one" else w["checklist"]
    return Entry(CHECKLIST_KEY, label.replace("{n}", str(n)), full, short)


def entries(config: Config, items: Sequence[ChecklistItem], ticked: Mapping[str, str],
            defaults: Sequence[Tuple[str, Helpline]] = (), words: Optional[Mapping[str, str]] = None,
            code: str = "en") -> List[Entry]:
    out = helpline_entries(config, defaults, words) + service_entries(config.services)
    mine = checklist_entry(items, ticked, words, code)
    if mine is not None:
        out.append(mine)
    return out


def build_text(all_entries: Iterable[Entry], chosen: Iterable[str], compact: bool = False) -> str:
    """The plain text to carry, in the order the entries are listed."""
    keys = set(chosen)
    return "\n".join(e.short if compact else e.full for e in all_entries if e.key in keys)


def default_choice(all_entries: Sequence[Entry], fits: Callable[[str], bool]) -> List[str]:
    """Helplines first, as many as fit; services and the checklist only when the user asks."""
    chosen: List[str] = []
    for entry in all_entries:
        if entry.key.startswith("helpline:") and fits(build_text(all_entries, chosen + [entry.key])):
            chosen.append(entry.key)
    return chosen


def shorter(all_entries: Sequence[Entry], chosen: Sequence[str],
            fits: Callable[[str], bool]) -> Tuple[List[str], bool]:
    """A selection that fits, from what was chosen: the short form of each entry, keeping first
    the checklist (it exists nowhere else), then helplines, then services, while they fit.
    Returns (keys in list order, compact); keys is empty if not even one entry fits."""
    keys = [e.key for e in all_entries if e.key in set(chosen)]
    if fits(build_text(all_entries, keys)):
        return keys, False
    rank = {CHECKLIST_KEY: 0}
    kept: List[str] = []
    for key in sorted(keys, key=lambda k: rank.get(k, 1 if k.startswith("helpline:") else 2)):
        if fits(build_text(all_entries, kept + [key], compact=True)):
            kept.append(key)
    kept = [k for k in keys if k in kept]
    if kept and fits(build_text(all_entries, kept)):
        return kept, False
    return kept, True
