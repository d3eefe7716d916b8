"""In-process timings through Pilot (moved here from the test suite: they timed things and asserted
nothing on the time). Run by hand, never collected by pytest, from the repository's root:

    .venv/bin/python tests/benchmarks/bench_pilot.py

- key -> Emergency first frame: from pressing `e` on a content page to the emergency screen's
  first frame, ten times (a person reads between presses; the next emergency screen is built
  ahead meanwhile);
- quick exit: from the app receiving Esc to the welcome screen being drawn, from a deep visit
  (topic, page, search with results), kiosk mode, three times.
The figures go in the issue notes; tests/ checks the behaviour (test_emergency.py: every `e`
shows the screen built ahead; test_privacy_quick_exit.py: quick exit from every screen).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support import route  # noqa: E402
from textual import events  # noqa: E402

from kiosk.data.config import Config  # noqa: E402
from kiosk.data.speech import SilentEngine  # noqa: E402
from kiosk.factory import make_app  # noqa: E402
from kiosk.ui.screens.emergency import EmergencyScreen  # noqa: E402
from kiosk.ui.screens.page import PageScreen  # noqa: E402
from kiosk.ui.screens.welcome import WelcomeScreen  # noqa: E402
from kiosk.ui.textual_private import spy_on_frames  # noqa: E402


async def key_to_emergency() -> None:
    app = make_app(config=Config(region="UK"), speech=SilentEngine())
    frames = spy_on_frames(app, EmergencyScreen)
    to_frame = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*route(app.pack, "what-is"))
        for _ in range(10):
            await pilot.pause(0.1)
            before = len(frames)
            start = time.perf_counter()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, EmergencyScreen) and len(frames) > before
            to_frame.append(frames[before] - start)
            await pilot.press("backspace")
            assert isinstance(app.screen, PageScreen)
    print(f"key -> Emergency first frame: median {statistics.median(to_frame) * 1000:.1f} ms, "
          f"first {to_frame[0] * 1000:.1f} ms, max {max(to_frame) * 1000:.1f} ms")


async def quick_exit() -> None:
    app = make_app(config=Config(mode="kiosk"), speech=SilentEngine())
    arrived = []
    async with app.run_test(size=(80, 24)) as pilot:
        drawn = spy_on_frames(app, WelcomeScreen)
        original_on_event = app.on_event

        async def on_event_spy(event):
            if isinstance(event, events.Key) and event.key == "escape":
                arrived.append(time.perf_counter())
            await original_on_event(event)

        app.on_event = on_event_spy  # type: ignore[method-assign]
        figures = []
        for _ in range(3):
            await pilot.press("space", *route(app.pack, "symptoms-core"), "pagedown", "slash", *"rel", "down")
            await pilot.pause()
            arrived.clear(), drawn.clear()
            await pilot.press("escape")
            for _ in range(50):
                if drawn:
                    break
                await pilot.pause()
            assert arrived and drawn and isinstance(app.screen, WelcomeScreen), "the welcome screen was never drawn"
            figures.append((drawn[0] - arrived[0]) * 1000)
    print(f"quick exit, Esc received -> neutral screen drawn: {', '.join(f'{f:.1f}' for f in sorted(figures))} ms")


if __name__ == "__main__":
    asyncio.run(key_to_emergency())
    asyncio.run(quick_exit())
