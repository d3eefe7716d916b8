"""`kiosk --make-image DISK.img` (run as root): a raw disk image of a minimal Debian system that boots
an old PC (BIOS, or UEFI with legacy boot) straight into the kiosk. `dd` it onto a USB stick.

What goes in, and nothing else: Debian's kernel, systemd, Python 3, the console font (console-setup,
kbd) and GRUB, from the machine's configured Debian source (/etc/apt) or a local cache of .deb files
(--cache), installed with mmdebstrap; the one-file kiosk (kiosk --make-pyz) with the deployer's
config baked in; every lock of kiosk/deploy (README "Boot to kiosk"). The root filesystem is mounted
read-only, with /tmp, /var/tmp and the journal in RAM: a power cut cannot corrupt it and a visit
cannot reach the disk. GRUB has no menu and no wait, and only its administrator (a password the
deployer gives, or one made here and printed once) can edit an entry or open its command line.

Standard library only: also run as `python3 make_image.py` from a checkout (then --pyz is needed).
No loop device or mount is needed: mke2fs writes the filesystem from a folder straight into the image
(-d, -E offset), and GRUB's boot sector and core image are written to the disk's first megabyte.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import secrets
import shutil
import struct
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Sequence

DEPLOY = Path(__file__).resolve().parent if "__file__" in globals() else None
SUITE = "bookworm"
# The packages: a kernel, an init, Python, the console font and keymap tools, GRUB's BIOS parts.
# mmdebstrap installs no Recommends.
PACKAGES = ("linux-image-amd64", "systemd-sysv", "udev", "python3", "console-setup", "kbd",
            "grub-pc-bin", "initramfs-tools")
# TESTS ONLY (tests/boot): what the boot test's image adds, never a shipped one (kiosk --make-image has
# no such option): fenrir, the console screen reader, so that the test hears what a blind visitor hears.
TEST_PACKAGES = ("fenrir",)
START = 2048  # the filesystem's first sector: the 1 MiB before it holds the MBR and GRUB's core image
GRUB_USER = "kioskadmin"
PYZ_PATH = "/opt/kiosk/kiosk.pyz"
# Kernel command line: read-only root; the console mode the graphics driver sets (1024x768: 85x32
# characters with the font kiosk/deploy/console-setup picks for it).
CMDLINE = "ro quiet loglevel=3 video=1024x768 sysrq_always_enabled=0"
# Left out of the kernel's modules: nothing a kiosk's keyboard, screen or disk needs (about 150 MB).
NOT_NEEDED = ("kernel/drivers/net/wireless", "kernel/drivers/media", "kernel/sound", "kernel/drivers/infiniband",
              "kernel/drivers/staging", "kernel/net/bluetooth", "kernel/drivers/bluetooth", "kernel/drivers/isdn",
              "kernel/drivers/net/ethernet", "kernel/net/wireless", "kernel/net/mac80211", "kernel/drivers/iio")


INITRAMFS, LATER = "/usr/sbin/update-initramfs", "/usr/sbin/update-initramfs.kiosk-later"


class ImageError(Exception):
    """Why the image can't be made, worded for the deployer."""


def run(command: Sequence[str], **kwargs) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(list(command), check=True, **kwargs)
    except FileNotFoundError:
        raise ImageError(f"{command[0]} is not installed (apt-get install mmdebstrap e2fsprogs)") from None
    except subprocess.CalledProcessError as error:
        raise ImageError(f"{' '.join(map(str, command[:3]))} ... failed with status {error.returncode}") from None


def grub_hash(password: str, salt: Optional[bytes] = None, rounds: int = 10000) -> str:
    """What `grub-mkpasswd-pbkdf2` prints for `password` (PBKDF2-HMAC-SHA512, 64-byte salt and key)."""
    salt = salt if salt is not None else secrets.token_bytes(64)
    key = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, rounds, 64)
    return f"grub.pbkdf2.sha512.{rounds}.{salt.hex().upper()}.{key.hex().upper()}"


