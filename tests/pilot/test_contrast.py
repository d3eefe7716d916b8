"""Every text on every screen, in every theme, is at least 4.5:1 against its background (WCAG AA).

Computed from what is drawn: the screen's rendered strips (the same the terminal gets), cell by
cell, with reverse video swapped and dim text blended half-way to its background (what terminals
and Textual's own dim filter do). Box-drawing and block characters (rules, scrollbars, the QR
code's half blocks) are graphics, not text, and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Awaitable, Callable, List, Optional, Tuple

import pytest
from rich.color import Color as RichColor
from rich.style import Style
from support import home_key, route, shipped_pack, wait_until

from kiosk.data.config import THEMES, Config


class FakeClock:
    t = 5000.0

    def __call__(self) -> float:
        return self.t

    def now(self):
        from datetime import datetime, timedelta

        return datetime(2026, 3, 6, 23, 58) + timedelta(seconds=self.t - 5000.0)

    def advance(self, seconds: float) -> None:
        self.t += seconds

RGB = Tuple[int, int, int]
MINIMUM = 4.5


def luminance(rgb: RGB) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rgb(color: Optional[RichColor], fallback: RGB) -> RGB:
    if color is None or color.is_default:
        return fallback
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def is_graphic(ch: str) -> bool:
    return "\u2500" <= ch <= "\u259f" or ch.isspace()


@dataclass
class Failure:
    where: str
    text: str
    ratio: float
    fg: RGB
    bg: RGB

    def __str__(self) -> str:
        hex_ = lambda c: "#%02x%02x%02x" % c  # noqa: E731
        return f"{self.where}: {self.text!r} {self.ratio:.2f}:1 ({hex_(self.fg)} on {hex_(self.bg)})"


def low_contrast(app, where: str) -> List[Failure]:
    """The text segments of the current screen below the minimum."""
    theme = app.current_theme
    screen_fg = _hex(theme.foreground or "#e0e0e0")
    screen_bg = _hex(theme.background or "#000000")
    failures = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):  # what the terminal is sent
        for segment in strip:
            text, style = segment.text, segment.style or Style()
            if all(is_graphic(ch) for ch in text):
                continue
            fg, bg = rgb(style.color, screen_fg), rgb(style.bgcolor, screen_bg)
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:
                fg = tuple(int(b + (f - b) * 0.5) for f, b in zip(fg, bg))  # type: ignore[assignment]
            ratio = contrast(fg, bg)
            if ratio < MINIMUM:
                failures.append(Failure(f"{where} row {y}", text.strip(), ratio, fg, bg))
    return failures


def _hex(value: str) -> RGB:
    from textual.color import Color

    c = Color.parse(value)
    return (c.r, c.g, c.b)


Step = Callable[[object, object], Awaitable[None]]


async def keys(pilot, *names: str) -> None:
    await pilot.press(*names)
    await pilot.pause()


def shown(app) -> str:
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


SHIPPED = shipped_pack()  # the app's pack: keys looked up, not assumed (a client may reorder the menus)
SYMPTOMS = home_key(SHIPPED, "topic:symptoms")
CORE = tuple(route(SHIPPED, "symptoms-core"))
NEXT4 = ("enter",) * 4  # overdose guide: Check, Call, Breathing, CPR -> Give naloxone

# (name, keys from home, a text only that state shows) for personal mode; each starts from home
# (Home key between them). The text proves the walk got there: a walk that ends somewhere else
# would measure the wrong screen and pass.
WALK: List[Tuple[str, Tuple[str, ...], str]] = [
    ("home", (), "Does this sound like me?"),
    ("home, 3rd entry highlighted", ("down", "down"), SHIPPED.topics[2].summary),
    ("topic", (SYMPTOMS,), "Core symptoms"),
    ("topic, 2nd highlighted", (SYMPTOMS, "down"), "Core symptoms"),
    ("page", CORE, "Core symptoms"),
    ("page, related links", (*CORE, "end"), "Core symptoms"),
    ("search, empty", ("slash",), "Type a word"),
    ("search, results", ("slash", *"naloxone"), "results found"),
    ("search, result highlighted", ("slash", *"naloxone", "down", "down"), "results found"),
    ("search, nothing found", ("slash", *"zzqx", "down"), "Nothing found"),
    ("emergency, table of numbers", ("e",), "Call your local emergency number"),
    ("guide step 1", ("e", "g"), "Step 1 of 10"),
    ("guide call step, numbers", ("e", "g", "enter"), "New Zealand 111"),
    ("guide naloxone step", ("e", "g", *NEXT4), "Give naloxone"),
    ("guide last step", ("e", "g", *NEXT4, *["enter"] * 5), "When they wake"),
    ("spray guide", ("e", "g", *NEXT4, "s"), "Naloxone nasal spray"),
    ("injection guide (other kits)", ("e", "g", *NEXT4, "i"), "follow the instructions"),
    ("naloxone", ("e", "n"), "Naloxone: how to use it"),
    ("find help", ("f",), "Helplines"),
    ("find help, filter", ("f", "1"), "Helplines"),
    ("crisis", ("f", "h"), "Thinking of harming yourself?"),
    ("crisis from search", ("slash", *"suicide", "enter"), "Thinking of harming yourself?"),
    ("self-check question", ("s",), "Does this sound like me?"),
    ("self-check answered", ("s", "y", "n"), "Does this sound like me?"),
    ("self-check result", ("s", *["n"] * 20), "Does this sound like me?"),
    ("checklist", ("c",), "Tick what you will bring"),
    ("checklist, typing a note", ("c", "enter", *"2 bags"), "2 bags"),
    ("take-away", ("t",), "Pick what to take"),
    ("take-away code", ("t", "c"), "point your phone camera"),
    ("keys", ("question_mark",), "Quick exit"),
]

# The naloxone dose timer (issue 10), last: once given, a dose stays with the visit. (name, keys
# from home, seconds on the clock first, a text only that state shows)
DOSE_WALK: List[Tuple[str, Tuple[str, ...], float, str]] = [
    ("dose timer", ("e", "g", *NEXT4, "d"), 0, "Next dose in"),
    ("dose timer, stop?", ("e", "g", *NEXT4, "t", "x"), 0, "Stop the naloxone timer?"),
    ("guide step, timer one key away", ("e", "g"), 0, "show the timer"),
    ("home, dose clock in the top bar", (), 30, "next dose in"),
    ("home, next dose due: clock and prompt", (), 100, "I gave another dose"),
    ("dose timer, second dose due", ("e", "g", "t"), 0, "Next dose: now"),
    ("search while a dose is due", ("slash",), 0, "Tab, then d  I gave another dose"),
]


async def walk_to(pilot, path: Tuple[str, ...]) -> None:
    await keys(pilot, "home")
    await keys(pilot, *path)


async def measure(app, pilot, name: str, path: Tuple[str, ...], proof: str) -> Tuple[List[str], List[Failure]]:
    """Walk from home to a state; (the walk's miss, if `proof` is not on screen; every text below
    4.5:1 there). A walk that ends elsewhere would measure the wrong screen and pass: it is a miss."""
    await walk_to(pilot, path)
    lost = [] if proof in shown(app) else [f"{name}: {proof!r} not on screen:\n{shown(app)}"]
    return lost, low_contrast(app, name)


@pytest.mark.parametrize("theme", THEMES)
async def test_every_screen_in_every_theme_is_at_least_4_5_to_1(app_factory, theme):
    clock = FakeClock()
    app = app_factory(theme=theme, clock=clock, wall_clock=clock.now)  # no region: "Call your local..."
    failures: List[Failure] = []
    lost: List[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for name, path, proof in WALK:
            missed, low = await measure(app, pilot, name, path, proof)
            lost, failures = lost + missed, failures + low
        for name, path, seconds, proof in DOSE_WALK:
            clock.advance(seconds)
            app.dose_flow.tick()  # what the app's one-second interval does
            missed, low = await measure(app, pilot, name, path, proof)
            lost, failures = lost + missed, failures + low
    assert not lost, "\n".join(lost)
    assert not failures, "\n".join(str(f) for f in failures)


@pytest.mark.parametrize("theme", THEMES)
async def test_emergency_with_a_region_in_every_theme(app_factory, theme):
    """A region's number as big digits, and (UK) the Prenoxad guide."""
    app = app_factory(theme=theme, region="UK")
    failures: List[Failure] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for name, path, proof in (("emergency, UK", ("e",), "Call now"),
                                  ("Prenoxad guide", ("e", "g", *NEXT4, "i"), "Prenoxad"),
                                  ("naloxone page, UK", ("e", "n"), "Naloxone: how to use it"),
                                  ("crisis, UK", ("f", "h"), "Thinking of harming yourself?")):
            missed, low = await measure(app, pilot, name, path, proof)
            assert not missed, missed[0]
            failures += low
    assert not failures, "\n".join(str(f) for f in failures)


