"""The kiosk booted for real (issue 24): kiosk/deploy/make_image.py builds the disk image the README
deploys (plus a test-only root shell on the serial port), QEMU boots it, and a visitor's keys arrive
through the QEMU monitor. One build, one boot, every check in that boot: it is the suite's slowest test
(several minutes under TCG), so it runs as one test that an xdist worker takes first. Its last part
hears the kiosk through fenrir, the console screen reader, in the same boot (issue 28).

Needs root (mmdebstrap --mode=root, chroot), qemu-system-x86_64, mmdebstrap and the Debian package
source (or the .deb cache in ~/.cache/kiosk-boot-test from an earlier run); .ci/run installs the tools.
Measurements are printed (run with -s to see them), never asserted as times.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path
from typing import List, Tuple

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
from qemu import Guest, Screen, kvm_works  # noqa: E402

CACHE = Path(os.environ.get("KIOSK_BOOT_CACHE", Path.home() / ".cache" / "kiosk-boot-test"))
WELCOME = "Health information"
CONFIG = 'mode = "kiosk"\nregion = "UK"\n'
TIMEOUT_BOOT = 600  # TCG on a busy 2-core machine: 40-130 s seen; far more means it is stuck


# The real console's colours (issue 26): vcsa keeps each cell's attribute in VGA order (1 blue,
# 4 red, 6 brown); the palette in tests/e2e/test_e2e_console_contrast.py is in SGR order.
VGA_TO_SGR = (0, 4, 2, 6, 1, 5, 3, 7)


def console_contrast(screen: Screen, strict_rows: Tuple[int, ...] = ()) -> List[str]:
    """Cells the console draws below 4.5:1 (7:1 on `strict_rows`): the foreground is the low
    nibble (bit 3: bright), the background bits 4-6 (the console has no bright backgrounds)."""
    sys.path.insert(0, str(REPO / "tests" / "e2e"))
    from test_e2e_console_contrast import VGA, contrast

    low = []
    for y, row in enumerate(screen.text):
        for x, ch in enumerate(row):
            if ch.isspace():
                continue
            attr = screen.attrs[y * screen.cols + x]
            fg = VGA[VGA_TO_SGR[attr & 0x07] + (8 if attr & 0x08 else 0)]
            bg = VGA[VGA_TO_SGR[(attr >> 4) & 0x07]]
            need = 7.0 if y in strict_rows else 4.5
            if contrast(fg, bg) < need:
                low.append(f"row {y} col {x} {ch!r}: {contrast(fg, bg):.2f}:1 (needs {need}:1)")
    return low


def builder():
    spec = importlib.util.spec_from_file_location("make_image", REPO / "kiosk/deploy/make_image.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def debian_source_reachable() -> str:
    """'' when the machine's Debian source answers (or the cache has packages), else why not."""
    if CACHE.joinpath("debs").is_dir() and any(CACHE.joinpath("debs").glob("linux-image-*.deb")):
        return ""
    sources = Path("/etc/apt/sources.list.d/debian.sources")
    text = sources.read_text() if sources.is_file() else ""
    match = re.search(r"^URIs:\s*(\S+)", text, re.M) or re.search(r"^deb\s+(?:\[[^]]*\]\s+)?(\S+)",
                                                                    Path("/etc/apt/sources.list").read_text()
                                                                    if Path("/etc/apt/sources.list").is_file() else "", re.M)
    if match is None:
        return "no Debian package source configured in /etc/apt"
    try:
        urllib.request.urlopen(match.group(1).rstrip("/") + "/dists/bookworm/Release", timeout=10).close()
    except OSError as error:
        return f"the Debian package source {match.group(1)} is unreachable ({error})"
    return ""