def grub_cfg(password_hash: str, kernel: str, initrd: str, root_uuid: str) -> str:
    return f"""\
# Written by kiosk --make-image. No menu, no wait; only {GRUB_USER} may edit an entry or use the
# command line; the kiosk's entry boots without a password.
set superusers="{GRUB_USER}"
password_pbkdf2 {GRUB_USER} {password_hash}
set default=0
set timeout_style=hidden
set timeout=0
menuentry "Kiosk" --unrestricted {{
    linux /{kernel} root=UUID={root_uuid} {CMDLINE}
    initrd /{initrd}
}}
"""


def deploy_text(name: str) -> str:
    """A file of kiosk/deploy, from this folder or from the installed kiosk (inside a .pyz too)."""
    if DEPLOY is not None and (DEPLOY / name).is_file():
        return (DEPLOY / name).read_text(encoding="utf-8")
    from importlib.resources import files

    return files("kiosk").joinpath("deploy").joinpath(name).read_text(encoding="utf-8")


def unit_for_image(text: str) -> str:
    """kiosk.service as the image runs it: the one file, with the config it carries."""
    text = text.replace("/opt/kiosk/.venv/bin/kiosk --mode kiosk --config /etc/kiosk/config.toml",
                        f"/usr/bin/python3 {PYZ_PATH} --mode kiosk")
    if PYZ_PATH not in text:
        raise ImageError("kiosk.service does not run /opt/kiosk/.venv/bin/kiosk as expected: cannot adapt it")
    return text


def system_files(test_serial: bool = False) -> Dict[str, str]:
    """Every file the image gets besides packages and the kiosk file: path -> text ("@/dev/null": a mask,
    "@TARGET": a symbolic link)."""
    files: Dict[str, str] = {
        "etc/systemd/system/kiosk.service": unit_for_image(deploy_text("kiosk.service")),
        "etc/systemd/system/multi-user.target.wants/kiosk.service": "@/etc/systemd/system/kiosk.service",
        "etc/systemd/system/kiosk-keymap.service": deploy_text("kiosk-keymap.service"),
        "etc/systemd/system/multi-user.target.wants/kiosk-keymap.service": "@/etc/systemd/system/kiosk-keymap.service",
        "etc/systemd/logind.conf.d/kiosk.conf": deploy_text("logind-kiosk.conf"),
        "etc/systemd/system.conf.d/kiosk.conf": deploy_text("system-kiosk.conf"),
        "etc/sysctl.d/kiosk.conf": deploy_text("sysctl-kiosk.conf"),
        "etc/default/console-setup": deploy_text("console-setup"),
        # No login prompt anywhere: tty1 is the kiosk's; getty-static would put one on tty2-tty6
        # whenever D-Bus is missing (as here), whatever NAutoVTs says.
        "etc/systemd/system/getty@tty1.service": "@/dev/null",
        "etc/systemd/system/getty-static.service": "@/dev/null",
        "etc/systemd/system/ctrl-alt-del.target": "@/dev/null",
        "etc/systemd/system/serial-getty@.service": "@/dev/null",
        "etc/systemd/system/autovt@.service": "@/dev/null",
        # Nothing runs that a kiosk with a read-only disk and no network has no use for.
        **{f"etc/systemd/system/{unit}": "@/dev/null" for unit in (
            "apt-daily.timer", "apt-daily-upgrade.timer", "dpkg-db-backup.timer", "fstrim.timer",
            "e2scrub_all.timer", "e2scrub_reap.service", "systemd-tmpfiles-clean.timer")},
        # Nothing of a visit on disk: the journal in RAM only; the root filesystem read-only.
        "etc/systemd/journald.conf.d/kiosk.conf": "[Journal]\nStorage=volatile\nRuntimeMaxUse=8M\n",
        "etc/fstab": ("# Read-only root (kiosk --make-image): remount rw only to change the system.\n"
                      "LABEL=kiosk / ext4 ro,noatime,errors=remount-ro 0 1\n"
                      "tmpfs /tmp tmpfs nosuid,nodev,size=32M 0 0\n"
                      "tmpfs /var/tmp tmpfs nosuid,nodev,size=8M 0 0\n"),
        "etc/hostname": "kiosk\n",
        "etc/hosts": "127.0.0.1 localhost\n127.0.1.1 kiosk\n",
        "etc/initramfs-tools/conf.d/kiosk.conf": "# kiosk --make-image: smaller, faster to load\nCOMPRESS=gzip\n",
    }
    if test_serial:
        # TESTS ONLY (tests/boot): a root shell on the first serial port, to read the screen (/dev/vcsa1)
        # and the system's state. Never in a shipped image: kiosk --make-image has no such option.
        files["etc/systemd/system/kiosk-test-serial.service"] = (
            "[Unit]\nDescription=TEST ONLY: root shell on ttyS0\nDefaultDependencies=no\n"
            "After=systemd-remount-fs.service\n"
            "[Service]\nExecStart=/bin/sh -c 'stty -echo -onlcr; exec /bin/sh'\n"
            "StandardInput=tty\nStandardOutput=tty\nStandardError=tty\nTTYPath=/dev/ttyS0\n"
            "Restart=always\n[Install]\nWantedBy=sysinit.target\n")
        files["etc/systemd/system/sysinit.target.wants/kiosk-test-serial.service"] = (
            "@/etc/systemd/system/kiosk-test-serial.service")
        # fenrir (TEST_PACKAGES) enables its own unit, which would grab the keyboard from boot on: the
        # test starts fenrir itself, with its speech going to a file.
        files["etc/systemd/system/fenrir.service"] = "@/dev/null"
    return files


