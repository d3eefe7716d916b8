"""Home: the topics, then Find help and Search."""

from __future__ import annotations

from typing import Iterable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from kiosk.ui.screens.base import MenuScreen
from kiosk.ui.widgets.menu import Menu

# Built-in entries after the pack's topics: (id, title, summary).
EXTRA_ITEMS = (
    ("find-help", "Find help", "Helplines and local services: who to call, where to go."),
    ("search", "Search", "Look for a word in everything here."),
    ("selfcheck", "Does this sound like me?", "A private self-check: 11 questions. Nothing is saved."),
    ("checklist", "Appointment checklist", "Tick what to bring and add short notes. Nothing is saved."),
    ("takeaway", "Take it with you", "Numbers and your checklist as a code for your phone camera."),
)


class HomeScreen(MenuScreen):
    def compose_body(self) -> Iterable[Widget]:
        info = self.kiosk.pack.info
        self.heading = info.title
        intro = Text(info.subtitle + "\n" if info.subtitle else "")
        intro.append("Private: nothing you look at here is saved.", style="italic")
        yield Static(intro, id="intro")
        items = [(f"topic:{t.id}", self.topic_title(t), t.summary) for t in self.kiosk.pack.topics]
        items += [(f"app:{item_id}", title, summary) for item_id, title, summary in EXTRA_ITEMS]
        yield Menu(items, id="home-menu")

    def topic_title(self, topic) -> str:
        """A topic the visitor's language lacks shows in English, marked as such."""
        return f"{topic.title} {self.kiosk.ui('language.in_english')}" if topic.fallback else topic.title

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