SCROLL_END = "(scroll the step to its end)"  # below the fold at 80x24; no key scrolls a guide step
BREATHING = "(they are breathing normally)"  # the dose timer ends: practice never starts over a real one

# Issue 17's hands-free states: the voice line (on), the call step with its script and the address,
# the CPR coach (push, 2 breaths, pushes only, "Another dose already?") and practice mode.
# (name, keys from home, seconds on the clock first, a text only that state shows)
HANDS_FREE_WALK: List[Tuple[str, Tuple[str, ...], float, str]] = [
    ("emergency, voice on", ("e",), 0, "Voice: on"),
    ("call step, script and address", ("e", "g", "enter"), 0, "1 High Street"),
    ("call step, script (scrolled)", (SCROLL_END,), 0, "Do what the call handler says"),
    ("coach, push", ("e", "g", "enter", "enter", "c", "enter"), 0, "Push"),  # Enter: the beat now (issue 25)
    ("coach, 2 breaths", (), 30 * 60 / 110, "2 breaths"),
    ("coach, pushes only", ("h",), 0, "With breaths: 30 and 2"),
    ("coach, a dose given", ("d",), 0, "next dose in"),
    ("coach, another dose already?", ("d",), 5, "Another dose already?"),
    ("another dose: no", ("n",), 0, "next dose in"),
    ("practice, emergency", (BREATHING, "home", "e", "p"), 0, "PRACTICE"),
    ("practice, coach", ("g", "enter", "enter", "c"), 0, "PRACTICE"),
]