def place(root: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()
        if text.startswith("@"):
            path.symlink_to(text[1:])
        else:
            path.write_text(text, encoding="utf-8")


def chroot(root: Path, *command: str, **kwargs) -> subprocess.CompletedProcess:
    return run(["chroot", str(root), *command], **kwargs)


def bootstrap(root: Path, cache: Optional[Path], sources: Optional[str], extra: Sequence[str] = ()) -> None:
    """mmdebstrap: the packages, from the configured source; .deb files kept in and taken from `cache`."""
    command = ["mmdebstrap", "--variant=apt", "--mode=root", "--include=" + ",".join((*PACKAGES, *extra)),
               "--dpkgopt=path-exclude=/usr/share/doc/*", "--dpkgopt=path-exclude=/usr/share/man/*",
               "--dpkgopt=path-exclude=/usr/share/locale/*", "--dpkgopt=path-include=/usr/share/locale/locale.alias",
               # initramfs: gzip (zstd is not installed), and made once, after the module pruning (the
               # packages' own calls are diverted to a no-op until then)
               "--essential-hook=mkdir -p \"$1\"/etc/initramfs-tools/conf.d && echo COMPRESS=gzip > \"$1\"/etc/initramfs-tools/conf.d/kiosk.conf",
               f"--essential-hook=chroot \"$1\" dpkg-divert --quiet --local --rename --divert {LATER} --add {INITRAMFS}"
               f" && printf '#!/bin/sh\\nexit 0\\n' > \"$1\"{INITRAMFS} && chmod 755 \"$1\"{INITRAMFS}"]
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        command += ["--setup-hook=mkdir -p \"$1\"/var/cache/apt/archives/",
                    f"--setup-hook=sync-in {cache} /var/cache/apt/archives/",
                    "--skip=essential/unlink", "--skip=download/empty",
                    f"--customize-hook=sync-out /var/cache/apt/archives {cache}",
                    "--customize-hook=rm -f \"$1\"/var/cache/apt/archives/*.deb"]
    default_sources = Path("/etc/apt/sources.list.d/debian.sources")
    if sources is None and default_sources.is_file():
        sources = str(default_sources)
    command += [SUITE, str(root)] + ([sources] if sources else [])
    run(command)


def customize(root: Path, test_serial: bool) -> None:
    """Everything but the kiosk file and GRUB's password: the locks, the kernel's initramfs, GRUB's files."""
    place(root, system_files(test_serial))
    chroot(root, "useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
           "--shell", "/usr/sbin/nologin", "kiosk")
    # console-setup's font and keymap for the console-setup file placed above, made now: else every boot
    # remakes them (perl, slow on an old PC) and cannot save them on the read-only disk.
    for stale in (root / "etc/console-setup").glob("cached_*"):
        stale.unlink()
    chroot(root, "setupcon", "--save-only", "--force")
    (root / "etc/machine-id").write_text("uninitialized\n")  # a new one in RAM at each boot
    for folder in ("var/lib/apt/lists", "var/cache/apt", "var/cache/debconf", "var/log"):
        for path in (root / folder).glob("*"):
            if path.is_file() and not path.is_symlink():
                path.unlink()
    (root / INITRAMFS.lstrip("/")).unlink()
    chroot(root, "dpkg-divert", "--quiet", "--local", "--rename", "--divert", LATER, "--remove", INITRAMFS)
    for version in sorted((root / "lib/modules").iterdir()):
        for part in NOT_NEEDED:
            shutil.rmtree(version / part, ignore_errors=True)
        chroot(root, "depmod", version.name)
        chroot(root, "update-initramfs", "-c", "-k", version.name, stdout=subprocess.DEVNULL)
    (root / "boot/grub/i386-pc").mkdir(parents=True, exist_ok=True)
    for module in (root / "usr/lib/grub/i386-pc").glob("*"):
        if module.suffix in (".mod", ".lst", ".img"):
            shutil.copyfile(module, root / "boot/grub/i386-pc" / module.name)
    chroot(root, "grub-mkimage", "-O", "i386-pc", "-o", "/boot/grub/i386-pc/core.img",
           "-p", "(hd0,msdos1)/boot/grub", "biosdisk", "part_msdos", "ext2", "normal", "linux", "password_pbkdf2")


def finish(root: Path, pyz: Path, password_hash: str, root_uuid: str) -> None:
    """The kiosk file and GRUB's configuration (with this image's password and filesystem)."""
    (root / "opt/kiosk").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pyz, root / PYZ_PATH.lstrip("/"))
    os.chmod(root / PYZ_PATH.lstrip("/"), 0o644)
    kernel = sorted((root / "boot").glob("vmlinuz-*"))[-1].name
    initrd = sorted((root / "boot").glob("initrd.img-*"))[-1].name
    grub_file = root / "boot/grub/grub.cfg"
    grub_file.write_text(grub_cfg(password_hash, "boot/" + kernel, "boot/" + initrd, root_uuid))
    os.chmod(grub_file, 0o600)  # the hash is for root's eyes only


