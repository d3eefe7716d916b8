"""What the tests share: screen text, a fake clock, one tmux harness, the QR decoder.

- `FakeClock`: an injectable monotonic clock; tests move time, nobody sleeps.
- `screen_lines` / `screen_text`: what a Pilot-driven app's screen shows right now;
  `terminal_text`: the whole terminal, with what shows behind a modal screen.
- `Terminal`: the INSTALLED `kiosk` (or any command) in a real terminal on a private tmux server,
  driven as a person would; always use it as a context manager or close it, so the server and its
  socket file go (tmux leaves the socket behind otherwise).
- `read_drawing` / `decode_matrix`: a QR decoder written from ISO/IEC 18004 independently of segno
  (no pure-Python decoder is small and available; the PyPI ones wrap C libraries). It reads the
  modules back from the half-block drawing, checks the finder, timing and BCH-protected format
  information, unmasks, de-interleaves, checks every Reed-Solomon block (all syndromes zero) and
  parses the byte-mode segment. Nothing here trusts the encoder.
"""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import pytest

# --- what the screen shows ------------------------------------------------------------------

# Words a bystander must never see after a quick exit (from the content's topics and pages).
TOPIC_WORDS = ("heroin", "opioid", "overdose", "methadone", "withdrawal", "naloxone", "dependence",
               "symptoms", "treatment", "buprenorphine", "addiction")


class FakeClock:
    """An injectable monotonic clock: tests move time, nobody sleeps."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class DoseClock:
    """Both of the app's clocks at once, moved together: `clock` (time.monotonic, the dose timer)
    and `wall_clock` (datetime.now, the dose times shown): pass it as the one and `.now` as the other."""

    def __init__(self) -> None:
        self.t = 5000.0
        self.wall = datetime(2026, 3, 6, 23, 58)

    def __call__(self) -> float:
        return self.t

    def now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.t += seconds
        self.wall += timedelta(seconds=seconds)


async def idle_tick(pilot, app, clock, seconds: float = 200) -> None:
    """Let `seconds` pass without a key and run the idle check once (first the warning, then the reset)."""
    clock.advance(seconds)
    app.idle.fire()
    await pilot.pause()


async def dose_in_the_guide(pilot, app):
    """Emergency -> Guide me -> the naloxone step -> d ("I gave naloxone"); the guide's screen."""
    await pilot.press("e", "g")
    guided = app.screen
    for _ in range(8):
        if guided.query_one("#show-dose").display:
            break
        await pilot.press("enter")
    await pilot.press("d")
    return guided