@pytest.mark.parametrize("theme", THEMES)
async def test_hands_free_screens_are_at_least_4_5_to_1(app_factory, theme):
    from kiosk.data.speech import FakeEngine
    from kiosk.ui.screens.coach import CoachScreen

    clock = FakeClock()
    app = app_factory(theme=theme, clock=clock, wall_clock=clock.now, speech=FakeEngine(),
                      config=Config(theme=theme, address="1 High Street, back door", speech="emergency"))
    failures: List[Failure] = []
    lost: List[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for name, path, seconds, proof in HANDS_FREE_WALK:
            clock.advance(seconds)
            if seconds and isinstance(app.screen, CoachScreen):
                app.screen.tick()  # what the coach's beat timer does
            if path == (SCROLL_END,):
                step_scroll = app.screen.query_one("#step-scroll")
                step_scroll.scroll_end(animate=False)  # done after the next refresh: wait for it
                await wait_until(pilot, lambda s=step_scroll: s.scroll_y == s.max_scroll_y)
            elif path[:1] == (BREATHING,):
                app.dose_flow.end()  # "They are breathing normally" (issue 22: practice waits for it)
                await keys(pilot, *path[1:])
            else:
                await keys(pilot, *path)  # each state follows the one before (the coach keeps its beat)
            lost += [] if proof in shown(app) else [f"{name}: {proof!r} not on screen:\n{shown(app)}"]
            failures += low_contrast(app, name)
    assert not lost, "\n".join(lost)
    assert not failures, "\n".join(str(f) for f in failures)


@pytest.mark.parametrize("theme", THEMES)
async def test_kiosk_mode_screens_are_at_least_4_5_to_1(app_factory, theme):
    from kiosk.ui.screens.idle_warning import IdleWarning

    app = app_factory(theme=theme, mode="kiosk")
    failures: List[Failure] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        failures += low_contrast(app, "welcome")
        from kiosk.ui.screens.admin import AdminExitScreen

        app.push_screen(AdminExitScreen("not-a-real-hash"))
        await pilot.pause()
        failures += low_contrast(app, "admin prompt")
        app.pop_screen()
        await pilot.pause()
        await keys(pilot, "enter")
        app.push_screen(IdleWarning(20))
        await pilot.pause()
        failures += low_contrast(app, "idle warning")
    assert not failures, "\n".join(str(f) for f in failures)


def test_the_measure_itself():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast((0x77, 0x77, 0x77), (255, 255, 255)), 2) == 4.48  # WCAG's own borderline grey
