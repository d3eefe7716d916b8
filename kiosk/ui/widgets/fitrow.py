"""A row of buttons that stacks them one per line when they do not fit side by side.

Every button names its key ("d  I gave another dose"); cut to the screen's width it would lose
its meaning ("⌫ Bac"), so on a narrow screen the row becomes a column instead."""

from __future__ import annotations

from textual.containers import Grid, Horizontal
from textual.dom import NoScreen
from textual.widget import Widget

# Before its first layout a row's width is not known; the screen's less its body's padding and a
# scrollbar is a close guess. Fitting to it in on_mount draws the first frame right (the resize
# that follows corrects the rare miss): buttons were cut ("Buprenorfi") for a moment after `f`.
GUESS_GUTTER = 4


def width_now(widget: Widget) -> int:
    """The widget's width, or before its first layout the guess above (0: not on a screen yet)."""
    if widget.size.width:
        return widget.size.width
    try:
        on_show = widget.is_attached and widget.screen.is_current
    except NoScreen:  # being removed, or not under a screen yet
        return 0
    return max(0, widget.app.size.width - GUESS_GUTTER) if on_show else 0


class FitRow(Horizontal):
    def on_resize(self) -> None:
        self.refit()

    def on_mount(self) -> None:
        self.refit()  # before the first frame (see GUESS_GUTTER)
        self.call_after_refresh(self.refit)

    def refit(self) -> None:
        width = width_now(self) if self.is_mounted else 0
        if width == 0:
            return  # not laid out yet (a screen built ahead, off the stack): its resize will come
        # All children, shown or not: a button shown later (display toggled) then never
        # overflows, and the row needs no telling when one is.
        shown = list(self.children)
        room = width - self.styles.gutter.width
        need = 0
        for child in shown:
            content = child.get_content_width(self.app.size, self.app.size)
            need += content + child.styles.gutter.width + child.styles.margin.width
        stacked = need > room
        if stacked == self.has_class("-stacked"):
            if stacked:  # a label changed in a column: lay it out again, or it keeps its old width
                for child in shown:
                    child.refresh(layout=True)
            return
        self.set_class(stacked, "-stacked")
        if stacked:
            self.styles.layout = "vertical"
            self.styles.height = "auto"
        else:
            self.styles.clear_rule("layout")
            self.styles.clear_rule("height")


class FitGrid(Grid):
    """A grid of buttons with as many columns as fit the widest one whole (at most its CSS
    grid-size): on a narrow screen "4 Needle exchange" gets a line of its own, not "4 Needle"."""

    def on_mount(self) -> None:
        self.most = self.styles.grid_size_columns or 1
        self.on_resize()  # before the first frame (see GUESS_GUTTER)

    def on_resize(self) -> None:
        width = width_now(self)
        if not self.children or width == 0:
            return
        widest = max(child.get_content_width(self.app.size, self.app.size) + child.styles.gutter.width
                     for child in self.children)
        gap = self.styles.grid_gutter_vertical
        columns = max(1, min(self.most, (width + gap) // (widest + gap)))
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns
