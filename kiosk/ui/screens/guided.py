"""Guided mode: one step at a time, big and calm, with a naloxone dose timer.

One GuidedScreen per visit holds the whole flow: the overdose guide, the nasal spray and
injection kit guides (opened from the naloxone step, Back returns), and the timer view.
Where the visitor is in the guides is a `GuideCursor` (kiosk/data/guide_cursor.py: the rules,
tested without Textual); the timer's view is a `TimerView` (kiosk/ui/widgets/timer_view.py); the
dose clock is `app.visit.dose` (kiosk/ui/dose_flow.py). All die with quick exit or idle reset.
The display ticks once a second only while the timer view is showing on the active screen;
nothing runs otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Iterable, List, Optional

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Static

from kiosk.data.dose_key import CONFIRM, IGNORE
from kiosk.data.emergency import ADDRESS_SLOT, NO_NUMBER, Guide, fill_number, injection_guide_id
from kiosk.data.guide_cursor import GuideCursor, Place
from kiosk.data.hours import clock_time
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.speaking import SpeakingScreen, voice_button
from kiosk.ui.widgets.fitrow import FitRow
from kiosk.ui.widgets.keybutton import button
from kiosk.ui.widgets.numbers import NumberTable
from kiosk.ui.widgets.timer_view import TimerView, doses_text

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp

BUTTONS = {  # show item -> (key, label: its ui.toml [guided] key, action)
    "spray": ("s", "spray", "screen.open_guide('spray')"),
    "injection": ("i", "injection", "screen.open_injection"),
    "dose": ("d", "dose", "screen.dose"),
}


def injection_id(app: "KioskApp") -> str:
    """The Prenoxad guide where it is sold (UK) or the config asks; else 'follow the kit's instructions'."""
    return injection_guide_id(app.config.region, app.config.injection_kit)


def open_guide(app: "KioskApp", guide_id: str, timer: bool = False) -> None:
    """Go back to the visit's guide (keeping its place) or start one; `timer`: show the dose timer.

    "overdose" ("Guide me step by step") returns to the guide just as it was left; a device guide
    ("spray", "injection") is opened in it."""
    existing = next((s for s in app.screen_stack if isinstance(s, GuidedScreen)), None)
    if existing is None:
        app.push_screen(GuidedScreen(guide_id, timer=timer))
        return
    while app.screen is not existing:
        app.pop_screen()
    if timer:
        existing.action_show_timer()
        return
    if guide_id != "overdose" and guide_id != existing.place[0]:
        existing.go_to_guide(guide_id)
    elif guide_id != "overdose" and existing.showing_timer:
        existing.show_steps_view()


