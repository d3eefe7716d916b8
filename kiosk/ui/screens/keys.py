"""The keys, in plain words (opened with ?)."""

from __future__ import annotations

from typing import Iterable

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from kiosk.ui.screens.base import KioskScreen

KEYS = (  # (keys as printed on the keyboard, the text in ui.toml [keys_screen])
    ("e", "emergency"),
    ("Esc", "quick_exit"),
    ("d", "dose"),
    ("v  r", "voice"),
    ("c", "coach"),
    ("p", "practice"),
    ("↑ ↓  Tab", "move"),
    ("Enter", "open"),
    ("1 – 9  0", "digits"),
    ("s  c  t", "home_letters"),
    ("Backspace  ←", "back"),  # "⌫ " before it where the glyph set has the symbol
    ("Home", "home"),
    ("PgUp PgDn Space", "scroll"),
    ("/", "search"),
    ("f", "find_help"),
    ("?", "keys"),
    ("", "typing"),  # no key: "Typing" (ui.toml keys_screen.typing_key), in the visitor's language
)


class KeysScreen(KioskScreen):
    def compose_body(self) -> Iterable[Widget]:
        ui = self.kiosk.ui
        self.heading = ui("keys_screen.heading")
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            if what == "typing":
                key = ui("keys_screen.typing_key")
            if key.startswith("Backspace") and not self.glyphs.console:
                key = f"{self.glyphs.key('backspace')} {key}"
            table.add_row(key, ui(f"keys_screen.{what}"))
        if self.kiosk.next_language():
            table.add_row("l", ui("keys_screen.language"))
        with VerticalScroll(id="keys-body"):
            yield Static(table)
            yield Static(Text(ui("keys_screen.touch")), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#keys-body").focus()
