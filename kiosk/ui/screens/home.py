"""Home: the topics, then Find help and Search."""

from __future__ import annotations

from typing import ClassVar, Iterable, List, Optional

from rich.text import Text
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Static

from kiosk.ui.bindings import bindings
from kiosk.ui.language import describe_binding
from kiosk.ui.screens.base import MenuScreen
from kiosk.ui.screens.welcome import LANGUAGE_KEY
from kiosk.ui.widgets.menu import Menu

# Built-in entries after the pack's topics, by id; their words are ui.toml's [home] <id> and
# <id>_summary (find_help, find_help_summary, ...).
EXTRA_ITEMS = ("find-help", "search", "selfcheck", "checklist", "takeaway")


class HomeScreen(MenuScreen):
    BINDINGS: ClassVar[List[BindingType]] = bindings("language")  # shown as the other language's own name

    def compose_body(self) -> Iterable[Widget]:
        info = self.kiosk.pack.info
        self.heading = info.title
        intro = Text(info.subtitle + "\n" if info.subtitle else "")
        ui = self.kiosk.ui
        intro.append(ui("home.private"), style="italic")
        yield Static(intro, id="intro")
        items = [(f"topic:{t.id}", self.topic_title(t), t.summary) for t in self.kiosk.pack.topics]
        items += [(f"app:{item_id}", ui(f"home.{item_id.replace('-', '_')}"),
                   ui(f"home.{item_id.replace('-', '_')}_summary")) for item_id in EXTRA_ITEMS]
        yield Menu(items, id="home-menu")

    def compose(self):
        other = self.kiosk.next_language()
        yield from super().compose()
        if other is not None:  # after the key hints are translated: the name is never translated
            describe_binding(self, LANGUAGE_KEY, self.kiosk.language_name(other))

    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if action == "switch_language":
            return self.kiosk.next_language() is not None  # one language: no switch at all
        return super().check_action(action, parameters)

    async def action_switch_language(self) -> None:
        """Everything in the other language, starting with this screen (composed anew)."""
        other = self.kiosk.next_language()
        if other is None:
            return
        self.kiosk.switch_language(other)
        await self.recompose()
        self._widget_key_hints()
        self.menu().focus()

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
