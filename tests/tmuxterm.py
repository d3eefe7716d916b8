"""Drive the installed `kiosk` command in a real terminal (tmux) as a user would."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import List, Optional

import pytest

KIOSK = Path(sys.executable).parent / "kiosk"

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None or not KIOSK.exists(),
                                reason="needs tmux and the installed kiosk command")


class Terminal:
    """One tmux session of 80x24 (or as asked) running a command, on a private tmux server."""

    def __init__(self, args: List[str], width: int = 80, height: int = 24, env: Optional[dict] = None) -> None:
        self.socket = f"kiosk-test-{uuid.uuid4().hex[:8]}"
        self.name = "t"
        env_args: List[str] = []
        for key, value in (env or {}).items():
            env_args += ["-e", f"{key}={value}"]
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), *env_args,
                   " ".join(_quote(a) for a in args))

    def _tmux(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10)
        return out.stdout

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def screen(self, scrollback: bool = False) -> str:
        extra = ["-S", "-"] if scrollback else []
        return self._tmux("capture-pane", "-p", "-t", self.name, *extra)

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not appear within {timeout}s; the screen shows:\n{self.screen()}")

    def pane_pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip() or 0)

    def alive(self) -> bool:
        return self.name in self._tmux("list-sessions", "-F", "#{session_name}").split()

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)
