"""Issue 16: the input path (bytes -> KioskParser -> messages) never raises, never sticks, and
Esc stays Esc. Fed directly (fast); tests/e2e/test_unbreakable_e2e.py does the same in a real terminal."""

from __future__ import annotations

import functools
import os
import random
import time

import pytest
from textual import constants, events

from kiosk.terminal.driver import MAX_COLUMNS, MAX_LINES, KeyReader, clamp_size, terminal_size

# One fixed seed (the run that found issue 16's bugs) and one fresh each run (issue 22), printed;
# KIOSK_FUZZ_SEED=<seed> repeats a run.
FRESH_SEED = int(os.environ.get("KIOSK_FUZZ_SEED") or random.SystemRandom().randrange(1 << 32))
SEEDS = (16, FRESH_SEED)
FUZZ_COUNT = 10_000


@pytest.fixture(autouse=True)
def short_escape_delay(monkeypatch):
    monkeypatch.setattr(constants, "ESCAPE_DELAY", 0.01)


def keys(messages) -> list:
    return [m.key for m in messages if isinstance(m, events.Key)]


def settle(reader: KeyReader) -> list:
    """Let a pending ESC time out, as the input thread's select would."""
    time.sleep(0.015)
    return reader.tick()


def assert_reader_still_works(reader: KeyReader) -> None:
    settle(reader)
    assert keys(reader.feed(b"\x1b") + settle(reader)) == ["escape"]
    assert keys(reader.feed(b"e")) == ["e"]
    assert keys(reader.feed(b"\x1b[A")) == ["up"]


