"""The talking kiosk (issue 28, config `speech = "everything"`, for a kiosk with headphones).

Every screen can be listened to: arriving says its heading, its main keys and the focused item;
moving the focus reads the item; `r` reads the whole screen. Any key stops what is being said
(then the key acts, and what it leads to is said). Only in this mode: in the others a topic page
is never spoken (a loudspeaker in a waiting room must not name the topic), and arriving on one
silences the voice as before (KioskScreen._silence_elsewhere).

All of it goes through the voice's one queue at STEP priority: a new screen's words cut the old
ones, never the alarm. The words around the content ("Arrows to choose...") are ui.toml
[narrate], in the visitor's language. Nothing is kept but which item was said last (so an item
is not said twice), and that goes with silence() (quick exit, idle reset).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from textual.widget import Widget
from textual.widgets import Button, Input, OptionList

from kiosk.data.speech import STEP

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp
    from kiosk.ui.screens.base import KioskScreen


def plain(text: str) -> str:
    """One line to say: a menu row's "1 Title\\n  summary" (or "1 Title  summary") -> "1 Title. summary"."""
    lines = [line.strip() for line in re.split(r"\n|\s{2,}", str(text)) if line.strip()]
    out = ""
    for line in lines:
        out += (line if not out else (" " if out[-1] in ".:!?," else ". ") + line)
    return re.sub(r"\s+", " ", out)


def words_of(shown: object) -> str:
    """The characters of a rich Text or Textual Content (a menu row, a button's label)."""
    words = getattr(shown, "plain", shown)
    return words if isinstance(words, str) else str(words)


def option_text(options: OptionList, index: Optional[int]) -> str:
    if index is None or not 0 <= index < options.option_count:
        return ""
    prompt = options.get_option_at_index(index).prompt
    return plain(words_of(prompt))


def item_text(widget: Optional[Widget]) -> str:
    """What the focused item says: a menu row's key, title and summary; a button's label; a
    field's placeholder. "" for anything else (a page's text is read with `r`)."""
    if isinstance(widget, OptionList):
        return option_text(widget, widget.highlighted)
    if isinstance(widget, Button):
        return plain(words_of(widget.label))
    if isinstance(widget, Input):
        return plain(widget.placeholder)
    return ""


class Narrator:
    def __init__(self, app: "KioskApp") -> None:
        self.app = app
        self.last_item: Optional[tuple] = None  # (screen id, focused widget id, item): said already

    @property
    def on(self) -> bool:
        voice = self.app.voice
        return self.app.config.speech == "everything" and voice.on and voice.works

    def say(self, text: str, language: Optional[str] = None) -> None:
        if self.on and text:
            # The screen's words are the visitor's language (a page shown in English passes "en")
            self.app.voice.say(text, remember=False, priority=STEP, language=language or self.app.language)

    def _item_key(self, screen: "KioskScreen") -> tuple:
        focused = screen.focused
        return (id(screen), id(focused), item_text(focused))

    def arrive(self, screen: "KioskScreen") -> None:
        """The screen's heading, its main keys, what it asks now, and the focused item."""
        if not self.on or self.app.screen is not screen:
            return
        ui = self.app.ui
        asks = screen.narration()
        parts = [screen.heading, ui(f"narrate.{screen.narrate_keys}"), asks or item_text(screen.focused)]
        self.last_item = self._item_key(screen)
        screen.narrated = True
        self.say(plain("\n".join(parts)))

    def moved(self, screen: "KioskScreen") -> None:
        """The focus or the highlight moved: the item it is on now (once)."""
        if not self.on or not screen.narrated or self.app.screen is not screen:
            return
        key = self._item_key(screen)
        if key != self.last_item:
            self.last_item = key
            self.say(key[2])

    def changed(self, screen: "KioskScreen") -> None:
        """The screen now asks something else (the self-check's next question): say that."""
        if self.on and screen.narrated and self.app.screen is screen:
            self.last_item = self._item_key(screen)
            self.say(plain(screen.narration()))

    def read_all(self, screen: "KioskScreen") -> None:
        language, text = screen.full_text()
        self.say(plain(f"{screen.heading}\n{text}"), language=language)

    def key_pressed(self) -> None:
        """Any key stops the screen's words at once (never the alarm, nor a count)."""
        voice = self.app.voice
        current = voice.engine.current
        if self.on and current is not None and current.priority == STEP:
            voice.stop()

    def forget(self) -> None:
        self.last_item = None
