"""Issue 22 items 1 and 9: fast hands never crash the kiosk. Clicks on the top bar and menus mixed
with Backspace, f, /, ?, e, Home (one event every 30-100 ms) ended it within a minute with
NoMatches (base.py _show_dose_timer; guided.py on_mount -> show_step): a handler met a screen whose
widgets had gone. Clicks go through the key-order queue with keys, in the order they came.

The fuzzer feeds bytes as the terminal sends them (SGR mouse reports and keys) through the kiosk's
own input path (KeyReader -> the driver -> the app), with random gaps; its seed is fresh each run
and printed (KIOSK_FUZZ_SEED=<seed> repeats it)."""

from __future__ import annotations

import asyncio
import os
import random

import pytest

from kiosk.terminal.driver import KeyReader

KEYS = [b"\x7f", b"f", b"/", b"?", b"e", b"\x1b[H", b"g", b"\r", b"1", b"2", b"d", b"t", b"x", b"y", b"n", b"p",
        b"c", b"h", b"\x1b[B", b"s", b"w"]


def click(x: int, y: int) -> bytes:
    return f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m".encode()


def fuzz_seed() -> int:
    seed = int(os.environ.get("KIOSK_FUZZ_SEED") or random.SystemRandom().randrange(1 << 32))
    print(f"click fuzz seed: {seed} (KIOSK_FUZZ_SEED={seed} repeats it)")
    return seed


async def deliver(app, reader: KeyReader, data: bytes) -> None:
    for message in reader.feed(data):
        app._driver.process_message(message)


@pytest.mark.parametrize("events_count", [250])
async def test_fuzz_clicks_and_keys_never_crash_the_kiosk(app_factory, events_count):
    seed = fuzz_seed()
    rng = random.Random(seed)
    app = app_factory(mode="kiosk", region="US")
    reader = KeyReader()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for n in range(events_count):
            r = rng.random()
            if r < 0.45:  # the top bar (Emergency, Quick exit, the dose clock) or the body (menus, buttons)
                y = 0 if rng.random() < 0.4 else rng.randrange(1, 24)
                data = click(rng.randrange(80), y)
            elif r < 0.47:
                data = b"\x1b"
            else:
                data = rng.choice(KEYS)
            await deliver(app, reader, data)
            await asyncio.sleep(rng.choice([0, 0, 0.001, 0.005, 0.02, 0.05]))
            assert app.is_running, f"seed {seed}: the kiosk ended after event {n}"
        await deliver(app, reader, b"\x1b")
        await asyncio.sleep(0.2)
        await deliver(app, reader, b"e")
        for _ in range(200):
            await pilot.pause(0.02)
            if type(app.screen).__name__ == "EmergencyScreen":
                break
        assert type(app.screen).__name__ == "EmergencyScreen", f"seed {seed}"


async def test_a_click_right_after_a_key_acts_on_the_screen_the_key_opened(app_factory):
    """`f` then a click where Find help shows "h  ... crisis", in one burst: the click waits for `f`
    to open Find help (it went past the key and hit whatever home shows there)."""
    app = app_factory(mode="kiosk", region="US")
    reader = KeyReader()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "f")
        link = app.screen.query_one("#crisis-link").region
        x, y = link.x + 2, link.y
        await pilot.press("home")
        await deliver(app, reader, b"f" + click(x, y))
        for _ in range(300):
            await pilot.pause(0.02)
            if type(app.screen).__name__ == "CrisisScreen":
                break
        assert type(app.screen).__name__ == "CrisisScreen"
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["FindHelpScreen", "CrisisScreen"]
