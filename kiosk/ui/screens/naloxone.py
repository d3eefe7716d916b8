"""Naloxone: how to use it (spray and injection kit), and where to get it here."""

from __future__ import annotations

from typing import ClassVar, Iterable, List

from rich.table import Table
from rich.text import Text
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Static

from kiosk.data.emergency import NO_NUMBER, fill_number
from kiosk.data.emergency_fallback import FALLBACK_NALOXONE
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.screens.guided import injection_id, open_guide
from kiosk.ui.widgets.fitrow import FitRow
from kiosk.ui.widgets.keybutton import button
from kiosk.ui.widgets.scroll import ReadingScroll


class NaloxoneScreen(KioskScreen):
    CSS = tcss(__name__, "naloxone.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("naloxone")

    def compose_body(self) -> Iterable[Widget]:
        page = self.kiosk.store.emergency.naloxone or FALLBACK_NALOXONE  # the loader always sets one
        config = self.kiosk.config
        number = self.kiosk.number_to_call()
        self.heading = page.title
        ui = self.kiosk.ui
        number = number or ui("emergency.no_number", NO_NUMBER)
        prenoxad = injection_id(self.kiosk) == "injection"
        injection = ui("naloxone.prenoxad_button") if prenoxad else ui("naloxone.injection_button")
        with FitRow(id="naloxone-buttons"):
            yield button("s", ui("naloxone.spray_button"), "screen.guide('spray')", id="naloxone-spray")
            yield button("i", injection, "screen.injection", id="naloxone-injection")
        with ReadingScroll(id="naloxone-body"):
            yield Static(Text(fill_number(page.intro, number)), classes="summary")
            for section in page.sections:
                if section.kit and (section.kit == "prenoxad") != prenoxad:
                    continue  # the Prenoxad steps only where that guide is offered
                yield Static(Text(section.heading), classes="section-heading")
                body = Table.grid(padding=(0, 1))  # bullets with wrapped lines hanging under the text
                body.add_column(width=1)
                body.add_column(ratio=1)
                for line in fill_number(section.text, number).splitlines():
                    if line.strip():
                        body.add_row("•", Text(line.strip()))
                yield Static(body, classes="naloxone-text")
                yield Static(Text(ui("guided.source", source=section.source)), classes="sources")
            if config.naloxone_where:
                yield Static(Text(page.where_heading), classes="section-heading")
                yield Static(Text(config.naloxone_where), id="naloxone-where")

    def on_mount(self) -> None:
        self.query_one("#naloxone-body").focus()

    def action_guide(self, guide_id: str) -> None:
        open_guide(self.kiosk, guide_id)

    def action_injection(self) -> None:
        open_guide(self.kiosk, injection_id(self.kiosk))
