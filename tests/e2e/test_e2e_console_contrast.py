"""What the Linux console really draws (issue 26): the installed kiosk under TERM=linux in tmux,
every screen's SGR codes read back (capture-pane -e), each cell's colours worked out by the
console's own rules and 16-colour VGA palette, and every text cell checked: >= 4.5:1, and the
emergency bar and the big number >= 7:1. Monochrome terminals (vt100, xterm-mono, dumb) get no
colour at all: reverse, bold and underline carry the bar and the highlighted choice.

The console's rules (the kernel's vt.c, csi_m and build_attr), written here from them and not
taken from the kiosk's code:
- 30-37 set the foreground, 90-97 the same colour *and bold*; 40-47 the background, and 100-107
  too (no bright backgrounds); 38/48;5;n and 38/48;2;r;g;b are squeezed the kernel's way;
- italic replaces the foreground with green, underline with cyan, dim with dark grey;
- reverse swaps the colours (the foreground's bright bit stays put), then bold flips the
  foreground's bright bit.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from typing import Dict, Iterator, List, Optional, Tuple

import pytest
from support import KIOSK, Terminal, needs_tmux
from test_contrast import WALK, contrast  # the tests' own WCAG ratio (the kiosk has its own)

pytestmark = [needs_tmux, pytest.mark.slow]

RGB = Tuple[int, int, int]
VGA: List[RGB] = [  # SGR order: black red green brown blue magenta cyan grey, then bright
    (0, 0, 0), (0xAA, 0, 0), (0, 0xAA, 0), (0xAA, 0x55, 0), (0, 0, 0xAA), (0xAA, 0, 0xAA), (0, 0xAA, 0xAA),
    (0xAA, 0xAA, 0xAA), (0x55, 0x55, 0x55), (0xFF, 0x55, 0x55), (0x55, 0xFF, 0x55), (0xFF, 0xFF, 0x55),
    (0x55, 0x55, 0xFF), (0xFF, 0x55, 0xFF), (0x55, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
]


# --- reading capture-pane -e ------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    """One cell's SGR state as the terminal was sent it: colours as ("16", n), ("256", n),
    ("rgb", r, g, b) or None (the default)."""
    fg: Optional[tuple] = None
    bg: Optional[tuple] = None
    bold: bool = False
    dim: bool = False
    italic: bool = False
    underline: bool = False
    reverse: bool = False


SGR = re.compile(r"\x1b\[([0-9;:]*)m")
OTHER_ESCAPE = re.compile(r"\x1b\][^\x07\x1b]*(\x07|\x1b\\)")  # OSC (hyperlinks): no colour


def _colour(params: List[str], i: int) -> Tuple[Optional[tuple], int]:
    if params[i + 1] == "5":
        return ("256", int(params[i + 2])), i + 3
    return ("rgb", *(int(p) for p in params[i + 2:i + 5])), i + 5


def apply_sgr(cell: Cell, text: str) -> Cell:
    params = [p.split(":")[0] or "0" for p in (text.split(";") if text else ["0"])]
    i = 0
    while i < len(params):
        n = int(params[i])
        if n in (38, 48):
            colour, i = _colour(params, i)
            cell = replace(cell, fg=colour) if n == 38 else replace(cell, bg=colour)
            continue
        if n == 0:
            cell = Cell()
        elif n in (1, 2, 3, 4, 7):
            cell = replace(cell, **{{1: "bold", 2: "dim", 3: "italic", 4: "underline", 7: "reverse"}[n]: True})
        elif n == 22:
            cell = replace(cell, bold=False, dim=False)
        elif n in (23, 24, 27):
            cell = replace(cell, **{{23: "italic", 24: "underline", 27: "reverse"}[n]: False})
        elif 30 <= n <= 37 or 90 <= n <= 97:
            cell = replace(cell, fg=("16", n - 30 if n < 90 else n - 90 + 8))
        elif n == 39:
            cell = replace(cell, fg=None)
        elif 40 <= n <= 47 or 100 <= n <= 107:
            cell = replace(cell, bg=("16", n - 40 if n < 100 else n - 100 + 8))
        elif n == 49:
            cell = replace(cell, bg=None)
        i += 1
    return cell


def cells(capture: str) -> Iterator[Tuple[int, int, str, Cell]]:
    """(row, column, character, state) for every cell tmux captured (state runs on across lines)."""
    state = Cell()
    for y, line in enumerate(capture.split("\n")):
        line = OTHER_ESCAPE.sub("", line)
        x, pos = 0, 0
        while pos < len(line):
            m = SGR.match(line, pos)
            if m:
                state = apply_sgr(state, m.group(1))
                pos = m.end()
                continue
            yield y, x, line[pos], state
            x, pos = x + 1, pos + 1


def plain(capture: str) -> str:
    return OTHER_ESCAPE.sub("", SGR.sub("", capture))


# --- the console's rules ------------------------------------------------------------------------
def rgb_of_256(n: int) -> RGB:
    if n < 16:
        return VGA[n]
    if n >= 232:
        v = 8 + (n - 232) * 10
        return (v, v, v)
    n -= 16
    steps = (0, 95, 135, 175, 215, 255)
    return (steps[n // 36], steps[n // 6 % 6], steps[n % 6])


def console_fg(colour: Optional[tuple]) -> Tuple[int, bool]:
    """The console's foreground colour (0-7) and whether the colour code itself set bold."""
    if colour is None:
        return 7, False
    if colour[0] == "16":
        return colour[1] & 7, colour[1] >= 8  # 90-97: bold
    r, g, b = rgb_of_256(colour[1]) if colour[0] == "256" else colour[1:]
    top = max(r, g, b)  # the kernel's rgb_foreground()
    hue = (1 if r > top // 2 else 0) | (2 if g > top // 2 else 0) | (4 if b > top // 2 else 0)
    if hue == 7 and top <= 0x55:
        return 0, True
    return hue, top > 0xAA


def console_bg(colour: Optional[tuple]) -> int:
    if colour is None:
        return 0
    if colour[0] == "16":
        return colour[1] & 7  # 100-107 show as 40-47
    r, g, b = rgb_of_256(colour[1]) if colour[0] == "256" else colour[1:]
    return (1 if r & 0x80 else 0) | (2 if g & 0x80 else 0) | (4 if b & 0x80 else 0)  # rgb_background()


def console_draws(cell: Cell) -> Tuple[RGB, RGB]:
    fg, bold_colour = console_fg(cell.fg)
    attr = (console_bg(cell.bg) << 4) | fg
    if cell.italic:
        attr = (attr & 0xF0) | 2  # green
    elif cell.underline:
        attr = (attr & 0xF0) | 6  # cyan
    elif cell.dim:
        attr = (attr & 0xF0) | 8  # dark grey
    if cell.reverse:
        attr = (attr & 0x88) | (((attr >> 4) | (attr << 4)) & 0x77)
    if cell.bold or bold_colour:
        attr ^= 0x08
    return VGA[attr & 0x0F], VGA[(attr >> 4) & 0x07]


def is_graphic(ch: str) -> bool:
    return "\u2500" <= ch <= "\u259f" or ch.isspace()


@dataclass
class Worst:
    ratio: float = 99.0
    where: str = ""


def low_cells(capture: str, where: str, minimum: float = 4.5, rows: Optional[range] = None,
              graphics: bool = False, worst: Optional[Worst] = None, columns: Optional[range] = None) -> List[str]:
    """Each run of text cells below `minimum` (graphics too if `graphics`, only in `rows` and
    `columns` if given)."""
    lines = plain(capture).split("\n")
    low: Dict[Tuple[int, Tuple[RGB, RGB]], List[int]] = {}
    for y, x, ch, cell in cells(capture):
        if ch.isspace() or (is_graphic(ch) and not graphics) or (rows is not None and y not in rows):
            continue
        if columns is not None and x not in columns:
            continue
        fg, bg = console_draws(cell)
        ratio = contrast(fg, bg)
        if worst is not None and ratio < worst.ratio:
            worst.ratio, worst.where = ratio, f"{where} row {y}: {lines[y].strip()[:40]!r}"
        if ratio < minimum:
            low.setdefault((y, (fg, bg)), []).append(x)
    hex_ = lambda c: "#%02X%02X%02X" % c  # noqa: E731
    return [f"{where} row {y}: {lines[y][xs[0]:xs[-1] + 1]!r} {contrast(fg, bg):.2f}:1 "
            f"({hex_(fg)} on {hex_(bg)})" for (y, (fg, bg)), xs in low.items()]


# --- driving the kiosk --------------------------------------------------------------------------
TMUX_KEYS = {"down": "Down", "up": "Up", "enter": "Enter", "home": "Home", "end": "End", "slash": "/",
             "question_mark": "?", "backspace": "BSpace"}


def start(tmp_path, term: str, config: str = "", width: int = 80, height: int = 24) -> Terminal:
    (tmp_path / "kiosk.toml").write_text(config, encoding="utf-8")
    command = (f"cd {tmp_path} && exec env -i TERM={term} HOME={tmp_path} LANG=C.UTF-8 PATH=/usr/bin:/bin "
               f"{KIOSK} --config {tmp_path / 'kiosk.toml'}; sleep 30")
    t = Terminal(["sh", "-c", command], width=width, height=height)
    t.wait_for("Quick exit")
    return t


def capture(t: Terminal) -> str:
    return t._tmux("capture-pane", "-p", "-e", "-t", t.name)


def settled(t: Terminal, proof: str, timeout: float = 20.0) -> str:
    """The screen with its SGR codes, once `proof` shows and two captures in a row agree."""
    t.wait_for(proof, timeout)
    last, deadline = capture(t), time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.15)
        now = capture(t)
        if now == last and proof in plain(now):
            return now
        last = now
    raise AssertionError(f"the screen did not settle on {proof!r}:\n{plain(last)}")


