"""The boot-to-kiosk locks (issue 24) that can be checked without booting: kiosk/deploy's files as the
programs that read them read them (systemd's ini, sh, sed | loadkeys), and the image builder's plan."""

from __future__ import annotations

import configparser
import hashlib
import importlib.util
import re
import shlex
import struct
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
DEPLOY = REPO / "kiosk" / "deploy"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / name)
    return parser


def make_image():
    spec = importlib.util.spec_from_file_location("make_image", DEPLOY / "make_image.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ctrl_alt_del_bursts_do_nothing():
    assert unit("system-kiosk.conf")["Manager"]["CtrlAltDelBurstAction"] == "none"


def test_grub_defaults_hide_the_menu_and_set_the_console_mode():
    """Sourced by grub-mkconfig (sh): no menu, no wait, video= added to what the system had."""
    out = subprocess.run(["sh", "-c", 'GRUB_CMDLINE_LINUX_DEFAULT="splash"; . "$1"; '
                          'echo "$GRUB_TIMEOUT|$GRUB_TIMEOUT_STYLE|$GRUB_CMDLINE_LINUX_DEFAULT|$GRUB_GFXPAYLOAD_LINUX"',
                          "sh", str(DEPLOY / "grub-kiosk.cfg")], capture_output=True, text=True, check=True).stdout
    timeout, style, cmdline, payload = out.strip().split("|")
    assert (timeout, style, payload) == ("0", "hidden", "keep")
    assert cmdline.split() == ["splash", "quiet", "video=1024x768"]


@pytest.fixture
def hash_file(tmp_path):
    script = (DEPLOY / "grub-kiosk-password").read_text().replace("/etc/kiosk/grub-password.pbkdf2",
                                                                  str(tmp_path / "hash"))
    (tmp_path / "01_kiosk-password").write_text(script)
    return tmp_path


def test_grub_password_only_from_the_deployers_hash(hash_file):
    run = lambda: subprocess.run(["sh", str(hash_file / "01_kiosk-password")], capture_output=True, text=True)  # noqa: E731
    done = run()  # no hash: nothing set (and said), never a known password
    assert done.returncode == 0 and done.stdout == "" and "can be edited" in done.stderr
    good = make_image().grub_hash("correct horse", salt=bytes(64))
    (hash_file / "hash").write_text(good + "\n")
    done = run()
    assert done.returncode == 0
    assert done.stdout.splitlines() == ['set superusers="kioskadmin"', f"password_pbkdf2 kioskadmin {good}"]
    (hash_file / "hash").write_text("hunter2\n")
    done = run()
    assert done.returncode == 1 and done.stdout == ""


def test_grub_hash_is_what_grub_computes():
    """PBKDF2-HMAC-SHA512 as GRUB's password_pbkdf2 checks it (grub-mkpasswd-pbkdf2's format)."""
    salt = bytes(range(64))
    text = make_image().grub_hash("pw", salt=salt, rounds=1000)
    prefix, algorithm, kind, rounds, salt_hex, key_hex = text.split(".")
    assert (prefix, algorithm, kind, rounds, salt_hex) == ("grub", "pbkdf2", "sha512", "1000", salt.hex().upper())
    assert bytes.fromhex(key_hex) == hashlib.pbkdf2_hmac("sha512", b"pw", salt, 1000, 64)
    if subprocess.run(["sh", "-c", "command -v grub-mkpasswd-pbkdf2"], capture_output=True).returncode == 0:
        out = subprocess.run(["grub-mkpasswd-pbkdf2", "-c", "1000"], input="pw\npw\n", capture_output=True,
                             text=True).stdout
        theirs = out.split()[-1]
        salt2 = bytes.fromhex(theirs.split(".")[4])
        assert make_image().grub_hash("pw", salt=salt2, rounds=1000) == theirs


# A slice of `dumpkeys --full-table` on Debian (us layout), console-switching lines included.
DUMPKEYS = """\
keymaps 0-127
keycode  29 = Control
keycode  30 = +a
keycode  46 = +c
\tcontrol keycode  46 = Control_c
keycode  59 = F1               F13              Console_13       F25              Console_1        Console_13
keycode  60 = F2               F14              Console_14       F26              Console_2        Console_14
keycode  84 = Last_Console
keycode 103 = Up               Up               Up               Up               Up               Up              Spawn_Console
keycode 104 = Prior            Scroll_Backward  Prior            Prior
keycode 105 = Left             Left             Left             Left             Left             Left            Decr_Console
keycode 106 = Right            Right            Right            Right            Right            Right           Incr_Console
keycode 111 = Remove           Remove           Remove           Remove           Remove           Remove          Boot
keycode  70 = Scroll_Lock      Show_Memory      Show_Registers   Show_State
string F1 = "\\033[[A"
"""
FORBIDDEN = re.compile(r"Console_\d|Incr_Console|Decr_Console|Last_Console|Spawn_Console|Boot|Show_|Scroll_(Back|For)")


def test_keymap_unit_voids_every_way_off_the_console(tmp_path):
    """The unit's command, run as systemd runs it, over a real keymap dump: no console switch,
    no Ctrl+Alt+Del, no scrollback, no kernel dumps; every other key as it was."""
    exec_start = unit("kiosk-keymap.service")["Service"]["ExecStart"]
    argv = shlex.split(exec_start.replace("\\\\", "\\"))  # systemd unescapes \\ to \, then splits like a shell
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dumpkeys").write_text(f"#!/bin/sh\ncat <<'EOF'\n{DUMPKEYS}EOF\n")
    (bin_dir / "loadkeys").write_text(f"#!/bin/sh\ncat > {tmp_path / 'loaded'}\n")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    subprocess.run(argv, env={"PATH": f"{bin_dir}:/usr/bin:/bin"}, check=True)
    loaded = (tmp_path / "loaded").read_text()
    assert not FORBIDDEN.search(loaded), loaded
    assert loaded.count("VoidSymbol") == 15
    for kept in ("keycode  30 = +a", "control keycode  46 = Control_c", "keycode 104 = Prior            VoidSymbol",
                 "keycode  59 = F1               F13              VoidSymbol       F25", 'string F1 = "\\033[[A"'):
        assert kept in loaded, kept


def test_image_plan_locks_everything_and_has_no_serial_console():
    make = make_image()
    files = make.system_files()
    assert files["etc/systemd/system/getty-static.service"] == "@/dev/null"
    assert files["etc/systemd/system/ctrl-alt-del.target"] == "@/dev/null"
    assert files["etc/systemd/system/getty@tty1.service"] == "@/dev/null"
    assert "CtrlAltDelBurstAction=none" in files["etc/systemd/system.conf.d/kiosk.conf"]
    assert "NAutoVTs=0" in files["etc/systemd/logind.conf.d/kiosk.conf"]
    assert "Storage=volatile" in files["etc/systemd/journald.conf.d/kiosk.conf"]
    root_line = next(line for line in files["etc/fstab"].splitlines() if line.split()[1:2] == ["/"])
    assert root_line.split()[3].split(",")[0] == "ro"
    service = files["etc/systemd/system/kiosk.service"]
    assert "exec /usr/bin/python3 /opt/kiosk/kiosk.pyz --mode kiosk\"" in service and ".venv" not in service
    assert "multi-user.target.wants/kiosk-keymap.service" in " ".join(files)
    assert not any("ttyS" in text or "serial" in name and not text == "@/dev/null" for name, text in files.items())
    assert "ttyS0" in "".join(make.system_files(test_serial=True).values())  # only when the boot test asks
    assert "etc/systemd/system/fenrir.service" not in files
    cfg = make.grub_cfg("grub.pbkdf2.sha512.10000.AA.BB", "boot/vmlinuz-6", "boot/initrd.img-6", "u-u-i-d")
    lines = [line.strip() for line in cfg.splitlines()]
    assert 'set superusers="kioskadmin"' in lines and "password_pbkdf2 kioskadmin grub.pbkdf2.sha512.10000.AA.BB" in lines
    assert "set timeout=0" in lines and "set timeout_style=hidden" in lines
    assert 'menuentry "Kiosk" --unrestricted {' in lines
    linux = next(line for line in lines if line.startswith("linux "))
    assert {"ro", "video=1024x768", "root=UUID=u-u-i-d"} <= set(linux.split())


class Bootstrapped(Exception):
    pass


def test_only_the_boot_tests_image_gets_the_test_packages(monkeypatch, tmp_path):
    """fenrir (make_image.TEST_PACKAGES) goes into the boot test's image only: the builder's command
    line has no way to ask for it, and make_image passes it to mmdebstrap only with test_serial."""
    make = make_image()
    assert "fenrir" in make.TEST_PACKAGES and not set(make.TEST_PACKAGES) & set(make.PACKAGES)
    help_text = make.build_parser().format_help().lower()
    assert "fenrir" not in help_text and "test" not in help_text and "serial" not in help_text
    asked = []

    def bootstrap(root, cache, sources, extra=()):
        asked.append(tuple(extra))
        raise Bootstrapped

    monkeypatch.setattr(make, "bootstrap", bootstrap)
    monkeypatch.setattr(make.os, "geteuid", lambda: 0)
    monkeypatch.setattr(make.shutil, "which", lambda name: "/usr/bin/" + name)
    for test_serial in (False, True):
        with pytest.raises(Bootstrapped):
            make.make_image(tmp_path / "disk.img", tmp_path / "kiosk.pyz", "hash", test_serial=test_serial,
                            workdir=tmp_path)
    assert asked == [(), make.TEST_PACKAGES]


def test_a_generated_grub_password_is_new_each_time_and_printed_once():
    make = make_image()
    (hash1, password1), (_, password2) = make.password_for(None), make.password_for(None)
    assert password1 != password2 and len(password1) >= 20
    salt = bytes.fromhex(hash1.split(".")[4])
    assert make.grub_hash(password1, salt=salt) == hash1
    lines = make.report(Path("disk.img"), 900, password1)
    assert sum(password1 in line for line in lines) == 1
    assert make.password_for("grub.pbkdf2.sha512.10000.AA.BB") == ("grub.pbkdf2.sha512.10000.AA.BB", None)
    with pytest.raises(make.ImageError):
        make.password_for("hunter2")


def test_mbr_is_a_bootable_partition_after_grubs_first_megabyte():
    boot = bytes(range(256)) * 2
    sector = make_image().mbr(boot, sectors=2048 * 100, disk_id=0x12345678)
    assert len(sector) == 512 and sector[:440] == boot[:440] and sector[510:] == b"\x55\xaa"
    status, kind, first, count = struct.unpack_from("<B3xB3xII", sector, 446)
    assert (status, kind, first, count) == (0x80, 0x83, 2048, 2048 * 99)
    assert sector[462:510] == bytes(48)  # one partition only


def test_readme_names_mmdebstrap_and_the_deployers_part():
    readme = (REPO / "README.md").read_text()
    for needle in ("mmdebstrap", "BIOS", "boot order", "getty-static.service", ".hushlogin",
                   "system-kiosk.conf", "kiosk-keymap.service", "--make-image"):
        assert needle in readme, needle
