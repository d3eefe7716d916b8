"""Hands-free emergency benchmark (issue 17): run by hand, prints figures for the README.

    .venv/bin/python tests/benchmarks/bench_handsfree.py

1. CPU of the CPR coach running for 20 s (the app's own CPU, and its children's with the voice
   counting the beat through real espeak-ng into a pipe).
2. Memory with speech on: the app's peak RSS, and the peak RSS of an espeak-ng child.
3. Delay from a step appearing (the guide's Next) to the first audio sample reaching the player's
   pipe, with the real espeak-ng; median of 15.
"""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kiosk.data.config import Config  # noqa: E402
from kiosk.data.speech import EspeakEngine, SilentEngine  # noqa: E402
from kiosk.factory import make_app  # noqa: E402
from kiosk.ui.screens.coach import CoachScreen  # noqa: E402

ESPEAK = shutil.which("espeak-ng")


def cpu() -> tuple:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


async def coach_cpu(engine, seconds: float = 20.0) -> tuple:
    app = make_app(config=Config(region="US", speech="emergency"), speech=engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g", "enter", "enter", "c")
        assert isinstance(app.screen, CoachScreen)
        await pilot.press("enter")  # start the beat now, without waiting for the opening words
        await pilot.pause(1.0)
        own0, kids0 = cpu()
        start = time.perf_counter()
        await asyncio.sleep(seconds)
        wall = time.perf_counter() - start
        own1, kids1 = cpu()
        beats = app.screen.beat.number
        await pilot.press("escape")
    return (own1 - own0) / wall * 100, (kids1 - kids0) / wall * 100, beats


class FirstSample:
    """Reads the player's output pipe; notes when the first audio after the WAV header arrives."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.times = []
        self.armed = threading.Event()
        self.got = 0
        threading.Thread(target=self.run, daemon=True).start()

    def run(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            if self.armed.is_set():
                self.got += len(chunk)
                if self.got > 44:
                    self.times.append(time.perf_counter())
                    self.armed.clear()


async def first_sample_delay(runs: int = 15) -> list:
    read_end, write_end = os.pipe()
    reader = FirstSample(read_end)
    engine = EspeakEngine(ESPEAK, player=["cat"], player_stdout=write_end)
    app = make_app(config=Config(region="US", speech="emergency"), speech=engine)
    delays = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "g")
        for i in range(runs):
            await asyncio.sleep(0.5)
            engine.stop()
            reader.got = 0
            reader.times.clear()
            reader.armed.set()
            shown = time.perf_counter()
            await pilot.press("enter" if i % 2 == 0 else "backspace")  # a new step appears
            for _ in range(200):
                if reader.times:
                    break
                await asyncio.sleep(0.002)
            if reader.times:
                delays.append((reader.times[0] - shown) * 1000)
        await pilot.press("escape")
    os.close(write_end)
    return delays


def espeak_rss() -> float:
    engine = EspeakEngine(ESPEAK, player=["sleep", "30"])  # the player never reads: espeak-ng stays alive
    engine.say("Someone is not breathing. Put the phone on speaker next to them. " * 30)
    time.sleep(0.5)
    status = Path(f"/proc/{engine.children[0].pid}/status").read_text()
    engine.stop()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")) / 1024


def main() -> None:
    own, kids, beats = asyncio.run(coach_cpu(SilentEngine()))
    print(f"Coach running, no sound: app CPU {own:.1f}% of one core ({beats} beats)")
    if ESPEAK is None:
        print("espeak-ng not installed: no speech figures")
        return
    read_end, write_end = os.pipe()
    FirstSample(read_end)
    engine = EspeakEngine(ESPEAK, player=["cat"], player_stdout=write_end)
    own, kids, beats = asyncio.run(coach_cpu(engine))
    print(f"Coach running, voice counting every beat: app CPU {own:.1f}%, espeak-ng+player {kids:.1f}% "
          f"of one core ({beats} beats)")
    rss_app = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Memory with speech on: app peak RSS {rss_app:.0f} MB; espeak-ng child peak RSS "
          f"{espeak_rss():.1f} MB (its own /proc VmHWM: ru_maxrss of children counts the forked parent)")
    delays = asyncio.run(first_sample_delay())
    print(f"Step shown -> first audio sample in the player's pipe: median {statistics.median(delays):.0f} ms, "
          f"max {max(delays):.0f} ms (n={len(delays)})")


if __name__ == "__main__":
    main()
