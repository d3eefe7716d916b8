"""The take-away text: the helplines and services a user picks, and their checklist if they ask.

Pure Python, no Textual. Plain text only (no URL, nothing to track); the same text is shown on
screen and carried by the QR code. Nothing is kept: callers pass the visit's checklist in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, List, Mapping, Optional, Sequence, Tuple

from kiosk.config import Config, Helpline, Service
from kiosk.selfcheck import ChecklistItem

# Used when the deployment config lists no helplines: numbers from the project's research notes
# (emergency-facts.md, "Helplines"). A deployment's config replaces them.
DEFAULT_HELPLINES: Tuple[Helpline, ...] = (
    Helpline("SAMHSA National Helpline (US)", "1-800-662-4357", hours="24/7, free",
             tty="1-800-487-4889", region="US"),
    Helpline("FRANK (UK)", "0300 123 6600", hours="24/7", text="82111", region="UK"),
    Helpline("National Alcohol and Other Drug Hotline (Australia)", "1800 250 015", region="AU"),
    Helpline("National Overdose Response Service (Canada)", "1-888-688-6677",
             offers="for people using alone", region="CA"),
)

CHECKLIST_KEY = "checklist"


@dataclass(frozen=True)
class Entry:
    """One thing the user can choose to take away."""

    key: str  # "helpline:N", "service:N" or "checklist"
    label: str  # shown in the list of choices
    full: str  # the text carried, with details
    short: str  # the text carried when space is tight


def helpline_entries(config: Config) -> List[Entry]:
    lines = config.helplines
    if not lines:
        local = tuple(h for h in DEFAULT_HELPLINES if config.region and h.region == config.region)
        lines = local or DEFAULT_HELPLINES
    out = []
    for i, line in enumerate(lines):
        full = f"{line.name}: {line.number}"
        if line.text:
            full += f", text {line.text}"
        if line.tty:
            full += f", TTY {line.tty}"
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


def checklist_entry(items: Sequence[ChecklistItem], ticked: Mapping[str, str]) -> Optional[Entry]:
    """The user's checklist (ticked items and their notes), or None if nothing is ticked."""
    chosen = [(item.short, ticked[item.key].strip()) for item in items if item.key in ticked]
    if not chosen:
        return None
    full = "To bring:\n" + "\n".join(f"- {short}" + (f": {note}" if note else "") for short, note in chosen)
    short = "Bring: " + "; ".join(short + (f" ({note})" if note else "") for short, note in chosen)
    return Entry(CHECKLIST_KEY, f"My appointment checklist ({len(chosen)} ticked)", full, short)


def entries(config: Config, items: Sequence[ChecklistItem], ticked: Mapping[str, str]) -> List[Entry]:
    out = helpline_entries(config) + service_entries(config.services)
    mine = checklist_entry(items, ticked)
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
