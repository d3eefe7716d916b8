"""The big number (the emergency number, the dose timer): Textual's Digits where the glyph set can
draw its box-drawing characters, else the same value as bold text (kiosk/ui/glyphs.py)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Digits

from kiosk.ui.glyphs import glyphs_of


class BigNumber(Digits):
    """A Digits (same `value` and `update`) that falls back to bold text."""

    @property
    def big(self) -> bool:
        return glyphs_of(self).big_digits

    def render(self):
        if self.big:
            return super().render()
        return Text(self.value, style="bold")

    def get_content_width(self, container, viewport) -> int:
        return super().get_content_width(container, viewport) if self.big else cell_len(self.value)

    def get_content_height(self, container, viewport, width: int) -> int:
        return super().get_content_height(container, viewport, width) if self.big else 1
