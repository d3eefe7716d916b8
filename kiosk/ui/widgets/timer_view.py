"""The naloxone re-dose timer's own view (in the step-by-step guide, `t`): time since the last dose
in big digits, the countdown to the next, what to do meanwhile, the dose times for the crew, and
its keys, or, while the screen asks, "Stop the timer?" / "Another dose already?" in their place.

It holds no state: the dose clock is `app.visit.dose` (kiosk/ui/dose_flow.py keeps it) and the
screen says what it is asking; `show()` draws it all again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from rich.text import Text
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Digits, Static

from kiosk.data.dose import DoseTimer, minutes
from kiosk.data.emergency import TimerText
from kiosk.data.hours import clock_time
from kiosk.data.keys import local_key
from kiosk.ui.glyphs import UNICODE, GlyphSet
from kiosk.ui.widgets.bignumber import BigNumber
from kiosk.ui.widgets.dose_confirm import DoseConfirm
from kiosk.ui.widgets.fitrow import FitRow
from kiosk.ui.widgets.keybutton import button

if TYPE_CHECKING:
    from datetime import datetime

    from kiosk.ui.app import KioskApp


def doses_text(timer: TimerText, doses: Sequence["datetime"]) -> Text:
    """"Tell the ambulance crew. Naloxone given at: 14:02, 14:05" (a dash before the first dose)."""
    text = Text.assemble((timer.crew + " ", "bold"))
    text.append(", ".join(clock_time(d) for d in doses) if doses else "-")
    return text


class TimerView(Vertical):
    def __init__(self, glyph_set: GlyphSet = UNICODE) -> None:
        super().__init__(id="timer-view")
        self.glyph_set = glyph_set  # how Backspace is named on this terminal

    @property
    def kiosk(self) -> "KioskApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> Iterable[Widget]:
        ui = self.kiosk.ui
        with Horizontal(id="timer-row"):
            yield Static(id="timer-label")
            yield BigNumber("0:00", id="timer-digits")
        with VerticalScroll(id="timer-scroll"):
            yield Static(id="timer-next")
            yield Static(id="timer-wait")
            yield Static(id="timer-redose")
            yield Static(id="timer-doses", classes="doses")
        with FitRow(id="timer-buttons"):
            yield button("d", ui("guided.another_dose"), "screen.dose", id="timer-dose")
            yield button("w", ui("guided.waking"), "screen.awake", id="timer-awake")
            yield button("backspace", ui("guided.back_to_steps"), "screen.back", id="timer-back",
                         glyph_set=self.glyph_set)
            yield button("x", ui("guided.stop_timer"), "screen.stop_timer", id="timer-stop")
        with FitRow(id="timer-confirm"):
            yield Static(Text(ui("guided.stop_question"), style="bold"), id="confirm-question")
            yes = local_key(self.kiosk.language, "confirm_stop(True)", "y")  # "s" for "Sí" in Spanish
            yield button(yes, ui("guided.stop_yes"), "screen.confirm_stop(True)", id="confirm-yes")
            yield button("n", ui("guided.stop_no"), "screen.confirm_stop(False)", id="confirm-no")
        yield DoseConfirm("dose")

    def show_label(self) -> None:
        # " | " in the text is where the label breaks beside the big digits.
        self.query_one("#timer-label", Static).update(Text(self.kiosk.ui("guided.time_since").replace(" | ", "\n")))

    def show(self, timer: TimerText, dose: Optional[DoseTimer], now: float, doses: Sequence["datetime"],
             confirm_stop: bool, confirm_dose: bool) -> None:
        """The time since the last dose, the countdown, what to do meanwhile; the keys, or the
        question the screen is asking (`confirm_stop`, `confirm_dose`) while a dose timer runs."""
        running = dose is not None
        kind = dose.kind if dose else "any"
        self.query_one("#timer-digits", Digits).update(minutes(dose.elapsed(now)) if dose else "0:00")
        due = dose is not None and dose.due(now)
        next_dose = self.query_one("#timer-next", Static)
        ui = self.kiosk.ui
        if dose is None:
            next_dose.update(Text(ui("guided.timer_stopped"), style="bold"))
        elif due:
            next_dose.update(Text(ui("guided.next_dose_now"), style="bold"))
        else:
            next_dose.update(Text(ui("guided.next_dose_in", time=minutes(dose.remaining(now))), style="bold"))
        self.query_one("#timer-wait", Static).update(Text(timer.wait.get(kind, timer.wait["any"])))
        self.query_one("#timer-redose", Static).update(Text(timer.redose.get(kind, timer.redose["any"])))
        self.query_one("#timer-redose").display = due
        self.query_one("#timer-wait").display = running and not due
        self.query_one("#timer-doses", Static).update(doses_text(timer, doses))
        confirm = confirm_stop and running
        asking = confirm_dose and dose is not None
        self.query_one("#timer-buttons").display = running and not confirm and not asking
        self.query_one("#timer-confirm").display = confirm
        confirm_view = self.query_one(DoseConfirm)
        if dose is not None and asking:
            confirm_view.ask(dose.elapsed(now))
        else:
            confirm_view.display = False