def why_not() -> str:
    if sys.platform != "linux" or os.uname().machine != "x86_64":
        return "builds and boots an x86-64 Linux image"
    if os.geteuid() != 0:
        return "needs root (mmdebstrap --mode=root and chroot into the image)"
    for tool in ("qemu-system-x86_64", "mmdebstrap", "mke2fs"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (.ci/run installs qemu-system-x86 and mmdebstrap)"
    if not (REPO / ".venv/bin/kiosk").exists():
        return "needs the venv's installed kiosk to make the one file"
    return debian_source_reachable()


WHY_NOT = why_not()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(WHY_NOT), reason=WHY_NOT)]


class BootMeasurement(UserWarning):
    """Not a problem: the boot test's measurements, as a warning so that the summary of a run with
    xdist workers (which swallow print) shows them."""


def say(text: str) -> None:
    print(f"[boot] {text}", flush=True)
    warnings.warn(BootMeasurement(text), stacklevel=2)


@pytest.fixture(scope="module")
def image(tmp_path_factory) -> Path:
    if os.environ.get("KIOSK_BOOT_IMAGE"):  # an image built before (when working on this test)
        return Path(os.environ["KIOSK_BOOT_IMAGE"])
    work = tmp_path_factory.mktemp("image")
    (work / "kiosk.toml").write_text(CONFIG)
    started = time.monotonic()
    subprocess.run([str(REPO / ".venv/bin/kiosk"), "--make-pyz", str(work / "kiosk.pyz"), "--config", "kiosk.toml"],
                   cwd=work, check=True, capture_output=True)
    make = builder()
    password_hash, _ = make.password_for(None)
    make.make_image(work / "disk.img", work / "kiosk.pyz", password_hash, cache=CACHE / "debs",
                    test_serial=True, workdir=work, keep_system=kept_system())
    say(f"image built in {time.monotonic() - started:.0f} s "
        f"({(work / 'disk.img').stat().st_size // 2**20} MB, {sum(1 for _ in (CACHE / 'debs').glob('*.deb'))} packages)")
    return work / "disk.img"


