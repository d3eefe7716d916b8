"""A topic's pages as a menu (topics with one page open that page directly)."""

from __future__ import annotations

from typing import Iterable

from textual.widget import Widget

from kiosk.data.content import Topic
from kiosk.ui.screens.base import MenuScreen
from kiosk.ui.widgets.menu import Menu


class TopicScreen(MenuScreen):
    def __init__(self, topic: Topic) -> None:
        super().__init__()
        self.topic = topic
        self.heading = topic.title

    def compose_body(self) -> Iterable[Widget]:
        items = []
        for pid in self.topic.page_ids:
            page = self.kiosk.pack.page(pid)
            if page is not None:
                title = f"{page.title} {self.kiosk.ui('language.in_english')}" if page.fallback else page.title
                items.append((pid, title, page.summary))
        yield Menu(items, id="topic-menu")

    def open_item(self, item_id: str) -> None:
        self.kiosk.open_page(item_id)
