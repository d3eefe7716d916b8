"""Soak benchmark: many kiosk-mode visits in one process; does memory come back after each visit?

Run by hand (never collected by pytest):

    .venv/bin/python tests/benchmarks/soak.py              # 300 visits
    .venv/bin/python tests/benchmarks/soak.py --visits 50

One visit, as a walk-up user makes it (Pilot, 80x24): a key starts it; a topic, a page of it;
search with a word typed letter by letter, its first result; Emergency, its step-by-step guide,
two steps on; then Esc (quick exit) back to the welcome screen. Reported at visits 10, half-way
and the last: RSS (VmRSS, MiB), the peak so far (VmHWM), the number of live Python objects after a
full collection, and how many of them are Textual widgets (a visit that leaks leaves screens behind).
Figures only: nothing is asserted (a timed test on a shared CI machine would only be noise).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.data.config import Config  # noqa: E402
from kiosk.factory import make_app  # noqa: E402


def status(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def live_objects() -> tuple:
    from textual.widget import Widget

    gc.collect()
    objects = gc.get_objects()
    return len(objects), sum(1 for o in objects if isinstance(o, Widget))


async def press(pilot, *keys: str) -> None:
    """Pilot's press, then wait until the app has acted on every key (kiosk/ui/key_order.py)."""
    await pilot.press(*keys)
    while pilot.app.key_order.busy or pilot.app.key_order.waiting:
        await asyncio.sleep(0.005)


async def visit(pilot) -> None:
    await press(pilot, "space")  # starts a visit on the home screen
    await press(pilot, "2", "1")  # Symptoms, its first page
    await press(pilot, "slash", *"methadone", "enter")  # search, open the first result
    await press(pilot, "e", "enter", "enter", "enter")  # Emergency, the guide, two steps on
    await press(pilot, "escape")  # quick exit: back to the welcome screen


async def soak(visits: int) -> None:
    app = make_app(config=Config(mode="kiosk"))
    marks = sorted({min(10, visits), max(1, visits // 2), visits})
    start = time.monotonic()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        objects, widgets = live_objects()
        print(f"{'visits':>6} {'RSS MiB':>8} {'peak MiB':>9} {'objects':>9} {'widgets':>8} {'s/visit':>8}")
        print(f"{0:>6} {status('VmRSS'):>8.1f} {status('VmHWM'):>9.1f} {objects:>9} {widgets:>8} {'':>8}")
        for n in range(1, visits + 1):
            await visit(pilot)
            if n in marks:
                objects, widgets = live_objects()
                per = (time.monotonic() - start) / n
                print(f"{n:>6} {status('VmRSS'):>8.1f} {status('VmHWM'):>9.1f} {objects:>9} {widgets:>8} {per:>8.2f}")
        assert app.current_mode == "welcome"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=300)
    asyncio.run(soak(parser.parse_args().visits))


if __name__ == "__main__":
    main()
