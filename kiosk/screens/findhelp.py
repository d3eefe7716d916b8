"""Find help: the deployment's helplines and services, or the built-in defaults."""

from __future__ import annotations

from typing import Iterable

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from kiosk.screens.base import KioskScreen


class FindHelpScreen(KioskScreen):
    heading = "Find help"

    def compose_body(self) -> Iterable[Widget]:
        config = self.kiosk.config
        with VerticalScroll(id="findhelp-body"):
            if not config.helplines and not config.services:
                yield Static(Text("No local services have been set up on this kiosk yet."), classes="hint")
            for line in config.helplines:
                text = Text(line.name, style="bold")
                text.append(f"  {line.number}")
                for extra in (line.hours, line.offers):
                    if extra:
                        text.append(f"\n  {extra}")
                yield Static(text, classes="helpline")
            for service in config.services:
                text = Text(service.name, style="bold")
                for extra in (service.address, service.phone, ", ".join(service.offers)):
                    if extra:
                        text.append(f"\n  {extra}")
                yield Static(text, classes="service")

    def on_mount(self) -> None:
        self.query_one("#findhelp-body").focus()
