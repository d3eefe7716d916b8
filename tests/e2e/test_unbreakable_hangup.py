"""Issue 22 item 4: the terminal goes (tmux kill-session, an SSH drop, a closed window) while the
kiosk is busy with ~120 KB of keys: it stayed for ever in 9 of 12 tries (Textual's writer thread
died on EIO and the main thread blocked in queue.put; the input thread spun on an empty read).
End of file on input and EIO on output end the process within 2 s, taking the visit with it.

The installed kiosk runs on a pseudo-terminal the test holds (its controlling terminal, as a
terminal emulator or sshd gives it); closing our end is the hangup. The fuzzer varies how much is
typed, whether the screen is read meanwhile (a terminal that stops reading makes the kiosk's
writes block, the case that hung) and when the line drops; its seed is printed and fresh each run."""

from __future__ import annotations

import fcntl
import os
import pty
import random
import select
import signal
import struct
import subprocess
import termios
import time

import pytest
from support import KIOSK

pytestmark = pytest.mark.skipif(not KIOSK.exists(), reason="needs the installed kiosk command")

ARROWS = b"\x1b[B\x1b[A\x1b[C\x1b[D"
LIMIT = 4.0  # seconds from the hangup to the process gone (the issue asks 2 s; a loaded CI machine gets slack)


def _controlling_tty() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Pty:
    def __init__(self, args: list) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "TERM": "xterm-256color",
               "HOME": os.environ.get("HOME", "/tmp")}
        self.proc = subprocess.Popen([str(KIOSK), *args], stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True, preexec_fn=_controlling_tty)
        os.close(slave)
        self.seen = b""

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:
                    return

    def wait_for(self, text: bytes, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while text not in self.seen and time.monotonic() < deadline:
            self.read(0.1)
        assert text in self.seen, f"{text!r} never drawn"

    def type(self, data: bytes, seconds: float, read_back: bool) -> int:
        """Write `data` for at most `seconds` (the kiosk may stop reading); returns bytes written."""
        os.set_blocking(self.master, False)
        sent, deadline = 0, time.monotonic() + seconds
        while sent < len(data) and time.monotonic() < deadline:
            try:
                sent += os.write(self.master, data[sent:sent + 4096])
            except BlockingIOError:
                time.sleep(0.005)
            if read_back:
                self.read(0)
        return sent

    def hang_up(self) -> float:
        os.close(self.master)
        return time.monotonic()

    def gone_within(self, seconds: float) -> bool:
        try:
            self.proc.wait(timeout=seconds)
            return True
        except subprocess.TimeoutExpired:
            return False

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def hang_up_while_busy(keys: int, read_back: bool, typing_seconds: float) -> float:
    """Start a kiosk-mode kiosk, start a visit, type `keys` bytes of arrows, hang up; the seconds it
    took to end (inf if it did not within LIMIT)."""
    term = Pty(["--mode", "kiosk"])
    try:
        term.wait_for(b"Press")
        term.type(b" ", 1, read_back=True)
        term.read(0.3)
        term.type((ARROWS * (keys // len(ARROWS) + 1))[:keys], typing_seconds, read_back)
        hung_up = term.hang_up()
        return time.monotonic() - hung_up if term.gone_within(LIMIT) else float("inf")
    finally:
        term.kill()


def test_the_terminal_going_while_the_screen_is_not_read_ends_the_kiosk():
    """The case that hung: ~120 KB typed, the terminal not reading what the kiosk draws."""
    took = hang_up_while_busy(120_000, read_back=False, typing_seconds=2.0)
    assert took < LIMIT, "the kiosk was still running after the hangup"


def test_fuzz_hangups():
    seed = int(os.environ.get("KIOSK_FUZZ_SEED") or random.SystemRandom().randrange(1 << 32))
    print(f"hangup fuzz seed: {seed} (KIOSK_FUZZ_SEED={seed} repeats it)")
    rng = random.Random(seed)
    for _ in range(3):
        keys, read_back, typing = rng.choice([0, 300, 30_000, 120_000]), rng.random() < 0.5, rng.uniform(0.05, 1.5)
        took = hang_up_while_busy(keys, read_back, typing)
        assert took < LIMIT, f"seed {seed}: still running after a hangup ({keys} bytes, read_back={read_back})"