def mbr(boot_img: bytes, sectors: int, disk_id: int) -> bytes:
    """GRUB's boot sector (440 bytes of code) and one bootable Linux partition from sector START."""
    def chs(_: int) -> bytes:
        return b"\xfe\xff\xff"  # beyond CHS: every BIOS since the 1990s reads the LBA fields
    entry = struct.pack("<B3sB3sII", 0x80, chs(START), 0x83, chs(sectors - 1), START, sectors - START)
    return boot_img[:440] + struct.pack("<IH", disk_id, 0) + entry + bytes(48) + b"\x55\xaa"


def assemble(image: Path, root: Path, root_uuid: str, size_mb: Optional[int]) -> int:
    used = int(run(["du", "-s", "--block-size=1M", str(root)], capture_output=True, text=True).stdout.split()[0])
    size_mb = size_mb or int(used * 1.25) + 64  # room for ext4's own data
    sectors = size_mb * 2048
    with open(image, "wb") as out:
        out.truncate(size_mb * 1024 * 1024)
    fs_kb = (sectors - START) // 2
    run(["mke2fs", "-q", "-F", "-t", "ext4", "-L", "kiosk", "-U", root_uuid, "-d", str(root),
         "-E", f"offset={START * 512}", "-m", "0", str(image), f"{fs_kb}k"])
    boot_img = (root / "boot/grub/i386-pc/boot.img").read_bytes()
    core_img = (root / "boot/grub/i386-pc/core.img").read_bytes()
    if len(core_img) > (START - 1) * 512:
        raise ImageError("GRUB's core image does not fit before the filesystem")
    with open(image, "r+b") as out:
        out.write(mbr(boot_img, sectors, secrets.randbits(32)))
        out.seek(512)  # boot.img loads core.img from sector 1; core.img's own list goes on from sector 2
        out.write(core_img)
    return size_mb


