"""Home: the topics, then the tools (self-check, checklist, take-away, Find help, Search).

Every entry is on screen at 80x24 without scrolling, one line each, with its own key shown:
digits 1-9 and 0 for the first ten, then the tool's letter. The highlighted entry's summary is
shown in full below the list (the one-line summaries are cut to the width).
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List, Optional

from rich.text import Text
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kiosk.data.menu import HOME_TOOLS, opens, screen_item, topic_item
from kiosk.ui.bindings import bindings
from kiosk.ui.language import describe_binding
from kiosk.ui.screens.base import MenuScreen
from kiosk.ui.screens.welcome import LANGUAGE_KEY
from kiosk.ui.widgets.alert import alert_static
from kiosk.ui.widgets.menu import Menu

# The built-in entries after the pack's topics (kiosk/data/menu.py): f and / are app-wide keys;
# s, c and t are this screen's.
DIGITS = "1234567890"


def entry_keys(n_topics: int) -> List[str]:
    """Digits for the first ten entries, then each tool's own letter."""
    keys = [DIGITS[i] if i < len(DIGITS) else "" for i in range(n_topics)]
    for i, extra in enumerate(HOME_TOOLS, start=n_topics):
        keys.append(DIGITS[i] if i < len(DIGITS) else extra[1])
    return keys


def tool_words(screen: str) -> str:
    """ui.toml's [home] key for a tool: "find-help" -> "home.find_help"."""
    return f"home.{screen.replace('-', '_')}"


class HomeScreen(MenuScreen):
    # The language key is shown as the other language's own name.
    BINDINGS: ClassVar[List[BindingType]] = bindings("home") + bindings("language")

    def compose_body(self) -> Iterable[Widget]:
        info = self.kiosk.pack.info
        self.heading = info.title
        alert = alert_static(self.kiosk)
        if alert is not None:  # staff's drug alert: at the top, in the subtitle's place (the menu still fits 80x24)
            yield alert
        intro = Text(info.subtitle + "\n" if info.subtitle and alert is None else "")
        ui = self.kiosk.ui
        intro.append(ui("home.private"), style="italic")
        yield Static(intro, id="intro")
        topics = self.kiosk.pack.topics
        items = [topic_item(t.id, self.topic_title(t), t.summary) for t in topics]
        items += [screen_item(screen, ui(tool_words(screen)), ui(tool_words(screen) + "_summary"))
                  for screen, _ in HOME_TOOLS]
        yield Menu(items, keys=entry_keys(len(topics)), one_line=True, divider_after=None if self.glyphs.plain else len(topics),
                   id="home-menu")
        # In screen-reader mode the detail names the item too (on_option_list_option_highlighted): a
        # third row, where the menu has no divider.
        yield Static(id="home-detail", classes="-screen-reader" if self.kiosk.config.screen_reader else "")

    def compose(self):
        other = self.kiosk.next_language()
        yield from super().compose()
        if other is not None:  # after the key hints are translated: the name is never translated
            describe_binding(self, LANGUAGE_KEY, self.kiosk.language_name(other))

    def hides_hint(self, action: str) -> bool:
        """Home on the main menu itself does nothing: no hint for it (KeyHints asks)."""
        return action in ("home", "app.home")

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

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        item_id = event.option.id or ""
        detail = self.summary_of(item_id)
        if self.kiosk.config.screen_reader:
            # fenrir reads the text that changed, not the line under the cursor, when text changes as
            # the cursor moves: the detail line changes on every move, so it names the item first.
            title = self.title_of(item_id)
            detail = f"{title}{'' if title[-1:] in '?!.' else ':'} {detail}" if title and detail else title or detail
        self.query_one("#home-detail", Static).update(Text(detail))

    def title_of(self, item_id: str) -> str:
        kind, _, target = item_id.partition(":")
        if kind == "topic":
            return next((self.topic_title(t) for t in self.kiosk.pack.topics if t.id == target), "")
        if kind == "screen" and any(screen == target for screen, _ in HOME_TOOLS):
            return self.kiosk.ui(tool_words(target))
        return ""

    def summary_of(self, item_id: str) -> str:
        kind, _, target = item_id.partition(":")
        if kind == "topic":
            return next((t.summary for t in self.kiosk.pack.topics if t.id == target), "")
        if kind == "screen" and any(screen == target for screen, _ in HOME_TOOLS):
            return self.kiosk.ui(tool_words(target) + "_summary")
        return ""

    def action_open_extra(self, target: str) -> None:
        self.kiosk.open(opens("screen", target))
