"""Home: the topics, then the tools (self-check, checklist, take-away, Find help, Search).

Every entry is on screen at 80x24 without scrolling, one line each, with its own key shown:
digits 1-9 and 0 for the first ten, then the tool's letter. The highlighted entry's summary is
shown in full below the list (the one-line summaries are cut to the width).
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List, Tuple

from rich.text import Text
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kiosk.ui.bindings import bindings
from kiosk.ui.screens.base import MenuScreen
from kiosk.ui.widgets.menu import Menu

# Built-in entries after the pack's topics: (id, title, summary, letter key). f and / are
# app-wide keys; s, c and t are this screen's.
EXTRA_ITEMS = (
    ("selfcheck", "Does this sound like me?", "A private self-check: 11 questions. Nothing is saved.", "s"),
    ("checklist", "Appointment checklist", "Tick what to bring and add short notes. Nothing is saved.", "c"),
    ("takeaway", "Take it with you", "Numbers and your checklist as a code for your phone camera.", "t"),
    ("find-help", "Find help", "Helplines and local services: who to call, where to go.", "f"),
    ("search", "Search", "Look for a word in everything here.", "/"),
)
DIGITS = "1234567890"


def entry_keys(n_topics: int) -> List[str]:
    """Digits for the first ten entries, then each tool's own letter."""
    keys = [DIGITS[i] if i < len(DIGITS) else "" for i in range(n_topics)]
    for i, extra in enumerate(EXTRA_ITEMS, start=n_topics):
        keys.append(DIGITS[i] if i < len(DIGITS) else extra[3])
    return keys


class HomeScreen(MenuScreen):
    BINDINGS: ClassVar[List[BindingType]] = bindings("home")

    def compose_body(self) -> Iterable[Widget]:
        info = self.kiosk.pack.info
        self.heading = info.title
        intro = Text(info.subtitle + "\n" if info.subtitle else "")
        intro.append("Private: nothing you look at here is saved.", style="italic")
        yield Static(intro, id="intro")
        topics = self.kiosk.pack.topics
        items: List[Tuple[str, str, str]] = [(f"topic:{t.id}", self.topic_title(t), t.summary) for t in topics]
        items += [(f"app:{item_id}", title, summary) for item_id, title, summary, _ in EXTRA_ITEMS]
        yield Menu(items, keys=entry_keys(len(topics)), one_line=True, divider_after=len(topics), id="home-menu")
        yield Static(id="home-detail")

    def topic_title(self, topic) -> str:
        """A topic the visitor's language lacks shows in English, marked as such."""
        return f"{topic.title} {self.kiosk.ui('language.in_english')}" if topic.fallback else topic.title

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#home-detail", Static).update(Text(self.summary_of(event.option.id or "")))

    def summary_of(self, item_id: str) -> str:
        kind, _, target = item_id.partition(":")
        if kind == "topic":
            return next((t.summary for t in self.kiosk.pack.topics if t.id == target), "")
        return next((summary for extra, _, summary, _ in EXTRA_ITEMS if extra == target), "")

    def action_open_extra(self, target: str) -> None:
        self.open_item(f"app:{target}")

    def open_item(self, item_id: str) -> None:
        kind, _, target = item_id.partition(":")
        if kind == "topic":
            self.kiosk.open_topic(target)
        elif target == "find-help":
            self.kiosk.action_find_help()
        elif target == "search":
            self.kiosk.action_search()
        elif target == "selfcheck":
            self.kiosk.open_selfcheck()
        elif target == "checklist":
            self.kiosk.open_checklist()
        elif target == "takeaway":
            self.kiosk.open_takeaway()