def terminal_text(app) -> str:
    """Everything on the (virtual) terminal right now, as plain text: the screen and whatever shows
    behind a modal one (the privacy tests need both)."""
    svg = app.export_screenshot()
    body = svg.split('-matrix">', 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def screen_lines(app) -> List[str]:
    """The screen's rows as text (faster than `screen_text`; the compositor has no public reader)."""
    from kiosk.ui.textual_private import screen_strips

    return [strip.text for strip in screen_strips(app)]


def screen_text(app) -> str:
    """The current screen as plain text, one line a row."""
    return "\n".join(screen_lines(app))


async def wait_until(pilot, condition, timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds (work done off the event loop, e.g. in a thread,
    has no Textual worker to wait for)."""
    import asyncio

    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"the condition did not hold within {timeout}s; the screen:\n{screen_text(pilot.app)}")
        await pilot.pause(0.01)


# --- pressing keys: wait on the kiosk's own settle signal, not on the CPU going idle ---------------
# Pilot.press waits for "idle" twice per key: 20 ms sleeps until the process's CPU time stops moving
# (up to a second each on a busy machine). The kiosk knows when a key is done: its key order
# (kiosk/ui/key_order.py) has nothing in flight or waiting, and the screen stack no longer changes
# once every queued message is handled. conftest.py makes this Pilot.press for every test.

KEY_SETTLE_SECONDS = 30.0  # as Pilot waits for a screen; a loaded CI machine is slow, not stuck


async def settle(pilot, timeout: float = KEY_SETTLE_SECONDS) -> None:
    """Until every key handed to the app has been acted on and the screens stand still: the key
    order has nothing in hand or waiting, and a whole round of queued messages (app, screen and
    every widget on it) leaves the mode and the screen stack as they were; then the screen is drawn."""
    import asyncio

    from kiosk.ui.textual_private import draw_now, messages_processed

    app = pilot.app
    order = getattr(app, "key_order", None)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while app.is_running:
        if loop.time() > deadline:
            raise AssertionError(f"keys did not settle within {timeout}s; the screen:\n{screen_text(app)}")
        if order is not None and (order.busy or order.waiting):
            await asyncio.sleep(0.002)  # the key order checks every 5 ms
            continue
        before = (app.current_mode, app.screen_stack)
        await messages_processed(pilot)
        await app.animator.wait_until_complete()
        if not (order is not None and (order.busy or order.waiting)) and (app.current_mode, app.screen_stack) == before:
            break
    if app.is_running:
        draw_now(app)
        # What waited for that frame (a scroll is started after the refresh, then animates): once more.
        await messages_processed(pilot)
        await app.animator.wait_until_complete()
        if app.is_running:
            draw_now(app)


async def press(pilot, *keys: str) -> None:
    """`Pilot.press` for the kiosk: each key is posted as Pilot posts it, then waited for with
    `settle` (acted on, in order, its screen ready and drawn). "wait:MS" pauses, as in Pilot."""
    import asyncio

    from kiosk.ui.textual_private import simulated_key

    app = pilot.app
    for key in keys:
        if key.startswith("wait:"):
            await asyncio.sleep(float(key.split(":")[1]) / 1000)
            continue
        if not app.is_running:
            return
        event = simulated_key(key)
        event.set_sender(app)
        app.post_message(event)
        await settle(pilot)


def topic_words_in(text: str) -> List[str]:
    lowered = text.lower()
    return [w for w in TOPIC_WORDS if w in lowered]


# --- finding a menu entry by what it opens, not by where it stands ---------------------------
# A client may reorder the home menu (pack.toml's topics) or a topic's pages: tests name the page
# or screen they want and look its key up, so no navigation test depends on the shipped order.

SHIPPED = Path(__file__).resolve().parent.parent / "content"
_shipped: list = []


def shipped_pack():
    """The shipped pack as the installed kiosk reads it (for tmux tests, which have no app object)."""
    from kiosk.data.content import ContentPack

    if not _shipped:
        _shipped.append(ContentPack(SHIPPED))
    return _shipped[0]


def home_key(pack, item: str) -> str:
    """The key home shows for `item`: "topic:<id>" or "screen:<tool>" (kiosk/data/menu.py)."""
    from kiosk.data.menu import HOME_TOOLS
    from kiosk.ui.screens.home import entry_keys

    items = [f"topic:{t.id}" for t in pack.topics] + [f"screen:{s}" for s, _ in HOME_TOOLS]
    return entry_keys(len(pack.topics))[items.index(item)]


def route(pack, page_id: str) -> List[str]:
    """The keys from home to a page: its topic's key, then the page's number in the topic's menu
    (none for a one-page topic, which opens its page directly). `pack`: `app.pack`, or
    `shipped_pack()` for the installed kiosk."""
    topic = pack.topic_of(page_id)
    keys = [home_key(pack, f"topic:{topic.id}")]
    if len(topic.page_ids) > 1:
        shown = [p for p in topic.page_ids if pack.page(p) is not None]  # the menu leaves out broken pages
        keys.append(str(shown.index(page_id) + 1))
    return keys


def pack_with(tmp_path: Path, file: str, old: Optional[str] = None, new: str = "", *,
              text: Optional[str] = None, gone: bool = False) -> Path:
    """A copy of the shipped pack with one file changed, as a deployer's edit or a slip would ship
    it: the first `old` in `file` (a path inside the pack) replaced by `new`; or the whole file
    `text`; or the file `gone`. `old` must be in the file, so a test never passes because the text
    it meant to break has moved."""
    pack = tmp_path / "pack"
    shutil.copytree(SHIPPED, pack)
    path = pack / file
    if gone:
        path.unlink()
    elif text is not None:
        path.write_text(text, encoding="utf-8")
    else:
        assert old is not None, "pack_with needs old (and new), text or gone"
        before = path.read_text(encoding="utf-8")
        assert old in before, f"{old!r} is not in {file}"
        path.write_text(before.replace(old, new, 1), encoding="utf-8")
    return pack


def reordered_pack(tmp_path: Path) -> Path:
    """A copy of the shipped pack with the home menu reversed (pack.toml's [[topics]] tables), and
    each topic's pages too: what a client reordering its menus might ship."""
    pack = tmp_path / "reordered"
    shutil.copytree(SHIPPED, pack)
    head, *topics = (pack / "pack.toml").read_text(encoding="utf-8").split("[[topics]]")
    pages = re.compile(r"^pages = \[(.*)\]$", re.M)
    topics = [pages.sub(lambda m: f"pages = [{', '.join(reversed(m[1].split(', ')))}]", t.rstrip()) + "\n\n"
              for t in reversed(topics)]
    (pack / "pack.toml").write_text("[[topics]]".join([head] + topics), encoding="utf-8")
    return pack


# --- a real terminal ------------------------------------------------------------------------

KIOSK = Path(sys.executable).parent / "kiosk"

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None or not KIOSK.exists(),
                                reason="needs tmux and the installed kiosk command")


class Terminal:
    """One tmux session (80x24 unless asked) running a command, on a private tmux server.

    `env`: extra variables; `clean_env`: start from an empty environment plus PATH, LANG and `env`
    (the kiosk-mode tests, where HOME and TERM are the test's). `remain_on_exit` keeps a dead pane
    readable. Escape-time is 0, as on the Linux console, so Esc is never held back by tmux."""

    def __init__(self, args: Sequence[str], width: int = 80, height: int = 24, env: Optional[Dict[str, str]] = None,
                 clean_env: bool = False, remain_on_exit: bool = False) -> None:
        self.socket = f"kiosk-test-{uuid.uuid4().hex[:8]}"
        self.name = "t"
        command = " ".join(shlex.quote(a) for a in args)
        env_args: List[str] = []
        if clean_env:
            base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", **(env or {})}
            command = "exec env -i " + " ".join(f"{k}={shlex.quote(v)}" for k, v in base.items()) + " " + command
        else:
            for key, value in (env or {}).items():
                env_args += ["-e", f"{key}={value}"]
        options = ["set-option", "-g", "escape-time", "0"]
        if remain_on_exit:
            options += [";", "set-option", "-g", "remain-on-exit", "on"]
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                   *env_args, command, ";", *options)

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10)
        return out.stdout

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def screen(self, scrollback: bool = False) -> str:
        extra = ["-S", "-", "-E", "-"] if scrollback else []
        return self._tmux("capture-pane", "-p", "-t", self.name, *extra)

    def wait_for(self, text: str, timeout: float = 10.0, scrollback: bool = False) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen(scrollback)
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not appear within {timeout}s; the screen shows:\n{self.screen(True)}")

    def value(self, fmt: str) -> str:
        return self._tmux("display-message", "-p", "-t", self.name, fmt).strip()

    def pane_pid(self) -> int:
        return int(self.value("#{pane_pid}") or 0)

    def child_pid(self) -> int:
        """The pane's command, or the child of a wrapping shell (`sh -c "kiosk; echo ..."`)."""
        pid = self.pane_pid()
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists() and children.read_text().split():
            return int(children.read_text().split()[0])
        return pid

    def alive(self) -> bool:
        if self.name not in self._tmux("list-sessions", "-F", "#{session_name}").split():
            return False
        return self.value("#{pane_dead}") != "1"

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def close(self) -> None:
        path = self.value("#{socket_path}")
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)
        if path:
            Path(path).unlink(missing_ok=True)  # tmux leaves its socket file behind


