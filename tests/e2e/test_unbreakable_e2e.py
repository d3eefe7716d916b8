"""Issue 16 in a real terminal (tmux): no byte, sequence, key race, paste or file ends, freezes or
unlocks the kiosk. Each test drives the INSTALLED `kiosk` as a hostile user would."""

from __future__ import annotations

import re
import time

import pytest
from support import EXIT_MARK, home_key, needs_tmux, shipped_pack

pytestmark = needs_tmux

WELCOME = "Press any key to start"
HOME = "Quick exit"
EMERGENCY = "EMERGENCY"

# Raw bytes that are not UTF-8 (8-bit console keyboard, xterm's 8th-bit Alt).
BAD_BYTES = ("a3", "80", "f8", "ff", "c3", "e2 82", "f0 9f 98")
# Escape sequences whose numbers are out of range for Textual's parser.
BAD_SEQUENCES = (b"\x1b[1114112u", b"\x1b[9999999999~", b"\x1b[999999999999999999A", b"\x1b[2:52u",
                 b"\x1b[1;5:3A", b"\x1b[57441;1114112u", b"\x1b[97;1:1114112u")


def hex_of(data: bytes) -> list:
    return [f"{b:02x}" for b in data]


def start_visit(t) -> None:
    t.wait_for(WELCOME)
    t.keys("Space")
    t.wait_for(HOME)


def assert_still_kiosk(t) -> None:
    """`e` opens Emergency, Esc wipes back to the welcome screen, and the process never ended."""
    t.keys("e")
    t.wait_for(EMERGENCY)
    t.keys("Escape")
    t.wait_for(WELCOME)
    everything = t.everything()
    assert EXIT_MARK not in everything and "Traceback" not in everything and "Error" not in everything


def test_non_utf8_bytes_become_nothing(kiosk_tmux):
    t = kiosk_tmux("--mode kiosk")
    start_visit(t)
    for data in BAD_BYTES:
        t.keys("-H", *data.split())
    t.keys("/")  # still reading keys after them
    t.wait_for("Results appear as you type")
    for data in BAD_BYTES:
        t.keys("-H", *data.split())
    t.type("naloxone")
    screen = t.wait_for("found")
    assert "naloxone" in screen and "\ufffd" not in screen
    assert_still_kiosk(t)


def test_out_of_range_escape_sequences_are_dropped(kiosk_tmux):
    t = kiosk_tmux("--mode kiosk")
    start_visit(t)
    burst = b"".join(BAD_SEQUENCES)
    t.keys("-H", *hex_of(burst))  # all at once, as a terminal would send them
    for sequence in BAD_SEQUENCES:
        t.keys("-H", *hex_of(sequence))  # and one by one
    time.sleep(0.2)
    assert t.alive()
    assert_still_kiosk(t)


@pytest.mark.parametrize("burst", [b"\x1bx", b"\x1b1", b"a\x1bb"])
def test_esc_then_a_key_at_once_is_still_quick_exit_in_kiosk_mode(kiosk_tmux, burst):
    t = kiosk_tmux("--mode kiosk")
    start_visit(t)
    t.keys(home_key(shipped_pack(), "topic:symptoms"))
    t.wait_for("Core symptoms")  # the Symptoms topic is up ("1-9 Pick" is on home too)
    t.keys("-H", *hex_of(burst))
    t.wait_for(WELCOME, timeout=5)
    assert "Pick" not in t.screen()


@pytest.mark.parametrize("burst", [b"\x1bx", b"a\x1bb"])
def test_esc_then_a_key_at_once_is_still_quick_exit_in_personal_mode(kiosk_tmux, burst):
    t = kiosk_tmux("")
    t.wait_for(HOME)
    t.keys("-H", *hex_of(burst))
    assert t.wait_exit_status() == 0


def test_fuzz_in_a_real_terminal(kiosk_tmux):
    """A short version of the input fuzzer (tests/pilot/test_unbreakable_input.py): 100 random escape
    sequences and 100 random byte strings, fixed seed, in bursts; then e and Esc still work.
    (The keys they decode to open screens, and each takes time to build on a loaded machine:
    the waits are long, the assertions are not.)"""
    import random

    from test_unbreakable_input import random_bytes, random_sequence

    rng = random.Random(16)
    t = kiosk_tmux("--mode kiosk")
    start_visit(t)
    for _burst in range(20):
        data = b"".join(random_sequence(rng) for _ in range(5)) + b"".join(random_bytes(rng) for _ in range(5))
        t.keys("-H", *hex_of(data))
    wait_until_still(t)
    assert t.alive()
    t.keys("Escape")
    t.wait_for(WELCOME, timeout=60)
    t.keys("e")
    t.wait_for(EMERGENCY, timeout=60)
    t.keys("Escape")
    t.wait_for(WELCOME, timeout=60)
    assert EXIT_MARK not in t.everything()


