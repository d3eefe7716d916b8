"""Emergency: the number to call, the signs of an overdose, the steps in order, two ways on.

Fits 80x24 with no scrolling. Opened by `e` (Ctrl+E in a text field), a click on the bar, or an
extra key from the deployment config; it must open fast, so it builds from plain Statics.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List, Tuple

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Static

from kiosk.data.emergency import NO_NUMBER, Emergency, fill_number
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.speaking import SpeakingScreen, voice_button
from kiosk.ui.widgets.alert import alert_static, current_alert_text
from kiosk.ui.widgets.bignumber import BigNumber
from kiosk.ui.widgets.fitrow import FitRow
from kiosk.ui.widgets.numbers import NumberTable


def labelled(line: str) -> Text:
    """'Check: shout...' -> bold 'Check:' + ' shout...'."""
    text = Text()
    label, sep, rest = line.partition(": ")
    if sep:
        text.append(label + ":", style="bold")
        text.append(" " + rest)
    else:
        text.append(line)
    return text


def bulleted(heading: str, items: Iterable[str]) -> Group:
    """A list under its heading, a long item wrapping under its own text (not under its bullet):
    at 40 columns each sign still reads as one item."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row(Text(" •"), Text(item))
    return Group(Text(heading, style="bold"), grid)


def numbered_steps(heading: str, steps: Iterable[str], number: str, no_number: str = NO_NUMBER) -> Group:
    """The steps in order, a long one wrapping under its own text (not under its number);
    `no_number` stands for the number where none is set, in the visitor's language."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for n, step in enumerate(steps, start=1):
        grid.add_row(Text(f"{n}."), labelled(fill_number(step, number, no_number)))
    return Group(Text(heading, style="bold"), grid)


def number_entries(em: Emergency) -> List[Tuple[str, str]]:
    return em.table()


class EmergencyScreen(SpeakingScreen):
    language = "en"  # the language it was built in (the app builds one ahead; a switch discards it)
    AUTO_FOCUS = "#guide-button"  # Enter starts the guide; set each time the screen is shown
    CSS = tcss(__name__, "emergency.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("emergency")

    def compose_body(self) -> Iterable[Widget]:
        em = self.kiosk.store.emergency
        self.heading = em.title
        config = self.kiosk.config
        ui = self.kiosk.ui
        number = self.kiosk.number_to_call()
        # Where to get naloxone here sits beside (or under) the number: seen at once, no extra rows.
        where = None
        if config.naloxone_where:
            where = Static(Text.assemble((em.where_label + " ", "bold"), " ".join(config.naloxone_where.split())),
                           id="naloxone-where-first")
        with VerticalScroll(id="emergency-body"):
            if number:
                with Horizontal(id="call-row"):
                    # The number in plain characters first, the big drawing beside it: a screen
                    # reader says "Call now 999", never the box-drawing strokes.
                    yield Static(Text(f"{em.call_now} {number}"), id="call-label")
                    if self.glyphs.big_digits:
                        yield BigNumber(number, id="call-digits")
                    if where:
                        yield where
            else:
                yield Static(Text(em.call_local), id="call-local")
                yield NumberTable(number_entries(em), id="numbers")
                if where:
                    yield where
            alert = alert_static(self.kiosk)  # staff's drug alert: one line, in the blank row under the number
            if alert is not None:
                yield alert
            yield Static(bulleted(em.intro, em.signs), id="signs", classes="after-alert" if alert else "")
            yield Static(Text(em.unsure), id="unsure")
            no_number = ui("emergency.no_number", NO_NUMBER)
            yield Static(numbered_steps(em.steps_heading, em.steps, number, no_number), id="steps")
            with FitRow(id="ways-on"):
                yield Button(Text(ui("emergency.guide_button", "g  Guide me step by step")), id="guide-button",
                             compact=True, action="screen.guide")
                yield Button(Text(ui("emergency.naloxone_button", "n  Naloxone: how to use it")),
                             id="naloxone-button", compact=True, action="screen.naloxone")
                yield voice_button()

    @on(events.ScreenResume)
    def show_practice(self) -> None:
        super().show_practice()
        self.squeeze()

    def refresh_dose(self) -> None:
        super().refresh_dose()
        if self.is_mounted:
            self.squeeze()

    def squeeze(self) -> None:
        self.call_after_refresh(self._squeeze)  # after layout: the rows they take are known then

    def _squeeze(self) -> None:
        """The practice banner, the next-dose prompt and `naloxone_where` under the table take
        rows the seven steps need at 80x24: the gaps above the steps and the signs give theirs
        up (two rows at most; beyond that the body scrolls, the number and signs first)."""
        if not self.is_mounted:
            return
        taken = sum(w.outer_size.height for w in self.query("#practice-banner, #dose-prompt").results()
                    if w.display)
        if not self.kiosk.number_to_call():
            taken += sum(w.outer_size.height for w in self.query("#naloxone-where-first").results())
        for widget in self.query("#steps"):  # not query_one: a language switch may be recomposing it
            widget.set_class(taken >= 1, "tight")
        for widget in self.query("#signs"):
            widget.set_class(taken >= 2, "tight")

    def spoken_text(self) -> str:
        """The content's words for the ear (`say`: the call, the signs, the key), else the number
        to call and the steps as shown."""
        em, number = self.kiosk.store.emergency, self.kiosk.number_to_call()
        no_number = self.kiosk.ui("emergency.no_number", NO_NUMBER)
        if em.say:
            said = fill_number(em.say, number, no_number)
        else:
            first = f"{em.call_now} {number}." if number else em.call_local
            steps = " ".join(f"{n}. {fill_number(step, number, no_number)}" for n, step in enumerate(em.steps, start=1))
            said = f"{first} {em.steps_heading} {steps}"
        alert = current_alert_text(self.kiosk)  # staff's drug alert last: the call and the steps come first
        return f"{said} {self.kiosk.ui('emergency.alert_spoken', 'Local alert: {text}', text=alert)}" if alert else said

    def action_practice(self) -> None:
        """Practice the whole guide (coach and voice too); no dose time is kept. p again ends it."""
        visit = self.kiosk.visit
        if self.kiosk.practice_always:
            return
        if not visit.practice and visit.dose is not None:
            # A real dose timer runs: practice would share (and end) it. It waits until that ends,
            # and the practice line says so (a toast is not shown on the emergency screen built ahead).
            banner = self.query_one("#practice-banner", Static)
            banner.update(Text(self.kiosk.ui("practice.timer_running")))
            banner.display = True
            return
        visit.practice = not visit.practice
        if not visit.practice:
            self.kiosk.dose_flow.end()  # a practice timer never runs on into a real visit
            visit.voice = None
            if not self.kiosk.voice.on:  # the line says "Voice: off": so is the voice, at once
                self.kiosk.voice.stop()
        self.show_practice()
        self.update_voice_line()
        if visit.practice:
            self.speak()

    def action_guide(self) -> None:
        from kiosk.ui.screens.guided import open_guide

        open_guide(self.kiosk, "overdose")

    def action_naloxone(self) -> None:
        from kiosk.ui.screens.naloxone import NaloxoneScreen

        self.app.push_screen(NaloxoneScreen())