# What the kiosk draws on every screen: none of it may be left after a quick exit.
APP_WORDS = ("Quick exit", "EMERGENCY", "Find help", "Search", "Pick")
EXIT_MARK = "kiosk-exited-with="


def kiosk_command(args: str, wrap: bool = True) -> List[str]:
    """The installed kiosk with `args`; wrapped in a shell that prints its exit status (tmux may be
    slow to reap a dead pane)."""
    command = [str(KIOSK), *shlex.split(args)]
    return ["sh", "-c", f"{shlex.join(command)}; echo {EXIT_MARK}$?"] if wrap else command


def wait_exit_status(t: Terminal, timeout: float = 10) -> int:
    """The kiosk's exit status, as printed by the wrapping shell (see `kiosk_command`)."""
    screen = t.wait_for(EXIT_MARK, timeout, scrollback=True)
    return int(screen.split(EXIT_MARK, 1)[1].split()[0])


# --- the QR decoder -------------------------------------------------------------------------

Matrix = List[List[bool]]

# --- reading the drawing back ---------------------------------------------------------------

_CELLS = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}


def read_drawing(lines: Sequence[str]) -> Tuple[Matrix, int, int, int, int]:
    """Modules from half-block lines; returns (code matrix, quiet top, bottom, left, right)."""
    width = len(lines[0])
    assert all(len(line) == width for line in lines), "ragged drawing"
    full: Matrix = []
    for line in lines:
        top, bottom = [], []
        for ch in line:
            assert ch in _CELLS, f"unexpected character {ch!r} in the drawing"
            t, b = _CELLS[ch]
            top.append(t)
            bottom.append(b)
        full += [top, bottom]
    dark_rows = [y for y, row in enumerate(full) if any(row)]
    dark_cols = [x for x in range(width) if any(row[x] for row in full)]
    y0, y1, x0, x1 = dark_rows[0], dark_rows[-1], dark_cols[0], dark_cols[-1]
    matrix = [row[x0:x1 + 1] for row in full[y0:y1 + 1]]
    return matrix, y0, len(full) - 1 - y1, x0, width - 1 - x1


