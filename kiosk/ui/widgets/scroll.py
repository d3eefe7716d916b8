"""The two scrolling containers the screens share."""

from __future__ import annotations

from typing import ClassVar, List

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll


class ReadingScroll(VerticalScroll):
    """Text to read. Left is Back here (there is no sideways scrolling); Space pages down."""

    BINDINGS: ClassVar[List[BindingType]] = [
        Binding("left", "screen.back", "Back", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]


class FocusList(VerticalScroll, can_focus=False):
    """A column of focusable choices: Up and Down move between them (the view follows focus)."""

    BINDINGS: ClassVar[List[BindingType]] = [
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("up", "app.focus_previous", "Previous", show=False),
    ]
