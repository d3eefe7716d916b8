"""End-to-end: the installed `kiosk` command in tmux at 80x24; Emergency from a topic page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

KIOSK = Path(sys.executable).parent / "kiosk"

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not KIOSK.exists(), reason="the kiosk command is not installed in this environment"),
]


class Tmux:
    def __init__(self) -> None:
        self.socket = f"kiosk-test-{uuid.uuid4().hex[:8]}"  # a private server: never touches the user's tmux
        self.session = "kiosk"

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True).stdout

    def start(self, command: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k != "NO_COLOR"}
        env["TERM"] = "xterm-256color"
        subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-s", self.session,
                        "-x", "80", "-y", "24", command], check=True, env=env)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Polls the pane until `text` shows (process start-up time, not a timeout under test)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def stop(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def tmux():
    t = Tmux()
    yield t
    t.stop()


def test_emergency_opens_from_a_topic_page_in_the_installed_kiosk(tmux, tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text('region = "UK"\n')
    tmux.start(f"{KIOSK} --config {config}")
    from kiosk.content import ContentPack, default_content_dir

    pack = ContentPack(default_content_dir())
    topic = pack.topics[1]
    page = pack.page(topic.page_ids[0])
    tmux.wait_for("Quick exit")
    tmux.keys("2")  # the second topic
    tmux.wait_for(topic.title)
    tmux.keys("1")  # its first page
    before = tmux.wait_for(page.summary[:30])
    assert "Signs of an overdose" not in before
    tmux.keys("e")
    screen = tmux.wait_for("Signs of an overdose")
    assert "If you aren't sure, treat it as an overdose" in screen
    assert "2. Call: 999 now." in screen
    assert "Guide me step by step" in screen
    assert "Naloxone: how to use it" in screen
    assert "Traceback" not in screen
    tmux.keys("g")
    screen = tmux.wait_for("Step 1 of 8")
    assert "Shout their name." in screen
    tmux.keys("C-q")