@pytest.mark.parametrize("data", [b"\xa3", b"\x80", b"\xf8", b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80"])
def test_bytes_that_are_not_utf8_become_nothing(data):
    reader = KeyReader()
    assert reader.feed(data + b"e") == [] or keys(reader.feed(b"")) == []  # nothing raised
    reader = KeyReader()
    assert keys(reader.feed(data + b"e" + data)) == ["e"]  # the bad bytes are dropped, e survives
    assert_reader_still_works(reader)


@pytest.mark.parametrize("sequence", [b"\x1b[1114112u", b"\x1b[9999999999~", b"\x1b[999999999999999999A",
                                      b"\x1b[2:52u", b"\x1b[1;5:3A", b"\x1b[97;1:1114112u", b"\x1b[9999999999;5u"])
def test_escape_sequences_the_parser_cannot_read_are_dropped(sequence):
    reader = KeyReader()
    assert keys(reader.feed(sequence + b"e")) == ["e"]
    assert keys(reader.feed(sequence * 3 + b"\x1b[B")) == ["down"]  # several at once, then a real key
    assert_reader_still_works(reader)


@pytest.mark.parametrize("burst, expected", [
    (b"\x1bx", ["escape", "x"]), (b"\x1b1", ["escape", "1"]), (b"a\x1bb", ["a", "escape", "b"]),
    (b"\x1bf", ["escape", "f"]), (b"\x1b\x7f", ["escape", "backspace"]), (b"\x1be", ["escape", "e"]),
])
def test_esc_then_a_key_at_once_is_esc_then_the_key_never_alt(burst, expected):
    reader = KeyReader()
    assert keys(reader.feed(burst) + settle(reader)) == expected


def test_real_sequences_still_read_as_their_keys():
    reader = KeyReader()
    got = keys(reader.feed(b"\x1b[A\x1b[B\x1bOP\x1b[15~\x1b[Z\x1b[1;5C"))
    assert got == ["up", "down", "f1", "f5", "shift+tab", "ctrl+right"]


def test_a_paste_left_open_ends_at_the_next_esc():
    """`\\e[200~` with no end would turn every key into paste text for ever; Esc ends it."""
    reader = KeyReader()
    assert keys(reader.feed(b"\x1b[200~stray") + [m for m in settle(reader)]) == []
    assert keys(reader.feed(b"\x1b") + settle(reader)) == ["escape"]
    assert keys(reader.feed(b"e")) == ["e"]


def test_a_faked_resize_report_never_sets_the_size():
    """Issue 22 item 6 (was: clamped): the terminal's own size, clamped, whatever the report says."""
    reader = KeyReader(size=lambda: (100_000, 100_000))
    messages = reader.feed(b"\x1b[48;100000;100000;1;1t") + reader.feed(b"\x1b[48;1;1;1;1t")
    sizes = [tuple(m.size) for m in messages if isinstance(m, events.Resize)]
    assert set(sizes) == {(MAX_COLUMNS, MAX_LINES)}


def test_sizes_are_clamped_and_come_from_the_terminal_not_the_environment(monkeypatch):
    assert clamp_size(100_000, 100_000) == (MAX_COLUMNS, MAX_LINES)
    assert clamp_size(0, -5) == (1, 1)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("LINES", "60")
    assert terminal_size([]) == (80, 24)  # no terminal: the default, never COLUMNS/LINES


# The fuzzer ------------------------------------------------------------------------------------
def random_bytes(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randint(1, 12)))


NUMBERS = ("0", "1", "5", "27", "200", "201", "1114111", "1114112", "9999999999", "999999999999999999999", "-1", "")
FINALS = "~ABCDEFHPQRSuMmtRyczl$"


def random_sequence(rng: random.Random) -> bytes:
    intro = rng.choice(["[", "[?", "[<", "[>", "O", "]", "P", "[48;", "", "[", "[?2048;", "[" + "1;" * 40])
    params = [rng.choice(NUMBERS) + (rng.choice(["", ":" + rng.choice(NUMBERS)]) if rng.random() < 0.3 else "")
              for _ in range(rng.randint(0, 4))]
    sep = rng.choice([";", ";", ":", ""])
    tail = rng.choice(FINALS) if rng.random() < 0.9 else chr(rng.randrange(32, 0x2FF))
    return ("\x1b" + intro + sep.join(params) + tail).encode("utf-8", "surrogatepass")


@functools.lru_cache(maxsize=None)  # the app test below reuses what the parser tests produced
def fuzz(seed: int, make) -> tuple:
    rng = random.Random(seed)
    reader = KeyReader()
    produced = []
    for n in range(FUZZ_COUNT):
        produced += reader.feed(make(rng))
        if n % 500 == 0:
            produced += settle(reader)
    produced += settle(reader)
    return reader, produced


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("make", [random_bytes, random_sequence], ids=["bytes", "sequences"])
def test_fuzz_the_input_path(seed, make):
    print(f"input fuzz seed: {seed} (KIOSK_FUZZ_SEED={seed} repeats it)")
    reader, produced = fuzz(seed, make)  # raising anywhere fails the test
    assert produced, "the fuzzer produced nothing at all: it is not exercising the parser"
    assert_reader_still_works(reader)


async def test_fuzzed_input_never_takes_e_or_esc_from_the_app(app_factory):
    """What the fuzzer produced, delivered to a kiosk-mode app as the driver would: afterwards `e`
    still opens Emergency and Esc still wipes back to the welcome screen."""
    _reader, sequences = fuzz(SEEDS[0], random_sequence)
    _reader, raw = fuzz(SEEDS[0], random_bytes)
    distinct: dict = {}  # one of each kind of key; the other messages (mouse, paste, resize) sampled
    for message in sequences + raw:
        kind = message.key if isinstance(message, events.Key) else f"{type(message).__name__}{len(distinct) % 50}"
        distinct.setdefault(kind, message)
    messages = list(distinct.values())
    assert len(messages) > 100
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for n, message in enumerate(messages):
            app._driver.process_message(message)
            if n % 25 == 0:
                await pilot.pause()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "welcome"
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "EmergencyScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "welcome" and len(app.screen_stack) == 1


# Big pastes (item 6) -----------------------------------------------------------------------------
DISTINCT_WORDS = " ".join(f"w{i}" for i in range(40_000))  # 269 KB, every word different


def test_a_megabyte_paste_is_cut_out_at_once_and_bounded():
    reader = KeyReader()
    data = b"a\x1b[200~" + (DISTINCT_WORDS * 4).encode() + b"\x1b[201~\x1b"
    started = time.perf_counter()
    messages = []
    for i in range(0, len(data), 4096):  # as the terminal delivers it
        messages += reader.feed(data[i:i + 4096])
    messages += settle(reader)
    assert time.perf_counter() - started < 0.5
    pastes = [m for m in messages if isinstance(m, events.Paste)]
    assert keys(messages) == ["a", "escape"] and len(pastes) == 1 and 0 < len(pastes[0].text) <= 16384


def test_search_terms_are_linear_and_bounded():
    from kiosk.data.search import MAX_TERMS, terms

    started = time.perf_counter()
    assert terms(DISTINCT_WORDS) == [f"w{i}" for i in range(MAX_TERMS)]
    assert time.perf_counter() - started < 0.1


async def test_a_big_paste_into_search_leaves_esc_instant(app_factory):
    app = app_factory(mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "slash")
        await pilot.pause()
        started = time.monotonic()
        app.screen.query_one("#search-input").post_message(events.Paste(DISTINCT_WORDS))
        await pilot.pause()
        assert app.screen.query_one("#search-input").value.startswith("w0 w1 w2")  # what fits is taken
        assert len(app.screen.query_one("#search-input").value) == 100
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "welcome" and time.monotonic() - started < 2