def kept_system() -> Path:
    """The built system (all but the kiosk file and GRUB's password), kept between runs in CACHE and
    made again when the builder, the deploy files or this test's Debian source change."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "kiosk/deploy").iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    digest.update(repr(builder().TEST_PACKAGES).encode())
    for path in (Path("/etc/apt/sources.list.d/debian.sources"), Path("/etc/apt/sources.list")):
        if path.is_file():
            digest.update(path.read_bytes())
    keep = CACHE / f"system-{digest.hexdigest()[:16]}"
    for old in CACHE.glob("system-*"):
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    keep.mkdir(parents=True, exist_ok=True)
    return keep


def on_welcome(screen: Screen) -> bool:
    return WELCOME in screen and "EMERGENCY" not in screen


def kiosk_pid(guest: Guest) -> str:
    return guest.sh("systemctl show -p MainPID --value kiosk.service").strip()


def processes(guest: Guest) -> List[Tuple[str, str, int]]:
    """(pid, command, controlling tty number) of every process (the image has no ps)."""
    found = []
    for line in guest.sh('for d in /proc/[0-9]*; do read -r s < "$d/stat" 2>/dev/null && echo "$s"; done').splitlines():
        pid, rest = line.split(" ", 1)
        command, _, fields = rest[1:].rpartition(") ")
        found.append((pid, command, int(fields.split()[4])))
    return found


TTY1 = (4 << 8) | 1  # major 4, minor 1


def no_shell_on_tty1(guest: Guest) -> None:
    """tty1 runs the kiosk (Python) and nothing else; no prompt on screen."""
    commands = [command for _, command, tty in processes(guest) if tty == TTY1]
    assert commands and set(commands) <= {"python3"}, commands
    screen = guest.screen()
    assert not re.search(r"(^|\s)[#$] ?$|login:", screen.joined(), re.M), screen.joined()


def test_boot_to_the_kiosk_and_no_way_out(image, tmp_path):
    accel = "kvm" if kvm_works(image, tmp_path) else "tcg"
    guest = Guest(image, tmp_path, memory_mb=256, accel=accel)
    try:
        accel = guest.accelerator()
        guest.wait_for_shell(TIMEOUT_BOOT)
        shell_at = time.monotonic() - guest.started
        screen = guest.wait_screen(on_welcome, TIMEOUT_BOOT)
        welcome_at = time.monotonic() - guest.started
        uptime = float(guest.sh("cut -d' ' -f1 /proc/uptime"))
        say(f"power-on to welcome screen: {welcome_at:.1f} s under {accel} (guest uptime {uptime:.1f} s; "
            f"serial shell after {shell_at:.1f} s)")

        bar = tuple(y for y, row in enumerate(screen.text) if "Press e" in row)  # Emergency leads (issue 26)
        assert bar and not console_contrast(screen, strict_rows=bar), "\n".join(console_contrast(screen, bar)[:20])
        # Boot straight to the welcome screen: the promised console size (a 1024x768 mode, and the
        # Terminus bold 12x24 font kiosk/deploy/console-setup picks for it), no login prompt anywhere.
        assert (screen.cols, screen.rows) == (1024 // 12, 768 // 24), "console is %dx%d" % (screen.cols, screen.rows)
        assert "login:" not in screen.joined()
        running = {command for _, command, _ in processes(guest)}
        assert not {"agetty", "getty", "login", "bash"} & running, running
        assert guest.sh("cat /sys/class/tty/tty0/active").strip() == "tty1"
        no_shell_on_tty1(guest)

        # Read-only root; writes counted by ext4 itself.
        device = guest.sh("awk '$2==\"/\"{print $1}' /proc/mounts").split()[-1]
        options = guest.sh("awk '$2==\"/\"{print $4}' /proc/mounts").split()[-1]
        assert options.split(",")[0] == "ro", options
        counter = f"/sys/fs/ext4/{os.path.basename(device)}/lifetime_write_kbytes"
        written_before = guest.sh(f"cat {counter}").strip()

        # e -> Emergency, Esc -> welcome.
        guest.sendkey("e")
        screen = guest.wait_screen(lambda s: "EMERGENCY" in s and "Call now" in s, 60)
        # As the console draws it: every cell 4.5:1, the emergency bar and the number's rows 7:1.
        call = next(y for y, row in enumerate(screen.text) if "Call now" in row)
        low = console_contrast(screen, strict_rows=(0, call - 1, call, call + 1))
        assert not low, "\n".join(low[:20])
        guest.sendkey("esc")
        guest.wait_screen(on_welcome, 60)

        # A visit: start, a page, search, quick exit.
        pid = kiosk_pid(guest)
        for key in ("spc", "2", "slash", "n", "a", "l", "o", "x", "o", "n", "e", "ret"):
            guest.sendkey(key)
        guest.wait_screen(lambda s: WELCOME not in s, 60)
        guest.sendkey("esc")
        guest.wait_screen(on_welcome, 60)
        guest.sh("sync")
        assert guest.sh(f"cat {counter}").strip() == written_before, "the visit wrote to the root filesystem"

        # Ctrl+C, Ctrl+Z, Ctrl+\\ in a visit: the visit goes on, the same process.
        guest.sendkey("spc")
        guest.wait_screen(lambda s: WELCOME not in s, 60)
        for key in ("ctrl-c", "ctrl-z", "ctrl-backslash"):
            guest.sendkey(key)
        guest.sendkey("esc")
        guest.wait_screen(on_welcome, 60)
        assert kiosk_pid(guest) == pid

        # Keys that must give no shell and no reboot.
        uptime_before = float(guest.sh("cut -d' ' -f1 /proc/uptime"))
        for _ in range(10):
            guest.sendkey("ctrl-alt-delete")
        for n in range(2, 7):
            guest.sendkey(f"ctrl-alt-f{n}")
            guest.sendkey(f"alt-f{n}")
        guest.sendkey("alt-print")
        guest.sendkey("alt-left")
        guest.sendkey("alt-right")
        for key in ("ctrl-c", "ctrl-z", "ctrl-backslash", "ctrl-d", "ctrl-q"):
            guest.sendkey(key)
        time.sleep(3)  # what a burst would set off (a forced reboot) has its time to happen
        assert guest.running(), "QEMU ended: the guest rebooted or powered off"
        try:
            assert float(guest.sh("cut -d' ' -f1 /proc/uptime")) > uptime_before
        except TimeoutError:
            pytest.fail("after Ctrl+Alt+Del and the console keys the guest stopped answering (going down?)")
        assert guest.sh("cat /sys/class/tty/tty0/active").strip() == "tty1"
        assert kiosk_pid(guest) == pid, "the kiosk ended"
        no_shell_on_tty1(guest)
        # Ctrl+C & co. on the welcome screen: the kiosk goes on (a key may start a visit, as any key
        # does there: "Press any key to start"); Esc then wipes it back to the welcome screen.
        guest.wait_screen(lambda s: on_welcome(s) or "Quick exit" in s, 60)
        guest.sendkey("esc")
        screen = guest.wait_screen(on_welcome, 60)

        # kill -9: back at the welcome screen within seconds, a new process (in screen-reader mode,
        # for the fenrir part below).
        screen_reader_from_next_start(guest)
        guest.sh(f"kill -9 {pid}")
        killed = time.monotonic()
        guest.wait_screen(lambda s: on_welcome(s) and kiosk_pid(guest) not in ("0", pid), 120)
        say(f"kill -9 to welcome screen: {time.monotonic() - killed:.1f} s")

        # Memory (the guest has 256 MB).
        rss = guest.sh(f"grep VmRSS /proc/{kiosk_pid(guest)}/status").split()[1]
        meminfo = dict(line.split(":") for line in guest.sh("cat /proc/meminfo").splitlines() if ":" in line)
        total, available = (int(meminfo[k].split()[0]) // 1024 for k in ("MemTotal", "MemAvailable"))
        say(f"guest memory: {total - available} MB used of {total} MB; kiosk RSS after a visit and a restart "
            f"{int(rss) // 1024} MB")
        assert guest.sh("systemctl is-failed kiosk.service").strip() != "failed"

        # Then, on the same guest, the screen-reader kiosk as fenrir hears it (issue 28).
        began = time.monotonic()
        fenrir_reads_the_focus(guest)
        say(f"fenrir part: {time.monotonic() - began:.0f} s")
    finally:
        guest.close()


# Fenrir (make_image.TEST_PACKAGES) with its shipped settings but: speech into a file (its generic
# driver runs a command per utterance, the text one argument of it), no sound icons (no sound card),
# no remote-control socket, and its errors into a log in RAM.
SPOKEN, FENRIR_LOG = "/run/kiosk-test-spoken", "/run/kiosk-test-fenrir.log"
FENRIR_OPTIONS = ";".join((
    "sound#enabled=False", "speech#driver=genericDriver",
    f"""speech#genericSpeechCommand=/bin/sh -c 'printf "%s\\n" "$0" >>{SPOKEN}' fenrirText""",
    f"general#debugFile={FENRIR_LOG}", "general#debugLevel=1", "remote#enabled=False"))
