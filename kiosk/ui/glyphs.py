"""Which characters the kiosk may draw: the one place that decides, screens ask it.

On the Linux console (TERM=linux, the boot-to-kiosk set-up) the terminal draws with a console
font, picked by the panel's size in kiosk/deploy/console-setup: Terminus bold (16x32 or 12x24) or
Debian's default Lat15-Fixed16. Each holds 528 code points (the lists, and the commands that made
them, are in console-font-*.txt beside this file); the kiosk draws only what every one of them has. It has box drawing, arrows and the
full block, but no half blocks, no eighth blocks and no key symbols (no ⌫ ⏎ ▀ ▄ ▁ ▊ ✓). There the
kiosk spells key names out, draws borders from box drawing, scrollbars from whole cells and the
QR code from full blocks. Other terminals keep the nicer glyphs.

`glyphs = "auto" | "console" | "unicode"` in the deployment config; "auto" picks console when
TERM is linux. Textual's own widgets are switched by the App class `-console` (app.tcss) and a
scrollbar renderer without partial blocks (`use_scrollbars`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Dict, FrozenSet, Optional

from textual.scrollbar import ScrollBar, ScrollBarRender

if TYPE_CHECKING:
    from textual.dom import DOMNode

# Every console font kiosk/deploy/console-setup may pick, and its code point list beside this file.
FONT_FILES: Dict[str, str] = {
    "Lat15-Fixed16": "console-font-lat15-fixed16.txt",
    "Lat15-TerminusBold24x12": "console-font-lat15-terminusbold.txt",
    "Lat15-TerminusBold32x16": "console-font-lat15-terminusbold.txt",
}
CONSOLE_TERMS = ("linux",)  # the kernel's virtual console (also linux-16color and the like)
CONSOLE_CLASS = "-console"  # on the App in console mode: app.tcss switches Textual's widgets


@dataclass(frozen=True)
class GlyphSet:
    name: str
    console: bool
    # Textual key name -> how a hint names it ("backspace" -> "⌫" or "Backspace").
    keys: Dict[str, str] = field(default_factory=dict)
    qr_module_cols: int = 1  # terminal columns per QR module (console: 2, full blocks only)
    qr_module_rows_per_line: int = 2  # QR module rows per terminal line (half blocks: 2)
    # No block art or decorative rules (`screen_reader = true`): a screen reader reads a big number
    # drawn in box drawing as "┌─┐┌─┐", and a rule as a line of dashes.
    plain: bool = False

    def key(self, name: str) -> str:
        """How a hint names the key `name` (a Textual key name); unknown keys as given."""
        return self.keys.get(name, name)

    def hint(self, key: str, label: str) -> str:
        """'⌫  Back' or 'Backspace  Back': a button's label that names its key."""
        return f"{self.key(key)}  {label}"

    @property
    def big_digits(self) -> bool:
        """May the big number be drawn with Textual's Digits? Only if the font has its characters."""
        return not self.plain and (not self.console or digits_drawable())


UNICODE = GlyphSet(
    name="unicode",
    console=False,
    keys={"backspace": "⌫", "enter": "⏎", "left": "←", "right": "→", "up": "↑", "down": "↓",
          "escape": "Esc", "space": "Space", "home": "Home"},
)

CONSOLE = GlyphSet(
    name="console",
    console=True,
    keys={"backspace": "Backspace", "enter": "Enter", "left": "←", "right": "→", "up": "↑", "down": "↓",
          "escape": "Esc", "space": "Space", "home": "Home"},
    qr_module_cols=2,  # an 8x16 cell is twice as tall as wide: two full blocks make a square module
    qr_module_rows_per_line=1,
)

SETTINGS = ("auto", "console", "unicode")


def choose(setting: str = "auto", term: Optional[str] = None, plain: bool = False) -> GlyphSet:
    """The glyph set for a config setting and the TERM the kiosk runs under; `plain`: no block art."""
    if setting in ("console", "unicode"):
        chosen = CONSOLE if setting == "console" else UNICODE
    else:
        chosen = CONSOLE if (term or "").split("-")[0] in CONSOLE_TERMS else UNICODE
    return replace(chosen, plain=True) if plain else chosen


def glyphs_of(node: "DOMNode") -> GlyphSet:
    """The glyph set of the app `node` belongs to (unicode for a bare Textual app)."""
    return getattr(node.app, "glyphs", UNICODE)


@lru_cache(maxsize=None)
def font_code_points(font: str) -> FrozenSet[int]:
    """Every code point the console font `font` (a FONT_FILES name) can draw, from its committed list."""
    points = set()
    from importlib.resources import files  # the file is read from the zip too (kiosk --make-pyz)

    text = files("kiosk.ui").joinpath(FONT_FILES[font]).read_text(encoding="ascii")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            points.add(int(line, 16))
    return frozenset(points)


@lru_cache(maxsize=1)
def console_code_points() -> FrozenSet[int]:
    """Every code point that every console font the kiosk may be given can draw."""
    return frozenset.intersection(*(font_code_points(font) for font in FONT_FILES))


def drawable(text: str) -> bool:
    """True if the console font has every character of `text` (newlines aside)."""
    points = console_code_points()
    return all(ord(c) in points for c in text if c != "\n")


@lru_cache(maxsize=1)
def digits_drawable() -> bool:
    """Textual's Digits draws with box-drawing characters; check them against the font."""
    from textual.renderables import digits

    rows = list(digits.DIGITS3X3) + list(digits.DIGITS3X3_BOLD)  # lists of lines (a string, some versions)
    return drawable("".join(rows))


class CellScrollBarRender(ScrollBarRender):
    """Textual's smooth thumb ends use eighth blocks (▁▂▃ ▉▊▋), which the console font lacks.
    " " means no partial glyph: the thumb starts and ends on whole cells."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


def use_scrollbars(glyph_set: GlyphSet) -> None:
    """Pick the scrollbar renderer. It is a class setting, so this is process-wide; one process
    runs one app (each app sets it when made, so tests that make several stay right)."""
    ScrollBar.renderer = CellScrollBarRender if glyph_set.console else ScrollBarRender