# --- an independent decoder -------------------------------------------------------------------

# (EC codewords per block, [(number of blocks, data codewords per block), ...]), versions 1-6.
EC_BLOCKS = {
    (1, "L"): (7, [(1, 19)]), (1, "M"): (10, [(1, 16)]), (1, "Q"): (13, [(1, 13)]), (1, "H"): (17, [(1, 9)]),
    (2, "L"): (10, [(1, 34)]), (2, "M"): (16, [(1, 28)]), (2, "Q"): (22, [(1, 22)]), (2, "H"): (28, [(1, 16)]),
    (3, "L"): (15, [(1, 55)]), (3, "M"): (26, [(1, 44)]), (3, "Q"): (18, [(2, 17)]), (3, "H"): (22, [(2, 13)]),
    (4, "L"): (20, [(1, 80)]), (4, "M"): (18, [(2, 32)]), (4, "Q"): (26, [(2, 24)]), (4, "H"): (16, [(4, 9)]),
    (5, "L"): (26, [(1, 108)]), (5, "M"): (24, [(2, 43)]), (5, "Q"): (18, [(2, 15), (2, 16)]),
    (5, "H"): (22, [(2, 11), (2, 12)]),
    (6, "L"): (18, [(2, 68)]), (6, "M"): (16, [(4, 27)]), (6, "Q"): (24, [(4, 19)]), (6, "H"): (28, [(4, 15)]),
}
ALIGNMENT = {1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34]}
EC_BITS = {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}
MASKS = [
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
]


def bch_format(data5: int) -> int:
    value = data5 << 10
    for bit in range(14, 9, -1):
        if value & (1 << bit):
            value ^= 0b10100110111 << (bit - 10)
    return ((data5 << 10) | value) ^ 0b101010000010010


def check_finder(m: Matrix, top: int, left: int) -> None:
    for dy in range(-1, 8):
        for dx in range(-1, 8):
            y, x = top + dy, left + dx
            if not (0 <= y < len(m) and 0 <= x < len(m)):
                continue
            ring = max(abs(dy - 3), abs(dx - 3))
            assert m[y][x] == (ring in (0, 1, 3)), f"finder pattern broken at {y},{x}"


def read_format(m: Matrix) -> Tuple[str, int]:
    n = len(m)
    first = [m[8][x] for x in (0, 1, 2, 3, 4, 5, 7, 8)] + [m[y][8] for y in (7, 5, 4, 3, 2, 1, 0)]
    second = [m[y][8] for y in range(n - 1, n - 8, -1)] + [m[8][x] for x in range(n - 8, n)]
    words = []
    for bits in (first, second):
        words.append(sum(int(b) << (14 - k) for k, b in enumerate(bits)))
    assert words[0] == words[1], "the two copies of the format information differ"
    valid = {bch_format(d): d for d in range(32)}
    assert words[0] in valid, "format information fails its BCH check"
    data = valid[words[0]]
    assert m[n - 8][8], "the dark module is missing"
    return EC_BITS[data >> 3], data & 0b111


def function_modules(version: int) -> List[List[bool]]:
    n = 4 * version + 17
    f = [[False] * n for _ in range(n)]

    def box(y0: int, x0: int, h: int, w: int) -> None:
        for y in range(max(y0, 0), min(y0 + h, n)):
            for x in range(max(x0, 0), min(x0 + w, n)):
                f[y][x] = True

    box(0, 0, 9, 9)
    box(0, n - 8, 9, 8)
    box(n - 8, 0, 8, 9)
    box(6, 0, 1, n)
    box(0, 6, n, 1)
    centres = ALIGNMENT[version]
    for cy in centres:
        for cx in centres:
            if (cy, cx) in ((6, 6), (6, centres[-1]), (centres[-1], 6)):
                continue
            box(cy - 2, cx - 2, 5, 5)
    return f


def read_codewords(m: Matrix, version: int, mask: int) -> List[int]:
    n = len(m)
    func = function_modules(version)
    bits: List[int] = []
    col = n - 1
    upward = True
    while col > 0:
        if col == 6:
            col -= 1
        for k in range(n):
            y = n - 1 - k if upward else k
            for x in (col, col - 1):
                if not func[y][x]:
                    bits.append(int(m[y][x] ^ MASKS[mask](y, x)))
        upward = not upward
        col -= 2
    return [sum(b << (7 - k) for k, b in enumerate(bits[i:i + 8])) for i in range(0, len(bits) - 7, 8)]