def wait_until_still(t, quiet: float = 1.5, timeout: float = 90) -> None:
    """Until the screen has not changed for `quiet` seconds (the app has worked through its keys)."""
    deadline = time.monotonic() + timeout
    last, since = t.screen(), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet:
        time.sleep(0.1)
        now = t.screen()
        if now != last:
            last, since = now, time.monotonic()


def paste(t, text: str, tmp_path) -> None:
    """A real bracketed paste, as a terminal sends it (tmux load-buffer + paste-buffer -p)."""
    source = tmp_path / "paste.txt"
    source.write_text(text)
    t.tmux("load-buffer", "-b", "p", str(source))
    t.tmux("paste-buffer", "-p", "-b", "p", "-t", t.name)


def test_a_big_paste_never_delays_quick_exit(kiosk_tmux, tmp_path):
    words = " ".join(f"w{i}" for i in range(40_000))  # 269 KB of distinct words (was 20 s before Esc)
    t = kiosk_tmux("--mode kiosk")
    start_visit(t)
    t.keys("/")
    t.wait_for("Results appear as you type")
    paste(t, words, tmp_path)
    t.wait_for("w0 w1 w2")
    started = time.monotonic()
    t.keys("Escape")
    t.wait_for(WELCOME, timeout=10)
    assert time.monotonic() - started < 2.0
    assert_still_kiosk(t)


def test_admin_prompt_races_in_a_real_terminal(kiosk_tmux, tmp_path):
    """A key and Ctrl+X in one burst on the welcome screen; three wrong secrets then Esc at once."""
    from kiosk.data.secret import hash_secret

    config = tmp_path / "kiosk.toml"
    config.write_text(f'mode = "kiosk"\nexit_secret_hash = "{hash_secret("open sesame 1", iterations=1000)}"\n')
    t = kiosk_tmux(f"--config {config}")
    t.wait_for(WELCOME)
    for burst in (b" \x18", b"a\x18", b"\x18 ", b"e\x18"):
        t.keys("-H", *hex_of(burst))
        time.sleep(0.3)
        t.keys("Escape")
        t.wait_for(WELCOME)
    t.keys("C-x")
    t.wait_for("Administrator exit")
    for _ in range(3):
        t.type("wrong secret")
        t.keys("Enter")
    t.keys("Escape")  # while a check runs (each wrong one makes the next wait longer)
    t.wait_for(WELCOME)
    time.sleep(2.5)  # past the checks' waits
    assert t.alive() and EXIT_MARK not in t.everything()
    assert_still_kiosk(t)


def dose_times(screen: str) -> list:
    """The dose times the timer view lists for the ambulance crew."""
    found = re.search(r"Naloxone given at: (\d\d:\d\d(?:, \d\d:\d\d)*)", " ".join(screen.split()))
    assert found, screen
    return found.group(1).split(", ")


@pytest.mark.slow
def test_a_held_dose_key_is_one_dose_and_a_second_soon_after_asks(kiosk_tmux):
    """Item 10 in a real terminal: `d` held (20 repeats, 33 ms apart) records one dose time; a
    new press a second later asks "Another dose already?"; n keeps one dose."""
    t = kiosk_tmux("--mode kiosk")
    start_visit(t)
    t.keys("e")
    t.wait_for("Guide me")
    t.keys("g")
    t.wait_for("Step 1 of")
    t.keys(*["Enter"] * 4)
    t.wait_for("Give naloxone")
    for _ in range(20):  # the terminal's key repeat while `d` is held
        t.keys("d")
        time.sleep(0.033)
    t.wait_for("Next dose in")
    time.sleep(0.3)  # any repeat still queued is read before counting
    assert len(dose_times(t.screen())) == 1
    time.sleep(1.0)  # released, then pressed again: a new press (past the repeat gap)
    t.keys("d")
    t.wait_for("Another dose already?")
    t.keys("n")
    screen = t.wait_for("I gave another dose")
    assert "Another dose already?" not in screen
    assert len(dose_times(screen)) == 1
    assert_still_kiosk(t)
