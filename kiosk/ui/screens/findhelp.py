"""Find help: local places (open now?) and helplines from the deployment config.

With no helplines in the config, the built-in national helplines (content/helplines.toml) are
shown instead, grouped by country and marked as a default list. Places can be filtered by what
they offer: digits pick an offer, 0 shows all; each choice can be clicked too. `o` lists the
places open now first. At the top: the emergency number, and `h` for the crisis screen.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List, Optional

from rich.text import Text
from textual.binding import BindingType
from textual.containers import Vertical
from textual.geometry import Region
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


def offer_word(offer: str, ui=None) -> str:
    """An offer's name, in the visitor's language (ui.toml [offers]) when `ui` is given."""
    if ui is not None and ui.has_key(f"offers.{offer}"):
        return ui(f"offers.{offer}")
    return OFFER_WORDS.get(offer, offer)


def speaks_first(lines, code: str) -> list:
    """Lines that answer in the visitor's language first (stable); English keeps the file order."""
    lines = list(lines)
    return lines if code == "en" else sorted(lines, key=lambda line: code not in line.languages)


def helpline_text(line: Helpline, ui=None) -> Text:
    text = Text.assemble((line.name, "bold"))
    call = ui("findhelp.call", number="\0") if ui is not None else "Call \0"
    before, _, after = call.partition("\0")
    text.append("\n  " + before)
    text.append(line.number, style="bold")
    text.append(after)
    extras = [line.hours, line.offers]
    if line.text:
        extras.append(ui("findhelp.text", number=line.text) if ui is not None else f"Text: {line.text}")
    if line.tty:
        extras.append(ui("findhelp.tty", number=line.tty) if ui is not None else f"TTY: {line.tty}")
    if line.languages and ui is not None:
        names = ", ".join(ui(f"language_names.{code}") if ui.has_key(f"language_names.{code}") else code
                          for code in line.languages)
        extras.append(ui("findhelp.languages", list=names))
    for extra in extras:
        if extra:
            text.append(f"\n  {extra}")
    return text


