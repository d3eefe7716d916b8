"""A button that names its key ("d  I gave naloxone"): the click and touch target beside each key."""

from __future__ import annotations

from typing import Optional

from rich.text import Text
from textual.widgets import Button

from kiosk.ui.glyphs import UNICODE, GlyphSet


def button(key: str, label: str, action: str, id: Optional[str] = None, glyph_set: GlyphSet = UNICODE) -> Button:
    """A click/touch target that names its key (a Textual key name, shown as `glyph_set` names
    it); not focusable, so Enter always means Next."""
    b = Button(Text(glyph_set.hint(key, label)), action=action, compact=True, id=id)
    b.can_focus = False
    return b
