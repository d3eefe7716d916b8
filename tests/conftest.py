"""Shared test fixtures: every test builds the app through the same make_app() the CLI uses."""

from __future__ import annotations

import asyncio
import os
import random
import shlex
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kiosk.data.config import Config
from kiosk.factory import make_app

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def pytest_configure(config):
    """One fresh fuzz seed per run, the same in every xdist worker (they inherit the environment,
    and must collect the same tests: the input fuzzer names its seed in its test ids)."""
    os.environ.setdefault("KIOSK_FUZZ_SEED", str(random.SystemRandom().randrange(1 << 32)))


def pytest_report_header(config):
    seed = os.environ["KIOSK_FUZZ_SEED"]
    return f"fuzz seed: {seed} (KIOSK_FUZZ_SEED={seed} repeats this run's fuzzing)"


@pytest.fixture(autouse=True)
def _quiet_environment(monkeypatch):
    """Keep a developer's TEXTUAL_* settings out of results; steady snapshots."""
    for name in [n for n in os.environ if n.startswith("TEXTUAL") and not n.startswith("TEXTUAL_SNAPSHOT")]:
        monkeypatch.delenv(name)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")  # glyphs = "auto" would pick console glyphs under TERM=linux
    # An app made in a test never finds this machine's sound device: it never speaks aloud, and a
    # screen with the voice line ("v  Voice: no sound") looks the same on every machine.
    import shutil

    from kiosk.data import speech

    monkeypatch.setattr(speech, "detect", lambda: speech.SpeechStatus(shutil.which("espeak-ng"), None, False))


async def settled(app) -> None:
    """Until every key handed to the app has been acted on (kiosk/ui/key_order.py): Pilot's own
    wait watches CPU time and can return while a key still waits for its screen."""
    order = getattr(app, "key_order", None)
    for _ in range(2000):  # 10 s at most
        if order is None or not (order.busy or order.waiting):
            break
        await asyncio.sleep(0.005)


@pytest.fixture(autouse=True)
def _press_waits_for_the_key_order(monkeypatch):
    original = Pilot.press

    async def press(self, *keys: str) -> None:
        await original(self, *keys)
        await settled(self.app)
        await original(self)  # Pilot's own settle (animations, idle) after the last key

    monkeypatch.setattr(Pilot, "press", press)


@pytest.fixture
def app_factory():
    def factory(content: Path = CONTENT, config: Config | None = None, clock=None, wall_clock=None, speech=None,
                **config_fields):
        cfg = config or Config(**config_fields)
        from kiosk.data.speech import SilentEngine

        speech = speech if speech is not None else SilentEngine()  # tests never sound, whatever the machine
        clocks = {k: v for k, v in (("clock", clock), ("wall_clock", wall_clock), ("speech", speech)) if v is not None}
        return make_app(content=content, config=cfg, **clocks)

    return factory


@pytest.fixture
def run_in_tmux(tmp_path):
    """Start the installed kiosk with `args` (a string) in tmux, in an empty environment with its own
    HOME (`terminal.home`) and xterm-256color; every session is closed at the end."""
    from support import Terminal, kiosk_command

    sessions = []
    home = tmp_path / "home"
    home.mkdir()

    def start(args: str, wrap: bool = True) -> Terminal:
        session = Terminal(kiosk_command(args, wrap), env={"HOME": str(home), "TERM": "xterm-256color"},
                           clean_env=True, remain_on_exit=True)
        session.home = home
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


def kiosk_terminal(home: Path, command: list):
    """support.Terminal with the names issue 16's tests use, in an empty environment with `home`."""
    import support

    class KioskTerminal(support.Terminal):
        keys = support.Terminal.send

        def everything(self) -> str:
            return self.screen(scrollback=True)

        def kiosk_pid(self) -> int:
            return self.child_pid()

        def tmux(self, *args: str) -> str:
            return self._tmux(*args)

        def wait_exit_status(self, timeout: float = 10) -> int:
            return support.wait_exit_status(self, timeout)

    return KioskTerminal(command, env={"HOME": str(home), "TERM": "xterm-256color"}, clean_env=True,
                         remain_on_exit=True)


@pytest.fixture
def kiosk_tmux(tmp_path):
    """The installed kiosk in tmux, its exit status printed after it (run_in_tmux plus environment
    variables): `start("--mode kiosk", env="COLUMNS=200")`."""
    from support import EXIT_MARK, KIOSK

    sessions = []

    def start(args: str, env: str = ""):
        home = tmp_path / f"s{len(sessions)}"
        home.mkdir()
        session = kiosk_terminal(home, ["sh", "-c", f"{env} {shlex.quote(str(KIOSK))} {args}; echo {EXIT_MARK}$?"])
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()
