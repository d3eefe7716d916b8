"""End-to-end: the INSTALLED `kiosk` command in a real terminal (tmux), kiosk and personal mode.

Skipped cleanly when tmux or the installed command is missing. Polls the pane for what a person
would see (a real process needs real time to draw); no fixed sleeps.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from privacy_support import topic_words_in

KIOSK = Path(sys.executable).parent / "kiosk"
EXIT_MARK = "kiosk-exited-with="
APP_WORDS = ("Quick exit", "EMERGENCY", "Find help", "Search", "Pick")

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not KIOSK.exists(), reason=f"the kiosk command is not installed at {KIOSK}"),
]


class Tmux:
    def __init__(self, tmp_path: Path, command: str) -> None:
        self.socket = f"kiosk-e2e-{os.getpid()}-{time.monotonic_ns()}"
        self.home = tmp_path / "home"
        self.home.mkdir()
        env = {"HOME": str(self.home), "TERM": "xterm-256color", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "LANG": "C.UTF-8"}
        env_args = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "k", "-x", "80", "-y", "24",
                  f"exec env -i {env_args} {command}", ";",
                  "set-option", "-g", "escape-time", "0", ";",
                  "set-option", "-g", "remain-on-exit", "on")

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True,
                              text=True, timeout=10).stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "k", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "k", "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "k")

    def everything(self) -> str:
        """The screen and all the scrollback."""
        return self.tmux("capture-pane", "-p", "-t", "k", "-S", "-", "-E", "-")

    def value(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", "k", fmt).strip()

    def wait_for(self, text: str, timeout: float = 15, scrollback: bool = False) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.everything() if scrollback else self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen and scrollback:\n{self.everything()}")

    def wait_exit_status(self, timeout: float = 10) -> int:
        """The kiosk's exit status, as printed by the wrapping shell (see `run_in_tmux`)."""
        screen = self.wait_for(EXIT_MARK, timeout, scrollback=True)
        return int(screen.split(EXIT_MARK, 1)[1].split()[0])

    def kiosk_pid(self) -> int:
        """The kiosk process: the pane's command, or the child of the wrapping shell."""
        pid = int(self.value("#{pane_pid}"))
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists() and children.read_text().split():
            return int(children.read_text().split()[0])
        return pid

    def alive(self) -> bool:
        return self.value("#{pane_dead}") == "0"

    def close(self) -> None:
        path = subprocess.run(["tmux", "-L", self.socket, "display-message", "-p", "#{socket_path}"],
                              capture_output=True, text=True, timeout=10).stdout.strip()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)
        if path:
            Path(path).unlink(missing_ok=True)  # tmux leaves its socket file behind


@pytest.fixture
def run_in_tmux(tmp_path):
    sessions = []

    def start(args: str, wrap: bool = True) -> Tmux:
        # Wrapped in a shell that prints the exit status: tmux may be slow to reap a dead pane.
        command = f"{shlex.quote(str(KIOSK))} {args}"
        if wrap:
            command = "sh -c " + shlex.quote(f"{command}; echo {EXIT_MARK}$?")
        session = Tmux(tmp_path, command)
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


def test_kiosk_mode_quick_exit_leaves_nothing_and_lockdown_keys_do_nothing(run_in_tmux):
    t = run_in_tmux("--mode kiosk")
    t.wait_for("Press any key to start")
    assert topic_words_in(t.screen()) == []
    t.keys("Space")
    t.wait_for("Quick exit")
    t.keys("2")
    t.wait_for("Variations and subtypes")  # the Symptoms menu (home shows "1-9 Pick" too)
    t.keys("1")
    page = t.wait_for("Related pages")
    assert topic_words_in(page)  # a page about the topic is on screen
    t.keys("/")
    t.wait_for("Results appear as you type")
    t.type("relapse")
    t.wait_for("found")
    t.keys("Escape")
    t.wait_for("Press any key to start")
    everything = t.everything()
    assert topic_words_in(everything) == [], everything
    assert "relapse" not in everything.lower()
    assert not any(word in everything for word in APP_WORDS)

    # Keys a walk-up user tries to get out: the process lives on, still on the kiosk.
    pid = t.kiosk_pid()
    for key in ("C-c", "C-z", "C-\\", "C-q", "C-d", "F1", "q"):
        t.keys(key)
    time.sleep(0.3)  # a signal's effect is not drawn on screen: give it time to act
    assert t.alive()
    os.kill(pid, 0)
    state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] if Path(f"/proc/{pid}/stat").exists() else "R"
    assert state not in ("T", "t", "Z")  # not stopped, not dead
    t.keys("Escape")
    t.wait_for("Press any key to start")
    t.keys("Space")
    t.wait_for("Quick exit")  # and it still answers
    t.keys("Escape")
    t.wait_for("Press any key to start")

    # systemd stop: a clean exit, terminal restored, nothing of the visit left.
    os.kill(pid, signal.SIGTERM)
    assert t.wait_exit_status() == 0
    everything = t.everything()
    assert topic_words_in(everything) == [] and not any(word in everything for word in APP_WORDS)
    assert list(t.home.iterdir()) == []  # nothing written to HOME


def test_kiosk_mode_terminal_gone_ends_the_process(run_in_tmux):
    """SIGHUP (the pty closes) ends the app: the hang trap (SIGCONT race) must not keep it alive."""
    t = run_in_tmux("--mode kiosk", wrap=False)
    t.wait_for("Press any key to start")
    t.keys("Space")
    t.wait_for("Quick exit")
    pid = t.kiosk_pid()
    t.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        stat = Path(f"/proc/{pid}/stat")
        if stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z":
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("the kiosk hung after its terminal went away")


def test_personal_mode_esc_ends_the_app_and_leaves_the_terminal_clear(run_in_tmux):
    t = run_in_tmux("")
    t.wait_for("Quick exit")
    t.keys("2")
    t.wait_for("Variations and subtypes")  # the Symptoms menu (home shows "1-9 Pick" too)
    t.keys("1")
    t.wait_for("Related pages")
    t.keys("Escape")
    assert t.wait_exit_status() == 0
    everything = t.everything()
    assert topic_words_in(everything) == [], everything
    assert not any(word in everything for word in APP_WORDS), everything
