"""Guided mode: one step at a time, big and calm, with a naloxone dose timer.

One GuidedScreen per visit holds the whole flow: the overdose guide, the nasal spray and
injection kit guides (opened from the naloxone step, Back returns), and the timer view.
Timer state lives on this screen instance; dose clock times live in `app.visit.doses`. Both die
with quick exit or idle reset. The display ticks once a second only while the timer view is
showing on the active screen; nothing runs otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Iterable, List, Optional, Tuple

from rich.text import Text
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Digits, Static

from kiosk.data.emergency import Guide, fill_number
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.base import KioskScreen

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp

Place = Tuple[str, int]  # (guide id, step index)

BUTTONS = {  # show item -> (key, label, action)
    "spray": ("s", "Nasal spray", "screen.open_guide('spray')"),
    "injection": ("i", "Injection kit", "screen.open_guide('injection')"),
    "dose": ("d", "I gave naloxone", "screen.dose"),
}


def open_guide(app: "KioskApp", guide_id: str) -> None:
    """Go back to the visit's guide (keeping its timer and place) or start one.

    "overdose" ("Guide me step by step") returns to the guide just as it was left; a device guide
    ("spray", "injection") is opened in it."""
    existing = next((s for s in app.screen_stack if isinstance(s, GuidedScreen)), None)
    if existing is None:
        app.push_screen(GuidedScreen(guide_id))
        return
    while app.screen is not existing:
        app.pop_screen()
    if guide_id != "overdose" and guide_id != existing.place[0]:
        existing.go_to_guide(guide_id)


def button(key: str, label: str, action: str, id: Optional[str] = None) -> Button:
    """A click/touch target that names its key; not focusable, so Enter always means Next."""
    b = Button(Text(f"{key}  {label}"), action=action, compact=True, id=id)
    b.can_focus = False
    return b


def clock_time(moment) -> str:
    return moment.strftime("%H:%M")


class GuidedScreen(KioskScreen):
    CSS = tcss(__name__, "guided.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("guided")

    def __init__(self, guide_id: str = "overdose") -> None:
        super().__init__()
        self.place: Place = (guide_id, 0)
        self.history: List[Place] = []  # where Back (or the end of a device guide) returns to
        # The dose timer: app.clock() time of the last dose, the kind of device, a response.
        self.dose_started: Optional[float] = None
        self.dose_kind = "any"
        self.responded = False
        self.ticker: Optional[Timer] = None

    # ---- layout ----------------------------------------------------------------------
    def compose_body(self) -> Iterable[Widget]:
        self.heading = self.guide.title
        with ContentSwitcher(initial="step-view", id="guided-switcher"):
            with Vertical(id="step-view"):
                yield Static(id="step-count")
                with VerticalScroll(id="step-scroll"):
                    yield Static(id="step-title")
                    yield Static(id="step-text")
                    with Horizontal(id="step-buttons"):
                        for show, (key, label, action) in BUTTONS.items():
                            yield button(key, label, action, id=f"show-{show}")
                    yield Static(id="step-doses", classes="doses")
                    yield Static(id="step-source", classes="sources")
                yield button("t", "Show the timer", "screen.show_timer", id="timer-status")
                with Horizontal(id="step-nav"):
                    yield button("⌫", "Back", "screen.back", id="nav-back")
                    yield button("⏎", "Next", "screen.next", id="nav-next")
            with Vertical(id="timer-view"):
                with Horizontal(id="timer-row"):
                    yield Static(id="timer-label")
                    yield Digits("0:00", id="timer-digits")
                with VerticalScroll(id="timer-scroll"):
                    yield Static(id="timer-wait")
                    yield Static(id="timer-redose")
                    yield Static(id="timer-doses", classes="doses")
                with Horizontal(id="timer-buttons"):
                    yield button("d", "I gave another dose", "screen.dose", id="timer-dose")
                    yield button("w", "They are waking up", "screen.awake", id="timer-awake")
                    yield button("⌫", "Back to the steps", "screen.back", id="timer-back")

    def on_mount(self) -> None:
        self.show_step()

    # ---- the steps ---------------------------------------------------------------------
    @property
    def guide(self) -> Guide:
        return self.kiosk.emergency.guide(self.place[0])

    @property
    def number(self) -> str:
        config = self.kiosk.config
        return self.kiosk.emergency.call_number(config.region, config.emergency_number)

    @property
    def showing_timer(self) -> bool:
        return self.query_one(ContentSwitcher).current == "timer-view"

    def show_step(self) -> None:
        guide, index = self.guide, self.place[1]
        step = guide.steps[index]
        self.query_one("#heading", Static).update(Text(guide.title))
        self.query_one("#step-count", Static).update(Text(f"Step {index + 1} of {len(guide.steps)}"))
        self.query_one("#step-title", Static).update(Text(fill_number(step.title, self.number)))
        body = Text()
        for line in fill_number(step.text, self.number).splitlines():
            if line.strip():
                body.append(("\n\n" if body else "") + line.strip())  # spaced: easy to follow
        self.query_one("#step-text", Static).update(body)
        for show in BUTTONS:
            self.query_one(f"#show-{show}").display = show in step.show
        self.query_one("#step-buttons").display = any(s in BUTTONS for s in step.show)
        doses = self.query_one("#step-doses", Static)
        doses.display = "doses" in step.show and bool(self.kiosk.visit.doses)
        doses.update(self.doses_text())
        self.query_one("#step-source", Static).update(Text(f"Source: {step.source}"))
        self.query_one("#nav-next").display = self.can_go_next()
        self.update_status()
        self.query_one("#step-scroll").scroll_home(animate=False)
        self.refresh_bindings()

    def can_go_next(self) -> bool:
        return self.place[1] + 1 < len(self.guide.steps) or bool(self.history)

    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if action == "next":
            return True if (self.showing_timer or self.can_go_next()) else None
        if action == "show_timer":
            return True if (self.dose_started is not None and not self.showing_timer) else None
        if action == "back":
            return True
        return True

    def action_next(self) -> None:
        if self.showing_timer:
            self.show_steps_view()
            return
        guide_id, index = self.place
        if index + 1 < len(self.guide.steps):
            self.place = (guide_id, index + 1)
        elif self.history:  # the end of a device guide: on to the step after "Give naloxone"
            back_id, back_index = self.history.pop()
            self.place = (back_id, min(back_index + 1, len(self.kiosk.emergency.guide(back_id).steps) - 1))
        else:
            return
        self.show_step()

    def action_back(self) -> None:
        if self.showing_timer:
            self.show_steps_view()
            return
        guide_id, index = self.place
        if index > 0:
            self.place = (guide_id, index - 1)
        elif self.history:
            self.place = self.history.pop()
        else:
            super().action_back()
            return
        self.show_step()

    def action_open_guide(self, guide_id: str) -> None:
        self.go_to_guide(guide_id)

    def go_to_guide(self, guide_id: str) -> None:
        """Open a device guide; its end (or Back from its first step) returns here."""
        if self.showing_timer:
            self.show_steps_view()
        if self.place[0] == guide_id:
            self.place = (guide_id, 0)
        else:
            self.history.append(self.place)
            self.place = (guide_id, 0)
        self.show_step()

    # ---- the dose timer ----------------------------------------------------------------
    def action_dose(self) -> None:
        app = self.kiosk
        app.visit.doses.append(app.wall_clock())
        app.visit.hold_idle = True  # the idle reset must not end the visit while this runs
        self.dose_started = app.clock()
        if self.place[0] in ("spray", "injection"):
            self.dose_kind = self.place[0]
        self.responded = False
        self.show_timer_view()

    def action_show_timer(self) -> None:
        if self.dose_started is not None:
            self.show_timer_view()

    def action_awake(self) -> None:
        """They respond: no more re-dose prompt; the 'when they wake' step (the timer keeps counting)."""
        if self.dose_started is None:
            return
        self.responded = True
        self.history.clear()
        steps = self.kiosk.emergency.guide("overdose").steps
        wake = next((i for i, s in enumerate(steps) if "doses" in s.show), len(steps) - 1)
        self.place = ("overdose", wake)
        self.show_steps_view()

    def show_timer_view(self) -> None:
        timer = self.kiosk.emergency.timer
        self.query_one(ContentSwitcher).current = "timer-view"
        self.query_one("#heading", Static).update(Text(timer.title))
        self.query_one("#timer-label", Static).update(Text("Time since\nthe last dose:"))
        self.query_one("#timer-wait", Static).update(Text(timer.wait.get(self.dose_kind, timer.wait["any"])))
        self.query_one("#timer-redose", Static).update(Text(timer.redose.get(self.dose_kind, timer.redose["any"])))
        self.query_one("#timer-awake").display = not self.responded
        self.update_timer()
        self.start_ticker()
        self.refresh_bindings()

    def show_steps_view(self) -> None:
        self.stop_ticker()
        self.query_one(ContentSwitcher).current = "step-view"
        self.show_step()

    def start_ticker(self) -> None:
        if self.ticker is None:
            self.ticker = self.set_interval(1.0, self.update_timer)
        else:
            self.ticker.resume()

    def stop_ticker(self) -> None:
        if self.ticker is not None:
            self.ticker.pause()

    def elapsed(self) -> float:
        return 0.0 if self.dose_started is None else max(0.0, self.kiosk.clock() - self.dose_started)

    @property
    def redose_due(self) -> bool:
        timer = self.kiosk.emergency.timer
        return self.dose_started is not None and not self.responded and self.elapsed() >= timer.redose_after

    def update_timer(self) -> None:
        seconds = int(self.elapsed())
        hours, rest = divmod(seconds, 3600)
        shown = f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
        self.query_one("#timer-digits", Digits).update(shown)
        due = self.redose_due
        self.query_one("#timer-redose").display = due
        self.query_one("#timer-wait").display = not due
        self.query_one("#timer-doses", Static).update(self.doses_text())

    def doses_text(self) -> Text:
        doses = self.kiosk.visit.doses
        text = Text.assemble((self.kiosk.emergency.timer.crew + " ", "bold"))
        text.append(", ".join(clock_time(d) for d in doses) if doses else "-")
        return text

    def update_status(self) -> None:
        """One quiet line on the step view while a timer runs: no ticking here."""
        status = self.query_one("#timer-status", Button)
        status.display = self.dose_started is not None
        if self.dose_started is not None and self.kiosk.visit.doses:
            status.label = Text(f"t  Naloxone given at {clock_time(self.kiosk.visit.doses[-1])}: show the timer")

    # The timer only ticks while this screen is the one on show.
    def on_screen_suspend(self) -> None:
        self.stop_ticker()

    def on_screen_resume(self) -> None:
        if self.dose_started is not None and self.showing_timer:
            self.update_timer()
            self.start_ticker()

    def on_unmount(self) -> None:
        if self.dose_started is not None:
            self.kiosk.visit.hold_idle = False