def walk(t: Terminal, path, proof: str) -> str:
    t.send("Home")
    t.wait_for("1-9 Pick", 20)  # home's own key hint
    for key in path:
        t.send(TMUX_KEYS.get(key, key))
    return settled(t, proof)


BAR = range(0, 1)  # the top row: the emergency bar, then quick exit


def bar_columns(screen: str) -> range:
    """The emergency bar's columns: the top row up to quick exit."""
    return range(0, plain(screen).split("\n")[0].index("Esc"))


@pytest.mark.parametrize("config", ["", 'theme = "high-contrast"\n'], ids=["auto (monochrome)", "high-contrast"])
def test_every_screen_as_the_linux_console_draws_it(tmp_path, config):
    t = start(tmp_path, "linux", config)
    failures: List[str] = []
    worst: Dict[str, Worst] = {}
    try:
        for name, path, proof in WALK:
            screen = walk(t, path, proof)
            failures += low_cells(screen, name, worst=worst.setdefault(name, Worst()))
            failures += low_cells(screen, f"{name} (emergency bar)", 7.0, rows=BAR, columns=bar_columns(screen))
    finally:
        t.close()
    for w in worst.values():  # for the notes (pytest -s): the worst cell of each screen
        print(f"worst {w.ratio:5.2f}:1  {w.where}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("theme", ["monochrome", "high-contrast"])
def test_the_big_number_as_the_linux_console_draws_it(tmp_path, theme):
    t = start(tmp_path, "linux", f'theme = "{theme}"\nregion = "UK"\n')
    try:
        screen = walk(t, ("e",), "Call now")
    finally:
        t.close()
    rows = [y for y, line in enumerate(plain(screen).split("\n")) if "Call now" in line]
    number = range(rows[0] - 1, rows[0] + 2)  # the big digits: three rows, "Call now" in the middle
    assert any(ch != " " for y, x, ch, _c in cells(screen) if y in number and x > 12), plain(screen)
    digits = range(len(plain(screen).split("\n")[rows[0]].split("Call now")[0]) + len("Call now"), 80)
    failures = low_cells(screen, "emergency, UK", 7.0, rows=number, columns=digits, graphics=True)
    failures += low_cells(screen, "emergency, UK (bar)", 7.0, rows=BAR, columns=bar_columns(screen))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("term", ["vt100", "xterm-mono", "dumb"])
def test_monochrome_terminals_get_attributes_not_colours(tmp_path, term):
    t = start(tmp_path, term)
    try:
        home = settled(t, "1-9 Pick")
        t.send("e")
        emergency = settled(t, "Guide me")
    finally:
        t.close()
    for screen in (home, emergency):
        sent = [m.group(0) for m in SGR.finditer(screen) if any(
            p in {str(n) for n in (*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108))}
            for p in m.group(1).split(";"))]
        assert not sent, f"colour codes sent to {term}: {sorted(set(sent))}"
        bar = [c for y, _x, ch, c in cells(screen) if y == 0 and "EMERGENCY" in plain(screen).split("\n")[0]]
        assert bar and bar[2].reverse, "the emergency bar is reversed"
    highlighted = [c for y, _x, ch, c in cells(home) if plain(home).split("\n")[y].startswith("1 ")]
    assert highlighted and highlighted[0].reverse, "the highlighted menu row is reversed"
