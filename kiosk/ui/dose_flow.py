"""The naloxone dose timer across screens, owned by the app (issue 10: it follows the bystander).

One app interval ticks once a second while a timer runs (and pauses otherwise). Each tick
redraws the dose clock in the top bar and, once the next dose is due, puts the prompt on
whatever screen is open and rings the terminal bell (once per dose). Home and Back never end
the timer; "They are waking up", a confirmed stop, or the end of the visit (quick exit, idle
reset: a fresh Visit has no timer) do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Tuple

from textual.css.query import NoMatches
from textual.timer import Timer

from kiosk.data.dose import DoseTimer, spoken_minutes
from kiosk.data.dose_key import GIVE, DoseKey
from kiosk.data.speech import ALARM
from kiosk.data.ui_text import UiText

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp


ALARM_REPEAT = 30.0  # seconds: an unanswered next-dose prompt rings and speaks again, more noticeable
TOP_LEVEL = 3  # 1 louder, 2 a chime first, 3 a higher chime and voice, and how long since the dose
SCREEN_READER_STEP = 30  # seconds between redraws of the dose clock with `screen_reader = true`


class DoseFlow:
    def __init__(self, app: "KioskApp") -> None:
        self.app = app
        self.ticker: Optional[Timer] = None
        self.bells = 0  # how many next-dose prompts rang the bell (for tests and the report)
        self.alarmed_at: Optional[float] = None  # when the bell last rang for the prompt on screen
        self.level = 0  # how noticeable the last alarm was (kiosk/data/speech.py LEVELS)
        self._shown: Optional[Tuple[int, bool]] = None  # the clock as last drawn (screen-reader mode)

    @property
    def timer(self) -> Optional[DoseTimer]:
        return self.app.visit.dose

    def press(self, kind: str = "any") -> str:
        """The dose key (or its button) was pressed: GIVE (recorded), IGNORE (a held key's repeat)
        or CONFIRM (within 30 s of the last dose: the screen asks first, then calls give())."""
        visit = self.app.visit
        outcome = visit.dose_key.press(self.app.clock(), visit.dose.last_dose if visit.dose else None)
        if outcome == GIVE:
            self.give(kind)
        return outcome

    def give(self, kind: str = "any") -> None:
        """A dose was given: note its clock time, (re)start the countdown to the next one."""
        app, visit = self.app, self.app.visit
        self.alarmed_at = None
        self.level = 0
        if not app.practicing:  # practice: the timer runs, but no dose time is kept
            visit.doses.append(app.wall_clock())
        now = app.clock()
        if visit.dose is None:
            texts = app.store.emergency.dose_timer
            visit.dose = DoseTimer(texts.redose_after, now, kind)
        else:
            visit.dose.dose_given(now, kind)
        visit.hold_idle = True  # the idle reset must not end the visit while this runs
        if self.ticker is None:
            self.ticker = app.set_interval(1.0, self.tick)
        else:
            self.ticker.resume()
        self.redraw()

    def end(self) -> None:
        """They are waking up, or a confirmed stop: no more prompts; the dose times stay."""
        self.app.visit.dose = None
        self.app.visit.hold_idle = False
        self.alarmed_at = None
        self.level = 0
        self.app.visit.dose_key = DoseKey()  # keys came between: the next `d` is a new first press
        self.redraw()

    def tick(self) -> None:
        dose = self.timer
        if dose is None:  # ended, or the visit is gone (quick exit, idle reset)
            if self.ticker is not None:
                self.ticker.pause()
            self.redraw()
            return
        now = self.app.clock()
        if dose.due(now) and not dose.prompted:
            dose.prompted = True
            self.alarm(now, level=0)  # the prompt reaches whatever screen is open, with the bell
        elif dose.prompted and self.alarmed_at is not None and now - self.alarmed_at >= ALARM_REPEAT:
            self.alarm(now, level=min(self.level + 1, TOP_LEVEL))  # unanswered: again, more noticeable
        elif self.app.config.screen_reader and self._shown == self.shown_state(dose, now):
            return  # a screen reader would read every changed second aloud: redraw each 30 s
        self._shown = self.shown_state(dose, now)
        self.redraw()

    @staticmethod
    def shown_state(dose: DoseTimer, now: float) -> Tuple[int, bool]:
        """What a screen-reader user's clock shows: the half-minute since the dose, and due or not."""
        return int(dose.elapsed(now) // SCREEN_READER_STEP), dose.due(now)

    def alarm(self, now: float, level: int) -> None:
        """The bell, and with the voice on the spoken prompt: each repeat more noticeable (louder,
        then a chime before it, then a higher chime and voice saying how long since the dose)."""
        self.alarmed_at = now
        self.level = level
        self.bells += 1
        self.app.bell()
        voice = self.app.voice
        ui = self.app.ui if voice.language_of("emergency.toml") == self.app.language \
            else UiText(self.app.ui.english)  # one language in one sentence
        words = f"{ui('alarm.check', '')} {self.prompt_text()}"
        if level >= TOP_LEVEL and self.timer is not None:
            words = f"{ui('alarm.since', '', time=spoken_minutes(self.timer.elapsed(now), ui))} {words}"
        # ALARM: nothing else said (a step, the coach's count) cuts it off; it waits, or is dropped
        voice.say(words.strip(), level=level, force=voice.on, priority=ALARM)

    def redraw(self) -> None:
        from kiosk.ui.screens.base import KioskScreen

        screen = self.app.current_screen()
        # Under load a screen can be mounted before its children (the top bar, or the bar's clock):
        # draw nothing then; the next tick, or the screen's own redraw when shown, draws it.
        if isinstance(screen, KioskScreen) and screen.is_mounted:
            try:
                screen.refresh_dose()
            except NoMatches:
                pass

    def prompt_text(self) -> str:
        dose = self.timer
        texts = self.app.store.emergency.dose_timer.redose
        return texts.get(dose.kind, texts["any"]) if dose else ""
