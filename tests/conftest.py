"""Shared test fixtures: every test builds the app through the same make_app() the CLI uses."""

from __future__ import annotations

import os
import random
import shlex
import sys
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kiosk.data.config import Config
from kiosk.factory import make_app

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

# Tests live in a folder per tier (unit/: no app; pilot/: the app under Pilot; e2e/: the installed
# kiosk in a real terminal; boot/: the disk image under QEMU). support.py and this file stay here; a
# test module may import another's helpers (test_console_glyphs' walk, say) whichever folder either is in.
for _tier in ("", "unit", "pilot", "e2e", "boot"):  # boot: its failure reports name its module
    if str(ROOT / "tests" / _tier) not in sys.path:
        sys.path.insert(0, str(ROOT / "tests" / _tier))


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


@pytest.fixture(autouse=True)
def _press_waits_for_the_kiosk_to_settle(monkeypatch):
    """Pilot.press waits on the kiosk's own settle signal (support.press), not on the CPU going idle."""
    from support import press

    monkeypatch.setattr(Pilot, "press", press)


# --- the count of checks: every assert that passed, per test, summed on the controller (xdist too) ---
_passed_asserts = [0]
_cpu_start = [0.0]


def pytest_assertion_pass(item, lineno, orig, expl):
    _passed_asserts[0] += 1


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "setup":
        _cpu_start[0] = time.process_time()
    if call.when == "teardown":
        # CPU seconds (this process) as well as wall time: on a shared 2-core machine the wall
        # time of a test says more about the neighbours than about the test.
        report = outcome.get_result()
        report.user_properties += [("checks", _passed_asserts[0]), ("cpu", time.process_time() - _cpu_start[0])]
        _passed_asserts[0] = 0


_checks_total = [0, 0]  # checks, tests
_cpu_by_tier: dict = {}


def pytest_runtest_logreport(report):
    if report.when == "teardown":
        props = dict(report.user_properties)
        _checks_total[0] += props.get("checks", 0)
        _checks_total[1] += 1
        tier = report.nodeid.split("/")[1] if report.nodeid.count("/") > 1 else "tests"
        _cpu_by_tier[tier] = _cpu_by_tier.get(tier, 0.0) + props.get("cpu", 0.0)


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(f"kiosk: {_checks_total[1]} tests run, {_checks_total[0]} checks passed "
                                "(assert statements in test modules, each time one ran)")
    cpu = ", ".join(f"{tier} {seconds:.0f} s" for tier, seconds in sorted(_cpu_by_tier.items()))
    terminalreporter.write_line(f"kiosk: CPU time of the test processes by folder: {cpu}")


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