class GuidedScreen(SpeakingScreen):
    CSS = tcss(__name__, "guided.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("guided")

    def __init__(self, guide_id: str = "overdose", timer: bool = False) -> None:
        super().__init__()
        self.open_on_timer = timer
        self.cursor = GuideCursor(lambda guide: self.kiosk.store.emergency.guide(guide), (guide_id, 0))
        self.confirm_stop = False  # "Stop the timer?" asked, waiting for y / n
        self.confirm_dose: Optional[str] = None  # "Another dose already?" asked: the dose's kind, waiting for y / n

    # ---- layout ----------------------------------------------------------------------
    def compose_body(self) -> Iterable[Widget]:
        ui = self.kiosk.ui
        self.heading = self.guide.title
        with ContentSwitcher(initial="step-view", id="guided-switcher"):
            with Vertical(id="step-view"):
                yield Static(id="step-count")
                # No region: every country's number, above the scroll so it is on screen at any size.
                yield NumberTable(self.kiosk.store.emergency.table(), id="step-numbers")
                with VerticalScroll(id="step-scroll"):
                    yield Static(id="step-title")
                    yield Static(id="step-address")  # the call step: the deployment's address, large
                    yield Static(id="step-text")
                    yield Static(id="step-where")
                    yield Static(id="step-script")  # the call step: what to say
                    yield Static(id="step-doses", classes="doses")
                    yield Static(id="step-source", classes="sources")
                # The step's choices (spray, injection, I gave naloxone) under the scroll, never
                # below the fold: at 40x20 their keys are on screen with the step (issue 26).
                with FitRow(id="step-buttons"):
                    for show, (key, label, action) in BUTTONS.items():
                        yield button(key, ui(f"guided.{label}"), action, id=f"show-{show}")
                yield button("t", ui("guided.show_timer"), "screen.show_timer", id="timer-status")
                with Horizontal(id="step-nav"):
                    yield button("backspace", ui("guided.back"), "screen.back", id="nav-back", glyph_set=self.glyphs)
                    yield button("enter", ui("guided.next"), "screen.next", id="nav-next", glyph_set=self.glyphs)
                with FitRow(id="step-tools"):  # its own row: Back and Next fit from 40 columns
                    yield voice_button()
                    yield button("c", self.kiosk.store.coach.start, "screen.coach", id="nav-coach")
            yield TimerView(self.glyphs)

    def on_mount(self) -> None:
        self.when_built(self._show_first)  # fast hands: the screen may have gone before it mounted

    def _show_first(self) -> None:
        self.show_step()
        if self.open_on_timer:
            self.action_show_timer()

    # ---- the steps ---------------------------------------------------------------------
    @property
    def place(self) -> Place:
        return self.cursor.place

    @place.setter
    def place(self, place: Place) -> None:
        self.cursor.place = place

    @property
    def history(self) -> List[Place]:
        return self.cursor.history

    @property
    def guide(self) -> Guide:
        return self.cursor.guide

    @property
    def number(self) -> str:
        return self.kiosk.number_to_call()

    @property
    def showing_timer(self) -> bool:
        return self.query_one(ContentSwitcher).current == "timer-view"

    def show_step(self) -> None:
        guide, index = self.guide, self.place[1]
        step = guide.steps[index]
        self.query_one("#heading", Static).update(Text(guide.title))
        ui = self.kiosk.ui
        no_number = ui("emergency.no_number", NO_NUMBER)
        count = ui("guided.step_count", n=index + 1, total=len(guide.steps))
        if self.number:  # the number to call on every step, at every size (no region: the call step's table)
            count += "  ·  " + ui("findhelp.call", number=self.number)
        self.query_one("#step-count", Static).update(Text(count))
        self.query_one("#step-title", Static).update(Text(fill_number(step.title, self.number, no_number)))
        body = Text()
        for line in fill_number(step.text, self.number, no_number).splitlines():
            if line.strip():
                body.append(("\n\n" if body else "") + line.strip())  # spaced: easy to follow
        self.query_one("#step-text", Static).update(body)
        # The call step shows the table of common numbers when the deployment sets none.
        self.query_one("#step-numbers").display = "numbers" in step.show and not self.number
        where = self.kiosk.config.naloxone_where
        self.query_one("#step-where").display = "where" in step.show and bool(where)
        if where:
            self.query_one("#step-where", Static).update(
                Text.assemble((self.kiosk.store.emergency.where_label + " ", "bold"), " ".join(where.split())))
        self.show_call_script(step.id == "call")
        for show in BUTTONS:
            self.query_one(f"#show-{show}").display = show in step.show
        self.query_one("#step-buttons").display = any(s in BUTTONS for s in step.show)
        doses = self.query_one("#step-doses", Static)
        doses.display = "doses" in step.show and bool(self.kiosk.visit.doses)
        doses.update(self.doses_text())
        self.query_one("#step-source", Static).update(Text(ui("guided.source", source=step.source)))
        self.query_one("#nav-next").display = self.can_go_next()
        self.query_one("#nav-coach").display = self.past_call
        self.update_status()
        self.query_one("#step-scroll").scroll_home(animate=False)
        self.refresh_bindings()
        self.speak()

    def show_call_script(self, shown: bool) -> None:
        coach, address = self.kiosk.store.coach, " ".join(self.kiosk.config.address.split())
        script = self.query_one("#step-script", Static)
        script.display = shown
        self.query_one("#step-address").display = shown and bool(address)
        if shown:
            lines = Table.grid(padding=(0, 1))  # wrapped lines hang under their text
            lines.add_column(width=1)
            lines.add_column(ratio=1)
            for line in coach.call_lines.splitlines():
                if line.strip():
                    lines.add_row("•", Text(line.strip()))
            script.update(Group(Text(coach.call_heading, style="bold"), lines))
            self.query_one("#step-address", Static).update(Text.assemble(coach.call_address + "\n", address))

    def call_script_spoken(self) -> str:
        coach, address = self.kiosk.store.coach, " ".join(self.kiosk.config.address.split())
        lines = " ".join(line.strip() for line in coach.call_lines.splitlines() if line.strip())
        return f" {coach.call_heading}. {lines}" + (f" {coach.call_address} {address}." if address else "")

    def spoken_text(self) -> str:
        """The step on screen (or the timer's countdown and what to do meanwhile)."""
        if self.showing_timer:
            dose, now = self.kiosk.visit.dose, self.kiosk.clock()
            if dose is None:
                return ""
            timer = self.kiosk.store.emergency.dose_timer
            texts = timer.redose if dose.due(now) else timer.wait
            return texts.get(dose.kind, texts["any"])
        step = self.guide.steps[self.place[1]]
        no_number = self.kiosk.ui("emergency.no_number", NO_NUMBER)
        if step.say:  # written for the ear; the call step's stays short: they are on the phone
            coach, address = self.kiosk.store.coach, " ".join(self.kiosk.config.address.split())
            said = step.say.replace(ADDRESS_SLOT, f"{coach.call_address} {address}." if address else "")
            return " ".join(fill_number(said, self.number, no_number).split())
        said = fill_number(step.spoken(), self.number, no_number)
        return said + (self.call_script_spoken() if step.id == "call" else "")

    def can_go_next(self) -> bool:
        return self.cursor.can_go_next()

    @property
    def step_offers_dose(self) -> bool:
        return "dose" in self.guide.steps[self.place[1]].show

    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if not self.is_mounted:
            return False  # a key typed ahead of the first frame: the views below don't exist yet
        running = self.kiosk.visit.dose is not None
        asking = self.confirm_stop or self.confirm_dose is not None  # only y or n answers
        if action == "dose":  # `d` works only where "I gave naloxone" is offered
            return (self.showing_timer and running and not asking) or \
                (not self.showing_timer and self.step_offers_dose)
        if action in ("awake", "stop_timer"):
            return self.showing_timer and running and not asking
        if action in ("open_guide", "open_injection") and asking:
            return False  # `s` answers "Sí" in Spanish: while asking, letters only answer
        if action == "confirm_stop":
            return self.confirm_stop
        if action == "confirm_dose":
            return self.confirm_dose is not None
        if action == "next":  # not on the last step: no hint that does nothing
            return self.showing_timer or self.can_go_next()
        if action == "show_timer":
            return self.dose_started is not None and not self.showing_timer
        if action == "back":
            return True
        if action == "coach":
            return True if (self.past_call and not self.showing_timer) else False
        return super().check_action(action, parameters)

    @property
    def past_call(self) -> bool:
        """The CPR coach is offered only once the call step has been shown: never before the call."""
        return self.cursor.past_call

    def action_coach(self) -> None:
        if not self.past_call:
            return
        from kiosk.ui.screens.coach import CoachScreen

        self.app.push_screen(CoachScreen())

    def action_next(self) -> None:
        if self.confirm_stop or self.confirm_dose is not None:
            return
        if self.showing_timer:
            self.show_steps_view()
        elif self.cursor.next():  # the end of a device guide: on to the step after "Give naloxone"
            self.show_step()

    def action_back(self) -> None:
        if self.confirm_stop:
            self.action_confirm_stop(False)
            return
        if self.confirm_dose is not None:
            self.action_confirm_dose(False)
            return
        if self.showing_timer:
            self.show_steps_view()
        elif self.cursor.back():
            self.show_step()
        else:
            super().action_back()

    def action_open_guide(self, guide_id: str) -> None:
        self.go_to_guide(guide_id)

    def action_open_injection(self) -> None:
        self.go_to_guide(injection_id(self.kiosk))

    def go_to_guide(self, guide_id: str) -> None:
        """Open a device guide; its end (or Back from its first step) returns here. It starts with
        the call and the breathing check unless the overdose guide has just shown them."""
        if self.showing_timer:
            self.show_steps_view()
        self.cursor.go_to(guide_id)
        self.show_step()

    # ---- the dose timer (the app's DoseFlow keeps it; this screen shows it) ----------------
    @property
    def dose_started(self) -> Optional[float]:
        dose = self.kiosk.visit.dose
        return None if dose is None else dose.last_dose

    def action_dose(self) -> None:
        """One dose per press (a held `d` repeats); within 30 s of the last, ask first (issue 16)."""
        kind = self.cursor.dose_kind
        outcome = self.kiosk.dose_flow.press(kind)
        if outcome == IGNORE:
            return
        self.confirm_stop = False
        self.confirm_dose = kind if outcome == CONFIRM else None
        self.show_timer_view()

    def action_confirm_dose(self, yes: bool) -> None:
        kind, self.confirm_dose = self.confirm_dose, None
        if yes and kind is not None:
            self.kiosk.dose_flow.give(kind)  # redraws the timer
        else:
            self.update_timer()
        self.refresh_bindings()

    def action_show_timer(self) -> None:
        if self.kiosk.visit.dose is not None:
            self.show_timer_view()

    def action_awake(self) -> None:
        """They respond: the timer ends (no more prompts) and the 'when they wake' step shows the
        dose times (if they pass out again it offers another dose at once)."""
        if self.kiosk.visit.dose is None:
            return
        self.kiosk.dose_flow.end()
        self.to_wake_step()

    def to_wake_step(self) -> None:
        self.cursor.to_wake()
        self.show_steps_view()

    def action_stop_timer(self) -> None:
        """Stopping the timer needs a second key: a stray key never ends it."""
        self.confirm_stop = True
        self.update_timer()
        self.refresh_bindings()

    def action_confirm_stop(self, yes: bool) -> None:
        self.confirm_stop = False
        if yes:
            self.kiosk.dose_flow.end()
            self.show_steps_view()
        else:
            self.update_timer()
        self.refresh_bindings()

    def show_timer_view(self) -> None:
        self.query_one(ContentSwitcher).current = "timer-view"
        self.query_one("#heading", Static).update(Text(self.kiosk.store.emergency.dose_timer.title))
        self.query_one(TimerView).show_label()
        self.refresh_dose()
        self.refresh_bindings()
        self.speak()

    def show_steps_view(self) -> None:
        self.confirm_stop = False
        self.confirm_dose = None
        self.query_one(ContentSwitcher).current = "step-view"
        self.query_one("#step-scroll").focus()  # PgDn/End scroll the step again (focus was on the timer's view)
        self.show_step()
        self.refresh_dose()

    def shows_own_prompt(self) -> bool:
        return self.showing_timer

    def refresh_dose(self) -> None:
        super().refresh_dose()
        if self.showing_timer:
            self.update_timer()
        self.update_status()

    def update_timer(self) -> None:
        """The timer view: time since the last dose, the countdown, what to do meanwhile."""
        self.query_one(TimerView).show(self.kiosk.store.emergency.dose_timer, self.kiosk.visit.dose,
                                       self.kiosk.clock(), self.kiosk.visit.doses,
                                       self.confirm_stop, self.confirm_dose is not None)

    def doses_text(self) -> Text:
        return doses_text(self.kiosk.store.emergency.dose_timer, self.kiosk.visit.doses)

    def update_status(self) -> None:
        """One line on the step view while a timer runs: it is one key away."""
        status = self.query_one("#timer-status", Button)
        running = self.kiosk.visit.dose is not None
        status.display = running and not self.showing_timer
        if running and self.kiosk.visit.doses:
            status.label = Text("t  " + self.kiosk.ui("guided.given_at", time=clock_time(self.kiosk.visit.doses[-1])))
