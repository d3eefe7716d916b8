"""The keys, in plain words (opened with ?)."""

from __future__ import annotations

from typing import Iterable

from rich.table import Table
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from kiosk.ui.screens.base import KioskScreen

KEYS = (
    ("e", "Emergency: what to do in an overdose (Ctrl+E while typing)"),
    ("Esc", "Quick exit: hides everything at once"),
    ("d", "I gave naloxone: starts the dose timer (where it is offered)"),
    ("v  r", "Emergency: voice on or off; repeat what was said"),
    ("c", "CPR coach: a beat to push with (in the guide, after the call step)"),
    ("p", "Emergency: practice the guide (nothing is kept)"),
    ("↑ ↓  Tab", "Move between choices"),
    ("Enter", "Open the highlighted choice"),
    ("1 – 9", "Open choice number 1 to 9"),
    ("Backspace  ←", "Go back"),  # "⌫ " before it where the glyph set has the symbol
    ("Home", "Go to the start"),
    ("PgUp PgDn Space", "Scroll a long page"),
    ("/", "Search"),
    ("f", "Find help: helplines and services"),
    ("?", "This list of keys"),
)


class KeysScreen(KioskScreen):
    heading = "Keys"

    def compose_body(self) -> Iterable[Widget]:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            if key.startswith("Backspace") and not self.glyphs.console:
                key = f"{self.glyphs.key('backspace')} {key}"
            table.add_row(key, what)
        with VerticalScroll(id="keys-body"):
            yield Static(table)
            yield Static("You can also click or touch any choice.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#keys-body").focus()
