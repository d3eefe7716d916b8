"""The two scrolling containers the screens share."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, List

from textual.binding import BindingType
from textual.containers import VerticalScroll

from kiosk.ui.bindings import bindings

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

DOWN = ("page_down", "scroll_down", "scroll_end")


def can_scroll(view: "Widget", how: str) -> bool:
    """Would the scroll action `how` ("page_down", "page_up", ...) move `view`? A scroll key's
    hint shows only then: a hint that does nothing is not shown."""
    if how in DOWN:
        return round(view.scroll_y) < view.max_scroll_y
    return round(view.scroll_y) > 0


def hints_follow_scrolling(screen: "Screen", view: "Widget") -> None:
    """Re-check `screen`'s key hints whenever `view` scrolls or its content changes size."""
    screen.watch(view, "scroll_y", lambda _: screen.refresh_bindings(), init=False)
    screen.watch(view, "virtual_size", lambda _: screen.refresh_bindings(), init=False)


class ReadingScroll(VerticalScroll):
    """Text to read. Left is Back here (there is no sideways scrolling); Space pages down."""

    BINDINGS: ClassVar[List[BindingType]] = bindings("reading")


class FocusList(VerticalScroll, can_focus=False):
    """A column of focusable choices: Up and Down move between them (the view follows focus)."""

    BINDINGS: ClassVar[List[BindingType]] = bindings("focus-list")
