"""The terminal cursor follows the focus, for screen readers.

Console screen readers (speakup, fenrir, brltty) read what is under the terminal cursor. Textual
hides the cursor and parks it at (0, 0) unless a text field has focus, so a screen reader never
learns which menu item is highlighted. After every change of focus, highlight or screen, the
cursor is put at the start of the focused item (the highlighted row of a menu); with nothing
focused, at the start of the screen's heading. Textual writes the cursor position after each
screen update (`App.cursor_position`); hidden or shown is the driver's business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from textual.geometry import Offset, Region
from textual.widgets import Input, OptionList

from kiosk.ui.textual_private import option_line

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget


def item_region(widget: "Widget", shown_only: bool = False) -> Optional[Region]:
    """The screen region of what `widget` offers now: a menu's highlighted row, else its content
    (None with `shown_only` when the highlighted row is not in view yet: a scroll is to come)."""
    region = widget.content_region
    if isinstance(widget, OptionList) and widget.highlighted is not None:
        line = option_line(widget, widget.highlighted)
        if line is not None:
            y = region.y + line - round(widget.scroll_offset.y)
            if region.y <= y < region.bottom:
                return Region(region.x, y, region.width, 1)
        if shown_only:
            return None
    return region


def focus_point(screen: "Screen", shown_only: bool = False) -> Optional[Offset]:
    """Where the cursor belongs on `screen`; None where a text field places it itself (and with
    `shown_only`, while a menu's highlighted row is out of view)."""
    widget = screen.focused
    if isinstance(widget, Input):
        return None  # the field puts the cursor where the next letter goes
    if widget is None or not widget.region:
        headings = screen.query("#heading")
        if not headings or not headings.first().region:
            return None
        widget = headings.first()
    region = item_region(widget, shown_only)
    return None if region is None else region.offset


def follow_focus(screen: "Screen", at_once: bool = False) -> None:
    """Move the cursor to `screen`'s focus point. Textual writes the cursor only with a screen
    update, so a one-cell refresh at the new point carries it (a few bytes, only when it moved).
    `at_once`: as the focus or highlight changes, before the frame that draws the change: only the
    position, which that frame writes (a refresh of the screen's own made that frame lose the
    menu's repaint of its rows on the Linux console), and only if the highlighted row is in view
    (else a scroll is to come)."""
    app = screen.app
    if not screen.is_active:  # the top screen only: `is_current` is true of a screen seen behind it too,
        return  # whose late layout would take the cursor back to its own focus (issue 28)
    point = focus_point(screen, shown_only=at_once)
    if point is None or point == app.cursor_position:
        return
    app.cursor_position = point
    if not at_once:
        screen.refresh(Region(point.x, point.y, 1, 1))
