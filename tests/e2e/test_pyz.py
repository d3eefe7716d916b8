"""The single file (`kiosk --make-pyz`), used as an outreach worker would: made by the installed kiosk,
then run with nothing but Python (`-S`: no site-packages, every module must come from the file), in a
network namespace with no network (`unshare -n`), with a clean environment and a read-only HOME, on
this machine's Python and on Python 3.9 (pyenv, where present). Nothing may appear under HOME, the
file's folder or the working folder."""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
from conftest import CONTENT
from support import KIOSK, Terminal

from kiosk import __version__

EMERGENCY_NUMBER = "0800 555 0199"
CONFIG = f'region = "UK"\nemergency_number = "{EMERGENCY_NUMBER}"\n'
XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")

# The Pythons that run the file: this one, outside its venv, and the oldest supported, where pyenv has it.
DEFAULT_PYTHON = os.path.realpath(sys.executable)
PY39 = sorted(Path.home().glob(".pyenv/versions/3.9*/bin/python"))
PYTHONS = [pytest.param(DEFAULT_PYTHON, id="default-python"),
           pytest.param(str(PY39[-1]) if PY39 else "", id="python3.9",
                        marks=pytest.mark.skipif(not PY39, reason="no Python 3.9 in ~/.pyenv/versions"))]


def no_network_prefix() -> Tuple[Optional[List[str]], str]:
    """The command prefix that runs a program without any network, or None and why not."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None, "unshare (util-linux) is not installed"
    for prefix in ([unshare, "-n"], [unshare, "-rn"]):  # as root; else in a user namespace
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix, ""
    return None, "unshare -n is not permitted here (needs root or unprivileged user namespaces)"


NO_NETWORK, WHY_NOT = no_network_prefix()
pytestmark = [
    pytest.mark.skipif(NO_NETWORK is None, reason=WHY_NOT or "no network namespace"),
    pytest.mark.skipif(shutil.which("tmux") is None or not KIOSK.exists(), reason="needs tmux and the installed kiosk"),
]


# Run the file as `python -S kiosk.pyz` does (runpy puts the zip first on sys.path and runs its
# __main__.py), under an audit hook that ends the process at any attempt to use the network: the
# namespace makes an attempt fail, this makes it visible.
NETWORK_WATCH = """
import os, sys
def watch(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto") or (
            event == "socket.__new__" and args[1] in (2, 10)):  # AF_INET, AF_INET6 (asyncio's own pipe is AF_UNIX)
        sys.__stderr__.write("NETWORK ATTEMPT: %s\\n" % event)
        os._exit(97)
sys.addaudithook(watch)
import runpy
sys.argv[:2] = [sys.argv[1]]  # as `python kiosk.pyz ARGS` sets it
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def snapshot(*roots: Path) -> Dict[str, Tuple[int, int]]:
    """Every file and folder under `roots`, with size and modification time."""
    seen = {}
    for root in roots:
        for folder, dirs, names in os.walk(root):
            for name in dirs + names:
                path = os.path.join(folder, name)
                info = os.lstat(path)
                seen[path] = (info.st_size, info.st_mtime_ns)
    return seen