def gf_tables() -> Tuple[List[int], List[int]]:
    exp, log = [0] * 512, [0] * 256
    x = 1
    for i in range(255):
        exp[i] = x
        log[x] = i
        x <<= 1
        if x & 0x100:
            x ^= 0x11D
    for i in range(255, 512):
        exp[i] = exp[i - 255]
    return exp, log


def rs_syndromes(block: Sequence[int], n_ec: int) -> List[int]:
    exp, log = gf_tables()
    out = []
    for i in range(n_ec):
        s = 0
        for c in block:
            s = (exp[log[s] + i] if s else 0) ^ c  # Horner: s * alpha^i + c
        out.append(s)
    return out


def decode_matrix(m: Matrix) -> Tuple[str, int, str]:
    """(text, version, error level) from a module matrix without quiet zone."""
    n = len(m)
    assert all(len(row) == n for row in m), "not square"
    assert (n - 17) % 4 == 0, f"size {n} is no QR version"
    version = (n - 17) // 4
    assert version in ALIGNMENT, "decoder handles versions 1-6 (all the screen can show)"
    for top, left in ((0, 0), (0, n - 7), (n - 7, 0)):
        check_finder(m, top, left)
    for k in range(8, n - 8):
        assert m[6][k] == (k % 2 == 0) and m[k][6] == (k % 2 == 0), "timing pattern broken"
    error, mask = read_format(m)
    n_ec, groups = EC_BLOCKS[(version, error)]
    sizes = [size for count, size in groups for _ in range(count)]
    words = read_codewords(m, version, mask)
    assert len(words) == sum(sizes) + n_ec * len(sizes)
    data_blocks: List[List[int]] = [[] for _ in sizes]
    ec_blocks: List[List[int]] = [[] for _ in sizes]
    pos = 0
    for i in range(max(sizes)):
        for b, size in enumerate(sizes):
            if i < size:
                data_blocks[b].append(words[pos])
                pos += 1
    for _ in range(n_ec):
        for b in range(len(sizes)):
            ec_blocks[b].append(words[pos])
            pos += 1
    for data, ec in zip(data_blocks, ec_blocks):
        assert rs_syndromes(data + ec, n_ec) == [0] * n_ec, "a Reed-Solomon block does not check"
    stream = "".join(f"{w:08b}" for block in data_blocks for w in block)
    assert stream[:4] == "0100", f"expected a byte-mode segment, got mode {stream[:4]}"
    count = int(stream[4:12], 2)
    payload = bytes(int(stream[12 + 8 * k:20 + 8 * k], 2) for k in range(count))
    rest = stream[12 + 8 * count:]
    assert set(rest[:4]) <= {"0"}, "expected the terminator (or nothing) after the segment"
    return payload.decode("utf-8"), version, error


# --- clocks that run for real, faster, or jump ahead ------------------------------------------

class ScaledClock:
    """A monotonic clock for time-based tests with real processes (the voice): it runs `factor`
    times faster than real time, `set_factor(1)` brings it back to real speed, `jump(s)` moves it
    ahead at once. A 2-minute alarm test takes seconds, and what must be heard in real time (the
    alarm's words, a beat's count) still is."""

    def __init__(self, factor: float = 1.0) -> None:
        self.base_real = time.monotonic()
        self.base = 1000.0
        self.factor = factor

    def __call__(self) -> float:
        return self.base + (time.monotonic() - self.base_real) * self.factor

    def set_factor(self, factor: float) -> None:
        self.base, self.base_real = self(), time.monotonic()
        self.factor = factor

    def jump(self, seconds: float) -> None:
        self.base += seconds


def played(folder: Path) -> List[dict]:
    """What tests/recording_player.py recorded, in the order the players started."""
    import json

    records = []
    for path in sorted(folder.glob("*.json"), key=lambda p: int(p.name.split("-")[0])):
        record = json.loads(path.read_text())
        record["wav"] = path.with_suffix(".wav")
        records.append(record)
    return records


def config_from_command_line(monkeypatch, argv: List[str]):
    """The Config the CLI would hand to make_app for `argv` (the app itself is never made)."""
    import pytest

    from kiosk import cli

    made = {}

    def fake_make_app(content=None, config=None, **_):
        made["config"] = config
        raise SystemExit(0)

    monkeypatch.setattr("kiosk.factory.make_app", fake_make_app)
    monkeypatch.setattr(cli, "clean_environment", lambda: None)  # keeps the test runner's TEXTUAL_* settings
    with pytest.raises(SystemExit):
        cli.main(argv)
    return made["config"]