EMERGENCY_NUMBER = "999"  # CONFIG's region, UK


def write_file(guest: Guest, path: str, text: str) -> None:
    guest.sh(f"mkdir -p {shlex.quote(os.path.dirname(path))} && "
             f"echo {base64.b64encode(text.encode()).decode()} | base64 -d > {shlex.quote(path)}")


def screen_reader_from_next_start(guest: Guest) -> None:
    """The kiosk's next start is with --screen-reader: a drop-in in RAM, the unit's own command plus it."""
    unit = builder().system_files()["etc/systemd/system/kiosk.service"]
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert exec_start.endswith('--mode kiosk"'), exec_start
    write_file(guest, "/run/systemd/system/kiosk.service.d/screen-reader.conf",
               f"[Service]\nExecStart=\n{exec_start[:-1]} --screen-reader\"\n")
    guest.sh("systemctl daemon-reload")


def spoken(guest: Guest) -> str:
    """What fenrir has said since the last `said_from_now` (its line breaks are spoken as ' , ')."""
    return " ".join(guest.sh(f"cat {SPOKEN} 2>/dev/null").split())


def said_from_now(guest: Guest, quiet: float = 2.0, timeout: float = 60) -> None:
    """Once fenrir has said nothing new for `quiet` seconds, forget what it said."""
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        now = spoken(guest)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            guest.sh(f": > {SPOKEN}")
            return
        time.sleep(0.5)
    raise TimeoutError(f"fenrir never stopped talking: {last[-500:]!r}")


