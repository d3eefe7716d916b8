"""Emergency: signs of an overdose, the number to call, the steps in order."""

from __future__ import annotations

from typing import Iterable

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from kiosk.screens.base import KioskScreen


class EmergencyScreen(KioskScreen):
    def compose_body(self) -> Iterable[Widget]:
        em = self.kiosk.emergency
        self.heading = em.title
        config = self.kiosk.config
        number = config.emergency_number or (em.number_for(config.region) if config.region else "")
        with VerticalScroll(id="emergency-body"):
            if number:
                yield Static(Text(f"Call {number} now", style="bold"), id="call-number")
            else:
                grid = Table.grid(padding=(0, 2))
                grid.add_column(style="bold")
                grid.add_column()
                for n in em.numbers:
                    grid.add_row(n.number, n.label)
                yield Static(Text("Call your local emergency number:", style="bold"), id="call-number")
                yield Static(grid, id="numbers")
            signs = Text(em.intro + "\n", style="bold")
            for sign in em.signs:
                signs.append(f"  • {sign}\n", style="")
            signs.append(em.unsure, style="bold")
            yield Static(signs, id="signs")
            steps = Text("What to do, in order:\n", style="bold")
            for n, step in enumerate(em.steps, start=1):
                steps.append(f"  {n}. {step}\n", style="")
            yield Static(steps, id="steps")
            yield Static(Text("Sources: " + "; ".join(em.sources) + "."), classes="sources")

    def on_mount(self) -> None:
        self.query_one("#heading", Static).update(Text(self.kiosk.emergency.title))
        self.query_one("#emergency-body").focus()
