"""A tick box drawn as literal "[x]" / "[ ]": readable on the Linux console and without colour.

Space, Enter or a click toggles it; it posts Tick.Changed. The label is literal text (never markup).
"""

from __future__ import annotations

from typing import ClassVar, List

from rich.text import Text
from textual.binding import BindingType
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from kiosk.ui.bindings import bindings


class Tick(Static, can_focus=True):
    DEFAULT_CSS = """
    Tick {
        height: auto;
    }
    Tick:focus {
        text-style: bold reverse;
    }
    """
    BINDINGS: ClassVar[List[BindingType]] = bindings("tick")
    ticked: reactive[bool] = reactive(False)

    class Changed(Message):
        def __init__(self, tick: "Tick") -> None:
            super().__init__()
            self.tick = tick

    def __init__(self, key: str, label: str, ticked: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.key = key
        self.label = label
        self.set_reactive(Tick.ticked, ticked)
        self.set_class(ticked, "-ticked")

    def render(self) -> Text:
        text = Text()
        text.append("[x] " if self.ticked else "[ ] ", style="bold")
        text.append(self.label)
        return text

    def watch_ticked(self, ticked: bool) -> None:
        self.set_class(ticked, "-ticked")

    def action_tick(self) -> None:
        self.ticked = not self.ticked
        self.post_message(self.Changed(self))

    async def on_click(self, event: Click) -> None:
        event.stop()
        self.focus()
        self.action_tick()
