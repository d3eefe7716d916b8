"""Walking every screen once per configuration, with every checker on each screen (issue 30: the
walks were repeated per check). Used by the console-font, narrow-screen, Spanish and screen-reader
tests; each checker returns "" or what is wrong on the screen in front of it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Callable, List, Sequence

from support import FakeClock, screen_lines, settle
from textual.widgets import Input, OptionList, TextArea

from kiosk.data.config import Config, load_config
from kiosk.ui import glyphs
from kiosk.ui.screens.coach import CoachScreen
from kiosk.ui.screens.crisis import CrisisScreen
from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.widgets.keyhints import KeyHints
from kiosk.ui.widgets.tick import Tick

ROOT = Path(__file__).resolve().parents[1]
FONT = glyphs.console_code_points()
EXAMPLE = ROOT / "kiosk" / "deploy" / "example-config.toml"


def missing(app) -> str:
    """Characters on screen that the console font cannot draw."""
    return "".join(sorted({c for line in screen_lines(app) for c in line if ord(c) not in FONT}))


def boxes_cut(app) -> str:
    """A dialog box wider than the screen loses its right border (and words)."""
    for box in app.screen.query("#idle-box, #admin-box"):
        if box.region.right > app.size.width:
            return f"{box.id} is {box.region.width} wide on a {app.size.width}-column screen"
    return ""


def console_config(**fields) -> Config:
    config, errors = load_config(EXAMPLE)  # local services, helplines, legal note: the most to draw
    assert errors == []
    fields.setdefault("address", "12 High Street, side entrance")  # the call step shows it large
    return dataclasses.replace(config, glyphs="console", **fields)


class Walk:
    """Visit screens one by one; remember any where a checker finds a problem (a string): each
    screen is visited once and every checker looks at it (issue 30: one walk per configuration)."""

    def __init__(self, app, pilot, checkers: Sequence[Callable] = (missing,)) -> None:
        self.app, self.pilot, self.checkers = app, pilot, tuple(checkers)
        self.bad: dict = {}
        self.seen: List[str] = []

    def checker(self, app) -> str:
        return "; ".join(f"{c.__name__}: {p}" for c in self.checkers for p in [c(app)] if p)

    async def check(self, name: str, patience: float = 5.0) -> None:
        """Settle, then give the screen up to `patience` seconds to be right: the footer recomposes
        and the cursor follows the focus after a refresh, later than that on a loaded machine."""
        import asyncio

        await settle(self.pilot)
        self.seen.append(name)
        deadline = asyncio.get_running_loop().time() + patience
        problem = self.checker(self.app)
        while problem and asyncio.get_running_loop().time() < deadline:
            await self.pilot.pause(0.02)
            problem = self.checker(self.app)
        if problem:
            self.bad[name] = problem


async def walk_every_screen(app, pilot, clock: FakeClock, checkers: Sequence[Callable] = (missing,)) -> Walk:
    w = Walk(app, pilot, checkers)
    await w.check("home")
    app.open_topic("research")
    await w.check("topic")
    await pilot.press("1")
    await w.check("page")
    app.action_home()
    await pilot.press("slash")
    await pilot.press(*"naloxone")
    await w.check("search with results")
    app.action_home()
    await pilot.press("e")
    await w.check("emergency")
    await pilot.press("g")
    assert isinstance(app.screen, GuidedScreen)
    guided = app.screen
    for guide in ("overdose", "spray", "injection"):
        guided.go_to_guide(guide) if guide != "overdose" else None
        for step in range(len(guided.guide.steps)):
            await w.check(f"guide {guide} step {step + 1}")
            if step + 1 < len(guided.guide.steps):
                guided.action_next()
        while guided.history:
            guided.place = guided.history.pop()
        guided.place = ("overdose", 0)
        guided.show_step()
    # The call step with its script and the address; then the CPR coach (offered after the call).
    await pilot.press("enter")
    assert guided.guide.steps[guided.place[1]].id == "call"
    await w.check("guide call step: what to say, the address")
    await pilot.press("enter", "c")
    assert isinstance(app.screen, CoachScreen)
    coach = app.screen
    await w.check("CPR coach: push")
    for _ in range(30):  # on to the 2 breaths
        clock.advance(60 / 110)
        coach.tick()
    assert coach.beat is not None and coach.beat.breathing
    await w.check("CPR coach: 2 breaths")
    await pilot.press("h")
    await w.check("CPR coach: pushes only")
    await pilot.press("d")  # a dose in the coach, then a second press soon after: the question
    clock.advance(5)
    await pilot.press("d")
    assert coach.confirm_dose
    await w.check("CPR coach: another dose already?")
    await pilot.press("n")
    clock.advance(31)  # the guide's dose below is a new press, not a question
    await pilot.press("h", "backspace")
    assert app.screen is guided
    guided.place = ("overdose", 0)
    guided.show_step()
    await pilot.press("d")
    await w.check("timer")
    clock.advance(200)  # past the re-dose time: the red prompt shows
    guided.update_timer()
    await w.check("timer, re-dose due")
    await pilot.press("enter")
    await w.check("guide step with the timer running")
    app.action_home()
    app.dose_flow.end()  # "They are breathing normally": practice never starts over a real timer (issue 22)
    await pilot.press("e", "p")  # practice: PRACTICE on every screen, the coach too
    assert app.practicing
    await w.check("emergency, practice")
    await pilot.press("g", "enter", "enter", "c")
    assert isinstance(app.screen, CoachScreen)
    await w.check("CPR coach, practice")
    app.action_home()
    await pilot.press("e", "p")  # practice ends
    assert not app.practicing
    app.action_home()
    await pilot.press("e", "n")
    await w.check("naloxone")
    app.action_home()
    await pilot.press("f")
    await w.check("find help")
    await pilot.press("h")
    assert isinstance(app.screen, CrisisScreen)
    await w.check("crisis")
    app.action_home()
    app.open_screen("selfcheck")
    await w.check("self-check question")
    for _ in range(30):  # answer yes to everything, urgent questions too
        if app.screen.query_one("#sc-switcher").current == "sc-result":
            break
        await pilot.press("y")
    await w.check("self-check result")
    app.action_home()
    app.open_screen("checklist")
    await pilot.pause()
    await pilot.press("space", "tab")
    await pilot.press(*"methadone 60 mg")
    await w.check("checklist")
    app.action_home()
    app.open_screen("takeaway")
    await w.check("take-away")
    for tick in app.screen.query(Tick):
        tick.ticked = True
    app.screen.update_status()
    await w.check("take-away, too long")
    await pilot.press("x", "c")
    await w.check("take-away code")
    app.action_home()
    await pilot.press("question_mark")
    await w.check("keys")
    app.open_screen("takeaway")
    await pilot.pause()
    for tick in app.screen.query(Tick):
        tick.ticked = False
    await pilot.press("c")  # nothing picked: a message says so
    await pilot.pause(0.2)
    assert app.screen.query("Toast")
    await w.check("a message")
    return w


def label_problems(app) -> str:
    """Every shown button and footer hint, whole on screen; Back and ? Keys in the footer."""
    lines = screen_lines(app)
    width = app.size.width
    problems = []
    for button in app.screen.query("Button"):
        if not button.display or button.region.height == 0:
            continue  # hidden
        geometry = app.screen.find_widget(button)
        region = geometry.region
        if not region.intersection(geometry.clip) or region.y >= len(lines) - 1:
            continue  # scrolled out of view (a scroll shows it whole)
        label = " ".join(str(button.label).split())
        shown = " ".join(" ".join(line[region.x:region.right] for line in lines[region.y:region.bottom]).split())
        if region.right > width or label not in shown:  # whole, on one line or wrapped
            problems.append(f"button {label!r} shows as {shown!r}")
    footer = app.screen.query(KeyHints)
    if footer:
        hints = list(footer.first().children)
        bottom = lines[-1]
        for hint in hints:
            if f"{hint.key_display} {hint.description}" not in bottom:
                problems.append(f"hint {hint.description!r} cut: {bottom!r}")
        actions = {hint.action for hint in hints}
        typing = isinstance(app.focused, Input)
        if typing:
            pass  # Backspace and ? are letters in a text field: neither is a key hint there
        elif len(app.screen_stack) > 1 and not actions & {"back", "screen.back"}:
            problems.append(f"no Back in the footer: {bottom!r}")
        if not typing and "app.keys" not in actions and "keys" not in actions:
            problems.append(f"no ? Keys in the footer: {bottom!r}")
    top = lines[0]
    emergency_key = "Ctrl+E " if isinstance(app.focused, Input) else "e "  # while typing, e is a letter
    if emergency_key not in top or "Esc" not in top:
        problems.append(f"top bar lost a key: {top!r}")
    return "; ".join(problems)


def first_words(option) -> str:
    """The first line of an option's label, as the visitor reads it (the key, then the title)."""
    return str(option.prompt).split("\n")[0].strip().rstrip("…")[:30]


def cursor_problem(app) -> str:
    """'' if the terminal cursor is on what the screen offers now, else what is wrong."""
    screen, point = app.screen, app.cursor_position
    focused = screen.focused
    if isinstance(focused, (Input, TextArea)):
        return ""  # a text field puts the cursor where the next letter goes (Textual's own)
    lines = screen_lines(app)
    row = lines[point.y] if 0 <= point.y < len(lines) else ""
    if isinstance(focused, OptionList) and focused.highlighted is not None:
        words = first_words(focused.get_option_at_index(focused.highlighted))
        if words not in row:
            return f"cursor on row {point.y} {row!r}, not on the highlighted {words!r}"
        return ""
    if focused is not None and focused.region:
        if not focused.region.contains_point(point):
            return f"cursor at {tuple(point)}, outside the focused {focused!r} at {focused.region}"
        return ""
    heading = screen.query("#heading")
    if heading and heading.first().region and not heading.first().region.contains_point(point):
        return f"nothing focused and the cursor at {tuple(point)} is not on the heading"
    return ""