def wait_to_hear(guest: Guest, words: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        heard = spoken(guest)
        if words in heard or time.monotonic() > deadline:
            return heard
        time.sleep(0.5)


def item_title(row: str) -> str:
    """A home menu row's title: "2 Symptoms  Common signs..." -> "Symptoms"."""
    match = re.match(r"\s*\S (.+?)(  |$)", row)
    assert match, row
    return " ".join(match.group(1).split())


def moved_highlight(before: Screen, after: Screen) -> List[int]:
    """The rows whose colours changed and text did not: where a highlight moved from and to."""
    def cells(screen: Screen, y: int) -> bytes:
        return screen.attrs[y * screen.cols:(y + 1) * screen.cols]
    return [y for y in range(after.rows)
            if before.text[y] == after.text[y] and cells(before, y) != cells(after, y) and after.text[y].strip()]


def fenrir_reads_the_focus(guest: Guest) -> None:
    """fenrir on tty1, the kiosk in screen-reader mode: ↓ on home is read as the highlighted item's
    title, `e` as the emergency number. A failure shows what fenrir said."""
    assert "--screen-reader" in guest.sh(f"tr '\\0' ' ' < /proc/{kiosk_pid(guest)}/cmdline")
    started = time.monotonic()
    guest.sh(f"systemd-run --unit=kiosk-test-fenrir /usr/bin/fenrir -o {shlex.quote(FENRIR_OPTIONS)}")
    if "Start Fenrir" not in wait_to_hear(guest, "Start Fenrir", 120):
        pytest.fail("fenrir did not start:\n" + guest.sh(f"journalctl -u kiosk-test-fenrir; tail {FENRIR_LOG}"))
    say(f"fenrir started in {time.monotonic() - started:.0f} s")

    said_from_now(guest)
    guest.sendkey("spc")  # welcome -> home, which fenrir reads whole: wait till it has, before ↓
    guest.wait_screen(lambda s: WELCOME not in s and "/ Search" in s, 60)
    wait_to_hear(guest, "Search", 60)
    said_from_now(guest)
    home = guest.screen()  # settled (its first read may be a frame half drawn)
    guest.sendkey("down")
    after = guest.wait_screen(lambda s: len(moved_highlight(home, s)) == 2, 30)  # the frame may be read half drawn
    was, title = (item_title(after.text[y]) for y in moved_highlight(home, after))
    heard = wait_to_hear(guest, title, 30)
    say(f"fenrir on ↓ (highlighted {title!r}, cursor at {after.cursor}): {heard!r}")
    assert title in heard, f"fenrir did not read the highlighted item {title!r} on ↓; it said {heard!r}"
    assert was not in heard, f"fenrir read the whole menu again, not the move: {heard!r}"

    said_from_now(guest)
    guest.sendkey("e")
    heard = wait_to_hear(guest, EMERGENCY_NUMBER, 60)
    say(f"fenrir on e: {heard[:300]!r}")
    assert f"Call now {EMERGENCY_NUMBER}" in heard, heard
