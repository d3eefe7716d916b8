"""Menu items that carry what they open, so no screen needs an if/elif chain to act on a choice.

An item opens "kind:target": `topic:<topic id>`, `page:<page id>` or `screen:<built-in screen>`
(emergency, crisis, find-help, search, selfcheck, checklist, takeaway, ...). The UI keeps the one
table from kind to how to open it (kiosk/ui/app.py, `KioskApp.open`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

KINDS = ("topic", "page", "screen")

# The built-in entries on home after the pack's topics: (screen, letter key). Their words are
# ui.toml's [home] <screen> and <screen>_summary (find_help, find_help_summary, ...).
HOME_TOOLS: Tuple[Tuple[str, str], ...] = (
    ("selfcheck", "s"), ("checklist", "c"), ("takeaway", "t"), ("find-help", "f"), ("search", "/"))


@dataclass(frozen=True)
class MenuItem:
    opens: str  # "kind:target"
    title: str
    summary: str = ""

    @property
    def kind(self) -> str:
        return self.opens.partition(":")[0]

    @property
    def target(self) -> str:
        return self.opens.partition(":")[2]


def opens(kind: str, target: str) -> str:
    """'kind:target', refusing a kind the UI has no way to open (a programming error, not content)."""
    if kind not in KINDS:
        raise ValueError(f"a menu item opens one of {KINDS}, not {kind!r}")
    return f"{kind}:{target}"


def topic_item(topic_id: str, title: str, summary: str = "") -> MenuItem:
    return MenuItem(opens("topic", topic_id), title, summary)


def page_item(page_id: str, title: str, summary: str = "") -> MenuItem:
    return MenuItem(opens("page", page_id), title, summary)


def screen_item(screen: str, title: str, summary: str = "") -> MenuItem:
    return MenuItem(opens("screen", screen), title, summary)