class FindHelpScreen(KioskScreen):
    CSS = tcss(__name__, "findhelp.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("find-help")

    def __init__(self) -> None:
        super().__init__()
        self.offers: List[str] = []  # offers some place here has (set in compose): digits 1..n pick them
        self.offer: Optional[str] = None  # the filter; None shows every place
        self.open_first = False  # `o`: places open now listed first

    def compose_body(self) -> Iterable[Widget]:
        config = self.kiosk.config
        ui = self.kiosk.ui
        self.heading = ui("findhelp.heading")
        self.offers = [o for o in OFFERS if any(o in s.offers for s in config.services)][:9]
        words = self.kiosk.store.default_helplines.find_help
        with ReadingScroll(id="findhelp-body"):
            yield Static(self.emergency_text(), id="findhelp-emergency")
            yield self.key_button("h", words.crisis, "screen.crisis", "crisis-link")
            if config.services:
                yield Static(Text(ui("findhelp.places"), style="bold"), classes="section-heading")
                if self.offers:
                    yield Static(Text(ui("findhelp.filter_label")), id="filter-label")
                    with FitGrid(id="offer-filter"):
                        yield self.filter_button(0, ui("findhelp.all"))
                        for n, offer in enumerate(self.offers, start=1):
                            yield self.filter_button(n, offer_word(offer, ui))
                yield self.key_button("o", words.open_first, "screen.open_first", "open-first")
                yield Static(id="filter-status")
                with Vertical(id="places"):
                    for i, service in enumerate(config.services):
                        yield Static(self.service_text(service), classes="service", id=f"service-{i}")
            yield Static(Text(ui("findhelp.helplines"), style="bold"), classes="section-heading")
            if config.helplines:
                for line in speaks_first(config.helplines, self.kiosk.language):
                    yield Static(helpline_text(line, self.kiosk.ui), classes="helpline")
            else:
                yield from self.default_helplines()
            if config.naloxone_where:
                yield Static(Text(ui("findhelp.naloxone_where"), style="bold"), classes="section-heading")
                yield Static(Text(config.naloxone_where), id="findhelp-naloxone")
            if config.legal_note:
                yield Static(Text(ui("findhelp.legal"), style="bold"), classes="section-heading")
                yield Static(Text(config.legal_note), id="legal-note")

    def emergency_text(self) -> Text:
        words = self.kiosk.store.default_helplines.find_help
        number = self.kiosk.number_to_call()
        return Text(words.emergency.replace("{number}", number) if number else words.emergency_unknown, style="bold")

    def key_button(self, key: str, label: str, action: str, button_id: str) -> Button:
        b = Button(Text(f"{key}  {label}"), action=action, compact=True, id=button_id)
        b.can_focus = False  # a key or a click; Tab stays on the text
        return b

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
        ui = self.kiosk.ui
        now = status(service.hours, self.kiosk.wall_clock(), ui.group("hours"))
        if now is not None:
            text.append("\n  ")
            text.append(now.text, style="bold reverse" if now.open else "bold")
        for extra in (service.address, ui("findhelp.call", number=service.phone) if service.phone else ""):
            if extra:
                for line in extra.splitlines():
                    text.append(f"\n  {line}")
        if service.offers:
            offered = ", ".join(offer_word(o, ui).lower() if i else offer_word(o, ui)
                                for i, o in enumerate(service.offers))
            text.append("\n  " + ui("findhelp.offers", list=offered))
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
        if self.open_first:
            self.order_places()

    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if action == "filter":
            return True if self.offers and parameters and parameters[0] <= len(self.offers) else False
        if action == "open_first":
            return bool(self.kiosk.config.services) and super().check_action(action, parameters)
        return super().check_action(action, parameters)

    def action_crisis(self) -> None:
        self.kiosk.open_screen("crisis")

    def action_open_first(self) -> None:
        """Toggle: places open now first (the order of the config otherwise)."""
        if not self.kiosk.config.services:
            return
        self.open_first = not self.open_first
        self.order_places()
        self.apply_filter()
        self.show_places()

    def order_places(self) -> None:
        services = self.kiosk.config.services
        order = list(range(len(services)))
        if self.open_first:
            now = self.kiosk.wall_clock()

            def is_open(i: int) -> bool:
                state = status(services[i].hours, now)
                return bool(state and state.open)

            order.sort(key=lambda i: not is_open(i))  # stable: the config's order within each group
        places = self.query_one("#places", Vertical)
        for i in reversed(order):  # each to the top, last first: ends in `order`
            widget = self.query_one(f"#service-{i}")
            if places.children and places.children[0] is not widget:
                places.move_child(widget, before=0)

    def action_filter(self, n: int) -> None:
        if 0 <= n <= len(self.offers):
            self.offer = self.offers[n - 1] if n else None
            self.apply_filter()
            self.show_places()

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
        ui = self.kiosk.ui
        words = (ui("findhelp.filtered", offer=offer_word(self.offer, ui).lower(), shown=shown, total=len(services))
                 if self.offer else ui.plural("findhelp.count", len(services), total=len(services)))
        if self.open_first:
            words += " " + self.kiosk.store.default_helplines.find_help.open_first_status
        self.query_one("#open-first").set_class(self.open_first, "selected")
        self.query_one("#filter-status", Static).update(Text(words))

    def show_places(self) -> None:
        """After a filter or a new order: the filter's words and each place shown, name and status
        first, on screen (as many as fit, the first ones first), even if the reader had scrolled
        past the places to the helplines. Scrolls only as far as needed, so from the top the filter
        buttons stay in view when everything fits."""
        self.call_after_refresh(self._scroll_to_places)  # after the layout has the new order

    def _scroll_to_places(self) -> None:
        body = self.query_one("#findhelp-body", ReadingScroll)
        # A scroll still moving (End and PgDn glide for up to a second) would carry the view on
        # past the places after this: finish it first, then scroll from where it ends.
        for attribute in ("scroll_x", "scroll_y"):
            self.app.animator.force_stop_animation(body, attribute)
        status = self.query_one("#filter-status").virtual_region
        places = self.query_one("#places", Vertical)
        room = body.scrollable_content_region.height
        top, bottom = status.y, status.bottom
        for place in (w for w in places.children if w.display):
            where = place.virtual_region.translate((0, places.virtual_region.y))  # in the body's terms
            if where.bottom - top <= room:
                bottom = where.bottom  # the whole place fits
                continue
            if where.y + 2 - top <= room:
                bottom = where.y + 2  # its name and status line
            break
        body.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, immediate=True)
