"""The two scrolling containers the screens share."""

from __future__ import annotations

from typing import ClassVar, List

from textual.binding import BindingType
from textual.containers import VerticalScroll

from kiosk.ui.bindings import bindings


class ReadingScroll(VerticalScroll):
    """Text to read. Left is Back here (there is no sideways scrolling); Space pages down."""

    BINDINGS: ClassVar[List[BindingType]] = bindings("reading")


class FocusList(VerticalScroll, can_focus=False):
    """A column of focusable choices: Up and Down move between them (the view follows focus)."""

    BINDINGS: ClassVar[List[BindingType]] = bindings("focus-list")