def make_image(image: Path, pyz: Path, password_hash: str, cache: Optional[Path] = None,
               sources: Optional[str] = None, size_mb: Optional[int] = None, test_serial: bool = False,
               workdir: Optional[Path] = None, keep_system: Optional[Path] = None) -> int:
    """Write the image; return its size in MB. `test_serial`: the boot test's image (a root shell on the
    serial port, TEST_PACKAGES). `keep_system`: a folder that keeps the system (all but the kiosk file
    and GRUB's password) between builds, for the boot test: made once, reused after."""
    if os.geteuid() != 0:
        raise ImageError("run as root (mmdebstrap installs packages and sets owners in the image)")
    if shutil.which("mmdebstrap") is None:
        raise ImageError("mmdebstrap is not installed: apt-get install mmdebstrap")
    with tempfile.TemporaryDirectory(prefix="kiosk-image-", dir=workdir) as tmp:
        root = (keep_system or Path(tmp)) / "root"
        ready = (keep_system or Path(tmp)) / "ready"
        if not ready.exists():
            if root.exists():
                shutil.rmtree(root)
            bootstrap(root, cache, sources, TEST_PACKAGES if test_serial else ())
            customize(root, test_serial)
            ready.write_text("")
        root_uuid = str(uuid.uuid4())
        finish(root, pyz, password_hash, root_uuid)
        return assemble(image, root, root_uuid, size_mb)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_image.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("image", type=Path, help="the disk image to write (raw; dd it onto a USB stick)")
    parser.add_argument("--pyz", type=Path, required=True, help="the one-file kiosk (kiosk --make-pyz), config baked in")
    add_options(parser)
    return parser


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--grub-password-hash", metavar="HASH",
                        help="GRUB administrator's password as grub-mkpasswd-pbkdf2 prints it (default: a new "
                             "random password, printed once)")
    parser.add_argument("--cache", metavar="DIR", type=Path, help="keep the downloaded .deb files here and use them next time")
    parser.add_argument("--sources", metavar="FILE", help="apt sources for the image (default: this machine's Debian source)")
    parser.add_argument("--size", metavar="MB", type=int, help="image size in MB (default: what it needs)")


def password_for(given: Optional[str]) -> tuple:
    """(hash, password to print once or None)."""
    if given:
        if not given.startswith("grub.pbkdf2.sha512."):
            raise ImageError("--grub-password-hash: expected what grub-mkpasswd-pbkdf2 prints (grub.pbkdf2.sha512....)")
        return given, None
    password = "-".join(secrets.token_hex(3) for _ in range(4))
    return grub_hash(password), password


def report(image: Path, size_mb: int, password: Optional[str]) -> List[str]:
    lines = [f"Wrote {image} ({size_mb} MB). Put it on a USB stick: dd if={image} of=/dev/sdX bs=4M conv=fsync",
             "Then on the PC: set a BIOS/UEFI password, boot from the stick (legacy/CSM boot) and put it first in the boot order."]
    if password is not None:
        lines.append(f"GRUB administrator (to edit boot entries): user {GRUB_USER}, password {password}")
        lines.append("  Write it down now: it is shown only this once and stored nowhere (only its hash is in the image).")
    return lines


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        password_hash, password = password_for(args.grub_password_hash)
        size = make_image(args.image, args.pyz, password_hash, args.cache, args.sources, args.size)
    except ImageError as error:
        print(f"make_image: not written: {error}", file=sys.stderr)
        return 1
    print("\n".join(report(args.image, size, password)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
