"""Issue 16 items 4, 7, 15: the start of the kiosk command (kiosk/entry.py), in a real terminal."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from conftest import kiosk_terminal
from support import KIOSK
from test_unbreakable_e2e import HOME, WELCOME

from kiosk.entry import may_be_kiosk, runs_app

DEPLOY = Path(__file__).resolve().parents[2] / "kiosk" / "deploy"


@pytest.mark.parametrize("argv, kiosk", [
    (["--mode", "kiosk"], True), (["--mode=kiosk"], True), (["--config", "x.toml"], True),
    (["--config=x.toml", "--mode", "personal"], False), ([], False), (["--mode", "personal"], False),
    (["--check", "--mode", "kiosk"], False), (["--hash-secret", "--config", "x"], False),
])
def test_which_runs_are_locked_down_before_anything_is_imported(argv, kiosk):
    assert may_be_kiosk(argv) is kiosk


def test_admin_commands_are_not_the_app():
    assert not runs_app(["--check"]) and not runs_app(["--version"]) and runs_app(["--theme", "default"])


def ignores_sigint(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        mask = int(status.read_text().split("SigIgn:")[1].split()[0], 16)
    except (OSError, IndexError):
        return False
    return bool(mask & (1 << (2 - 1)))


def test_ctrl_c_and_ctrl_backslash_before_raw_mode_do_nothing_in_kiosk_mode(tmp_path):
    """From the moment the kiosk's own code runs (kiosk/entry.py) until Textual takes the terminal
    (~0.3 s of imports), the signal keys still raise signals: they must be ignored. The kiosk is the
    pane's process itself (a wrapping shell would get the signals too)."""
    t = kiosk_terminal(tmp_path, [str(KIOSK), "--mode", "kiosk"])
    try:
        pid = t.kiosk_pid()
        deadline = time.monotonic() + 20
        while not ignores_sigint(pid) and time.monotonic() < deadline:
            time.sleep(0.002)
        sent = 0
        while WELCOME not in t.screen() and time.monotonic() < deadline:
            t.keys("C-c", "C-\\", "C-z")
            sent += 1
        assert sent >= 1  # the keys did land in the window before raw mode
        t.wait_for(WELCOME)
        t.keys("C-c", "C-\\", "C-z")
        time.sleep(0.3)
        everything = t.everything()
        assert t.alive() and "Traceback" not in everything, everything
        t.keys("Space")
        t.wait_for(HOME)
    finally:
        t.close()


@pytest.mark.parametrize("name", ["kiosk.service", "kiosk-session.sh"])
def test_deployments_start_the_kiosk_with_the_signal_keys_ignored(name):
    """Before any kiosk code runs (Python's own start-up), only the parent can ignore them for it."""
    text = (DEPLOY / name).read_text(encoding="utf-8")
    assert "trap '' INT QUIT TSTP" in text


def test_personal_mode_still_ends_on_ctrl_c_before_the_app_runs():
    """Only kiosk mode is locked: a personal run keeps Python's Ctrl+C until Textual takes the keys."""
    assert not may_be_kiosk([])


@pytest.mark.parametrize("stdin", ["/dev/null", "file"])
def test_stdin_not_a_terminal_is_one_line_and_an_exit(tmp_path, stdin):
    source = tmp_path / "input.txt"
    source.write_text("e\n")
    path = "/dev/null" if stdin == "/dev/null" else str(source)
    with open(path) as handle:
        done = subprocess.run([str(KIOSK), "--mode", "kiosk"], stdin=handle, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "terminal" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_absurd_columns_and_lines_are_ignored_for_the_real_size(kiosk_tmux):
    """COLUMNS/LINES say 200x60 (or 100000x100000) in an 80x24 terminal: the kiosk draws 80x24."""
    t = kiosk_tmux("--mode kiosk", env="COLUMNS=200 LINES=60")
    t.wait_for(WELCOME)
    t.keys("Space")
    screen = t.wait_for(HOME)
    assert "Esc  Quick exit" in screen.splitlines()[0]  # the right end of the top bar is on screen
    t2 = kiosk_tmux("--mode kiosk", env="COLUMNS=100000 LINES=100000")
    t2.wait_for(WELCOME)
    pid = t2.kiosk_pid()
    rss = int(Path(f"/proc/{pid}/status").read_text().split("VmRSS:")[1].split()[0])
    assert rss < 300_000, f"{rss} kB"  # (was growing by ~40 MB/s)
    t2.keys("Space")
    t2.wait_for(HOME)


def test_no_bytecode_is_written_at_run_time(kiosk_tmux, tmp_path):
    """With a bytecode cache prefix, Python would write every module it imports there (as an install
    made with --no-compile would beside the code): nothing may appear, whatever screens were used."""
    prefix = tmp_path / "pycache"
    prefix.mkdir()
    t = kiosk_tmux("--mode kiosk", env=f"PYTHONPYCACHEPREFIX={prefix}")
    t.wait_for(WELCOME)
    t.keys("Space")
    t.wait_for(HOME)
    for key, shown in (("/", "Results appear"), ("Escape", WELCOME), ("e", "EMERGENCY"), ("f", "Find help")):
        t.keys(key)
        t.wait_for(shown)
    t.keys("Escape")
    t.wait_for(WELCOME)
    written = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*.pyc"))
    assert any("site-packages" not in w for w in written)  # Python's own start-up modules: the test works
    # Only what runs before kiosk/__init__.py sets sys.dont_write_bytecode: Python's start-up.
    late = [w for w in written if any(f"/{name}/" in w for name in ("kiosk", "textual", "rich", "asyncio", "segno"))
            and not w.endswith("kiosk/__init__.cpython-311.pyc")]
    assert late == []


def test_the_unit_forbids_bytecode_too():
    unit = (DEPLOY / "kiosk.service").read_text(encoding="utf-8")
    assert "Environment=PYTHONDONTWRITEBYTECODE=1" in unit
