"""Emergency: the number to call, the signs of an overdose, the steps in order, two ways on.

Fits 80x24 with no scrolling. Opened by `e` (Ctrl+E in a text field), a click on the bar, or an
extra key from the deployment config; it must open fast, so it builds from plain Statics.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List

from rich.table import Table
from rich.text import Text
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Digits, Static

from kiosk.data.emergency import Emergency, fill_number
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.base import KioskScreen


def labelled(line: str, number: int) -> Text:
    """'Check: shout...' -> '1. ' + bold 'Check:' + ' shout...'."""
    text = Text(f"{number}. ")
    label, sep, rest = line.partition(": ")
    if sep:
        text.append(label + ":", style="bold")
        text.append(" " + rest)
    else:
        text.append(line)
    return text


def numbers_table(em: Emergency) -> Table:
    """The common numbers in one compact row: label then number, bold."""
    grid = Table.grid(padding=(0, 3), expand=False)
    row: List[Text] = []
    for n in em.numbers:
        cell = Text(n.label + " ")
        cell.append(n.number, style="bold")
        row.append(cell)
        grid.add_column(no_wrap=True)
    grid.add_row(*row)
    return grid


class EmergencyScreen(KioskScreen):
    AUTO_FOCUS = "#guide-button"  # Enter starts the guide; set each time the screen is shown
    CSS = tcss(__name__, "emergency.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("emergency")

    def compose_body(self) -> Iterable[Widget]:
        em = self.kiosk.emergency
        self.heading = em.title
        config = self.kiosk.config
        number = em.call_number(config.region, config.emergency_number)
        with VerticalScroll(id="emergency-body"):
            if number:
                with Horizontal(id="call-row"):
                    yield Static(Text(em.call_now), id="call-label")
                    yield Digits(number, id="call-digits")
            else:
                yield Static(Text(em.call_local), id="call-local")
                yield Static(numbers_table(em), id="numbers")
            signs = Text.assemble((em.intro, "bold"))
            for sign in em.signs:
                signs.append("\n • ")
                signs.append(sign)
            yield Static(signs, id="signs")
            yield Static(Text(em.unsure), id="unsure")
            steps = Text.assemble((em.steps_heading, "bold"))
            for n, step in enumerate(em.steps, start=1):
                steps.append("\n")
                steps.append_text(labelled(fill_number(step, number), n))
            yield Static(steps, id="steps")
            with Horizontal(id="ways-on"):
                yield Button(Text("g  Guide me step by step"), id="guide-button", compact=True,
                             action="screen.guide")
                yield Button(Text("n  Naloxone: how to use it"), id="naloxone-button", compact=True,
                             action="screen.naloxone")

    def action_guide(self) -> None:
        from kiosk.ui.screens.guided import open_guide

        open_guide(self.kiosk, "overdose")

    def action_naloxone(self) -> None:
        from kiosk.ui.screens.naloxone import NaloxoneScreen

        self.app.push_screen(NaloxoneScreen())