class Place:
    """A read-only HOME, the USB stick's folder with the file, and a working folder."""

    def __init__(self, root: Path, pyz: Path) -> None:
        self.home, self.usb, self.work = root / "home", root / "usb", root / "work"
        for folder in (self.home, self.usb, self.work):
            folder.mkdir()
        self.pyz = self.usb / "kiosk.pyz"
        shutil.copy2(pyz, self.pyz)
        self.env = {"HOME": str(self.home), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "TMPDIR": str(self.home),
                    "TERM": "xterm-256color"}
        for name in XDG:
            (self.home / name.lower()).mkdir()
            self.env[name] = str(self.home / name.lower())
        self.read_only = [self.home] + [self.home / n.lower() for n in XDG]
        for folder in self.read_only:
            folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        self.before = self.listing()

    def listing(self) -> Dict[str, Tuple[int, int]]:
        return snapshot(self.home, self.usb, self.work)

    def command(self, python: str, *args: str, isolated: bool = True, watched: bool = False) -> List[str]:
        """`python [-S] kiosk.pyz args`, with no network and only our environment."""
        env = [f"{k}={v}" for k, v in self.env.items()]
        run = ["-c", NETWORK_WATCH] if watched else []
        return [*NO_NETWORK, "env", "-i", *env, python, *(["-S"] if isolated else []), *run, str(self.pyz), *args]

    def run(self, python: str, *args: str, isolated: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(python, *args, isolated=isolated), cwd=self.work,
                              capture_output=True, text=True, timeout=120)

    def restore(self) -> None:
        for folder in self.read_only:
            folder.chmod(stat.S_IRWXU)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The file with a config baked in, made by the installed kiosk (its usual command)."""
    folder = tmp_path_factory.mktemp("make")
    (folder / "outreach.toml").write_text(CONFIG, encoding="utf-8")
    done = subprocess.run([str(KIOSK), "--make-pyz", str(folder / "kiosk.pyz"), "--config", "outreach.toml"],
                          cwd=folder, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"Wrote {folder / 'kiosk.pyz'}" in done.stdout and "python3" in done.stdout
    return folder / "kiosk.pyz"


@pytest.fixture
def place(tmp_path, made):
    where = Place(tmp_path, made)
    yield where
    where.restore()


def test_the_namespace_really_has_no_network(place):
    probe = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=3)"
    done = subprocess.run([*NO_NETWORK, DEFAULT_PYTHON, "-S", "-c", probe], capture_output=True, text=True, timeout=30)
    assert done.returncode != 0 and "Network is unreachable" in done.stderr


def test_what_the_file_holds(made):
    with zipfile.ZipFile(made) as zf:
        names = set(zf.namelist())
        assert zf.read("kiosk/baked/config.toml").decode() == CONFIG
        main = zf.read("__main__.py").decode()
    assert main.index("sys.dont_write_bytecode = True") < main.index("from kiosk.entry import main")
    for name in ("kiosk/content/pack.toml", "kiosk/ui/app.tcss", "kiosk/ui/screens/emergency.tcss",
                 "textual/app.py", "rich/console.py", "segno/__init__.py", "tomli/_parser.py", "typing_extensions.py"):
        assert name in names, name
    assert not [n for n in names if n.endswith((".so", ".pyd")) or "__pycache__" in n]
    assert made.read_bytes().startswith(b"#!/usr/bin/env python3\n")


@pytest.mark.parametrize("python", PYTHONS)
def test_check_and_version_from_the_file(place, python):
    done = place.run(python, "--check", isolated=False)  # as a person types it: python3 kiosk.pyz --check
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK: no problems found." in done.stdout and "Traceback" not in done.stderr
    assert f"Config: {place.pyz}/kiosk/baked/config.toml" in done.stdout
    assert f"Content: {place.pyz}/kiosk/content" in done.stdout  # read inside the zip, never extracted
    assert "Languages: en, es" in done.stdout and "es (Español): " in done.stdout  # language folders too
    done = place.run(python, "--version")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith(f"kiosk {__version__}\n") and "Content pack: Heroin dependence, version" in out
    assert f"(region UK, emergency number {EMERGENCY_NUMBER}, mode personal)" in out
    assert f"Running from the single file {place.pyz}, made with Python {sys.version.split()[0]}" in out
    assert "config outreach.toml" in out
    assert place.listing() == place.before


@pytest.mark.parametrize("python", PYTHONS)
def test_the_kiosk_runs_from_the_file_offline_and_writes_nothing(place, python):
    inner = " ".join(shlex.quote(a) for a in place.command(python, watched=True))
    term = Terminal(["sh", "-c", f"cd {shlex.quote(str(place.work))} && {inner}; echo exit status $?; sleep 60"])
    try:
        home = term.wait_for("What is heroin dependence?", timeout=90)  # 3.9 compiles the source first
        assert "Traceback" not in home
        time.sleep(0.5)  # a person reads before pressing; keys sent mid-start-up can be lost
        term.send("e")
        screen = term.wait_for("Signs of an overdose", timeout=20)
        assert f"Call: {EMERGENCY_NUMBER} now." in screen  # the baked config's number
        term.send("g")
        term.wait_for("Step 1 of", timeout=20)  # the guide: its stylesheet and words from the zip
        term.send("C-q")
        assert "NETWORK ATTEMPT" not in term.wait_for("exit status 0", timeout=20)
    finally:
        term.close()
    assert place.listing() == place.before  # not one file or folder appeared or changed


@pytest.mark.parametrize("python", PYTHONS)
def test_the_file_copies_itself_on(place, python, tmp_path):
    """A worker with the file makes a copy for a colleague, and one with another pack baked in."""
    out = tmp_path / "copies"
    out.mkdir()
    copy = out / "copy.pyz"
    done = place.run(python, "--make-pyz", str(copy))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(place.pyz) as original, zipfile.ZipFile(copy) as copied:
        sources = [n for n in original.namelist() if not n.endswith((".marshal", "about.toml"))]
        assert sources == [n for n in copied.namelist() if not n.endswith((".marshal", "about.toml"))]
        assert all(original.read(n) == copied.read(n) for n in sources)  # the config and pack included
        tag = subprocess.run([python, "-S", "-c", "import sys; print(sys.implementation.cache_tag)"],
                             capture_output=True, text=True, check=True).stdout.strip()
        assert f"kiosk-bytecode/{tag}.marshal" in copied.namelist()  # for the Python that made the copy
        tables = [n for n in original.namelist() if n.endswith(".marshal")]
        assert set(tables) <= set(copied.namelist())  # and the others the file had
    done = subprocess.run([python, "-S", str(copy), "--version"], capture_output=True, text=True, timeout=60)
    assert f"emergency number {EMERGENCY_NUMBER}" in done.stdout

    pack = tmp_path / "pack"
    shutil.copytree(CONTENT, pack)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('title = "Heroin dependence"', 'title = "Local pack"', 1),
                        encoding="utf-8")
    other = out / "other.pyz"
    done = place.run(python, "--make-pyz", str(other), "--content", str(pack))
    assert done.returncode == 0, done.stderr
    done = subprocess.run([python, "-S", str(other), "--version"], capture_output=True, text=True, timeout=60)
    assert "Content pack: Local pack" in done.stdout and "from the folder pack" in done.stdout

    (pack / "pages" / "what-is.toml").write_text("title = \n", encoding="utf-8")
    done = place.run(python, "--make-pyz", str(out / "broken.pyz"), "--content", str(pack))
    assert done.returncode == 1 and "not written" in done.stderr and "what-is.toml:1" in done.stderr
    done = place.run(python, "--make-pyz", str(place.pyz))
    assert done.returncode == 1 and "the file this kiosk runs from" in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["copy.pyz", "other.pyz"]  # nothing half-written
    assert place.listing() == place.before


def test_systemd_unit_from_the_file_runs_the_file(place):
    """Boot-to-kiosk from the one file (the offline route): the unit runs the file with its own config,
    not a venv's `kiosk`, and names no path inside the zip as a file to copy (issue 24)."""
    done = place.run(DEFAULT_PYTHON, "--print-systemd-unit")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    exec_start = next(line for line in out.splitlines() if line.startswith("ExecStart=/bin/sh"))
    assert exec_start.endswith(f"exec {DEFAULT_PYTHON} {place.pyz} --mode kiosk\""), exec_start
    assert f"    {DEFAULT_PYTHON} {place.pyz} --mode kiosk\n" in out  # the autologin session script too
    assert ".venv" not in out and "--config /etc/kiosk" not in out  # the config baked into the file
    assert f"{place.pyz}/kiosk" not in out  # no path inside the zip
    for name in ("kiosk.service", "system-kiosk.conf", "kiosk-keymap.service", "grub-kiosk-password"):
        assert f"# ===== {name} (from kiosk/deploy/{name} in {place.pyz}) =====" in out
    assert place.listing() == place.before


