"""Boot a disk image under QEMU and drive it as a visitor would: keys through the QEMU monitor (sendkey),
and the guest's tty1 screen (text, colours, size) read through a test-only root shell on the serial port."""

from __future__ import annotations

import base64
import os
import re
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional, Tuple


@dataclass
class Screen:
    rows: int
    cols: int
    text: List[str]  # one string per row
    attrs: bytes  # one attribute byte per cell (vcsa: foreground low nibble, background high)
    cursor: Tuple[int, int] = (0, 0)  # the terminal cursor (x, y)

    def __contains__(self, needle: str) -> bool:
        return any(needle in row for row in self.text)

    def joined(self) -> str:
        return "\n".join(row.rstrip() for row in self.text)


class Guest:
    def __init__(self, image: Path, workdir: Path, memory_mb: int = 256, accel: str = "tcg") -> None:
        self.monitor_path = workdir / "monitor.sock"
        self.serial_path = workdir / "serial.sock"
        self.log = workdir / "qemu.log"
        command = ["qemu-system-x86_64", "-machine", "pc", "-accel", accel, "-m", str(memory_mb),
                   "-smp", "1", "-drive", f"file={image},format=raw,if=virtio,snapshot=on", "-vga", "std",
                   "-display", "none", "-nic", "none", "-no-reboot",  # a reboot ends QEMU: seen at once
                   "-monitor", f"unix:{self.monitor_path},server,nowait",
                   "-serial", f"unix:{self.serial_path},server,nowait"]
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, stdout=open(self.log, "wb"), stderr=subprocess.STDOUT)
        self.monitor = self._connect(self.monitor_path)
        self._read_monitor()
        self.serial = self._connect(self.serial_path)
        self.serial.settimeout(0.5)
        self._buffer = b""
        self._serial_log = b""
        self._count = 0

    def _connect(self, path: Path) -> socket.socket:
        deadline = time.monotonic() + 30
        while True:
            try:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.connect(str(path))
                return sock
            except OSError:
                sock.close()
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"QEMU did not start: {self.log.read_text(errors='replace')}") from None
                time.sleep(0.1)

    # --- the monitor: keys and QEMU's own state ---------------------------------------------------
    def _read_monitor(self) -> str:
        self.monitor.settimeout(10)
        data = b""
        while not data.endswith(b"(qemu) "):
            chunk = self.monitor.recv(4096)
            if not chunk:
                break
            data += chunk
        return re.sub(r"\x1b\[[0-9;]*[A-Za-z]|\x1b\[K", "", data.decode(errors="replace"))

    def hmp(self, command: str) -> str:
        self.monitor.sendall(command.encode() + b"\n")
        return self._read_monitor()

    def sendkey(self, keys: str) -> None:
        self.hmp(f"sendkey {keys}")

    def accelerator(self) -> str:
        return "KVM" if "kvm support: enabled" in self.hmp("info kvm") else "TCG"

    def running(self) -> bool:
        return self.process.poll() is None

    # --- the test-only serial shell ----------------------------------------------------------------
    def wait_for_shell(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise RuntimeError("QEMU ended before the guest's serial shell answered")
            try:
                self.sh("echo ready", timeout=10)  # not more often: unread input piles up in the tty
                return
            except TimeoutError:
                continue
        raise TimeoutError(f"no serial shell after {timeout} s; serial said: {self._serial_log[-2000:]!r}")

    def sh(self, command: str, timeout: float = 30) -> str:
        """Run `command` in the guest's root shell; its output (stdout and stderr)."""
        self._count += 1
        begin, marker = f"__begin_{self._count}__\n", f"__done_{self._count}__"
        # The markers as printed never appear in the command's text (in case the terminal echoes it).
        self.serial.sendall(f"printf '__%s_%s__\\n' begin {self._count}; {{ {command} ; }} 2>&1; "
                            f"printf '__%s_%s__\\n' done {self._count}\n".encode())
        deadline = time.monotonic() + timeout
        while marker.encode() not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError(command)
            try:
                chunk = self.serial.recv(65536)
            except socket.timeout:
                continue
            self._buffer += chunk
            self._serial_log = (self._serial_log + chunk)[-20000:]
        out, _, self._buffer = self._buffer.partition(marker.encode())
        self._buffer = self._buffer.lstrip(b"\r\n")
        return out.rpartition(begin.encode())[2].decode(errors="replace").replace("\r\n", "\n")

    def screen(self) -> Screen:
        """tty1 as it is drawn: the header of /dev/vcsa1 (size), its attributes, the text from /dev/vcsu1."""
        out = self.sh("base64 -w0 /dev/vcsa1; echo; iconv -f UTF-32LE -t UTF-8 /dev/vcsu1 | base64 -w0; echo")
        lines = [line.strip() for line in out.splitlines() if line.strip()]
        vcsa, text = base64.b64decode(lines[-2]), base64.b64decode(lines[-1]).decode("utf-8", errors="replace")
        rows, cols = vcsa[0], vcsa[1]
        return Screen(rows, cols, [text[r * cols:(r + 1) * cols] for r in range(rows)], vcsa[5::2], (vcsa[2], vcsa[3]))

    def wait_screen(self, condition: Callable[[Screen], bool], timeout: float) -> Screen:
        deadline = time.monotonic() + timeout
        screen: Optional[Screen] = None
        while time.monotonic() < deadline:
            try:
                screen = self.screen()
            except (IndexError, ValueError):  # tty1 not there yet
                time.sleep(0.5)
                continue
            if condition(screen):
                return screen
            time.sleep(0.3)
        raise TimeoutError("screen never matched; last:\n" + (screen.joined() if screen else "(none)"))

    def close(self) -> None:
        if self.running():
            try:
                self.hmp("quit")
            except OSError:
                pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for sock in (self.monitor, self.serial):
            sock.close()


def kvm_works(image: Path, workdir: Path, within: float = 15) -> bool:
    """KVM that boots this image: /dev/kvm opens, and within a few seconds the CPU runs the kernel in
    64-bit mode (QEMU then shows RIP, not EIP). On some hosts KVM hangs in GRUB's real-mode code."""
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return False
    probe = workdir / "kvm-probe"
    probe.mkdir(exist_ok=True)
    guest = Guest(image, probe, accel="kvm")
    try:
        if "kvm support: enabled" not in guest.hmp("info kvm"):
            return False
        deadline = time.monotonic() + within
        while time.monotonic() < deadline and guest.running():
            if "RIP=" in guest.hmp("info registers"):
                return True
            time.sleep(0.5)
        return False
    except (OSError, RuntimeError):
        return False
    finally:
        guest.close()
