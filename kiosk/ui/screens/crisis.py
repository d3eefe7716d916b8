"""Crisis: for thoughts of suicide or self-harm. The region's crisis line, large, how to reach it,
what to do in danger now, one line of reassurance, and two ways on (Find help, Emergency).

Words from content/crisis.toml; the lines from content/helplines.toml (crisis = true). With no
region, or a region without a crisis line, every country's crisis line is listed instead.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, List

from rich.text import Text
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from kiosk.data.config import Helpline
from kiosk.data.menu import screen_item
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.bignumber import BigNumber
from kiosk.ui.widgets.menu import Menu
from kiosk.ui.widgets.scroll import ReadingScroll

# Digits draws these; anything else in a number (a letter) falls back to plain bold text, as
# does every number on the Linux console (BigNumber: its font lacks some of Digits' glyphs).
_DIGITS_OK = set("0123456789 +-.()")


def ways_to_reach(line: Helpline, call: str, text: str, with_number: bool = True) -> Text:
    """'Call 988 · Text 988' (the call number left out when it is shown large above)."""
    out = Text()
    parts = []
    if with_number:
        parts.append((call, line.number))
    if line.text:
        parts.append((text, line.text))
    for i, (word, number) in enumerate(parts):
        if i:
            out.append("  ·  ")
        out.append(word + " ")
        out.append(number, style="bold")
    return out


class CrisisScreen(KioskScreen):
    CSS = tcss(__name__, "crisis.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("page")  # 1-9 the ways on, PgDn scrolls

    def compose_body(self) -> Iterable[Widget]:
        crisis = self.kiosk.store.crisis
        self.heading = crisis.title
        defaults = self.kiosk.store.default_helplines
        config = self.kiosk.config
        own = defaults.crisis_line_for(config.region)
        with ReadingScroll(id="crisis-body"):
            yield Static(Text(crisis.intro), id="crisis-intro")
            danger = Text(crisis.danger_text(self.emergency_number()), style="bold")
            danger.append("\n")
            danger.append(crisis.overdose, style="not bold")
            if own is not None:
                yield from self.one_line(own[1])
                yield Static(Text(crisis.reassurance), id="crisis-reassurance")
                yield Static(danger, id="crisis-danger")
            else:  # a long list: what to do in danger first, so it is never scrolled away
                yield Static(danger, id="crisis-danger")
                yield Static(Text(crisis.reassurance), id="crisis-reassurance")
                yield from self.all_lines()
            yield Menu([screen_item("find-help", crisis.find_help), screen_item("emergency", crisis.emergency)],
                       id="crisis-menu")

    def one_line(self, line: Helpline) -> Iterable[Widget]:
        crisis = self.kiosk.store.crisis
        yield Static(Text(line.name, style="bold"), id="crisis-name")
        large = set(line.number) <= _DIGITS_OK
        with Horizontal(id="crisis-call"):
            if large and self.glyphs.big_digits:  # the number in characters too, for screen readers
                yield Static(Text(f"{crisis.call} {line.number}"), id="crisis-call-label")
                yield BigNumber(line.number, id="crisis-digits")
            else:
                yield Static(Text(crisis.call), id="crisis-call-label")
                yield Static(Text(line.number, style="bold"), id="crisis-number")
        details = ways_to_reach(line, crisis.call, crisis.text, with_number=False)
        for extra in (line.hours, line.offers):
            if extra:
                if details:
                    details.append("\n")
                details.append(extra)
        if details:
            yield Static(details, id="crisis-details")

    def all_lines(self) -> Iterable[Widget]:
        crisis = self.kiosk.store.crisis
        yield Static(Text(crisis.all_lines, style="bold"), id="crisis-all-heading")
        for i, (country, line) in enumerate(self.kiosk.store.default_helplines.crisis_lines()):
            text = Text.assemble((country, "bold underline"), ": ", (line.name, "bold"), "\n  ")
            text.append_text(ways_to_reach(line, crisis.call, crisis.text))
            if line.hours:
                text.append(f"  ·  {line.hours}")
            yield Static(text, classes="crisis-line", id=f"crisis-line-{i}")

    def emergency_number(self) -> str:
        return self.kiosk.number_to_call()

    def on_mount(self) -> None:
        self.query_one("#crisis-body").focus()

    def action_scroll(self, how: str) -> None:
        getattr(self.query_one("#crisis-body"), f"action_{how}")()

    def action_pick(self, number: int) -> None:
        self.query_one("#crisis-menu", Menu).pick(number)

    def on_option_list_option_selected(self, event: Menu.OptionSelected) -> None:
        event.stop()
        self.kiosk.open(event.option.id or "")
