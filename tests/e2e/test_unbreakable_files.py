"""Issue 16 items 5 and 8: hostile files are one-line errors naming the file, never a hang, a
traceback or a flood of memory; and a config that fails to load never loses kiosk mode."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import CONTENT
from support import KIOSK

from kiosk.cli import main
from kiosk.data.config import load_config
from kiosk.data.tomlfile import MAX_FILE_BYTES, ContentError, read_toml
from kiosk.ui.shared_terminal.kiosk_mode import SharedTerminalApp

DEEP = "x = " + "[" * 500 + "]" * 500 + "\n"  # 1 KB


@pytest.fixture
def pack(tmp_path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(CONTENT, root)
    return root


def run_check(*args: str, timeout: float = 20) -> subprocess.CompletedProcess:
    """The installed command, so a hang is a timeout, not a stuck test run."""
    return subprocess.run([str(KIOSK), "--check", *args], capture_output=True, text=True, timeout=timeout)


def one_error_naming(out: str, path: Path, words: str) -> None:
    lines = [line for line in out.splitlines() if f"{path}:" in line]
    assert len(lines) == 1 and words in lines[0], out
    assert "Traceback" not in out


# Item 5: hostile files ---------------------------------------------------------------------------------
def test_deep_nesting_is_an_error_not_a_recursion_error(tmp_path):
    config = tmp_path / "deep.toml"
    config.write_text(DEEP)
    with pytest.raises(ContentError, match="nested at most"):
        read_toml(config)
    done = run_check("--config", str(config))
    assert done.returncode == 1
    one_error_naming(done.stdout, config, "nested at most")


def test_deep_nesting_in_emergency_toml_leaves_the_fallback_emergency_screen(pack, tmp_path):
    (pack / "emergency.toml").write_text(DEEP)
    done = run_check("--content", str(pack))
    assert done.returncode == 1
    one_error_naming(done.stdout, pack / "emergency.toml", "nested at most")


async def test_the_app_with_a_deep_emergency_toml_still_opens_emergency(pack, app_factory):
    (pack / "emergency.toml").write_text(DEEP)
    (pack / "pages" / "what-is-heroin-dependence.toml").write_text(DEEP)
    app = app_factory(content=pack, mode="kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "EmergencyScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "welcome"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_config_or_page_is_refused_at_once(pack, tmp_path):
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    page = pack / "pages" / "zz-fifo.toml"
    os.mkfifo(page)
    started = time.monotonic()
    done = run_check("--config", str(fifo), "--content", str(pack))
    assert time.monotonic() - started < 15
    assert done.returncode == 1
    one_error_naming(done.stdout, fifo, "FIFO")
    one_error_naming(done.stdout, page, "FIFO")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
async def test_the_app_with_a_fifo_page_never_freezes(pack, app_factory):
    os.mkfifo(pack / "pages" / "zz-fifo.toml")
    app = app_factory(content=pack, mode="kiosk")
    result = {}

    async def visit() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("space")
            await pilot.press("slash")
            await pilot.press(*"naloxone")  # search reads every page
            await pilot.pause()
            await pilot.press("ctrl+e")  # e would be typed into the search field
            await pilot.pause()
            result["screen"] = type(app.screen).__name__

    import asyncio

    await asyncio.wait_for(visit(), timeout=30)
    assert result["screen"] == "EmergencyScreen"


def test_a_symlink_to_dev_zero_is_refused_without_reading_it(tmp_path):
    link = tmp_path / "config.toml"
    link.symlink_to("/dev/zero")
    done = run_check("--config", str(link), timeout=10)
    assert done.returncode == 1
    one_error_naming(done.stdout, link, "regular file")


def test_a_file_growing_past_the_limit_is_never_read_whole(tmp_path):
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES + 10) + b"\n")
    with pytest.raises(ContentError, match=f"at most {MAX_FILE_BYTES} bytes"):
        read_toml(big)


# Item 8: fail closed ------------------------------------------------------------------------------------
def failure_kinds(tmp_path: Path) -> dict:
    kinds = {}

    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    kinds["parse error elsewhere"] = write("parse.toml", b'mode = "kiosk"\nidle_seconds = = 5\n')
    kinds["too big"] = write("big.toml", b'mode = "kiosk"\n# ' + b"x" * (MAX_FILE_BYTES + 1) + b"\n")
    kinds["not UTF-8"] = write("latin1.toml", b'mode = "kiosk"\nwelcome_title = "caf\xe9"\n')
    unreadable = write("unreadable.toml", b'mode = "kiosk"\n')
    unreadable.chmod(0)
    kinds["unreadable"] = unreadable
    kinds["a directory"] = tmp_path / "adir.toml"
    kinds["a directory"].mkdir()
    kinds["mode Kiosk"] = write("capital.toml", b'mode = "Kiosk"\n')
    kinds["mode 1"] = write("number.toml", b"mode = 1\n")
    kinds["unknown key"] = write("unknown.toml", b'mode = "kiosk"\nmdoe = "personal"\n')
    kinds["deep"] = write("deep.toml", DEEP.encode())
    kinds["missing"] = tmp_path / "missing.toml"
    kinds["dev zero"] = tmp_path / "zero.toml"
    kinds["dev zero"].symlink_to("/dev/zero")
    if hasattr(os, "mkfifo"):
        kinds["FIFO"] = tmp_path / "fifo.toml"
        os.mkfifo(kinds["FIFO"])
    return kinds


def test_every_kind_of_broken_config_runs_in_kiosk_mode(tmp_path, app_factory):
    for kind, path in failure_kinds(tmp_path).items():
        if kind == "unreadable" and os.geteuid() == 0:
            continue  # root reads anything; covered by the permission check for other users
        config, errors = load_config(path)
        assert errors, kind
        assert str(path) in str(errors[0]), kind
        assert config.kiosk_mode and config.failed_closed, kind
        assert isinstance(app_factory(config=config), SharedTerminalApp), kind


def test_a_valid_config_keeps_its_mode(tmp_path):
    for text, mode in (('mode = "personal"\n', "personal"), ('mode = "kiosk"\n', "kiosk"), ('theme = "default"\n', "personal"),
                       ('mode = "personal"\nidle_seconds = 5\n', "personal")):  # a bad value elsewhere: only that part
        path = tmp_path / "ok.toml"
        path.write_text(text)
        config, _errors = load_config(path)
        assert config.mode == mode and not config.failed_closed, text


def test_the_command_line_says_so_and_check_explains(tmp_path, capsys):
    path = tmp_path / "capital.toml"
    path.write_text('mode = "Kiosk"\n')
    assert main(["--check", "--config", str(path)]) == 1
    out = capsys.readouterr().out
    assert "mode kiosk" in out and "locked down" in out


def test_a_broken_config_starts_locked_down_in_a_real_terminal(kiosk_tmux, tmp_path):
    config = tmp_path / "broken.toml"
    config.write_text('mode = "kiosk"\nwelcome_title = "Hello"\nidle_seconds = = 5\n')
    t = kiosk_tmux(f"--config {config}")
    t.wait_for("Press any key to start")
    t.keys("C-q")
    time.sleep(0.3)
    t.keys("Space")
    t.wait_for("Quick exit")
    t.keys("Escape")
    t.wait_for("Press any key to start")
    assert "kiosk-exited-with" not in t.everything()


def test_reading_never_blocks_the_caller(tmp_path):
    """A FIFO with no writer: open and read return at once (the app's event loop would freeze)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    finished = threading.Event()

    def read() -> None:
        try:
            read_toml(fifo)
        except ContentError:
            finished.set()

    threading.Thread(target=read, daemon=True).start()
    assert finished.wait(5)
