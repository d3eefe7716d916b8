"""The CPR coach (issue 17): a beat at 110 a minute to push with, seen and (with the voice on)
heard as a spoken count; 30 then 2 breaths, or pushes only; the naloxone dose on the visit's one
dose clock (kiosk/ui/dose_flow.py rings it, here as everywhere).

With the voice on, the beat waits for the opening words (where to put the hands, how deep, how to
give breaths) so no count is lost under them; Enter or Space starts it at once (issue 25). Every
count is a short clip heard whole within its beat; "2 breaths" fits the pause; a count never
cuts off a step or the alarm (the speech queue, kiosk/data/speech.py).

Opened with `c` from the guide once the call step has been shown (never before the call).
One timer, re-armed for each beat from the coach's own schedule (kiosk/data/coach.py), so the
rhythm never drifts; it dies with the screen (Back, Home, quick exit, idle reset).
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List, Optional

from rich.text import Text
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Static

from kiosk.data.coach import BREATH_BEATS, PUSHES, Beat, Coach, CoachText
from kiosk.data.dose import minutes, spoken_minutes
from kiosk.data.dose_key import CONFIRM, IGNORE
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.speaking import SpeakingScreen, voice_button
from kiosk.ui.widgets.bignumber import BigNumber
from kiosk.ui.widgets.dose_confirm import DoseConfirm
from kiosk.ui.widgets.fitrow import FitRow
from kiosk.ui.widgets.keybutton import button

# The beat: full blocks, then light shade (no colour needed; both are in the Linux console font).
MARK_ON = "\n".join(["████████"] * 3)
MARK_OFF = "\n".join(["░░░░░░░░"] * 3)
OPENING_POLL = 0.1  # seconds: how often the waiting beat looks whether the opening words ended
OPENING_MAX = 45.0  # seconds: the beat never waits longer than this for them, whatever the engine says


class CoachScreen(SpeakingScreen):
    CSS = tcss(__name__, "coach.tcss")
    source = "coach.toml"
    BINDINGS: ClassVar[List[BindingType]] = bindings("coach")

    def __init__(self) -> None:
        super().__init__()
        self.coach: Optional[Coach] = None
        self.beat: Optional[Beat] = None
        self.timer: Optional[Timer] = None
        self.flash = False  # the marker alternates on every beat: 110/min = 1.83 changes a second
        self.reminders = 0  # 2-minute naloxone reminders given (for tests and the report)
        self.confirm_dose = False  # "Another dose already?" asked, waiting for y / n
        self.opened = 0.0  # app-clock time the coach opened (the beat waits for the opening words)

    @property
    def text(self) -> CoachText:
        return self.kiosk.store.coach

    def compose_body(self) -> Iterable[Widget]:
        self.heading = self.text.title
        # The beat above the scroll and the keys below it: PgDn never scrolls the beat away, and
        # at 40x20 h and d are on screen with it (issue 26).
        with Horizontal(id="beat-row"):
            yield Static(Text(MARK_OFF), id="beat-mark")
            yield BigNumber("", id="beat-count")
            yield Static(id="beat-prompt")
        with VerticalScroll(id="coach-body"):
            yield Static(id="coach-breaths-how")
            if self.kiosk.practicing:
                yield Static(Text(self.text.practice), id="coach-practice")
            yield Static(Text(self.text.hands), id="coach-hands")
            yield Static(Text(self.text.depth), id="coach-depth")
            yield Static(Text(self.text.stop_when), id="coach-stop")
            yield Static(id="coach-dose")
            yield Static(Text(self.kiosk.ui("guided.source", source=self.text.source)), classes="sources")
        yield DoseConfirm("coach-dose")
        with FitRow(id="coach-buttons"):  # side by side where they fit, else one a line
            yield button("h", "", "screen.hands_only", id="coach-hands-only")
            yield button("d", self.kiosk.ui("guided.dose"), "screen.dose", id="coach-give")
            yield voice_button()
            yield button("backspace", self.text.back, "screen.back", id="coach-back", glyph_set=self.glyphs)

    def on_mount(self) -> None:
        title, number = self.text.title, self.kiosk.number_to_call()
        if number:  # the number to call on every emergency screen, at every size (issue 26)
            title += "  ·  " + self.kiosk.ui("findhelp.call", number=number)
        self.query_one("#heading", Static).update(Text(title))
        self.visit = self.kiosk.visit  # the visit this coach belongs to (quick exit makes a new one)
        self.visit.coaching = True
        self.opened = self.kiosk.clock()
        self.show_mode()
        self.query_one("#coach-breaths-how").display = False
        self.prepare_counts()
        self.query_one("#beat-prompt", Static).update(Text(self.kiosk.ui("coach.wait"), style="bold"))
        self.call_after_refresh(self.wait_for_opening)

    def prepare_counts(self) -> None:
        """The counts' clips, made while the opening words play (or when `v` turns the voice on)."""
        self.kiosk.voice.prepare([str(n) for n in range(1, PUSHES + 1)] + [self.text.keep_pushing], self.source)

    def action_voice(self) -> None:
        super().action_voice()
        self.prepare_counts()

    def wait_for_opening(self) -> None:
        """The beat starts when the opening words end (at once with the voice off)."""
        self.timer = None
        if self.coach is not None or not self.is_mounted:
            return
        voice = self.kiosk.voice
        if voice.on and voice.engine.speaking and self.kiosk.clock() - self.opened < OPENING_MAX:
            self.timer = self.set_timer(OPENING_POLL, self.wait_for_opening)
            return
        self.start_beat()

    def start_beat(self) -> None:
        self.stop_beat()
        self.coach = Coach(self.kiosk.clock(), hands_only=self.kiosk.visit.hands_only)
        self.tick()

    def action_start_now(self) -> None:
        """Enter / Space while the opening words play: cut them off, start the beat now."""
        if self.coach is None:
            self.kiosk.voice.stop()
            self.start_beat()

    def on_unmount(self) -> None:
        self.stop_beat()
        if self.coach is not None:
            self.visit.coaching = False

    def stop_beat(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    # ---- the beat ----------------------------------------------------------------------------
    def tick(self) -> None:
        """Show (and say) the newest beat, then sleep until the next one is due."""
        self.timer = None
        coach = self.coach
        if coach is None or not self.is_mounted:
            return
        beat = coach.due(self.kiosk.clock())
        if beat is not None:
            self.show_beat(beat)
        self.timer = self.set_timer(max(0.005, coach.next_time() - self.kiosk.clock()), self.tick)

    def show_beat(self, beat: Beat) -> None:
        self.beat = beat
        self.flash = not self.flash
        self.query_one("#beat-mark", Static).update(Text(MARK_ON if self.flash else MARK_OFF))
        self.query_one("#beat-count", BigNumber).update(str(beat.count) if beat.count else "")
        words = self.text
        if beat.breathing:
            prompt = words.breaths
        elif beat.prompt == "keep_pushing" or (self.coach and self.coach.hands_only and beat.count <= 3
                                                and beat.number > 30):
            prompt = words.keep_pushing
        else:
            prompt = words.push
        self.query_one("#beat-prompt", Static).update(Text(prompt, style="bold"))
        self.query_one("#coach-breaths-how").display = beat.breathing
        self.show_dose()
        if beat.remind and self.kiosk.visit.dose is None:  # with a dose given, the dose clock rings
            self.reminders += 1
            self.app.bell()
            self.speak_now(self.dose_text())
        elif beat.prompt == "breaths":  # short, to fit the pause; the how-to is on screen and in the opening
            assert self.coach is not None
            self.speak_now(words.breaths, until=self.coach.time_of(beat.number + BREATH_BEATS))
        elif beat.prompt == "keep_pushing":
            self.count_now(words.keep_pushing)  # in the place of "30": a count, heard within its beat
        elif beat.count:
            self.count_now(str(beat.count))

    def speak_now(self, text: str, until: Optional[float] = None) -> None:
        if self.app.screen is self:
            self.kiosk.voice.say(text, source=self.source, until=until)

    def count_now(self, text: str) -> None:
        if self.app.screen is self:
            self.kiosk.voice.count(text, self.source)

    # ---- naloxone every 2 minutes -----------------------------------------------------------
    def dose_text(self) -> str:
        dose, now, words = self.kiosk.visit.dose, self.kiosk.clock(), self.text
        if dose is None:
            return words.dose_none
        if dose.due(now):
            return words.dose_now
        return words.dose_next.replace("{time}", minutes(dose.remaining(now)))

    def show_dose(self) -> None:
        self.query_one("#coach-dose", Static).update(Text(self.dose_text(), style="bold"))

    def refresh_dose(self) -> None:
        super().refresh_dose()
        if self.is_mounted:
            self.show_dose()

    def action_dose(self) -> None:
        """Through the dose key's rule, as in the guide (issue 16): a held `d` is one dose, and
        within 30 s of the last dose the coach asks "Another dose already?" before recording it."""
        outcome = self.kiosk.dose_flow.press("any")
        if outcome == IGNORE:
            return
        if outcome == CONFIRM:
            self.ask_dose()
            return
        self.show_dose()

    def ask_dose(self) -> None:
        dose = self.kiosk.visit.dose
        elapsed = dose.elapsed(self.kiosk.clock()) if dose else 0
        self.confirm_dose = True
        self.query_one(DoseConfirm).ask(elapsed)
        self.query_one("#coach-buttons").display = False
        self.refresh_bindings()
        # hands-free: the bystander hears why nothing was recorded ("25 seconds", not "zero twenty-five")
        self.speak_now(self.kiosk.ui("guided.dose_question", time=spoken_minutes(elapsed, self.kiosk.ui)))

    def action_confirm_dose(self, yes: bool) -> None:
        if not self.confirm_dose:
            return
        self.confirm_dose = False
        self.query_one(DoseConfirm).display = False
        self.query_one("#coach-buttons").display = True
        if yes:
            self.kiosk.dose_flow.give("any")
        self.show_dose()
        self.refresh_bindings()

    def action_back(self) -> None:
        if self.confirm_dose:  # Back answers no, as in the guide
            self.action_confirm_dose(False)
            return
        super().action_back()

    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if action == "confirm_dose":
            return self.confirm_dose
        if action == "dose":
            return not self.confirm_dose
        return super().check_action(action, parameters)

    # ---- pushes only / 30 and 2 ----------------------------------------------------------------
    def action_hands_only(self) -> None:
        visit = self.kiosk.visit
        visit.hands_only = not visit.hands_only
        if self.coach is not None:
            self.coach.set_hands_only(visit.hands_only)
        self.show_mode()

    def show_mode(self) -> None:
        hands_only = self.kiosk.visit.hands_only
        label = self.text.with_breaths if hands_only else self.text.hands_only
        button = self.query_one("#coach-hands-only", Button)
        button.label = Text(label)
        button.refresh(layout=True)  # its width for the new label (else it kept the old: "h  Con" at 40)
        row = self.query_one("#coach-buttons", FitRow)
        row.call_after_refresh(row.refit)  # the other label may be longer: side by side or stacked again
        self.query_one("#coach-breaths-how", Static).update(Text(self.text.breaths_how))

    def spoken_text(self) -> str:
        """The opening (and `r`): where to put the hands, how deep, and how to give the breaths
        (only "2 breaths" is said in the pause itself)."""
        words = self.text
        breaths = "" if self.kiosk.visit.hands_only else f" {words.breaths_how}"
        return f"{words.hands} {words.depth}{breaths}"
