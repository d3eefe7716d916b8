"""Find help: local places (open now?) and helplines from the deployment config.

With no helplines in the config, the built-in national helplines (content/helplines.toml) are
shown instead, grouped by country and marked as a default list. Places can be filtered by what
they offer: digits pick an offer, 0 shows all; each choice can be clicked too.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List, Optional

from rich.text import Text
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Button, Static

from kiosk.data.config import OFFERS, Helpline, Service
from kiosk.data.hours import status
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.fitrow import FitGrid
from kiosk.ui.widgets.scroll import ReadingScroll

OFFER_WORDS = {
    "naloxone": "Naloxone", "methadone": "Methadone", "buprenorphine": "Buprenorphine",
    "needle-exchange": "Needle exchange", "walk-in": "Walk-in", "counselling": "Counselling",
    "detox": "Detox", "testing": "Testing",
}


def offer_word(offer: str) -> str:
    return OFFER_WORDS.get(offer, offer)


def speaks_first(lines, code: str) -> list:
    """Lines that answer in the visitor's language first (stable); English keeps the file order."""
    lines = list(lines)
    return lines if code == "en" else sorted(lines, key=lambda line: code not in line.languages)


def helpline_text(line: Helpline, ui=None) -> Text:
    text = Text.assemble((line.name, "bold"))
    text.append("\n  Call ")
    text.append(line.number, style="bold")
    extras = [line.hours, line.offers]
    if line.text:
        extras.append(f"Text: {line.text}")
    if line.tty:
        extras.append(f"TTY: {line.tty}")
    if line.languages and ui is not None:
        names = ", ".join(ui(f"language_names.{code}") if ui.has_key(f"language_names.{code}") else code
                          for code in line.languages)
        extras.append(ui("findhelp.languages", list=names))
    for extra in extras:
        if extra:
            text.append(f"\n  {extra}")
    return text


class FindHelpScreen(KioskScreen):
    heading = "Find help"
    CSS = tcss(__name__, "findhelp.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("find-help")

    def __init__(self) -> None:
        super().__init__()
        self.offers: List[str] = []  # offers some place here has (set in compose): digits 1..n pick them
        self.offer: Optional[str] = None  # the filter; None shows every place

    def compose_body(self) -> Iterable[Widget]:
        config = self.kiosk.config
        self.offers = [o for o in OFFERS if any(o in s.offers for s in config.services)][:9]
        with ReadingScroll(id="findhelp-body"):
            if config.services:
                yield Static(Text("Places", style="bold"), classes="section-heading")
                if self.offers:
                    yield Static(Text("Show places that offer:"), id="filter-label")
                    with FitGrid(id="offer-filter"):
                        yield self.filter_button(0, "All")
                        for n, offer in enumerate(self.offers, start=1):
                            yield self.filter_button(n, offer_word(offer))
                yield Static(id="filter-status")
                for i, service in enumerate(config.services):
                    yield Static(self.service_text(service), classes="service", id=f"service-{i}")
            yield Static(Text("Helplines", style="bold"), classes="section-heading")
            if config.helplines:
                for line in speaks_first(config.helplines, self.kiosk.language):
                    yield Static(helpline_text(line, self.kiosk.ui), classes="helpline")
            else:
                yield from self.default_helplines()
            if config.naloxone_where:
                yield Static(Text("Where to get naloxone here", style="bold"), classes="section-heading")
                yield Static(Text(config.naloxone_where), id="findhelp-naloxone")
            if config.legal_note:
                yield Static(Text("If you call for help", style="bold"), classes="section-heading")
                yield Static(Text(config.legal_note), id="legal-note")

    def default_helplines(self) -> Iterable[Widget]:
        defaults = self.kiosk.store.default_helplines
        yield Static(Text(defaults.note), id="defaults-note", classes="hint")
        region = self.kiosk.config.region
        code = self.kiosk.language
        # This kiosk's country first; then, for a visitor not using English, countries with a
        # line in their language, and those lines first in each country.
        groups = sorted(defaults.groups, key=lambda g: (g.region != region, code != "en" and
                                                        not any(code in h.languages for h in g.helplines)))
        for group in groups:
            yield Static(Text(group.country, style="bold underline"), classes="country")
            for line in speaks_first(group.helplines, code):
                yield Static(helpline_text(line, self.kiosk.ui), classes="helpline default")

    def filter_button(self, n: int, label: str) -> Button:
        b = Button(Text(f"{n} {label}"), action=f"screen.filter({n})", compact=True, id=f"filter-{n}")
        b.can_focus = False
        return b

    def service_text(self, service: Service) -> Text:
        text = Text.assemble((service.name, "bold"))
        now = status(service.hours, self.kiosk.wall_clock())
        if now is not None:
            text.append("\n  ")
            text.append(now.text, style="bold reverse" if now.open else "bold")
        for extra in (service.address, f"Call {service.phone}" if service.phone else ""):
            if extra:
                for line in extra.splitlines():
                    text.append(f"\n  {line}")
        if service.offers:
            text.append("\n  Offers: " + ", ".join(offer_word(o).lower() if i else offer_word(o)
                                                   for i, o in enumerate(service.offers)))
        if service.notes:
            text.append(f"\n  {service.notes}")
        return text

    def on_mount(self) -> None:
        self.query_one("#findhelp-body").focus()
        self.apply_filter()

    def on_screen_resume(self) -> None:
        # "Open now" is worked out when shown; refresh it when coming back (no timer runs here).
        for i, service in enumerate(self.kiosk.config.services):
            self.query_one(f"#service-{i}", Static).update(self.service_text(service))

    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if action == "filter":
            return True if self.offers and parameters and parameters[0] <= len(self.offers) else False
        return super().check_action(action, parameters)

    def action_filter(self, n: int) -> None:
        if 0 <= n <= len(self.offers):
            self.offer = self.offers[n - 1] if n else None
            self.apply_filter()

    def apply_filter(self) -> None:
        services = self.kiosk.config.services
        if not services:
            return
        shown = 0
        for i, service in enumerate(services):
            visible = self.offer is None or self.offer in service.offers
            self.query_one(f"#service-{i}").display = visible
            shown += visible
        for n in range(len(self.offers) + 1 if self.offers else 0):  # no buttons when no place lists offers
            selected = (n == 0 and self.offer is None) or (n > 0 and self.offers[n - 1] == self.offer)
            self.query_one(f"#filter-{n}").set_class(selected, "selected")
        words = (f"Places that offer {offer_word(self.offer).lower()}: {shown} of {len(services)}. 0 shows all."
                 if self.offer else f"{len(services)} places.")
        self.query_one("#filter-status", Static).update(Text(words))
