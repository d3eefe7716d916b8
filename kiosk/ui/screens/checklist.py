"""What to bring to an appointment, as a checklist: tick items, add a short note to each.

Ticks and notes live only in `app.visit.checklist` (item key -> note; a key is there when the
item is ticked) and in this screen's widgets; quick exit throws both away. Typing a note ticks
its item.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List

from rich.text import Text
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.bounded_input import BoundedInput, clean_text
from kiosk.ui.widgets.scroll import FocusList
from kiosk.ui.widgets.tick import Tick

NOTE_MAX = 60  # characters per note: enough for "60 mg methadone daily", small enough to carry


class ItemTick(Tick):
    """A checklist item: Space ticks it; Enter goes to its note, where every key is text."""

    BINDINGS: ClassVar[List[BindingType]] = bindings("checklist-item")

    def action_note(self) -> None:
        self.screen.query_one(f"#note-{self.key}", Input).focus()


class ChecklistScreen(KioskScreen):
    CSS = tcss(__name__, "checklist.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("checklist")

    def compose_body(self) -> Iterable[Widget]:
        items = self.kiosk.store.selfcheck_file.checklist
        notes = self.kiosk.visit.checklist
        ui = self.kiosk.ui
        self.heading = ui("checklist.heading")
        with FocusList(id="checklist-body"):
            if not items:
                yield Static(Text(ui("checklist.unavailable")), classes="hint")
            else:
                yield Static(Text(ui("checklist.intro")), id="checklist-intro")
            for item in items:
                with Vertical(classes="checklist-item"):
                    yield ItemTick(item.key, item.text, item.key in notes, id=f"tick-{item.key}")
                    yield BoundedInput(clean_text(notes.get(item.key, "")), placeholder=ui("checklist.note"), max_length=NOTE_MAX,
                                compact=True, id=f"note-{item.key}", classes="checklist-note")

    def on_mount(self) -> None:
        ticks = self.query(Tick)
        if ticks:
            ticks.first().focus()

    def on_tick_changed(self, event: Tick.Changed) -> None:
        event.stop()
        key = event.tick.key
        notes = self.kiosk.visit.checklist
        if event.tick.ticked:
            notes[key] = self.query_one(f"#note-{key}", Input).value.strip()
        else:
            notes.pop(key, None)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        key = (event.input.id or "").replace("note-", "", 1)
        tick = self.query_one(f"#tick-{key}", Tick)
        if event.value.strip() and not tick.ticked:
            tick.ticked = True
        if tick.ticked:
            self.kiosk.visit.checklist[key] = event.value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        from kiosk.ui.app import is_text_field

        if action == "takeaway" and is_text_field(self.focused):
            return False  # `t` is a letter in a note
        return super().check_action(action, parameters)

    def action_takeaway(self) -> None:
        self.kiosk.open_screen("takeaway")
