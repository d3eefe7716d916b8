"""Take it with you: pick helplines, services and (if you ask) your checklist; get a QR code.

The code carries the plain text shown beside it: no URL, no tracking, no network, nothing kept.
The choice lives on this screen only; the checklist comes from `app.visit`.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List, Optional, Tuple

from rich.text import Text
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Static

from kiosk.data import qr
from kiosk.data.config import Helpline
from kiosk.data.takeaway import Entry, build_text, default_choice, entries, shorter
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.fitrow import FitRow
from kiosk.ui.widgets.scroll import FocusList
from kiosk.ui.widgets.tick import Tick

QR_STYLE = "#000000 on #ffffff"  # always dark on light, whatever the theme: what cameras read


class TakeawayScreen(KioskScreen):
    """Choose what to take. Space/click ticks; c (or the button) shows the code."""

    CSS = tcss(__name__, "takeaway.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("take-away")

    def __init__(self) -> None:
        super().__init__()
        self.compact = False
        self.entries: List[Entry] = []

    def compose_body(self) -> Iterable[Widget]:
        app = self.kiosk
        ui = app.ui
        self.heading = ui("takeaway.heading")
        self.entries = entries(app.config, app.store.selfcheck_file.checklist, app.visit.checklist,
                               self.default_helplines(), ui.group("takeaway_text"), app.language)
        chosen = default_choice(self.entries, qr.fits)
        yield Static(Text(ui("takeaway.intro")), id="takeaway-intro")
        with FocusList(id="takeaway-choices"):
            for e in self.entries:
                yield Tick(e.key, e.label, e.key in chosen, id=f"choice-{e.key.replace(':', '-')}")
        if not app.config.helplines:
            yield Static(Text(ui("takeaway.national")), classes="hint")
        if not any(e.key == "checklist" for e in self.entries):
            yield Static(Text(ui("takeaway.checklist_hint")), classes="hint")
        yield Static(id="takeaway-status")
        with FitRow(id="takeaway-buttons"):
            yield Button(ui("takeaway.show_code"), id="show-code", variant="primary", compact=True)
            yield Button(ui("takeaway.shorter"), id="make-shorter", compact=True)

    def default_helplines(self) -> List[Tuple[str, Helpline]]:
        """The built-in helplines (content/helplines.toml), used when the config lists none."""
        if self.kiosk.config.helplines:
            return []
        defaults = self.kiosk.store.default_helplines
        return [(group.country, line) for group in defaults.groups for line in group.helplines]

    def on_mount(self) -> None:
        ticks = self.query(Tick)
        if ticks:
            ticks.first().focus()
        self.update_status()

    # State --------------------------------------------------------------------------------------
    def chosen(self) -> List[str]:
        return [tick.key for tick in self.query(Tick) if tick.ticked]

    def text(self) -> str:
        return build_text(self.entries, self.chosen(), compact=self.compact)

    def update_status(self) -> None:
        text = self.text()
        size, cap = qr.text_size(text), qr.capacity()
        status = self.query_one("#takeaway-status", Static)
        shorter_button = self.query_one("#make-shorter", Button)
        ui = self.kiosk.ui
        if not text:
            status.update(Text(ui("takeaway.nothing")))
            shorter_button.display = False
        elif size <= cap:
            status.update(Text(ui("takeaway.fits", size=size, cap=cap)))
            shorter_button.display = False
        else:
            message = Text()
            message.append(ui("takeaway.too_long", size=size, cap=cap) + " ", style="bold")
            message.append(ui("takeaway.untick"))
            status.update(message)
            shorter_button.display = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if action == "shorter":
            return not qr.fits(self.text()) and bool(self.text())
        return super().check_action(action, parameters)

    # Events and actions -------------------------------------------------------------------------
    def on_tick_changed(self, event: Tick.Changed) -> None:
        event.stop()
        self.compact = False
        self.update_status()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "show-code":
            self.action_show_code()
        elif event.button.id == "make-shorter":
            self.action_shorter()

    def action_shorter(self) -> None:
        """Offer a shorter selection: short forms first, then fewer entries."""
        keys, compact = shorter(self.entries, self.chosen(), qr.fits)
        for tick in self.query(Tick):
            tick.ticked = tick.key in keys
        self.compact = compact
        self.update_status()
        if not keys:
            self.notify(self.kiosk.ui("takeaway.even_one"), severity="warning")

    def action_show_code(self) -> None:
        text = self.text()
        if not text:
            self.notify(self.kiosk.ui("takeaway.pick_first"), severity="warning")
            return
        if not qr.fits(text):
            self.update_status()
            self.notify(self.kiosk.ui("takeaway.shorter_first"), severity="warning")
            return
        self.app.push_screen(QRScreen(text))


class QRScreen(KioskScreen):
    """The code, drawn in half blocks (full blocks on the console), with the same text beside it
    for copying by hand."""

    CSS = tcss(__name__, "takeaway.tcss")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.code = qr.encode(text)  # the caller checked that it fits

    def compose_body(self) -> Iterable[Widget]:
        lines = qr.render_full_blocks(self.code) if self.glyphs.console else qr.render(self.code)
        ui = self.kiosk.ui
        self.heading = ui("takeaway.qr_heading")
        with Horizontal(id="qr-row"):
            drawing = Static(Text("\n".join(lines), style=QR_STYLE, no_wrap=True), id="qr-code")
            drawing.styles.width = len(lines[0])
            drawing.styles.height = len(lines)
            yield drawing
            with VerticalScroll(id="qr-text"):
                # What a visitor can do (not "make the window larger": a kiosk's screen is fixed).
                yield Static(Text(ui("takeaway.too_small")), id="qr-too-small")
                yield Static(Text(self.text), id="qr-plain")
                yield Static(Text(ui("takeaway.plain")), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#qr-text").focus()
        self.fit_code()

    def on_resize(self) -> None:
        self.fit_code()

    def fit_code(self) -> None:
        """A code cut off by a small window cannot be read: hide it and say so."""
        drawing = self.query_one("#qr-code", Static)
        width, height = drawing.styles.width.value, drawing.styles.height.value  # type: ignore[union-attr]
        fits = self.size.width >= width + 20 and self.size.height >= height + 3
        drawing.display = fits
        self.query_one("#qr-too-small", Static).display = not fits
