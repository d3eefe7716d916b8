"""The kiosk's three looks: default, high contrast and monochrome.

- default: Textual's own dark colours (what every other snapshot shows).
- high-contrast: black and white with pure yellow and a light red, every pair >= 4.5:1 (most >= 7:1);
  for low vision and bright rooms. Works on 16-colour terminals too.
- monochrome: black, white and nothing else. Meaning is carried by reverse video, bold and
  underline, never by colour: the emergency bar is a full-width reversed (white) row, the
  highlighted choice is reversed, quick exit is bold text on black.

`auto_theme()` turns "default" into "monochrome" when NO_COLOR is set or the terminal offers
only 16 colours (the Linux console, TERM=xterm/screen/vt100/dumb): Textual would squeeze the
default colours into 16 there, and some pairs would become unreadable.
Theme-specific style rules (reverse, underline) are in themes.tcss, keyed on the App class
`-theme-<name>` that Textual sets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Mapping

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme

NAMES: Dict[str, str] = {  # config/CLI name -> registered Textual theme name
    "default": "kiosk-default",
    "high-contrast": "kiosk-high-contrast",
    "monochrome": "kiosk-monochrome",
}


def colour_count(environ: Mapping[str, str]) -> int:
    """How many colours Textual will use, judged the way Rich does (COLORTERM, then TERM's suffix)."""
    if environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return 1 << 24
    term = environ.get("TERM", "").strip().lower()
    suffix = term.rpartition("-")[2]
    if suffix in ("256color", "kitty"):
        return 256
    return 16


def auto_theme(name: str, environ: Mapping[str, str]) -> str:
    """The theme to use: "default" becomes "monochrome" without colour or with few colours."""
    if name == "default" and (environ.get("NO_COLOR") is not None or colour_count(environ) <= 16):
        return "monochrome"
    return name


# What high contrast and monochrome share: white text on black everywhere, the blurred cursor
# underlined rather than coloured, no hover colour. Each theme adds only what is its own.
ON_BLACK_VARIABLES: Dict[str, str] = {
    "text": "auto 100%",
    "text-muted": "auto 100%",
    "foreground-muted": "#FFFFFF",
    "block-cursor-foreground": "#000000",
    "block-cursor-blurred-foreground": "#FFFFFF",
    "block-cursor-blurred-background": "#000000",
    "block-cursor-blurred-text-style": "bold underline",
    "block-hover-background": "#000000",
    "footer-background": "#000000",
    "footer-description-foreground": "#FFFFFF",
    "scrollbar": "#FFFFFF",
    "scrollbar-background": "#000000",
    "input-cursor-background": "#FFFFFF",
    "border-blurred": "#FFFFFF",
}


def on_black(name: str, *, primary: str, accent: str, warning: str, error: str, success: str,
             variables: Dict[str, str]) -> "Theme":
    from textual.theme import Theme

    return Theme(name=name, primary=primary, secondary="#FFFFFF", accent=accent, warning=warning, error=error,
                 success=success, foreground="#FFFFFF", background="#000000", surface="#000000", panel="#000000",
                 boost="#000000", dark=True, variables={**ON_BLACK_VARIABLES, **variables})


def make_themes() -> List["Theme"]:
    from textual.theme import BUILTIN_THEMES, Theme

    dark = BUILTIN_THEMES["textual-dark"]
    default = Theme(
        # Textual's dark theme, with the few colours that measured below 4.5:1 (tests/pilot/test_contrast.py)
        # made darker or lighter: primary #0178D4 -> #005FA8 (highlighted choice and buttons,
        # white on it 6.6:1, was 3.8:1); footer keys lighter so that even a dimmed (unavailable)
        # key is 5:1 on the footer.
        name=NAMES["default"], primary="#005FA8", secondary=dark.secondary, accent=dark.accent,
        warning=dark.warning, error=dark.error, success=dark.success, foreground=dark.foreground,
        background=dark.background, surface=dark.surface, panel=dark.panel, boost=dark.boost,
        dark=True, variables={**dark.variables, "block-cursor-foreground": "#FFFFFF",
                              "footer-key-foreground": "#FFCF85"},
    )
    high_contrast = on_black(
        NAMES["high-contrast"],
        primary="#FFFF00",  # highlighted choice: black on yellow, 19.6:1
        accent="#FFFF00",
        warning="#FFFF00",  # quick exit: black on yellow
        error="#FF5555",  # emergency bar: black on light red 6.7:1; as text on black 6.7:1
        success="#55FF55",
        variables={
            "primary-background": "#0000AA",  # headings: white on dark blue, 12:1
            "block-cursor-background": "#FFFF00",
            "footer-key-foreground": "#FFFF00",
            "scrollbar-hover": "#FFFF00",
            "scrollbar-active": "#FFFF00",
            "input-selection-background": "#0000AA",
            "border": "#FFFF00",
        },
    )
    monochrome = on_black(
        NAMES["monochrome"],
        primary="#FFFFFF",
        accent="#FFFFFF",
        warning="#FFFFFF",
        error="#FFFFFF",  # the emergency bar: a reversed row, bold
        success="#FFFFFF",
        variables={
            "primary-background": "#000000",
            "block-cursor-background": "#FFFFFF",
            "block-cursor-text-style": "bold",
            "footer-key-foreground": "#FFFFFF",
            "scrollbar-hover": "#FFFFFF",
            "scrollbar-active": "#FFFFFF",
            "scrollbar-corner-color": "#000000",
            "input-cursor-foreground": "#000000",
            "input-selection-background": "#FFFFFF 40%",
            "border": "#FFFFFF",
        },
    )
    return [default, high_contrast, monochrome]


def apply_theme(app: "App", name: str) -> None:
    """Register the kiosk's themes on `app` and switch to `name` (a config/CLI theme name)."""
    for theme in make_themes():
        app.register_theme(theme)
    app.theme = NAMES.get(name, NAMES["default"])