# Counts what Python compiles from the file's sources (the "compile" audit event) while the file runs.
COMPILE_WATCH = """
import atexit, sys
compiled = []
def watch(event, args):
    if event == "compile" and isinstance(args[1], str) and ".pyz/" in args[1] and not args[1].endswith("/__main__.py"):
        compiled.append(args[1])
sys.addaudithook(watch)
atexit.register(lambda: sys.__stderr__.write("COMPILED %d %s\\n" % (len(compiled), compiled[:3])))
import runpy
sys.argv[:2] = [sys.argv[1]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.mark.parametrize("python", PYTHONS)
def test_the_file_carries_bytecode_for_each_python(made, python):
    """Made on a machine with several Pythons, the file carries compiled code for each (issue 24: 3.9
    started 3.7x slower than installed, compiling every module at every start); none is compiled."""
    with zipfile.ZipFile(made) as zf:
        tables = {n[len("kiosk-bytecode/"):-len(".marshal")] for n in zf.namelist() if n.endswith(".marshal")}
        carried = zf.read("kiosk/baked/about.toml").decode()
    tag = subprocess.run([python, "-S", "-c", "import sys; print(sys.implementation.cache_tag)"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert tag in tables and tag in carried
    done = subprocess.run([python, "-S", "-c", COMPILE_WATCH, str(made), "--check"], capture_output=True, text=True,
                          timeout=120, cwd=made.parent)
    assert done.returncode == 0, done.stderr
    assert "COMPILED 0 []" in done.stderr, done.stderr  # every kiosk and library module from bytecode
