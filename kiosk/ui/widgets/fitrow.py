"""A row of buttons that stacks them one per line when they do not fit side by side.

Every button names its key ("d  I gave another dose"); cut to the screen's width it would lose
its meaning ("⌫ Bac"), so on a narrow screen the row becomes a column instead."""

from __future__ import annotations

from textual.containers import Grid, Horizontal


class FitRow(Horizontal):
    def on_resize(self) -> None:
        self.refit()

    def on_mount(self) -> None:
        self.call_after_refresh(self.refit)

    def refit(self) -> None:
        if not self.is_mounted or self.size.width == 0:
            return  # not laid out yet (a screen built ahead, off the stack): its resize will come
        # All children, shown or not: a button shown later (display toggled) then never
        # overflows, and the row needs no telling when one is.
        shown = list(self.children)
        room = self.size.width - self.styles.gutter.width
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

    def on_resize(self) -> None:
        if not self.children:
            return
        widest = max(child.get_content_width(self.app.size, self.app.size) + child.styles.gutter.width
                     for child in self.children)
        gap = self.styles.grid_gutter_vertical
        columns = max(1, min(self.most, (self.size.width + gap) // (widest + gap)))
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns
