"""The Linux console: every character the kiosk draws is in the console font.

The font's code point list (kiosk/ui/console-font-lat15-fixed16.txt) was made from Debian's
default console font with psfgettable (the command is at the top of the file; the last test here
re-runs it where console-setup-linux is installed). Every screen is walked in console glyph mode
and each character on screen, as composited (Textual's own widgets included), is checked.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import shutil
import subprocess
from pathlib import Path
from typing import List

import pytest
from support import FakeClock, config_from_command_line, decode_matrix, route, screen_lines, settle, wait_until

from kiosk.data.config import Config, load_config
from kiosk.data.qr import capacity
from kiosk.ui import glyphs
from kiosk.ui.screens.coach import CoachScreen
from kiosk.ui.screens.crisis import CrisisScreen
from kiosk.ui.screens.guided import GuidedScreen
from kiosk.ui.screens.takeaway import QRScreen
from kiosk.ui.widgets.tick import Tick

ROOT = Path(__file__).resolve().parents[2]
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
    """Visit screens one by one; remember any where `checker(app)` finds a problem (a string)."""

    def __init__(self, app, pilot, checker=missing) -> None:
        self.app, self.pilot, self.checker = app, pilot, checker
        self.bad: dict = {}
        self.seen: List[str] = []

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


async def walk_every_screen(app, pilot, clock: FakeClock, checker=missing) -> Walk:
    w = Walk(app, pilot, checker)
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


# 40x20 and 60x20 are walked in console mode by test_narrow_screens.py (font and labels at once).
SIZES = [pytest.param(80, 24), pytest.param(128, 48, marks=pytest.mark.slow),
         pytest.param(200, 60, marks=pytest.mark.slow)]


@pytest.mark.parametrize("width,height", SIZES)
async def test_every_screen_draws_only_console_font_characters(app_factory, width, height):
    clock = FakeClock()
    app = app_factory(config=console_config(), clock=clock)
    assert app.glyphs is glyphs.CONSOLE
    async with app.run_test(size=(width, height), notifications=True) as pilot:
        walk = await walk_every_screen(app, pilot, clock)
    assert walk.bad == {}
    assert len(walk.seen) > 20


@pytest.mark.parametrize("width,height", [(80, 24), (40, 20)])
async def test_kiosk_mode_screens_draw_only_console_font_characters(app_factory, width, height):
    from kiosk.data.secret import hash_secret

    secret = hash_secret("s", iterations=1000)
    clock = FakeClock()
    app = app_factory(config=console_config(mode="kiosk", exit_secret_hash=secret), clock=clock)
    async with app.run_test(size=(width, height)) as pilot:
        w = Walk(app, pilot, checker=lambda app: missing(app) or boxes_cut(app))
        await w.check("welcome")
        await pilot.press("space")
        await w.check("home, kiosk mode")
        clock.advance(app.config.idle_seconds)
        app.idle.fire()
        await w.check("idle warning")
        await pilot.press("space")
        await pilot.press("ctrl+x")
        await w.check("admin prompt")
        await pilot.press(*"wrong", "enter")
        await w.check("admin prompt, not accepted")
    assert w.bad == {}


def test_every_character_of_the_content_pack_is_in_the_font():
    """Screens scroll, so not every line is on screen in the walk: check the words at the source."""
    bad = {}
    for path in sorted((ROOT / "content").rglob("*.toml")):
        lost = {c for c in path.read_text(encoding="utf-8") if c not in "\n\r\t" and ord(c) not in FONT}
        if lost:
            bad[str(path.relative_to(ROOT))] = "".join(sorted(lost))
    assert bad == {}


def test_the_font_list_is_what_psfgettable_says():
    """Re-make the committed list from the font, where the font and the tool are installed."""
    font = Path("/usr/share/consolefonts/Lat15-Fixed16.psf.gz")
    if not font.exists() or shutil.which("psfgettable") is None:
        pytest.skip("needs console-setup-linux (the font) and psfgettable")
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".psf") as raw:
        raw.write(gzip.decompress(font.read_bytes()))
        raw.flush()
        table = subprocess.run(["psfgettable", raw.name], capture_output=True, text=True, check=True).stdout
    points = {int(word[2:], 16) for line in table.splitlines() if not line.startswith("#")
              for word in line.split() if word.upper().startswith("U+")}
    assert points == FONT
    assert len(FONT) == 528


CONSOLE_SETUP = ROOT / "kiosk" / "deploy" / "console-setup"


def font_for_panel(panel: str) -> str:
    """The font kiosk/deploy/console-setup (a shell script, as setupcon reads it) picks for a panel."""
    out = subprocess.run(["sh", "-c", f'. "{CONSOLE_SETUP}"; echo "$FONTFACE $FONTSIZE $KIOSK_FONT"'],
                         env={"KIOSK_PANEL": panel, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    face, size, font = out.stdout.split()
    big, small = size.split("x")  # setupcon's file name: CODESET-FACE then height x width (8x16: "16")
    assert font in (f"Lat15-{face}{small}x{big}", f"Lat15-{face}{small}"), (font, face, size)
    return font


@pytest.mark.parametrize("panel,font", [
    ("1280,800", "Lat15-TerminusBold32x16"),  # 80x25: readable from a step away
    ("1920,1080", "Lat15-TerminusBold32x16"),
    ("1024,768", "Lat15-TerminusBold24x12"),  # 85x32
    ("800,600", "Lat15-Fixed16"),  # 100x37: a larger font would leave fewer than 80x24
    ("", "Lat15-Fixed16"),  # no framebuffer size: the small font is always safe
])
def test_console_font_is_picked_by_the_panel_and_checked(panel, font):
    assert font_for_panel(panel) == font
    assert font in glyphs.FONT_FILES  # its list is committed: the glyph checks run against it
    assert FONT <= glyphs.font_code_points(font)


FONT_DIRS = [Path(d) for d in (os.environ.get("KIOSK_CONSOLE_FONTS", ""), "/usr/share/consolefonts") if d]


@pytest.mark.parametrize("font", sorted(glyphs.FONT_FILES))
def test_each_font_list_is_what_the_font_says(font):
    """Re-read each shipped font's unicode table (tests/psf.py), where the font is at hand
    (console-setup-linux installed, or unpacked into $KIOSK_CONSOLE_FONTS by .ci/run)."""
    from psf import code_points

    found = [d / f"{font}.psf.gz" for d in FONT_DIRS if (d / f"{font}.psf.gz").exists()]
    if not found:
        pytest.skip(f"{font}.psf.gz not found (apt-get download console-setup-linux; see .ci/run)")
    assert code_points(found[0]) == glyphs.font_code_points(font)


def test_glyph_set_is_chosen_in_one_place():
    assert glyphs.choose("auto", "linux") is glyphs.CONSOLE
    assert glyphs.choose("auto", "linux-16color") is glyphs.CONSOLE
    assert glyphs.choose("auto", "xterm-256color") is glyphs.UNICODE
    assert glyphs.choose("auto", None) is glyphs.UNICODE
    assert glyphs.choose("console", "xterm") is glyphs.CONSOLE
    assert glyphs.choose("unicode", "linux") is glyphs.UNICODE
    # every key the console set names, and each hint, is drawable; the unicode set's are not all
    assert all(glyphs.drawable(glyphs.CONSOLE.hint(k, "Back")) for k in glyphs.CONSOLE.keys)
    assert not glyphs.drawable(glyphs.UNICODE.key("backspace"))


async def test_auto_picks_console_under_term_linux(app_factory, monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    app = app_factory()
    assert app.glyphs is glyphs.CONSOLE and app.has_class(glyphs.CONSOLE_CLASS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "when-to-seek-help"))
        await wait_until(pilot, lambda: "Back" in screen_lines(app)[-1])  # the key hints come a frame later
        footer = "\n".join(screen_lines(app)[-1:])
        assert "Backspace Back" in footer and "⌫" not in footer
    monkeypatch.setenv("TERM", "xterm-256color")
    app = app_factory()
    assert app.glyphs is glyphs.UNICODE and not app.has_class(glyphs.CONSOLE_CLASS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "when-to-seek-help"))
        await wait_until(pilot, lambda: "Back" in screen_lines(app)[-1])
        assert "⌫ Back" in screen_lines(app)[-1]


# --- the QR code on the console -------------------------------------------------------------


def read_full_blocks(lines: List[str]):
    """Modules from a full-block drawing: two columns per module, one line per module row."""
    assert all(len(line) == len(lines[0]) for line in lines), "ragged drawing"
    assert all(set(line) <= {"█", " "} for line in lines)
    assert all(line[x] == line[x + 1] for line in lines for x in range(0, len(line), 2)), "half a module"
    full = [[line[x] == "█" for x in range(0, len(line), 2)] for line in lines]
    rows = [y for y, row in enumerate(full) if any(row)]
    cols = [x for x in range(len(full[0])) if any(row[x] for row in full)]
    matrix = [row[cols[0]:cols[-1] + 1] for row in full[rows[0]:rows[-1] + 1]]
    return matrix, rows[0], len(full) - 1 - rows[-1], cols[0], len(full[0]) - 1 - cols[-1]


def qr_lines(app) -> List[str]:
    region = app.screen.query_one("#qr-code").region
    lines = screen_lines(app)
    assert region.bottom <= len(lines) - 1  # above the footer: nothing cut off
    return [line[region.x:region.right] for line in lines[region.y:region.bottom]]


@pytest.mark.parametrize("text", ["FRANK (UK): 0300 123 6600", "z" * capacity()])
async def test_console_code_is_full_blocks_and_decodes(app_factory, text):
    app = app_factory(config=Config(glyphs="console"))
    async with app.run_test(size=(128, 48)) as pilot:  # a console at 1024x768 with an 8x16 font
        await app.push_screen(QRScreen(text))
        await pilot.pause()
        assert app.screen.query_one("#qr-code").display
        matrix, top, bottom, left, right = read_full_blocks(qr_lines(app))
        assert decode_matrix(matrix)[0] == text
        assert min(top, bottom, left, right) >= 2  # a light border of two modules all round
        assert missing(app) == ""


async def test_console_code_too_big_for_the_screen_says_how_big_and_shows_the_text(app_factory):
    app = app_factory(config=Config(glyphs="console"))
    async with app.run_test(size=(80, 25)) as pilot:  # a VGA text console
        await app.push_screen(QRScreen("FRANK (UK): 0300 123 6600"))
        await pilot.pause()
        assert not app.screen.query_one("#qr-code").display
        shown = "\n".join(screen_lines(app))
        assert "too small to show the code" in shown and "FRANK (UK): 0300 123 6600" in shown
        assert "█" not in shown and missing(app) == ""


async def test_big_number_is_bold_text_where_the_font_lacks_digits_characters(app_factory, monkeypatch):
    """Lat15 has the box drawing Digits uses; a font without it gets the number as bold text."""
    assert glyphs.digits_drawable() and glyphs.CONSOLE.big_digits
    monkeypatch.setattr(glyphs, "digits_drawable", lambda: False)
    app = app_factory(config=Config(glyphs="console", region="UK"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        lines = screen_lines(app)
        assert any("999" in line for line in lines)  # as text, on one line
        assert not any("┗━┫" in line for line in lines)
    unicode_app = app_factory(config=Config(glyphs="unicode", region="UK"))
    async with unicode_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert any("┗━┫" in line for line in screen_lines(unicode_app))  # the big digits (9)


def test_glyphs_flag_reaches_the_app(monkeypatch):
    assert config_from_command_line(monkeypatch, ["--glyphs", "console"]).glyphs == "console"
