"""What a few-colour terminal really draws, and the attributes the kiosk sends it instead.

The theme's colours are chosen for a 24-bit terminal. On the Linux console (TERM=linux) and other
8/16-colour terminals Rich squeezes them into 16 colours, and the console then draws them by its
own rules (the kernel's vt.c: csi_m and build_attr):

- there are no bright backgrounds: 100-107 show as 40-47 (white #FFF behind text is grey #AAA);
- bold, and 90-97, brighten the foreground: bold black is dark grey #555;
- underline and italic replace the foreground colour (cyan, green), dim makes it dark grey;
- reverse swaps the colours, then bold brightens the new foreground.

So the emergency bar (bold black on bright white) came out #555 on #AAA, 3.2:1. `ConsoleColours`
rewrites every segment, as a Textual line filter run last, to attributes the console draws at full
contrast: reverse resolved into explicit colours, backgrounds only 40-47, and where the wanted
look fails 4.5:1 on the console, first underline/italic go, then bold, then the text is black or
bright white, whichever reads better (black on grey is 9:1). Monochrome terminals (vt100,
xterm-mono, dumb) get `MonoAttributes`: no colour at all, light backgrounds as reverse video,
bold and underline kept, nothing drawn in the background's colour.
"""

from __future__ import annotations

from functools import lru_cache
from typing import List, Mapping, Optional, Tuple

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

RGB = Tuple[int, int, int]

# The console's palette (VGA), in SGR order: 30-37 and, bright, 90-97 (bold).
VGA: Tuple[RGB, ...] = (
    (0x00, 0x00, 0x00), (0xAA, 0x00, 0x00), (0x00, 0xAA, 0x00), (0xAA, 0x55, 0x00),
    (0x00, 0x00, 0xAA), (0xAA, 0x00, 0xAA), (0x00, 0xAA, 0xAA), (0xAA, 0xAA, 0xAA),
    (0x55, 0x55, 0x55), (0xFF, 0x55, 0x55), (0x55, 0xFF, 0x55), (0xFF, 0xFF, 0x55),
    (0x55, 0x55, 0xFF), (0xFF, 0x55, 0xFF), (0x55, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
)
ITALIC_COLOUR, UNDERLINE_COLOUR = 2, 6  # the kernel's defaults: green, cyan
BLACK, WHITE = 0, 15
MINIMUM = 4.5

NO_COLOUR = Style.from_color(RichColor.default(), RichColor.default())  # 39/49: the terminal's own
MONO_TERMS = ("dumb", "unknown", "vt52", "vt100", "vt102", "vt220", "vt320", "vt420", "vt510")


def depth(environ: Mapping[str, str]) -> str:
    """"mono", "16" or "many": the colours the terminal can show (judged as Rich does, plus the
    terminals terminfo knows have no colour)."""
    if environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return "many"
    term = environ.get("TERM", "").strip().lower()
    if term in MONO_TERMS or term.endswith(("-mono", "-m")):
        return "mono"
    if term.rpartition("-")[2] in ("256color", "kitty"):
        return "many"
    return "16"


def luminance(rgb: RGB) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def nearest(rgb: RGB, count: int) -> int:
    """The palette entry (of the first `count`) nearest to `rgb`."""
    return min(range(count), key=lambda i: sum((a - b) ** 2 for a, b in zip(rgb, VGA[i])))


def drawn(fg: int, bg: int, bold: bool, underline: bool, italic: bool) -> Tuple[RGB, RGB]:
    """The colours the console draws for SGR colour `fg` (0-15, 8-15 sent as 90-97), background
    `bg` (0-7) and these attributes, reverse already resolved."""
    bright = bold or fg >= 8  # 90-97 (fg 8-15) set bold on the console
    if italic:
        fg = ITALIC_COLOUR
    elif underline:
        fg = UNDERLINE_COLOUR
    return VGA[fg | 8 if bright else fg], VGA[bg]


def _rgb(color: Optional[RichColor], fallback: RGB) -> RGB:
    if color is None or color.is_default:
        return fallback
    t = color.get_truecolor()
    return (t.red, t.green, t.blue)


@lru_cache(1024)
def console_style(style: Style, background: RGB) -> Style:
    """`style` as attributes the console draws at >= 4.5:1 (see the module's docstring)."""
    fg_rgb = _rgb(style.color, VGA[7])
    bg_rgb = _rgb(style.bgcolor, background)
    if style.reverse:
        fg_rgb, bg_rgb = bg_rgb, fg_rgb
    bg = nearest(bg_rgb, 16) & 7  # a bright background shows as its normal colour (white as grey)
    fg = nearest(fg_rgb, 16)
    bold, underline, italic = bool(style.bold), bool(style.underline), bool(style.italic)
    tries = [(fg, bold, underline, italic), (fg, bold, False, False), (fg & 7, False, False, False)]
    tries.append(max((BLACK, False, False, False), (WHITE, False, False, False),
                     key=lambda t: contrast(*drawn(t[0], bg, False, False, False))))
    for fg, bold, underline, italic in tries:
        if contrast(*drawn(fg, bg, bold, underline, italic)) >= MINIMUM:
            break
    # Added to the style, not replacing it: its meta (which option a click lands on) stays.
    return style + Style(color=RichColor.from_ansi(fg), bgcolor=RichColor.from_ansi(bg), bold=bold,
                         underline=underline, italic=italic, reverse=False, dim=False)


@lru_cache(1024)
def mono_style(style: Style, background: RGB) -> Style:
    """`style` with no colour: a background lighter than its text becomes reverse video."""
    fg_rgb = _rgb(style.color, (0xFF, 0xFF, 0xFF))
    bg_rgb = _rgb(style.bgcolor, background)
    if style.reverse:
        fg_rgb, bg_rgb = bg_rgb, fg_rgb
    light = luminance(bg_rgb) > luminance(fg_rgb)
    return style + NO_COLOUR + Style(reverse=light, dim=False)  # meta (clicks) kept


class ConsoleColours(LineFilter):
    """Textual line filter: 16-colour attributes at full contrast on the Linux console."""

    def apply(self, segments: List[Segment], background: Color) -> List[Segment]:
        bg = (background.r, background.g, background.b)
        return [Segment(text, console_style(style, bg) if style is not None else None, control)
                for text, style, control in segments]


class MonoAttributes(LineFilter):
    """Textual line filter: no colour, meaning carried by reverse, bold and underline."""

    def apply(self, segments: List[Segment], background: Color) -> List[Segment]:
        bg = (background.r, background.g, background.b)
        return [Segment(text, mono_style(style, bg) if style is not None else None, control)
                for text, style, control in segments]


def filter_for(environ: Mapping[str, str]) -> Optional[LineFilter]:
    """The filter the terminal needs (none on a 256- or 24-bit-colour terminal)."""
    kind = depth(environ)
    return MonoAttributes() if kind == "mono" else ConsoleColours() if kind == "16" else None
