"""The spoken emergency guide, owned by the app (issue 17): which screens speak, when, and silence.

Only the emergency screens speak (a voice in a waiting room names the topic to everyone): each
says its text when it appears, `v` turns the voice on and off, `r` repeats. Whether it starts by
itself is the deployment's choice (config `speech`); a visitor's `v` holds for the visit. Any
other screen silences it on arrival, and quick exit / idle reset silence it before anything else.

Everything goes through the engine's one queue (kiosk/data/speech.py, issue 25): the alarm is
never cut off by a step or a count, a step never by a count. While something waits its turn a
timer here pumps the queue (20 times a second); with nothing waiting it is stopped: no CPU idle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from textual.timer import Timer

from kiosk.data.speech import COUNT, STEP, UNITS, SpeechEngine, say_units

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp

PUMP_EVERY = 0.05  # seconds: the gap between an alarm's end and the step waiting behind it


class Voice:
    def __init__(self, app: "KioskApp", engine: SpeechEngine) -> None:
        self.app = app
        self.engine = engine
        engine.clock = app.clock  # an utterance's `until` is on the app's clock
        self.pumper: Optional[Timer] = None

    @property
    def allowed(self) -> bool:
        return self.app.config.speech != "off"

    @property
    def works(self) -> bool:
        return self.engine.works

    @property
    def on(self) -> bool:
        """The visitor's choice this visit, else the deployment's (`speech = "emergency"`)."""
        if not self.allowed:
            return False
        chosen = self.app.visit.voice
        if chosen is not None:
            return chosen
        # "everything": the talking kiosk (kiosk/ui/narrator.py) speaks the emergency guide by itself too
        return self.app.config.speech in ("emergency", "everything") or self.app.practicing  # practice: with voice

    def toggle(self, text: str, source: str = "emergency.toml") -> None:
        self.app.visit.voice = not self.on
        if self.on:
            self.say(text, source=source)
        else:
            self.stop()

    def language_of(self, content_file: str) -> str:
        """The voice for a file's words: a translation shown in English is read in English
        (a Spanish voice reading English would be hard to follow)."""
        return "en" if self.app.pack.is_fallback(content_file) else self.app.language

    def say(self, text: str, level: int = 0, force: bool = False, remember: bool = True,
            source: str = "emergency.toml", priority: int = STEP, until: Optional[float] = None,
            language: Optional[str] = None) -> None:
        """Speak `text` if the voice is on, through the queue (`priority`: ALARM, STEP or COUNT;
        `until`: app-clock time after which it is not worth saying any more); `r` repeats the
        last text remembered (not the CPR coach's counts). `source`: the content file the words
        come from, for the voice's language (or `language` itself)."""
        if not text:
            return
        if remember:
            self.app.visit.spoken = text
            self.app.visit.spoken_source = source
        if (self.on or force) and self.allowed and self.works:
            language = language or self.language_of(source)
            self.engine.say(say_units(text, self.unit_words(language)), language, level=level, priority=priority,
                            until=until)
            self._keep_pumping()

    def unit_words(self, language: str) -> dict:
        """"cm" -> "centimeters" in the voice's language (English words for English fallback text)."""
        ui = self.app.ui
        if language == self.app.language:
            return {unit: ui(f"spoken.{unit}", "") for unit in UNITS}
        return {unit: ui.english.get(f"spoken.{unit}", "") for unit in UNITS}

    def count(self, text: str, source: str) -> None:
        """One beat's count: now or never (dropped while anything else is being said)."""
        self.say(text, remember=False, source=source, priority=COUNT)

    def prepare(self, texts: list, source: str) -> None:
        """Have the counts' short clips made now, before the beat needs them."""
        if self.on and self.allowed and self.works:
            self.engine.prepare(texts, self.language_of(source))

    def _keep_pumping(self) -> None:
        if self.engine.waiting and self.pumper is None:
            self.pumper = self.app.set_interval(PUMP_EVERY, self._pump)

    def _pump(self) -> None:
        if not self.engine.pump() and self.pumper is not None:
            self.pumper.stop()
            self.pumper = None

    def repeat(self) -> None:
        if self.app.visit.spoken:
            self.say(self.app.visit.spoken, force=True, source=self.app.visit.spoken_source)

    def stop(self) -> None:
        self.engine.stop()
        if self.pumper is not None:
            self.pumper.stop()
            self.pumper = None

    def status_key(self) -> Optional[str]:
        """The ui.toml key of the one line shown where `v` is offered."""
        if not self.allowed:
            return None
        if not self.works:
            return "voice.no_sound"
        return "voice.on" if self.on else "voice.off"
